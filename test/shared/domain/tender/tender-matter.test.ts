import { describe, expect, it } from 'vitest';
import { TenderMatter } from '#shared/domain/tender/tender-matter.ts';
import { wordsOfMessage } from '#shared/http/problem.ts';

const configured = {
  department: 'housing-construction',
  matterCode: 'GC-SG-001',
  kind: 'publicResourceTrading',
  name: 'Construction works tender',
  legalBasis: '《中华人民共和国招标投标法》',
};

const issues = (value: unknown) => {
  const result = TenderMatter.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: wordsOfMessage(issue.message).en }));
};

describe('tender catalogue matter', () => {
  it('fills in the national figures when the department configures none', () => {
    // Act
    const matter = TenderMatter.parse(configured);

    // Assess
    expect(matter).toEqual({
      ...configured,
      minBidDays: 20,
      minAmendmentNoticeDays: 15,
      minPublicityDays: 3,
      contractCalendarDays: 30,
      promptCalendarDaysBefore: 3,
      tenderThresholdYuan: 4_000_000,
      singleBidderLevel: 'warning',
      contractDeviationPercent: 10,
    });
  });

  it('keeps stricter figures a department configures', () => {
    // Act
    const matter = TenderMatter.parse({ ...configured, minBidDays: 25, tenderThresholdYuan: 2_000_000, singleBidderLevel: 'correction' });

    // Assess
    expect(matter.minBidDays).toBe(25);
    expect(matter.tenderThresholdYuan).toBe(2_000_000);
    expect(matter.singleBidderLevel).toBe('correction');
  });

  it('refuses a prompt that would start before the award, naming the field', () => {
    // Act
    const found = issues({ ...configured, contractCalendarDays: 10, promptCalendarDaysBefore: 10 });

    // Assess
    expect(found).toEqual([
      { path: 'promptCalendarDaysBefore', message: 'must be less than contractCalendarDays (10): the prompt would start before the award' },
    ]);
  });

  it('refuses an amendment notice longer than the bid period, naming the field', () => {
    // Act
    const found = issues({ ...configured, minBidDays: 10 });

    // Assess
    expect(found.map((issue) => issue.path)).toEqual(['minAmendmentNoticeDays']);
    expect(found[0]?.message).toContain('minBidDays (10)');
  });

  it('accepts an amendment notice exactly as long as the bid period', () => {
    // Act
    const found = issues({ ...configured, minBidDays: 15, minAmendmentNoticeDays: 15 });

    // Assess
    expect(found).toEqual([]);
  });

  it('refuses zero-day periods, a zero threshold, fractional days, unknown levels and unknown fields', () => {
    // Act
    const found = issues({
      ...configured,
      minPublicityDays: 0,
      tenderThresholdYuan: 0,
      contractCalendarDays: 30.5,
      singleBidderLevel: 'red',
      contractDeviationPercent: 101,
      reviewer: 'someone',
    });

    // Assess
    expect(found.map((issue) => issue.path || 'unrecognized')).toEqual(
      expect.arrayContaining([
        'minPublicityDays',
        'tenderThresholdYuan',
        'contractCalendarDays',
        'singleBidderLevel',
        'contractDeviationPercent',
        'unrecognized',
      ]),
    );
  });

  it('refuses a matter of another family', () => {
    // Act
    const found = issues({ ...configured, kind: 'licensing' });

    // Assess
    expect(found.map((issue) => issue.path)).toEqual(['kind']);
  });
});
