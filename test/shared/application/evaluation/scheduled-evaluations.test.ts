/**
 * The monthly evaluation run by the system, against DynamoDB Local through the real SDK: the month
 * is the Shanghai month before the firing; the city and each district with a model in force get
 * one version, audited as the system; a district without a model is skipped; firing twice, at once
 * or one after the other, stores nothing more; a month already evaluated is left as it is.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbPeriodEvaluationStore } from '#shared/adapters/dynamodb/dynamodb-period-evaluation-store.ts';
import { DynamoDbScoringModelStore } from '#shared/adapters/dynamodb/dynamodb-scoring-model-store.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { StatisticsMetricsSource } from '#shared/application/evaluation/department-metrics-source.ts';
import { runEvaluation } from '#shared/application/evaluation/evaluate-periods.ts';
import { proposeScoringModel } from '#shared/application/evaluation/manage-scoring-models.ts';
import {
  monthEndedBefore,
  periodsEndedBefore,
  runScheduledEvaluations,
  scheduledEvaluationActor,
  type ScheduledEvaluationsDependencies,
} from '#shared/application/evaluation/scheduled-evaluations.ts';
import { addStatisticsCounters } from '../../../support/statistics-counters.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { cityScoringModel } from '../../../support/evaluation-models.ts';

let tables: TestTables;
let deps: ScheduledEvaluationsDependencies;
let structure: DynamoDbCityStructureRepository;
let models: DynamoDbScoringModelStore;
const now = new Date('2027-03-10T02:00:00.000Z');
const citySupervisor: StaffPrincipal = { kind: 'staff', subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' };
const supervisorOf = (jurisdiction: string): StaffPrincipal => ({ kind: 'staff', subject: 'sup-d', role: 'districtSupervisor', jurisdiction });

let counter = 0;
/** A district with its profile and one department, and a model in force from 2027-01 if asked. */
async function newDistrict(withModel: boolean): Promise<{ district: string; department: string }> {
  counter += 1;
  const district = `s${Date.now().toString(36)}${counter}`;
  const department = `${district}-housing`;
  const keeping = { version: 1, updatedAt: now.toISOString(), updatedBy: 'test' };
  await structure.putJurisdiction({ jurisdiction: district, name: `${district}区`, kind: 'district', issuingOrgan: `${district}区监察局`, ...keeping }, 0);
  await structure.putDepartment({ department, name: department, jurisdiction: district, connectedKinds: ['licensing'], ...keeping }, 0);
  if (withModel) await proposeScoringModel(supervisorOf(district), cityScoringModel({ owner: district }), { ...deps, models });
  return { district, department };
}

/** Adds counters to a department's aggregates of a month, as processing does. */
const addCounters = (department: string, month: string, counters: Record<string, number>): Promise<void> =>
  addStatisticsCounters(tables.documentClient, tables.tables.cases, department, month, counters);

async function auditOf(target: string): Promise<Record<string, unknown>[]> {
  const page = await tables.documentClient.send(
    new QueryCommand({ TableName: tables.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#2027-03-10' } }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

beforeAll(async () => {
  tables = await createTestTables();
  const { documentClient } = tables;
  structure = new DynamoDbCityStructureRepository(documentClient, tables.tables.reference);
  models = new DynamoDbScoringModelStore(documentClient, tables.tables.reference);
  deps = {
    models,
    metrics: new StatisticsMetricsSource(new DynamoDbStatisticsReader(documentClient, tables.tables.cases), structure),
    evaluations: new DynamoDbPeriodEvaluationStore(documentClient, tables.tables.reference),
    audit: new DynamoDbAuditLog(documentClient, tables.tables.audit, () => now),
    structure,
    clock: () => now,
  };
  await proposeScoringModel(citySupervisor, cityScoringModel(), { ...deps, models });
});

describe('the month a firing evaluates', () => {
  it.each([
    // 18:00 UTC on 30 November is 02:00 on 1 December in Shanghai: November has just ended.
    ['2026-11-30T18:00:00Z', '2026-11'],
    // A minute earlier it is still 30 November in Shanghai.
    ['2026-11-30T15:59:00Z', '2026-10'],
    // 02:00 on 1 January 2027 in Shanghai: December of the year before.
    ['2026-12-31T18:00:00Z', '2026-12'],
    // A retry hours later, still 1 March in Shanghai: February.
    ['2027-03-01T03:00:00Z', '2027-02'],
  ])('fired at %s evaluates %s', (firedAt, period) => {
    expect(monthEndedBefore(new Date(firedAt)).text).toBe(period);
  });

  it.each([
    ['2027-02-28T18:00:00Z', ['2027-02']],
    // 02:00 on 1 April: March, and the first quarter with it.
    ['2027-03-31T18:00:00Z', ['2027-03', '2027-Q1']],
    // 02:00 on 1 January 2027: December, the fourth quarter and the year 2026.
    ['2026-12-31T18:00:00Z', ['2026-12', '2026-Q4', '2026']],
  ])('fired at %s evaluates %j', (firedAt, periods) => {
    expect(periodsEndedBefore(new Date(firedAt)).map((period) => period.text)).toEqual(periods);
  });
});

describe('the monthly evaluation', () => {
  it('stores one version per owner with a model in force, as the system, skips a district without one, and stores nothing more when fired twice', async () => {
    // Prepare
    const withModel = await newDistrict(true);
    const withoutModel = await newDistrict(false);
    await addCounters(withModel.department, '2027-02', { timed: 2, withinLegal: 2, withinPromised: 1, workingDays: 10, legalWorkingDays: 40 });
    const firedAt = new Date('2027-02-28T18:00:00Z');

    // Act: a firing and its retry at once, then one more.
    const [first, retry] = await Promise.all([runScheduledEvaluations(firedAt, deps), runScheduledEvaluations(firedAt, deps)]);
    const again = await runScheduledEvaluations(firedAt, deps);

    // Assess
    expect(first.map((run) => run.period)).toEqual(['2027-02']);
    const outcomeOf = (runs: typeof again, owner: string) => runs[0]?.owners.find((entry) => entry.owner === owner);
    expect(outcomeOf(first, withoutModel.district)).toEqual({ owner: withoutModel.district, outcome: 'noModelInForce' });
    for (const owner of ['city', withModel.district]) {
      const { versions } = await deps.evaluations.history(owner, '2027-02');
      expect(
        versions.map((v) => [v.version, v.evaluatedBy]),
        owner,
      ).toEqual([[1, scheduledEvaluationActor]]);
      expect(await auditOf(`evaluation:${owner}/2027-02@v1`), owner).toEqual([
        expect.objectContaining({ action: 'evaluation.run', outcome: 'allowed', actor: scheduledEvaluationActor }),
      ]);
      expect(outcomeOf(again, owner), owner).toEqual({ owner, outcome: 'alreadyEvaluated' });
    }
    const newVersions = [first, retry].flatMap(
      (runs) => runs[0]?.owners.filter((entry) => entry.owner === withModel.district && entry.outcome === 'evaluated' && entry.newVersion) ?? [],
    );
    expect(newVersions).toHaveLength(1);
    expect((await deps.evaluations.history(withoutModel.district, '2027-02')).versions).toEqual([]);
  });

  it("leaves a month a supervisor has evaluated as it is, even when its inputs changed since (a new version is the supervisor's call)", async () => {
    // Prepare
    const { district, department } = await newDistrict(true);
    await addCounters(department, '2027-01', { timed: 1, withinLegal: 1, withinPromised: 1, workingDays: 5, legalWorkingDays: 20 });
    await runEvaluation(supervisorOf(district), { owner: district, period: '2027-01' }, deps);
    await addCounters(department, '2027-01', { timed: 1, withinLegal: 0, workingDays: 25, legalWorkingDays: 20 });

    // Act
    const run = await runScheduledEvaluations(new Date('2027-01-31T18:00:00Z'), deps);

    // Assess
    expect(run[0]?.owners.find((entry) => entry.owner === district)).toEqual({ owner: district, outcome: 'alreadyEvaluated' });
    const { versions } = await deps.evaluations.history(district, '2027-01');
    expect(versions.map((v) => [v.version, v.evaluatedBy])).toEqual([[1, 'districtSupervisor:sup-d']]);
  });

  it('evaluates the quarter with the month that closes it, on the months summed, once', async () => {
    // Prepare
    const { district, department } = await newDistrict(true);
    await addCounters(department, '2027-01', { timed: 1, withinLegal: 1, withinPromised: 1, workingDays: 5, legalWorkingDays: 20 });
    await addCounters(department, '2027-03', { timed: 1, withinLegal: 0, withinPromised: 0, workingDays: 25, legalWorkingDays: 20 });
    const firedAt = new Date('2027-03-31T18:00:00Z');

    // Act
    const runs = await runScheduledEvaluations(firedAt, deps);
    const again = await runScheduledEvaluations(firedAt, deps);

    // Assess
    expect(runs.map((run) => run.period)).toEqual(['2027-03', '2027-Q1']);
    expect(runs[1]?.owners.find((entry) => entry.owner === district)).toMatchObject({ outcome: 'evaluated', version: 1, newVersion: true });
    expect(again[1]?.owners.find((entry) => entry.owner === district)).toEqual({ owner: district, outcome: 'alreadyEvaluated' });
    const quarter = await deps.evaluations.history(district, '2027-Q1');
    expect(quarter.versions.map((v) => [v.version, v.evaluatedBy])).toEqual([[1, scheduledEvaluationActor]]);
    // January's act and March's, each on time or late as counted.
    expect(quarter.versions[0]?.evaluation.inputs.find((input) => input.department === department)).toMatchObject({
      concludedActs: 2,
      concludedWithinLegalLimit: 1,
      usedWorkingDays: 30,
      legalLimitWorkingDays: 40,
    });
  });
});
