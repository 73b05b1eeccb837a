/**
 * Ingest receipts in batches against DynamoDB Local: a department's batch of 100 new records is
 * receipted in one request; a batch that meets receipts already taken gets each record's verdict
 * (new, unqueued, duplicate, conflict) in its place, the others receipted all the same.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbReceiptStore } from '#shared/adapters/dynamodb/dynamodb-receipt-store.ts';
import type { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { createTestTables, testClientConfig } from '../../../support/dynamodb.ts';
import { countRequests } from '../../../support/request-counter.ts';

let endpoint: string;
let table: string;

beforeAll(async () => {
  const tables = await createTestTables();
  endpoint = tables.endpoint;
  table = tables.tables.cases;
});

/** A receipt store on a client of its own that counts its requests by operation. */
function countedStore(): { store: DynamoDbReceiptStore; requests: Map<string, number> } {
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ ...testClientConfig, endpoint }));
  return { store: new DynamoDbReceiptStore(documentClient, table), requests: countRequests(documentClient) };
}

let counter = 0;
const caseId = (label: string) => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;
const record = (id: string, sequence = 1, occurredAt = '2025-09-01T09:00:00+08:00'): LicensingEvent => ({
  kind: 'licensing',
  department: 'haishu-market-regulation',
  matterCode: 'food-business-licence',
  caseId: id,
  sequence,
  event: 'received',
  occurredAt,
});
const receivedAt = '2025-09-01T02:00:00.000Z';

describe('receipts of a batch', () => {
  it('receipts 100 new records in one request and confirms them 25 a request', async () => {
    const { store, requests } = countedStore();
    const receipts = Array.from({ length: 100 }, (_unused, i) => ({ event: record(caseId('hundred'), i + 1), contentHash: `hash-${i}` }));

    const outcomes = await store.record(receipts, receivedAt);
    await store.confirmQueued(receipts.map((r) => ({ ...r, receivedAt })));

    expect(outcomes).toEqual(receipts.map(() => 'new'));
    expect(requests.get('TransactWriteItems')).toBe(1);
    expect(requests.get('BatchWriteItem')).toBe(4);
    expect(await store.record(receipts.slice(0, 3), receivedAt)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('gives each record of a mixed batch its own verdict, in its place, and receipts the new ones', async () => {
    const { store, requests } = countedStore();
    const confirmed = { event: record(caseId('confirmed')), contentHash: 'a' };
    const awaiting = { event: record(caseId('awaiting')), contentHash: 'b' };
    const taken = { event: record(caseId('taken')), contentHash: 'c' };
    await store.record([confirmed, awaiting, taken], receivedAt);
    await store.confirmQueued([
      { ...confirmed, receivedAt },
      { ...taken, receivedAt },
    ]);
    const fresh = [
      { event: record(caseId('fresh')), contentHash: 'd' },
      { event: record(caseId('fresh')), contentHash: 'e' },
    ];
    requests.clear();

    const outcomes = await store.record([fresh[0]!, confirmed, awaiting, { ...taken, contentHash: 'other content' }, fresh[1]!], receivedAt);

    expect(outcomes).toEqual(['new', 'duplicate', 'unqueued', 'conflict', 'new']);
    // The first transaction names the three receipts taken; the second writes the two new ones.
    expect(requests.get('TransactWriteItems')).toBe(2);
    expect(await store.record(fresh, receivedAt)).toEqual(['unqueued', 'unqueued']);
  });
});
