/**
 * Supervision cases (督办, Art. 18 ¶2) through the local runtime's HTTP API: a department requests
 * supervision, a supervisor opens a case with a deadline, the department reports completion, the
 * supervisor closes it; scoping, optimistic concurrency, bad input on every endpoint, and an
 * overdue case escalating when the oversight sweep fires.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStatisticsIn } from '#infra/operations/statistics-verify.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { DynamoDbSupervisionRepository } from '#shared/adapters/dynamodb/dynamodb-supervision-repository.ts';
import { closeSupervisionCase, openSupervisionCase, reportCaseProgress, type SupervisionCase } from '#shared/domain/supervision-cases/supervision-case.ts';
import { monthOfInstant, parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { anOpening, calendar, policy } from '../shared/domain/supervision-cases/supervision-mother.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { epochDayOf, localDateOfEpochDay, shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { bearerGet, type ApiReply } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
const tokens: Record<'liaison' | 'otherLiaison' | 'supervisor' | 'otherSupervisor' | 'city', string> = {
  liaison: '',
  otherLiaison: '',
  supervisor: '',
  otherSupervisor: '',
  city: '',
};

/** Shanghai date `days` after today (the API runs on the real clock). */
/** How the API writes an instant: Shanghai time with its offset. */
const inShanghaiTime = (instant: Date): string => new Date(instant.getTime() + 8 * 3_600_000).toISOString().replace(/Z$/, '+08:00');
const dayFromToday = (days: number): string => localDateOfEpochDay(epochDayOf(shanghaiDate(new Date())) + days);
const evidence = [{ title: '整改报告', sha256: 'c'.repeat(64), reference: 'https://example.gov.cn/docs/2025-31' }];

beforeAll(async () => {
  started = await startTestRuntime('supervision');
  runtime = started.runtime;
  tokens.liaison = await runtime.mintStaffToken({
    subject: 'liaison-1',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
  tokens.otherLiaison = await runtime.mintStaffToken({
    subject: 'liaison-2',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-market-regulation',
    secondFactor: false,
  });
  tokens.supervisor = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  tokens.otherSupervisor = await runtime.mintStaffToken({ subject: 'supervisor-2', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  tokens.city = await runtime.mintStaffToken({ subject: 'supervisor-0', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

async function post(token: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiReply> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

const get = (token: string, path: string) => bearerGet(runtime.apiUrl, path, token);

async function fileRequest(): Promise<string> {
  const reply = await post(tokens.liaison, '/v1/supervision-requests', {
    subject: '老旧小区加装电梯审批协调',
    matter: '涉及多部门，审批链条长。',
    asks: '请求督办。',
  });
  expect(reply.status).toBe(201);
  return reply.json.requestNumber as string;
}

async function openCase(deadline = dayFromToday(14)): Promise<string> {
  const reply = await post(tokens.supervisor, '/v1/supervision-cases', {
    origin: 'initiative',
    responsibleDepartment: 'haishu-housing',
    subject: '施工许可超期整改',
    instructions: '查明原因并整改。',
    deadline,
  });
  expect(reply.status).toBe(201);
  return reply.json.caseNumber as string;
}

describe('a supervision case end to end', () => {
  it("runs from a department's request to a closed case, every step on the timeline", async () => {
    const requestNumber = await fileRequest();
    const pending = await get(tokens.supervisor, '/v1/supervision-requests');
    expect(pending.json.items.map((r: { requestNumber: string }) => r.requestNumber)).toContain(requestNumber);

    const decision = await post(tokens.supervisor, `/v1/supervision-requests/${requestNumber}/decision`, {
      decision: 'openCase',
      expectedVersion: 1,
      instructions: '两周内完成联合审查。',
      deadline: dayFromToday(14),
    });
    expect(decision.status).toBe(200);
    expect(decision.json.request).toMatchObject({ status: 'caseOpened', version: 2, pendingTimers: [] });
    const caseNumber = decision.json.case.caseNumber as string;
    expect(decision.json.case).toMatchObject({
      responsibleDepartment: 'haishu-housing',
      stage: 'open',
      version: 1,
      origin: { kind: 'request', requestNumber },
    });

    const assigned = await get(tokens.liaison, '/v1/supervision-cases');
    expect(assigned.json.items.map((c: { caseNumber: string }) => c.caseNumber)).toContain(caseNumber);
    const reported = await post(tokens.liaison, `/v1/supervision-cases/${caseNumber}/progress`, {
      report: 'completion',
      expectedVersion: 1,
      summary: '联合审查已完成。',
      evidence,
    });
    expect(reported.json).toMatchObject({ stage: 'completionReported', version: 2, pendingTimers: [] });
    const closed = await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/closure`, { action: 'close', expectedVersion: 2 });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ stage: 'closed', version: 3, closure: { afterCompletionReport: true } });

    const detail = await get(tokens.liaison, `/v1/supervision-cases/${caseNumber}`);
    expect(detail.json.timeline.map((s: { action: string; actor: string }) => [s.action, s.actor])).toEqual([
      ['caseOpened', 'districtSupervisor:supervisor-1'],
      ['completionReported', 'departmentLiaison:liaison-1'],
      ['caseClosed', 'districtSupervisor:supervisor-1'],
    ]);
    const closedQueue = await get(tokens.supervisor, '/v1/supervision-cases?state=closed');
    expect(closedQueue.json.items.map((c: { caseNumber: string }) => c.caseNumber)).toContain(caseNumber);
  });

  it("hides a case from another district's supervisor and another department's liaison (404)", async () => {
    const caseNumber = await openCase();

    expect((await get(tokens.otherSupervisor, `/v1/supervision-cases/${caseNumber}`)).status).toBe(404);
    expect((await get(tokens.otherLiaison, `/v1/supervision-cases/${caseNumber}`)).status).toBe(404);
    expect(
      (await post(tokens.otherSupervisor, `/v1/supervision-cases/${caseNumber}/extension`, { expectedVersion: 1, deadline: dayFromToday(30), reasons: '延期' }))
        .status,
    ).toBe(404);
    expect((await get(tokens.otherSupervisor, '/v1/supervision-cases')).json.items.map((c: { caseNumber: string }) => c.caseNumber)).not.toContain(caseNumber);
    expect((await get(tokens.city, `/v1/supervision-cases/${caseNumber}`)).status).toBe(200);
    expect(
      (await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/progress`, { report: 'progress', expectedVersion: 1, summary: 'x' })).status,
    ).toBe(403);
  });

  it('answers a stale version with 409 and lets one of two concurrent updates win', async () => {
    const caseNumber = await openCase();
    await post(tokens.liaison, `/v1/supervision-cases/${caseNumber}/progress`, { report: 'progress', expectedVersion: 1, summary: '已召开协调会。' });

    const stale = await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/extension`, {
      expectedVersion: 1,
      deadline: dayFromToday(30),
      reasons: '延期',
    });
    expect(stale.status).toBe(409);
    expect(stale.json.type).toContain('stale-version');

    const results = await Promise.all([
      post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/extension`, { expectedVersion: 2, deadline: dayFromToday(30), reasons: '延期一' }),
      post(tokens.city, `/v1/supervision-cases/${caseNumber}/extension`, { expectedVersion: 2, deadline: dayFromToday(40), reasons: '延期二' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const detail = await get(tokens.supervisor, `/v1/supervision-cases/${caseNumber}`);
    expect(detail.json.case).toMatchObject({ version: 3, extensions: 1 });
    expect(detail.json.timeline.filter((s: { action: string }) => s.action === 'deadlineExtended')).toHaveLength(1);
  });
});

describe('bad input', () => {
  const expectProblem = (reply: ApiReply, status: number) => {
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.json).toMatchObject({ status, type: expect.stringContaining('https://'), title: expect.any(String) });
  };

  it('refuses bad requests for supervision with a 4xx problem and stores nothing', async () => {
    const before = (await get(tokens.liaison, '/v1/supervision-requests')).json.items.length;
    const valid = { subject: '主题', matter: '事项', asks: '请求' };

    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', { ...valid, status: 'caseOpened' }), 400);
    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', { ...valid, subject: '' }), 400);
    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', { ...valid, subject: '长'.repeat(201) }), 400);
    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', { ...valid, matter: 'a\u0000b' }), 400);
    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', { ...valid, links: { complaint: 'TS1' } }), 400);
    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', '{"subject":'), 400);
    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', valid, { 'content-type': 'text/plain' }), 415);
    expectProblem(await post(tokens.liaison, '/v1/supervision-requests', { ...valid, matter: 'x'.repeat(40_000) }), 413);
    const otherDepartment = await post(tokens.liaison, '/v1/supervision-requests', { ...valid, department: 'haishu-market-regulation' });
    expectProblem(otherDepartment, 403);
    expect(otherDepartment.json.errors).toEqual([{ pointer: '/department', detail: '应为您所在的部门' }]);
    expectProblem(await get(tokens.liaison, '/v1/supervision-requests?limit=many'), 400);
    expectProblem(await get(tokens.liaison, '/v1/supervision-requests?cursor=bm90LWEtY3Vyc29y'), 400);
    expectProblem(await get(tokens.liaison, '/v1/supervision-requests?sort=name'), 400);

    expect((await get(tokens.liaison, '/v1/supervision-requests')).json.items).toHaveLength(before);
  });

  it('refuses bad decisions and leaves the request pending', async () => {
    const requestNumber = await fileRequest();
    const path = `/v1/supervision-requests/${requestNumber}/decision`;

    expectProblem(await post(tokens.supervisor, '/v1/supervision-requests/DQ123/decision', { decision: 'decline', expectedVersion: 1, reasons: 'x' }), 400);
    expectProblem(await post(tokens.supervisor, path, { decision: 'decline', expectedVersion: 1 }), 400);
    expectProblem(await post(tokens.supervisor, path, { decision: 'postpone', expectedVersion: 1 }), 400);
    expectProblem(await post(tokens.supervisor, path, { decision: 'openCase', expectedVersion: 1, instructions: 'x', deadline: '2025-02-30' }), 400);
    const past = await post(tokens.supervisor, path, { decision: 'openCase', expectedVersion: 1, instructions: 'x', deadline: dayFromToday(-1) });
    expectProblem(past, 400);
    expect(past.json.errors[0].pointer).toBe('/deadline');
    expectProblem(
      await post(tokens.supervisor, path, {
        decision: 'openCase',
        expectedVersion: 1,
        instructions: 'x',
        deadline: dayFromToday(5),
        responsibleDepartment: 'yinzhou-natural-resources',
      }),
      403,
    );
    // Refused by the authorizer before the handler runs: the route is for supervisors.
    expect((await post(tokens.liaison, path, { decision: 'decline', expectedVersion: 1, reasons: 'x' })).status).toBe(403);

    const pending = (await get(tokens.supervisor, '/v1/supervision-requests')).json.items.find(
      (r: { requestNumber: string }) => r.requestNumber === requestNumber,
    );
    expect(pending).toMatchObject({ status: 'pending', version: 1 });
  });

  it('refuses bad cases, reports, extensions and closures, and changes nothing', async () => {
    const before = (await get(tokens.supervisor, '/v1/supervision-cases')).json.items.length;
    const valid = { origin: 'initiative', responsibleDepartment: 'haishu-housing', subject: '主题', instructions: '要求', deadline: dayFromToday(10) };

    expectProblem(await post(tokens.supervisor, '/v1/supervision-cases', { ...valid, origin: 'rumour' }), 400);
    expectProblem(await post(tokens.supervisor, '/v1/supervision-cases', { ...valid, deadline: dayFromToday(-3) }), 400);
    expectProblem(await post(tokens.supervisor, '/v1/supervision-cases', { ...valid, responsibleDepartment: 'no-such-department' }), 400);
    expectProblem(
      await post(tokens.supervisor, '/v1/supervision-cases', {
        ...valid,
        origin: 'alert',
        alert: { department: 'haishu-housing', kind: 'licensing', caseId: 'C 1', ruleId: 'r' },
      }),
      400,
    );
    expectProblem(await post(tokens.supervisor, '/v1/supervision-cases', { ...valid, version: 7 }), 400);
    expectProblem(await get(tokens.supervisor, '/v1/supervision-cases?state=archived'), 400);
    expect((await get(tokens.supervisor, '/v1/supervision-cases')).json.items).toHaveLength(before);

    const caseNumber = await openCase();
    expectProblem(await get(tokens.supervisor, '/v1/supervision-cases/DB-not-a-number'), 400);
    expectProblem(
      await post(tokens.liaison, `/v1/supervision-cases/${caseNumber}/progress`, { report: 'completion', expectedVersion: 1, summary: '完成' }),
      400,
    );
    expectProblem(
      await post(tokens.liaison, `/v1/supervision-cases/${caseNumber}/progress`, {
        report: 'completion',
        expectedVersion: 1,
        summary: '完成',
        evidence: [{ ...evidence[0], sha256: 'xyz' }],
      }),
      400,
    );
    expectProblem(await post(tokens.liaison, `/v1/supervision-cases/${caseNumber}/progress`, { report: 'progress', expectedVersion: 0, summary: '进展' }), 400);
    expectProblem(await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/extension`, { expectedVersion: 1, deadline: dayFromToday(30) }), 400);
    expectProblem(
      await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/extension`, {
        expectedVersion: 1,
        deadline: dayFromToday(14),
        reasons: '不晚于当前期限',
      }),
      400,
    );
    expectProblem(await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/closure`, { action: 'archive', expectedVersion: 1 }), 400);
    const withoutReasons = await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/closure`, { action: 'close', expectedVersion: 1 });
    expectProblem(withoutReasons, 400);
    expect(withoutReasons.json.errors[0].pointer).toBe('/reasons');
    expectProblem(
      await post(tokens.supervisor, `/v1/supervision-cases/${caseNumber}/closure`, { action: 'sendBack', expectedVersion: 1, reasons: '退回' }),
      409,
    );

    const detail = await get(tokens.supervisor, `/v1/supervision-cases/${caseNumber}`);
    expect(detail.json.case).toMatchObject({ version: 1, stage: 'open', extensions: 0 });
    expect(detail.json.timeline).toHaveLength(1);
  });
});

describe('an overdue case', () => {
  it('escalates to the city when the oversight sweep fires after the deadline, and only once', async () => {
    const caseNumber = await openCase(dayFromToday(0));
    // A scheduled event's time has whole seconds.
    const later = new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * 86_400_000);

    await runtime.fireSchedule('oversight-sweep', later);
    await runtime.fireSchedule('oversight-sweep', later);

    const detail = await get(tokens.supervisor, `/v1/supervision-cases/${caseNumber}`);
    expect(detail.json.case.signals.map((s: { level: string; audience: unknown }) => [s.level, s.audience])).toEqual([
      ['warning', { kind: 'department', department: 'haishu-housing' }],
      ['correction', { kind: 'department', department: 'haishu-housing' }],
      ['correction', { kind: 'superior', superior: 'city' }],
    ]);
    expect(detail.json.case.overdue).toMatchObject({ overdueSince: expect.any(String), escalatedAt: inShanghaiTime(later) });
    expect(detail.json.timeline.map((s: { action: string }) => s.action)).toEqual(['caseOpened', 'signalRaised', 'escalated']);
    const queue = await get(tokens.liaison, '/v1/supervision-cases');
    expect(queue.json.items.find((c: { caseNumber: string }) => c.caseNumber === caseNumber).signals).toHaveLength(3);
  });
});

/** The Shanghai month `n` months before `month`. */
const monthsBefore = (month: string, n: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

describe('supervision cases in the statistics', () => {
  it("counts the market regulator's cases opened, closed, closed on time and closed after escalation", async () => {
    // Prepare: one closed on its completion report in time, one closed with reasons after it went overdue and was escalated, one still open.
    const open = (deadline: string) =>
      post(tokens.supervisor, '/v1/supervision-cases', {
        origin: 'initiative',
        responsibleDepartment: 'haishu-market-regulation',
        subject: '食品经营许可超期整改',
        instructions: '查明原因并整改。',
        deadline,
      });
    const inTime = (await open(dayFromToday(14))).json.caseNumber as string;
    const late = (await open(dayFromToday(0))).json.caseNumber as string;
    expect((await open(dayFromToday(14))).status).toBe(201);
    await post(tokens.otherLiaison, `/v1/supervision-cases/${inTime}/progress`, {
      report: 'completion',
      expectedVersion: 1,
      summary: '已整改完毕。',
      evidence,
    });
    expect((await post(tokens.supervisor, `/v1/supervision-cases/${inTime}/closure`, { action: 'close', expectedVersion: 2 })).status).toBe(200);
    await runtime.fireSchedule('oversight-sweep', new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * 86_400_000));
    const lateCase = await get(tokens.supervisor, `/v1/supervision-cases/${late}`);
    expect(lateCase.json.case.overdue).toMatchObject({ escalatedAt: expect.any(String) });
    const closedLate = await post(tokens.supervisor, `/v1/supervision-cases/${late}/closure`, {
      action: 'close',
      expectedVersion: lateCase.json.case.version,
      reasons: '部门已整改但逾期，另行问责。',
    });
    expect(closedLate.status, closedLate.text).toBe(200);

    // Act
    const year = shanghaiDate(new Date()).slice(0, 4);
    const reply = await get(tokens.supervisor, `/v1/statistics?period=${year}&department=haishu-market-regulation`);
    const byOrigin = await get(tokens.supervisor, `/v1/statistics?period=${year}&department=haishu-market-regulation&kind=supervision&matter=request`);

    // Assess
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.figures.supervision).toEqual({
      opened: 3,
      closed: 2,
      closedOnTime: { numerator: 1, denominator: 2, value: 0.5 },
      closedEscalated: 1,
      // The year has not ended: not given yet.
      openOverdueAtPeriodEnd: null,
    });
    // All three were opened on the supervisor's initiative, none on a request.
    expect(byOrigin.json.figures.supervision.opened).toBe(0);
    // And the verification recomputes the same from the stored cases.
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
    try {
      const verified = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod(year)!, 'haishu-market-regulation');
      expect(verified.differences).toEqual([]);
      expect(verified.supervisionCasesRead).toBeGreaterThanOrEqual(3);
    } finally {
      client.destroy();
    }
  });

  it('counts a case left open past its deadline at the end of every ended month until it is closed, and only once the month has ended', async () => {
    // Prepare: two cases of the housing department saved as they were in the three months before this one
    // (the API runs on today's clock), each change adding to the statistics in its own write.
    const thisMonth = monthOfInstant(new Date().toISOString());
    const [first, second, third] = [3, 2, 1].map((n) => monthsBefore(thisMonth, n)) as [string, string, string];
    const at = (month: string, day: string) => `${month}-${day}T02:00:00.000Z`;
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
    const repository = new DynamoDbSupervisionRepository(DynamoDBDocumentClient.from(client), runtime.tables.oversight, runtime.tables.cases);
    try {
      const saved = async (transition: ReturnType<typeof openSupervisionCase>, expectedVersion?: number): Promise<SupervisionCase> => {
        if (!transition.ok) throw new Error(transition.refusal.refusal);
        await repository.saveCase({ state: transition.state, steps: transition.steps, ...(expectedVersion === undefined ? {} : { expectedVersion }) });
        return transition.state;
      };
      const opening = (caseNumber: string, openedAt: string, deadline: string) =>
        openSupervisionCase(anOpening({ caseNumber, openedAt, deadline, responsibleDepartment: 'haishu-housing' }), calendar, policy);
      // Left open: due on the 15th of the first month.
      const leftOpen = await saved(opening(`DB${first.replace('-', '')}05KEPT01`, at(first, '05'), `${first}-15`));
      // Due on the 16th of the second month, its completion reported on the 20th, closed on the 3rd of the third.
      const lateOpened = await saved(opening(`DB${second.replace('-', '')}12MADE01`, at(second, '12'), `${second}-16`));
      const lateReported = await saved(
        reportCaseProgress(lateOpened, { kind: 'completion', summary: '已整改完毕。', evidence }, 'departmentLiaison:liaison-1', at(second, '20')),
        lateOpened.version,
      );
      await saved(closeSupervisionCase(lateReported, { reasons: null }, 'districtSupervisor:supervisor-1', at(third, '03')), lateReported.version);
      const openAtEnd = async (period: string) =>
        (await get(tokens.supervisor, `/v1/statistics?period=${period}&department=haishu-housing`)).json.figures.supervision.openOverdueAtPeriodEnd;

      // Act
      const ended = [await openAtEnd(first), await openAtEnd(second), await openAtEnd(third)];
      const current = await openAtEnd(thisMonth);
      const detail = await get(tokens.supervisor, `/v1/supervision-cases/${leftOpen.caseNumber}`);
      const closedNow = await post(tokens.supervisor, `/v1/supervision-cases/${leftOpen.caseNumber}/closure`, {
        action: 'close',
        expectedVersion: detail.json.case.version,
        reasons: '事项已由上级统一处理。',
      });

      // Assess: the first open past the 15th of the first month; the second too from the 17th of the second month until the 3rd of the third.
      expect(ended).toEqual([1, 2, 1]);
      // This month has not ended: not given.
      expect(current).toBeNull();
      expect(closedNow.status, closedNow.text).toBe(200);
      // Closed this month: it was still open at the end of the third month.
      expect([await openAtEnd(first), await openAtEnd(second), await openAtEnd(third), await openAtEnd(thisMonth)]).toEqual([1, 2, 1, null]);
      for (const period of [first, third, thisMonth]) {
        const verified = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod(period)!, 'haishu-housing');
        expect(verified.differences).toEqual([]);
      }
    } finally {
      client.destroy();
    }
  });
});
