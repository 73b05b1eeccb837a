import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog, verifyAuditDay } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let db: TestTables;
beforeAll(async () => {
  db = await createTestTables();
});

const dayEntries = async (day: string) =>
  (
    await db.documentClient.send(
      new QueryCommand({ TableName: db.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${day}` }, ConsistentRead: true }),
    )
  ).Items ?? [];

describe('the audit log', () => {
  it('keeps every one of many entries appended at the same instant, each under a key of its own', async () => {
    // Prepare: one frozen instant, as concurrent requests in the same millisecond would have.
    const at = new Date('2026-03-02T01:00:00.000Z');
    const audit = new DynamoDbAuditLog(db.documentClient, db.tables.audit, () => at);

    // Act
    await Promise.all(Array.from({ length: 40 }, (_, index) => audit.append({ action: 'alert.acknowledge', outcome: 'allowed', actor: `citySupervisor:s${index}` })));

    // Assess
    const items = await dayEntries('2026-03-02');
    expect(items).toHaveLength(40);
    expect(new Set(items.map((item) => item['actor'])).size).toBe(40);
  });

  it('names an entry changed after it was written', async () => {
    // Prepare
    const audit = new DynamoDbAuditLog(db.documentClient, db.tables.audit, () => new Date('2026-03-03T02:00:00.000Z'));
    await audit.append({ action: 'complaint.identity.reveal', outcome: 'allowed', actor: 'citySupervisor:s1', target: 'TS2026030300000001' });
    await audit.append({ action: 'complaint.decide', outcome: 'allowed', actor: 'citySupervisor:s1', target: 'TS2026030300000002' });
    expect(await verifyAuditDay(db.documentClient, db.tables.audit, '2026-03-03')).toEqual([]);
    const [first] = await dayEntries('2026-03-03');

    // Act: someone with table access rewrites who did it.
    await db.documentClient.send(
      new UpdateCommand({ TableName: db.tables.audit, Key: { pk: first!['pk'], sk: first!['sk'] }, UpdateExpression: 'SET actor = :a', ExpressionAttributeValues: { ':a': 'citySupervisor:someone-else' } }),
    );

    // Assess
    expect(await verifyAuditDay(db.documentClient, db.tables.audit, '2026-03-03')).toEqual([first!['sk']]);
  });
});
