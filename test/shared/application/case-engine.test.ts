/**
 * The case engine's batch behaviour against DynamoDB Local with the real SDK: a batch of many
 * cases costs one transaction; a case another writer changed is decided again alone; a case whose
 * writes are refused fails alone and its redelivery completes it; records of one case in a batch
 * are decided together; a redelivered batch changes nothing; events committed but not published
 * (a crash, an unreachable bus) wait in the outbox and reach the bus through the relay.
 */
import { TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { createCaseEngine, type CaseEngineDependencies } from '#shared/application/case-engine.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import type { CaseCommit, CaseCommitResult, RecordEnvelope, SignalEvent, SignalEventPublisher } from '#shared/application/ports.ts';
import { processRecordBatch, processRecord } from '#shared/application/process-record.ts';
import { relaySignalEvents } from '#shared/application/relay-signal-events.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import type { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { TenderEvent } from '#shared/domain/tender/tender-event.ts';
import { createTestTables, testClientConfig } from '../../support/dynamodb.ts';
import { seedDemoReferenceData } from '../../support/reference-data.ts';
import { testRecordSealer } from '../../support/record-seals.ts';
import { processingWith } from '../../support/case-engine.ts';
import { countRequests } from '../../support/request-counter.ts';

const department = 'haishu-market-regulation';
const matterCode = 'food-business-licence'; // promised 10, statutory 20 working days
const now = new Date('2025-09-16T10:00:00+08:00'); // past the promised limit of a case accepted 2025-09-01

let client: DynamoDBClient;
let table: string;
let referenceTable: string;
let endpoint: string;

beforeAll(async () => {
  const tables = await createTestTables();
  await seedDemoReferenceData(tables.documentClient, tables.tables.reference);
  ({ client, endpoint } = tables);
  table = tables.tables.cases;
  referenceTable = tables.tables.reference;
});

let counter = 0;
const newCaseId = (label: string) => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;

const received = (caseId: string): LicensingEvent => ({
  kind: 'licensing',
  department,
  matterCode,
  caseId,
  sequence: 1,
  event: 'received',
  occurredAt: '2025-09-01T09:00:00+08:00',
});
const accepted = (caseId: string): LicensingEvent => ({
  kind: 'licensing',
  department,
  matterCode,
  caseId,
  sequence: 2,
  event: 'accepted',
  occurredAt: '2025-09-01T10:00:00+08:00',
});
const envelope = (record: LicensingEvent): RecordEnvelope => ({ v: 1, receivedAt: '2025-09-16T02:00:00.000Z', contentHash: contentHash(record), record });
const messages = (records: readonly LicensingEvent[]) => records.map((record, id) => ({ id, envelope: envelope(record) }));

/** A document client of its own that counts the requests it sends, by operation, and can fail chosen ones. */
function countingClient(intercept?: (operation: string, input: Record<string, unknown>) => void): {
  documentClient: DynamoDBDocumentClient;
  requests: Map<string, number>;
} {
  const documentClient = DynamoDBDocumentClient.from(new (client.constructor as typeof DynamoDBClient)({ ...testClientConfig, endpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { documentClient, requests: countRequests(documentClient, intercept) };
}

function engineDependencies(
  cases: DynamoDbCaseRepository,
  documentClient: DynamoDBDocumentClient,
  extra: Partial<CaseEngineDependencies> = {},
): CaseEngineDependencies {
  return { cases, reference: new DynamoDbReferenceReader(documentClient, referenceTable), calendar: stateCouncilCalendar, ...extra };
}

class RecordingPublisher implements SignalEventPublisher {
  readonly published: SignalEvent[] = [];
  constructor(private failing = false) {}
  async publish(events: readonly SignalEvent[]): Promise<void> {
    if (this.failing) throw new Error('event bus unreachable');
    this.published.push(...events);
  }
}

describe('the case engine on a batch', () => {
  it('commits ten new cases, each raising an alert, in one transaction', async () => {
    const { documentClient, requests } = countingClient();
    const cases = new DynamoDbCaseRepository(documentClient, table, testRecordSealer());
    const ids = Array.from({ length: 10 }, () => newCaseId('batch'));

    const { messages: outcomes, run } = await processRecordBatch(
      messages(ids.flatMap((id) => [received(id), accepted(id)])),
      processingWith(engineDependencies(cases, documentClient), now),
    );

    expect([...outcomes.values()].every((o) => o.ok && o.outcome.stored === 'stored')).toBe(true);
    expect(run.alertEvents).toHaveLength(10);
    expect(requests.get('TransactWriteItems')).toBe(1);
    // One consistent query per case; the department and the matter read once for the batch.
    expect(requests.get('Query')).toBe(10);
    for (const id of ids) expect((await cases.load({ department, kind: 'licensing', caseId: id })).alerts.map((a) => a.level)).toEqual(['warning']);
  });

  it('decides again, alone, a case another writer changed between its reading and its commit', async () => {
    const { documentClient } = countingClient();
    const contested = newCaseId('contested');
    const others = [newCaseId('calm'), newCaseId('calm')];
    const attempts: string[][] = [];
    class ContestedCases extends DynamoDbCaseRepository {
      override async commitMany(commits: readonly CaseCommit[]): Promise<CaseCommitResult[]> {
        attempts.push(commits.map((c) => c.snapshot.key.caseId));
        // Another delivery commits the contested case first, once.
        if (attempts.length === 1)
          await processRecord(
            envelope(accepted(contested)),
            processingWith(engineDependencies(new DynamoDbCaseRepository(documentClient, table, testRecordSealer()), documentClient), now),
          );
        return super.commitMany(commits);
      }
    }
    const cases = new ContestedCases(documentClient, table, testRecordSealer());

    const { messages: outcomes } = await processRecordBatch(
      messages([received(contested), ...others.map(received)]),
      processingWith(engineDependencies(cases, documentClient), now),
    );

    expect([...outcomes.values()].map((o) => o.ok)).toEqual([true, true, true]);
    expect(attempts).toEqual([[contested, ...others], [contested]]);
    const loaded = await cases.load({ department, kind: 'licensing', caseId: contested });
    expect(loaded.events.map((e) => e.event.sequence)).toEqual([1, 2]);
    expect(loaded.alerts.map((a) => [a.level, a.version])).toEqual([['warning', 1]]);
  });

  it("fails only the case whose writes are refused; the batch's redelivery completes it and changes nothing else", async () => {
    const refused = newCaseId('refused');
    const fine = [newCaseId('fine'), newCaseId('fine')];
    let refusals = 0;
    const { documentClient } = countingClient((operation, input) => {
      if (operation !== 'TransactWriteItems' || refusals > 0) return;
      const items = input['TransactItems'] as { Put?: { Item?: Record<string, unknown> } }[];
      if (!items.some((item) => String(item.Put?.Item?.['pk'] ?? '').endsWith(refused))) return;
      refusals += 1;
      // DynamoDB names the item it refused; this one is too large, say.
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: items.map((item) =>
          String(item.Put?.Item?.['pk'] ?? '').endsWith(refused)
            ? { Code: 'ValidationError', Message: 'Item size has exceeded the maximum allowed size' }
            : { Code: 'None' },
        ),
      });
    });
    const cases = new DynamoDbCaseRepository(documentClient, table, testRecordSealer());
    const batch = messages([fine[0] as string, refused, fine[1] as string].map(received));
    const deps = processingWith(engineDependencies(cases, documentClient), now);

    const first = await processRecordBatch(batch, deps);

    expect([...first.messages.values()].map((o) => o.ok)).toEqual([true, false, true]);
    expect((await cases.load({ department, kind: 'licensing', caseId: refused })).events).toEqual([]);
    for (const id of fine) expect((await cases.load({ department, kind: 'licensing', caseId: id })).events).toHaveLength(1);

    const again = await processRecordBatch(batch, deps);

    expect([...again.messages.values()].map((o) => (o.ok ? o.outcome.stored : 'failed'))).toEqual(['duplicate', 'stored', 'duplicate']);
    expect((await cases.load({ department, kind: 'licensing', caseId: refused })).events).toHaveLength(1);
  });

  it('decides the records of one case in a batch together, and knows a record sent twice', async () => {
    const { documentClient, requests } = countingClient();
    const cases = new DynamoDbCaseRepository(documentClient, table, testRecordSealer());
    const id = newCaseId('twice');

    const { messages: outcomes, run } = await processRecordBatch(
      messages([received(id), accepted(id), accepted(id)]),
      processingWith(engineDependencies(cases, documentClient), now),
    );

    expect([...outcomes.values()].map((o) => (o.ok ? o.outcome.stored : 'failed'))).toEqual(['stored', 'stored', 'duplicate']);
    expect(requests.get('TransactWriteItems')).toBe(1);
    expect(run.alertEvents.map((e) => e.detail.change)).toEqual(['raised']);
    const loaded = await cases.load({ department, kind: 'licensing', caseId: id });
    expect(loaded.snapshot?.stateVersion).toBe(1);
  });

  it('names on the alert the official of the latest record naming one, whether the records come in one batch, in order or the other way round', async () => {
    const { documentClient } = countingClient();
    const cases = new DynamoDbCaseRepository(documentClient, table, testRecordSealer());
    const zhang = { staffId: 'HS-0231', name: '张晓明' };
    const li = { staffId: 'HS-0456', name: '李静怡' };
    const named = (id: string) => [
      { ...received(id), official: zhang },
      { ...accepted(id), official: li },
    ];
    const [together, inOrder, reversed] = [newCaseId('official'), newCaseId('official'), newCaseId('official')];
    const processing = processingWith(engineDependencies(cases, documentClient), now);

    await processRecordBatch(messages(named(together)), processing);
    for (const record of named(inOrder)) await processRecordBatch(messages([record]), processing);
    for (const record of named(reversed).reverse()) await processRecordBatch(messages([record]), processing);

    for (const id of [together, inOrder, reversed]) {
      const loaded = await cases.load({ department, kind: 'licensing', caseId: id });
      expect(loaded.alerts.map((alert) => [alert.level, alert.officialStaffId])).toEqual([['warning', li.staffId]]);
      // The name stays in the records that carried it, and in no alert.
      expect(loaded.events.map((stored) => stored.event.official)).toEqual([zhang, li]);
      expect(JSON.stringify(loaded.alerts)).not.toContain(li.name);
    }
  });

  it('changes nothing when a whole batch is delivered again', async () => {
    const { documentClient, requests } = countingClient();
    const cases = new DynamoDbCaseRepository(documentClient, table, testRecordSealer());
    const ids = [newCaseId('again'), newCaseId('again'), newCaseId('again')];
    const batch = messages(ids.flatMap((id) => [received(id), accepted(id)]));
    const deps = processingWith(engineDependencies(cases, documentClient), now);
    await processRecordBatch(batch, deps);
    const writesBefore = requests.get('TransactWriteItems');

    const { messages: outcomes, run } = await processRecordBatch(batch, deps);

    expect([...outcomes.values()].every((o) => o.ok && o.outcome.stored === 'duplicate' && o.outcome.evaluation.result === 'unchanged')).toBe(true);
    expect(run.alertEvents).toEqual([]);
    expect(requests.get('TransactWriteItems')).toBe(writesBefore);
    for (const id of ids) expect((await cases.load({ department, kind: 'licensing', caseId: id })).alerts.map((a) => a.version)).toEqual([1]);
  });

  it('leaves committed events in the outbox when publishing fails, and the relay delivers each of them', async () => {
    const { documentClient } = countingClient();
    const cases = new DynamoDbCaseRepository(documentClient, table, testRecordSealer());
    const outbox = new DynamoDbSignalEventOutbox(documentClient, table);
    const unreachable = new RecordingPublisher(true);
    const engine = createCaseEngine(engineDependencies(cases, documentClient, { relay: { outbox, publisher: unreachable } }));
    const ids = [newCaseId('unpublished'), newCaseId('unpublished')];

    const run = await engine.run(
      ids.map((id) => ({
        key: { department, kind: 'licensing', caseId: id },
        incoming: [received(id), accepted(id)].map((r) => ({ event: r, receivedAt: '2025-09-16T02:00:00.000Z', contentHash: contentHash(r) })),
      })),
      now,
    );

    expect(run.publicationFailure).toBeInstanceOf(Error);
    const committed = run.alertEvents.map((e) => e.eventId).sort();
    expect(committed).toHaveLength(2);
    const bus = new RecordingPublisher();
    await relaySignalEvents({ outbox, publisher: bus }, new Date(Date.now() + 60_000).toISOString(), { maxEvents: 10_000 });
    expect(
      bus.published
        .map((e) => e.eventId)
        .filter((id) => committed.includes(id))
        .sort(),
    ).toEqual(committed);
    expect((await outbox.pending(10_000, new Date(Date.now() + 60_000).toISOString())).filter((e) => committed.includes(e.eventId))).toEqual([]);
  });
  it("lets the cases of one cross-case group decided in one batch see each other: a buyer's third award to one winner is found", async () => {
    const { documentClient } = countingClient();
    const cases = new DynamoDbCaseRepository(documentClient, table, testRecordSealer());
    const buyerId = newCaseId('buyer');
    const tender = (caseId: string, amountYuan: number, awardedOn: string): TenderEvent[] =>
      [
        {
          event: 'noticePublished',
          occurredAt: '2025-05-06T09:00:00+08:00',
          bidDeadline: '2025-06-06T09:00:00+08:00',
          buyerId,
          estimatedAmountYuan: 3_600_000,
        },
        { event: 'bidsOpened', occurredAt: '2025-06-06T10:00:00+08:00', bidderCount: 4 },
        { event: 'awarded', occurredAt: `${awardedOn}T10:00:00+08:00`, winnerId: 'builder-007', amountYuan },
      ].map((body, i) =>
        TenderEvent.parse({ kind: 'publicResourceTrading', department: 'haishu-housing', matterCode: 'construction-tender', caseId, sequence: i + 1, ...body }),
      );
    const ids = [newCaseId('award'), newCaseId('award'), newCaseId('award')];
    const records = [...tender(ids[0]!, 3_500_001, '2025-06-10'), ...tender(ids[1]!, 3_500_002, '2025-06-20'), ...tender(ids[2]!, 3_500_003, '2025-07-01')];

    // One batch: none of the three is stored when the others are decided.
    await processRecordBatch(
      records.map((record, id) => ({ id, envelope: { v: 1, receivedAt: '2025-07-02T02:00:00.000Z', contentHash: contentHash(record), record } })),
      processingWith(engineDependencies(cases, documentClient), new Date('2025-07-02T10:00:00+08:00')),
    );

    const rulesOf = async (caseId: string) =>
      (await cases.load({ department: 'haishu-housing', kind: 'publicResourceTrading', caseId })).alerts.map((a) => a.ruleId);
    // Each award is judged as of its own day: the third sees all three, the first only itself.
    expect(await rulesOf(ids[2]!)).toEqual(expect.arrayContaining(['publicResourceTrading.repeated-winner', 'publicResourceTrading.suspected-splitting']));
    expect(await rulesOf(ids[0]!)).not.toContain('publicResourceTrading.repeated-winner');
  });
});
