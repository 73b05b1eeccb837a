/**
 * Information sharing between departments (政务信息共享, Measures Art. 17(4)) end to end through the
 * local API: a supervisor records a shared resource's sharing type and answer limit in working
 * days, dated; the providing department pushes the share requests it received and how it answered
 * them; the supervisor reads the limits counted across the National Day holiday and the alerts the
 * rules raise. Bad input is refused with 400 naming the field, nothing stored; an answer pushed
 * before its request is reported as a stage out of order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost, type ApiReply } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
/** The providing department; the requesting one is named in each request. */
const department = 'haishu-market-regulation';
const requestingDepartment = 'haishu-housing';
const run = Date.now().toString(36);
/** A conditional-share resource answered within 5 working days, delivered within 3 of a grant. */
const conditional = `enterprise-registration-${run}`;
/** An unconditional-share resource. */
const unconditional = `enterprise-basic-${run}`;

function resourceVersion(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'informationSharing',
    name: '企业登记信息',
    legalBasis: '《政务数据共享条例》',
    sharingType: 'conditional',
    answerWorkingDays: 5,
    deliveryWorkingDays: 3,
    version: 1,
    effectiveFrom: '2025-01-01',
    ...overrides,
  };
}

const versionsPath = (code: string) => `/v1/departments/${department}/catalogue/${code}/versions`;

async function bearerPost(path: string, body: unknown): Promise<ApiReply> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${citySupervisor}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  started = await startTestRuntime('sharing');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-information-sharing', role: 'citySupervisor', jurisdiction: 'city' });
  for (const [code, version] of [
    [conditional, resourceVersion()],
    [unconditional, resourceVersion({ name: '企业基础信息', sharingType: 'unconditional', deliveryWorkingDays: undefined })],
  ] as const) {
    const created = await bearerPost(versionsPath(code), version);
    expect(created.status, created.text).toBe(201);
  }
});

afterAll(async () => {
  await started?.dispose();
});

const credential = () => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;

interface Timeline {
  case: { stage: string; deadlines: Record<string, unknown> };
  alerts: { ruleId: string; level: string; legalBasis: string; status: string }[];
}

const request = (occurredAt: string) => ({
  event: 'requested',
  occurredAt,
  requestingDepartment,
  purpose: '核验建筑业企业资质申请材料',
  scope: ['统一社会信用代码', '注册资本'],
});

/** The records of one case, numbered in the order given unless a record carries its own sequence. */
const recordsOf = (caseId: string, records: Record<string, unknown>[], matterCode = conditional) =>
  records.map((record, i) => ({ kind: 'informationSharing', department, matterCode, caseId, sequence: i + 1, ...record }));

const push = (records: Record<string, unknown>[]): Promise<ApiReply> => signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential());

async function timelineOf(caseId: string): Promise<Timeline> {
  await runtime.idle();
  const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/informationSharing/${caseId}/timeline`, citySupervisor);
  expect(timeline.status, timeline.text).toBe(200);
  return timeline.json as Timeline;
}

const levels = (timeline: Timeline) => Object.fromEntries(timeline.alerts.map((alert) => [alert.ruleId, alert.level]));

describe('information sharing through the API', () => {
  it('counts the answer limit in working days across National Day and warns of a late answer and a late delivery', async () => {
    // Prepare: requested Thursday 25 September 2025. Five working days: 26, 28 (make-up), 29, 30 September, 9 October.
    const caseId = `GX-LATE-${run}`;

    // Act: answered Monday 13 October (after 9 October, before the legal 15 October); granted, so delivery within
    // 3 working days (14, 15, 16 October); delivered Monday 20 October.
    const pushed = await push(
      recordsOf(caseId, [
        request('2025-09-25T09:00:00+08:00'),
        { event: 'grantedWithConditions', occurredAt: '2025-10-13T10:00:00+08:00', conditions: '仅限按统一社会信用代码查询' },
        { event: 'delivered', occurredAt: '2025-10-20T10:00:00+08:00' },
      ]),
    );
    const timeline = await timelineOf(caseId);

    // Assess
    expect(pushed.status, pushed.text).toBe(202);
    expect(timeline.case.stage).toBe('delivered');
    expect(timeline.case.deadlines).toMatchObject({
      unit: 'workingDays',
      clockStart: '2025-09-25',
      promised: { date: '2025-10-09', provisional: false },
      statutory: { date: '2025-10-15', provisional: false },
      delivery: { date: '2025-10-16', provisional: false },
    });
    expect(levels(timeline)).toEqual({ 'informationSharing.answer-time-limit': 'warning', 'informationSharing.delivery-time-limit': 'warning' });
    expect(timeline.alerts.find((alert) => alert.ruleId === 'informationSharing.answer-time-limit')?.legalBasis).toContain('《政务信息资源共享管理暂行办法》');
  });

  it('corrects a request left unanswered past the legal limit, a refused unconditional resource and a use beyond the stated purpose', async () => {
    // Prepare
    const open = `GX-OPEN-${run}`;
    const refused = `GX-REFUSED-${run}`;
    const misused = `GX-MISUSED-${run}`;

    // Act
    const pushes = await Promise.all([
      push(recordsOf(open, [request('2025-09-25T09:00:00+08:00')])),
      push(
        recordsOf(
          refused,
          [request('2025-09-25T09:00:00+08:00'), { event: 'refused', occurredAt: '2025-09-26T10:00:00+08:00', reasons: '涉及商业秘密' }],
          unconditional,
        ),
      ),
      push(
        recordsOf(misused, [
          request('2025-09-25T09:00:00+08:00'),
          { event: 'granted', occurredAt: '2025-09-26T10:00:00+08:00' },
          { event: 'delivered', occurredAt: '2025-09-26T11:00:00+08:00' },
          { event: 'useReported', occurredAt: '2025-11-20T10:00:00+08:00', reportedBy: 'audit', beyondStatedPurpose: true, use: '用于招商名单' },
        ]),
      ),
    ]);

    // Assess
    for (const pushed of pushes) expect(pushed.status, pushed.text).toBe(202);
    expect(levels(await timelineOf(open))).toEqual({ 'informationSharing.answer-time-limit': 'correction' });
    expect(levels(await timelineOf(refused))).toEqual({ 'informationSharing.unconditional-refused': 'correction' });
    expect(levels(await timelineOf(misused))).toEqual({ 'informationSharing.use-beyond-purpose': 'correction' });
  });

  it('reports an answer pushed before its request as a stage out of order, whatever order the records arrive in', async () => {
    // Prepare: the provider numbered its answer 1 and the request 2
    const caseId = `GX-ORDER-${run}`;
    const records = recordsOf(caseId, [{ event: 'granted', occurredAt: '2025-09-26T10:00:00+08:00' }, request('2025-09-25T09:00:00+08:00')]);

    // Act
    const pushed = await push([...records].reverse());
    const timeline = await timelineOf(caseId);

    // Assess
    expect(pushed.status, pushed.text).toBe(202);
    // (the grant was never followed by the data: the delivery limit of 3 working days has long passed too)
    expect(levels(timeline)).toEqual({ 'informationSharing.delivery-time-limit': 'warning', 'informationSharing.stage-order': 'warning' });
  });

  it('counts answers within the catalogue and the legal limits in the statistics (Art. 20)', async () => {
    // October 2025: the one answered on 13 October, within the legal 15 October, after the catalogue's 9 October.
    const october = await bearerGet(
      runtime.apiUrl,
      `/v1/statistics?period=2025-10&department=${department}&kind=informationSharing&matter=${conditional}`,
      citySupervisor,
    );
    expect(october.status, october.text).toBe(200);
    expect(october.json.figures).toMatchObject({
      completed: 1,
      onTimeLegal: { numerator: 1, denominator: 1 },
      onTimePromised: { numerator: 0, denominator: 1 },
    });
  });

  it('refuses a refusal without reasons and a record with an unknown field, naming each, and stores nothing', async () => {
    // Prepare
    const caseId = `GX-BAD-${run}`;

    // Act
    const pushed = await push(
      recordsOf(caseId, [
        { ...request('2025-09-25T09:00:00+08:00'), answerDays: 5 },
        { event: 'refused', occurredAt: '2025-09-26T10:00:00+08:00' },
      ]),
    );
    await runtime.idle();
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/informationSharing/${caseId}/timeline`, citySupervisor);

    // Assess
    expect(pushed.status).toBe(400);
    expect(pushed.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/records/0/answerDays', '/records/1/reasons']);
    expect(timeline.status).toBe(404);
  });
});

describe('shared resources in the catalogue', () => {
  it('refuses an answer limit longer than the legal one, and one in days, with 400 naming the field; stores nothing', async () => {
    // Prepare
    const code = `enterprise-bad-${run}`;

    // Act
    const tooLong = await bearerPost(versionsPath(code), resourceVersion({ answerWorkingDays: 15 }));
    const inDays = await bearerPost(versionsPath(code), resourceVersion({ answerWorkingDays: undefined, answerDays: 10 }));
    const wrongUnit = await bearerPost(versionsPath(code), resourceVersion({ limitUnit: 'days' }));
    const stored = await bearerGet(runtime.apiUrl, versionsPath(code), citySupervisor);

    // Assess
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual([expect.objectContaining({ pointer: '/answerWorkingDays', detail: expect.stringContaining('不得超过 10 个工作日') })]);
    expect(inDays.status).toBe(400);
    expect(inDays.json.errors).toEqual([expect.objectContaining({ pointer: '/answerDays', detail: expect.stringContaining('answerWorkingDays') })]);
    expect(wrongUnit.status).toBe(400);
    expect(wrongUnit.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/limitUnit']);
    expect(stored.json?.versions ?? []).toEqual([]);
  });
});
