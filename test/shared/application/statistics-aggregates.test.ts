/**
 * The statistics aggregates as the case engine commits them, against DynamoDB Local with the real
 * SDK: a batch adds each case's counters in the case's own transaction (several cases of one
 * department and month merged into one update of an item), a case decided again after a lost race
 * is counted once, and a redelivered batch adds nothing.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { queryEveryPage } from '#shared/adapters/dynamodb/query-every-page.ts';
import { statisticsAdditions, statisticsPartitions, statisticsUpdate } from '#shared/adapters/dynamodb/statistics-items.ts';
import { itemSize, writeUnitsOf } from '#infra/local/write-units.ts';
import type { CaseEngineDependencies } from '#shared/application/case-engine.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import type { CaseCommit, CaseCommitResult, RecordEnvelope } from '#shared/application/ports.ts';
import { processRecord, processRecordBatch } from '#shared/application/process-record.ts';
import { sweepDueChecks } from '#shared/application/sweep-due-checks.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import type { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { licensingRuleIds } from '#shared/domain/licensing/licensing-rules.ts';
import { reportingRuleIds } from '#shared/domain/reporting/reporting-findings.ts';
import { contributionDelta, counterNames, countedPerRule, ruleCounter, type Counters } from '#shared/domain/statistics/case-contribution.ts';
import { processingWith, sweepingWith } from '../../support/case-engine.ts';
import { createTestTables, testClientConfig } from '../../support/dynamodb.ts';
import { testRecordSealer } from '../../support/record-seals.ts';
import { seedDemoReferenceData } from '../../support/reference-data.ts';
import { countRequests } from '../../support/request-counter.ts';

const department = 'haishu-market-regulation';
const matterCode = 'food-business-licence'; // promised 10, statutory 20 working days
/** Tuesday 16 September 2025, 10:00 Shanghai: past the promised limit (Mon 15 Sep) of a case accepted Mon 1 Sep. */
const now = new Date('2025-09-16T10:00:00+08:00');

let client: DynamoDBClient;
let endpoint: string;
let table: string;
let referenceTable: string;
let statistics: DynamoDbStatisticsReader;

beforeAll(async () => {
  const tables = await createTestTables();
  await seedDemoReferenceData(tables.documentClient, tables.tables.reference);
  ({ client, endpoint } = tables);
  table = tables.tables.cases;
  referenceTable = tables.tables.reference;
  statistics = new DynamoDbStatisticsReader(tables.documentClient, table);
});

let counter = 0;
const newCaseId = (label: string) => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;

const record = (caseId: string, sequence: number, event: Partial<LicensingEvent> & Pick<LicensingEvent, 'event' | 'occurredAt'>): LicensingEvent =>
  ({ kind: 'licensing', department, matterCode, caseId, sequence, ...event }) as LicensingEvent;
const receivedAndAccepted = (caseId: string): LicensingEvent[] => [
  record(caseId, 1, { event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' }),
  record(caseId, 2, { event: 'accepted', occurredAt: '2025-09-01T10:00:00+08:00' }),
];
const decided = (caseId: string, occurredAt: string): LicensingEvent => record(caseId, 3, { event: 'decided', outcome: 'granted', occurredAt });
const envelope = (r: LicensingEvent): RecordEnvelope => ({ v: 1, receivedAt: '2025-09-16T02:00:00.000Z', contentHash: contentHash(r), record: r });
const messages = (records: readonly LicensingEvent[]) => records.map((r, id) => ({ id, envelope: envelope(r) }));

function documentClient(): { documentClient: DynamoDBDocumentClient; requests: Map<string, number> } {
  const documentClient = DynamoDBDocumentClient.from(new (client.constructor as typeof DynamoDBClient)({ ...testClientConfig, endpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { documentClient, requests: countRequests(documentClient) };
}

const engine = (cases: DynamoDbCaseRepository, dc: DynamoDBDocumentClient): CaseEngineDependencies => ({
  cases,
  reference: new DynamoDbReferenceReader(dc, referenceTable),
  calendar: stateCouncilCalendar,
});

/** September 2025's licensing counters of the department, as stored now. */
const september = async (): Promise<Counters> =>
  (await statistics.countersByMonth(department, { from: '2025-09', through: '2025-09' }, { kind: 'licensing' }))['2025-09'] ?? {};

/** What the counters gained since `before`. */
const gained = (before: Counters, after: Counters): Counters => contributionDelta({ m: before }, { m: after })['m'] ?? {};

/**
 * Write units of the client's transactions as DynamoDB charges them, priced from what each sends
 * (`writeUnitsOf`: DynamoDB Local misreports transactions' consumed capacity).
 */
function measuringWriteUnits(dc: DynamoDBDocumentClient): { units: number } {
  const measured = { units: 0 };
  dc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        const units = writeUnitsOf('TransactWriteItems', args.input as Record<string, unknown>);
        measured.units += units.table + Object.values(units.indexes).reduce((a, b) => a + b, 0);
      }
      return next(args);
    },
    { step: 'initialize', name: 'measureWriteUnits' },
  );
  return measured;
}

/** The same repository, committing without statistics: what a commit cost before them. */
class CasesWithoutStatistics extends DynamoDbCaseRepository {
  override commitMany(commits: readonly CaseCommit[]): Promise<CaseCommitResult[]> {
    return super.commitMany(
      commits.map(({ statisticsDeltas: _deltas, snapshot: { statistics: _statistics, ...snapshot }, ...commit }) => ({ ...commit, snapshot })),
    );
  }
}

describe('statistics aggregates committed with the cases', () => {
  it('costs each committed case change two write units more: one aggregate item under 1 KB, written in a transaction', async () => {
    const runs = await Promise.all(
      [DynamoDbCaseRepository, CasesWithoutStatistics].map(async (Repository) => {
        const { documentClient: dc } = documentClient();
        const measured = measuringWriteUnits(dc);
        const id = newCaseId('units');
        await processRecordBatch(messages(receivedAndAccepted(id)), processingWith(engine(new Repository(dc, table, testRecordSealer()), dc), now));
        return measured.units;
      }),
    );
    const [withStatistics, without] = runs as [number, number];
    expect(withStatistics - without).toBe(2);
    // The aggregate item stays under 1 KB, so that its transactional update costs 2 units, not 4.
    const reader = DynamoDBDocumentClient.from(client);
    const items = (
      await Promise.all(
        statisticsPartitions(department).map((pk) =>
          queryEveryPage(reader, { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
        ),
      )
    ).flat();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(itemSize(item)).toBeLessThan(1024);
  });

  it('keeps a licensing aggregate item under 1 KB with every counter in six digits and a signal under every licensing and reporting rule', () => {
    // The longest ids of the demonstration catalogue; each counter at 123456, each rule at 999.
    // The reporting rules every family shares are counted by level only: they add no counter.
    const rules = [...Object.values(licensingRuleIds), ...Object.values(reportingRuleIds)].filter(countedPerRule);
    expect(rules).toHaveLength(Object.keys(licensingRuleIds).length);
    const counters = {
      ...Object.fromEntries(counterNames.map((counter) => [counter, 123_456])),
      ...Object.fromEntries(rules.map((rule) => [ruleCounter(rule), 999])),
    };
    const key = { department: 'yinzhou-natural-resources', kind: 'licensing', caseId: 'c' };
    const [addition] = statisticsAdditions(key, [{ matterCode: 'rural-construction-planning-permit', delta: { '2026-11': counters } }]);
    const update = statisticsUpdate(table, addition!).Update!;
    const names = update.ExpressionAttributeNames as Record<string, string>;
    const values = update.ExpressionAttributeValues as Record<string, unknown>;
    // The item the update leaves: its key, the attributes it sets, and each counter added.
    const item = { ...update.Key, ...Object.fromEntries(Object.keys(names).map((name) => [names[name], values[`:${name.slice(1)}`]])) };

    expect(Object.keys(item)).toHaveLength(6 + counterNames.length + rules.length);
    expect(itemSize(item)).toBeLessThan(1024);
  });

  it('adds the hand-computed counters of a batch: two decided cases and one overdue on its promise', async () => {
    const { documentClient: dc, requests } = documentClient();
    const cases = new DynamoDbCaseRepository(dc, table, testRecordSealer());
    const [early, onPromise, late] = [newCaseId('early'), newCaseId('on-promise'), newCaseId('late')] as [string, string, string];
    const before = await september();

    await processRecordBatch(
      messages([
        ...receivedAndAccepted(early),
        // Fri 5 Sep: 4 working days after 1 Sep (2, 3, 4, 5).
        decided(early, '2025-09-05T15:00:00+08:00'),
        ...receivedAndAccepted(onPromise),
        // Mon 15 Sep: the 10th working day, the promised limit's last day.
        decided(onPromise, '2025-09-15T10:00:00+08:00'),
        ...receivedAndAccepted(late),
      ]),
      processingWith(engine(cases, dc), now),
    );

    expect(requests.get('TransactWriteItems')).toBe(1);
    expect(gained(before, await september())).toEqual({
      received: 3,
      completed: 2,
      timed: 2,
      withinLegal: 2,
      withinPromised: 2,
      // Only the first was decided before the promised limit's last day.
      early: 1,
      workingDays: 4 + 10,
      legalWorkingDays: 20 + 20,
      days04: 1,
      days10: 1,
      // (20 − 4) ÷ 20 + (20 − 10) ÷ 20 = 0.8 + 0.5
      speedUpMillionths: 1_300_000,
      // Eight records, all received on Tue 16 Sep at 10:00: late but for the decision of 15 Sep 10:00, exactly 24 hours before.
      records: 8,
      late: 7,
      // The open case past its promised limit: one warning, to be corrected or explained.
      signalsWarning: 1,
      toCorrect: 1,
      'rule:licensing.decision-time-limit': 1,
    });
  });

  it('merges the additions of many cases of one department and month into one transaction', async () => {
    const { documentClient: dc, requests } = documentClient();
    const cases = new DynamoDbCaseRepository(dc, table, testRecordSealer());
    const ids = Array.from({ length: 10 }, () => newCaseId('many'));
    const before = await september();

    await processRecordBatch(messages(ids.flatMap(receivedAndAccepted)), processingWith(engine(cases, dc), now));

    // Ten cases over four shards: some share an item, which a transaction may name once.
    expect(requests.get('TransactWriteItems')).toBe(1);
    expect(gained(before, await september())).toEqual({
      received: 10,
      records: 20,
      late: 20,
      signalsWarning: 10,
      toCorrect: 10,
      'rule:licensing.decision-time-limit': 10,
    });
  });

  it('counts once a case decided again after another writer committed it first', async () => {
    const { documentClient: dc } = documentClient();
    const contested = newCaseId('contested');
    const calm = newCaseId('calm');
    const attempts: string[][] = [];
    class ContestedCases extends DynamoDbCaseRepository {
      override async commitMany(commits: readonly CaseCommit[]): Promise<CaseCommitResult[]> {
        attempts.push(commits.map((c) => c.snapshot.key.caseId));
        // Another delivery commits the contested case first, once.
        if (attempts.length === 1)
          await processRecord(
            envelope(receivedAndAccepted(contested)[1] as LicensingEvent),
            processingWith(engine(new DynamoDbCaseRepository(dc, table, testRecordSealer()), dc), now),
          );
        return super.commitMany(commits);
      }
    }
    const cases = new ContestedCases(dc, table, testRecordSealer());
    const before = await september();

    await processRecordBatch(
      messages([receivedAndAccepted(contested)[0] as LicensingEvent, ...receivedAndAccepted(calm)]),
      processingWith(engine(cases, dc), now),
    );

    expect(attempts).toEqual([[contested, calm], [contested]]);
    expect(gained(before, await september())).toEqual({
      received: 2,
      records: 4,
      late: 4,
      signalsWarning: 2,
      toCorrect: 2,
      'rule:licensing.decision-time-limit': 2,
    });
  });

  it('adds every case of concurrent batches of one department exactly once', async () => {
    const before = await september();
    const batches = Array.from({ length: 4 }, (_unused, b) => Array.from({ length: 6 }, (_unused2, i) => newCaseId(`concurrent-${b}-${i}`)));

    // Four consumers at once, each its own client and engine: they add to the same month's items.
    await Promise.all(
      batches.map((ids) => {
        const { documentClient: dc } = documentClient();
        return processRecordBatch(
          messages(ids.flatMap(receivedAndAccepted)),
          processingWith(engine(new DynamoDbCaseRepository(dc, table, testRecordSealer()), dc), now),
        );
      }),
    );

    expect(gained(before, await september())).toEqual({
      received: 24,
      records: 48,
      late: 48,
      signalsWarning: 24,
      toCorrect: 24,
      'rule:licensing.decision-time-limit': 24,
    });
  });

  it('adds nothing when a batch is delivered again', async () => {
    const { documentClient: dc } = documentClient();
    const cases = new DynamoDbCaseRepository(dc, table, testRecordSealer());
    const id = newCaseId('again');
    const batch = messages([...receivedAndAccepted(id), decided(id, '2025-09-05T15:00:00+08:00')]);
    await processRecordBatch(batch, processingWith(engine(cases, dc), now));
    const before = await september();

    await processRecordBatch(batch, processingWith(engine(cases, dc), now));

    expect(gained(before, await september())).toEqual({});
  });
});

describe('statistics aggregates moved by time', () => {
  it('opens an overdue case when the sweep finds it past its legal limit, and counts it once however often the sweep runs', async () => {
    const own = await createTestTables();
    await seedDemoReferenceData(own.documentClient, own.tables.reference);
    const cases = new DynamoDbCaseRepository(own.documentClient, own.tables.cases, testRecordSealer());
    const deps = { ...engine(cases, own.documentClient), reference: new DynamoDbReferenceReader(own.documentClient, own.tables.reference) };
    const reader = new DynamoDbStatisticsReader(own.documentClient, own.tables.cases);
    const id = newCaseId('swept');
    await processRecordBatch(messages(receivedAndAccepted(id)), processingWith(deps, now));
    const before = await reader.countersByMonth(department, { from: '2025-09', through: '2025-10' });
    expect(before['2025-09']?.['overdueOpened']).toBeUndefined();

    // 20 October: long past the legal limit (20 working days after 1 September end in late September).
    for (let run = 0; run < 2; run += 1) await sweepDueChecks(new Date('2025-10-20T09:00:00+08:00'), sweepingWith(deps), { maxCases: 100, batchSize: 50 });

    const after = await reader.countersByMonth(department, { from: '2025-09', through: '2025-10' });
    // Overdue from the day after the limit, still in September; the warning became a correction (one signal, its level moved),
    // still one to correct, and unanswered.
    expect(after).toEqual({
      '2025-09': { received: 1, records: 2, late: 2, overdueOpened: 1, signalsCorrection: 1, toCorrect: 1, 'rule:licensing.decision-time-limit': 1 },
    });
  });
});
