/**
 * A month's evaluation end to end through the local runtime's HTTP API (Art. 20-22, 25): a
 * department pushes licensing records of November 2026, the city supervisor keeps a model in
 * force, runs the month's evaluation from the statistics, and nothing is public until it approves
 * it; then the public endpoint serves the hand-computed scores and ranks, the formula and the
 * date, as JSON and CSV. More records change the inputs: a new run is version 2, unpublished until
 * approved, then published as correcting version 1. Refusals store nothing.
 *
 * November 2026 has no holiday: its working days are 2–6, 9–13, 16–20, 23–27 and 30 November.
 * The construction permit's limits: promised 10, statutory 20 working days.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { periodEvaluationPk } from '#shared/adapters/dynamodb/dynamodb-period-evaluation-store.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { callComplaintApi, runtimeDynamoClient, type ComplaintReply } from '../support/complaint-client.ts';
import { cityScoringModel } from '../support/evaluation-models.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let housing: DepartmentCredential;
let citySupervisor: string;
let haishuSupervisor: string;

const department = 'haishu-housing';
const matterCode = 'construction-permit';
const thisMonth = shanghaiDate(new Date()).slice(0, 7);

beforeAll(async () => {
  started = await startTestRuntime('period-evaluation');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await started?.dispose();
});

const record = licensingRecordOf(department, matterCode);
const push = (records: unknown[]): Promise<void> => pushAndProcess(runtime, housing, records);
const staff = (token: string, method: string, path: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer: token, ...(body === undefined ? {} : { body }) });
const run = (token: string, owner: string, period: string) => staff(token, 'POST', '/v1/evaluations', { owner, period });
const approve = (token: string, owner: string, period: string, version: number) =>
  staff(token, 'POST', `/v1/evaluations/${owner}/${period}/${version}/approval`);
const publicRead = (path: string, accept?: string) => fetch(new URL(path, runtime.apiUrl), accept === undefined ? {} : { headers: { accept } });

async function storedVersions(owner: string, period: string): Promise<number> {
  const client = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  const page = await client.send(
    new QueryCommand({
      TableName: runtime.tables.reference,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': periodEvaluationPk(owner, period) },
    }),
  );
  return page.Items?.length ?? 0;
}

type Result = { department: string; jurisdiction: string; total: number; grade: string; cityRank: number; jurisdictionRank: number };

describe("a month's evaluation, approved and published", () => {
  it('publishes nothing before approval, then the hand-computed results, and a later version as a correction once approved', async () => {
    // Prepare: two cases decided in November 2026 (the month has ended).
    await push([
      // Decided Thu 12 Nov, 8 working days after acceptance on 2 Nov: within both limits, early.
      record('EARLY', 1, 'received', '2026-11-02T09:00:00+08:00'),
      record('EARLY', 2, 'accepted', '2026-11-02T10:00:00+08:00'),
      record('EARLY', 3, 'decided', '2026-11-12T10:00:00+08:00', { outcome: 'granted' }),
      record('EARLY', 4, 'concluded', '2026-11-13T10:00:00+08:00'),
      // Decided on 30 November, 20 working days: within the legal limit, past the promise.
      record('LAST-MINUTE', 1, 'received', '2026-11-02T09:00:00+08:00'),
      record('LAST-MINUTE', 2, 'accepted', '2026-11-02T10:00:00+08:00'),
      record('LAST-MINUTE', 3, 'decided', '2026-11-30T15:00:00+08:00', { outcome: 'granted' }),
      record('LAST-MINUTE', 4, 'concluded', '2026-12-01T09:00:00+08:00'),
    ]);
    const model = await staff(citySupervisor, 'POST', '/v1/evaluation-models', cityScoringModel({ effectiveFrom: '2026-11' }));
    expect(model.status).toBe(201);

    // Act: run, look before approval, approve, look again.
    const first = await run(citySupervisor, 'city', '2026-11');
    const rerun = await run(citySupervisor, 'city', '2026-11');
    const beforeApproval = await publicRead('/v1/public/evaluations/city/2026-11');
    const approved = await approve(citySupervisor, 'city', '2026-11', 1);
    const published = await publicRead('/v1/public/evaluations/city/2026-11');
    const publishedJson = (await published.json()) as any;
    const csv = await publicRead('/v1/public/evaluations/city/2026-11?format=csv');
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    const csvByAccept = await publicRead('/v1/public/evaluations/city/2026-11', 'text/csv');

    // Assess: version 1, hand-computed. Housing: 2 timed acts, both within the legal limit, 1 within the promise, 1 early;
    // 28 of 40 statutory working days used. 40 × 2/2 + 30 × 1/2 + 10 × 12/40 + 20 (no signal to correct: met) + 5 (0.1 × 50, the cap) = 83.
    // The signals of these cases were raised when processed (now), not in November. Every other department did nothing: 100.
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ owner: 'city', period: '2026-11', version: 1, newVersion: true, approval: null, model: { version: 1 } });
    expect(first.json.unmeasuredInputs).toEqual([]);
    const inputs = first.json.inputs as { department: string; jurisdiction: string }[];
    const haishuCount = inputs.filter((i) => i.jurisdiction === 'haishu').length;
    expect(inputs.find((i) => i.department === department)).toMatchObject({
      concludedActs: 2,
      concludedWithinLegalLimit: 2,
      concludedWithinPromisedLimit: 1,
      concludedEarly: 1,
      legalLimitWorkingDays: 40,
      usedWorkingDays: 28,
      signalsRaised: { prompt: 0, warning: 0, correction: 0 },
    });
    const results = first.json.results as Result[];
    expect(results.at(-1)).toMatchObject({ department, total: 83, grade: 'good', cityRank: inputs.length, jurisdictionRank: haishuCount });
    expect(results.slice(0, -1).every((r) => r.total === 100 && r.cityRank === 1 && r.jurisdictionRank === 1)).toBe(true);
    expect(rerun.json).toMatchObject({ version: 1, newVersion: false, inputsDigest: first.json.inputsDigest });
    expect(await storedVersions('city', '2026-11')).toBe(1);

    expect(beforeApproval.status).toBe(404);
    expect(approved.status).toBe(200);
    expect(approved.json.approval).toMatchObject({ version: 1, approvedBy: 'citySupervisor:city-1' });

    expect(published.status).toBe(200);
    expect(publishedJson).toMatchObject({ owner: 'city', period: '2026-11', version: 1, approvedAt: approved.json.approval.approvedAt, superseded: [] });
    expect(publishedJson.corrects).toBeUndefined();
    expect(publishedJson.results).toEqual(first.json.results);
    expect(publishedJson.formula.words.zh).toContain('每条提示信号扣 3 分，每条警戒信号扣 5 分，每条纠错信号扣 10 分。');
    expect(publishedJson.formula.data).toMatchObject({ owner: 'city', version: 1, basePoints: 100, effectiveFrom: '2026-11' });

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: false }).decode(csvBytes).split('\r\n');
    expect(lines[0]).toMatch(/^评估主体,评估月份,结果版本,更正版本,批准时间,部门,辖区,全市排名,辖区排名,总分,等级,/);
    expect(lines.find((line) => line.includes(`,${department},`))).toMatch(
      new RegExp(
        `^city,2026-11,1,,${approved.json.approval.approvedAt.replace(/[.+]/g, '\\$&')},${department},haishu,${inputs.length},${haishuCount},83\\.00,良好,`,
      ),
    );
    expect(lines).toHaveLength(inputs.length + 2); // header, one row a department, the final line break
    expect(csvByAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8');

    // Act: one more November case changes the inputs.
    await push([
      // Received 31 October, accepted and decided on 2 November: 0 of 20 working days, within both limits, early.
      record('OCTOBER-NIGHT', 1, 'received', '2026-10-31T23:30:00+08:00'),
      record('OCTOBER-NIGHT', 2, 'accepted', '2026-11-02T09:00:00+08:00'),
      record('OCTOBER-NIGHT', 3, 'decided', '2026-11-02T10:00:00+08:00', { outcome: 'granted' }),
      record('OCTOBER-NIGHT', 4, 'concluded', '2026-11-02T11:00:00+08:00'),
    ]);
    const second = await run(citySupervisor, 'city', '2026-11');
    const stillFirst = (await (await publicRead('/v1/public/evaluations/city/2026-11')).json()) as any;
    const approvedSecond = await approve(citySupervisor, 'city', '2026-11', 2);
    const corrected = (await (await publicRead('/v1/public/evaluations/city/2026-11')).json()) as any;
    const listed = await staff(citySupervisor, 'GET', '/v1/evaluations/city/2026-11');
    const readFirst = await staff(citySupervisor, 'GET', '/v1/evaluations/city/2026-11/1');

    // Assess: 40 + 30 × 2/3 + 10 × 32/60 (5.33) + 20 + 5 (0.1 × 66.67, capped) = 90.33.
    expect(second.json).toMatchObject({ version: 2, newVersion: true, approval: null });
    expect((second.json.results as Result[]).find((r) => r.department === department)).toMatchObject({ total: 90.33, grade: 'excellent' });
    expect(stillFirst.version).toBe(1);
    expect(approvedSecond.json.approval).toMatchObject({ version: 2 });
    expect(corrected).toMatchObject({ version: 2, corrects: 1, superseded: [{ version: 1, approvedAt: approved.json.approval.approvedAt }] });
    expect(listed.json.versions.map((v: { version: number; approval: unknown }) => [v.version, v.approval !== null])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(readFirst.json).toMatchObject({ version: 1, inputsDigest: first.json.inputsDigest, results: first.json.results });
  });
});

describe('refusals, with nothing stored', () => {
  it("refuses a district supervisor the city's and another district's evaluation with 403, and an unknown version's approval with 404", async () => {
    // Act
    const city = await run(haishuSupervisor, 'city', '2026-10');
    const yinzhou = await run(haishuSupervisor, 'yinzhou', '2026-10');
    const approveCity = await approve(haishuSupervisor, 'city', '2026-11', 1);
    const approveUnknown = await approve(haishuSupervisor, 'haishu', '2026-11', 9);

    // Assess
    expect([city.status, yinzhou.status, approveCity.status]).toEqual([403, 403, 403]);
    expect(approveUnknown.status).toBe(404);
    expect(yinzhou.json.errors).toEqual([expect.objectContaining({ pointer: '/owner' })]);
    expect(await storedVersions('city', '2026-10')).toBe(0);
    expect(await storedVersions('yinzhou', '2026-10')).toBe(0);
  });

  it('refuses a month or a year not ended and a malformed period with 400, naming each; a month or a quarter without a model with 422', async () => {
    // Act
    const unfinished = await run(haishuSupervisor, 'haishu', thisMonth);
    const malformed = await staff(haishuSupervisor, 'POST', '/v1/evaluations', { owner: 'haishu', period: '2026-13', extra: true });
    const unfinishedYear = await run(haishuSupervisor, 'haishu', thisMonth.slice(0, 4));
    const noModel = await run(haishuSupervisor, 'haishu', '2026-10');
    const noModelQuarter = await run(haishuSupervisor, 'haishu', '2026-Q3');
    const publicMalformed = await publicRead('/v1/public/evaluations/city/2026-13');
    const publicUnknown = await publicRead('/v1/public/evaluations/haishu/2026-10');

    // Assess
    expect(unfinished.status).toBe(400);
    expect(unfinished.json.errors).toEqual([{ pointer: '/period', detail: expect.stringContaining(`${thisMonth} 尚未结束`) }]);
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/period', '/extra']);
    expect(unfinishedYear.status).toBe(400);
    expect(unfinishedYear.json.errors).toEqual([{ pointer: '/period', detail: expect.stringContaining(`${thisMonth.slice(0, 4)} 尚未结束`) }]);
    expect(noModelQuarter.status).toBe(422);
    expect(noModel.status).toBe(422);
    expect(noModel.json.detail).toContain('2026-10');
    expect(publicMalformed.status).toBe(400);
    expect(publicUnknown.status).toBe(404);
    expect(await storedVersions('haishu', thisMonth)).toBe(0);
    expect(await storedVersions('haishu', '2026-10')).toBe(0);
  });
});
