/**
 * The security events' store against DynamoDB Local: appended once each (never overwritten), kept
 * over a year, read a day at a time in order, of every kind or of one, a page at a time, and a
 * cursor of another day or kind refused.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSecurityEventLog, DynamoDbSecurityEventReader, securityEventRetentionDays } from '#shared/adapters/dynamodb/dynamodb-security-events.ts';
import { securityEventsFromEnvironment, SecurityEventsToEach } from '#shared/adapters/security-events-from-environment.ts';
import { InvalidSecurityEventCursorError } from '#shared/application/security/security-event-reader.ts';
import type { SecurityEvent, SecurityEventLog } from '#shared/application/security-events.ts';
import { listSecurityEvents } from '#shared/application/security/list-security-events.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { environmentNames } from '#shared/topology.ts';
import { RoleNotPermitted } from '#shared/domain/access-refusals.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let db: TestTables;
let log: DynamoDbSecurityEventLog;
let reader: DynamoDbSecurityEventReader;

beforeAll(async () => {
  db = await createTestTables();
  log = new DynamoDbSecurityEventLog(db.documentClient, db.tables.security);
  reader = new DynamoDbSecurityEventReader(db.documentClient, db.tables.security);
});

/** An event at a Shanghai wall-clock time of 2026-03-02 (UTC+8). */
const event = (kind: SecurityEvent['kind'], shanghaiTime: string, subject = 'haishu-housing'): SecurityEvent => ({
  kind,
  at: new Date(`2026-03-02T${shanghaiTime}+08:00`).toISOString(),
  source: 'ingest-records',
  subject,
  detail: { count: 1 },
});

describe('appending security events', () => {
  it('files an event under its day in Asia/Shanghai, and keeps it at least a year', async () => {
    // Prepare: 07:30 in Shanghai is still the day before in UTC.
    const early = event('classifiedRefused', '07:30:00', 'early-department');

    // Act
    await log.record(early);

    // Assess
    const { Items } = await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.security,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'EVENTS#2026-03-02' },
        ConsistentRead: true,
      }),
    );
    const stored = Items?.find((item) => item['subject'] === 'early-department');
    expect(stored).toMatchObject({ kind: 'classifiedRefused', kindDay: 'classifiedRefused#2026-03-02', at: early.at, detail: { count: 1 } });
    expect(securityEventRetentionDays).toBeGreaterThanOrEqual(365);
    expect(Number(stored?.['expiresAt'])).toBe(Math.floor(Date.parse(early.at) / 1000) + securityEventRetentionDays * 86_400);
  });

  it('never overwrites: the same event recorded twice is two entries', async () => {
    // Prepare
    const twice = event('scopeDenied', '09:00:00', 'twice-subject');

    // Act
    await Promise.all([log.record(twice), log.record(twice)]);

    // Assess
    const page = await reader.page({ day: '2026-03-02', kind: 'scopeDenied', limit: 50 });
    expect(page.items.filter((item) => item.subject === 'twice-subject')).toHaveLength(2);
  });
});

describe('reading a day of security events', () => {
  let day: string;

  beforeAll(async () => {
    day = '2026-03-03';
    for (const [kind, time] of [
      ['classifiedRefused', '08:00:00'],
      ['authenticationFailures', '09:00:00'],
      ['classifiedRefused', '10:00:00'],
      ['integrityBreak', '11:00:00'],
    ] as const) {
      await log.record({ ...event(kind, time), at: new Date(`${day}T${time}+08:00`).toISOString(), subject: `${kind}-${time}` });
    }
  });

  it('reads every kind in the order they happened, a page at a time', async () => {
    // Act
    const first = await reader.page({ day, limit: 3 });
    const second = await reader.page({ day, limit: 3, cursor: first.next });

    // Assess
    expect(first.items.map((item) => item.subject)).toEqual(['classifiedRefused-08:00:00', 'authenticationFailures-09:00:00', 'classifiedRefused-10:00:00']);
    expect(second.items.map((item) => item.subject)).toEqual(['integrityBreak-11:00:00']);
  });

  it('reads one kind through its index, a page at a time', async () => {
    // Act
    const first = await reader.page({ day, kind: 'classifiedRefused', limit: 1 });
    const second = await reader.page({ day, kind: 'classifiedRefused', limit: 1, cursor: first.next });

    // Assess
    expect([...first.items, ...second.items].map((item) => item.subject)).toEqual(['classifiedRefused-08:00:00', 'classifiedRefused-10:00:00']);
  });

  it('refuses a cursor of another day or another kind, and anything that is no cursor', async () => {
    // Prepare
    const ofDay = (await reader.page({ day, limit: 1 })).next!;
    const ofKind = (await reader.page({ day, kind: 'classifiedRefused', limit: 1 })).next!;

    // Act
    const attempts = [
      reader.page({ day: '2026-03-02', limit: 1, cursor: ofDay }),
      reader.page({ day, kind: 'integrityBreak', limit: 1, cursor: ofKind }),
      reader.page({ day, kind: 'classifiedRefused', limit: 1, cursor: ofDay }),
      reader.page({ day, limit: 1, cursor: 'bm90LWEtY3Vyc29y' }),
    ];

    // Assess
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(InvalidSecurityEventCursorError);
  });
});

describe('listing security events (the use case)', () => {
  it('is for the security administrator only: any other role is refused and the attempt audited', async () => {
    // Prepare
    const audit = new DynamoDbAuditLog(db.documentClient, db.tables.audit);
    const auditor = { kind: 'staff', subject: 'auditor-1', role: 'auditor', jurisdiction: 'city', secondFactor: true } as const;

    // Act
    const listing = listSecurityEvents(auditor, { day: '2026-03-03' }, { events: reader, audit });

    // Assess
    await expect(listing).rejects.toBeInstanceOf(RoleNotPermitted);
    const entries = await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${new Date().toISOString().slice(0, 10)}` },
        ConsistentRead: true,
      }),
    );
    expect(entries.Items).toContainEqual(
      expect.objectContaining({ action: 'securityEvents.list', outcome: 'denied', actor: 'auditor:auditor-1', target: 'securityEvents:2026-03-03' }),
    );
  });

  it('clamps the page size to the listing maximum', async () => {
    // Prepare
    const seen: number[] = [];
    const counting = { page: async (query: { limit: number }) => (seen.push(query.limit), { items: [] }) };
    const securityAdministrator = { kind: 'staff', subject: 'sec-1', role: 'securityAdministrator', jurisdiction: 'city', secondFactor: true } as const;
    const audit = new DynamoDbAuditLog(db.documentClient, db.tables.audit);

    // Act
    await listSecurityEvents(securityAdministrator, { day: '2026-03-03', limit: 100_000 }, { events: counting, audit });
    await listSecurityEvents(securityAdministrator, { day: '2026-03-03', limit: -5 }, { events: counting, audit });

    // Assess
    expect(seen).toEqual([200, 1]);
  });
});

describe('the security events of a function, from its environment', () => {
  it('writes the log line first, then the store', async () => {
    // Prepare
    const order: string[] = [];
    const first: SecurityEventLog = { record: async () => void order.push('log') };
    const second: SecurityEventLog = { record: async () => void order.push('store') };

    // Act
    await new SecurityEventsToEach(first, second).record(event('integrityBreak', '12:00:00'));

    // Assess
    expect(order).toEqual(['log', 'store']);
  });

  it('still writes the log line when the store refuses the event, and tells the caller', async () => {
    // Prepare
    const logged: string[] = [];
    const failing: SecurityEventLog = {
      record: async () => {
        throw new Error('store unavailable');
      },
    };

    // Act
    const recording = new SecurityEventsToEach({ record: async (e) => void logged.push(e.kind) }, failing).record(event('integrityBreak', '12:00:00'));

    // Assess
    await expect(recording).rejects.toThrow('store unavailable');
    expect(logged).toEqual(['integrityBreak']);
  });

  it('needs the security table in the environment, named in the error', () => {
    // Act
    const composing = () => securityEventsFromEnvironment(createLogger('ingest-records'), {}, db.documentClient);

    // Assess
    expect(composing).toThrow(environmentNames.tables.security);
  });

  it('stores what a function records through it', async () => {
    // Prepare
    const events = securityEventsFromEnvironment(createLogger('ingest-records'), { [environmentNames.tables.security]: db.tables.security }, db.documentClient);

    // Act
    await events.record(event('integrityBreak', '13:00:00', 'composed-subject'));

    // Assess
    const page = await reader.page({ day: '2026-03-02', kind: 'integrityBreak', limit: 10 });
    expect(page.items.map((item) => item.subject)).toContain('composed-subject');
  });
});
