/**
 * The records held for a reconciliation, against DynamoDB Local: receipts written by the receipt
 * store (and confirmed) are found by their department's Shanghai day of the act, each once, with
 * the content hash as version; one bucket of one matter is read alone; a day's comparison is
 * replaced only from the one it was read from.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbReceiptStore } from '#shared/adapters/dynamodb/dynamodb-receipt-store.ts';
import { DynamoDbReconciliationStore } from '#shared/adapters/dynamodb/dynamodb-reconciliation-store.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { bucketOf } from '#shared/domain/reconciliation/record-digest.ts';
import type { ReconciliationDay } from '#shared/domain/reconciliation/reconciliation-findings.ts';
import { createTestTables } from '../../../support/dynamodb.ts';

let receipts: DynamoDbReceiptStore;
let store: DynamoDbReconciliationStore;
const department = `recon-${Date.now().toString(36)}`;

beforeAll(async () => {
  const tables = await createTestTables();
  receipts = new DynamoDbReceiptStore(tables.documentClient, tables.tables.cases);
  store = new DynamoDbReconciliationStore(tables.documentClient, tables.tables.cases);
});

const record = (caseId: string, occurredAt: string, matterCode = 'food-business-licence') => ({
  kind: 'licensing',
  event: 'received',
  department,
  matterCode,
  caseId,
  sequence: 1,
  occurredAt,
});

describe('the records held of a day', () => {
  it("finds each receipted record once on its act's Shanghai day, with its content hash as version, and reads one bucket alone", async () => {
    // Prepare: 40 records on 2026-11-02 (Shanghai; one of them 2026-11-01T17:30Z), one the day before, one of another matter.
    const ofDay = Array.from({ length: 40 }, (_, i) => record(`H-${i}`, i === 0 ? '2026-11-01T17:30:00Z' : '2026-11-02T10:00:00+08:00'));
    const dayBefore = record('H-before', '2026-11-01T15:00:00Z');
    const otherMatter = record('H-other', '2026-11-02T10:00:00+08:00', 'other-matter');
    const all = [...ofDay, dayBefore, otherMatter].map((event) => ({ event, contentHash: contentHash(event) }));
    await receipts.record(all, '2026-11-02T03:00:00.000Z');
    await receipts.confirmQueued(all.map((r) => ({ ...r, receivedAt: '2026-11-02T03:00:00.000Z' })));
    // A re-send is a duplicate: it adds nothing.
    await receipts.record(all.slice(0, 5), '2026-11-02T04:00:00.000Z');

    // Act
    const held = await store.ofDay(department, '2026-11-02');
    const bucket = bucketOf('H-3', 1);
    const inBucket = await store.ofBucket(department, '2026-11-02', 'food-business-licence', bucket);

    // Assess
    expect(held).toHaveLength(41);
    expect(
      held
        .filter((h) => h.matterCode === 'food-business-licence')
        .map((h) => h.caseId)
        .sort(),
    ).toEqual(ofDay.map((r) => r.caseId).sort());
    expect(held.find((h) => h.caseId === 'H-3')).toEqual({
      bucket,
      matterCode: 'food-business-licence',
      caseId: 'H-3',
      sequence: 1,
      version: contentHash(ofDay[3]),
    });
    expect(inBucket.map((e) => e.caseId).sort()).toEqual(
      ofDay
        .filter((r) => bucketOf(r.caseId, 1) === bucket)
        .map((r) => r.caseId)
        .sort(),
    );
  });
});

describe("a day's comparison", () => {
  const comparison = (submittedAt: string): ReconciliationDay => ({ department, day: '2026-11-03', submittedAt, matters: [], differences: [] });

  it('is replaced by a new manifest, but a listing read from an earlier one is refused; the first day reconciled is kept', async () => {
    await store.save(comparison('2026-11-04T01:00:00.000Z'));
    await store.save(comparison('2026-11-04T02:00:00.000Z'));

    const stale = await store.save(comparison('2026-11-04T03:00:00.000Z'), '2026-11-04T01:00:00.000Z');
    const current = await store.save(comparison('2026-11-04T03:00:00.000Z'), '2026-11-04T02:00:00.000Z');
    await store.save({ ...comparison('2026-11-05T01:00:00.000Z'), day: '2026-11-05' });

    expect(stale).toBe('changedConcurrently');
    expect(current).toBe('saved');
    expect((await store.day(department, '2026-11-03'))?.submittedAt).toBe('2026-11-04T03:00:00.000Z');
    expect((await store.days(department, '2026-11-01', '2026-11-30')).map((d) => d.day)).toEqual(['2026-11-03', '2026-11-05']);
    expect(await store.since(department)).toBe('2026-11-03');
  });
});
