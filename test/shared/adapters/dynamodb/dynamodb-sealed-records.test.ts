/**
 * Record seals against DynamoDB Local through the real SDK: records stored by processing carry a
 * seal that still matches when read back by the hour index; a record changed directly in the
 * table, or stripped of its seal, is named by the verification, which raises one security event.
 */
import { DeleteItemCommand, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { casePk, eventSk } from '#shared/adapters/dynamodb/case-items.ts';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbSealedRecords } from '#shared/adapters/dynamodb/dynamodb-sealed-records.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { processRecords, type ProcessRecordDependencies } from '#shared/application/process-record.ts';
import { processingWith } from '../../../support/case-engine.ts';
import { HourKeys } from '#shared/application/record-seals/hour-keys.ts';
import { verifyRecordSeals, type VerifyRecordSealsDependencies } from '#shared/application/record-seals/verify-record-seals.ts';
import type { SecurityEvent } from '#shared/application/security-events.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import type { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { createTestTables } from '../../../support/dynamodb.ts';
import { TestSealKeyDerivation, testRecordSealer } from '../../../support/record-seals.ts';
import { seedDemoReferenceData } from '../../../support/reference-data.ts';

const department = 'haishu-market-regulation';
const matterCode = 'food-business-licence';
const sealedAt = new Date('2026-03-02T01:30:00Z');
const hour = '2026-03-02T01';

let client: DynamoDBClient;
let documentClient: DynamoDBDocumentClient;
let table: string;
let derivation: TestSealKeyDerivation;
let processing: ProcessRecordDependencies;
let reference: DynamoDbReferenceReader;

beforeAll(async () => {
  let tables: Record<string, string>;
  ({ client, documentClient, tables } = await createTestTables());
  await seedDemoReferenceData(documentClient, tables['reference'] as string);
  table = tables['cases'] as string;
  derivation = new TestSealKeyDerivation();
  reference = new DynamoDbReferenceReader(documentClient, tables['reference'] as string);
  processing = processingWith(
    {
      cases: new DynamoDbCaseRepository(
        documentClient,
        table,
        testRecordSealer(derivation, () => sealedAt),
      ),
      reference,
      calendar: stateCouncilCalendar,
    },
    sealedAt,
  );
});

let counter = 0;
const newCaseId = (label: string): string => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;

/** Stores a case of three records, one with Chinese text and a decimal, as processing stores them. */
async function storeCase(caseId: string): Promise<void> {
  const common = { kind: 'licensing' as const, department, matterCode, caseId };
  const records: LicensingEvent[] = [
    { ...common, sequence: 1, event: 'received', occurredAt: '2026-03-02T09:00:00+08:00' },
    { ...common, sequence: 2, event: 'accepted', occurredAt: '2026-03-02T09:30:00+08:00' },
    {
      ...common,
      sequence: 3,
      event: 'decided',
      occurredAt: '2026-03-02T09:45:00+08:00',
      outcome: 'refused',
      reasons: '申请材料与实际经营场所不符；面积 12.5 平方米不足。',
    } as LicensingEvent,
  ];
  const messages = records.map((record, id) => ({
    id,
    envelope: { v: 1 as const, receivedAt: sealedAt.toISOString(), contentHash: contentHash(record), record },
  }));
  const results = await processRecords(messages, processing);
  expect([...results.values()].every((result) => result.ok)).toBe(true);
}

function verifier(events: SecurityEvent[]): VerifyRecordSealsDependencies {
  return {
    records: new DynamoDbSealedRecords(documentClient, table),
    keys: new HourKeys(derivation, 1),
    securityEvents: { record: async (event) => void events.push(event) },
    source: 'verify-records',
    clock: () => new Date('2026-03-02T02:05:00Z'),
  };
}

const key = (caseId: string, sequence: number) => ({ pk: { S: casePk({ department, kind: 'licensing', caseId }) }, sk: { S: eventSk(sequence) } });

describe('sealed act records in DynamoDB', () => {
  it('stores every record with its hour index partition and a seal that matches when read back', async () => {
    // Prepare
    const caseId = newCaseId('INTACT');
    await storeCase(caseId);
    const events: SecurityEvent[] = [];

    // Act
    const stored = await client.send(new GetItemCommand({ TableName: table, Key: key(caseId, 3) }));
    const result = await verifyRecordSeals([hour], verifier(events), { maxRecords: 10_000 });

    // Assess
    expect(stored.Item?.['sealHour']?.S).toMatch(/^2026-03-02T01#[0-3]$/);
    expect(stored.Item?.['seal']?.S).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    expect(result.records).toBeGreaterThanOrEqual(3);
    expect(result.broken).toBe(0);
    expect(result.hours).toEqual([{ hour, records: result.records, broken: 0, complete: true }]);
    expect(events).toEqual([]);
  });

  it('names a record changed directly in the table and one stripped of its seal, and raises one integrity break', async () => {
    // Prepare
    const caseId = newCaseId('TAMPERED');
    await storeCase(caseId);
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: key(caseId, 3),
        UpdateExpression: 'SET #event.#outcome = :granted REMOVE #event.#reasons',
        ExpressionAttributeNames: { '#event': 'event', '#outcome': 'outcome', '#reasons': 'reasons' },
        ExpressionAttributeValues: { ':granted': { S: 'granted' } },
      }),
    );
    await client.send(new UpdateItemCommand({ TableName: table, Key: key(caseId, 1), UpdateExpression: 'REMOVE seal' }));
    const events: SecurityEvent[] = [];

    // Act
    const result = await verifyRecordSeals([hour], verifier(events), { maxRecords: 10_000 });

    // Assess
    const pk = casePk({ department, kind: 'licensing', caseId });
    expect(result.brokenRecords.filter((broken) => broken.pk === pk)).toEqual(
      expect.arrayContaining([
        { pk, sk: eventSk(3), hour, verdict: 'altered' },
        { pk, sk: eventSk(1), hour, verdict: 'sealMissing' },
      ]),
    );
    expect(result.broken).toBe(2);
    expect(events).toEqual([
      {
        kind: 'integrityBreak',
        at: '2026-03-02T02:05:00.000Z',
        source: 'verify-records',
        subject: 'table:cases',
        detail: { count: 2, records: result.records, firstRecord: expect.stringMatching(/^CASE#.+ EVENT#\d{10}$/), firstHour: hour },
      },
    ]);

    // The broken records go, so the other tests of this hour find only intact ones.
    await client.send(new DeleteItemCommand({ TableName: table, Key: key(caseId, 1) }));
    await client.send(new DeleteItemCommand({ TableName: table, Key: key(caseId, 3) }));
  });

  it('checks no more records than its budget, and names the hours it left for later', async () => {
    // Prepare
    await storeCase(newCaseId('BUDGET'));

    // Act
    const result = await verifyRecordSeals([hour, '2026-03-02T00'], verifier([]), { maxRecords: 2 });

    // Assess
    expect(result.hours).toEqual([expect.objectContaining({ hour, complete: false })]);
    expect(result.deferredHours).toEqual([hour, '2026-03-02T00']);
  });

  it('reads nothing and derives no key for an hour without records', async () => {
    // Prepare
    const before = derivation.calls;

    // Act
    const result = await verifyRecordSeals(['2020-01-01T00'], { ...verifier([]), keys: new HourKeys(derivation, 1) }, { maxRecords: 10 });

    // Assess
    expect(result).toMatchObject({ records: 0, broken: 0, hours: [{ hour: '2020-01-01T00', records: 0, broken: 0, complete: true }] });
    expect(derivation.calls).toBe(before);
  });

  it('refuses to store records through a repository built without a sealer', async () => {
    // Prepare
    const unsealed: ProcessRecordDependencies = processingWith(
      { cases: new DynamoDbCaseRepository(documentClient, table), reference, calendar: stateCouncilCalendar },
      sealedAt,
    );
    const record: LicensingEvent = {
      kind: 'licensing',
      department,
      matterCode,
      caseId: newCaseId('UNSEALED'),
      sequence: 1,
      event: 'received',
      occurredAt: '2026-03-02T09:00:00+08:00',
    };

    // Act
    const results = await processRecords(
      [{ id: 0, envelope: { v: 1, receivedAt: sealedAt.toISOString(), contentHash: contentHash(record), record } }],
      unsealed,
    );

    // Assess
    expect(results.get(0)).toMatchObject({ ok: false, error: expect.objectContaining({ message: expect.stringContaining('no record sealer') }) });
  });
});
