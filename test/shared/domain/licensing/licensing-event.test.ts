import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { wireFastPath } from '#shared/domain/records/wire-fast-path.ts';
import { wordsOfMessage } from '#shared/http/problem.ts';

const issuesOf = (raw: unknown) => {
  const result = LicensingEvent.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: wordsOfMessage(issue.message).en }));
};

const common = {
  kind: 'licensing',
  department: 'market-regulation',
  matterCode: 'SC-FOOD-001',
  caseId: 'LIC-2025-000123',
  occurredAt: '2025-10-10T09:00:00+08:00',
} as const;

/** One record of every event type as departments sent them before fees, notices and `other` existed. */
const recordsOfToday = [
  { ...common, sequence: 1, event: 'received' },
  { ...common, sequence: 2, event: 'completionRequested', materials: ['floor plan'] },
  { ...common, sequence: 3, event: 'completionReceived' },
  { ...common, sequence: 4, event: 'accepted' },
  { ...common, sequence: 5, event: 'suspended', reason: 'expertReview' },
  { ...common, sequence: 6, event: 'resumed' },
  { ...common, sequence: 7, event: 'extended', additionalWorkingDays: 10, approvedBy: 'head of bureau' },
  { ...common, sequence: 8, event: 'decided', outcome: 'refused', reasons: 'premises do not meet hygiene standards' },
  { ...common, sequence: 9, event: 'decided', outcome: 'granted' },
  { ...common, sequence: 10, event: 'concluded' },
];

const feeCharged = (amountYuan: unknown) => ({ ...common, sequence: 11, event: 'feeCharged', amountYuan });

describe('licensing event schema', () => {
  it('still accepts every event as departments sent it before the new fields, unchanged', () => {
    // Act
    const parsed = recordsOfToday.map((record) => LicensingEvent.parse(record));

    // Assess
    expect(parsed).toStrictEqual(recordsOfToday);
  });

  it('accepts a fee charged in yuan with up to two decimals, up to ten billion', () => {
    // Act
    const issues = [0.01, 0.07, 12.5, 99.99, 1e10].map((amount) => issuesOf(feeCharged(amount)));

    // Assess
    expect(issues).toEqual([[], [], [], [], []]);
  });

  it('refuses a fee of zero or less, saying it must be above zero', () => {
    // Act
    const zero = issuesOf(feeCharged(0));
    const negative = issuesOf(feeCharged(-5));

    // Assess
    expect(zero).toEqual([{ path: 'amountYuan', message: 'an amount above 0 yuan' }]);
    expect(negative).toEqual([{ path: 'amountYuan', message: 'an amount above 0 yuan' }]);
    // Said in Chinese first: a 400 body in Chinese carries no English sentence.
    const chinese = LicensingEvent.safeParse(feeCharged(0)).error?.issues.map((issue) => wordsOfMessage(issue.message).zh);
    expect(chinese).toEqual(['金额应大于 0 元']);
  });

  it('refuses a fee with a third decimal or float residue, saying whole fen', () => {
    // Act
    const threeDecimals = issuesOf(feeCharged(1.005));
    const residue = issuesOf(feeCharged(0.1 + 0.2));

    // Assess
    expect(threeDecimals).toEqual([{ path: 'amountYuan', message: 'yuan with at most two decimals (whole fen)' }]);
    expect(residue).toEqual([{ path: 'amountYuan', message: 'yuan with at most two decimals (whole fen)' }]);
  });

  it('refuses a fee above ten billion yuan, a fee as text and a fee left out', () => {
    // Act
    const tooLarge = issuesOf(feeCharged(1e10 + 0.01));
    const text = issuesOf(feeCharged('12.50'));
    const { amountYuan: _amount, ...withoutAmount } = feeCharged(1);
    const missing = issuesOf(withoutAmount);

    // Assess
    expect(tooLarge).toEqual([{ path: 'amountYuan', message: 'an amount of at most 10000000000 yuan' }]);
    expect(text.map((issue) => issue.path)).toEqual(['amountYuan']);
    expect(missing.map((issue) => issue.path)).toEqual(['amountYuan']);
  });

  it('accepts a suspension on no legal ground and a written notice to the applicant', () => {
    // Prepare
    const suspended = { ...common, sequence: 5, event: 'suspended', reason: 'other', applicantNotifiedAt: '2025-10-10T15:00:00+08:00' };

    // Act
    const parsed = LicensingEvent.safeParse(suspended);

    // Assess
    expect(parsed.success && parsed.data).toStrictEqual(suspended);
  });

  it('refuses a notice instant without an offset and an unknown suspension reason', () => {
    // Act
    const localTime = issuesOf({ ...common, sequence: 5, event: 'suspended', reason: 'hearing', applicantNotifiedAt: '2025-10-10T15:00:00' });
    const unknownReason = issuesOf({ ...common, sequence: 5, event: 'suspended', reason: 'holiday' });

    // Assess
    expect(localTime).toEqual([
      {
        path: 'applicantNotifiedAt',
        message: 'ISO 8601 date-time with offset, e.g. 2026-03-02T09:30:00+08:00',
      },
    ]);
    expect(unknownReason.map((issue) => issue.path)).toEqual(['reason']);
  });

  it('accepts an extension of up to fifteen working days, for joint handling', () => {
    // Prepare
    const extended = (additionalWorkingDays: number) => ({ ...common, sequence: 7, event: 'extended', additionalWorkingDays, approvedBy: 'head of bureau' });

    // Act
    const fifteen = issuesOf(extended(15));
    const sixteen = issuesOf(extended(16));

    // Assess
    expect(fifteen).toEqual([]);
    expect(sixteen.map((issue) => issue.path)).toEqual(['additionalWorkingDays']);
  });
});

describe('the wire fast path on the new licensing fields', () => {
  it('vouches for a fee and a notified suspension with exactly what zod returns', () => {
    // Prepare
    const records = [feeCharged(120.5), { ...common, sequence: 5, event: 'suspended', reason: 'other', applicantNotifiedAt: '2025-10-10T15:00:00Z' }];

    // Act
    const fast = records.map((record) => wireFastPath(LicensingEvent)?.(record));

    // Assess
    expect(fast).toStrictEqual(records.map((record) => LicensingEvent.parse(record)));
  });

  it('never vouches for a fee zod refuses', () => {
    // Prepare
    const amounts = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -100, max: 100_000 }).map((fen) => fen / 100),
      fc.constantFrom(0, -0, 0.001, 1.005, 0.1 + 0.2, 1e10, 1e10 + 0.01, Number.MAX_VALUE, '1', null),
    );

    // Act / Assess
    fc.assert(
      fc.property(amounts, (amount) => {
        const fast = wireFastPath(LicensingEvent)?.(feeCharged(amount));
        if (fast === undefined) return;
        expect(LicensingEvent.safeParse(feeCharged(amount))).toEqual({ success: true, data: fast });
      }),
      { numRuns: 2000 },
    );
  });
});
