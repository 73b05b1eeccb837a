/**
 * A month's evaluation through the statistics aggregates against the same month recomputed from
 * the stored records, in the same run on the same DynamoDB Local: read units and time of each,
 * and their ratio (target: the aggregates ≥ 20× cheaper).
 *
 * Seeding: 200 departments (in 10 districts) with four licensing matters each, entered through the
 * use cases (`putDepartment`, `proposeMatterVersion`); then each department's licensing cases of
 * the weeks up to 30 November 2026, made by the real processing and sweep on a table kept in memory
 * (`bench/evaluation-month.ts`), and what they leave — sealed events, states, alerts and the
 * `STATS#` aggregate items — written with BatchWriteItem (not through ingest: a million records
 * through the pipeline would take hours on the emulator). Seeded in two steps, `few` then `many`
 * records, measured after each: the aggregates' reads do not grow with the records, the
 * recompute's grow in proportion.
 *
 * Measured, each on a client of its own whose middleware asks for `ReturnConsumedCapacity:
 * 'TOTAL'` and sums the units:
 * - (a) the evaluation's inputs: `StatisticsMetricsSource.metricsFor(2026-11, city)` with the
 *   DynamoDB statistics reader and city structure, as the evaluation API wires it; median of
 *   several calls after one to warm up;
 * - (b) the recompute: `verifyCaseStatisticsIn` (the cases' part of `statistics:verify`) for 2026-11 over every department, as
 *   `npm run statistics:verify` runs it (every case of every matter read and folded, its
 *   contribution recomputed and summed, compared with the aggregates); once.
 * The run fails unless both give the same figures: the verification finds no difference, read every
 * case, and the evaluation's metrics are those of the aggregate items the commits summed to.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { createTables } from '#infra/local/create-tables.ts';
import { demoCatalogueFile } from '#infra/local/demo-data.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { checkCatalogueFile } from '#infra/operations/catalogue-file.ts';
import { verifyCaseStatisticsIn } from '#infra/operations/statistics-verify.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { countersOfItem } from '#shared/adapters/dynamodb/statistics-items.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import { StatisticsMetricsSource } from '#shared/application/evaluation/department-metrics-source.ts';
import { proposeMatterVersion } from '#shared/application/manage-catalogue.ts';
import type { AuditLog } from '#shared/application/ports.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';
import type { DepartmentPeriodMetrics } from '#shared/domain/evaluation/department-period-metrics.ts';
import { metricsFromCounters } from '#shared/domain/evaluation/metrics-from-statistics.ts';
import { cityJurisdiction } from '#shared/domain/records/identifiers.ts';
import { summedCounters } from '#shared/domain/statistics/statistics-figures.ts';
import { parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import type { TableName } from '#shared/topology.ts';
import { meteredDocumentClient, newCapacityMeter, type CapacityMeter } from './consumed-capacity.ts';
import { evaluatedMonth, simulateDepartment, type MatterLimits, type MonthDependencies } from './evaluation-month.ts';

type Item = Record<string, unknown>;

/** How much to seed: records in all (whole cases, so a little more), in two steps. */
export interface EvaluationSizes {
  readonly departments: number;
  readonly few: number;
  readonly many: number;
  /** Timed calls of the evaluation's read (after one to warm up). */
  readonly evaluations: number;
}

/** One path's cost. */
export interface PathCost {
  readonly readUnits: number;
  readonly requests: number;
  readonly milliseconds: number;
  /** Requests and units by operation and table (index), logical table names. */
  readonly byTarget: Readonly<Record<string, { requests: number; units: number }>>;
}

export interface EvaluationFigure {
  readonly records: number;
  readonly cases: number;
  readonly departments: number;
  /** Items written for the cases (events, states, alerts) and the aggregates. */
  readonly caseItems: number;
  readonly aggregateItems: number;
  readonly aggregates: PathCost;
  readonly recompute: PathCost;
  readonly readUnitsRatio: number;
  readonly timeRatio: number;
  /** What the comparison found: both paths' figures equal, and what they cover. */
  readonly same: boolean;
  readonly differences: number;
  readonly casesRead: number;
  readonly concludedActs: number;
  readonly signalsRaised: number;
}

export interface EvaluationResults {
  readonly figures: readonly EvaluationFigure[];
  /** Simulating the cases through processing and the sweep (in memory), and writing what they left, per seeding step. */
  readonly seeding: readonly { readonly records: number; readonly simulateSeconds: number; readonly writeSeconds: number; readonly itemsWritten: number }[];
  /** Statistics `ADD`s the simulated commits sent, per record, and transactions per record. */
  readonly aggregateUpdatesPerRecord: number;
  readonly transactionsPerRecord: number;
}

const discardedAudit: AuditLog = { append: async () => undefined };
const seededAt = new Date('2026-10-01T00:00:00+08:00');
const supervisor = { kind: 'staff', subject: 'bench-evaluation', role: 'citySupervisor', jurisdiction: cityJurisdiction } as const;

export const benchDepartmentOf = (n: number): { department: string; jurisdiction: string } => ({
  department: `bench-dept-${String(n + 1).padStart(3, '0')}`,
  jurisdiction: `bench-district-${String((n % 10) + 1).padStart(2, '0')}`,
});

/** Four licensing matters of the demo catalogue (different promised limits), to be each department's. */
function matterTemplates(): { matterCode: string; content: Item }[] {
  const check = checkCatalogueFile(JSON.parse(readFileSync(demoCatalogueFile, 'utf8')));
  if (!check.ok) throw new Error('the demo catalogue does not check');
  const licensing = check.matters.filter((matter) => (matter.content as Item)['kind'] === 'licensing');
  const distinct = [...new Map(licensing.map((matter) => [matter.matterCode, matter])).values()].slice(0, 4);
  return distinct.map((matter) => ({ matterCode: matter.matterCode, content: matter.content as Item }));
}

/** The departments and their catalogues, through the use cases and repositories that keep them. */
async function seedReference(document: DynamoDBDocumentClient, referenceTable: string, departments: number): Promise<MatterLimits[]> {
  const structure = new DynamoDbCityStructureRepository(document, referenceTable);
  const templates = matterTemplates();
  const deps = {
    catalogue: new DynamoDbCatalogueRepository(document, referenceTable),
    reference: new DynamoDbReferenceReader(document, referenceTable),
    audit: discardedAudit,
    clock: () => seededAt,
  };
  for (let n = 0; n < departments; n += 1) {
    const { department, jurisdiction } = benchDepartmentOf(n);
    await structure.putDepartment(
      { department, name: `部门 ${n + 1}`, jurisdiction, connectedKinds: ['licensing'], version: 1, updatedAt: seededAt.toISOString(), updatedBy: 'bench' },
      0,
    );
    for (const { matterCode, content } of templates)
      await proposeMatterVersion(supervisor, { department, matterCode }, { ...content, department, version: 1 }, deps);
  }
  return templates.map(({ matterCode, content }) => ({
    matterCode,
    promisedWorkingDays: Number(content['promisedWorkingDays']),
    statutoryWorkingDays: Number(content['statutoryWorkingDays']),
  }));
}

/** BatchWriteItem, 25 puts a request, 8 requests in flight, until DynamoDB has taken every item. */
async function writeItems(document: DynamoDBDocumentClient, table: string, items: readonly Item[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const first = next;
      next = Math.min(items.length, next + 25);
      let pending = items.slice(first, next).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await document.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const clientOf = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** The meter's targets with logical table names. */
function logicalTargets(meter: CapacityMeter, tables: Record<TableName, string>, runs: number): PathCost['byTarget'] {
  const names = Object.entries(tables).map(([logical, physical]) => [physical, logical] as const);
  return Object.fromEntries(
    Object.entries(meter.byTarget).map(([target, counted]) => [
      names.reduce((text, [physical, logical]) => text.replace(physical, logical), target),
      { requests: counted.requests / runs, units: counted.units / runs },
    ]),
  );
}

/** (a) The evaluation's read of a month: every department of the city from the aggregates. */
async function measureAggregates(
  endpoint: string,
  tables: Record<TableName, string>,
  calls: number,
): Promise<{ cost: PathCost; metrics: DepartmentPeriodMetrics[] }> {
  const meter = newCapacityMeter();
  const client = clientOf(endpoint);
  const document = meteredDocumentClient(client, meter);
  const source = new StatisticsMetricsSource(
    new DynamoDbStatisticsReader(document, tables.cases),
    new DynamoDbCityStructureRepository(document, tables.reference),
  );
  const period = parseStatisticsPeriod(evaluatedMonth)!;
  let metrics: DepartmentPeriodMetrics[] = [];
  const times: number[] = [];
  try {
    for (let i = 0; i <= calls; i += 1) {
      if (i === 1) Object.assign(meter, newCapacityMeter());
      const started = performance.now();
      metrics = await source.metricsFor(period, cityJurisdiction);
      if (i >= 1) times.push(performance.now() - started);
    }
  } finally {
    client.destroy();
  }
  times.sort((a, b) => a - b);
  return {
    cost: {
      readUnits: meter.readUnits / calls,
      requests: meter.requests / calls,
      milliseconds: times[Math.floor(times.length / 2)] ?? NaN,
      byTarget: logicalTargets(meter, tables, calls),
    },
    metrics,
  };
}

/** (b) The month recomputed from the stored records, as `npm run statistics:verify` runs it. */
async function measureRecompute(endpoint: string, tables: Record<TableName, string>) {
  const meter = newCapacityMeter();
  const client = clientOf(endpoint);
  // The verification builds its own document client on `client`: the meter's middleware sits on the client.
  meteredDocumentClient(client, meter);
  try {
    const started = performance.now();
    const verification = await verifyCaseStatisticsIn(client, tables, parseStatisticsPeriod(evaluatedMonth)!);
    const milliseconds = performance.now() - started;
    const cost: PathCost = { readUnits: meter.readUnits, requests: meter.requests, milliseconds, byTarget: logicalTargets(meter, tables, 1) };
    return { cost, verification };
  } finally {
    client.destroy();
  }
}

/** What the evaluation must read for each department: the metrics of the aggregate items the commits summed to. */
function expectedMetrics(aggregates: ReadonlyMap<string, Item>, departments: number): DepartmentPeriodMetrics[] {
  const byDepartment = new Map<string, Record<string, Record<string, number>>>();
  for (const item of aggregates.values()) {
    const { month, counters } = countersOfItem(item);
    const months = byDepartment.get(String(item['department'])) ?? byDepartment.set(String(item['department']), {}).get(String(item['department']))!;
    const into = (months[month] ??= {});
    for (const [counter, value] of Object.entries(counters)) into[counter] = (into[counter] ?? 0) + value;
  }
  return Array.from({ length: departments }, (_unused, n) => {
    const of = benchDepartmentOf(n);
    return metricsFromCounters(of, evaluatedMonth, summedCounters(byDepartment.get(of.department) ?? {}, [evaluatedMonth]));
  });
}

const byDepartment = (a: DepartmentPeriodMetrics, b: DepartmentPeriodMetrics) => (a.department < b.department ? -1 : 1);

/**
 * Seeds `sizes.few` then `sizes.many` records into `tables` (fresh, from `createTables`) and
 * measures both paths after each step; `beforeMeasuring` runs between seeding and measuring (a
 * test changes the stored data there to see the comparison fail).
 * @throws Error when the two paths do not give the same figures
 */
export async function measureEvaluationIn(
  endpoint: string,
  tables: Record<TableName, string>,
  sizes: EvaluationSizes,
  beforeMeasuring?: (document: DynamoDBDocumentClient) => Promise<void>,
): Promise<EvaluationResults> {
  const client = clientOf(endpoint);
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    const matters = await seedReference(document, tables.reference, sizes.departments);
    const [calendar, families] = await Promise.all([
      new CalendarProvider(new DynamoDbCalendarStore(document, tables.reference)).calendar(),
      new RecordFamilyProvider(new DynamoDbRecordKindStore(document, tables.reference)).registry(),
    ]);
    const aggregates = new Map<string, Item>();
    const deps: MonthDependencies = {
      reference: new DynamoDbReferenceReader(document, tables.reference),
      calendar,
      families,
      casesTable: tables.cases,
      aggregates,
    };
    const nextCase = new Array<number>(sizes.departments).fill(0);
    let records = 0;
    let cases = 0;
    let caseItems = 0;
    let transactions = 0;
    let aggregateUpdates = 0;
    const figures: EvaluationFigure[] = [];
    const seeding: EvaluationResults['seeding'][number][] = [];
    for (const target of [sizes.few, sizes.many]) {
      const perDepartment = Math.ceil((target - records) / sizes.departments);
      let simulateMs = 0;
      let written = 0;
      let writing: Promise<void> = Promise.resolve();
      const writeStarted = performance.now();
      for (let n = 0; n < sizes.departments; n += 1) {
        const started = performance.now();
        const month = await simulateDepartment(benchDepartmentOf(n).department, matters, nextCase[n]!, perDepartment, deps);
        simulateMs += performance.now() - started;
        nextCase[n] = month.nextCase;
        records += month.records;
        cases += month.cases;
        transactions += month.transactions;
        aggregateUpdates += month.aggregateUpdates;
        caseItems += month.caseItems.length;
        written += month.caseItems.length;
        // One department written while the next is simulated.
        await writing;
        writing = writeItems(document, tables.cases, month.caseItems);
      }
      await writing;
      const aggregateItems = [...aggregates.values()];
      await writeItems(document, tables.cases, aggregateItems);
      written += aggregateItems.length;
      await beforeMeasuring?.(document);
      seeding.push({
        records,
        simulateSeconds: simulateMs / 1000,
        writeSeconds: (performance.now() - writeStarted - simulateMs) / 1000,
        itemsWritten: written,
      });

      const evaluation = await measureAggregates(endpoint, tables, sizes.evaluations);
      const { cost: recompute, verification } = await measureRecompute(endpoint, tables);
      const expected = expectedMetrics(aggregates, sizes.departments);
      const sameMetrics = isDeepStrictEqual([...evaluation.metrics].sort(byDepartment), expected.sort(byDepartment));
      const same = sameMetrics && verification.differences.length === 0 && verification.casesRead === cases && verification.casesNotYetCounted === 0;
      figures.push({
        records,
        cases,
        departments: sizes.departments,
        caseItems,
        aggregateItems: aggregateItems.length,
        aggregates: evaluation.cost,
        recompute,
        readUnitsRatio: recompute.readUnits / evaluation.cost.readUnits,
        timeRatio: recompute.milliseconds / evaluation.cost.milliseconds,
        same,
        differences: verification.differences.length,
        casesRead: verification.casesRead,
        concludedActs: evaluation.metrics.reduce((sum, m) => sum + m.concludedActs, 0),
        signalsRaised: evaluation.metrics.reduce((sum, m) => sum + m.signalsRaised.prompt + m.signalsRaised.warning + m.signalsRaised.correction, 0),
      });
      if (!same)
        throw new Error(
          `the evaluation and the recompute disagree at ${records} records: metrics ${sameMetrics ? 'equal' : 'differ'}, ${verification.differences.length} differences (first: ${JSON.stringify(verification.differences.slice(0, 3))}), ${verification.casesRead} of ${cases} cases read, ${verification.casesNotYetCounted} not yet counted`,
        );
    }
    return { figures, seeding, aggregateUpdatesPerRecord: aggregateUpdates / records, transactionsPerRecord: transactions / records };
  } finally {
    client.destroy();
  }
}

/** The scenario on a DynamoDB Local of its own, in memory. */
export async function measureEvaluation(sizes: EvaluationSizes): Promise<EvaluationResults> {
  const dynamo = await startDynamoDbLocal({ inMemory: true });
  const client = clientOf(dynamo.endpoint);
  try {
    const tables = await createTables(client, 'bench-evaluation');
    return await measureEvaluationIn(dynamo.endpoint, tables, sizes);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
