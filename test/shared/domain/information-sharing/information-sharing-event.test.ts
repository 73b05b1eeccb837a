import { describe, expect, it } from 'vitest';
import { InformationSharingEvent } from '#shared/domain/information-sharing/information-sharing-event.ts';
import { parseRecord } from '#shared/domain/records/record-families.ts';

const base = {
  kind: 'informationSharing',
  department: 'market-regulation',
  matterCode: 'enterprise-registration-records',
  caseId: 'GX-2025-000042',
  sequence: 2,
  occurredAt: '2025-09-30T10:00:00+08:00',
};

const pathsOf = (raw: unknown) => {
  const parsed = InformationSharingEvent.safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('/'));
};

describe('the share request wire contract', () => {
  it('takes a request naming the requesting department, its purpose and scope, through the registry', () => {
    const parsed = parseRecord({
      ...base,
      sequence: 1,
      event: 'requested',
      requestingDepartment: 'housing',
      purpose: '核验建筑企业资质',
      scope: ['unifiedSocialCreditCode'],
    });
    expect(parsed.ok && parsed.family.kind).toBe('informationSharing');
  });

  it('refuses a refusal without reasons, or with blank reasons', () => {
    expect(pathsOf({ ...base, event: 'refused' })).toEqual(['reasons']);
    expect(pathsOf({ ...base, event: 'refused', reasons: '   ' })).toEqual(['reasons']);
    expect(pathsOf({ ...base, event: 'refused', reasons: '含商业秘密' })).toEqual([]);
  });

  it('refuses a conditional grant without conditions, a request without purpose, and an unknown field', () => {
    expect(pathsOf({ ...base, event: 'grantedWithConditions' })).toEqual(['conditions']);
    expect(pathsOf({ ...base, event: 'requested', requestingDepartment: 'housing', scope: ['a'] })).toEqual(['purpose']);
    expect(pathsOf({ ...base, event: 'granted', answerDays: 3 })).toEqual(['']);
  });
});
