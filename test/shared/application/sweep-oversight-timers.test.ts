/**
 * The oversight sweep against DynamoDB Local: it reads only what is due, fires each timer once
 * however often or concurrently it runs, and keeps a failing item due. The aggregate here is a
 * minimal one written for the sweep's contract (conditional write on a version); the real
 * aggregates (complaints, supervision cases) are tested with their own firing functions.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbOversightTimers } from '#shared/adapters/dynamodb/dynamodb-oversight-timers.ts';
import { oversightPk, oversightStateSk, timerAttributes } from '#shared/adapters/dynamodb/oversight-items.ts';
import { sweepOversightTimers, type OversightItemType, type TimerFiring } from '#shared/application/sweep-oversight-timers.ts';
import { VersionChanged } from '#shared/application/store-refusals.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';

let db: TestTables;
beforeAll(async () => {
  db = await createTestTables();
});

const sweepAt = new Date('2026-10-12T01:00:00.000Z');

async function storeItem(type: OversightItemType, number: string, dueAt: string | null): Promise<void> {
  const { set } = timerAttributes({ type, number }, dueAt);
  await db.documentClient.send(
    new PutCommand({ TableName: db.tables.oversight, Item: { pk: oversightPk(type, number), sk: oversightStateSk, version: 1, fired: 0, ...set } }),
  );
}

/** Fires the item's one timer: records it and clears `dueAt`, on the version it read. */
function timerFiring(type: OversightItemType, beforeWrite: () => Promise<void> = async () => undefined): TimerFiring {
  return async (number, asOf) => {
    const key = { pk: oversightPk(type, number), sk: oversightStateSk };
    const { Item } = await db.documentClient.send(new GetCommand({ TableName: db.tables.oversight, Key: key, ConsistentRead: true }));
    if (!Item || typeof Item['dueAt'] !== 'string' || Item['dueAt'] > asOf.toISOString()) return { fired: 0 };
    await beforeWrite();
    try {
      await db.documentClient.send(
        new UpdateCommand({
          TableName: db.tables.oversight,
          Key: key,
          UpdateExpression: 'SET fired = fired + :one, version = version + :one REMOVE dueAt, sweepShard',
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':one': 1, ':version': Item['version'] },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VersionChanged({ zh: '已被修改', en: 'changed meanwhile' });
      throw error;
    }
    return { fired: 1 };
  };
}

async function firedCount(type: OversightItemType, number: string): Promise<number> {
  const { Item } = await db.documentClient.send(
    new GetCommand({ TableName: db.tables.oversight, Key: { pk: oversightPk(type, number), sk: oversightStateSk }, ConsistentRead: true }),
  );
  return Number(Item?.['fired']);
}

const options = { maxItems: 1000, concurrency: 4 };

describe('the oversight timer sweep', () => {
  it('reads only the items whose timer is due, of every aggregate type, with the time each fell due', async () => {
    // Prepare
    const timers = new DynamoDbOversightTimers(db.documentClient, db.tables.oversight);
    await storeItem('complaint', 'TS20261009DUE00001', '2026-10-12T00:59:00.000Z');
    await storeItem('supervision', 'DB20261009DUE001', '2026-10-12T01:00:00.000Z');
    await storeItem('complaint', 'TS20261009LATER001', '2026-10-12T01:00:00.001Z');
    await storeItem('complaint', 'TS20261009NONE0001', null);

    // Act
    const due = await timers.due(sweepAt.toISOString(), 100);

    // Assess
    expect(due.filter((ref) => ref.number.includes('DUE')).sort((a, b) => a.number.localeCompare(b.number))).toEqual([
      { type: 'supervision', number: 'DB20261009DUE001', dueAt: '2026-10-12T01:00:00.000Z' },
      { type: 'complaint', number: 'TS20261009DUE00001', dueAt: '2026-10-12T00:59:00.000Z' },
    ]);
    expect(due.map((ref) => ref.number)).not.toContain('TS20261009LATER001');
    expect(due.map((ref) => ref.number)).not.toContain('TS20261009NONE0001');
  });

  it('fires each due timer exactly once when two sweeps overlap and a third follows', async () => {
    // Prepare: tables of its own, so the outcome counts only these items.
    db = await createTestTables();
    const numbers = Array.from({ length: 30 }, (_, i) => `TS20261010OVL${String(i).padStart(5, '0')}`);
    await Promise.all(numbers.map((number) => storeItem('complaint', number, '2026-10-11T16:00:00.000Z')));
    const deps = {
      timers: new DynamoDbOversightTimers(db.documentClient, db.tables.oversight),
      firing: { complaint: timerFiring('complaint'), supervision: timerFiring('supervision') },
      audit: new DynamoDbAuditLog(db.documentClient, db.tables.audit),
    };

    // Act
    const [first, second] = await Promise.all([sweepOversightTimers(sweepAt, deps, options), sweepOversightTimers(sweepAt, deps, options)]);
    const third = await sweepOversightTimers(new Date('2026-10-12T02:00:00.000Z'), deps, options);

    // Assess
    const counts = await Promise.all(numbers.map((number) => firedCount('complaint', number)));
    expect(counts.every((count) => count === 1)).toBe(true);
    expect(first.failed + second.failed + third.failed).toBe(0);
    // The outcome counts each firing once, however the concurrent firings interleave.
    expect(first.fired + second.fired + third.fired).toBe(numbers.length);
    // Each run that fired something says so once in the audit store, naming every item it fired.
    const today = new Date().toISOString().slice(0, 10);
    const { Items: audited = [] } = await db.documentClient.send(
      new QueryCommand({ TableName: db.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${today}` } }),
    );
    const auditedItems = audited.flatMap((entry) => String(entry['reason']).split(' '));
    expect(audited.every((entry) => entry['actor'] === 'system:oversight-sweep' && entry['action'] === 'oversight.timers.fire')).toBe(true);
    expect(auditedItems.sort()).toEqual(numbers.map((number) => `complaint:${number}×1`).sort());
    expect(third.due).toBeLessThan(numbers.length);
  });

  it('counts what firings did beyond signals in its outcome and names it in the audit entry of the run', async () => {
    // Prepare: tables of its own, so the audit entry is this run's only.
    db = await createTestTables();
    await storeItem('complaint', 'TS20261010EFFECT01', '2026-10-11T00:00:00.000Z');
    await storeItem('complaint', 'TS20261010EFFECT02', '2026-10-11T00:00:00.000Z');
    await storeItem('complaint', 'TS20261010PLAIN001', '2026-10-11T00:00:00.000Z');
    const fire = timerFiring('complaint');
    const deps = {
      timers: new DynamoDbOversightTimers(db.documentClient, db.tables.oversight),
      firing: {
        complaint: async (number: string, asOf: Date) => {
          const firing = await fire(number, asOf);
          return number.includes('EFFECT') && firing.fired > 0 ? { ...firing, effects: ['personalDataErased'] } : firing;
        },
        supervision: timerFiring('supervision'),
      },
      audit: new DynamoDbAuditLog(db.documentClient, db.tables.audit),
    };

    // Act
    const outcome = await sweepOversightTimers(sweepAt, deps, options);

    // Assess
    expect(outcome).toEqual({
      due: 3,
      fired: 3,
      contended: 0,
      failed: 0,
      earliestDueAt: '2026-10-11T00:00:00.000Z',
      effects: { personalDataErased: 2 },
      signalEvents: [],
    });
    const today = new Date().toISOString().slice(0, 10);
    const { Items: audited = [] } = await db.documentClient.send(
      new QueryCommand({ TableName: db.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${today}` } }),
    );
    expect(audited.map((entry) => entry['reason'])).toEqual([
      'personalDataErased×2 complaint:TS20261010EFFECT01×1+personalDataErased complaint:TS20261010EFFECT02×1+personalDataErased complaint:TS20261010PLAIN001×1',
    ]);
  });

  it('reports when the earliest timer it took up fell due, failing ones included, and null when nothing was due', async () => {
    // Prepare
    const firing = { complaint: async () => ({ fired: 1 }), supervision: async () => Promise.reject(new Error('unreadable item')) };
    const due = [
      { type: 'complaint' as const, number: 'TS20261010LAG00001', dueAt: '2026-10-12T00:50:00.000Z' },
      { type: 'supervision' as const, number: 'DB20261010LAG001', dueAt: '2026-10-12T00:40:00.000Z' },
      { type: 'complaint' as const, number: 'TS20261010LAG00002', dueAt: '2026-10-12T00:59:59.999Z' },
    ];

    // Act
    const late = await sweepOversightTimers(sweepAt, { timers: { due: async () => due }, firing }, options);
    const idle = await sweepOversightTimers(sweepAt, { timers: { due: async () => [] }, firing }, options);

    // Assess
    expect(late).toMatchObject({ due: 3, fired: 2, failed: 1, earliestDueAt: '2026-10-12T00:40:00.000Z' });
    expect(idle.earliestDueAt).toBeNull();
  });

  it('retries an item once when another writer changed it between reading and writing', async () => {
    // Prepare
    await storeItem('supervision', 'DB20261010RACE01', '2026-10-11T00:00:00.000Z');
    let interfered = false;
    const interfere = async () => {
      if (interfered) return;
      interfered = true;
      await db.documentClient.send(
        new UpdateCommand({
          TableName: db.tables.oversight,
          Key: { pk: oversightPk('supervision', 'DB20261010RACE01'), sk: oversightStateSk },
          UpdateExpression: 'SET version = version + :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    };
    const deps = {
      timers: { due: async () => [{ type: 'supervision' as const, number: 'DB20261010RACE01', dueAt: '2026-10-11T00:00:00.000Z' }] },
      firing: { complaint: timerFiring('complaint'), supervision: timerFiring('supervision', interfere) },
    };

    // Act
    const outcome = await sweepOversightTimers(sweepAt, deps, options);

    // Assess
    expect(outcome).toMatchObject({ due: 1, fired: 1, contended: 1, failed: 0 });
    expect(await firedCount('supervision', 'DB20261010RACE01')).toBe(1);
  });

  it('keeps a failing item due and goes on with the others', async () => {
    // Prepare
    await storeItem('complaint', 'TS20261010BROKEN01', '2026-10-11T00:00:00.000Z');
    await storeItem('complaint', 'TS20261010FINE0001', '2026-10-11T00:00:00.000Z');
    const fire = timerFiring('complaint');
    const failures: string[] = [];
    const deps = {
      timers: {
        due: async () => [
          { type: 'complaint' as const, number: 'TS20261010BROKEN01', dueAt: '2026-10-11T00:00:00.000Z' },
          { type: 'complaint' as const, number: 'TS20261010FINE0001', dueAt: '2026-10-11T00:00:00.000Z' },
        ],
      },
      firing: {
        complaint: (number: string, asOf: Date) => (number.includes('BROKEN') ? Promise.reject(new Error('unreadable item')) : fire(number, asOf)),
        supervision: timerFiring('supervision'),
      },
    };

    // Act
    const outcome = await sweepOversightTimers(sweepAt, deps, options, (ref) => failures.push(ref.number));

    // Assess
    expect(outcome).toMatchObject({ due: 2, fired: 1, failed: 1 });
    expect(failures).toEqual(['TS20261010BROKEN01']);
    const stillDue = await new DynamoDbOversightTimers(db.documentClient, db.tables.oversight).due(sweepAt.toISOString(), 1000);
    expect(stillDue.map((ref) => ref.number)).toContain('TS20261010BROKEN01');
  });
});
