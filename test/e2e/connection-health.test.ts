/**
 * Connection health end to end through the local runtime: a department pushes and reads its
 * figures of the day; a liaison cannot read another department's; bad ranges are refused naming
 * the field. The hourly connection check (the deadline sweep at a quarter past the hour), fired by
 * hand as EventBridge may (twice at once, then again), raises the silence warning of a department that never pushed once; the department's
 * liaison acknowledges it as any signal; its push resolves it at the next check. The warning counts
 * in the department's statistics of the month it was raised (under the kind `connection`), its
 * resolution as a correction, and the verification of the aggregates recomputes both.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStatisticsIn } from '#infra/operations/statistics-verify.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { monthOfInstant, parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { callComplaintApi, type ComplaintReply } from '../support/complaint-client.ts';
import { signedPost } from '../support/local-api-client.ts';
import { testClientConfig } from '../support/dynamodb.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let haishuSupervisor: string;
let housingLiaison: string;
let resourcesLiaison: string;

const housing = 'haishu-housing';
const resources = 'yinzhou-natural-resources';
const credentialOf = (department: string) => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;

beforeAll(async () => {
  started = await startTestRuntime('connection-health');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'haishu-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  housingLiaison = await runtime.mintStaffToken({
    subject: 'liaison-h',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: housing,
    secondFactor: false,
  });
  resourcesLiaison = await runtime.mintStaffToken({
    subject: 'liaison-r',
    role: 'departmentLiaison',
    jurisdiction: 'yinzhou',
    department: resources,
    secondFactor: false,
  });
});

afterAll(async () => {
  await started?.dispose();
});

const get = (token: string, path: string): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, 'GET', path, { bearer: token });
const post = (token: string, path: string, body: unknown): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, 'POST', path, { bearer: token, body });

async function push(department: string, records: readonly Record<string, unknown>[]): Promise<number> {
  const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credentialOf(department));
  await runtime.idle();
  return pushed.status;
}

const licensing = (department: string, matterCode: string, caseId: string, occurredAt: string, overrides: Record<string, unknown> = {}) => ({
  kind: 'licensing',
  department,
  matterCode,
  caseId,
  sequence: 1,
  event: 'received',
  occurredAt,
  ...overrides,
});

describe("a department's connection health", () => {
  it('counts what a push accepted and refused, and how late it arrived, on the Shanghai day of receipt', async () => {
    // Prepare: one record an hour old, one three days old, one of a matter not in the catalogue.
    const now = Date.now();
    const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
    const today = shanghaiDate(new Date());

    // Act
    const status = await push(housing, [
      licensing(housing, 'construction-permit', `HEALTH-${now}-1`, hoursAgo(0.5)),
      licensing(housing, 'construction-permit', `HEALTH-${now}-2`, hoursAgo(72)),
      licensing(housing, 'no-such-matter', `HEALTH-${now}-3`, hoursAgo(0.5)),
    ]);
    const read = await get(housingLiaison, `/v1/connection-health?department=${housing}&from=${today}&to=${today}`);

    // Assess
    expect(status).toBe(202);
    expect(read.status).toBe(200);
    expect(read.json.items).toHaveLength(1);
    expect(read.json.items[0]).toMatchObject({
      department: housing,
      connectedKinds: ['licensing', 'publicResourceTrading', 'disclosure', 'investmentProject'],
      kindsWithoutRecords: ['publicResourceTrading', 'disclosure', 'investmentProject'],
      lastReceivedAt: expect.stringMatching(/\+08:00$/),
      from: today,
      to: today,
      days: [{ date: today, accepted: 2, duplicates: 0, refused: 1, refusedByReason: { unknownMatter: 1 } }],
      totals: {
        accepted: 2,
        refused: 1,
        refusalRate: 0.3333,
        lag: { withinHour: 1, withinDay: 0, withinWeek: 1, overWeek: 0 },
        receivedOver24Hours: 1,
      },
    });
  });

  it("lists the departments of the caller's scope: a district supervisor its district's, a liaison its own", async () => {
    const district = await get(haishuSupervisor, '/v1/connection-health');
    const own = await get(housingLiaison, '/v1/connection-health');
    const city = await get(citySupervisor, '/v1/connection-health');
    const structure = await get(citySupervisor, '/v1/departments');

    expect(district.status).toBe(200);
    expect(district.json.items.map((item: { department: string }) => item.department).sort()).toEqual(['haishu-housing', 'haishu-market-regulation']);
    expect(own.json.items.map((item: { department: string }) => item.department)).toEqual([housing]);
    expect(city.json.items.map((item: { department: string }) => item.department)).toEqual(
      structure.json.items.map((item: { department: string }) => item.department),
    );
    expect(city.json.items.length).toBeGreaterThan(district.json.items.length);
  });

  it("does not show a liaison another department's health, nor a district supervisor another district's", async () => {
    const liaison = await get(housingLiaison, `/v1/connection-health?department=${resources}`);
    const district = await get(haishuSupervisor, `/v1/connection-health?department=${resources}`);
    const unknown = await get(citySupervisor, '/v1/connection-health?department=no-such-department');

    expect([liaison.status, district.status, unknown.status]).toEqual([404, 404, 404]);
    expect(liaison.json).toMatchObject({ status: 404 });
  });

  it.each([
    ['from after to', `?department=${housing}&from=2026-12-05&to=2026-12-01`, '/query/from'],
    ['a range longer than 92 days', '?from=2026-01-01&to=2026-12-31', '/query/to'],
    ['a date that does not exist', '?from=2026-02-30', '/query/from'],
    ['a department and a jurisdiction at once', `?department=${housing}&jurisdiction=haishu`, '/query/department'],
    ['a department id that cannot be one', '?department=Not_A_Department', '/query/department'],
    ['an unknown parameter', '?since=2026-12-01', '/query/since'],
  ])('refuses %s with 400 naming the field', async (_case, query, pointer) => {
    const refused = await get(citySupervisor, `/v1/connection-health${query}`);

    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
  });
});

/** The sweep's time at a quarter past the hour of `instant` (the hour before when that is later): when it checks connections. */
function quarterPast(instant: Date): Date {
  const at = new Date(instant);
  at.setUTCMinutes(15, 0, 0);
  return at > instant ? new Date(at.getTime() - 3_600_000) : at;
}

describe('the connection check', () => {
  const feedAlert = `/v1/cases/${resources}/connection/feed/alerts/connection.feed-silent`;

  it('raises the silence warning of a department that never pushed once however often it fires, and its push resolves it', async () => {
    // Prepare: the check first watches the department 14 days ago (its connection date: none is configured);
    // 14 calendar days hold more than two working days (16 working hours) even around a golden week.
    await runtime.fireSchedule('deadline-sweep', quarterPast(new Date(Date.now() - 14 * 86_400_000)));
    const firedAt = quarterPast(new Date());

    // Act: the firing, a duplicate at once, and a retry.
    await Promise.all([runtime.fireSchedule('deadline-sweep', firedAt), runtime.fireSchedule('deadline-sweep', firedAt)]);
    await runtime.fireSchedule('deadline-sweep', firedAt);
    // Other minutes of the hour check no connection.
    await runtime.fireSchedule('deadline-sweep', new Date(firedAt.getTime() + 60_000));
    const raised = await get(citySupervisor, feedAlert);
    const listed = await get(citySupervisor, `/v1/alerts?department=${resources}`);
    const raisedEvents = runtime.alertEvents().filter((e) => (e.detail as { alert?: { department: string; kind: string } }).alert?.department === resources);

    // Assess
    expect(raised.status).toBe(200);
    expect(raised.json).toMatchObject({
      kind: 'connection',
      caseId: 'feed',
      ruleId: 'connection.feed-silent',
      level: 'warning',
      status: 'open',
      version: 1,
      legalBasis: '《宁波市行政电子监察管理办法》第七条第（一）项、第十条第二款',
    });
    expect(listed.json.items.filter((item: { kind: string }) => item.kind === 'connection')).toHaveLength(1);
    // Delivery is at least once (a concurrent run's relay may publish an event before its writer clears it): one event id.
    const connectionEvents = raisedEvents.filter((e) => (e.detail as { alert: { kind: string } }).alert.kind === 'connection');
    expect([...new Set(connectionEvents.map((e) => `${e['detail-type']} ${(e.detail as { eventId: string }).eventId}`))]).toEqual([
      `AlertRaised ${resources}/connection/feed/connection.feed-silent/1/0`,
    ]);

    // Act: the liaison acknowledges it as any signal; the department pushes; the next check runs.
    const acknowledged = await post(resourcesLiaison, `${feedAlert}/actions`, { action: 'acknowledge', expectedVersion: 1 });
    const now = new Date().toISOString();
    expect(await push(resources, [licensing(resources, 'land-use-planning-permit', `RESUMED-${Date.now()}`, now)])).toBe(202);
    await runtime.fireSchedule('deadline-sweep', new Date(quarterPast(new Date()).getTime() + 3_600_000));
    const resolved = await get(resourcesLiaison, feedAlert);

    // Assess
    expect(acknowledged.status).toBe(200);
    expect(resolved.json).toMatchObject({ status: 'resolved', version: 3 });
    expect(resolved.json.history.map((entry: { change: string }) => entry.change)).toEqual(['raised', 'acknowledged', 'resolved']);
  });

  it("counts the silence warning in the department's statistics of the month it was raised, and the verification agrees", async () => {
    // Prepare: the warning raised, then resolved by the department's push (the test before).
    const alert = await get(citySupervisor, feedAlert);
    const month = monthOfInstant(alert.json.raisedAt);

    // Act
    const all = await get(citySupervisor, `/v1/statistics?period=${month}&department=${resources}`);
    const connection = await get(citySupervisor, `/v1/statistics?period=${month}&department=${resources}&kind=connection`);
    const licensingOnly = await get(citySupervisor, `/v1/statistics?period=${month}&department=${resources}&kind=licensing`);
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: runtime.dynamoEndpoint });
    const verified = await verifyStatisticsIn(client, runtime.tables, parseStatisticsPeriod(month)!, resources).finally(() => client.destroy());

    // Assess: the department's signals hold the warning, under its own kind, not under a record kind's.
    expect(alert.json).toMatchObject({ status: 'resolved', level: 'warning' });
    expect(all.status).toBe(200);
    expect(all.json.figures.signals).toEqual({ prompt: 0, warning: 1, correction: 0, total: 1 });
    expect(all.json.figures.signalCorrection).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(connection.json.figures.signals).toEqual({ prompt: 0, warning: 1, correction: 0, total: 1 });
    expect(connection.json.figures.received).toBe(0);
    expect(licensingOnly.json.figures.signals).toEqual({ prompt: 0, warning: 0, correction: 0, total: 0 });
    // A warning of a connection has no time to answer set: it is not among the signals to correct.
    expect(all.json.figures.signalsAnsweredInTime).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(verified).toMatchObject({ departments: 1, pseudoCaseSignalsRead: 1, differences: [] });
  });
});
