/**
 * A fast path for validating records against a family's zod wire schema. zod's generic machinery
 * (a payload object, a run closure and a check loop per field, megamorphic calls) costs about a
 * microsecond per record, several times the checks themselves; every record of every batch pays
 * it at ingest and again at processing.
 *
 * {@link wireFastPath} reads the schema's definition once and builds functions that run the same
 * checks on the record (plain closures, and generated code for objects, as zod itself does). It
 * only ever *accepts*: for a record it can vouch for, it returns what the schema would return (a
 * new object, keys in the schema's order); for anything else (an invalid record, or one near a
 * limit where zod's own counting decides) it returns `undefined`, and the schema itself must be
 * asked, for the verdict and for its error messages. A schema using anything it does not know
 * (transforms, defaults, other checks or formats) gets no fast path at all. It reads zod's
 * internal definitions: its property tests, which hold it to zod's verdicts and output, must
 * pass again whenever zod is upgraded.
 */
import type { z } from 'zod';

/** The schema's output for an input it vouches for; `undefined` when zod must decide. */
export type WireFastPath<T> = (raw: unknown) => T | undefined;

/** Returned by a compiled node when it cannot vouch for a value. */
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

type Value = string | number | readonly unknown[];
type CheckOf = (value: Value) => boolean;

/**
 * A predicate that holds only when the check surely passes. Every check is run, even one zod
 * would skip (a check's `when`), so this is never less strict than zod. Lengths of strings are
 * counted by zod in code points; a string of n UTF-16 units has between n/2 and n of them, so
 * only strings whose verdict does not depend on the count are vouched for.
 */
function compileCheck(check: Internal, kind: 'string' | 'number' | 'array'): CheckOf | undefined {
  const def = check._zod.def;
  switch (def.check) {
    case 'string_format': {
      const pattern = def.pattern;
      if (kind !== 'string' || !(pattern instanceof RegExp) || !patternFormats.has(def.format ?? '')) return undefined;
      return (value) => {
        // As zod does: a global or sticky pattern keeps its position between calls.
        pattern.lastIndex = 0;
        return pattern.test(value as string);
      };
    }
    case 'min_length': {
      const minimum = def.minimum;
      if (typeof minimum !== 'number' || kind === 'number') return undefined;
      return kind === 'array' ? (value) => (value as readonly unknown[]).length >= minimum : (value) => (value as string).length >= 2 * minimum - 1;
    }
    case 'max_length': {
      const maximum = def.maximum;
      if (typeof maximum !== 'number' || kind === 'number') return undefined;
      return (value) => (value as string | readonly unknown[]).length <= maximum;
    }
    case 'greater_than':
    case 'less_than': {
      const bound = def.value;
      if (typeof bound !== 'number' || kind !== 'number') return undefined;
      if (def.check === 'greater_than') return def.inclusive ? (value) => (value as number) >= bound : (value) => (value as number) > bound;
      return def.inclusive ? (value) => (value as number) <= bound : (value) => (value as number) < bound;
    }
    case 'number_format':
      // `.int()`: a safe integer (zod's range for it is the safe range itself).
      return kind === 'number' && def.format === 'safeint' ? (value) => Number.isSafeInteger(value) : undefined;
    case 'custom': {
      // `.refine(fn)`: vouched for when fn says true; anything else (false, a promise) is zod's to judge.
      const fn = def.fn;
      if (typeof fn !== 'function') return undefined;
      return (value) => fn(value) === true;
    }
    default:
      return undefined;
  }
}

/** The checks of a schema: its own when it is itself a check (a format), then those added to it. */
function compileChecks(schema: Internal, kind: 'string' | 'number' | 'array'): CheckOf[] | undefined {
  const def = schema._zod.def;
  const checks = def.check === undefined ? [...(def.checks ?? [])] : [schema, ...(def.checks ?? [])];
  const compiled: CheckOf[] = [];
  for (const check of checks) {
    const predicate = compileCheck(check, kind);
    if (predicate === undefined) return undefined;
    compiled.push(predicate);
  }
  return compiled;
}

function allPass(checks: readonly CheckOf[], value: Value): boolean {
  for (const check of checks) if (!check(value)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A strict object's parser as generated code, one statement per field with the key written out:
 * reads and writes with constant keys stay fast, where a loop over the keys would go through
 * V8's generic (megamorphic) property access for every field. zod generates its objects' parsers
 * the same way. Keys are written as JSON string literals, so no key can inject code.
 */
function compileObject(def: Definition): Node | undefined {
  // Strict objects only: their unknown keys are refused, never stripped or passed through.
  if (def.catchall?._zod.def.type !== 'never' || (def.checks?.length ?? 0) > 0 || def.shape === undefined) return undefined;
  const keys = Object.keys(def.shape);
  const nodes: Node[] = [];
  for (const key of keys) {
    const node = compileNode(def.shape[key] as Internal);
    if (node === undefined || key === '__proto__') return undefined;
    nodes.push(node);
  }
  const optional = keys.map((key) => (def.shape as Record<string, Internal>)[key]?._zod.def.type === 'optional');
  const literal = (key: string): string => JSON.stringify(key);
  const reads = keys.map((key, i) =>
    optional[i]
      ? `const has${i} = ${literal(key)} in value; let v${i}; if (has${i}) { v${i} = nodes[${i}](value[${literal(key)}]); if (v${i} === unsure) return unsure; }`
      : `if (!(${literal(key)} in value)) return unsure; const v${i} = nodes[${i}](value[${literal(key)}]); if (v${i} === unsure) return unsure;`,
  );
  // An absent optional key stays absent, as zod leaves it; present keys keep the schema's order.
  const writes = keys.map((key, i) => (optional[i] ? `if (has${i}) output[${literal(key)}] = v${i};` : `output[${literal(key)}] = v${i};`));
  const body = [
    'return (value) => {',
    '  if (!isPlainObject(value)) return unsure;',
    // zod walks keys with `for...in` too: an unknown key (own or inherited) is zod's to report.
    `  for (const key in value) switch (key) { ${keys.map((key) => `case ${literal(key)}: `).join('')}break; default: return unsure; }`,
    ...reads.map((line) => `  ${line}`),
    '  const output = {};',
    ...writes.map((line) => `  ${line}`),
    '  return output;',
    '};',
  ].join('\n');
  try {
    return new Function('nodes', 'unsure', 'isPlainObject', body)(nodes, unsure, isPlainObject) as Node;
  } catch {
    // Code generation refused (`--disallow-code-generation-from-strings`, a strict CSP): zod decides alone.
    return undefined;
  }
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

function compileNode(schema: Internal): Node | undefined {
  const def = schema._zod.def;
  if (def.coerce === true) return undefined;
  switch (def.type) {
    case 'string': {
      const checks = compileChecks(schema, 'string');
      if (checks === undefined) return undefined;
      return (value) => (typeof value === 'string' && allPass(checks, value) ? value : unsure);
    }
    case 'number': {
      const checks = compileChecks(schema, 'number');
      if (checks === undefined) return undefined;
      // zod refuses NaN and the infinities for every number.
      return (value) => (typeof value === 'number' && Number.isFinite(value) && allPass(checks, value) ? value : unsure);
    }
    case 'boolean':
      return (def.checks?.length ?? 0) > 0 ? undefined : (value) => (typeof value === 'boolean' ? value : unsure);
    case 'literal':
    case 'enum': {
      // The same set zod tests membership against. The schema's own copy of the value is
      // returned, equal to the input's: a fold then compares event names against its `case`
      // labels by reference rather than character by character.
      const values = schema._zod.values;
      if (values === undefined || (def.checks?.length ?? 0) > 0) return undefined;
      // Strings only: a number is returned as given (the set would also match -0 for 0).
      const canonical = new Map([...values].filter((value) => typeof value === 'string').map((value) => [value, value]));
      return (value) => (!values.has(value) ? unsure : typeof value === 'string' ? canonical.get(value) : value);
    }
    case 'optional': {
      const inner = def.innerType === undefined ? undefined : compileNode(def.innerType);
      if (inner === undefined || (def.checks?.length ?? 0) > 0) return undefined;
      // An explicit `undefined` is left to zod (whether the key is kept depends on zod's rules).
      return (value) => (value === undefined ? unsure : inner(value));
    }
    case 'array': {
      const element = def.element === undefined ? undefined : compileNode(def.element);
      const checks = compileChecks(schema, 'array');
      if (element === undefined || checks === undefined) return undefined;
      return (value) => {
        if (!Array.isArray(value) || !allPass(checks, value)) return unsure;
        const output: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const parsed = element(value[i]);
          if (parsed === unsure) return unsure;
          output[i] = parsed;
        }
        return output;
      };
    }
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
