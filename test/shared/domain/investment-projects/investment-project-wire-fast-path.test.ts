import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvestmentProjectEvent } from '#shared/domain/investment-projects/investment-project-event.ts';
import { builtInFamilies } from '#shared/domain/records/record-families.ts';
import { wireFastPath } from '#shared/domain/records/wire-fast-path.ts';

/**
 * The investment project events are the longest records of any family (6–7 events a project, most
 * carrying amounts in fen and optional approval numbers): they are validated through the compiled
 * fast path, which must accept exactly what the zod schema accepts and return what it returns.
 */
const fastPath = wireFastPath(InvestmentProjectEvent);

/** Mostly a valid value, sometimes one just wrong: about half the records come out valid. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: wrong });
const oneOf = (...values: unknown[]): fc.Arbitrary<unknown> => fc.constantFrom(...values);

/** Amounts: whole fen from 0 to 10^15, and every way of missing that. */
const amount = mostly(
  fc.oneof(oneOf(0, 1, 400_000_000, 1_000_000_000_000_000), fc.integer({ min: 0, max: 1_000_000_000_000_000 })),
  fc.oneof(oneOf(-1, 0.5, 1_000_000_000_000_001, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, '100', null, true, [], {}), fc.double()),
);
/** Text of BMP characters (so its length in code points is its length). */
const characters = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', ':', '_', ' ', '中', '\u00e9', '\n'), maxLength: 12 });
const approvalNumber = mostly(
  fc.oneof(
    oneOf('甬发改投资〔2024〕12号', 'a', 'x'.repeat(100)),
    characters.filter((t) => t.length > 0),
  ),
  oneOf('', 'x'.repeat(101), 7),
);
const itemId = mostly(oneOf('BG-1', 'TZ-1', 'a', 'x'.repeat(64), 'A.b_c:d-9'), fc.oneof(oneOf('', '-a', 'x'.repeat(65), 'a b', 'a\n', 1), characters));
const instant = mostly(
  oneOf('2024-03-01T10:00:00+08:00', '2024-02-29T10:00:00Z', '2024-08-02T10:00:00.5Z', '2099-12-31T23:59:59-05:30'),
  oneOf(
    '2025-02-29T10:00:00Z',
    '1999-12-31T23:59:59Z',
    '2100-01-01T00:00:00Z',
    '2024-03-01T10:00:00',
    '2024-03-01 10:00:00+08:00',
    '2024-03-01T24:00:00+08:00',
    20240301,
  ),
);
const official = mostly(
  fc.record({ staffId: oneOf('HS-0231', 'x'.repeat(64)), name: oneOf('张晓明', 'x'.repeat(50), 'Li Ming') }),
  fc.oneof(
    fc.record({ staffId: oneOf('', '-x', 'x'.repeat(65)), name: oneOf('张晓明') }),
    fc.record({ staffId: oneOf('HS-0231'), name: oneOf(' ', '', 'x'.repeat(51), 'a\u0000') }),
    oneOf({ staffId: 'HS-0231' }, { staffId: 'HS-0231', name: '张', extra: 1 }, 'HS-0231', null),
  ),
);

/** Each event's own fields: required ones always present (perhaps wrong), optional ones perhaps absent. */
const ownFields: Record<string, { required: Record<string, fc.Arbitrary<unknown>>; optional: Record<string, fc.Arbitrary<unknown>> }> = {
  proposalApproved: { required: {}, optional: { approvalNumber } },
  feasibilityApproved: { required: { investmentEstimateFen: amount }, optional: { approvalNumber } },
  designApproved: { required: { approvedEstimateFen: amount }, optional: { approvalNumber } },
  tendered: {
    required: {
      contractKind: mostly(oneOf('construction', 'goods', 'services'), oneOf('works', 'Goods', '')),
      method: mostly(oneOf('open', 'invited'), oneOf('negotiated', null)),
      contractEstimateFen: amount,
    },
    optional: { tradingCaseId: mostly(oneOf('ZB-2024-0031', 'x'.repeat(128)), oneOf('x'.repeat(129), '', ' ZB')) },
  },
  constructionStarted: { required: {}, optional: { constructionContractFen: amount } },
  investmentReported: { required: { investmentToDateFen: amount }, optional: {} },
  estimateAdjustmentRequested: {
    required: { adjustmentId: itemId, requestedEstimateFen: amount, reason: mostly(oneOf('policy', 'prices', 'geology', 'other'), oneOf('weather')) },
    optional: {},
  },
  estimateAdjustmentApproved: { required: { adjustmentId: itemId, approvedEstimateFen: amount }, optional: { approvalNumber } },
  changeMade: {
    required: {
      changeId: itemId,
      aspect: mostly(oneOf('site', 'scale', 'content', 'standard'), oneOf('cost')),
      major: mostly(oneOf(true, false), oneOf('true', 1)),
    },
    optional: {},
  },
  changeApproved: { required: { changeId: itemId }, optional: { approvalNumber } },
  constructionCompleted: { required: {}, optional: {} },
  completionAccepted: { required: { passed: mostly(oneOf(true, false), oneOf(0, 'false')) }, optional: {} },
  finalAccountsExtended: { required: { additionalMonths: mostly(oneOf(1, 12, 24), oneOf(0, 25, 1.5)), approvedBy: approvalNumber }, optional: {} },
  finalAccountsCompleted: { required: { finalCostFen: amount }, optional: {} },
};

/** A record of any event type, as JSON would bring it: common fields, the event's own, perhaps one dropped or one unknown added. */
const record = fc
  .constantFrom(...Object.keys(ownFields))
  .chain((event) => {
    const { required, optional } = ownFields[event] as (typeof ownFields)[string];
    return fc.record(
      {
        common: fc.record(
          {
            kind: mostly(oneOf('investmentProject'), oneOf('publicResourceTrading', 'investmentproject')),
            department: mostly(oneOf('development-reform', 'dr'), oneOf('Development-Reform', 'd', '-dr')),
            matterCode: mostly(oneOf('ZFTZ-001'), oneOf('ZFTZ 001')),
            caseId: mostly(oneOf('ZFTZ-2024-0007', 'x'.repeat(128)), oneOf('x'.repeat(129), ':x')),
            sequence: mostly(oneOf(1, 7, 1_000_000_000), oneOf(0, 1.5, 1_000_000_001, '1')),
            occurredAt: instant,
            event: fc.constant(event),
          },
          { requiredKeys: ['kind', 'department', 'matterCode', 'caseId', 'sequence', 'occurredAt', 'event'] },
        ),
        optionalCommon: fc.record({ classification: mostly(oneOf('public', 'internal'), oneOf('secret')), official }, { requiredKeys: [] }),
        own: fc.record(required),
        ownOptional: fc.record(optional, { requiredKeys: [] }),
        change: fc.oneof(
          { weight: 12, arbitrary: fc.constant(null) },
          fc.tuple(
            fc.constantFrom('drop', 'add'),
            fc.constantFrom('caseId', 'occurredAt', 'investmentEstimateFen', 'contractKind', 'method', 'extra', '__proto__'),
          ),
        ),
      },
      { requiredKeys: ['common', 'optionalCommon', 'own', 'ownOptional', 'change'] },
    );
  })
  .map(({ common, optionalCommon, own, ownOptional, change }) => {
    const fields: Record<string, unknown> = { ...common, ...optionalCommon, ...own, ...ownOptional };
    if (change !== null && change[0] === 'drop') delete fields[change[1]];
    if (change !== null && change[0] === 'add') fields[change[1]] = 1;
    return JSON.parse(JSON.stringify(fields)) as unknown;
  });

describe('the investment project events through the wire fast path', () => {
  it('has a fast path', () => {
    expect(fastPath).toBeDefined();
  });

  it('accepts exactly what the zod schema accepts, and returns what it returns, keys in the same order', () => {
    // Prepare
    let accepted = 0;
    const runs = 5000;

    // Act / Assess
    fc.assert(
      fc.property(record, (input) => {
        const zod = InvestmentProjectEvent.safeParse(input);
        const fast = fastPath?.(input);
        if (zod.success) accepted++;
        expect(fast !== undefined).toBe(zod.success);
        if (fast !== undefined) {
          expect(fast).toStrictEqual(zod.data);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
        }
      }),
      { numRuns: runs },
    );
    // Both verdicts are well represented (fast-check may shrink after a failure, never here).
    expect(accepted).toBeGreaterThan(runs / 20);
    expect(accepted).toBeLessThan(runs - runs / 20);
  });

  it('leaves to zod an optional field sent as undefined, and answers as zod does through the registry', () => {
    // Prepare
    const valid = {
      kind: 'investmentProject',
      department: 'development-reform',
      matterCode: 'ZFTZ-001',
      caseId: 'ZFTZ-2024-0007',
      sequence: 4,
      occurredAt: '2024-08-01T10:00:00+08:00',
      event: 'tendered',
      contractKind: 'goods',
      method: 'open',
      contractEstimateFen: 250_000_000,
    };
    const withUndefined = { ...valid, tradingCaseId: undefined };

    // Act
    const fast = fastPath?.(withUndefined);
    const parsed = builtInFamilies.parseRecord(withUndefined);
    const zod = InvestmentProjectEvent.safeParse(withUndefined);

    // Assess
    expect(fast).toBeUndefined();
    expect(parsed.ok).toBe(zod.success);
    if (parsed.ok && zod.success) expect(parsed.record).toStrictEqual(zod.data);
    expect(builtInFamilies.parseRecord(valid)).toEqual({ ok: true, family: builtInFamilies.familyOf('investmentProject'), record: valid });
  });

  it('never vouches for an approval number whose length in code points zod would refuse', () => {
    // Prepare: astral characters count once for zod and twice in `length`.
    const approvals = fc.array(fc.constantFrom('a', '😀', '中'), { maxLength: 110 }).map((parts) => parts.join(''));
    const base = {
      kind: 'investmentProject',
      department: 'development-reform',
      matterCode: 'ZFTZ-001',
      caseId: 'ZFTZ-2024-0007',
      sequence: 1,
      occurredAt: '2024-03-01T10:00:00+08:00',
      event: 'proposalApproved',
    };

    // Act / Assess
    fc.assert(
      fc.property(approvals, (approvalNumber) => {
        const input = { ...base, approvalNumber };
        const fast = fastPath?.(input);
        if (fast !== undefined) expect(fast).toStrictEqual(InvestmentProjectEvent.parse(input));
        if (approvalNumber.length >= 1 && approvalNumber.length <= 100) expect(fast).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});
