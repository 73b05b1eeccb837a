/** The catalogue parameters of an online service matter, as a supervisor proposing a version meets them. */
import { describe, expect, it } from 'vitest';
import { parseMatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import { OnlineServiceMatter } from '#shared/domain/online-services/online-service-matter.ts';

const proposal = (overrides: Record<string, unknown> = {}) => ({
  department: 'haishu-housing',
  matterCode: 'construction-waste-permit',
  kind: 'onlineService',
  name: '城市建筑垃圾处置核准',
  legalBasis: '《中华人民共和国行政许可法》第四十二条',
  statutoryWorkingDays: 20,
  promisedWorkingDays: 10,
  version: 1,
  effectiveFrom: '2025-01-01',
  ...overrides,
});

const problemsOf = (raw: unknown) => {
  const parsed = parseMatterVersion(raw);
  return parsed.ok ? [] : parsed.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('online service catalogue matter', () => {
  it('fills in the defaults: working days, a prompt at one day left, a notice within five, no acceptance limit, nothing promised online', () => {
    // Act
    const parsed = parseMatterVersion(proposal());

    // Assess
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.version).toMatchObject({
      limitUnit: 'workingDays',
      promptWorkingDaysBefore: 1,
      supplementNoticeWorkingDays: 5,
      fullyOnline: false,
      electronicCertificate: false,
      version: 1,
      effectiveFrom: '2025-01-01',
    });
    expect(parsed.ok && 'acceptanceWorkingDays' in parsed.version).toBe(false);
  });

  it('refuses a promised limit longer than the legal one, naming the field and both figures', () => {
    expect(problemsOf(proposal({ promisedWorkingDays: 25 }))).toEqual([
      'promisedWorkingDays: 承诺时限（25 个工作日）不能超过法定时限（20 个工作日） / the promised limit (25 working days) cannot exceed the legal limit (20 working days)',
    ]);
    // Equal limits promise no more than the law, and are allowed.
    expect(problemsOf(proposal({ promisedWorkingDays: 20 }))).toEqual([]);
  });

  it('refuses limits counted in calendar days, whether by unit or by a field of its own', () => {
    expect(problemsOf(proposal({ limitUnit: 'calendarDays' }))).toEqual([
      'limitUnit: 网上行政服务事项的时限以工作日计，limitUnit 只能为 workingDays / online service limits are counted in working days: limitUnit must be workingDays',
    ]);
    expect(problemsOf(proposal({ promisedCalendarDays: 14 }))).toEqual([
      'promisedCalendarDays: the law counts this limit in working days (工作日), not days: use promisedWorkingDays',
    ]);
  });

  it('refuses fractional, zero and missing limits', () => {
    const refused = (overrides: Record<string, unknown>) =>
      OnlineServiceMatter.safeParse({ ...proposal(overrides), version: undefined, effectiveFrom: undefined }).success;
    expect([
      refused({ promisedWorkingDays: 2.5 }),
      refused({ statutoryWorkingDays: 0 }),
      refused({ statutoryWorkingDays: undefined }),
      refused({ acceptanceWorkingDays: 0 }),
    ]).toEqual([false, false, false, false]);
  });
});
