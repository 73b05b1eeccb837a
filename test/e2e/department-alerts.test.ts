/**
 * A department's machine API end to end through the local runtime, under the IAM policies of the
 * synthesized department roles: its business system (SigV4, its own identity) lists and reads its
 * own alerts and answers them with the liaison's lifecycle and version rules, and can reach no
 * other department's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedGet, signedPost } from '../support/local-api-client.ts';
import { pushOverdueCase } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let housing: DepartmentCredential;
let market: DepartmentCredential;
let supervisor: string;
const department = 'haishu-housing';
const ruleId = 'licensing.decision-time-limit';

beforeAll(async () => {
  started = await startTestRuntime('department-alerts');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  market = runtime.credentials.find((c) => c.department === 'haishu-market-regulation') as DepartmentCredential;
  supervisor = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await started?.dispose();
});

const overdueCase = (): Promise<string> => pushOverdueCase(runtime, department, 'MACHINE');

const alertPath = (caseId: string, dept = department) => `/v1/departments/${dept}/alerts/licensing/${caseId}/${ruleId}`;
const act = (caseId: string, body: Record<string, unknown>, credential = housing, dept = department) =>
  signedPost(runtime.apiUrl, `${alertPath(caseId, dept)}/actions`, JSON.stringify(body), credential);

describe("a department's business system and its own alerts", () => {
  it('lists its open alerts, reads one with its version, and answers it with evidence, as the liaison would', async () => {
    const caseId = await overdueCase();

    const listed = await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts?status=open&kind=licensing&limit=100`, housing);
    const read = await signedGet(runtime.apiUrl, alertPath(caseId), housing);
    const responded = await act(caseId, {
      action: 'respond',
      expectedVersion: read.json.version,
      response: 'corrected',
      note: '已补录决定并送达申请人',
      evidence: ['OA-2025-0917'],
    });

    expect(listed.status).toBe(200);
    expect(listed.json.items.map((alert: { caseId: string }) => alert.caseId)).toContain(caseId);
    expect(listed.json.items.every((alert: { department: string }) => alert.department === department)).toBe(true);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ caseId, ruleId, status: 'open', version: 1 });
    // In Chinese unless the caller asks for English, as the console's.
    expect(read.json.summary).toMatch(/[\u4e00-\u9fff]/);
    expect(responded.status).toBe(200);
    expect(responded.json).toMatchObject({ status: 'responded', version: 2 });
    expect(responded.json.history.at(-1)).toMatchObject({ change: 'responded', actor: `department:${department}` });
    // The supervisor sees the same alert answered, and the answer went on the event bus.
    const seen = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/alerts/${ruleId}`, supervisor);
    expect(seen.json).toMatchObject({ status: 'responded', version: 2 });
    const events = runtime.alertEvents().filter((e) => (e.detail as { alert?: { caseId: string } }).alert?.caseId === caseId);
    expect(events.map((e) => e['detail-type'])).toEqual(['AlertRaised', 'AlertResponded']);
  });

  it("refuses a stale version with 409 and a supervisor's action with 403, writing nothing", async () => {
    const caseId = await overdueCase();
    expect((await act(caseId, { action: 'acknowledge', expectedVersion: 1 })).status).toBe(200);

    const stale = await act(caseId, { action: 'respond', expectedVersion: 1, response: 'explained', note: '说明' });
    const closing = await act(caseId, { action: 'close', expectedVersion: 2, note: '自行关闭' });

    expect(stale.status).toBe(409);
    expect(closing.status).toBe(403);
    expect((await signedGet(runtime.apiUrl, alertPath(caseId), housing)).json).toMatchObject({ status: 'acknowledged', version: 2 });
  });

  it("cannot reach another department's alerts: its role may not call that department's paths", async () => {
    const caseId = await overdueCase();

    const list = await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts`, market);
    const read = await signedGet(runtime.apiUrl, alertPath(caseId), market);
    const acted = await act(caseId, { action: 'acknowledge', expectedVersion: 1 }, market);
    // Through its own path, the other department's case is simply not there.
    const ownPath = await signedGet(runtime.apiUrl, alertPath(caseId, 'haishu-market-regulation'), market);

    expect([list.status, read.status, acted.status]).toEqual([403, 403, 403]);
    // Refused by the role's policy, before any function runs.
    for (const refused of [list, read, acted])
      expect(refused.json).toMatchObject({ code: 'ACCESS_DENIED', title: expect.stringMatching(/is not authorized to perform: execute-api:Invoke/) });
    expect(ownPath.status).toBe(404);
    expect((await signedGet(runtime.apiUrl, alertPath(caseId), housing)).json).toMatchObject({ status: 'open', version: 1 });
  });

  it('finds a record of an act dated after its receipt inaccurate (Art. 24(4)), and the department reads and explains the finding', async () => {
    const caseId = `FUTURE-${Date.now().toString(36)}`;
    const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const records = [
      { kind: 'licensing', department, matterCode: 'construction-permit', caseId, sequence: 1, event: 'received', occurredAt: new Date().toISOString() },
      { kind: 'licensing', department, matterCode: 'construction-permit', caseId, sequence: 2, event: 'accepted', occurredAt: tomorrow },
    ];
    expect((await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), housing)).status).toBe(202);
    await runtime.idle();

    const path = `/v1/departments/${department}/alerts/licensing/${caseId}/reporting.future-instant`;
    const finding = await signedGet(runtime.apiUrl, path, housing);
    const explained = await signedPost(
      runtime.apiUrl,
      `${path}/actions`,
      JSON.stringify({ action: 'respond', expectedVersion: 1, response: 'corrected', note: '受理时间录入错误，已更正并重新报送' }),
      housing,
    );

    expect(finding.status).toBe(200);
    expect(finding.json).toMatchObject({ level: 'warning', status: 'open', legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（四）项' });
    expect(finding.json.summary).toMatch(/^第 2 条记录（accepted）所记的行为时间 .+ 晚于其接收时间 .+，记录不准确。$/);
    expect(explained.json).toMatchObject({ status: 'responded', version: 2 });
  });

  it('names every bad field of a query or body, and refuses a staff token on a department route', async () => {
    const caseId = await overdueCase();

    const badQuery = await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts?level=red&status=gone`, housing);
    const badBody = await act(caseId, { action: 'respond', expectedVersion: 0, response: 'shrugged', note: '' });
    const staffToken = await bearerGet(runtime.apiUrl, `/v1/departments/${department}/alerts`, supervisor);

    expect(badQuery.status).toBe(400);
    expect(badQuery.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/query/level', '/query/status']);
    expect(badBody.status).toBe(400);
    expect(badBody.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/expectedVersion', '/note', '/response']);
    expect(staffToken.status).toBe(403);
    expect((await signedGet(runtime.apiUrl, alertPath(caseId), housing)).json).toMatchObject({ status: 'open', version: 1 });
  });
});
