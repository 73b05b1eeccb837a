/**
 * A fast path for validating records against a family's zod wire schema. zod's generic machinery
 * (a payload object, a run closure and a check loop per field, megamorphic calls) costs about a
 * microsecond per record, several times the checks themselves; every record of every batch pays
 * it at ingest and again at processing.
 *
 * {@link wireFastPath} reads the schema's definition once and builds functions that run the same
 * checks on the record: generated code for each object, as zod itself does, with the checks of
 * its strings, numbers, booleans and enums written inline (no call per field), each identifier's
 * pattern as a loop over its characters where it has the shape for one (`simple-pattern.ts`), and
 * the output written as one object literal. It
 * only ever *accepts*: for a record it can vouch for, it returns what the schema would return (a
 * new object, keys in the schema's order); for anything else (an invalid record, or one near a
 * limit where zod's own counting decides) it returns `undefined`, and the schema itself must be
 * asked, for the verdict and for its error messages. A schema using anything it does not know
 * (transforms, defaults, other checks or formats) gets no fast path at all. It reads zod's
 * internal definitions: its property tests, which hold it to zod's verdicts and output, must
 * pass again whenever zod is upgraded.
 */
import type { z } from 'zod';
import { simplePatternTest } from './simple-pattern.ts';

/** The schema's output for an input it vouches for; `undefined` when zod must decide. */
export type WireFastPath<T> = (raw: unknown) => T | undefined;

/** Returned by compiled code when it cannot vouch for a value. */
const unsure: unique symbol = Symbol('unsure');
type Node = (value: unknown) => unknown;

/** The parts of zod's definitions read here (zod 4: `schema._zod.def`, `check._zod.def`). */
interface Definition {
  readonly type?: string;
  readonly check?: string;
  readonly coerce?: boolean;
  readonly checks?: readonly Internal[];
  readonly format?: string;
  readonly pattern?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly fn?: unknown;
  readonly shape?: Readonly<Record<string, Internal>>;
  readonly catchall?: Internal;
  readonly element?: Internal;
  readonly innerType?: Internal;
  readonly options?: readonly Internal[];
  readonly discriminator?: string;
  readonly unionFallback?: boolean;
}
interface Internal {
  readonly _zod: { readonly def: Definition; readonly values?: ReadonlySet<unknown> };
}

/** String formats whose whole check is their pattern (others, like `url`, run code of their own). */
const patternFormats = new Set(['regex', 'datetime']);

/**
 * Code under construction. Everything the code refers to (patterns, refinements, nested parsers)
 * is handed to it in one array, written in the code as `k[i]`; keys and strings are written as
 * JSON string literals and numbers as numerals, so no value of a schema can inject code.
 */
class Code {
  readonly constants: unknown[] = [];

  ref(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  /** A function built from `body` (which returns it), or `undefined` where code generation is refused. */
  build(body: string): Node | undefined {
    try {
      return new Function('k', 'unsure', 'isPlainObject', body)(this.constants, unsure, isPlainObject) as Node;
    } catch {
      // Code generation refused (`--disallow-code-generation-from-strings`, a strict CSP): zod decides alone.
      return undefined;
    }
  }
}

/** A number as code: a numeral where one exists, the value itself otherwise. */
function numeral(value: number, code: Code): string {
  return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? String(value) : code.ref(value);
}

/** A condition, as code over the variable `v`. */
type Condition = (v: string) => string;

/**
 * A condition that holds only when the check surely passes. Every check is run, even one zod
 * would skip (a check's `when`), so this is never less strict than zod. Lengths of strings are
 * counted by zod in code points; a string of n UTF-16 units has between n/2 and n of them, so
 * only strings whose verdict does not depend on the count are vouched for.
 */
function compileCheck(check: Internal, kind: 'string' | 'number' | 'array', code: Code): Condition | undefined {
  const def = check._zod.def;
  switch (def.check) {
    case 'string_format': {
      const pattern = def.pattern;
      if (kind !== 'string' || !(pattern instanceof RegExp) || !patternFormats.has(def.format ?? '')) return undefined;
      // An identifier's pattern, as a loop over its characters where it has the shape for one.
      const scan = simplePatternTest(pattern);
      if (scan !== undefined) {
        const s = code.ref(scan);
        return (v) => `${s}(${v})`;
      }
      const p = code.ref(pattern);
      // As zod does: a global or sticky pattern keeps its position between calls.
      return pattern.global || pattern.sticky ? (v) => `(${p}.lastIndex = 0, ${p}.test(${v}))` : (v) => `${p}.test(${v})`;
    }
    case 'min_length': {
      const minimum = def.minimum;
      if (typeof minimum !== 'number' || kind === 'number') return undefined;
      const least = numeral(kind === 'array' ? minimum : 2 * minimum - 1, code);
      return (v) => `${v}.length >= ${least}`;
    }
    case 'max_length': {
      const maximum = def.maximum;
      if (typeof maximum !== 'number' || kind === 'number') return undefined;
      const most = numeral(maximum, code);
      return (v) => `${v}.length <= ${most}`;
    }
    case 'greater_than':
    case 'less_than': {
      const bound = def.value;
      if (typeof bound !== 'number' || kind !== 'number') return undefined;
      const operator = def.check === 'greater_than' ? (def.inclusive ? '>=' : '>') : def.inclusive ? '<=' : '<';
      const b = numeral(bound, code);
      return (v) => `${v} ${operator} ${b}`;
    }
    case 'number_format':
      // `.int()`: a safe integer (zod's range for it is the safe range itself).
      return kind === 'number' && def.format === 'safeint' ? (v) => `Number.isSafeInteger(${v})` : undefined;
    case 'custom': {
      // `.refine(fn)`: vouched for when fn says true; anything else (false, a promise) is zod's to judge.
      if (typeof def.fn !== 'function') return undefined;
      const fn = code.ref(def.fn);
      return (v) => `${fn}(${v}) === true`;
    }
    default:
      return undefined;
  }
}

/** The checks of a schema, all in one condition: its own when it is itself a check (a format), then those added to it. */
function compileChecks(schema: Internal, kind: 'string' | 'number' | 'array', code: Code): Condition[] | undefined {
  const def = schema._zod.def;
  const checks = def.check === undefined ? [...(def.checks ?? [])] : [schema, ...(def.checks ?? [])];
  const compiled: Condition[] = [];
  for (const check of checks) {
    const condition = compileCheck(check, kind, code);
    if (condition === undefined) return undefined;
    compiled.push(condition);
  }
  return compiled;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A schema as code over a variable: `test`, a condition that holds only when the schema surely
 * accepts the value as it is and returns it unchanged (strings, numbers, booleans); or `output`,
 * an expression that is the schema's output, or `unsure`.
 */
type Compiled = { readonly test: Condition } | { readonly output: (v: string) => string };

/** Enums of at most this many strings are matched by comparisons written out, more by a set. */
const writtenOutValues = 16;

/**
 * A schema as code, inline where it is a leaf (string, number, boolean, literal, enum: no call
 * per field, as zod's own generated object parsers have none), a call to its own parser otherwise.
 */
function compileValue(schema: Internal, code: Code): Compiled | undefined {
  const def = schema._zod.def;
  if (def.coerce === true) return undefined;
  switch (def.type) {
    case 'string': {
      const checks = compileChecks(schema, 'string', code);
      if (checks === undefined) return undefined;
      return { test: (v) => [`typeof ${v} === "string"`, ...checks.map((check) => check(v))].join(' && ') };
    }
    case 'number': {
      const checks = compileChecks(schema, 'number', code);
      if (checks === undefined) return undefined;
      // zod refuses NaN and the infinities for every number.
      return { test: (v) => [`typeof ${v} === "number"`, `Number.isFinite(${v})`, ...checks.map((check) => check(v))].join(' && ') };
    }
    case 'boolean':
      return (def.checks?.length ?? 0) > 0 ? undefined : { test: (v) => `typeof ${v} === "boolean"` };
    case 'literal':
    case 'enum': {
      // The set zod tests membership against (SameValueZero). A string comes back as the schema's
      // own value, written in the code (an internalized constant): a fold then compares event names
      // against its `case` labels by reference rather than character by character. A number is
      // returned as given (the set would also match -0 for 0).
      const values = schema._zod.values;
      if (values === undefined || (def.checks?.length ?? 0) > 0) return undefined;
      const strings = [...values].filter((value): value is string => typeof value === 'string');
      if (strings.length === values.size && strings.length <= writtenOutValues) {
        return { output: (v) => `(${strings.map((value) => `${v} === ${JSON.stringify(value)} ? ${JSON.stringify(value)} : `).join('')}unsure)` };
      }
      const set = code.ref(values);
      const canonical = code.ref(new Map(strings.map((value) => [value, value])));
      return { output: (v) => `(${set}.has(${v}) ? (typeof ${v} === "string" ? ${canonical}.get(${v}) : ${v}) : unsure)` };
    }
    default: {
      const node = compileNode(schema);
      if (node === undefined) return undefined;
      const n = code.ref(node);
      return { output: (v) => `${n}(${v})` };
    }
  }
}

/**
 * Statements that check the variable `v` and leave the output in `out` (declared by the caller),
 * or return `unsure`; and the expression of the output (`v` itself for a condition).
 */
function statements(compiled: Compiled, v: string, out: string): { readonly code: string; readonly output: string } {
  return 'test' in compiled
    ? { code: `if (!(${compiled.test(v)})) return unsure;`, output: v }
    : { code: `${out} = ${compiled.output(v)}; if (${out} === unsure) return unsure;`, output: out };
}

/** Optional keys up to this many get an object literal for each combination present; more, added one by one. */
const literalCombinations = 4;

/**
 * A strict object's parser as generated code, one statement per field with the key written out:
 * reads and writes with constant keys stay fast, where a loop over the keys would go through
 * V8's generic (megamorphic) property access for every field. zod generates its objects' parsers
 * the same way. The output is written as an object literal, keys in the schema's order.
 */
function compileObject(def: Definition): Node | undefined {
  // Strict objects only: their unknown keys are refused, never stripped or passed through.
  if (def.catchall?._zod.def.type !== 'never' || (def.checks?.length ?? 0) > 0 || def.shape === undefined) return undefined;
  const shape = def.shape;
  const keys = Object.keys(shape);
  const code = new Code();
  const literal = (key: string): string => JSON.stringify(key);
  const reads: string[] = [];
  const outputs: string[] = [];
  const optional: number[] = [];
  for (const [i, key] of keys.entries()) {
    const schema = shape[key] as Internal;
    const isOptional = schema._zod.def.type === 'optional';
    if (isOptional && (schema._zod.def.checks?.length ?? 0) > 0) return undefined;
    const inner = isOptional ? schema._zod.def.innerType : schema;
    const compiled = inner === undefined || key === '__proto__' ? undefined : compileValue(inner, code);
    if (compiled === undefined) return undefined;
    const { code: check, output } = statements(compiled, `r${i}`, `v${i}`);
    const declared = output === `v${i}` ? ` let v${i};` : '';
    outputs.push(output);
    if (isOptional) {
      optional.push(i);
      // An absent optional key stays absent, as zod leaves it; an explicit `undefined` is left to
      // zod (whether the key is kept depends on zod's rules).
      reads.push(
        `const r${i} = value[${literal(key)}];${declared} if (r${i} === undefined) { if (${literal(key)} in value) return unsure; } else { ${check} }`,
      );
    } else {
      // A required key absent (or `undefined`) is zod's to report.
      reads.push(`const r${i} = value[${literal(key)}];${declared} if (r${i} === undefined) return unsure; ${check}`);
    }
  }
  const objectOf = (present: ReadonlySet<number>): string =>
    `{ ${keys.flatMap((key, i) => (optional.includes(i) && !present.has(i) ? [] : [`${literal(key)}: ${outputs[i]}`])).join(', ')} }`;
  const construction: string[] = [];
  if (optional.length <= literalCombinations) {
    construction.push(`switch (${optional.length === 0 ? '0' : optional.map((i, bit) => `(r${i} === undefined ? 0 : ${1 << bit})`).join(' | ')}) {`);
    for (let mask = 0; mask < 1 << optional.length; mask++) {
      const present = new Set(optional.filter((_, bit) => (mask & (1 << bit)) !== 0));
      construction.push(`  case ${mask}: return ${objectOf(present)};`);
    }
    construction.push('}');
    construction.push('return unsure;');
  } else {
    construction.push('const output = {};');
    for (const [i, key] of keys.entries()) {
      construction.push(
        optional.includes(i) ? `if (r${i} !== undefined) output[${literal(key)}] = ${outputs[i]};` : `output[${literal(key)}] = ${outputs[i]};`,
      );
    }
    construction.push('return output;');
  }
  const body = [
    'return (value) => {',
    '  if (!isPlainObject(value)) return unsure;',
    // zod walks keys with `for...in` too: an unknown key (own or inherited) is zod's to report.
    `  for (const key in value) switch (key) { ${keys.map((key) => `case ${literal(key)}: `).join('')}break; default: return unsure; }`,
    ...reads.map((line) => `  ${line}`),
    ...construction.map((line) => `  ${line}`),
    '};',
  ].join('\n');
  return code.build(body);
}

function compileDiscriminatedUnion(def: Definition): Node | undefined {
  const discriminator = def.discriminator;
  if (discriminator === undefined || def.unionFallback === true || (def.checks?.length ?? 0) > 0 || def.options === undefined) return undefined;
  const byValue = new Map<unknown, Node>();
  for (const option of def.options) {
    const tag = option._zod.def.shape?.[discriminator];
    const node = compileNode(option);
    if (tag === undefined || tag._zod.def.type !== 'literal' || tag._zod.values === undefined || node === undefined) return undefined;
    for (const value of tag._zod.values) {
      if (byValue.has(value)) return undefined;
      byValue.set(value, node);
    }
  }
  return (value) => {
    if (!isPlainObject(value)) return unsure;
    const node = byValue.get(value[discriminator]);
    return node === undefined ? unsure : node(value);
  };
}

function compileArray(schema: Internal): Node | undefined {
  const def = schema._zod.def;
  const code = new Code();
  const element = def.element === undefined ? undefined : compileValue(def.element, code);
  const checks = compileChecks(schema, 'array', code);
  if (element === undefined || checks === undefined) return undefined;
  const { code: check, output } = statements(element, 'r', 'e');
  return code.build(
    [
      'return (value) => {',
      `  if (!Array.isArray(value)${checks.map((condition) => ` || !(${condition('value')})`).join('')}) return unsure;`,
      '  const output = new Array(value.length);',
      `  for (let i = 0; i < value.length; i++) { const r = value[i];${output === 'e' ? ' let e;' : ''} ${check} output[i] = ${output}; }`,
      '  return output;',
      '};',
    ].join('\n'),
  );
}

function compileNode(schema: Internal): Node | undefined {
  const def = schema._zod.def;
  if (def.coerce === true) return undefined;
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'literal':
    case 'enum': {
      const code = new Code();
      const compiled = compileValue(schema, code);
      if (compiled === undefined) return undefined;
      return code.build(`return (value) => ${'test' in compiled ? `(${compiled.test('value')}) ? value : unsure` : compiled.output('value')};`);
    }
    case 'optional': {
      const inner = def.innerType === undefined ? undefined : compileNode(def.innerType);
      if (inner === undefined || (def.checks?.length ?? 0) > 0) return undefined;
      // An explicit `undefined` is left to zod (whether the key is kept depends on zod's rules).
      return (value) => (value === undefined ? unsure : inner(value));
    }
    case 'array':
      return compileArray(schema);
    case 'object':
      return compileObject(def);
    case 'union':
      return compileDiscriminatedUnion(def);
    default:
      return undefined;
  }
}

const compiled = new WeakMap<object, WireFastPath<unknown> | null>();

/**
 * The fast path of `schema`, built on first use; `undefined` when the schema uses something the
 * fast path does not know (then every record goes to zod).
 */
export function wireFastPath<T>(schema: z.ZodType<T>): WireFastPath<T> | undefined {
  let fastPath = compiled.get(schema);
  if (fastPath === undefined) {
    const node = compileNode(schema as unknown as Internal);
    fastPath =
      node === undefined
        ? null
        : (raw) => {
            const parsed = node(raw);
            return parsed === unsure ? undefined : parsed;
          };
    compiled.set(schema, fastPath);
  }
  return (fastPath ?? undefined) as WireFastPath<T> | undefined;
}
