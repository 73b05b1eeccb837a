/**
 * Keeping scoring model versions against DynamoDB Local through the real SDK: overlapping versions
 * refused with nothing stored, concurrent writers serialised by the conditional write, and the
 * owner's rule (the city's model for the city supervisor, a district's for its own supervisor).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbScoringModelStore } from '#shared/adapters/dynamodb/dynamodb-scoring-model-store.ts';
import {
  listScoringModels,
  OverlappingEffectivePeriods,
  proposeScoringModel,
  readScoringModel,
  ScoringModelNotFound,
  ScoringModelNotYours,
  tryScoringModel,
  type ManageScoringModelsDependencies,
} from '#shared/application/evaluation/manage-scoring-models.ts';
import { ScoringModelVersionTaken } from '#shared/application/evaluation/scoring-model-store.ts';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { InvalidInput } from '#shared/domain/refusal.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { cityScoringModel, departmentMonth } from '../../../support/evaluation-models.ts';

let tables: TestTables;
let deps: ManageScoringModelsDependencies;
let store: DynamoDbScoringModelStore;
const now = new Date('2027-03-10T02:00:00.000Z');

beforeAll(async () => {
  tables = await createTestTables();
  store = new DynamoDbScoringModelStore(tables.documentClient, tables.tables.reference);
  deps = { models: store, audit: new DynamoDbAuditLog(tables.documentClient, tables.tables.audit, () => now), clock: () => now };
});

let counter = 0;
/** A district of its own for each test, so the tests' models never meet. */
const newDistrict = () => `district-${Date.now().toString(36)}-${(counter += 1)}`;
const districtSupervisor = (jurisdiction: string): StaffPrincipal => ({ kind: 'staff', subject: 'sup-d', role: 'districtSupervisor', jurisdiction });
const citySupervisor: StaffPrincipal = { kind: 'staff', subject: 'sup-c', role: 'citySupervisor', jurisdiction: 'city' };

async function auditOf(target: string): Promise<Record<string, unknown>[]> {
  const page = await tables.documentClient.send(
    new QueryCommand({ TableName: tables.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#2027-03-10' } }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

describe('keeping scoring models', () => {
  it("stores a district's model as version 1, audited, and names it as the version in force from its first period", async () => {
    // Prepare
    const district = newDistrict();

    // Act
    const stored = await proposeScoringModel(districtSupervisor(district), cityScoringModel({ owner: district }), deps);
    const listed = await listScoringModels(districtSupervisor(district), district, undefined, deps);
    const before = await listScoringModels(districtSupervisor(district), district, '2026-12', deps);
    const read = await readScoringModel(citySupervisor, district, 1, deps);

    // Assess
    expect(stored.model).toMatchObject({ owner: district, version: 1, recordedBy: `districtSupervisor:sup-d`, recordedAt: now.toISOString() });
    expect(stored.formula.zh[2]).toContain('法定时限内办结率 × 40%');
    expect(listed).toMatchObject({ owner: district, period: '2027-03', inForceVersion: 1, versions: [{ version: 1 }] });
    expect(before.inForceVersion).toBeNull();
    expect(read.model).toEqual(stored.model);
    expect(await auditOf(`evaluation-model:${district}@v1`)).toEqual([
      expect.objectContaining({ action: 'evaluation.model.propose', outcome: 'allowed', actor: 'districtSupervisor:sup-d' }),
    ]);
  });

  it('refuses a version whose periods overlap a stored one, naming it, and stores nothing', async () => {
    // Prepare
    const district = newDistrict();
    const supervisor = districtSupervisor(district);
    await proposeScoringModel(supervisor, cityScoringModel({ owner: district, effectiveFrom: '2027-01', effectiveUntil: '2027-12' }), deps);

    // Act
    const refusal = await proposeScoringModel(supervisor, cityScoringModel({ owner: district, effectiveFrom: '2027-07', basePoints: 90 }), deps).catch(
      (e) => e,
    );

    // Assess
    expect(refusal).toBeInstanceOf(OverlappingEffectivePeriods);
    expect(refusal.detail.zh).toBe('第 1 版（2027-01 至 2027-12）已适用于其中部分月份。');
    expect(refusal.errors).toEqual([{ pointer: '/effectiveFrom', detail: { zh: '与第 1 版重叠', en: 'overlaps version 1' } }]);
    expect((await store.listVersions(district)).map((model) => model.version)).toEqual([1]);
    expect(await auditOf(`evaluation-model:${district}@v2`)).toEqual([
      expect.objectContaining({ outcome: 'refused', reason: 'overlapping-effective-periods' }),
    ]);
  });

  it('lets exactly one of several concurrent writers of overlapping versions store its version', async () => {
    // Prepare
    const district = newDistrict();
    const supervisor = districtSupervisor(district);

    // Act: five proposals for the same periods at once
    const results = await Promise.allSettled(
      [100, 101, 102, 103, 104].map((basePoints) => proposeScoringModel(supervisor, cityScoringModel({ owner: district, basePoints }), deps)),
    );

    // Assess
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason)).toEqual(
      Array.from({ length: 4 }, () => expect.any(OverlappingEffectivePeriods)),
    );
    const stored = await store.listVersions(district);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.basePoints).toBe(
      (results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<{ model: { basePoints: number } }>).value.model.basePoints,
    );
  });

  it('stores concurrent versions that do not overlap, each under its own number', async () => {
    // Prepare
    const district = newDistrict();
    const supervisor = districtSupervisor(district);
    const years = ['2027', '2028', '2029'];

    // Act
    const results = await Promise.all(
      years.map((year) =>
        proposeScoringModel(supervisor, cityScoringModel({ owner: district, effectiveFrom: `${year}-01`, effectiveUntil: `${year}-12` }), deps),
      ),
    );

    // Assess
    expect(results.map((result) => result.model.version).sort()).toEqual([1, 2, 3]);
    expect((await store.listVersions(district)).map((model) => [model.version, model.effectiveFrom])).toHaveLength(3);
  });

  it("refuses a district supervisor another district's model and the city's, and the city supervisor a district's, before looking at the model", async () => {
    // Prepare
    const district = newDistrict();
    const other = newDistrict();

    // Act
    const refusals = await Promise.all([
      proposeScoringModel(districtSupervisor(district), { ...cityScoringModel({ owner: other }), basePoints: -1 }, deps).catch((e) => e),
      proposeScoringModel(districtSupervisor(district), cityScoringModel({ owner: 'city' }), deps).catch((e) => e),
      proposeScoringModel(citySupervisor, cityScoringModel({ owner: district }), deps).catch((e) => e),
    ]);

    // Assess
    expect(refusals).toEqual([expect.any(ScoringModelNotYours), expect.any(ScoringModelNotYours), expect.any(ScoringModelNotYours)]);
    expect(await store.listVersions(other)).toEqual([]);
    expect(await store.listVersions(district)).toEqual([]);
    expect(await auditOf(`evaluation-model:${other}`)).toEqual([expect.objectContaining({ outcome: 'denied', actor: `districtSupervisor:sup-d` })]);
  });

  it('tries a stored version on sample metrics, refusing a period the version does not apply to', async () => {
    // Prepare
    const district = newDistrict();
    const supervisor = districtSupervisor(district);
    await proposeScoringModel(supervisor, cityScoringModel({ owner: district, effectiveUntil: '2027-12' }), deps);
    const month = (department: string, overrides = {}) => departmentMonth({ department, jurisdiction: district, ...overrides });

    // Act
    const trial = await tryScoringModel(supervisor, district, 1, [month('b-dept'), month('a-dept'), month('c-dept', { recordsLateOrIncomplete: 0 })], deps);
    const outside = await tryScoringModel(supervisor, district, 1, [month('a-dept', { period: '2028-01' })], deps).catch((e) => e);

    // Assess
    expect(trial.results.map((result) => [result.department, result.total, result.cityRank, result.jurisdictionRank])).toEqual([
      ['c-dept', 81.7, 1, 1], // 80.95 + 0.75 of data not deducted
      ['a-dept', 80.95, 2, 2],
      ['b-dept', 80.95, 2, 2],
    ]);
    expect(outside).toBeInstanceOf(InvalidInput);
    expect(outside.errors).toEqual([
      { pointer: '/departments/0/period', detail: expect.objectContaining({ zh: expect.stringContaining('不适用于 2028-01') }) },
    ]);
  });
});

describe('reading and trying scoring models', () => {
  it("lets a district supervisor read its own model and the city's, and answers another district's as not found", async () => {
    // Prepare
    const district = newDistrict();
    const other = newDistrict();
    await proposeScoringModel(districtSupervisor(other), cityScoringModel({ owner: other }), deps);
    await proposeScoringModel(districtSupervisor(district), cityScoringModel({ owner: district }), deps);

    // Act
    const own = await readScoringModel(districtSupervisor(district), district, 1, deps);
    const city = await listScoringModels(districtSupervisor(district), 'city', '2027-01', deps);
    const others = await Promise.all([
      readScoringModel(districtSupervisor(district), other, 1, deps).catch((e) => e),
      listScoringModels(districtSupervisor(district), other, undefined, deps).catch((e) => e),
      tryScoringModel(districtSupervisor(district), other, 1, [departmentMonth({ jurisdiction: other })], deps).catch((e) => e),
    ]);

    // Assess
    expect(own.model.owner).toBe(district);
    expect(city.owner).toBe('city');
    expect(others).toEqual([expect.any(ScoringModelNotFound), expect.any(ScoringModelNotFound), expect.any(ScoringModelNotFound)]);
  });

  it("refuses a trial of a district's model on another jurisdiction's department or on one department twice, naming each", async () => {
    // Prepare
    const district = newDistrict();
    await proposeScoringModel(districtSupervisor(district), cityScoringModel({ owner: district }), deps);

    // Act
    const refusal = await tryScoringModel(
      districtSupervisor(district),
      district,
      1,
      [departmentMonth({ department: 'a-dept', jurisdiction: district }), departmentMonth({ department: 'a-dept', jurisdiction: 'yinzhou' })],
      deps,
    ).catch((e) => e);

    // Assess
    expect(refusal).toBeInstanceOf(InvalidInput);
    expect(refusal.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/departments/1/jurisdiction', '/departments/1/department']);
  });
});

describe('the DynamoDB scoring model store', () => {
  it('never overwrites a stored version', async () => {
    // Prepare
    const owner = newDistrict();
    const model = { ...cityScoringModel({ owner }), version: 1, recordedAt: now.toISOString(), recordedBy: 'districtSupervisor:sup-d' };
    await store.addVersion(model);

    // Act
    const again = await store.addVersion({ ...model, basePoints: 50 }).catch((e) => e);

    // Assess
    expect(again).toBeInstanceOf(ScoringModelVersionTaken);
    expect((await store.version(owner, 1))?.basePoints).toBe(100);
  });
});
