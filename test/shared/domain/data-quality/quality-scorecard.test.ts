import { describe, expect, it } from 'vitest';
import { healthTotalsOf, noLag } from '#shared/domain/connection-health/batch-health.ts';
import {
  gradeOf,
  lagClassAtQuantile,
  qualityFindingKindOf,
  scoreQuality,
  tallyFindings,
  type FindingCounts,
} from '#shared/domain/data-quality/quality-scorecard.ts';

const none: FindingCounts = {
  late: 0,
  incomplete: 0,
  inaccurate: 0,
  dataStandard: 0,
  reconciliationDifference: 0,
  manifestLate: 0,
  delayedConnection: 0,
  silentFeed: 0,
};

const totals = (accepted: number, refused: number, over24Hours = 0) =>
  healthTotalsOf([
    {
      day: '2026-12-01',
      accepted,
      duplicates: 0,
      refused: refused === 0 ? {} : { schema: refused },
      lag: { ...noLag(), withinHour: accepted - over24Hours, withinWeek: over24Hours },
    },
  ]);

describe('the data-quality findings of a department', () => {
  it("counts each reporting, connection and reconciliation rule under its kind, and ignores a case's own supervision rules", () => {
    expect(
      [
        'reporting.late',
        'reporting.incomplete',
        'reporting.stage-order',
        'reporting.future-instant',
        'connection.data-standard',
        'connection.feed-silent',
        'licensing.decision-time-limit',
      ].map(qualityFindingKindOf),
    ).toEqual(['late', 'incomplete', 'inaccurate', 'inaccurate', 'dataStandard', 'silentFeed', undefined]);

    const { raised, active } = tallyFindings([
      { ruleId: 'reporting.late', status: 'open' },
      { ruleId: 'reporting.late', status: 'closed' },
      { ruleId: 'reconciliation.difference', status: 'acknowledged' },
      { ruleId: 'reconciliation.manifest-late', status: 'resolved' },
      { ruleId: 'licensing.decision-time-limit', status: 'open' },
    ]);

    expect(raised).toEqual({ ...none, late: 2, reconciliationDifference: 1, manifestLate: 1 });
    expect(active).toEqual({ ...none, late: 1, reconciliationDifference: 1 });
  });
});

describe('the lag of the median and the 95th percentile', () => {
  it('names the lag class holding the quantile, none when nothing was accepted', () => {
    const lag = { withinHour: 90, withinDay: 6, withinWeek: 3, overWeek: 1 };

    expect([lagClassAtQuantile(lag, 0.5), lagClassAtQuantile(lag, 0.95), lagClassAtQuantile(lag, 0.99), lagClassAtQuantile(lag, 1)]).toEqual([
      'withinHour',
      'withinDay',
      'withinWeek',
      'overWeek',
    ]);
    expect(lagClassAtQuantile(noLag(), 0.5)).toBeNull();
  });
});

describe("a department's score and grade", () => {
  it('gives 100 and 优 to a department whose records all arrived in time, none refused, nothing found', () => {
    expect(scoreQuality(totals(200, 0), none)).toEqual({ score: 100, grade: 'excellent', deductions: { refusals: 0, lateArrivals: 0, findings: 0 } });
  });

  it('deducts 2 points per percent refused, 1 per percent over 24 hours late and the declared points per finding', () => {
    // 10 of 200 refused: 5% → 10 points; 19 of 190 accepted late: 10% → 10 points; 3 late (3) + 1 reconciliation difference (5).
    const scored = scoreQuality(totals(190, 10, 19), { ...none, late: 3, reconciliationDifference: 1 });

    expect(scored).toEqual({ score: 72, grade: 'fair', deductions: { refusals: 10, lateArrivals: 10, findings: 8 } });
  });

  it('caps each deduction, so a score never falls below zero', () => {
    const scored = scoreQuality(totals(10, 90, 10), { ...none, silentFeed: 9 });

    expect(scored).toEqual({ score: 0, grade: 'poor', deductions: { refusals: 30, lateArrivals: 20, findings: 50 } });
  });

  it('does not grade a range in which no record arrived, yet shows what its findings would cost', () => {
    expect(scoreQuality(totals(0, 0), { ...none, silentFeed: 1 })).toEqual({
      score: null,
      grade: null,
      deductions: { refusals: 0, lateArrivals: 0, findings: 10 },
    });
  });

  it('grades 优 from 90, 良 from 75, 中 from 60, 差 below', () => {
    expect([100, 90, 89, 75, 74, 60, 59, 0].map((score) => gradeOf(score))).toEqual(['excellent', 'excellent', 'good', 'good', 'fair', 'fair', 'poor', 'poor']);
  });
});
