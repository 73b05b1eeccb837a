import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { configuredFamily } from '#shared/domain/configured-kinds/configured-family.ts';
import { KindDefinition } from '#shared/domain/configured-kinds/kind-definition.ts';
import { builtInFamilies } from '#shared/domain/records/record-families.ts';
import { wireFastPath } from '#shared/domain/records/wire-fast-path.ts';
import { anInspectionCase, anInspectionDefinition } from '../configured-kinds/kind-definition-mother.ts';
import { aDisclosureCase } from '../disclosure/disclosure-event-mother.ts';
import { anInvestmentProject } from '../investment-projects/investment-project-event-mother.ts';
import { anOnlineServiceCase } from '../online-services/online-service-event-mother.ts';
import { aLicensingCase } from '../licensing/licensing-event-mother.ts';
import { aPenaltyCase } from '../penalty/penalty-event-mother.ts';
import { aPetitionCase } from '../petition/petition-event-mother.ts';
import { aShareRequest } from '../information-sharing/information-sharing-event-mother.ts';
import { aCleanTenderUpToAward, aTenderCase } from '../tender/tender-event-mother.ts';

const inspection = configuredFamily(KindDefinition.parse(anInspectionDefinition()));

/** Every event type of every family, wire-valid, as the mothers build them (then sent as JSON). */
const validRecords: Record<string, unknown[]> = {
  licensing: aLicensingCase({ classification: 'internal' })
    .received()
    .completionRequested('2025-09-23T10:00:00+08:00', ['id card', '营业执照复印件'])
    .completionReceived('2025-09-24T10:00:00.5+08:00')
    .accepted('2025-09-25T10:00:00Z')
    .suspended('2025-09-26T10:00:00-05:30', 'hearing')
    .resumed('2025-09-29T10:00:00+08:00')
    .extended('2025-09-30T10:00:00+08:00', 10)
    .decided('2025-10-09T16:00:00.123456+08:00', 'refused', 'not compliant')
    .concluded('2025-10-10T16:00:00+08:00')
    .build(),
  penalty: aPenaltyCase()
    .caseFiled()
    .investigationConcluded('2025-04-20T10:00:00+08:00')
    .priorNoticeIssued('2025-04-22T10:00:00+08:00', { proposedFineYuan: 50_000, circumstance: 'serious' })
    .hearingRequested('2025-04-23T10:00:00+08:00')
    .hearingNoticeIssued('2025-04-24T10:00:00+08:00')
    .hearingHeld('2025-04-25T10:00:00+08:00')
    .extended('2025-04-26T10:00:00+08:00', 30)
    .decided('2025-05-20T16:00:00+08:00', { fineYuan: 0, circumstance: 'minor', publicationRequired: false })
    .published('2025-05-21T16:00:00+08:00')
    .executed('2025-05-22T16:00:00+08:00')
    .closed('2025-05-23T16:00:00+08:00')
    .build(),
  publicResourceTrading: [
    ...aCleanTenderUpToAward().contractSigned('2025-05-20T10:00:00+08:00').closed('2025-06-30T10:00:00+08:00').build(),
    ...aTenderCase()
      .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-14T09:30:00+08:00' })
      .noticeAmended('2025-03-10T09:00:00+08:00', '2025-03-18T09:30:00+08:00')
      .cancelled('2025-03-20T09:00:00+08:00', 'fewerThanThreeBidders')
      .build(),
  ],
  disclosure: [
    ...aDisclosureCase()
      .requestReceived()
      .completionRequested('2025-09-03T09:00:00+08:00')
      .completionReceived('2025-09-05T09:00:00+08:00')
      .consultationStarted('2025-09-10T09:00:00+08:00', 'otherAuthority')
      .consultationEnded('2025-09-24T09:00:00+08:00')
      .extended('2025-09-25T09:00:00+08:00', 20)
      .replied('2025-10-28T10:00:00+08:00', 'partlyDisclosed', 'third-party trade secrets')
      .closed('2025-10-29T10:00:00+08:00')
      .build(),
    ...aDisclosureCase().informationFormed().published('2025-05-06T09:00:00+08:00').informationFormed('2025-06-03T09:00:00+08:00', 'changed').build(),
  ],
  onlineService: [
    ...anOnlineServiceCase()
      .applied()
      .supplementRequested('2025-09-29T10:00:00+08:00')
      .supplemented('2025-09-30T09:00:00+08:00')
      .accepted('2025-09-30T10:00:00+08:00')
      .suspended('2025-10-09T10:00:00+08:00', 'appraisal', '2025-10-09T11:00:00.5+08:00')
      .resumed('2025-10-10T10:00:00Z')
      .completed('2025-10-15T10:00:00+08:00')
      .resultDelivered('2025-10-15T10:05:00+08:00', 'online', true)
      .build(),
    ...anOnlineServiceCase().applied().notAccepted('2025-09-29T10:00:00+08:00').build(),
  ],
  petition: [
    ...aPetitionCase()
      .received()
      .accepted('2025-09-05T10:00:00.25+08:00')
      .extended('2025-10-20T10:00:00Z', 30, false)
      .handled('2025-11-30T10:00:00+08:00', 'partlySupported')
      .reviewRequested('2025-12-05T10:00:00+08:00')
      .reviewDecided('2025-12-20T10:00:00-05:00', 'notSupported')
      .reReviewRequested('2026-01-05T10:00:00+08:00')
      .hearingStarted('2026-01-12T09:00:00+08:00')
      .hearingEnded('2026-01-14T17:00:00.5+08:00', 'TZ-2025-01')
      .reReviewDecided('2026-01-30T10:00:00+08:00', 'explained')
      .build(),
    ...aPetitionCase({ classification: 'public' }).received().notified('2025-09-05T10:00:00+08:00', 'redirected').build(),
  ],
  investmentProject: [
    ...anInvestmentProject()
      .approvedThroughDesign()
      .tendered('2024-08-01T10:00:00+08:00', { contractKind: 'goods', contractEstimateFen: 0 })
      .tendered('2024-08-02T10:00:00.5Z', { tradingCaseId: null })
      .started('2024-09-02T09:00:00+08:00', 800_000_000)
      .started('2024-09-03T09:00:00+08:00')
      .investmentReported('2024-12-31T18:00:00-05:00', 400_000_000)
      .adjustmentRequested('2025-02-10T10:00:00+08:00', 'TZ-1', 1_100_000_000)
      .adjustmentApproved('2025-04-10T10:00:00+08:00', 'TZ-1', 1_100_000_000)
      .changeMade('2025-01-10T10:00:00+08:00', 'BG-1', 'scale')
      .changeMade('2025-01-11T10:00:00+08:00', 'BG-2', 'content', false)
      .changeApproved('2025-02-01T10:00:00+08:00', 'BG-1')
      .completed('2025-06-30T17:00:00+08:00')
      .accepted('2025-08-15T10:00:00+08:00', false)
      .finalAccountsExtended('2025-09-20T10:00:00+08:00', 1)
      .finalAccounts('2025-10-20T10:00:00+08:00', 1_080_000_000)
      .build(),
    ...anInvestmentProject({ classification: 'public' }).proposalApproved().build(),
  ],
  informationSharing: [
    ...aShareRequest()
      .requested()
      .grantedWithConditions('2025-09-30T10:00:00+08:00')
      .delivered('2025-10-09T10:00:00+08:00')
      .useReported('2025-11-03T10:00:00+08:00', true, 'audit')
      .revoked('2025-11-04T10:00:00+08:00')
      .build(),
    ...aShareRequest({ caseId: 'GX-2025-000043', classification: 'internal' }).requested().refused('2025-09-26T10:00:00+08:00').build(),
  ],
  inspection: anInspectionCase().started().reported('2025-09-30T10:00:00+08:00', 1_500.5).closed('2025-10-02T10:00:00+08:00').build(),
};

const families = [...builtInFamilies.families, inspection];
const samples = families.map((family) => ({
  family,
  // Every other record names its responsible official (a nested strict object every family shares).
  records: (validRecords[family.kind] ?? []).map(
    (record, i) =>
      JSON.parse(JSON.stringify(i % 2 === 0 ? { ...(record as object), official: { staffId: 'HS-0231', name: '张晓明' } } : record)) as Record<string, unknown>,
  ),
}));

/** Text close to an instant: valid forms, and every way of being slightly off. */
const instantLike = fc
  .record({
    year: fc.integer({ min: 1998, max: 2101 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.option(fc.integer({ min: 0, max: 61 })),
    fraction: fc.option(fc.stringMatching(/^\d{0,7}$/)),
    zone: fc.constantFrom('Z', 'z', '+08:00', '-05:30', '+24:00', '+0800', '', '+08:00 ', '+8:00'),
    separator: fc.constantFrom('T', 't', ' '),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone, separator }) => {
    const two = (n: number): string => String(n).padStart(2, '0');
    const seconds = second === null ? '' : `:${two(second)}${fraction === null ? '' : `.${fraction}`}`;
    return `${year}-${two(month)}-${two(day)}${separator}${two(hour)}:${two(minute)}${seconds}${zone}`;
  });

/** A value of any JSON type, and the edges of the fields' limits. */
const strayValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(0, -1, 1, 1.5, 1_000_000_000, 1_000_000_001, 10 ** 12, 10 ** 12 + 1, Number.MAX_SAFE_INTEGER + 2, -0),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, undefined, null, true),
  fc.constantFrom('', 'a', 'x'.repeat(2000), 'x'.repeat(2001), '😀'.repeat(1000), '😀'.repeat(1001), '\uD800', 'market-regulation '),
  instantLike,
);

/** A record with one thing changed: a field dropped, added, replaced, or edited a little. */
function mutated(record: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(record);
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    key.map((dropped) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== dropped))),
    fc.tuple(fc.string({ maxLength: 12 }), strayValue).map(([extra, value]) => ({ ...record, [extra]: value })),
    fc.tuple(key, strayValue).map(([replaced, value]) => ({ ...record, [replaced]: value })),
    fc.tuple(key, fc.nat(40), fc.string({ maxLength: 2 })).map(([edited, at, text]) => {
      const value = String(record[edited]);
      return { ...record, [edited]: `${value.slice(0, at)}${text}${value.slice(at + 1)}` };
    }),
    fc.tuple(key, instantLike).map(([replaced, instant]) => ({ ...record, [replaced]: instant })),
    fc.constant(Object.fromEntries(Object.entries(record).reverse())),
  );
}

/** The fast path may stay silent; when it answers, zod must accept and give the same record, keys in the same order. */
function expectAgreement(schema: z.ZodType, input: unknown): void {
  const fast = wireFastPath(schema)?.(input);
  if (fast === undefined) return;
  const zod = schema.safeParse(input);
  expect(zod.success).toBe(true);
  expect(fast).toStrictEqual(zod.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
}

describe('the wire fast path', () => {
  it.each(samples)('vouches for every valid $family.kind record with exactly what zod returns', ({ family, records }) => {
    // Prepare
    const fastPath = wireFastPath(family.eventSchema);

    // Act
    const results = records.map((record) => fastPath?.(record));

    // Assess
    expect(records.length).toBeGreaterThan(2);
    expect(results).toStrictEqual(records.map((record) => family.eventSchema.parse(record)));
    expect(results.map((result) => JSON.stringify(result))).toEqual(records.map((record) => JSON.stringify(family.eventSchema.parse(record))));
  });

  it.each(samples)('never vouches for a $family.kind record zod refuses, nor answers differently', ({ family, records }) => {
    fc.assert(
      fc.property(
        fc.constantFrom(...records).chain((record) => mutated(record)),
        (input) => expectAgreement(family.eventSchema, input),
      ),
      { numRuns: 1500 },
    );
  });

  it.each(samples)('agrees with zod when any one $family.kind field takes any edge value', ({ family, records }) => {
    // Prepare
    const edges: unknown[] = [
      ...[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, null, true, false, 0, -0, -1, 1, 1.5, 20, 20.5, 21],
      ...[1_000_000_000, 1_000_000_001, 10 ** 12, 10 ** 12 + 1, Number.MAX_SAFE_INTEGER + 2, '1', [], {}, ['a'], [''], Array.from({ length: 51 }, () => 'a')],
      ...[
        '',
        'a',
        ' ',
        'x'.repeat(100),
        'x'.repeat(101),
        'x'.repeat(200),
        'x'.repeat(201),
        'x'.repeat(2000),
        'x'.repeat(2001),
        '😀'.repeat(2000),
        '😀'.repeat(2001),
      ],
      ...['\uD800', 'market-regulation ', 'A', 'a-', '-a', 'granted', 'refused', 'hearing', 'thirdParty', 'disclosed', 'formed', 'serious'],
      ...['2025-02-29T10:00:00+08:00', '2024-02-29T10:00:00+08:00', '1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z', '2025-09-22T09:00:00.123+08:00'],
      ...['2025-09-22T24:00:00+08:00', '2025-09-22T09:00:00', '2025-09-22 09:00:00+08:00', '2025-09-22T09:00:00+08:00\n'],
    ];

    // Act / Assess
    for (const record of records)
      for (const key of Object.keys(record)) for (const edge of edges) expectAgreement(family.eventSchema, { ...record, [key]: edge });
  });

  it('agrees with zod on records mutated twice', () => {
    // Prepare
    const everyRecord = samples.flatMap(({ family, records }) => records.map((record) => ({ family, record })));
    const twiceMutated = fc.constantFrom(...everyRecord).chain(({ family, record }) =>
      mutated(record)
        .chain((once) => (once !== null && typeof once === 'object' ? mutated(once as Record<string, unknown>) : fc.constant(once)))
        .map((input) => ({ family, input })),
    );

    // Act / Assess
    fc.assert(
      fc.property(twiceMutated, ({ family, input }) => expectAgreement(family.eventSchema, input)),
      { numRuns: 1500 },
    );
  });

  it('leaves records that are not plain objects to zod', () => {
    // Prepare
    const record = samples[0]?.records[0] as Record<string, unknown>;
    const withPrototype = Object.assign(Object.create({ inherited: 'value' }) as object, record);
    const inputs = [withPrototype, [record], 'record', null, undefined, 42, new Map(Object.entries(record))];

    // Act
    const answers = inputs.map((input) => wireFastPath(builtInFamilies.families[0]!.eventSchema)?.(input));

    // Assess
    expect(answers).toEqual(inputs.map(() => undefined));
  });

  it('agrees with zod on arbitrary input', () => {
    fc.assert(
      fc.property(fc.constantFrom(...families), fc.anything(), (family, input) => expectAgreement(family.eventSchema, input)),
      { numRuns: 2000 },
    );
  });

  it('counts string lengths as zod does, in code points, near the limits', () => {
    // Prepare
    const schema = z.strictObject({ name: z.string().min(3).max(4), tags: z.array(z.string().min(1)).min(1).max(2) });
    const texts = fc.array(fc.constantFrom('a', '😀', '\uD800', '\uDC00', 'é'), { maxLength: 9 }).map((parts) => parts.join(''));

    // Act / Assess
    fc.assert(
      fc.property(texts, fc.array(texts, { maxLength: 3 }), (name, tags) => expectAgreement(schema, { name, tags })),
      { numRuns: 3000 },
    );
  });

  it('keeps an absent optional key absent and refuses nothing zod would accept with a present one', () => {
    // Prepare
    const schema = z.strictObject({
      a: z.string(),
      b: z.number().int().min(0).optional(),
      c: z.enum(['x', 'y']),
      d: z.boolean().optional(),
      e: z.number().gt(0).lt(1).optional(),
    });

    // Act
    const withoutOptional = wireFastPath(schema)?.({ c: 'x', a: 'text' });
    const withOptional = wireFastPath(schema)?.({ d: false, c: 'y', b: 3, a: '' });

    // Assess
    expect(Object.keys(withoutOptional as object)).toEqual(['a', 'c']);
    expect(Object.keys(withOptional as object)).toEqual(['a', 'b', 'c', 'd']);
    fc.assert(
      fc.property(
        fc.record(
          {
            a: strayValue,
            b: strayValue,
            c: fc.constantFrom('x', 'y', 'z'),
            d: fc.constantFrom(true, false, undefined, 0),
            e: fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double()),
          },
          { requiredKeys: [] },
        ),
        (input) => expectAgreement(schema, input),
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with zod on the shapes it writes out differently: long and mixed enums, many optional keys, arrays of values', () => {
    // Prepare
    const many = Array.from({ length: 20 }, (_, i) => `v${i}`);
    const schema = z.strictObject({
      long: z.enum(many as [string, ...string[]]),
      mixed: z.literal(['a', 1, true, null]),
      o1: z.string().min(2).optional(),
      o2: z.number().int().optional(),
      o3: z.boolean().optional(),
      o4: z.enum(['x', 'y']).optional(),
      o5: z.strictObject({ id: z.string().regex(/^[a-z]{1,3}$/) }).optional(),
      list: z.array(z.enum(['p', 'q'])).max(3),
      objects: z.array(z.strictObject({ n: z.number().gte(0).lt(10) })).min(1),
    });
    const value = fc.oneof(fc.constantFrom(...many, 'v20', 'a', 1, true, null, false, 0, -0, 'x', 'y', 'ab', 'abcd', 2.5), fc.jsonValue());
    const input = fc.record(
      {
        long: fc.oneof(fc.constantFrom(...many), value),
        mixed: fc.oneof(fc.constantFrom('a', 1, true, null), value),
        o1: value,
        o2: value,
        o3: value,
        o4: value,
        o5: fc.oneof(fc.record({ id: fc.constantFrom('a', 'abc', 'abcd', 'A') }), value),
        list: fc.oneof(fc.array(fc.constantFrom('p', 'q', 'r'), { maxLength: 4 }), value),
        objects: fc.oneof(fc.array(fc.record({ n: fc.constantFrom(0, 9, 9.5, 10, -1) }), { maxLength: 2 }), value),
      },
      { requiredKeys: [] },
    );

    // Act / Assess
    expect(wireFastPath(schema)).toBeDefined();
    expect(wireFastPath(schema)?.({ long: 'v19', mixed: 1, o2: 3, o4: 'x', o5: { id: 'ab' }, list: [], objects: [{ n: 0 }] })).toStrictEqual({
      long: 'v19',
      mixed: 1,
      o2: 3,
      o4: 'x',
      o5: { id: 'ab' },
      list: [],
      objects: [{ n: 0 }],
    });
    fc.assert(
      fc.property(input, (record) => expectAgreement(schema, JSON.parse(JSON.stringify(record)))),
      { numRuns: 3000 },
    );
  });

  it('returns numbers of a literal as given, negative zero included', () => {
    // Prepare
    const schema = z.strictObject({ version: z.literal([0, 1]), level: z.enum(['prompt', 'warning']) });

    // Act
    const parsed = wireFastPath(schema)?.({ version: -0, level: 'warning' });

    // Assess
    expect(parsed).toStrictEqual(schema.parse({ version: -0, level: 'warning' }));
    expect(Object.is((parsed as { version: number }).version, -0)).toBe(true);
  });

  it('leaves every record to zod where code generation is refused', { timeout: 60_000 }, () => {
    // Prepare
    const probe = fileURLToPath(new URL('./wire-fast-path-probe.ts', import.meta.url));
    const run = (flags: string[]): unknown =>
      JSON.parse(execFileSync(process.execPath, [...flags, '--import', 'tsx', probe], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }));

    // Act
    const refused = run(['--disallow-code-generation-from-strings']) as { fastPath: boolean };
    const allowed = run([]) as { fastPath: boolean };

    // Assess
    expect(refused.fastPath).toBe(false);
    expect(allowed.fastPath).toBe(true);
    expect({ ...refused, fastPath: true }).toEqual(allowed);
  });

  it('gives no fast path to a schema using what it does not know', () => {
    // Prepare
    const withProtoKey: Record<string, z.ZodType> = { a: z.string() };
    Object.defineProperty(withProtoKey, '__proto__', { value: z.string(), enumerable: true, configurable: true, writable: true });
    const unknownToIt = [
      z.strictObject({ name: z.string().trim() }),
      z.strictObject({ name: z.string().default('x') }),
      z.object({ name: z.string() }),
      z.strictObject({ at: z.string().transform((text) => text.length) }),
      z.strictObject({ site: z.url() }),
      z.strictObject({ a: z.number() }).superRefine(() => undefined),
      z.discriminatedUnion('event', [z.strictObject({ event: z.literal('a') }), z.object({ event: z.literal('b') })]),
      z.strictObject(withProtoKey),
    ];

    // Act
    const fastPaths = unknownToIt.map((schema) => wireFastPath(schema as z.ZodType));

    // Assess
    expect(fastPaths).toEqual(unknownToIt.map(() => undefined));
  });
});
