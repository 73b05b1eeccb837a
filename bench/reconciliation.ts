/**
 * Reconciliation of a department's day (一致性核查, Art. 7(2)) with 100,000 and with 200,000
 * records held and 10 differences (4 missing, 3 extra, 3 version mismatched): read units and time
 * of the comparison (`submitManifest`: the day's records read from the keys-only `recordsByDay`
 * index, digests computed, compared with the manifest) and of the narrowing (`listBuckets`: the
 * differing buckets read one by one and compared record by record), as the city-structure API
 * calls them, through the real adapter on DynamoDB Local.
 *
 * The records are seeded as the stored receipts ingest writes (`DynamoDbReceiptStore`'s confirmed
 * receipt with `reconciliationAttributes`), with BatchWriteItem: 200,000 records through the whole
 * pipeline would take this machine an hour, and reconciliation reads only those items. The write
 * units the index adds to each receipt are measured on one receipt written with and without it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { createTables } from '#infra/local/create-tables.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { receiptPk, receiptSk } from '#shared/adapters/dynamodb/case-items.ts';
import { DynamoDbReconciliationStore } from '#shared/adapters/dynamodb/dynamodb-reconciliation-store.ts';
import { reconciliationAttributes } from '#shared/adapters/dynamodb/reconciliation-items.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { listBuckets, submitManifest } from '#shared/application/reconciliation/reconcile-manifest.ts';
import { bucketDigestsOf, bucketOf, totalOf, type RecordEntry } from '#shared/domain/reconciliation/record-digest.ts';
import type { RecordBase } from '#shared/domain/records/record-family.ts';
import { meteredDocumentClient, newCapacityMeter } from './consumed-capacity.ts';

const department = 'haishu-housing';
const matterCode = 'construction-permit';
const day = '2026-11-02';
const clock = () => new Date('2026-11-20T02:00:00.000Z');

const recordOf = (n: number): RecordBase & { event: string } => ({
  kind: 'licensing',
  department,
  matterCode,
  caseId: `RC-${n}`,
  sequence: 1,
  event: 'received',
  occurredAt: `${day}T${String(8 + (n % 10)).padStart(2, '0')}:00:00+08:00`,
});
const entryOf = (n: number): RecordEntry => ({ caseId: `RC-${n}`, sequence: 1, version: contentHash(recordOf(n)) });

const receiptItemOf = (record: RecordBase, withIndex: boolean) => {
  const hash = contentHash(record);
  return {
    pk: receiptPk(record),
    sk: receiptSk(record.sequence),
    contentHash: hash,
    receivedAt: '2026-11-02T08:00:00.000Z',
    ...(withIndex ? reconciliationAttributes(record, hash) : {}),
  };
};

async function seed(document: DynamoDBDocumentClient, table: string, from: number, to: number): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const first = next;
      next = Math.min(to, next + 25);
      let pending = Array.from({ length: next - first }, (_, i) => ({ PutRequest: { Item: receiptItemOf(recordOf(first + i), true) } }));
      while (pending.length > 0) {
        const result = await document.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export interface ReconciliationFigure {
  readonly records: number;
  readonly differences: number;
  readonly comparison: { readonly readUnits: number; readonly requests: number; readonly milliseconds: number };
  readonly narrowing: {
    readonly readUnits: number;
    readonly requests: number;
    readonly milliseconds: number;
    readonly buckets: number;
    readonly recordsListed: number;
  };
  readonly found: { readonly missing: number; readonly extra: number; readonly mismatched: number };
  /** What the department's side was built to differ by. */
  readonly expected: { readonly missing: number; readonly extra: number; readonly mismatched: number };
}

export interface ReconciliationResults {
  readonly figures: readonly ReconciliationFigure[];
  readonly seedSeconds: number;
  /** Write units of one receipt without and with its index entry (table + index, as DynamoDB Local reports them). */
  readonly receiptWriteUnits: { readonly without: number; readonly with: number };
}

/** Held records the department does not list, and those it lists in another version: the same at every size. */
const extra = new Set([7, 33_338, 66_669]);
const mismatched = new Set([11, 33_342, 66_673]);

/**
 * The department's side for `held` records: all but 3 of them (extra on the system's side), 3 of
 * another version, and 4 the system never received.
 */
function departmentsEntries(held: number): RecordEntry[] {
  const entries: RecordEntry[] = [];
  for (let n = 0; n < held; n += 1) {
    if (extra.has(n)) continue;
    entries.push(mismatched.has(n) ? { ...entryOf(n), version: contentHash({ ...recordOf(n), event: 'later' }) } : entryOf(n));
  }
  for (let m = 0; m < 4; m += 1) entries.push(entryOf(10_000_000 + m)); // 4 missing
  return entries;
}

/** The better of two runs (the first warms the function's code and DynamoDB Local). */
async function measure(endpoint: string, table: string, held: number): Promise<ReconciliationFigure> {
  const first = await measureOnce(endpoint, table, held);
  const second = await measureOnce(endpoint, table, held);
  return {
    ...second,
    comparison: second.comparison.milliseconds <= first.comparison.milliseconds ? second.comparison : first.comparison,
    narrowing: second.narrowing.milliseconds <= first.narrowing.milliseconds ? second.narrowing : first.narrowing,
  };
}

async function measureOnce(endpoint: string, table: string, held: number): Promise<ReconciliationFigure> {
  const entries = departmentsEntries(held);
  const buckets = bucketDigestsOf(entries);
  const manifest = [{ matterCode, ...totalOf(buckets), buckets }];
  const principal = { kind: 'department' as const, department };

  const compareMeter = newCapacityMeter();
  const compareClient = new DynamoDBClient(clientConfig(endpoint));
  const compareStore = new DynamoDbReconciliationStore(meteredDocumentClient(compareClient, compareMeter), table);
  let started = performance.now();
  const compared = await submitManifest(principal, day, manifest, { held: compareStore, reconciliations: compareStore, clock });
  const compareMs = performance.now() - started;
  compareClient.destroy();

  const differing = compared.matters.flatMap((m) => m.differingBuckets.map((bucket) => ({ matterCode: m.matterCode, bucket })));
  const listings = differing.map(({ bucket }) => ({ matterCode, bucket, records: entries.filter((e) => bucketOf(e.caseId, e.sequence) === bucket) }));
  const narrowMeter = newCapacityMeter();
  const narrowClient = new DynamoDBClient(clientConfig(endpoint));
  const narrowStore = new DynamoDbReconciliationStore(meteredDocumentClient(narrowClient, narrowMeter), table);
  started = performance.now();
  const narrowed = await listBuckets(principal, day, listings, { held: narrowStore, reconciliations: narrowStore, clock });
  const narrowMs = performance.now() - started;
  narrowClient.destroy();

  const expected = { missing: 4, extra: [...extra].filter((n) => n < held).length, mismatched: [...mismatched].filter((n) => n < held).length };
  return {
    records: held,
    differences: expected.missing + expected.extra + expected.mismatched,
    expected,
    comparison: { readUnits: compareMeter.readUnits, requests: compareMeter.requests, milliseconds: compareMs },
    narrowing: {
      readUnits: narrowMeter.readUnits,
      requests: narrowMeter.requests,
      milliseconds: narrowMs,
      buckets: listings.length,
      recordsListed: listings.reduce((n, l) => n + l.records.length, 0),
    },
    found: { missing: narrowed.missing, extra: narrowed.extra, mismatched: narrowed.mismatched },
  };
}

const clientConfig = (endpoint: string) => ({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

async function receiptWriteUnits(client: DynamoDBClient, table: string): Promise<{ without: number; with: number }> {
  const document = DynamoDBDocumentClient.from(client);
  const unitsOf = async (item: Record<string, unknown>) => {
    const result = await document.send(new PutCommand({ TableName: table, Item: item, ReturnConsumedCapacity: 'INDEXES' }));
    const consumed = result.ConsumedCapacity;
    return (consumed?.Table?.CapacityUnits ?? 0) + Object.values(consumed?.GlobalSecondaryIndexes ?? {}).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
  };
  return { without: await unitsOf(receiptItemOf(recordOf(20_000_000), false)), with: await unitsOf(receiptItemOf(recordOf(20_000_001), true)) };
}

export async function measureReconciliation(sizes: { few: number; many: number }): Promise<ReconciliationResults> {
  const dynamo = await startDynamoDbLocal({ inMemory: true });
  const client = new DynamoDBClient(clientConfig(dynamo.endpoint));
  const document = DynamoDBDocumentClient.from(client);
  try {
    const tables = await createTables(client, 'bench-reconciliation');
    const started = performance.now();
    await seed(document, tables.cases, 0, sizes.few);
    const few = await measure(dynamo.endpoint, tables.cases, sizes.few);
    await seed(document, tables.cases, sizes.few, sizes.many);
    const seedSeconds = (performance.now() - started) / 1000;
    const many = await measure(dynamo.endpoint, tables.cases, sizes.many);
    return { figures: [few, many], seedSeconds, receiptWriteUnits: await receiptWriteUnits(client, tables.cases) };
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
