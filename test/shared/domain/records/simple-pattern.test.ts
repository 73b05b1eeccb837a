import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configuredFamily } from '#shared/domain/configured-kinds/configured-family.ts';
import { KindDefinition } from '#shared/domain/configured-kinds/kind-definition.ts';
import { InvestmentProjectEvent } from '#shared/domain/investment-projects/investment-project-event.ts';
import { CaseId, DepartmentId, MatterCode, OfficialName, StaffId } from '#shared/domain/records/identifiers.ts';
import { builtInFamilies } from '#shared/domain/records/record-families.ts';
import { simplePatternTest } from '#shared/domain/records/simple-pattern.ts';
import { anInspectionDefinition } from '../configured-kinds/kind-definition-mother.ts';

interface Walked {
  readonly _zod: { readonly def: Record<string, unknown> };
}

/** Every pattern a schema checks strings against, found by walking zod's definitions. */
function patternsOf(schema: unknown, found = new Set<RegExp>(), seen = new Set<unknown>()): Set<RegExp> {
  if (schema === null || typeof schema !== 'object' || seen.has(schema) || !('_zod' in schema)) return found;
  seen.add(schema);
  const def = (schema as Walked)._zod.def;
  if (def['pattern'] instanceof RegExp && def['format'] === 'regex') found.add(def['pattern']);
  const children = [
    ...Object.values((def['shape'] as Record<string, unknown> | undefined) ?? {}),
    ...((def['options'] as unknown[] | undefined) ?? []),
    ...((def['checks'] as unknown[] | undefined) ?? []),
    def['innerType'],
    def['element'],
  ];
  for (const child of children) patternsOf(child, found, seen);
  return found;
}

const wirePatterns = [
  ...new Set([
    ...builtInFamilies.families.flatMap((family) => [...patternsOf(family.eventSchema)]),
    ...patternsOf(configuredFamily(KindDefinition.parse(anInspectionDefinition())).eventSchema),
  ]),
];

/** Text near a pattern: characters from its classes and just outside them, at every length up to past its limit. */
const nearText = (length: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...'aAzZ09_.-:/ @`[{\\^$'.split('')),
        fc.constantFrom('\u00e9', '\u4e2d', '\uD800', '\uDC00', '😀', '\n'),
        fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
      ),
      { maxLength: length },
    )
    .map((parts) => parts.join(''));

describe('a simple pattern written as a loop over the characters', () => {
  it('covers the identifiers every record carries and those of the investment project events', () => {
    // Prepare
    // (An official's name is free text: its patterns are not of the shape, and stay patterns.)
    const names = patternsOf(OfficialName);
    const identifiers = [DepartmentId, MatterCode, CaseId, StaffId, InvestmentProjectEvent].flatMap((schema) =>
      [...patternsOf(schema)].filter((p) => !names.has(p)),
    );

    // Act
    const tests = identifiers.map((pattern) => simplePatternTest(pattern));

    // Assess
    expect(identifiers.length).toBeGreaterThanOrEqual(5);
    expect(tests.every((test) => test !== undefined)).toBe(true);
  });

  it.each(wirePatterns.map((pattern) => ({ pattern })))('agrees with $pattern on any text, or leaves it to the pattern', ({ pattern }) => {
    // Prepare
    const test = simplePatternTest(pattern) ?? ((text: string) => pattern.test(text));
    const lengths = [0, 1, 2, 3, 62, 63, 64, 65, 127, 128, 129];

    // Act / Assess
    fc.assert(
      fc.property(nearText(140), (text) => test(text) === pattern.test(text)),
      { numRuns: 3000 },
    );
    for (const length of lengths)
      for (const text of ['a', '0', '-', '.', 'A', '_'].map((char) => char.repeat(length))) expect(test(text)).toBe(pattern.test(text));
  });

  it('agrees with any pattern of the shape it knows on any text', () => {
    // Prepare: patterns made of classes, escapes and characters, each repeated a fixed number of times but (at most) one.
    const atom = fc.constantFrom('[a-z]', '[A-Za-z0-9]', '[a-z0-9-]', '[._:-]', '[-a]', '[a-]', '\\d', '[\\d.]', 'a', '-', '_', '\\.', '[$^]', '[a^]', ':');
    const fixed = fc.constantFrom('', '{0}', '{1}', '{2}', '{3}');
    const variable = fc.constantFrom('?', '*', '+', '{0,2}', '{1,4}', '{2,}', '{0,127}');
    const source = fc
      .tuple(fc.array(fc.tuple(atom, fixed), { maxLength: 3 }), fc.option(fc.tuple(atom, variable)), fc.array(fc.tuple(atom, fixed), { maxLength: 3 }))
      .map(([before, middle, after]) => `^${[...before, ...(middle === null ? [] : [middle]), ...after].map(([a, q]) => a + q).join('')}$`);

    // Act / Assess
    fc.assert(
      fc.property(source, fc.array(nearText(12), { minLength: 1, maxLength: 20 }), (text, samples) => {
        const pattern = new RegExp(text);
        const test = simplePatternTest(pattern);
        expect(test).toBeDefined();
        for (const sample of samples) expect(test?.(sample)).toBe(pattern.test(sample));
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees on text made of the pattern itself, where a loop that miscounted would go wrong', () => {
    // Prepare
    const patterns = [/^a\d{2,}-b$/, /^[a-z]{2}[0-9]*[a-z]$/, /^-\d{1,3}$/, /^[a-z][a-z0-9-]{1,62}$/, /^x+$/, /^\d{4}-\d\d$/];
    const texts = fc.array(fc.constantFrom('a', 'b', 'x', 'z', '0', '9', '-', 'A'), { maxLength: 70 }).map((parts) => parts.join(''));

    // Act / Assess
    for (const pattern of patterns) {
      const test = simplePatternTest(pattern) as (text: string) => boolean;
      fc.assert(
        fc.property(texts, (text) => test(text) === pattern.test(text)),
        { numRuns: 2000 },
      );
    }
  });

  it('leaves every other pattern to the pattern itself', () => {
    // Prepare
    const others = [
      /^[a-z]+$/i,
      /^[a-z]+$/u,
      /^[a-z]+$/g,
      /^[a-z]+$/m,
      /^[a-z]+$/y,
      /^(a|b)$/,
      /^a|b$/,
      /^[^a]$/,
      /^\w+$/,
      /^\s$/,
      /^a.b$/,
      /^a*b*$/,
      /^a+?$/,
      /^a{2,3}?$/,
      /^[a-z]+/,
      /[a-z]+$/,
      /^a{,3}$/,
      /^a{$/,
      /^[a-b-c]$/,
      /^[\d-z]$/,
      /^\u0041$/,
      /^\x41$/,
      /^(?=a)a$/,
      /^a\b$/,
      /^]$/,
      /^[[]$/,
      /^a\$/,
    ];

    // Act
    const tests = others.map((pattern) => simplePatternTest(pattern));

    // Assess
    expect(tests).toEqual(others.map(() => undefined));
  });
});
