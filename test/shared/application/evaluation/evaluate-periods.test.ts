/**
 * A month's evaluation against DynamoDB Local through the real SDK, from real statistics
 * aggregates and department profiles: a re-run with unchanged inputs stores nothing; changed
 * inputs make version 2; concurrent runs store one version; approval publishes a version and a
 * later approval corrects it; refusals store nothing.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbPeriodEvaluationStore, periodEvaluationPk } from '#shared/adapters/dynamodb/dynamodb-period-evaluation-store.ts';
import { DynamoDbScoringModelStore } from '#shared/adapters/dynamodb/dynamodb-scoring-model-store.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { StatisticsMetricsSource } from '#shared/application/evaluation/department-metrics-source.ts';
import {
  approveEvaluation,
  EvaluationNotFound,
  EvaluationNotYours,
  listEvaluations,
  NoModelInForce,
  readPublishedEvaluation,
  runEvaluation,
  type EvaluatePeriodsDependencies,
} from '#shared/application/evaluation/evaluate-periods.ts';
import { proposeScoringModel } from '#shared/application/evaluation/manage-scoring-models.ts';
import { InvalidInput } from '#shared/domain/refusal.ts';
import { addStatisticsCounters } from '../../../support/statistics-counters.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { cityScoringModel } from '../../../support/evaluation-models.ts';

let tables: TestTables;
let deps: EvaluatePeriodsDependencies;
let structure: DynamoDbCityStructureRepository;
let models: DynamoDbScoringModelStore;
const now = new Date('2027-03-10T02:00:00.000Z');

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
    clock: () => now,
  };
});

let counter = 0;
const supervisorOf = (jurisdiction: string): StaffPrincipal => ({ kind: 'staff', subject: 'sup-d', role: 'districtSupervisor', jurisdiction });

/** A district of its own with two departments and a model in force from 2027-01 (or the versions given). */
async function newDistrict(
  modelVersions: Parameters<typeof cityScoringModel>[0][] = [{}],
): Promise<{ district: string; supervisor: StaffPrincipal; departments: [string, string] }> {
  counter += 1;
  const district = `d${Date.now().toString(36)}${counter}`;
  const departments: [string, string] = [`${district}-housing`, `${district}-transport`];
  for (const department of departments) {
    await structure.putDepartment(
      { department, name: department, jurisdiction: district, connectedKinds: ['licensing'], version: 1, updatedAt: now.toISOString(), updatedBy: 'test' },
      0,
    );
  }
  const supervisor = supervisorOf(district);
  for (const model of modelVersions) await proposeScoringModel(supervisor, cityScoringModel({ ...model, owner: district }), { ...deps, models });
  return { district, supervisor, departments };
}

/** Adds counters to a department's aggregates of a month, as processing does. */
const addCounters = (department: string, month: string, counters: Record<string, number>): Promise<void> =>
  addStatisticsCounters(tables.documentClient, tables.tables.cases, department, month, counters);

async function storedVersions(owner: string, period: string): Promise<number> {
  const page = await tables.documentClient.send(
    new QueryCommand({
      TableName: tables.tables.reference,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': periodEvaluationPk(owner, period) },
    }),
  );
  return page.Items?.length ?? 0;
}

async function auditOf(target: string): Promise<Record<string, unknown>[]> {
  const page = await tables.documentClient.send(
    new QueryCommand({ TableName: tables.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#2027-03-10' } }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

describe("a period's evaluation", () => {
  it('stores version 1, answers it again with nothing stored when the inputs are unchanged, and stores version 2 when they change', async () => {
    // Prepare
    const { district, supervisor, departments } = await newDistrict();
    await addCounters(departments[0], '2027-02', { timed: 4, withinLegal: 4, withinPromised: 2, early: 1, workingDays: 20, legalWorkingDays: 80 });

    // Act
    const first = await runEvaluation(supervisor, { owner: district, period: '2027-02' }, deps);
    const again = await runEvaluation(supervisor, { owner: district, period: '2027-02' }, deps);
    await addCounters(departments[1], '2027-02', { timed: 1, withinLegal: 0, withinPromised: 0, workingDays: 30, legalWorkingDays: 20, signalsWarning: 1 });
    const changed = await runEvaluation(supervisor, { owner: district, period: '2027-02' }, deps);

    // Assess
    expect(first).toMatchObject({ newVersion: true, stored: { version: 1 } });
    expect(again).toMatchObject({ newVersion: false, stored: { version: 1 } });
    expect(again.stored.evaluation.inputsDigest).toBe(first.stored.evaluation.inputsDigest);
    expect(again.stored.evaluation.results).toEqual(first.stored.evaluation.results);
    expect(changed).toMatchObject({ newVersion: true, stored: { version: 2 } });
    expect(changed.stored.evaluation.inputsDigest).not.toBe(first.stored.evaluation.inputsDigest);
    expect(await storedVersions(district, '2027-02')).toBe(2);
    // Housing: 40 + 30 × 2/4 + 10 × 60/80 + 20 (no signal to correct: fully met) + 0.1 × 25 = 40 + 15 + 7.5 + 20 + 2.5.
    expect(first.stored.evaluation.results.map((r) => [r.department, r.total, r.cityRank])).toEqual([
      [departments[1], 100, 1], // no activity: every share over nothing is met
      [departments[0], 85, 2],
    ]);
    expect(first.stored.unmeasuredInputs).toEqual([]);
  });

  it('scores the signals answered in time: half of the warnings corrected or explained in time is half the dimension', async () => {
    // Prepare: two acts within both limits, 10 of 40 statutory working days used; two warnings, one answered in time.
    const { district, supervisor, departments } = await newDistrict();
    await addCounters(departments[0], '2027-02', {
      timed: 2,
      withinLegal: 2,
      withinPromised: 2,
      workingDays: 10,
      legalWorkingDays: 40,
      signalsWarning: 2,
      toCorrect: 2,
      answeredInTime: 1,
    });

    // Act
    const { stored } = await runEvaluation(supervisor, { owner: district, period: '2027-02' }, deps);

    // Assess: 40 + 30 + 10 × 30/40 + 20 × 1/2 − 2 × 5 (two warnings) = 77.5.
    expect(stored.evaluation.inputs.find((input) => input.department === departments[0])).toMatchObject({ signalsToCorrect: 2, signalsCorrected: 1 });
    expect(stored.evaluation.results.find((result) => result.department === departments[0])?.total).toBe(77.5);
    expect(stored.unmeasuredInputs).not.toContain('signalsCorrected');
  });

  it('stores one version for concurrent runs of the same inputs', async () => {
    // Prepare
    const { district, supervisor, departments } = await newDistrict();
    await addCounters(departments[0], '2027-02', { timed: 2, withinLegal: 2, withinPromised: 2, workingDays: 10, legalWorkingDays: 40 });

    // Act
    const runs = await Promise.all(Array.from({ length: 4 }, () => runEvaluation(supervisor, { owner: district, period: '2027-02' }, deps)));

    // Assess
    expect(runs.map((run) => run.stored.version)).toEqual([1, 1, 1, 1]);
    expect(runs.filter((run) => run.newVersion)).toHaveLength(1);
    expect(await storedVersions(district, '2027-02')).toBe(1);
  });

  it('publishes nothing before approval, then the approved version, and a later approved version as correcting it', async () => {
    // Prepare
    const { district, supervisor, departments } = await newDistrict();
    await addCounters(departments[0], '2027-01', { timed: 1, withinLegal: 1, withinPromised: 1, workingDays: 5, legalWorkingDays: 20 });
    await runEvaluation(supervisor, { owner: district, period: '2027-01' }, deps);

    // Act
    const before = await readPublishedEvaluation(district, '2027-01', deps).catch((e) => e);
    const approved = await approveEvaluation(supervisor, district, '2027-01', 1, deps);
    const approvedAgain = await approveEvaluation(supervisor, district, '2027-01', 1, deps);
    const published = await readPublishedEvaluation(district, '2027-01', deps);
    await addCounters(departments[1], '2027-01', { timed: 1, withinLegal: 0, workingDays: 25, legalWorkingDays: 20 });
    await runEvaluation(supervisor, { owner: district, period: '2027-01' }, deps);
    const stillFirst = await readPublishedEvaluation(district, '2027-01', deps);
    await approveEvaluation(supervisor, district, '2027-01', 2, deps);
    const corrected = await readPublishedEvaluation(district, '2027-01', deps);
    const listed = await listEvaluations(supervisor, district, '2027-01', deps);

    // Assess
    expect(before).toBeInstanceOf(EvaluationNotFound);
    expect(approved.approval).toEqual({ version: 1, approvedAt: now.toISOString(), approvedBy: 'districtSupervisor:sup-d' });
    expect(approvedAgain.approval).toEqual(approved.approval);
    expect(published.published.stored.version).toBe(1);
    expect(published.superseded).toEqual([]);
    expect(stillFirst.published.stored.version).toBe(1);
    expect(corrected.published.stored.version).toBe(2);
    expect(corrected.superseded).toEqual([approved.approval]);
    expect(await auditOf(`evaluation:${district}/2027-01@v1`)).toEqual([
      expect.objectContaining({ action: 'evaluation.run', outcome: 'allowed', actor: 'districtSupervisor:sup-d' }),
      expect.objectContaining({ action: 'evaluation.approve', outcome: 'allowed', actor: 'districtSupervisor:sup-d' }),
    ]);
    expect(listed.versions.map((v) => [v.version, v.approval?.version ?? null])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('answers the approval of an unknown version with 404 and publishes nothing', async () => {
    // Prepare
    const { district, supervisor } = await newDistrict();

    // Act
    const refusal = await approveEvaluation(supervisor, district, '2027-02', 3, deps).catch((e) => e);

    // Assess
    expect(refusal).toBeInstanceOf(EvaluationNotFound);
    expect(await readPublishedEvaluation(district, '2027-02', deps).catch((e) => e)).toBeInstanceOf(EvaluationNotFound);
  });

  it("refuses another district's evaluation (403), a month not ended and a malformed one (400, each named), a month without a model (422); stores nothing", async () => {
    // Prepare
    const { district } = await newDistrict();
    const other = await newDistrict();

    // Act
    const notYours = await runEvaluation(other.supervisor, { owner: district, period: '2027-02' }, deps).catch((e) => e);
    const notEnded = await runEvaluation(other.supervisor, { owner: other.district, period: '2027-03' }, deps).catch((e) => e);
    const malformed = await runEvaluation(other.supervisor, { owner: other.district, period: '2027-13', extra: 1 }, deps).catch((e) => e);
    const noModel = await runEvaluation(other.supervisor, { owner: other.district, period: '2026-12' }, deps).catch((e) => e);
    const approveOther = await approveEvaluation(other.supervisor, district, '2027-02', 1, deps).catch((e) => e);

    // Assess
    expect(notYours).toBeInstanceOf(EvaluationNotYours);
    expect(await auditOf(`evaluation:${district}/2027-02`)).toEqual([
      expect.objectContaining({ action: 'evaluation.run', outcome: 'denied', actor: 'districtSupervisor:sup-d', reason: 'not the owner' }),
    ]);
    expect(approveOther).toBeInstanceOf(EvaluationNotYours);
    expect(notEnded).toBeInstanceOf(InvalidInput);
    expect(notEnded.errors).toEqual([{ pointer: '/period', detail: expect.objectContaining({ zh: expect.stringContaining('2027-03 尚未结束') }) }]);
    expect(malformed).toBeInstanceOf(InvalidInput);
    expect(malformed.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/period', '/extra']);
    expect(noModel).toBeInstanceOf(NoModelInForce);
    expect(noModel.detail.zh).toContain('2026-12');
    for (const [owner, period] of [
      [district, '2027-02'],
      [other.district, '2027-03'],
      [other.district, '2026-12'],
    ] as const)
      expect(await storedVersions(owner, period)).toBe(0);
  });

  it('evaluates a quarter that has ended on its months summed, under the one version in force for all of them', async () => {
    // Prepare
    const { district, supervisor, departments } = await newDistrict();
    await addCounters(departments[0], '2027-01', { timed: 1, withinLegal: 1, withinPromised: 1, workingDays: 5, legalWorkingDays: 20 });
    await addCounters(departments[0], '2027-02', { timed: 1, workingDays: 25, legalWorkingDays: 20 });
    await addCounters(departments[0], '2027-04', { timed: 9, withinLegal: 9 });
    const inApril = { ...deps, clock: () => new Date('2027-04-02T02:00:00.000Z') };

    // Act
    const quarter = await runEvaluation(supervisor, { owner: district, period: '2027-Q1' }, inApril);
    const year = await runEvaluation(supervisor, { owner: district, period: '2027' }, inApril).catch((e) => e);

    // Assess: 2 acts, 1 within both limits, 30 of 40 working days: 40 × 1/2 + 30 × 1/2 + 10 × 10/40 + 20 = 57.5.
    expect(quarter.stored.evaluation.period).toBe('2027-Q1');
    expect(quarter.stored.evaluation.inputs.find((i) => i.department === departments[0])).toMatchObject({
      period: '2027-Q1',
      concludedActs: 2,
      concludedWithinLegalLimit: 1,
      usedWorkingDays: 30,
      legalLimitWorkingDays: 40,
    });
    expect(quarter.stored.evaluation.results.find((r) => r.department === departments[0])).toMatchObject({ total: 57.5, grade: 'fail' });
    expect(year).toBeInstanceOf(InvalidInput);
    expect(year.errors[0].detail.zh).toContain('2027 尚未结束');
  });

  it('refuses a quarter whose months fall under two versions with 422, naming them, and stores nothing', async () => {
    // Prepare
    const { district, supervisor } = await newDistrict([{ effectiveFrom: '2027-01', effectiveUntil: '2027-01' }, { effectiveFrom: '2027-02' }]);
    const inApril = { ...deps, clock: () => new Date('2027-04-02T02:00:00.000Z') };

    // Act
    const refusal = await runEvaluation(supervisor, { owner: district, period: '2027-Q1' }, inApril).catch((e) => e);

    // Assess
    expect(refusal).toBeInstanceOf(NoModelInForce);
    expect(refusal.errors[0].detail.zh).toContain('2027-Q1 的月份分属评估模型第 1、2 版');
    expect(await storedVersions(district, '2027-Q1')).toBe(0);
  });
});
