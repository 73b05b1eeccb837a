/**
 * The data-quality scorecard end to end through the local runtime (Art. 7(2), 24): a department
 * given a connection date pushes a record received 30 hours after its act, a decision stamped
 * before its acceptance and a record of a matter not in its catalogue; its row counts the late and
 * the inaccurate findings, the refusal and the late arrival, and grades it from the declared
 * deductions. A district supervisor sees only its district's departments, a liaison only its own;
 * another's department is 404; bad ranges and malformed departments are 400 naming the field.
 * The read units of a city-wide scorecard are measured by the runtime's usage meter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { totalsOf, UsageMeter } from '#infra/local/usage-meter.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { callComplaintApi, type ComplaintReply } from '../support/complaint-client.ts';
import { signedPost } from '../support/local-api-client.ts';
import { licensingRecordOf } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let haishuSupervisor: string;
let housingLiaison: string;
let administrator: string;
const meter = new UsageMeter();

const housing = 'haishu-housing';
const resources = 'yinzhou-natural-resources';
const credentialOf = (department: string) => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
const now = Date.now();
const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
const run = now.toString(36);
const today = shanghaiDate(new Date(now));

beforeAll(async () => {
  started = await startTestRuntime('data-quality', { meter });
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'haishu-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  administrator = await runtime.mintStaffToken({ subject: 'admin-1', role: 'systemAdministrator', jurisdiction: 'city' });
  housingLiaison = await runtime.mintStaffToken({
    subject: 'liaison-h',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: housing,
    secondFactor: false,
  });
});

afterAll(async () => {
  await started?.dispose();
});

const call = (method: string, path: string, bearer: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer, ...(body === undefined ? {} : { body }) });
const departmentsOf = (reply: ComplaintReply): string[] => (reply.json.items as { department: string }[]).map((item) => item.department);

async function push(department: string, records: readonly unknown[]): Promise<number> {
  const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credentialOf(department));
  await runtime.idle();
  return pushed.status;
}

describe("a department's data-quality scorecard", () => {
  beforeAll(async () => {
    // The housing bureau was connected three days ago (Shanghai): a record of an act since then, 30 hours late, is a late report.
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
    const record = licensingRecordOf(housing, 'construction-permit');
    const status = await push(housing, [
      record(`LATE-${run}`, 1, 'received', hoursAgo(30)),
      record(`ORDER-${run}`, 1, 'received', hoursAgo(5)),
      record(`ORDER-${run}`, 2, 'accepted', hoursAgo(2)),
      record(`ORDER-${run}`, 3, 'decided', hoursAgo(3), { outcome: 'granted' }),
      { ...record(`REFUSED-${run}`, 1, 'received', hoursAgo(1)), matterCode: 'no-such-matter' },
    ]);
    expect(status).toBe(202);
  });

  it('counts the findings raised about a department by kind, its refusals and late arrivals, and grades it', async () => {
    // Act
    const read = await call('GET', `/v1/data-quality?department=${housing}&from=${today}&to=${today}`, citySupervisor);

    // Assess: 4 accepted, 1 refused (20% → 30 points, capped); 1 of 4 over 24 hours (25% → 20, capped);
    // one late report (1) and one inaccurate (2): 100 − 53 = 47, 差.
    expect(read.status).toBe(200);
    expect(read.json.scoring).toMatchObject({ gradeThresholds: { excellent: 90, good: 75, fair: 60 } });
    expect(read.json.items).toHaveLength(1);
    expect(read.json.items[0]).toMatchObject({
      department: housing,
      jurisdiction: 'haishu',
      records: {
        arrived: 5,
        accepted: 4,
        refused: 1,
        refusalRate: 0.2,
        receivedOver24Hours: 1,
        lateRate: 0.25,
        lagMedian: 'withinDay',
        lagP95: 'withinWeek',
      },
      findings: {
        raised: { late: 1, inaccurate: 1, incomplete: 0, dataStandard: 0, reconciliationDifference: 0, silentFeed: 0 },
        active: { late: 1, inaccurate: 1 },
        raisedTotal: 2,
        activeTotal: 2,
        complete: true,
      },
      reconciliation: null,
      deductions: { refusals: 30, lateArrivals: 20, findings: 3 },
      score: 47,
      grade: 'poor',
    });
  });

  it("shows a district supervisor only its district's departments, a liaison only its own, the city every one", async () => {
    // Act
    const district = await call('GET', '/v1/data-quality', haishuSupervisor);
    const own = await call('GET', '/v1/data-quality', housingLiaison);
    const city = await call('GET', '/v1/data-quality', citySupervisor);
    const structure = await call('GET', '/v1/departments', citySupervisor);

    // Assess
    expect(district.status).toBe(200);
    expect(departmentsOf(district).sort()).toEqual(['haishu-housing', 'haishu-market-regulation']);
    expect(departmentsOf(own)).toEqual([housing]);
    expect(departmentsOf(city)).toEqual(departmentsOf(structure));
    // A department from which nothing arrived in the range is not graded.
    const silent = (city.json.items as { department: string; score: number | null; grade: string | null }[]).find((item) => item.department === resources);
    expect(silent).toMatchObject({ score: null, grade: null });
  });

  it("does not show a district supervisor another district's department, nor a liaison another department", async () => {
    const district = await call('GET', `/v1/data-quality?department=${resources}`, haishuSupervisor);
    const liaison = await call('GET', `/v1/data-quality?department=${resources}`, housingLiaison);
    const unknown = await call('GET', '/v1/data-quality?department=no-such-department', citySupervisor);
    const otherDistrict = await call('GET', '/v1/data-quality?jurisdiction=yinzhou', haishuSupervisor);

    expect([district.status, liaison.status, unknown.status, otherDistrict.status]).toEqual([404, 404, 404, 404]);
    expect(district.json).toMatchObject({ status: 404 });
  });

  it.each([
    ['from after to', `?department=${housing}&from=2026-12-05&to=2026-12-01`, '/query/from'],
    ['a range longer than 92 days', '?from=2026-01-01&to=2026-12-31', '/query/to'],
    ['a date that does not exist', '?from=2026-02-30', '/query/from'],
    ['a department id that cannot be one', '?department=Not_A_Department', '/query/department'],
    ['a department and a jurisdiction at once', `?department=${housing}&jurisdiction=haishu`, '/query/department'],
    ['an unknown parameter', '?period=2026-12', '/query/period'],
  ])('refuses %s with 400 naming the field', async (_case, query, pointer) => {
    const refused = await call('GET', `/v1/data-quality${query}`, citySupervisor);

    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ status: 400, title: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(refused.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
  });

  it('costs a city-wide scorecard a few read units per department', async () => {
    // Act
    const departments = departmentsOf(await call('GET', '/v1/departments', citySupervisor)).length;
    meter.reset();
    const read = await call('GET', `/v1/data-quality?from=${today}&to=${today}`, citySupervisor);
    const usage = totalsOf(meter.snapshot(), (count) => count.service === 'dynamodb' && count.caller === 'city-structure-api');

    // Assess: per department, its feed status, its days, its reconciliations and its signals of the range; the directory once.
    expect(read.status).toBe(200);
    expect(usage.requests).toBeLessThanOrEqual(4 * departments + 3);
    expect(usage.readUnits).toBeLessThanOrEqual(2 * departments + 3);
    process.stdout.write(`data-quality scorecard: ${departments} departments, ${usage.requests} requests, ${usage.readUnits} read units\n`);
  });
});
