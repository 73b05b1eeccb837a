/** The feed's status and health counters in the cases table (DynamoDB Local, the real SDK). */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { batchHealthOf } from '#shared/domain/connection-health/batch-health.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let tables: TestTables;
let feeds: DynamoDbFeedStatus;

beforeAll(async () => {
  tables = await createTestTables();
  feeds = new DynamoDbFeedStatus(tables.documentClient, tables.tables.cases, 72 * 3_600_000);
});

/** A batch of 3 accepted (lags: 10 minutes, 30 hours, 10 days), 1 duplicate and 2 refused (schema, unknownMatter). */
const aBatch = (department: string, receivedAt: string) =>
  batchHealthOf(
    { department, accepted: 3, duplicates: 1, refused: { schema: 1, unknownMatter: 1 } },
    [
      { kind: 'licensing', occurredAt: new Date(Date.parse(receivedAt) - 10 * 60_000).toISOString() },
      { kind: 'licensing', occurredAt: new Date(Date.parse(receivedAt) - 30 * 3_600_000).toISOString() },
      { kind: 'penalty', occurredAt: new Date(Date.parse(receivedAt) - 10 * 86_400_000).toISOString() },
    ],
    receivedAt,
  );

describe("a department's health counters", () => {
  it('adds 25 batches counted at once exactly: 75 accepted, 25 duplicates, 25 refused per class, 25 per lag class', async () => {
    // Act: 25 concurrent batches within one Shanghai day (2026-12-03, 10:00-10:24 Shanghai).
    await Promise.all(
      Array.from({ length: 25 }, (_unused, i) => feeds.count(aBatch('concurrent-dept', `2026-12-03T02:${String(i).padStart(2, '0')}:00.000Z`))),
    );
    const days = await feeds.days('concurrent-dept', '2026-12-01', '2026-12-31');

    // Assess
    expect(days).toEqual([
      {
        day: '2026-12-03',
        accepted: 75,
        duplicates: 25,
        refused: { schema: 25, unknownMatter: 25 },
        lag: { withinHour: 25, withinDay: 0, withinWeek: 25, overWeek: 25 },
        lastBatchAt: expect.stringMatching(/^2026-12-03T02:/),
      },
    ]);
  });

  it('keeps each Shanghai day apart and reads only the days asked', async () => {
    // 2026-12-04 23:30 and 2026-12-05 00:30 Shanghai time are two days.
    await feeds.count(aBatch('two-days', '2026-12-04T15:30:00.000Z'));
    await feeds.count(aBatch('two-days', '2026-12-04T16:30:00.000Z'));

    expect((await feeds.days('two-days', '2026-12-04', '2026-12-05')).map((day) => [day.day, day.accepted])).toEqual([
      ['2026-12-04', 3],
      ['2026-12-05', 3],
    ]);
    expect((await feeds.days('two-days', '2026-12-05', '2026-12-05')).map((day) => day.day)).toEqual(['2026-12-05']);
    expect(await feeds.days('another-dept', '2026-12-01', '2026-12-31')).toEqual([]);
  });
});

describe("a department's feed status", () => {
  it('keeps the latest push whatever order concurrent batches land in, and every kind that produced a record', async () => {
    // Act
    await Promise.all([
      feeds.touch('order-dept', '2026-12-03T02:00:05.000Z', ['licensing']),
      feeds.touch('order-dept', '2026-12-03T02:00:09.000Z', ['licensing']),
      feeds.touch('order-dept', '2026-12-03T02:00:01.000Z', ['penalty']),
    ]);

    // Assess
    expect(await feeds.facts('order-dept')).toEqual({ lastReceivedAt: '2026-12-03T02:00:09.000Z', kindsReceived: ['licensing', 'penalty'] });
    expect(await feeds.facts('silent-dept')).toEqual({ kindsReceived: [] });
  });

  it('records the first watch of a department once', async () => {
    expect(await feeds.watchSince('watched-dept', '2026-12-01T01:15:00.000Z')).toBe('2026-12-01T01:15:00.000Z');
    expect(await feeds.watchSince('watched-dept', '2026-12-02T01:15:00.000Z')).toBe('2026-12-01T01:15:00.000Z');
    expect((await feeds.facts('watched-dept')).watchedSince).toBe('2026-12-01T01:15:00.000Z');
  });
});
