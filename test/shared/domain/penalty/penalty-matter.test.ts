import { describe, expect, it } from 'vitest';
import { PenaltyMatter } from '#shared/domain/penalty/penalty-matter.ts';
import { aRawPenaltyMatter } from './penalty-event-mother.ts';
import { wordsOfMessage } from '#shared/http/problem.ts';

const issuesOf = (raw: unknown) => {
  const result = PenaltyMatter.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: wordsOfMessage(issue.message).en }));
};

const band = (violationCode: string, circumstance: string, minFineYuan: number, maxFineYuan: number) => ({
  violationCode,
  circumstance,
  minFineYuan,
  maxFineYuan,
});

describe('penalty matter schema', () => {
  it('fills in the national figures when a matter leaves them out', () => {
    // Prepare
    const raw = aRawPenaltyMatter({ discretionBands: undefined });

    // Act
    const matter = PenaltyMatter.parse(raw);

    // Assess
    expect(matter).toMatchObject({
      decisionCalendarDays: 90,
      promptCalendarDaysBefore: 7,
      publicationWorkingDays: 7,
      discretionBands: [],
      hearingThresholdYuan: 10_000,
    });
  });

  it('requires a hearing threshold of at least one yuan, since no national figure exists', () => {
    // Prepare
    const { hearingThresholdYuan: _t, ...withoutThreshold } = aRawPenaltyMatter();

    // Act
    const missing = issuesOf(withoutThreshold);
    const zero = issuesOf(aRawPenaltyMatter({ hearingThresholdYuan: 0 }));

    // Assess
    expect(missing.map((issue) => issue.path)).toEqual(['hearingThresholdYuan']);
    expect(zero.map((issue) => issue.path)).toEqual(['hearingThresholdYuan']);
  });

  it('refuses a band whose minimum exceeds its maximum, naming the field', () => {
    // Prepare
    const raw = aRawPenaltyMatter({ discretionBands: [band('FSL-124', 'ordinary', 1000, 1000), band('FSL-124', 'serious', 50_001, 50_000)] });

    // Act
    const issues = issuesOf(raw);

    // Assess
    expect(issues).toEqual([{ path: 'discretionBands.1.minFineYuan', message: 'minFineYuan (50001) must not exceed maxFineYuan (50000)' }]);
  });

  it('refuses two bands for the same violation and circumstance', () => {
    // Prepare
    const raw = aRawPenaltyMatter({
      discretionBands: [band('FSL-124', 'ordinary', 1000, 20_000), band('FSL-125', 'ordinary', 0, 5000), band('FSL-124', 'ordinary', 2000, 30_000)],
    });

    // Act
    const issues = issuesOf(raw);

    // Assess
    expect(issues).toEqual([
      {
        path: 'discretionBands.2.circumstance',
        message: 'a band for violation FSL-124 and circumstance ordinary is already at discretionBands[0]',
      },
    ]);
  });

  it('refuses a prompt that would start before the decision period does', () => {
    // Prepare
    const raw = aRawPenaltyMatter({ decisionCalendarDays: 30, promptCalendarDaysBefore: 30 });

    // Act
    const issues = issuesOf(raw);

    // Assess
    expect(issues).toEqual([{ path: 'promptCalendarDaysBefore', message: 'promptCalendarDaysBefore (30) must be less than decisionCalendarDays (30)' }]);
  });

  it('refuses a matter of another family and fractional days', () => {
    // Prepare
    const otherKind = aRawPenaltyMatter({ kind: 'licensing' });
    const fractional = aRawPenaltyMatter({ decisionCalendarDays: 90.5, publicationWorkingDays: -1 });

    // Act
    const kindIssues = issuesOf(otherKind);
    const dayIssues = issuesOf(fractional);

    // Assess
    expect(kindIssues.map((issue) => issue.path)).toEqual(['kind']);
    expect(dayIssues.map((issue) => issue.path).sort()).toEqual(['decisionCalendarDays', 'publicationWorkingDays']);
  });
});
