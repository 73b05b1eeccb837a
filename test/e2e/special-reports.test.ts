/**
 * Special reports end to end through the local runtime's HTTP API (Art. 21 ¶2): four departments
 * of two districts each leave a licensing decision past its legal limit, so the same rule
 * (licensing.decision-time-limit) is broken in four departments of two districts this month; the
 * city supervisor drafts the month's special report, which names the rule, its article, the
 * departments, the districts and the figures, then edits it at the version read and issues it.
 * A district supervisor cannot draft for another district; bad input is refused naming each
 * field, and nothing is stored.
 *
 * The signals are raised when the records are processed (now), so they count in this month.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { specialReportPk } from '#shared/adapters/dynamodb/dynamodb-special-report-store.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { callComplaintApi, runtimeDynamoClient, type ComplaintReply } from '../support/complaint-client.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let haishuSupervisor: string;
let liaison: string;

const thisMonth = shanghaiDate(new Date()).slice(0, 7);
const rule = 'licensing.decision-time-limit';

/** One licensing matter of each of four departments (the demonstration catalogue), two in each district. */
const overdue = [
  { department: 'haishu-housing', matterCode: 'construction-permit', name: '海曙区住房和城乡建设局' },
  { department: 'haishu-market-regulation', matterCode: 'food-business-licence', name: '海曙区市场监督管理局' },
  { department: 'yinzhou-market-regulation', matterCode: 'food-business-licence', name: '鄞州区市场监督管理局' },
  { department: 'yinzhou-natural-resources', matterCode: 'land-use-planning-permit', name: '鄞州区自然资源和规划局' },
];

beforeAll(async () => {
  started = await startTestRuntime('special-reports');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  liaison = await runtime.mintStaffToken({
    subject: 'liaison-1',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
  // Accepted on 1 September 2026 and never decided: every limit long past, a correction signal each.
  for (const { department, matterCode } of overdue) {
    const credential = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
    const record = licensingRecordOf(department, matterCode);
    await pushAndProcess(runtime, credential, [
      record('LATE-1', 1, 'received', '2026-09-01T09:00:00+08:00'),
      record('LATE-1', 2, 'accepted', '2026-09-01T10:00:00+08:00'),
    ]);
  }
});

afterAll(async () => {
  await started?.dispose();
});

const staff = (token: string, method: string, path: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer: token, ...(body === undefined ? {} : { body }) });
const draft = (token: string, body: unknown) => staff(token, 'POST', '/v1/special-reports', body);
const step = (token: string, report: string, body: unknown) => staff(token, 'POST', `/v1/special-reports/${report}`, body);
const list = (token: string, owner: string, period: string) => staff(token, 'GET', `/v1/special-reports?owner=${owner}&period=${period}`);

async function storedReports(owner: string, period: string): Promise<number> {
  const client = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  const page = await client.send(
    new QueryCommand({
      TableName: runtime.tables.reference,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': specialReportPk(owner, period) },
    }),
  );
  return page.Items?.length ?? 0;
}

async function auditEntries(target: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  const day = new Date().toISOString().slice(0, 10);
  const page = await client.send(
    new QueryCommand({ TableName: runtime.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${day}` } }),
  );
  return (page.Items ?? []).filter((item) => item['target'] === target);
}

describe("a city's special report", () => {
  it('finds the rule broken in four departments of two districts, drafts the report in Chinese, and lets it be edited at the version read and issued', async () => {
    // Act
    const drafted = await draft(citySupervisor, { owner: 'city', period: thisMonth, thresholds: { departments: 4, districts: 2 } });

    // Assess: one widespread breach, with the article, every department and both districts.
    expect(drafted.status).toBe(201);
    expect(drafted.json).toMatchObject({ report: `city.${thisMonth}.1`, owner: 'city', period: thisMonth, id: 1, version: 1, status: 'draft' });
    expect(drafted.json.thresholds).toEqual({ departments: 4, districts: 2, previousPeriods: 3, risePercent: 50, minimumCount: 5 });
    const [widespread, ...others] = drafted.json.findings;
    expect(widespread).toEqual({
      kind: 'widespread',
      ruleId: rule,
      article: '《中华人民共和国行政许可法》第四十二条',
      count: 4,
      departments: expect.arrayContaining(overdue.map(({ department, name }) => ({ department, name, jurisdiction: department.split('-')[0], count: 1 }))),
      districts: [
        { jurisdiction: 'haishu', departments: 2, count: 2 },
        { jurisdiction: 'yinzhou', departments: 2, count: 2 },
      ],
      met: { departments: true, districts: true },
    });
    // Four signals are under the minimum of 5: no rise, from zero or otherwise.
    expect(others).toEqual([]);
    expect(drafted.json.content.title).toContain('专项报告');
    expect(drafted.json.content.sections).toHaveLength(1);
    expect(drafted.json.content.sections[0].body).toContain('共产生监察信号 4 条，涉及 4 个部门');
    expect(drafted.json.content.sections[0].body).toContain('海曙区（2 个部门，2 条）');
    expect(drafted.json.content.measures[0]).toContain('《中华人民共和国行政许可法》第四十二条');

    // Act: the supervisor edits the words at version 1, someone else's edit at version 1 is stale, then it is issued.
    const words = { ...drafted.json.content, title: '关于行政许可超期未决问题的专项报告' };
    const edited = await step(citySupervisor, `city.${thisMonth}.1`, { step: 'edit', ...words, expectedVersion: 1 });
    const stale = await step(citySupervisor, `city.${thisMonth}.1`, { step: 'edit', ...words, title: '另一个标题', expectedVersion: 1 });
    const issued = await step(citySupervisor, `city.${thisMonth}.1`, { step: 'issue', expectedVersion: 2 });
    const editedAfter = await step(citySupervisor, `city.${thisMonth}.1`, { step: 'edit', ...words, expectedVersion: 3 });
    const listed = await list(citySupervisor, 'city', thisMonth);
    const readByDistrict = await list(haishuSupervisor, 'city', thisMonth);

    // Assess
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      version: 2,
      status: 'draft',
      content: { title: '关于行政许可超期未决问题的专项报告' },
      editedBy: 'citySupervisor:city-1',
    });
    expect(stale.status).toBe(409);
    expect(stale.json.type).toContain('stale-version');
    expect(issued.status).toBe(200);
    expect(issued.json).toMatchObject({ version: 3, status: 'issued', issuedBy: 'citySupervisor:city-1' });
    expect(editedAfter.status).toBe(409);
    expect(editedAfter.json.type).toContain('action-not-allowed');
    expect(listed.json.reports).toEqual([
      expect.objectContaining({ id: 1, version: 3, status: 'issued', content: expect.objectContaining({ title: '关于行政许可超期未决问题的专项报告' }) }),
    ]);
    expect(readByDistrict.status).toBe(404);
    expect((await auditEntries(`special-report:city/${thisMonth}#1`)).map((entry) => entry['action'])).toEqual(
      expect.arrayContaining(['special-report.draft', 'special-report.edit', 'special-report.issue']),
    );
  });

  it('lets a district supervisor draft for its district, where the same rule broken in its two departments is widespread from two', async () => {
    const drafted = await draft(haishuSupervisor, { owner: 'haishu', period: thisMonth, thresholds: { departments: 2 } });

    expect(drafted.status).toBe(201);
    expect(drafted.json.findings).toEqual([
      expect.objectContaining({ kind: 'widespread', ruleId: rule, count: 2, met: { departments: true, districts: false } }),
    ]);
    expect(drafted.json.content.title).toBe(`关于海曙区${Number(thisMonth.slice(0, 4))}年${Number(thisMonth.slice(5))}月行政行为普遍性、突出性问题的专项报告`);
  });
});

describe('refusals', () => {
  it('refuses a district supervisor drafting for another district or for the city, and a liaison, storing nothing', async () => {
    const yinzhou = await draft(haishuSupervisor, { owner: 'yinzhou', period: thisMonth });
    const city = await draft(haishuSupervisor, { owner: 'city', period: '2026-10' });
    const byLiaison = await draft(liaison, { owner: 'haishu', period: '2026-10' });
    const editOther = await step(haishuSupervisor, `city.${thisMonth}.1`, {
      step: 'edit',
      title: 't',
      summary: 's',
      sections: [],
      measures: [],
      expectedVersion: 3,
    });

    expect([yinzhou.status, city.status, byLiaison.status, editOther.status]).toEqual([403, 403, 403, 403]);
    expect(yinzhou.json.errors).toEqual([expect.objectContaining({ pointer: '/owner' })]);
    expect(await storedReports('yinzhou', thisMonth)).toBe(0);
    expect(await storedReports('city', '2026-10')).toBe(0);
    expect(await auditEntries(`special-report:yinzhou/${thisMonth}`)).toEqual([
      expect.objectContaining({ outcome: 'denied', actor: 'districtSupervisor:hs-1' }),
    ]);
  });

  it('refuses an unknown period and thresholds out of range with 400, naming each field, and stores nothing', async () => {
    const malformed = await draft(haishuSupervisor, {
      owner: 'haishu',
      period: '2026-13',
      thresholds: { departments: 1, districts: 500, previousPeriods: 13, risePercent: 0, minimumCount: 1.5, extra: 1 },
    });
    const future = await draft(haishuSupervisor, { owner: 'haishu', period: '2099-01' });
    const badEdit = await step(haishuSupervisor, `haishu.${thisMonth}.1`, {
      step: 'edit',
      title: '',
      summary: 's',
      sections: [{}],
      measures: [],
      expectedVersion: 0,
    });
    const unknownReport = await step(citySupervisor, `city.${thisMonth}.9`, { step: 'issue', expectedVersion: 1 });
    const badPath = await list(citySupervisor, 'city', '2026-13');
    const badId = await step(citySupervisor, 'city.2026-13.x', { step: 'issue', expectedVersion: 1 });

    expect(malformed.status).toBe(400);
    expect(malformed.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(
      [
        '/period',
        '/thresholds/departments',
        '/thresholds/districts',
        '/thresholds/extra',
        '/thresholds/minimumCount',
        '/thresholds/previousPeriods',
        '/thresholds/risePercent',
      ].sort(),
    );
    expect(malformed.json.errors.find((e: { pointer: string }) => e.pointer === '/thresholds/departments').detail).toContain('部门数至少为 2');
    expect(future.status).toBe(400);
    expect(future.json.errors).toEqual([{ pointer: '/period', detail: expect.stringContaining('2099-01 尚未开始') }]);
    expect(badEdit.status).toBe(400);
    expect(badEdit.json.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/expectedVersion',
      '/sections/0/body',
      '/sections/0/heading',
      '/title',
    ]);
    expect((await list(haishuSupervisor, 'haishu', thisMonth)).json.reports).toEqual([expect.objectContaining({ id: 1, version: 1, status: 'draft' })]);
    expect(unknownReport.status).toBe(404);
    expect(badPath.status).toBe(400);
    expect(badPath.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/period']);
    expect(badId.status).toBe(400);
    expect(badId.json.errors).toEqual([{ pointer: '/path/report', detail: expect.stringContaining('期间部分') }]);
    expect(await storedReports('haishu', '2026-13')).toBe(0);
    expect(await storedReports('haishu', '2099-01')).toBe(0);
  });
});
