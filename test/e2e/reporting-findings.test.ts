/**
 * Reporting findings end to end through the local runtime (Art. 24(4), 24(2)): a department given a
 * connection date pushes records; a record received more than 24 hours after an act of its
 * connected time is prompted as late, its backfilled history is not; a decision stamped before the
 * acceptance it follows is found inaccurate; an acceptance whose application's receipt never came
 * is found incomplete by the sweep a day later and resolved by the receipt's record. Another
 * department whose refused share over the week reaches 5% is warned by the hourly connection
 * check, and the warning is resolved once the share falls back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { callComplaintApi, type ComplaintReply } from '../support/complaint-client.ts';
import { signedPost } from '../support/local-api-client.ts';
import { licensingRecordOf } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let administrator: string;

const housing = 'haishu-housing';
const market = 'haishu-market-regulation';
const credentialOf = (department: string) => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
const now = Date.now();
const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
const run = now.toString(36);

beforeAll(async () => {
  started = await startTestRuntime('reporting');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  administrator = await runtime.mintStaffToken({ subject: 'admin-1', role: 'systemAdministrator', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

const call = (method: string, path: string, bearer: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer, ...(body === undefined ? {} : { body }) });

async function push(department: string, records: readonly unknown[]): Promise<number> {
  const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credentialOf(department));
  await runtime.idle();
  return pushed.status;
}

const alertOf = (department: string, kind: string, caseId: string, ruleId: string) =>
  call('GET', `/v1/cases/${department}/${kind}/${caseId}/alerts/${ruleId}`, citySupervisor);
const alertsOfCase = async (department: string, caseId: string): Promise<string[]> => {
  const listed = await call('GET', `/v1/alerts?department=${department}`, citySupervisor);
  return (listed.json.items as { caseId: string; ruleId: string }[]).filter((item) => item.caseId === caseId).map((item) => item.ruleId);
};

/** The sweep's time at a quarter past the hour of `instant` (the hour before when that is later): when it checks connections. */
function quarterPast(instant: Date): Date {
  const at = new Date(instant);
  at.setUTCMinutes(15, 0, 0);
  return at > instant ? new Date(at.getTime() - 3_600_000) : at;
}

describe('reporting findings on a case', () => {
  const record = () => licensingRecordOf(housing, 'construction-permit');

  beforeAll(async () => {
    // The housing bureau was connected three days ago (Shanghai): acts before then are its backfilled history.
    const profile = await call('GET', `/v1/departments/${housing}`, administrator);
    const { name, jurisdiction, connectedKinds, version } = profile.json;
    const saved = await call('PUT', `/v1/departments/${housing}`, administrator, {
      name,
      jurisdiction,
      connectedKinds,
      connectedOn: shanghaiDate(new Date(now - 3 * 86_400_000)),
      expectedVersion: version,
    });
    expect(saved.status).toBe(200);
  });

  it('prompts for a record received more than 24 hours after an act of connected time, and never for backfill', async () => {
    // Prepare
    const late = `LATE-${run}`;
    const backfill = `BACKFILL-${run}`;

    // Act: an application received 30 hours ago, pushed now; a case of ten days ago, before the connection date.
    const status = await push(housing, [record()(late, 1, 'received', hoursAgo(30)), record()(backfill, 1, 'received', hoursAgo(240))]);
    const found = await alertOf(housing, 'licensing', late, 'reporting.late');

    // Assess
    expect(status).toBe(202);
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({
      ruleId: 'reporting.late',
      level: 'prompt',
      status: 'open',
      legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（四）项',
      summary: expect.stringMatching(/^第 1 条记录（received）所记行为发生于 .*，超过 24 小时，未及时上报。$/),
    });
    expect(await alertsOfCase(housing, backfill)).toEqual([]);
  });

  it('finds a decision stamped before the acceptance it follows inaccurate', async () => {
    // Prepare
    const caseId = `ORDER-${run}`;

    // Act: accepted two hours ago, decided (so it says) three hours ago.
    await push(housing, [
      record()(caseId, 1, 'received', hoursAgo(5)),
      record()(caseId, 2, 'accepted', hoursAgo(2)),
      record()(caseId, 3, 'decided', hoursAgo(3), { outcome: 'granted' }),
    ]);
    const found = await alertOf(housing, 'licensing', caseId, 'reporting.stage-order');

    // Assess
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({
      level: 'warning',
      status: 'open',
      summary: expect.stringMatching(/^第 3 条记录（decided）所记时间 .* 早于在先环节第 2 条记录（accepted）/),
    });
    expect(await alertsOfCase(housing, caseId)).toEqual(['reporting.stage-order']);
  });

  it("finds an acceptance without its application's receipt incomplete a day later, and resolves it when the receipt arrives", async () => {
    // Prepare: the acceptance arrives now, the application's receipt does not.
    const caseId = `GAP-${run}`;
    await push(housing, [record()(caseId, 2, 'accepted', hoursAgo(1))]);
    const atOnce = await alertsOfCase(housing, caseId);

    // Act: the sweep a day and an hour later.
    await runtime.fireSchedule('deadline-sweep', new Date(Date.now() + 25 * 3_600_000));
    const found = await alertOf(housing, 'licensing', caseId, 'reporting.incomplete');
    await push(housing, [record()(caseId, 1, 'received', hoursAgo(2))]);
    const resolved = await alertOf(housing, 'licensing', caseId, 'reporting.incomplete');

    // Assess
    expect(atOnce).toEqual([]);
    expect(found.status).toBe(200);
    expect(found.json).toMatchObject({
      level: 'warning',
      status: 'open',
      summary: expect.stringMatching(/^已报送第 2 条记录（accepted，接收于 .*仍未报送其在先环节（received）的记录，上报的信息不完整。$/),
    });
    expect(resolved.json).toMatchObject({ status: 'resolved' });
  });
});

describe('the data standard on the connection check', () => {
  const record = licensingRecordOf(market, 'food-business-licence');
  const feedAlert = `/v1/cases/${market}/connection/feed/alerts/connection.data-standard`;

  it('warns a department when 5% of its records over the week were refused, and resolves it when the share falls back', async () => {
    // Prepare: 19 records accepted and one of a matter not in the catalogue refused today: 1 of 20.
    const records = Array.from({ length: 19 }, (_unused, i) => record(`STANDARD-${run}-${i}`, 1, 'received', hoursAgo(0.5)));
    await push(market, [...records, { ...record(`STANDARD-${run}-X`, 1, 'received', hoursAgo(0.5)), matterCode: 'no-such-matter' }]);
    const firstCheck = quarterPast(new Date());

    // Act
    await runtime.fireSchedule('deadline-sweep', firstCheck);
    const raised = await call('GET', feedAlert, citySupervisor);
    // Two more accepted: 1 of 22 is under 5%.
    await push(market, [record(`STANDARD-${run}-Y`, 1, 'received', hoursAgo(0.2)), record(`STANDARD-${run}-Z`, 1, 'received', hoursAgo(0.1))]);
    await runtime.fireSchedule('deadline-sweep', new Date(firstCheck.getTime() + 3_600_000));
    const resolved = await call('GET', feedAlert, citySupervisor);

    // Assess
    expect(raised.status).toBe(200);
    expect(raised.json).toMatchObject({
      kind: 'connection',
      caseId: 'feed',
      ruleId: 'connection.data-standard',
      level: 'warning',
      status: 'open',
      legalBasis: '《宁波市行政电子监察管理办法》第二十四条第一款第（二）项',
      summary: expect.stringMatching(/^.* 报送的 20 条记录中有 1 条不符合数据标准被拒收（5%），达到 5% 的限度。$/),
    });
    expect(resolved.json).toMatchObject({ status: 'resolved' });
    expect(resolved.json.history.map((entry: { change: string }) => entry.change)).toEqual(['raised', 'resolved']);
  });
});
