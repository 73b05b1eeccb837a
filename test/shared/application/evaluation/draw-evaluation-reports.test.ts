/**
 * Drawing the reports of a stored evaluation against DynamoDB Local through the real SDK: the
 * version as the store keeps it, names from the stored city structure, the audit trail. Who may
 * read which report, and what a refused caller learns.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbPeriodEvaluationStore } from '#shared/adapters/dynamodb/dynamodb-period-evaluation-store.ts';
import { drawEvaluationReport, type EvaluationReportDependencies } from '#shared/application/evaluation/draw-evaluation-reports.ts';
import { EvaluationNotFound, EvaluationNotYours } from '#shared/application/evaluation/evaluate-periods.ts';
import type { StoredPeriodEvaluation } from '#shared/application/evaluation/period-evaluation-store.ts';
import { RoleNotPermitted } from '#shared/domain/access-refusals.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { januaryEvaluation } from '../../../support/evaluation-snapshots.ts';

let tables: TestTables;
let deps: EvaluationReportDependencies;
let store: DynamoDbPeriodEvaluationStore;
const now = new Date('2027-02-10T02:00:00.000Z');

const staff = (role: StaffPrincipal['role'], jurisdiction: string, department?: string): StaffPrincipal => ({
  kind: 'staff',
  subject: `${role}-1`,
  role,
  jurisdiction,
  ...(department === undefined ? {} : { department }),
});
const citySupervisor = staff('citySupervisor', 'city');
const haishuSupervisor = staff('districtSupervisor', 'haishu');
const yinzhouSupervisor = staff('districtSupervisor', 'yinzhou');
const transportLiaison = staff('departmentLiaison', 'haishu', 'haishu-transport');

/** Haishu's own evaluation of January 2027: version 1 approved, version 2 not. */
const stored = (version: number): StoredPeriodEvaluation => ({
  version,
  evaluation: januaryEvaluation('haishu'),
  unmeasuredInputs: [],
  evaluatedAt: '2027-02-02T02:15:00.000Z',
  evaluatedBy: 'districtSupervisor:districtSupervisor-1',
});

beforeAll(async () => {
  tables = await createTestTables();
  const { documentClient } = tables;
  const structure = new DynamoDbCityStructureRepository(documentClient, tables.tables.reference);
  store = new DynamoDbPeriodEvaluationStore(documentClient, tables.tables.reference);
  deps = { evaluations: store, structure, audit: new DynamoDbAuditLog(documentClient, tables.tables.audit, () => now) };
  const keeping = { version: 1, updatedAt: now.toISOString(), updatedBy: 'test' };
  await structure.putJurisdiction({ jurisdiction: 'haishu', name: '海曙区', kind: 'district', issuingOrgan: '宁波市海曙区监察委员会', ...keeping }, 0);
  for (const [department, name] of [
    ['haishu-housing', '海曙区住房和城乡建设局'],
    ['haishu-transport', '海曙区交通运输局'],
  ] as const) {
    await structure.putDepartment({ department, name, jurisdiction: 'haishu', connectedKinds: ['licensing'], ...keeping }, 0);
  }
  await store.addVersion('haishu', '2027-01', stored(1));
  await store.addVersion('haishu', '2027-01', stored(2));
  await store.approve('haishu', '2027-01', {
    stored: stored(1),
    approval: { version: 1, approvedAt: '2027-02-03T01:30:00.000Z', approvedBy: 'districtSupervisor:x' },
  });
});

async function auditOf(target: string): Promise<Record<string, unknown>[]> {
  const page = await tables.documentClient.send(
    new QueryCommand({ TableName: tables.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#2027-02-10' } }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

describe('the report to the government', () => {
  it("is drawn from the stored version for the district's supervisor, named from the city structure, and audited as an export", async () => {
    // Act
    const report = await drawEvaluationReport(haishuSupervisor, { owner: 'haishu', period: '2027-01', version: 2 }, deps);

    // Assess
    expect(report).toMatchObject({ audience: 'government', ownerName: '海曙区', version: 2, approvedAt: null, title: { zh: '海曙区2027年1月效能评估报告' } });
    expect(report.departments.map((row) => [row.departmentName, row.total, row.rank])).toEqual([
      ['海曙区住房和城乡建设局', 80.95, 1],
      ['海曙区交通运输局', 23.67, 2],
    ]);
    expect(await auditOf('evaluation:haishu/2027-01@v2')).toEqual([
      expect.objectContaining({ action: 'evaluation.report', outcome: 'allowed', actor: 'districtSupervisor:districtSupervisor-1' }),
    ]);
  });

  it("is the city supervisor's to read too, and another district's supervisor is refused, audited", async () => {
    // Act
    const city = await drawEvaluationReport(citySupervisor, { owner: 'haishu', period: '2027-01', version: 1 }, deps);
    const refused = await drawEvaluationReport(yinzhouSupervisor, { owner: 'haishu', period: '2027-01', version: 1 }, deps).catch((error: unknown) => error);

    // Assess
    expect(city.approvedAt).toBe('2027-02-03T01:30:00.000Z');
    expect(refused).toBeInstanceOf(EvaluationNotYours);
    expect((refused as EvaluationNotYours).errors).toEqual([expect.objectContaining({ pointer: '/path/owner' })]);
    expect(await auditOf('evaluation:haishu/2027-01@v1')).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'denied', actor: 'districtSupervisor:districtSupervisor-1', reason: 'not in scope' })]),
    );
  });

  it('answers a version not stored, or a period never evaluated, as not found', async () => {
    // Act
    const outcomes = await Promise.all([
      drawEvaluationReport(haishuSupervisor, { owner: 'haishu', period: '2027-01', version: 3 }, deps).catch((error: unknown) => error),
      drawEvaluationReport(haishuSupervisor, { owner: 'haishu', period: '2026-12', version: 1 }, deps).catch((error: unknown) => error),
    ]);

    // Assess
    expect(outcomes.map((outcome) => outcome instanceof EvaluationNotFound)).toEqual([true, true]);
  });
});

describe("a department's report", () => {
  it("is its liaison's own, named or not, of an approved version only", async () => {
    // Act
    const unnamed = await drawEvaluationReport(transportLiaison, { owner: 'haishu', period: '2027-01', version: 1 }, deps);
    const named = await drawEvaluationReport(transportLiaison, { owner: 'haishu', period: '2027-01', version: 1, department: 'haishu-transport' }, deps);
    const unapproved = await drawEvaluationReport(transportLiaison, { owner: 'haishu', period: '2027-01', version: 2 }, deps).catch((error: unknown) => error);

    // Assess
    expect(unnamed).toEqual(named);
    expect(unnamed.departments.map((row) => [row.department, row.total, row.rank, row.jurisdictionRank])).toEqual([['haishu-transport', 23.67, 2, 2]]);
    expect(unapproved).toBeInstanceOf(EvaluationNotFound);
    expect((unapproved as EvaluationNotFound).detail?.zh).toContain('部门只能查阅已批准版本的报告');
    expect(await auditOf('evaluation:haishu/2027-01@v1#haishu-transport')).toHaveLength(2);
  });

  it("refuses a liaison another department's report before reading anything, and audits it", async () => {
    // Act
    const refused = await drawEvaluationReport(transportLiaison, { owner: 'haishu', period: '2027-01', version: 9, department: 'haishu-housing' }, deps).catch(
      (error: unknown) => error,
    );

    // Assess: version 9 does not exist; the refusal of scope comes first and says nothing of it.
    expect(refused).toBeInstanceOf(EvaluationNotYours);
    expect((refused as EvaluationNotYours).errors).toEqual([expect.objectContaining({ pointer: '/query/department' })]);
    expect(await auditOf('evaluation:haishu/2027-01@v9#haishu-housing')).toEqual([
      expect.objectContaining({ outcome: 'denied', actor: 'departmentLiaison:departmentLiaison-1' }),
    ]);
  });

  it('is none for a department the version did not evaluate, naming the parameter', async () => {
    // Act
    const refused = await drawEvaluationReport(citySupervisor, { owner: 'haishu', period: '2027-01', version: 1, department: 'city-market' }, deps).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(refused).toBeInstanceOf(EvaluationNotFound);
    expect((refused as EvaluationNotFound).errors).toEqual([expect.objectContaining({ pointer: '/query/department' })]);
  });

  it('is no report at all for a role that reads no evaluation', async () => {
    // Act
    const refused = await drawEvaluationReport(staff('auditor', 'city'), { owner: 'haishu', period: '2027-01', version: 1 }, deps).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(refused).toBeInstanceOf(RoleNotPermitted);
  });
});
