/**
 * Supervisors keep the efficiency evaluation's scoring models through the API (Art. 20-22, 25):
 * the city supervisor the city's, a district supervisor its own district's; versions are dated,
 * immutable and published with their formula in words; a model is tried on sample metrics before
 * any statistics exist. Bad input is refused whole, naming every problem, storing nothing.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, type ApiReply } from '../support/local-api-client.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { cityScoringModel, departmentMonth } from '../support/evaluation-models.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let haishuSupervisor: string;
let liaison: string;

beforeAll(async () => {
  started = await startTestRuntime('evaluation');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'supervisor-c', role: 'citySupervisor', jurisdiction: 'city' });
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'supervisor-h', role: 'districtSupervisor', jurisdiction: 'haishu' });
  liaison = await runtime.mintStaffToken({
    subject: 'liaison-1',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
});

afterAll(async () => {
  await started?.dispose();
});

async function bearerPost(token: string, path: string, body: unknown): Promise<ApiReply> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

const versionsOf = async (owner: string): Promise<{ version: number; basePoints: number }[]> =>
  (await bearerGet(runtime.apiUrl, `/v1/evaluation-models?owner=${owner}`, citySupervisor)).json.versions;

async function auditEntries(target: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint }));
  const day = new Date().toISOString().slice(0, 10);
  const page = await client.send(
    new QueryCommand({ TableName: runtime.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${day}` } }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

describe('scoring models', () => {
  it("lets the city supervisor create the city's model, read it with its formula in words, and try it on sample metrics", async () => {
    // Act
    const created = await bearerPost(citySupervisor, '/v1/evaluation-models', cityScoringModel({ effectiveFrom: '2027-01', effectiveUntil: '2027-12' }));
    const read = await bearerGet(runtime.apiUrl, '/v1/evaluation-models/city/1', citySupervisor);
    const listed = await bearerGet(runtime.apiUrl, '/v1/evaluation-models?owner=city&period=2027-06', citySupervisor);
    const trial = await bearerPost(citySupervisor, '/v1/evaluation-models/city/1/trial', {
      departments: [
        departmentMonth({ department: 'haishu-housing', jurisdiction: 'haishu' }),
        departmentMonth({
          department: 'yinzhou-transport',
          jurisdiction: 'yinzhou',
          signalsRaised: { prompt: 0, warning: 0, correction: 0 },
          signalsToCorrect: 0,
          signalsCorrected: 0,
        }),
        departmentMonth({ department: 'haishu-market-regulation', jurisdiction: 'haishu', recordsLateOrIncomplete: 400, concludedEarly: 0 }),
      ],
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.json.model).toMatchObject({
      owner: 'city',
      version: 1,
      effectiveFrom: '2027-01',
      effectiveUntil: '2027-12',
      recordedBy: 'citySupervisor:supervisor-c',
    });
    expect(read.status).toBe(200);
    expect(read.json.model).toEqual(created.json.model);
    expect(read.json.formula.zh).toContain('每条提示信号扣 3 分，每条警戒信号扣 5 分，每条纠错信号扣 10 分。');
    expect(read.json.formula.zh).toContain('等级：90 分及以上为优秀；80 分及以上、不足 90 分为良好；60 分及以上、不足 80 分为合格；不足 60 分为不合格。');
    expect(listed.json).toMatchObject({ owner: 'city', period: '2027-06', inForceVersion: 1 });
    expect(trial.status).toBe(200);
    expect(trial.json.results.map((r: Record<string, unknown>) => [r['department'], r['total'], r['grade'], r['cityRank'], r['jurisdictionRank']])).toEqual([
      ['yinzhou-transport', 91.95, 'excellent', 1, 1], // 80.95 + 11 of signals not deducted
      ['haishu-housing', 80.95, 'good', 2, 1],
      ['haishu-market-regulation', 70.2, 'pass', 3, 2], // 91.2 − 11 − 10 (the data cap) + 0 bonus
    ]);
    expect(await auditEntries('evaluation-model:city@v1')).toEqual([
      expect.objectContaining({ action: 'evaluation.model.propose', outcome: 'allowed', actor: 'citySupervisor:supervisor-c' }),
    ]);
  });

  it("lets a district supervisor create its district's model, and refuses it another district's and the city's with 403", async () => {
    // Act
    const own = await bearerPost(haishuSupervisor, '/v1/evaluation-models', cityScoringModel({ owner: 'haishu', name: '海曙区部门效能评估办法' }));
    const other = await bearerPost(haishuSupervisor, '/v1/evaluation-models', cityScoringModel({ owner: 'yinzhou', effectiveFrom: '2030-01' }));
    const city = await bearerPost(haishuSupervisor, '/v1/evaluation-models', cityScoringModel({ owner: 'city', effectiveFrom: '2030-01' }));
    const readOther = await bearerGet(runtime.apiUrl, '/v1/evaluation-models?owner=yinzhou', haishuSupervisor);

    // Assess
    expect(own.status).toBe(201);
    expect(own.json.formula.zh[0]).toBe('海曙区部门效能评估办法（haishu 辖区）。');
    expect([other.status, city.status]).toEqual([403, 403]);
    expect(other.json.errors).toEqual([{ pointer: '/owner', detail: '无权维护 yinzhou 的评估模型' }]);
    expect(readOther.status).toBe(404);
    expect(await versionsOf('yinzhou')).toEqual([]);
    expect((await versionsOf('city')).map((v) => v.version)).toEqual([1]);
    expect(await auditEntries('evaluation-model:yinzhou')).toEqual([expect.objectContaining({ outcome: 'denied', actor: 'districtSupervisor:supervisor-h' })]);
  });

  it('refuses a department liaison with 403, writing or reading', async () => {
    // Act
    const write = await bearerPost(liaison, '/v1/evaluation-models', cityScoringModel({ owner: 'haishu', effectiveFrom: '2031-01' }));
    const read = await bearerGet(runtime.apiUrl, '/v1/evaluation-models?owner=haishu', liaison);

    // Assess
    expect([write.status, read.status]).toEqual([403, 403]);
    expect((await versionsOf('haishu')).map((v) => v.version)).toEqual([1]);
  });

  it('refuses a bad model with 400 naming every problem at once, and stores nothing', async () => {
    // Act
    const reply = await bearerPost(citySupervisor, '/v1/evaluation-models', {
      ...cityScoringModel({ effectiveFrom: '2029-13' }),
      dimensions: [
        { metric: 'legalLimitOnTimeRate', weight: 50 },
        { metric: 'promisedLimitOnTimeRate', weight: 30 },
      ],
      grades: [
        { grade: 'excellent', minimum: 90 },
        { grade: 'good', minimum: 95 },
        { grade: 'pass', minimum: 60 },
        { grade: 'fail', minimum: 0 },
      ],
    });

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/effectiveFrom', detail: expect.stringContaining('YYYY-MM') },
        { pointer: '/dimensions', detail: '各维度权重之和应为 100，现为 80' },
        { pointer: '/grades/1/minimum', detail: '应低于上一等级的下限 90，否则两个等级重叠' },
      ]),
    );
    expect(reply.json.errors).toHaveLength(3);
    expect((await versionsOf('city')).map((v) => v.version)).toEqual([1]);
  });

  it('refuses a version overlapping a stored one with 409 naming it, and stores nothing', async () => {
    // Act
    const reply = await bearerPost(citySupervisor, '/v1/evaluation-models', cityScoringModel({ effectiveFrom: '2027-10', basePoints: 90 }));

    // Assess
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({
      type: expect.stringContaining('overlapping-effective-periods'),
      detail: '第 1 版（2027-01 至 2027-12）已适用于其中部分月份。',
    });
    expect((await versionsOf('city')).map((v) => v.version)).toEqual([1]);
  });

  it('answers an unknown period or version with 400 and 404, and a trial outside the version with 400 naming the period', async () => {
    // Act
    const badPeriod = await bearerGet(runtime.apiUrl, '/v1/evaluation-models?owner=city&period=2027-00', citySupervisor);
    const missing = await bearerGet(runtime.apiUrl, '/v1/evaluation-models/city/9', citySupervisor);
    const outside = await bearerPost(citySupervisor, '/v1/evaluation-models/city/1/trial', { departments: [departmentMonth({ period: '2028-01' })] });

    // Assess
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.json.errors).toEqual([{ pointer: '/query/period', detail: expect.stringContaining('YYYY-MM') }]);
    expect(missing.status).toBe(404);
    expect(outside.status).toBe(400);
    expect(outside.json.errors).toEqual([{ pointer: '/departments/0/period', detail: expect.stringContaining('不适用于 2028-01') }]);
  });

  it('refuses a model whose name carries a classified marking with 422, and stores nothing', async () => {
    // Act
    const reply = await bearerPost(citySupervisor, '/v1/evaluation-models', cityScoringModel({ name: '效能评估办法（密级：机密）', effectiveFrom: '2032-01' }));

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.json.errors).toEqual([{ pointer: '/name', detail: expect.any(String) }]);
    expect((await versionsOf('city')).map((v) => v.version)).toEqual([1]);
  });
});
