/**
 * People acting on signals through the console API (Art. 18): the department acknowledges and
 * responds, the supervisor closes; stale or concurrent updates get 409 and never overwrite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet } from '../support/local-api-client.ts';
import { pushOverdueCase } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { outboxPk } from '#shared/adapters/dynamodb/case-items.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let liaison: string;
let otherLiaison: string;
let supervisor: string;
const department = 'haishu-housing';
const ruleId = 'licensing.decision-time-limit';

beforeAll(async () => {
  started = await startTestRuntime('actions');
  runtime = started.runtime;
  liaison = await runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
  otherLiaison = await runtime.mintStaffToken({
    subject: 'liaison-2',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-market-regulation',
    secondFactor: false,
  });
  supervisor = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await started?.dispose();
});

const overdueCase = (): Promise<string> => pushOverdueCase(runtime, department, 'ACT');

const actionPath = (caseId: string, dept = department) => `/v1/cases/${dept}/licensing/${caseId}/alerts/${ruleId}/actions`;

async function act(token: string, caseId: string, body: Record<string, unknown>, dept = department) {
  const response = await fetch(new URL(actionPath(caseId, dept), runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('alert events', () => {
  it('puts every change of a signal on the event bus once, in order, and leaves the outbox empty', async () => {
    const caseId = await overdueCase();
    await act(liaison, caseId, { action: 'acknowledge', expectedVersion: 1 });

    const events = runtime.alertEvents().filter((e) => (e.detail as { alert?: { caseId: string } }).alert?.caseId === caseId);
    expect(events.map((e) => e['detail-type'])).toEqual(['AlertRaised', 'AlertAcknowledged']);
    expect(events[0]).toMatchObject({
      source: 'e-supervision.alerts',
      detail: { version: 1, alert: { ruleId, department, level: 'correction', alertVersion: 1 } },
    });
    expect(events[1]?.detail).toMatchObject({ actor: 'departmentLiaison:liaison-1', alert: { status: 'acknowledged', alertVersion: 2 } });
    // Chinese first for subscribers, the English sentence beside it, and the message both come from.
    expect(events[0]?.detail).toMatchObject({
      alert: {
        summaryZh: expect.stringMatching(/^未在法定期限内作出决定（期限 \d{4}-\d{2}-\d{2}）。$/),
        summary: expect.stringMatching(/^Decision not made by the statutory time limit of \d{4}-\d{2}-\d{2}\.$/),
        message: { key: 'licensing.decision-time-limit.statutory-overdue' },
      },
    });
    const ids = runtime.alertEvents().map((e) => (e.detail as { eventId: string }).eventId);
    expect(new Set(ids).size).toBe(ids.length);

    const client = new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: runtime.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const outbox = await client.send(
      new QueryCommand({ TableName: runtime.tables.cases, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: outboxPk } } }),
    );
    client.destroy();
    expect(outbox.Items).toEqual([]);
  });
});

describe('acting on an alert', () => {
  it('takes a signal from raised to closed, recording each step on the timeline', async () => {
    const caseId = await overdueCase();

    const acknowledged = await act(liaison, caseId, { action: 'acknowledge', expectedVersion: 1 });
    const responded = await act(liaison, caseId, {
      action: 'respond',
      expectedVersion: 2,
      response: 'explained',
      note: 'Expert review was under way',
      evidence: ['专家评审通知 2025-31'],
    });
    const closed = await act(supervisor, caseId, { action: 'close', expectedVersion: 3, note: 'Explanation accepted' });

    expect([acknowledged.status, responded.status, closed.status]).toEqual([200, 200, 200]);
    expect(closed.json).toMatchObject({ status: 'closed', version: 4 });
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, supervisor);
    expect(timeline.json.alerts[0].history.map((h: { change: string; actor?: string }) => [h.change, h.actor])).toEqual([
      ['raised', undefined],
      ['acknowledged', 'departmentLiaison:liaison-1'],
      ['responded', 'departmentLiaison:liaison-1'],
      ['closed', 'districtSupervisor:supervisor-1'],
    ]);
  });

  it('refuses a stale version with 409 and leaves the alert as it was', async () => {
    const caseId = await overdueCase();
    await act(liaison, caseId, { action: 'acknowledge', expectedVersion: 1 });

    const stale = await act(liaison, caseId, { action: 'dispute', expectedVersion: 1, note: 'late' });

    expect(stale.status).toBe(409);
    expect(stale.json.type).toContain('stale-version');
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, liaison);
    expect(timeline.json.alerts[0]).toMatchObject({ status: 'acknowledged', version: 2 });
  });

  it('lets exactly one of two concurrent supervisor updates win; the other gets 409', async () => {
    const caseId = await overdueCase();

    const results = await Promise.all([
      act(supervisor, caseId, { action: 'close', expectedVersion: 1, note: 'first' }),
      act(supervisor, caseId, { action: 'close', expectedVersion: 1, note: 'second' }),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = ['first', 'second'][results.findIndex((r) => r.status === 200)];
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, supervisor);
    const closings = timeline.json.alerts[0].history.filter((h: { change: string }) => h.change === 'closed');
    // The stored alert is the winner's, whole: one version step, its note, no trace of the loser.
    expect(timeline.json.alerts[0]).toMatchObject({ status: 'closed', version: 2 });
    expect(closings).toHaveLength(1);
    expect(closings[0].note).toBe(winner);
  });

  it("answers another department's liaison with 404 and a supervisor taking the department's action with 403", async () => {
    const caseId = await overdueCase();
    expect((await act(otherLiaison, caseId, { action: 'acknowledge', expectedVersion: 1 })).status).toBe(404);
    expect((await act(supervisor, caseId, { action: 'acknowledge', expectedVersion: 1 })).status).toBe(403);
  });

  it('refuses an action the status does not allow with 409, and a malformed one with 400 naming the field', async () => {
    const caseId = await overdueCase();
    await act(supervisor, caseId, { action: 'close', expectedVersion: 1, note: 'closed' });

    const again = await act(supervisor, caseId, { action: 'close', expectedVersion: 2, note: 'again' });
    expect(again.status).toBe(409);
    expect(again.json.type).toContain('action-not-allowed');

    const malformed = await act(liaison, caseId, { action: 'respond', expectedVersion: 2, response: 'shrugged', note: '' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/response', '/note']));
    const unknown = await act(liaison, caseId, { action: 'acknowledge', expectedVersion: 2, status: 'closed' });
    expect(unknown.status).toBe(400);
  });
  it("reads one alert with the version an action must send; another department's liaison gets 404, a malformed rule id 400", async () => {
    // Prepare
    const caseId = await overdueCase();
    const alertPath = `/v1/cases/${department}/licensing/${caseId}/alerts/${ruleId}`;
    await act(liaison, caseId, { action: 'acknowledge', expectedVersion: 1 });

    // Act
    const read = await bearerGet(runtime.apiUrl, alertPath, supervisor);
    const foreign = await bearerGet(runtime.apiUrl, alertPath, otherLiaison);
    const missing = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/alerts/licensing.no-such-rule`, supervisor);
    const malformed = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/alerts/%20bad`, supervisor);
    const closed = await act(supervisor, caseId, { action: 'close', expectedVersion: read.json.version, note: '已核实整改' });

    // Assess
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ caseId, ruleId, status: 'acknowledged', version: 2 });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(closed.status).toBe(200);
  });
});

describe('alert summaries in the reader’s language', () => {
  async function summaries(path: string, acceptLanguage?: string) {
    const response = await fetch(new URL(path, runtime.apiUrl), {
      headers: { authorization: `Bearer ${supervisor}`, ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }) },
    });
    return { status: response.status, language: response.headers.get('content-language'), json: (await response.json()) as any };
  }

  it('answers a Chinese summary by default and the English one when the request prefers English', async () => {
    const caseId = await overdueCase();
    const listPath = `/v1/alerts?department=${department}&kind=licensing&limit=100`;
    const pick = (json: any) => json.items.find((alert: { caseId: string; ruleId: string }) => alert.caseId === caseId && alert.ruleId === ruleId);

    const chinese = await summaries(listPath);
    const english = await summaries(listPath, 'en-US,en;q=0.9,zh-CN;q=0.8');
    const alertPath = `/v1/cases/${department}/licensing/${caseId}/alerts/${ruleId}`;
    const oneChinese = await summaries(alertPath, 'zh-CN,zh;q=0.9');
    const oneEnglish = await summaries(alertPath, 'en');

    expect(chinese).toMatchObject({ status: 200, language: 'zh-CN' });
    expect(pick(chinese.json).summary).toMatch(/^未在法定期限内作出决定（期限 \d{4}-\d{2}-\d{2}）。$/);
    expect(pick(chinese.json).history[0]).toMatchObject({ change: 'raised', summary: pick(chinese.json).summary });
    expect(english).toMatchObject({ status: 200, language: 'en' });
    expect(pick(english.json).summary).toMatch(/^Decision not made by the statutory time limit of \d{4}-\d{2}-\d{2}\.$/);
    expect(pick(english.json).summary.slice(-11, -1)).toBe(pick(chinese.json).summary.slice(-12, -2));
    expect(pick(english.json).history[0].summary).toBe(pick(english.json).summary);
    expect(pick(chinese.json)).not.toHaveProperty('message');
    expect(oneChinese.json.summary).toBe(pick(chinese.json).summary);
    expect(oneEnglish.json.summary).toBe(pick(english.json).summary);
  });
});
