/**
 * Statistics end to end through the local runtime's HTTP API: a department pushes licensing
 * records, processing keeps the aggregates, and supervisors and liaisons read the figures of a
 * period within their jurisdiction — hand-computed, with the Shanghai month boundaries and an open
 * overdue case counted until it is decided.
 *
 * November 2026 has no holiday: its working days are 2–6, 9–13, 16–20, 23–27 and 30 November.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStatisticsIn } from '#infra/operations/statistics-verify.ts';
import { statisticsPk, statisticsSk } from '#shared/adapters/dynamodb/statistics-items.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { monthOfInstant, parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { bearerGet } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { licensingRecordOf, novemberLicensingCases, pushAndProcess } from '../support/licensing-pushes.ts';

let runtime: LocalRuntime;
let started: TestRuntime;
let housing: DepartmentCredential;
let cityToken: string;
let haishuToken: string;
let yinzhouToken: string;
let liaisonToken: string;

const department = 'haishu-housing';
const matterCode = 'construction-permit'; // promised 10, statutory 20 working days

beforeAll(async () => {
  started = await startTestRuntime('statistics');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  cityToken = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  haishuToken = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  yinzhouToken = await runtime.mintStaffToken({ subject: 'yz-1', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  liaisonToken = await runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
});

afterAll(async () => {
  await started?.dispose();
});

const record = licensingRecordOf(department, matterCode);
const push = (records: unknown[]): Promise<void> => pushAndProcess(runtime, housing, records);
const statistics = (query: string, token = haishuToken) => bearerGet(runtime.apiUrl, `/v1/statistics?${query}`, token);
const refusedWithReasons = { outcome: 'refused', reasons: '申请材料不符合法定形式' };

describe('statistics of a period', () => {
  beforeAll(async () => {
    await push(novemberLicensingCases(department));
  });

  it('gives a district supervisor the hand-computed November figures of its department', async () => {
    const response = await statistics(`period=2026-11&department=${department}&kind=licensing`);

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ period: '2026-11', months: ['2026-11'], department, kind: 'licensing' });
    expect(response.json.figures).toEqual({
      // EARLY, LAST-MINUTE, NOVEMBER-NIGHT (OVERDUE and OCTOBER-NIGHT are October's).
      received: 3,
      // EARLY, LAST-MINUTE (23:30 on the 30th is still November), OCTOBER-NIGHT.
      completed: 3,
      onTimeLegal: { numerator: 3, denominator: 3, value: 1 },
      // LAST-MINUTE missed its promise.
      onTimePromised: { numerator: 2, denominator: 3, value: 0.6667 },
      earlyCompletion: { numerator: 2, denominator: 3, value: 0.6667 },
      // 8, 20 and 0 working days: mean 28 ÷ 3, the 2nd of 3 is 8, the ⌈2.7⌉ = 3rd is 20.
      processingWorkingDays: { mean: 9.33, p50: 8, p90: 20 },
      // ((20 − 8) ÷ 20 + 0 + 20 ÷ 20) ÷ 3 = 1.6 ÷ 3
      speedUpRate: 0.5333,
      // The signals were raised when the records arrived (now), not in November.
      signals: { prompt: 0, warning: 0, correction: 0, total: 0 },
      signalCorrection: { numerator: 0, denominator: 0, value: null },
      meanHoursToCorrection: null,
      signalsAnsweredInTime: { numerator: 0, denominator: 0, value: null },
      overdue: { opened: 1, closed: 0, openAtPeriodEnd: 1 },
      // The records were received now, not in November: counted in the month they arrived.
      records: { reported: 0, late: { numerator: 0, denominator: 0, value: null } },
      // No complaint about the department (test/e2e/complaint-statistics.test.ts has them).
      complaints: {
        received: 0,
        accepted: 0,
        notAccepted: 0,
        decidedInTime: { numerator: 0, denominator: 0, value: null },
        concluded: 0,
        concludedInTime: { numerator: 0, denominator: 0, value: null },
        upheld: { numerator: 0, denominator: 0, value: null },
        meanHandlingDays: null,
        // November has ended: given, and none was open past its clock.
        openOverdueAtPeriodEnd: 0,
      },
      supervision: {
        opened: 0,
        closed: 0,
        closedOnTime: { numerator: 0, denominator: 0, value: null },
        closedEscalated: 0,
        openOverdueAtPeriodEnd: 0,
      },
    });
  });

  it('narrows the figures to a catalogue matter', async () => {
    expect((await statistics(`period=2026-11&department=${department}&matter=${matterCode}`)).json.figures.received).toBe(3);
    const other = await statistics(`period=2026-11&department=${department}&matter=other-matter`);
    expect(other.json).toMatchObject({ matter: 'other-matter', figures: { received: 0, completed: 0, overdue: { openAtPeriodEnd: 0 } } });
  });

  it('counts the October cases in October and a quarter as the sum of its months', async () => {
    const october = await statistics(`period=2026-10&department=${department}`);
    expect(october.json.figures).toMatchObject({ received: 2, completed: 0, overdue: { openAtPeriodEnd: 0 } });

    const quarter = await statistics(`period=2026-Q4&department=${department}`);
    // Five received in October and November; in December NOVEMBER-NIGHT decided.
    expect(quarter.json.figures).toMatchObject({ received: 5, completed: 4, onTimeLegal: { numerator: 4, denominator: 4 } });
  });

  it('counts the signals raised in the month they were raised', async () => {
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/OVERDUE/timeline`, haishuToken);
    const raisedIn = monthOfInstant(timeline.json.alerts[0].raisedAt);

    const response = await statistics(`period=${raisedIn}&department=${department}`);

    // LAST-MINUTE decided past its promise (a warning); OVERDUE past its legal limit (a correction).
    expect(response.json.figures.signals).toEqual({ prompt: 0, warning: 1, correction: 1, total: 2 });
    expect(response.json.figures.signalCorrection).toEqual({ numerator: 0, denominator: 2, value: 0 });
    // Both call for a correction and neither is answered yet.
    expect(response.json.figures.signalsAnsweredInTime).toEqual({ numerator: 0, denominator: 2, value: 0 });
    // The 18 records arrived in this month too, every one days after its act: all reported late.
    expect(response.json.figures.records).toEqual({ reported: 18, late: { numerator: 18, denominator: 18, value: 1 } });
  });

  it("counts a warning the department's liaison explains within the time set as answered in time", async () => {
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/LAST-MINUTE/timeline`, haishuToken);
    const warning = timeline.json.alerts.find((alert: { level: string }) => alert.level === 'warning');
    // Five working days to answer, from the day it was raised (today): the due instant is days away.
    expect(Date.parse(warning.answerDueAt) - Date.parse(warning.raisedAt)).toBeGreaterThan(5 * 24 * 3600 * 1000);

    const reply = await fetch(new URL(`/v1/cases/${department}/licensing/LAST-MINUTE/alerts/${warning.ruleId}/actions`, runtime.apiUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${liaisonToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'respond', expectedVersion: warning.version, response: 'explained', note: '申请人当日补正材料，已说明' }),
    });
    expect(reply.status).toBe(200);

    const figures = (await statistics(`period=${monthOfInstant(warning.raisedAt)}&department=${department}`)).json.figures;
    expect(figures.signalsAnsweredInTime).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    // An explanation is an answer, not a cleared condition.
    expect(figures.signalCorrection).toEqual({ numerator: 0, denominator: 2, value: 0 });
  });

  it('keeps the overdue case open at the end of the next month until it is decided, then closes it in the month of the decision', async () => {
    expect((await statistics(`period=2026-12&department=${department}`)).json.figures.overdue).toEqual({ opened: 0, closed: 0, openAtPeriodEnd: 1 });

    // Decided Thu 3 December: 24 working days after 30 October, past the legal limit.
    await push([
      record('OVERDUE', 3, 'decided', '2026-12-03T10:00:00+08:00', refusedWithReasons),
      record('OVERDUE', 4, 'concluded', '2026-12-03T11:00:00+08:00'),
    ]);

    expect((await statistics(`period=2026-11&department=${department}`)).json.figures.overdue).toEqual({ opened: 1, closed: 0, openAtPeriodEnd: 1 });
    const december = await statistics(`period=2026-12&department=${department}`);
    expect(december.json.figures.overdue).toEqual({ opened: 0, closed: 1, openAtPeriodEnd: 0 });
    // NOVEMBER-NIGHT (0 working days) and OVERDUE (24): one of two within the legal limit.
    expect(december.json.figures).toMatchObject({ completed: 2, onTimeLegal: { numerator: 1, denominator: 2 }, processingWorkingDays: { mean: 12 } });
  });

  it('gives each role its scope: the district its departments, the city every one, a liaison its own', async () => {
    const district = await statistics('period=2026-11');
    expect(district.status).toBe(200);
    expect(district.json.departments.map((d: { department: string }) => d.department).sort()).toEqual(['haishu-housing', 'haishu-market-regulation']);
    expect(district.json.figures.received).toBe(3);

    const city = await statistics('period=2026-11&jurisdiction=haishu', cityToken);
    expect(city.json.figures.received).toBe(3);
    expect((await statistics('period=2026', cityToken)).json.departments).toHaveLength(6);

    const own = await statistics('period=2026-11', liaisonToken);
    expect(own.json.departments.map((d: { department: string }) => d.department)).toEqual([department]);
  });
});

describe('the verification of the aggregates against the stored cases', () => {
  it('finds the aggregates of the quarter equal to the counters recomputed from the cases', async () => {
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
    try {
      const result = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod('2026-Q4')!, department);
      expect(result).toMatchObject({ departments: 1, casesRead: 5, casesNotYetCounted: 0, differences: [] });
    } finally {
      client.destroy();
    }
  });

  it('names a counter changed outside the application', async () => {
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
    try {
      // One more case received in November in shard 0, and a signal under a rule, written behind the application's back.
      await DynamoDBDocumentClient.from(client).send(
        new UpdateCommand({
          TableName: runtime.tables.cases,
          Key: { pk: statisticsPk('haishu-market-regulation', 0), sk: statisticsSk('2026-11', 'licensing', 'food-business-licence') },
          UpdateExpression: 'SET department = :d, kind = :k, matterCode = :c, #month = :m ADD received :one, #rule :one',
          ExpressionAttributeNames: { '#month': 'month', '#rule': 'rule:licensing.fee' },
          ExpressionAttributeValues: { ':d': 'haishu-market-regulation', ':k': 'licensing', ':c': 'food-business-licence', ':m': '2026-11', ':one': 1 },
        }),
      );

      const result = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod('2026-11')!);

      expect(result.departments).toBe(6);
      expect(result.differences).toEqual([
        { department: 'haishu-market-regulation', month: '2026-11', counter: 'received', aggregated: 1, recomputed: 0 },
        { department: 'haishu-market-regulation', month: '2026-11', counter: 'rule:licensing.fee', aggregated: 1, recomputed: 0 },
      ]);
    } finally {
      client.destroy();
    }
  });
});

describe('what the statistics route refuses', () => {
  it("answers another district's department and jurisdiction as not found", async () => {
    const department = await statistics('period=2026-11&department=haishu-housing', yinzhouToken);
    expect(department.status).toBe(404);
    expect(department.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/department']);
    expect(department.text).not.toContain('received');

    expect((await statistics('period=2026-11&jurisdiction=haishu', yinzhouToken)).status).toBe(404);
    expect((await statistics('period=2026-11&department=yinzhou-market-regulation', liaisonToken)).status).toBe(404);
  });

  it('names every bad field of a query at once', async () => {
    const response = await statistics('period=2026-13&kind=Bad!&department=X&matter=%20&extra=1');

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/query/department',
      '/query/extra',
      '/query/kind',
      '/query/matter',
      '/query/period',
    ]);
  });

  it('refuses a department and a jurisdiction together', async () => {
    const response = await statistics('period=2026-11&department=haishu-housing&jurisdiction=haishu');
    expect(response.status).toBe(400);
    expect(response.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/jurisdiction']);
  });
});
