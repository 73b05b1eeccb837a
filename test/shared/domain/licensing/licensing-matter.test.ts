import { describe, expect, it } from 'vitest';
import { LicensingMatter } from '#shared/domain/licensing/licensing-matter.ts';
import { wordsOfMessage } from '#shared/http/problem.ts';

const issuesOf = (raw: unknown) => {
  const result = LicensingMatter.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: wordsOfMessage(issue.message).en }));
};

/** A matter as catalogues hold it before the fee, extension, suspension and stage fields. */
const aMatterOfToday = (overrides: Record<string, unknown> = {}) => ({
  department: 'haishu-housing',
  matterCode: 'construction-permit',
  kind: 'licensing',
  name: '建筑工程施工许可',
  legalBasis: '《中华人民共和国行政许可法》第四十二条',
  promisedWorkingDays: 10,
  statutoryWorkingDays: 20,
  promptWorkingDaysBefore: 1,
  completionNoticeWorkingDays: 5,
  ...overrides,
});

describe('licensing matter schema', () => {
  it("keeps a matter of today's shape valid, filling in the Licensing Law's figures and no fee", () => {
    // Act
    const matter = LicensingMatter.parse(aMatterOfToday());

    // Assess
    expect(matter).toEqual({
      ...aMatterOfToday(),
      statutoryExtensionWorkingDays: 10,
      suspensionWarningCalendarDays: 60,
      acceptanceWorkingDays: 5,
      deliveryWorkingDays: 10,
    });
    expect('feeStandardYuan' in matter).toBe(false);
  });

  it('accepts joint handling: forty-five working days and fifteen more', () => {
    // Act
    const matter = LicensingMatter.parse(aMatterOfToday({ statutoryWorkingDays: 45, statutoryExtensionWorkingDays: 15 }));

    // Assess
    expect(matter).toMatchObject({ statutoryWorkingDays: 45, statutoryExtensionWorkingDays: 15 });
  });

  it('accepts a fee standard of zero and one in yuan and fen', () => {
    // Act
    const issues = [0, 12.5, 0.01, 1e10].map((feeStandardYuan) => issuesOf(aMatterOfToday({ feeStandardYuan })));

    // Assess
    expect(issues).toEqual([[], [], [], []]);
  });

  it('refuses a negative fee standard, a third decimal and more than ten billion, with the reason', () => {
    // Act
    const negative = issuesOf(aMatterOfToday({ feeStandardYuan: -1 }));
    const threeDecimals = issuesOf(aMatterOfToday({ feeStandardYuan: 1.005 }));
    const tooLarge = issuesOf(aMatterOfToday({ feeStandardYuan: 1e10 + 1 }));

    // Assess
    expect(negative).toEqual([{ path: 'feeStandardYuan', message: 'a fee standard of 0 yuan or more' }]);
    expect(threeDecimals).toEqual([{ path: 'feeStandardYuan', message: 'yuan with at most two decimals (whole fen)' }]);
    expect(tooLarge).toEqual([{ path: 'feeStandardYuan', message: 'a fee standard of at most 10000000000 yuan' }]);
  });

  it('refuses stage and suspension limits of zero days, and fractions of days', () => {
    // Act
    const issues = issuesOf(
      aMatterOfToday({ acceptanceWorkingDays: 0, deliveryWorkingDays: 2.5, suspensionWarningCalendarDays: 0, statutoryExtensionWorkingDays: -1 }),
    );

    // Assess
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'acceptanceWorkingDays',
      'deliveryWorkingDays',
      'statutoryExtensionWorkingDays',
      'suspensionWarningCalendarDays',
    ]);
  });
});
