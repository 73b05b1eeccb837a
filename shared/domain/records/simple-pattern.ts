/**
 * Identifiers on the wire (department, matter code, case id, change and adjustment ids) are
 * checked by patterns of one shape: `^`, a few character classes each repeated a fixed or a
 * bounded number of times, `$`. V8 runs a bounded repetition like `{0,127}` as a backtracking
 * loop with a counter, several times slower than reading the characters once; with four such
 * identifiers a record, those patterns were a quarter of the wire fast path's time.
 *
 * {@link simplePatternTest} reads such a pattern's source and writes the same test as a loop
 * over the characters. It knows only that shape, and only where every repetition but one is of
 * a fixed count, so that each character's class follows from the text's length alone and no
 * backtracking can be needed: for anything else (flags, groups, alternatives, a negated class,
 * escapes other than `\d`, `\.`, `\-`, `\_`, `\:`, two repetitions of variable count) it answers
 * `undefined`, and the pattern itself must be used. Code points do not matter: without the `u`
 * flag a pattern reads UTF-16 units, as `charCodeAt` does.
 */

/** One element of the pattern: a set of UTF-16 units (as ranges), repeated `min` to `max` times. */
interface Item {
  readonly ranges: readonly (readonly [number, number])[];
  readonly min: number;
  readonly max: number;
}

/** Characters that stand for themselves outside a class (no syntax of their own). */
const plain = /^[A-Za-z0-9 _:,;'"%&!@#=<>~`/-]$/;
/** Characters that stand for themselves inside a class (`^` only after the first place). */
const plainInClass = /^[A-Za-z0-9 _:,;'"%&!@#=<>~`/.*+?(){}|$]$/;
/** Escapes of one character that stand for the character. */
const escapedCharacters = new Set(['.', '-', '_', ':', '/', '\\', '$', '^', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|']);
const digits: readonly [number, number] = [48, 57];

/** Reads the pattern's items, or `undefined` for anything outside the shape. */
function itemsOf(source: string): Item[] | undefined {
  if (!source.startsWith('^')) return undefined;
  const items: Item[] = [];
  let at = 1;
  while (at < source.length) {
    const char = source[at] as string;
    if (char === '$' && at === source.length - 1) return items;
    let ranges: (readonly [number, number])[];
    if (char === '[') {
      const parsed = classAt(source, at + 1);
      if (parsed === undefined) return undefined;
      ranges = parsed.ranges;
      at = parsed.end;
    } else if (char === '\\') {
      const escaped = source[at + 1];
      if (escaped === 'd') ranges = [digits];
      else if (escaped !== undefined && escapedCharacters.has(escaped)) ranges = [[escaped.charCodeAt(0), escaped.charCodeAt(0)]];
      else return undefined;
      at += 2;
    } else if (plain.test(char)) {
      ranges = [[char.charCodeAt(0), char.charCodeAt(0)]];
      at += 1;
    } else {
      return undefined;
    }
    const quantifier = quantifierAt(source, at);
    if (quantifier === undefined) return undefined;
    items.push({ ranges, min: quantifier.min, max: quantifier.max });
    at = quantifier.end;
  }
  // No closing `$`: the pattern would match a prefix.
  return undefined;
}

/** A class's ranges from just after its `[` to just after its `]`; negated classes are refused. */
function classAt(source: string, start: number): { ranges: [number, number][]; end: number } | undefined {
  const units: (number | 'digits')[] = [];
  let at = start;
  if (source[at] === '^' || source[at] === ']') return undefined;
  while (at < source.length && source[at] !== ']') {
    const char = source[at] as string;
    if (char === '\\') {
      const escaped = source[at + 1];
      if (escaped === 'd') units.push('digits');
      else if (escaped !== undefined && (escapedCharacters.has(escaped) || escaped === '-')) units.push(escaped.charCodeAt(0));
      else return undefined;
      at += 2;
    } else if (char === '-' || plainInClass.test(char) || (char === '^' && at > start)) {
      units.push(char === '-' ? -1 : char.charCodeAt(0));
      at += 1;
    } else {
      return undefined;
    }
  }
  if (source[at] !== ']') return undefined;
  // `-` between two characters is a range; first or last it stands for itself; anywhere else (next to `\d`, twice) it is refused.
  const ranges: [number, number][] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as number | 'digits';
    if (unit === 'digits') {
      ranges.push([48, 57]);
    } else if (unit === -1) {
      if (i !== 0 && i !== units.length - 1) return undefined;
      ranges.push([45, 45]);
    } else if (units[i + 1] === -1 && i + 2 < units.length) {
      const to = units[i + 2];
      if (typeof to !== 'number' || to === -1 || to < unit) return undefined;
      ranges.push([unit, to]);
      i += 2;
    } else {
      ranges.push([unit, unit]);
    }
  }
  return { ranges, end: at + 1 };
}

/** A greedy quantifier (or none: once); lazy ones and a `{` that is not a quantifier are refused. */
function quantifierAt(source: string, at: number): { min: number; max: number; end: number } | undefined {
  const char = source[at];
  let quantifier: { min: number; max: number; end: number };
  if (char === '?') quantifier = { min: 0, max: 1, end: at + 1 };
  else if (char === '*') quantifier = { min: 0, max: Number.POSITIVE_INFINITY, end: at + 1 };
  else if (char === '+') quantifier = { min: 1, max: Number.POSITIVE_INFINITY, end: at + 1 };
  else if (char === '{') {
    const match = /^\{(\d{1,6})(?:(,)(\d{1,6})?)?\}/.exec(source.slice(at));
    if (match === null) return undefined;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === undefined ? Number.POSITIVE_INFINITY : Number(match[3]);
    if (max < min) return undefined;
    quantifier = { min, max, end: at + match[0].length };
  } else return { min: 1, max: 1, end: at };
  return source[quantifier.end] === '?' ? undefined : quantifier;
}

const compiled = new WeakMap<RegExp, ((text: string) => boolean) | null>();

/**
 * `pattern.test` written as a loop over the characters, for a pattern of the shape above; built
 * once per pattern. `undefined` when the pattern is outside it or code generation is refused.
 */
export function simplePatternTest(pattern: RegExp): ((text: string) => boolean) | undefined {
  let test = compiled.get(pattern);
  if (test === undefined) {
    test = build(pattern) ?? null;
    compiled.set(pattern, test);
  }
  return test ?? undefined;
}

function build(pattern: RegExp): ((text: string) => boolean) | undefined {
  if (pattern.flags !== '') return undefined;
  const items = itemsOf(pattern.source);
  if (items === undefined || items.filter((item) => item.min !== item.max).length > 1) return undefined;
  const fixedBefore = (index: number): number => items.slice(0, index).reduce((sum, item) => sum + item.min, 0);
  const least = items.reduce((sum, item) => sum + item.min, 0);
  const most = items.reduce((sum, item) => sum + item.max, 0);
  const inClass = (ranges: Item['ranges']): string =>
    ranges.map(([from, to]) => (from === to ? `c === ${from}` : `(c >= ${from} && c <= ${to})`)).join(' || ') || 'false';
  const variable = items.findIndex((item) => item.min !== item.max);
  const lines = [
    'return (text) => {',
    '  const n = text.length;',
    `  if (n < ${least}${Number.isFinite(most) ? ` || n > ${most}` : ''}) return false;`,
    '  let c;',
  ];
  // Items before the variable one start at fixed places; the variable one takes what the text's
  // length leaves; those after it start at places counted from the end.
  for (const [index, item] of items.entries()) {
    if (index === variable) {
      const start = fixedBefore(index);
      const after = least - start - item.min;
      lines.push(`  for (let i = ${start}; i < n - ${after}; i++) { c = text.charCodeAt(i); if (!(${inClass(item.ranges)})) return false; }`);
    } else {
      for (let k = 0; k < item.min; k++) {
        const place = variable === -1 || index < variable ? `${fixedBefore(index) + k}` : `n - ${least - fixedBefore(index) - k}`;
        lines.push(`  c = text.charCodeAt(${place}); if (!(${inClass(item.ranges)})) return false;`);
      }
    }
  }
  lines.push('  return true;', '};');
  try {
    return new Function(lines.join('\n'))() as (text: string) => boolean;
  } catch {
    return undefined;
  }
}
