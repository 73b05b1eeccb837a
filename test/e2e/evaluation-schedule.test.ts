/**
 * The evaluation's monthly run end to end through the local runtime: a department pushes
 * licensing records of November 2026 and the city keeps a model in force; the schedule fires at
 * 18:00 UTC on 30 November (02:00 on 1 December in Shanghai), and again as EventBridge may, twice
 * at once and once more: the city's November has exactly one version, run and audited as the
 * system. The districts of the local city keep no model: they are skipped, nothing is stored.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { auditDayPartition } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { callComplaintApi, runtimeDynamoClient, type ComplaintReply } from '../support/complaint-client.ts';
import { cityScoringModel } from '../support/evaluation-models.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let housing: DepartmentCredential;
let citySupervisor: string;

const department = 'haishu-housing';

beforeAll(async () => {
  started = await startTestRuntime('eval-schedule');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

const record = licensingRecordOf(department, 'construction-permit');
const staff = (method: string, path: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer: citySupervisor, ...(body === undefined ? {} : { body }) });

/** The audit entries written today (UTC, as the trail partitions them) about a target. */
async function auditOf(target: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  const page = await client.send(
    new QueryCommand({
      TableName: runtime.tables.audit,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': auditDayPartition(new Date().toISOString().slice(0, 10)) },
    }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

describe("the evaluation's monthly schedule", () => {
  it('evaluates the month just ended once for the city, as the system, however often it fires', async () => {
    // Prepare: a case decided in November 2026, and the city's model in force from November.
    await pushAndProcess(runtime, housing, [
      record('SCHEDULED', 1, 'received', '2026-11-02T09:00:00+08:00'),
      record('SCHEDULED', 2, 'accepted', '2026-11-02T10:00:00+08:00'),
      record('SCHEDULED', 3, 'decided', '2026-11-12T10:00:00+08:00', { outcome: 'granted' }),
    ]);
    expect((await staff('POST', '/v1/evaluation-models', cityScoringModel({ effectiveFrom: '2026-11' }))).status).toBe(201);
    const firedAt = new Date('2026-11-30T18:00:00Z');

    // Act: the firing, a duplicate at once, and a retry.
    await Promise.all([runtime.fireSchedule('evaluation-schedule', firedAt), runtime.fireSchedule('evaluation-schedule', firedAt)]);
    await runtime.fireSchedule('evaluation-schedule', firedAt);
    const listed = await staff('GET', '/v1/evaluations/city/2026-11');
    const haishu = await staff('GET', '/v1/evaluations/haishu/2026-11');
    const version = await staff('GET', '/v1/evaluations/city/2026-11/1');

    // Assess
    expect(listed.status).toBe(200);
    expect(listed.json.versions).toEqual([expect.objectContaining({ version: 1, evaluatedBy: 'system:evaluation-schedule', modelVersion: 1, approval: null })]);
    expect(version.json.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ department, concludedActs: 1, concludedWithinLegalLimit: 1 })]));
    expect(haishu.status).toBe(404);
    expect(await auditOf('evaluation:city/2026-11@v1')).toEqual([
      expect.objectContaining({ action: 'evaluation.run', outcome: 'allowed', actor: 'system:evaluation-schedule' }),
    ]);
  });
});
