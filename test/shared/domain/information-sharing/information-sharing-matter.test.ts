import { describe, expect, it } from 'vitest';
import { parseMatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import { InformationSharingMatter } from '#shared/domain/information-sharing/information-sharing-matter.ts';

const resource = {
  department: 'market-regulation',
  matterCode: 'enterprise-registration-records',
  kind: 'informationSharing',
  name: '企业登记信息',
  legalBasis: '《政务数据共享条例》',
  sharingType: 'conditional',
};

const issuesOf = (raw: unknown) => {
  const parsed = InformationSharingMatter.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('/'), message: issue.message }));
};

describe('a shared resource in the catalogue', () => {
  it('answers within the legal 10 working days unless the catalogue promises fewer', () => {
    expect(InformationSharingMatter.parse(resource)).toMatchObject({ answerWorkingDays: 10, limitUnit: 'workingDays', promptWorkingDaysBefore: 1 });
    expect(InformationSharingMatter.parse({ ...resource, answerWorkingDays: 5 }).answerWorkingDays).toBe(5);
  });

  it('refuses an answer limit longer than the legal one, naming the field and the limit', () => {
    const issues = issuesOf({ ...resource, answerWorkingDays: 15 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('answerWorkingDays');
    expect(issues[0]?.message).toContain('不得超过 10 个工作日');
  });

  it('refuses a limit in days where the law counts working days', () => {
    expect(issuesOf({ ...resource, limitUnit: 'days' }).map((issue) => issue.path)).toEqual(['limitUnit']);
    expect(issuesOf({ ...resource, answerDays: 10 }).map((issue) => issue.path)).toEqual(['']);
    const version = parseMatterVersion({ ...resource, answerDays: 10, version: 1, effectiveFrom: '2025-01-01' });
    expect(version.ok).toBe(false);
    expect(!version.ok && version.issues.map((issue) => [issue.path.join('/'), issue.words.zh])).toEqual([
      ['answerDays', '该期限依法按工作日计算，不按日计算：应使用字段 answerWorkingDays'],
    ]);
  });

  it('refuses a resource without a sharing type, or with one the law does not know', () => {
    const { sharingType: _left, ...untyped } = resource;
    expect(issuesOf(untyped).map((issue) => issue.path)).toEqual(['sharingType']);
    expect(issuesOf({ ...resource, sharingType: 'open' }).map((issue) => issue.path)).toEqual(['sharingType']);
  });

  it('takes dated catalogue versions, so a resource may change its sharing type from a date on', () => {
    const first = parseMatterVersion({ ...resource, version: 1, effectiveFrom: '2025-01-01', effectiveUntil: '2025-12-31' });
    const second = parseMatterVersion({ ...resource, sharingType: 'unconditional', version: 2, effectiveFrom: '2026-01-01' });
    expect(first.ok).toBe(true);
    expect(second.ok && second.version).toMatchObject({ sharingType: 'unconditional', effectiveFrom: '2026-01-01' });
  });
});
