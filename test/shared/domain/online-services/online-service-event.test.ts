/** The wire contract of online service records: strict, each event with the fields it needs. */
import { describe, expect, it } from 'vitest';
import { parseRecord } from '#shared/domain/records/record-families.ts';

const record = (overrides: Record<string, unknown>) => ({
  kind: 'onlineService',
  department: 'haishu-housing',
  matterCode: 'construction-waste-permit',
  caseId: 'WSBJ-2025-000118',
  sequence: 1,
  occurredAt: '2025-09-26T09:00:00+08:00',
  event: 'applied',
  ...overrides,
});

const pointersOf = (raw: unknown) => {
  const parsed = parseRecord(raw);
  return parsed.ok ? [] : parsed.issue === 'invalid' ? parsed.error.issues.map((issue) => issue.path.join('/') || issue.code) : [parsed.issue];
};

describe('online service records on the wire', () => {
  it('accepts each event of the procedure', () => {
    expect(
      [
        record({}),
        record({ event: 'supplementRequested', materials: ['the disposal site agreement'] }),
        record({ event: 'supplemented' }),
        record({ event: 'accepted' }),
        record({ event: 'notAccepted', reasons: '不属于本部门职责范围' }),
        record({ event: 'suspended', reason: 'testing', applicantNotifiedAt: '2025-10-10T09:30:00+08:00' }),
        record({ event: 'suspended', reason: 'tendering' }),
        record({ event: 'resumed' }),
        record({ event: 'completed', outcome: 'approved' }),
        record({ event: 'resultDelivered', channel: 'online', electronicCertificate: true }),
      ].map(pointersOf),
    ).toEqual([[], [], [], [], [], [], [], [], [], []]);
  });

  it('refuses unknown fields, a refusal to accept without reasons, and unknown channels', () => {
    expect(pointersOf(record({ stage: 'accepted' }))).toEqual(['unrecognized_keys']);
    expect(pointersOf(record({ event: 'notAccepted' }))).toEqual(['reasons']);
    expect(pointersOf(record({ event: 'resultDelivered', channel: 'email' }))).toEqual(['channel']);
    expect(pointersOf(record({ event: 'supplementRequested', materials: [] }))).toEqual(['materials']);
    expect(pointersOf(record({ event: 'completed', outcome: 'approved', promisedCalendarDays: 10 }))).toEqual(['unrecognized_keys']);
  });

  it('stops the clock only on a ground of Licensing Law Art. 45, with no length or end of its own', () => {
    expect(pointersOf(record({ event: 'suspended' }))).toEqual(['reason']);
    expect(pointersOf(record({ event: 'suspended', reason: 'other' }))).toEqual(['reason']);
    expect(pointersOf(record({ event: 'suspended', reason: 'publicNotice' }))).toEqual(['reason']);
    expect(pointersOf(record({ event: 'suspended', reason: 'hearing', stoppedWorkingDays: 5 }))).toEqual(['unrecognized_keys']);
    expect(new Set(pointersOf(record({ event: 'suspended', reason: 'hearing', applicantNotifiedAt: 'next week' })))).toEqual(new Set(['applicantNotifiedAt']));
    expect(pointersOf(record({ event: 'resumed', reason: 'hearing' }))).toEqual(['unrecognized_keys']);
  });
});
