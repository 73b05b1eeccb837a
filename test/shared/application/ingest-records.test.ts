/**
 * Ingest of a department's batch against DynamoDB Local: what is accepted, what is refused and
 * why, and that a refusal stores nothing.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbReceiptStore } from '#shared/adapters/dynamodb/dynamodb-receipt-store.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { ingestRecords, RecordsRefused, type IngestCounts, type IngestDependencies } from '#shared/application/ingest-records.ts';
import type { RecordEnvelope, RecordQueue } from '#shared/application/ports.ts';
import type { SecurityEvent } from '#shared/application/security-events.ts';
import { DependencyThrottledError } from '#shared/application/dependency-unavailable.ts';
import { NotYourDepartment } from '#shared/domain/access-refusals.ts';
import { InvalidInput, Refusal } from '#shared/domain/refusal.ts';
import { seedDemoReferenceData } from '../../support/reference-data.ts';
import { createTestTables } from '../../support/dynamodb.ts';
import { receiptPk } from '#shared/adapters/dynamodb/case-items.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';

/** The queue is SQS in production; here a list stands in for it (an external boundary). */
class CapturingQueue implements RecordQueue {
  readonly sent: RecordEnvelope[] = [];
  async enqueue(envelopes: readonly RecordEnvelope[]): Promise<void> {
    this.sent.push(...envelopes);
  }
}

const department = 'haishu-housing';
const principal = { kind: 'department' as const, department };
let documentClient: DynamoDBDocumentClient;
let tables: Record<'cases' | 'reference' | 'audit', string>;
let queue: CapturingQueue;
let deps: IngestDependencies;
let securityEvents: SecurityEvent[] = [];
let counted: IngestCounts[] = [];

beforeAll(async () => {
  ({ documentClient, tables } = await createTestTables());
  await seedDemoReferenceData(documentClient, tables.reference);
});

const fresh = () => {
  queue = new CapturingQueue();
  counted = [];
  securityEvents = [];
  deps = {
    reference: new DynamoDbReferenceReader(documentClient, tables.reference),
    receipts: new DynamoDbReceiptStore(documentClient, tables.cases),
    queue,
    audit: new DynamoDbAuditLog(documentClient, tables.audit),
    clock: () => new Date('2026-03-02T01:00:00Z'),
    securityEvents: { record: async (event) => void securityEvents.push(event) },
    onCounted: (counts) => counted.push(counts),
  };
};

let counter = 0;
const record = (overrides: Record<string, unknown> = {}) => ({
  kind: 'licensing',
  department,
  matterCode: 'construction-permit',
  caseId: `JS-${Date.now().toString(36)}-${(counter += 1)}`,
  sequence: 1,
  event: 'received',
  occurredAt: '2026-03-02T09:30:00+08:00',
  ...overrides,
});

async function caught(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function receiptsOf(caseId: string) {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tables.cases,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': receiptPk({ department, kind: 'licensing', caseId }) },
    }),
  );
  return result.Items ?? [];
}

describe('ingesting a batch', () => {
  it('accepts valid records and queues each once', async () => {
    fresh();
    const a = record();
    const b = record({ sequence: 2, event: 'accepted', caseId: a.caseId });

    const outcome = await ingestRecords(principal, { records: [a, b] }, deps);

    expect(outcome.status).toBe(202);
    expect(outcome.body).toMatchObject({ accepted: 2, duplicates: 0, refused: 0 });
    expect(queue.sent.map((e) => e.record.sequence)).toEqual([1, 2]);
  });

  it('refuses the whole batch when a record names another department, stores nothing and audits it', async () => {
    fresh();
    const own = record();
    const foreign = record({ department: 'yinzhou-market-regulation' });

    const error = await caught(ingestRecords(principal, { records: [own, foreign] }, deps));

    expect(error).toBeInstanceOf(NotYourDepartment);
    expect(error.errors?.[0]?.pointer).toBe('/records/1/department');
    expect(queue.sent).toHaveLength(0);
    expect(await receiptsOf(own.caseId)).toHaveLength(0);
    const day = await documentClient.send(
      new QueryCommand({
        TableName: tables.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${new Date().toISOString().slice(0, 10)}` },
      }),
    );
    expect(day.Items?.some((i) => i['outcome'] === 'denied' && i['actor'] === `department:${department}`)).toBe(true);
  });

  it('refuses classified records as unprocessable without echoing or storing them, and accepts the rest', async () => {
    fresh();
    const secret = record({ classification: '机密' });
    const ordinary = record();
    const markedInText = record({ event: 'extended', sequence: 2, additionalWorkingDays: 5, approvedBy: '绝密★10年' });
    const labelled = record({ sequence: 3, reasons: ['材料齐全', '密级：秘密'] });

    const outcome = await ingestRecords(principal, { records: [secret, ordinary, markedInText, labelled] }, deps);

    expect(outcome.body.results[0]).toEqual({
      index: 0,
      status: 'refused',
      problem: {
        slug: 'classified-content',
        kind: 'unprocessable',
        title: { zh: expect.stringContaining('国家秘密'), en: expect.stringContaining('Classified') },
        errors: [{ pointer: '/records/0/classification', detail: expect.anything() }],
      },
    });
    expect(outcome.body.results[1]?.status).toBe('accepted');
    expect(outcome.body.results[2]?.problem?.errors).toEqual([{ pointer: '/records/2/approvedBy', detail: expect.anything() }]);
    expect(outcome.body.results[3]?.problem?.errors).toEqual([{ pointer: '/records/3/reasons/1', detail: expect.anything() }]);
    const body = JSON.stringify(outcome.body);
    for (const refusedRecord of [secret, markedInText, labelled]) expect(body).not.toContain(refusedRecord.caseId);
    expect(body).not.toMatch(/绝密★|密级：秘密|机密"/);
    expect(queue.sent.map((e) => e.record.caseId)).toEqual([ordinary.caseId]);
    expect(await receiptsOf(secret.caseId)).toHaveLength(0);
    expect(securityEvents).toEqual([
      {
        kind: 'classifiedRefused',
        at: '2026-03-02T01:00:00.000Z',
        source: 'ingest-records',
        subject: `department:${department}`,
        detail: { count: 3, route: 'POST /v1/records' },
      },
    ]);
  });

  it('refuses a batch of only classified records as unprocessable', async () => {
    fresh();
    const error = await caught(
      ingestRecords(principal, { records: [record({ caseId: 'X-1', occurredAt: '2026-03-02T09:30:00+08:00', classification: 'secret' })] }, deps),
    );
    expect(error).toBeInstanceOf(RecordsRefused);
    expect(error.kind).toBe('unprocessable');
  });

  it.each([
    ['an unknown matter code', { matterCode: 'no-such-matter' }, 'unprocessable', '/records/0/matterCode'],
    ['a time without offset', { occurredAt: '2026-03-02 09:30' }, 'invalid', '/records/0/occurredAt'],
    ['a missing case id', { caseId: undefined }, 'invalid', '/records/0/caseId'],
    ['an unknown event', { event: 'teleported' }, 'invalid', '/records/0/event'],
    ['a server-owned field', { receivedAt: '2026-03-02T09:30:00+08:00' }, 'invalid', '/records/0/receivedAt'],
    ['a negative sequence', { sequence: -1 }, 'invalid', '/records/0/sequence'],
  ])('refuses %s, naming the field, and stores nothing', async (_label, overrides, kind, pointer) => {
    fresh();
    const bad = record(overrides);

    const error = await caught(ingestRecords(principal, { records: [bad] }, deps));

    expect(error.kind).toBe(kind);
    expect(error.errors?.map((e) => e.pointer)).toContain(pointer);
    expect(queue.sent).toHaveLength(0);
    if (typeof bad.caseId === 'string') expect(await receiptsOf(bad.caseId)).toHaveLength(0);
  });

  it.each([
    ['no records', { records: [] }],
    ['too many records', { records: Array.from({ length: 101 }, () => record()) }],
    ['records not an array', { records: 'x' }],
    ['an extra top-level field', { records: [record()], department }],
    ['a JSON array', [record()]],
  ])('refuses a batch with %s as a bad request', async (_label, body) => {
    fresh();
    const error = await caught(ingestRecords(principal, body, deps));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(queue.sent).toHaveLength(0);
  });

  it('answers a re-sent record as a duplicate and queues it again harmlessly', async () => {
    fresh();
    const a = record();
    await ingestRecords(principal, { records: [a] }, deps);

    const again = await ingestRecords(principal, { records: [a, a] }, deps);

    expect(again.body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await receiptsOf(a.caseId)).toHaveLength(1);
  });

  it('accepts on a re-send the records whose first attempt the queue refused, queues them, and calls them duplicates only after that', async () => {
    // Prepare: the first attempt writes its receipts, then the queue throttles (503 to the department).
    fresh();
    const a = record();
    const b = record({ sequence: 2, event: 'accepted', caseId: a.caseId });
    const throttledQueue: RecordQueue = {
      enqueue: async () => Promise.reject(new DependencyThrottledError({ dependency: 'sqs', operation: 'SendMessageBatch', code: 'RequestThrottled' })),
    };
    await expect(ingestRecords(principal, { records: [a, b] }, { ...deps, queue: throttledQueue })).rejects.toBeInstanceOf(DependencyThrottledError);
    const unconfirmed = await receiptsOf(a.caseId);

    // Act: the department sends the same batch again, twice.
    const resent = await ingestRecords(principal, { records: [a, b] }, deps);
    const again = await ingestRecords(principal, { records: [a, b] }, deps);

    // Assess
    expect(unconfirmed.map((receipt) => receipt['awaitingQueue'])).toEqual([true, true]);
    expect(resent.body).toMatchObject({ accepted: 2, duplicates: 0, refused: 0 });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2, refused: 0 });
    expect(queue.sent.map((e) => e.record.sequence)).toEqual([1, 2, 1, 2]);
    expect((await receiptsOf(a.caseId)).map((receipt) => receipt['awaitingQueue'])).toEqual([undefined, undefined]);
    expect(counted.map((c) => [c.accepted, c.duplicates])).toEqual([
      [2, 0],
      [0, 2],
    ]);
  });

  it('acknowledges queued records whose receipts could not be confirmed, and accepts them again on a re-send', async () => {
    // Prepare
    fresh();
    const a = record();
    const unconfirmed: [number, unknown][] = [];
    const failingConfirmation: IngestDependencies = {
      ...deps,
      receipts: {
        record: (...args) => deps.receipts.record(...args),
        confirmQueued: async () => Promise.reject(new DependencyThrottledError({ dependency: 'dynamodb', code: 'ThrottlingException' })),
      },
      onReceiptsUnconfirmed: (count, error) => unconfirmed.push([count, error]),
    };

    // Act
    const first = await ingestRecords(principal, { records: [a] }, failingConfirmation);
    const resent = await ingestRecords(principal, { records: [a] }, deps);

    // Assess
    expect(first.body.accepted).toBe(1);
    expect(unconfirmed).toEqual([[1, expect.any(DependencyThrottledError)]]);
    expect(resent.body.accepted).toBe(1);
    expect(queue.sent).toHaveLength(2);
  });

  it("acknowledges queued records when the department's feed cannot be marked current, and says so", async () => {
    // Prepare
    fresh();
    const a = record();
    const notTouched: unknown[] = [];
    const failingFeed: IngestDependencies = {
      ...deps,
      feeds: { touch: async () => Promise.reject(new DependencyThrottledError({ dependency: 'dynamodb', code: 'ThrottlingException' })) },
      onFeedNotTouched: (error) => notTouched.push(error),
    };

    // Act
    const outcome = await ingestRecords(principal, { records: [a] }, failingFeed);

    // Assess
    expect(outcome.status).toBe(202);
    expect(outcome.body.accepted).toBe(1);
    expect(queue.sent).toHaveLength(1);
    expect(notTouched).toEqual([expect.any(DependencyThrottledError)]);
  });

  it('refuses a reused sequence with different content as unprocessable and keeps the original', async () => {
    fresh();
    const original = record();
    await ingestRecords(principal, { records: [original] }, deps);
    const [before] = await receiptsOf(original.caseId);

    const error = await caught(ingestRecords(principal, { records: [{ ...original, occurredAt: '2026-03-03T09:30:00+08:00' }] }, deps));

    expect(error).toBeInstanceOf(RecordsRefused);
    expect(error.errors?.[0]?.pointer).toBe('/records/0/sequence');
    const [after] = await receiptsOf(original.caseId);
    expect(after).toEqual(before);
  });
});

describe('counting what became of a batch, for operators', () => {
  it('counts accepted, duplicate and refused records, each refusal by its reason, once the accepted ones are queued', async () => {
    // Prepare
    fresh();
    const sent = record();
    await ingestRecords(principal, { records: [sent] }, deps);
    counted = [];
    const conflicting = record();
    await ingestRecords(principal, { records: [conflicting] }, deps);
    counted = [];
    const batch = [
      record(),
      sent,
      record({ classification: '机密' }),
      record({ occurredAt: 'yesterday' }),
      record({ kind: 'teleportation' }),
      record({ matterCode: 'no-such-matter' }),
      { ...conflicting, occurredAt: '2026-03-03T09:30:00+08:00' },
    ];

    // Act
    await ingestRecords(principal, { records: batch }, deps);

    // Assess
    expect(counted).toEqual([
      { department, accepted: 1, duplicates: 1, refused: { classified: 1, schema: 1, unknownKind: 1, unknownMatter: 1, sequenceConflict: 1 } },
    ]);
  });

  it('counts a batch refused as a whole', async () => {
    // Prepare
    fresh();

    // Act
    await caught(ingestRecords(principal, { records: [record({ matterCode: 'no-such-matter' }), record({ sequence: -1 })] }, deps));

    // Assess
    expect(counted).toEqual([{ department, accepted: 0, duplicates: 0, refused: { unknownMatter: 1, schema: 1 } }]);
  });

  it("counts every record of a batch naming another department as refused for the caller's department", async () => {
    // Prepare
    fresh();

    // Act
    await caught(ingestRecords(principal, { records: [record(), record({ department: 'jiangbei-housing' })] }, deps));

    // Assess
    expect(counted).toEqual([{ department, accepted: 0, duplicates: 0, refused: { foreignDepartment: 2 } }]);
  });

  it('counts nothing when the queue cannot take the batch: nothing was accepted, the department sends it again', async () => {
    // Prepare
    fresh();
    const failing: IngestDependencies = { ...deps, queue: { enqueue: async () => Promise.reject(new Error('queue unavailable')) } };

    // Act
    const ingesting = ingestRecords(principal, { records: [record()] }, failing);

    // Assess
    await expect(ingesting).rejects.toThrow('queue unavailable');
    expect(counted).toEqual([]);
  });

  it("adds each decided batch to the department's health of the Shanghai day, refused batches included, in one counter update", async () => {
    // Prepare: the clock reads 2026-03-02 09:00 Shanghai; a department of its own, so the figures are this test's.
    fresh();
    const feeds = new DynamoDbFeedStatus(documentClient, tables.cases, 72 * 3_600_000);
    const counting: IngestDependencies = { ...deps, feeds, health: feeds };
    const lone = { kind: 'department' as const, department: 'haishu-market-regulation' };
    const marketRecord = (overrides: Record<string, unknown>) =>
      record({ department: 'haishu-market-regulation', matterCode: 'food-business-licence', ...overrides });

    // Act: one accepted on time, one accepted 2 days late, one of an unknown matter; then a batch of one invalid record.
    await ingestRecords(
      lone,
      {
        records: [
          marketRecord({ occurredAt: '2026-03-02T08:30:00+08:00' }),
          marketRecord({ occurredAt: '2026-02-28T08:30:00+08:00' }),
          marketRecord({ matterCode: 'no-such-matter' }),
        ],
      },
      counting,
    );
    await caught(ingestRecords(lone, { records: [marketRecord({ sequence: 0 })] }, counting));

    // Assess
    expect(await feeds.days('haishu-market-regulation', '2026-03-02', '2026-03-02')).toEqual([
      {
        day: '2026-03-02',
        accepted: 2,
        duplicates: 0,
        refused: { schema: 1, unknownMatter: 1 },
        lag: { withinHour: 1, withinDay: 0, withinWeek: 1, overWeek: 0 },
        lastBatchAt: '2026-03-02T01:00:00.000Z',
      },
    ]);
    expect(await feeds.facts('haishu-market-regulation')).toEqual({ lastReceivedAt: '2026-03-02T01:00:00.000Z', kindsReceived: ['licensing'] });
  });

  it('answers a batch as decided when its health counts cannot be added, and says so', async () => {
    // Prepare
    fresh();
    const notCounted: unknown[] = [];
    const failingHealth: IngestDependencies = {
      ...deps,
      health: { count: async () => Promise.reject(new DependencyThrottledError({ dependency: 'dynamodb', code: 'ThrottlingException' })) },
      onHealthNotCounted: (error) => notCounted.push(error),
    };

    // Act
    const outcome = await ingestRecords(principal, { records: [record()] }, failingHealth);

    // Assess
    expect(outcome.body.accepted).toBe(1);
    expect(queue.sent).toHaveLength(1);
    expect(notCounted).toEqual([expect.any(DependencyThrottledError)]);
  });
});
