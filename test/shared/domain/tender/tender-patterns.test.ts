import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectTenderPatterns, type TenderAward } from '#shared/domain/tender/tender-patterns.ts';

const asOf = new Date('2025-06-30T12:00:00+08:00');
const threshold = { tenderThresholdYuan: 4_000_000 };

/** An award of buyer `ORG-B1`, `daysBefore` calendar days before 30 June 2025 (Shanghai). */
const anAward = (caseId: string, daysBefore: number, amountYuan: number, overrides: Partial<TenderAward> = {}): TenderAward => {
  const day = new Date(Date.parse('2025-06-30T10:00:00+08:00') - daysBefore * 86_400_000).toISOString();
  return { buyerId: 'ORG-B1', winnerId: `ORG-W-${caseId}`, caseId, amountYuan, awardedAt: day, ...overrides };
};

describe('suspected splitting to avoid tendering', () => {
  it('warns when a buyer places three contracts just under the threshold within ninety days', () => {
    // Prepare
    const awards = [anAward('C1', 80, 3_500_000), anAward('C2', 40, 3_900_000), anAward('C3', 1, 3_999_999)];

    // Act
    const findings = detectTenderPatterns(awards, threshold, asOf);

    // Assess
    expect(findings).toEqual([
      {
        ruleId: 'publicResourceTrading.suspected-splitting',
        buyerId: 'ORG-B1',
        caseIds: ['C1', 'C2', 'C3'],
        level: 'warning',
        summary: 'Buyer ORG-B1 placed 3 contracts between 3200000 and 3999999 yuan, just under the tendering threshold of 4000000 yuan, within 90 days.',
        message: {
          key: 'publicResourceTrading.suspected-splitting',
          params: { buyer: 'ORG-B1', count: 3, lowerBound: 3200000, threshold: 4000000, upperBound: 3999999, windowDays: 90 },
        },
        legalBasis: '《中华人民共和国招标投标法》第四条、《中华人民共和国招标投标法实施条例》第二十四条',
      },
    ]);
  });

  it('counts an amount of exactly eighty percent, but not one a yuan below it or the threshold itself', () => {
    // Prepare
    const atShare = [anAward('C1', 3, 3_200_000), anAward('C2', 2, 3_200_000), anAward('C3', 1, 3_200_000)];
    const belowShare = [anAward('C1', 3, 3_200_000), anAward('C2', 2, 3_200_000), anAward('C3', 1, 3_199_999)];
    const atThreshold = [anAward('C1', 3, 3_200_000), anAward('C2', 2, 3_200_000), anAward('C3', 1, 4_000_000)];

    // Act / Assess
    expect(detectTenderPatterns(atShare, threshold, asOf)).toHaveLength(1);
    expect(detectTenderPatterns(belowShare, threshold, asOf)).toEqual([]);
    expect(detectTenderPatterns(atThreshold, threshold, asOf)).toEqual([]);
  });

  it('counts the day ninety days back from today as inside the window only up to the eighty-ninth', () => {
    // Prepare: today (30 June) is the window's first day, so 89 days back is its last
    const inside = [anAward('C1', 89, 3_500_000), anAward('C2', 10, 3_500_000), anAward('C3', 0, 3_500_000)];
    const outside = [anAward('C1', 90, 3_500_000), anAward('C2', 10, 3_500_000), anAward('C3', 0, 3_500_000)];

    // Act / Assess
    expect(detectTenderPatterns(inside, threshold, asOf).map((finding) => finding.caseIds)).toEqual([['C1', 'C2', 'C3']]);
    expect(detectTenderPatterns(outside, threshold, asOf)).toEqual([]);
  });

  it('ignores awards after the evaluation instant, other buyers, and a case counted twice', () => {
    // Prepare
    const awards = [
      anAward('C1', 5, 3_500_000),
      anAward('C1', 4, 3_600_000),
      anAward('C2', 3, 3_500_000, { buyerId: 'ORG-B2' }),
      { ...anAward('C3', 0, 3_500_000), awardedAt: '2025-06-30T12:00:00.001+08:00' },
    ];

    // Act
    const findings = detectTenderPatterns(awards, { ...threshold, splitMinCount: 2 }, asOf);

    // Assess
    expect(findings).toEqual([]);
  });

  it('uses the configured threshold, share, window and count', () => {
    // Prepare: goods threshold 2 million, 90% share, 30 days, two contracts
    const awards = [anAward('C1', 29, 1_800_000), anAward('C2', 0, 1_999_999), anAward('C3', 30, 1_900_000), anAward('C4', 1, 1_799_999)];

    // Act
    const findings = detectTenderPatterns(awards, { tenderThresholdYuan: 2_000_000, splitShareOfThreshold: 0.9, splitWindowDays: 30, splitMinCount: 2 }, asOf);

    // Assess
    expect(findings.map((finding) => finding.caseIds)).toEqual([['C1', 'C2']]);
  });
});

describe('repeated winner', () => {
  it('warns when one buyer awards three tenders to the same winner within a year', () => {
    // Prepare
    const awards = [
      anAward('T1', 364, 10_000_000, { winnerId: 'ORG-W1' }),
      anAward('T2', 100, 20_000_000, { winnerId: 'ORG-W1' }),
      anAward('T3', 0, 30_000_000, { winnerId: 'ORG-W1' }),
      anAward('T4', 50, 30_000_000, { winnerId: 'ORG-W2' }),
    ];

    // Act
    const findings = detectTenderPatterns(awards, threshold, asOf);

    // Assess
    expect(findings).toEqual([
      {
        ruleId: 'publicResourceTrading.repeated-winner',
        buyerId: 'ORG-B1',
        winnerId: 'ORG-W1',
        caseIds: ['T1', 'T2', 'T3'],
        level: 'warning',
        summary: 'Buyer ORG-B1 awarded 3 tenders to the same winner ORG-W1 within 365 days.',
        message: { key: 'publicResourceTrading.repeated-winner', params: { buyer: 'ORG-B1', count: 3, windowDays: 365, winner: 'ORG-W1' } },
        legalBasis: '《中华人民共和国招标投标法》第五条、第三十二条',
      },
    ]);
  });

  it('finds nothing when the oldest award is a year back, or the same winner serves different buyers', () => {
    // Prepare
    const yearBack = [
      anAward('T1', 365, 10_000_000, { winnerId: 'ORG-W1' }),
      anAward('T2', 100, 20_000_000, { winnerId: 'ORG-W1' }),
      anAward('T3', 0, 30_000_000, { winnerId: 'ORG-W1' }),
    ];
    const differentBuyers = [
      anAward('T1', 3, 10_000_000, { winnerId: 'ORG-W1', buyerId: 'ORG-B1' }),
      anAward('T2', 2, 20_000_000, { winnerId: 'ORG-W1', buyerId: 'ORG-B2' }),
      anAward('T3', 1, 30_000_000, { winnerId: 'ORG-W1', buyerId: 'ORG-B3' }),
    ];

    // Act / Assess
    expect(detectTenderPatterns(yearBack, threshold, asOf)).toEqual([]);
    expect(detectTenderPatterns(differentBuyers, threshold, asOf)).toEqual([]);
  });

  it('reports both signs for one buyer, in rule order', () => {
    // Prepare
    const awards = [anAward('C1', 3, 3_500_000, { winnerId: 'ORG-W1' }), anAward('C2', 2, 3_500_000, { winnerId: 'ORG-W1' })];

    // Act
    const findings = detectTenderPatterns(awards, { ...threshold, splitMinCount: 2, repeatWinnerMinCount: 2 }, asOf);

    // Assess
    expect(findings.map((finding) => finding.ruleId)).toEqual(['publicResourceTrading.repeated-winner', 'publicResourceTrading.suspected-splitting']);
  });
});

describe('tender pattern detection as a whole', () => {
  it('gives the same findings whatever the order of the awards', () => {
    // Prepare
    const awards = fc.array(
      fc.record({
        buyerId: fc.constantFrom('ORG-B1', 'ORG-B2'),
        winnerId: fc.constantFrom('ORG-W1', 'ORG-W2', 'ORG-W3'),
        caseId: fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6'),
        amountYuan: fc.integer({ min: 3_000_000, max: 4_100_000 }),
        awardedAt: fc.constantFrom(0, 1, 89, 90, 364, 365).map((days) => new Date(Date.parse('2025-06-30T10:00:00+08:00') - days * 86_400_000).toISOString()),
      }),
      { maxLength: 15 },
    );

    fc.assert(
      fc.property(awards, (list) => {
        // Act
        const forward = detectTenderPatterns(list, { ...threshold, splitMinCount: 2, repeatWinnerMinCount: 2 }, asOf);
        const backward = detectTenderPatterns([...list].reverse(), { ...threshold, splitMinCount: 2, repeatWinnerMinCount: 2 }, asOf);

        // Assess
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('refuses invalid parameters with the field named', () => {
    // Act / Assess
    expect(() => detectTenderPatterns([], { tenderThresholdYuan: 4_000_000, splitShareOfThreshold: 1 }, asOf)).toThrow(/splitShareOfThreshold/);
    expect(() => detectTenderPatterns([], { tenderThresholdYuan: 0 }, asOf)).toThrow(RangeError);
  });
});
