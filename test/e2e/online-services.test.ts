/**
 * Online administrative services (网上行政服务, Measures Art. 9) end to end through the local API:
 * a supervisor records a matter's promised and legal limits in working days, dated; the
 * department pushes its online cases; the supervisor sees each rule's alert, judged by the
 * version in force when the case was made. A catalogue promising more days than the law allows,
 * or counting in calendar days, is refused whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost, type ApiReply } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
const department = 'haishu-housing';
const run = Date.now().toString(36);
const matterCode = `construction-waste-${run}`;

beforeAll(async () => {
  started = await startTestRuntime('online-services');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-online-services', role: 'citySupervisor', jurisdiction: 'city' });
  // 2025: promised 10 working days; from 2026: promised 5. Legal 20 throughout; acceptance within 3; wholly online with electronic certificates.
  for (const version of [
    onlineServiceVersion({ version: 1, effectiveFrom: '2025-01-01', effectiveUntil: '2025-12-31' }),
    onlineServiceVersion({ version: 2, effectiveFrom: '2026-01-01', promisedWorkingDays: 5 }),
  ]) {
    const created = await bearerPost(citySupervisor, versionsPath(matterCode), version);
    expect(created.status, created.text).toBe(201);
  }
});

afterAll(async () => {
  await started?.dispose();
});

function onlineServiceVersion(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'onlineService',
    name: '城市建筑垃圾处置核准',
    legalBasis: '《中华人民共和国行政许可法》第四十二条',
    statutoryWorkingDays: 20,
    promisedWorkingDays: 10,
    acceptanceWorkingDays: 3,
    fullyOnline: true,
    electronicCertificate: true,
    version: 1,
    effectiveFrom: '2025-01-01',
    ...overrides,
  };
}

const versionsPath = (code: string) => `/v1/departments/${department}/catalogue/${code}/versions`;

async function bearerPost(token: string, path: string, body: unknown): Promise<ApiReply> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

const credential = () => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;

type Timeline = { case: { stage: string; deadlines: Record<string, unknown> }; alerts: { ruleId: string; level: string; status: string }[] };

/** Pushes one case's events (sequence in the order given) in one batch, and reads its timeline once processed. */
async function pushAndRead(caseId: string, events: Record<string, unknown>[]): Promise<Timeline> {
  const records = events.map((event, i) => ({ kind: 'onlineService', department, matterCode, caseId, sequence: i + 1, ...event }));
  const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential());
  expect(pushed.status, pushed.text).toBe(202);
  await runtime.idle();
  const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/onlineService/${caseId}/timeline`, citySupervisor);
  expect(timeline.status, timeline.text).toBe(200);
  return timeline.json as Timeline;
}

const levels = (timeline: Timeline) => Object.fromEntries(timeline.alerts.map((alert) => [alert.ruleId, alert.level]));

describe('online services through the API', () => {
  it('raises nothing for a case handled in time and delivered online, judged by the 2025 version', async () => {
    // Accepted Tue 30 Sep 2025, completed Fri 17 Oct: 8 working days (9, 10, 11 make-up, 13-17 October), within the promised 10.
    const timeline = await pushAndRead(`WS-ONTIME-${run}`, [
      { event: 'applied', occurredAt: '2025-09-26T09:00:00+08:00' },
      { event: 'accepted', occurredAt: '2025-09-30T10:00:00+08:00' },
      { event: 'completed', outcome: 'approved', occurredAt: '2025-10-17T15:00:00+08:00' },
      { event: 'resultDelivered', channel: 'online', electronicCertificate: true, occurredAt: '2025-10-17T15:05:00+08:00' },
    ]);
    expect(timeline.case.stage).toBe('delivered');
    expect(timeline.alerts).toEqual([]);
  });

  it('warns of a completion past the 2026 promise and of a result handed over at the counter', async () => {
    // Accepted Mon 2 Mar 2026; the 2026 version promises 5 working days: Mon 9 March. Completed Thu 12 March, before the legal limit.
    const timeline = await pushAndRead(`WS-LATE-${run}`, [
      { event: 'applied', occurredAt: '2026-03-02T09:00:00+08:00' },
      { event: 'accepted', occurredAt: '2026-03-02T10:00:00+08:00' },
      { event: 'completed', outcome: 'approved', occurredAt: '2026-03-12T15:00:00+08:00' },
      { event: 'resultDelivered', channel: 'counter', occurredAt: '2026-03-13T10:00:00+08:00' },
    ]);
    expect(levels(timeline)).toEqual({ 'onlineService.completion-time-limit': 'warning', 'onlineService.online-delivery': 'warning' });
    const read = await bearerGet(runtime.apiUrl, `/v1/alerts?kind=onlineService&department=${department}`, citySupervisor);
    expect(read.status).toBe(200);
    const alert = read.json.items.find(
      (a: { caseId: string; ruleId: string }) => a.caseId === `WS-LATE-${run}` && a.ruleId === 'onlineService.completion-time-limit',
    );
    expect(alert).toMatchObject({ kind: 'onlineService', level: 'warning', legalBasis: '《中华人民共和国行政许可法》第四十二条' });
  });

  it('corrects a case left open past its legal limit, and one whose completion came before its acceptance', async () => {
    const open = await pushAndRead(`WS-OPEN-${run}`, [
      { event: 'applied', occurredAt: '2025-09-26T09:00:00+08:00' },
      { event: 'accepted', occurredAt: '2025-09-30T10:00:00+08:00' },
    ]);
    const disordered = await pushAndRead(`WS-ORDER-${run}`, [
      { event: 'applied', occurredAt: '2025-09-26T09:00:00+08:00' },
      { event: 'completed', outcome: 'approved', occurredAt: '2025-10-15T10:00:00+08:00' },
      { event: 'accepted', occurredAt: '2025-09-30T10:00:00+08:00' },
      { event: 'resultDelivered', channel: 'online', electronicCertificate: true, occurredAt: '2025-10-15T10:05:00+08:00' },
    ]);
    expect(levels(open)).toEqual({ 'onlineService.completion-time-limit': 'correction' });
    expect(levels(disordered)).toEqual({ 'onlineService.procedure-order': 'correction' });
  });

  it('stops the completion clock for a test (检测) and for materials asked for after acceptance, moving both limits', async () => {
    // Accepted Tue 30 Sep 2025 (promised 10, legal 20 working days: 21 October and 4 November unmoved).
    // Testing from Fri 10 Oct to Fri 31 Oct: 9 and 10 October counted before it; 16 working days stopped
    // (11 make-up, 13-17, 20-24, 27-31 October). Promised: 3-7, 10-12 November → 12 November;
    // legal: 13, 14, 17-21, 24-26 November → 26 November. Completed Tue 11 November: in time.
    const tested = await pushAndRead(`WS-TESTED-${run}`, [
      { event: 'applied', occurredAt: '2025-09-26T09:00:00+08:00' },
      { event: 'accepted', occurredAt: '2025-09-30T10:00:00+08:00' },
      { event: 'suspended', reason: 'testing', applicantNotifiedAt: '2025-10-10T09:30:00+08:00', occurredAt: '2025-10-10T09:00:00+08:00' },
      { event: 'resumed', occurredAt: '2025-10-31T17:00:00+08:00' },
      { event: 'completed', outcome: 'approved', occurredAt: '2025-11-11T15:00:00+08:00' },
      { event: 'resultDelivered', channel: 'online', electronicCertificate: true, occurredAt: '2025-11-11T15:05:00+08:00' },
    ]);
    // Materials asked for on Mon 20 Oct, after acceptance, not yet supplied: the clock stands at 20 October,
    // one working day before the promise, however late it is now.
    const waiting = await pushAndRead(`WS-WAITING-${run}`, [
      { event: 'applied', occurredAt: '2025-09-26T09:00:00+08:00' },
      { event: 'accepted', occurredAt: '2025-09-30T10:00:00+08:00' },
      { event: 'supplementRequested', materials: ['运输车辆清单'], occurredAt: '2025-10-20T10:00:00+08:00' },
    ]);

    expect(tested.case.stage).toBe('delivered');
    expect(tested.alerts).toEqual([]);
    expect(tested.case.deadlines).toMatchObject({
      clockStart: '2025-09-30',
      promised: { date: '2025-11-12' },
      statutory: { date: '2025-11-26' },
      suspendedWorkingDays: 16,
      clockStopped: false,
    });
    // In the statistics the case counts as completed within both limits, as moved (Art. 20).
    const november = await bearerGet(
      runtime.apiUrl,
      `/v1/statistics?period=2025-11&department=${department}&kind=onlineService&matter=${matterCode}`,
      citySupervisor,
    );
    expect(november.status, november.text).toBe(200);
    expect(november.json.figures).toMatchObject({
      completed: 1,
      onTimeLegal: { numerator: 1, denominator: 1 },
      onTimePromised: { numerator: 1, denominator: 1 },
    });
    expect(waiting.case.stage).toBe('suspended');
    expect(levels(waiting)).toEqual({ 'onlineService.completion-time-limit': 'prompt' });
    expect(waiting.case.deadlines).toMatchObject({ promised: { date: '2025-10-21' }, clockStopped: true });
  });

  it('refuses a clock stop on no ground of Art. 45, naming the field', async () => {
    const records = [
      {
        kind: 'onlineService',
        department,
        matterCode,
        caseId: `WS-NOGROUND-${run}`,
        sequence: 1,
        event: 'suspended',
        reason: 'other',
        occurredAt: '2025-10-10T09:00:00+08:00',
      },
    ];
    const reply = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential());
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0].pointer).toBe('/records/0/reason');
  });

  it("counts the family's completions within the promised and legal limits in the statistics (Art. 20)", async () => {
    // October 2025: the on-time case (17 October) and the disordered one (15 October), both within the 2025 promise of 10 working days.
    const october = await bearerGet(
      runtime.apiUrl,
      `/v1/statistics?period=2025-10&department=${department}&kind=onlineService&matter=${matterCode}`,
      citySupervisor,
    );
    expect(october.status, october.text).toBe(200);
    expect(october.json.figures).toMatchObject({
      completed: 2,
      onTimeLegal: { numerator: 2, denominator: 2 },
      onTimePromised: { numerator: 2, denominator: 2 },
    });
  });

  it('refuses a record with a field the contract does not have, naming it', async () => {
    const records = [
      {
        kind: 'onlineService',
        department,
        matterCode,
        caseId: `WS-BAD-${run}`,
        sequence: 1,
        event: 'applied',
        occurredAt: '2025-09-26T09:00:00+08:00',
        promisedCalendarDays: 10,
      },
    ];
    const reply = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential());
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0].pointer).toBe('/records/0/promisedCalendarDays');
  });
});

describe('online service catalogue versions', () => {
  it('refuses a promised limit longer than the legal one, and limits in calendar days, with 400 naming the field; stores nothing', async () => {
    // Prepare
    const code = `construction-waste-bad-${run}`;

    // Act
    const tooLong = await bearerPost(citySupervisor, versionsPath(code), onlineServiceVersion({ promisedWorkingDays: 25 }));
    const calendarDays = await bearerPost(citySupervisor, versionsPath(code), onlineServiceVersion({ limitUnit: 'calendarDays' }));
    const stored = await bearerGet(runtime.apiUrl, versionsPath(code), citySupervisor);

    // Assess
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual([expect.objectContaining({ pointer: '/promisedWorkingDays' })]);
    expect(tooLong.json.errors[0].detail).toContain('承诺时限（25 个工作日）不能超过法定时限（20 个工作日）');
    expect(calendarDays.status).toBe(400);
    expect(calendarDays.json.errors).toEqual([expect.objectContaining({ pointer: '/limitUnit' })]);
    expect(stored.json?.versions ?? []).toEqual([]);
  });
  it('shows on stored cases what a promise of 5 working days in 2025 would have raised, writing nothing', async () => {
    // The on-time case took 8 working days: a 2025 promise of 5 (ending Thu 9 October) would have been missed.
    const report = await bearerPost(citySupervisor, `/v1/departments/${department}/catalogue/${matterCode}/back-test`, {
      proposal: onlineServiceVersion({ version: 3, promisedWorkingDays: 5, effectiveFrom: '2025-01-01', effectiveUntil: '2025-12-31' }),
      cases: [`WS-ONTIME-${run}`],
    });
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/onlineService/WS-ONTIME-${run}/timeline`, citySupervisor);

    expect(report.status, report.text).toBe(200);
    expect(report.json.cases).toEqual([
      expect.objectContaining({
        caseId: `WS-ONTIME-${run}`,
        outcome: 'evaluated',
        current: [],
        proposed: [{ ruleId: 'onlineService.completion-time-limit', level: 'warning' }],
      }),
    ]);
    expect(timeline.json.alerts).toEqual([]);
  });
});
