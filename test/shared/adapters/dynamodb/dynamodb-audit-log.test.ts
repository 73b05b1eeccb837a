import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAuditEntries } from '#shared/adapters/dynamodb/dynamodb-audit-entries.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { auditEntryDigest } from '#shared/domain/audit/audit-entry.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let db: TestTables;
beforeAll(async () => {
  db = await createTestTables();
});

const dayEntries = async (day: string) =>
  (
    await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${day}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

describe('the audit log', () => {
  it('keeps every one of many entries appended at the same instant, each under a key of its own', async () => {
    // Prepare: one frozen instant, as concurrent requests in the same millisecond would have.
    const at = new Date('2026-03-02T01:00:00.000Z');
    const audit = new DynamoDbAuditLog(db.documentClient, db.tables.audit, () => at);

    // Act
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => audit.append({ action: 'alert.acknowledge', outcome: 'allowed', actor: `citySupervisor:s${index}` })),
    );

    // Assess
    const items = await dayEntries('2026-03-02');
    expect(items).toHaveLength(40);
    expect(new Set(items.map((item) => item['actor'])).size).toBe(40);
  });

  it('reads a span of a day by key, and pages of a day filtered by actor, action and object', async () => {
    // Prepare
    const at = (time: string) => new DynamoDbAuditLog(db.documentClient, db.tables.audit, () => new Date(`2026-03-03T${time}Z`));
    await at('01:00:00.000').append({ action: 'complaint.decide', outcome: 'allowed', actor: 'citySupervisor:s1', target: 'complaint:TS1' });
    await at('02:00:00.000').append({
      action: 'complaint.identity.reveal',
      outcome: 'allowed',
      actor: 'citySupervisor:s1',
      target: 'complaint:TS1',
      reason: 'verify the complainant',
    });
    await at('03:00:00.000').append({ action: 'alert.acknowledge', outcome: 'allowed', actor: 'districtSupervisor:s2', target: 'alert:1' });
    await at('04:00:00.000').append({ action: 'complaint.decide', outcome: 'allowed', actor: 'citySupervisor:s1', target: 'complaint:TS2' });
    const entries = new DynamoDbAuditEntries(db.documentClient, db.tables.audit);

    // Act
    const span = await entries.entriesBetween('2026-03-03', '2026-03-03T02:00:00.000Z', '2026-03-03T04:00:00.000Z');
    const complaintActions = await entries.page({ day: '2026-03-03', action: 'complaint.', actor: 'citySupervisor:s1', limit: 2 });
    const rest = await entries.page({ day: '2026-03-03', action: 'complaint.', actor: 'citySupervisor:s1', limit: 2, after: complaintActions.after! });
    const oneObject = await entries.page({ day: '2026-03-03', object: 'complaint:TS2', limit: 10 });

    // Assess
    expect(span.map((entry) => entry.content['action'])).toEqual(['complaint.identity.reveal', 'alert.acknowledge']);
    expect(span.every((entry) => entry.digest === auditEntryDigest(entry.content))).toBe(true);
    expect(complaintActions.entries.map((entry) => entry.content['at'])).toEqual(['2026-03-03T01:00:00.000Z', '2026-03-03T02:00:00.000Z']);
    expect(rest).toMatchObject({ entries: [{ content: { at: '2026-03-03T04:00:00.000Z' } }] });
    expect(rest.after).toBeUndefined();
    expect(oneObject.entries.map((entry) => entry.content['target'])).toEqual(['complaint:TS2']);
    expect(oneObject.after).toBeUndefined();
  });
});
