/**
 * Rectification suggestions end to end through the local runtime's HTTP API (Art. 21, 23): a
 * department's signals of this month drafted into a suggestion by its district's supervisor,
 * edited, sent, reported on by the department, returned, reported again and accepted; every step
 * audited. Another department cannot read it, another district's supervisor cannot touch it, a
 * sent suggestion cannot be edited, and bad input is refused naming each field with nothing stored.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { callComplaintApi, runtimeDynamoClient, type ComplaintReply } from '../support/complaint-client.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let haishuSupervisor: string;
let yinzhouSupervisor: string;
let citySupervisor: string;
let housingLiaison: string;
let marketLiaison: string;

const department = 'haishu-housing';
const thisMonth = shanghaiDate(new Date()).slice(0, 7);
const id = `${department}.${thisMonth}`;

beforeAll(async () => {
  started = await startTestRuntime('rectification');
  runtime = started.runtime;
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  yinzhouSupervisor = await runtime.mintStaffToken({ subject: 'yz-1', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  housingLiaison = await runtime.mintStaffToken({ subject: 'l-housing', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
  marketLiaison = await runtime.mintStaffToken({
    subject: 'l-market',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-market-regulation',
    secondFactor: false,
  });
  // Two applications received in September 2025 and never decided: each is past its statutory limit, so its signals are raised now, this month.
  const housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  const record = licensingRecordOf(department, 'construction-permit');
  await pushAndProcess(runtime, housing, [
    record('RECT-1', 1, 'received', '2025-09-01T09:00:00+08:00'),
    record('RECT-2', 1, 'received', '2025-09-02T09:00:00+08:00'),
  ]);
});

afterAll(async () => {
  await started?.dispose();
});

const call = (token: string, method: string, path: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer: token, ...(body === undefined ? {} : { body }) });
const step = (token: string, body: unknown, suggestion = id) => call(token, 'POST', `/v1/rectifications/${suggestion}`, body);
const draft = (token: string, suggestion = id) => step(token, { step: 'draft' }, suggestion);
const list = (token: string, query = '') => call(token, 'GET', `/v1/rectifications${query}`);
const stored = async (token = haishuSupervisor) =>
  (await list(token, `?department=${department}`)).json.items.find((s: { suggestion: string }) => s.suggestion === id);
const pointers = (reply: ComplaintReply): string[] => (reply.json.errors as { pointer: string }[]).map((e) => e.pointer).sort();

async function auditedActions(): Promise<string[]> {
  const documents = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: runtime.tables.audit,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${new Date().toISOString().slice(0, 10)}` },
      ConsistentRead: true,
    }),
  );
  return Items.filter((entry) => String(entry['target']).startsWith(`rectification:${id}`)).map(
    (entry) => `${String(entry['action'])} ${String(entry['outcome'])} ${String(entry['actor'])}`,
  );
}

describe('a rectification suggestion from draft to acceptance', () => {
  it("drafts from the department's signals of the month, then is edited, sent, reported on, returned, reported again and accepted", async () => {
    // Prepare: the department's signals as its alert list shows them.
    const alerts = (await call(haishuSupervisor, 'GET', `/v1/alerts?department=${department}&limit=100`)).json.items as {
      caseId: string;
      ruleId: string;
      level: string;
      raisedAt: string;
    }[];
    const ours = alerts.filter((a) => a.caseId === 'RECT-1' || a.caseId === 'RECT-2');
    expect(ours.filter((a) => a.ruleId === 'licensing.decision-time-limit').map((a) => [a.caseId, a.level])).toEqual([
      ['RECT-2', 'correction'],
      ['RECT-1', 'correction'],
    ]);

    // Act: draft.
    const drafted = await draft(haishuSupervisor);

    // Assess: grouped by rule, the two cases under the decision limit with their article, both still open past the limit.
    expect(drafted.status).toBe(200);
    expect(drafted.json).toMatchObject({ suggestion: id, department, jurisdiction: 'haishu', period: thisMonth, status: 'drafted', version: 1 });
    expect(drafted.json.draft.signalCount).toBe(alerts.length);
    const decision = drafted.json.draft.groups.find((g: { ruleId: string }) => g.ruleId === 'licensing.decision-time-limit');
    expect(decision).toMatchObject({
      legalBasis: expect.stringContaining('第四十二条'),
      counts: { prompt: 0, warning: 0, correction: 2 },
      total: 2,
      exampleCaseIds: expect.arrayContaining(['RECT-1', 'RECT-2']),
      openOverdueCount: 2,
      suggestedAction: expect.stringMatching(/^请对上述纠错事项逐件依法纠正.*其中 2 件至今未处理完毕且已超过期限（RECT-\d、RECT-\d），请立即办理。$/),
    });
    expect(drafted.json.text).toMatch(/^海曙区住房和城乡建设局：\n根据《宁波市行政电子监察管理办法》第二十一条、第二十三条/);
    expect(drafted.json.text).toContain('licensing.decision-time-limit（依据：');
    expect(drafted.json.draftedBy).toBe('districtSupervisor:hs-1');

    // The department sees nothing before it is sent, and cannot act on it.
    expect((await list(housingLiaison)).json.items).toEqual([]);
    expect((await step(housingLiaison, { step: 'report', expectedVersion: 1, text: '已整改' })).status).toBe(404);

    // Edit, then send.
    const edited = await step(haishuSupervisor, { step: 'edit', expectedVersion: 1, text: `${drafted.json.text}\n请于本月底前完成整改。` });
    const staleEdit = await step(haishuSupervisor, { step: 'edit', expectedVersion: 1, text: '过期的修改' });
    const sent = await step(haishuSupervisor, { step: 'send', expectedVersion: 2 });
    expect([edited.status, staleEdit.status, sent.status]).toEqual([200, 409, 200]);
    expect(staleEdit.json.type).toContain('stale-version');
    expect(sent.json).toMatchObject({ status: 'sent', version: 3, text: expect.stringMatching(/请于本月底前完成整改。$/) });

    // The department reads it and reports; the supervisor returns it; the department reports again; the city supervisor accepts.
    const forLiaison = await list(housingLiaison);
    expect(forLiaison.json.items.map((s: { suggestion: string; status: string }) => [s.suggestion, s.status])).toEqual([[id, 'sent']]);
    const reported = await step(housingLiaison, { step: 'report', expectedVersion: 3, text: '已对两件逾期申请作出决定', evidence: ['海住建〔2026〕7号'] });
    const returned = await step(haishuSupervisor, { step: 'return', expectedVersion: 4, reasons: '未附作出决定的文书' });
    const reportedAgain = await step(housingLiaison, { step: 'report', expectedVersion: 5, text: '补附决定书', evidence: ['决定书 RECT-1', '决定书 RECT-2'] });
    const accepted = await step(citySupervisor, { step: 'accept', expectedVersion: 6, note: '整改到位' });
    expect([reported.status, returned.status, reportedAgain.status, accepted.status]).toEqual([200, 200, 200, 200]);
    expect(accepted.json).toMatchObject({ status: 'accepted', version: 7 });
    expect(accepted.json.history.map((h: { change: string; actor: string }) => `${h.change} ${h.actor}`)).toEqual([
      'drafted districtSupervisor:hs-1',
      'edited districtSupervisor:hs-1',
      'sent districtSupervisor:hs-1',
      'reported departmentLiaison:l-housing',
      'returned districtSupervisor:hs-1',
      'reported departmentLiaison:l-housing',
      'accepted citySupervisor:city-1',
    ]);
    expect(accepted.json.history[4]).toMatchObject({ note: '未附作出决定的文书' });
    expect(accepted.json.history[5]).toMatchObject({ note: '补附决定书', evidence: ['决定书 RECT-1', '决定书 RECT-2'] });

    // Lists by status for the supervisor; the department's own list.
    expect((await list(haishuSupervisor, '?status=accepted')).json.items.map((s: { suggestion: string }) => s.suggestion)).toContain(id);
    expect((await list(haishuSupervisor, '?status=drafted')).json.items.map((s: { suggestion: string }) => s.suggestion)).not.toContain(id);
    expect((await list(housingLiaison, '?status=accepted')).json.items).toHaveLength(1);

    // Every change audited, by who made it.
    expect(await auditedActions()).toEqual(
      expect.arrayContaining([
        'rectification.draft allowed districtSupervisor:hs-1',
        'rectification.edit allowed districtSupervisor:hs-1',
        'rectification.send allowed districtSupervisor:hs-1',
        'rectification.report allowed departmentLiaison:l-housing',
        'rectification.return allowed districtSupervisor:hs-1',
        'rectification.accept allowed citySupervisor:city-1',
      ]),
    );
  });

  it('refuses to edit a suggestion once sent and changes nothing', async () => {
    const before = await stored();

    const editing = await step(haishuSupervisor, { step: 'edit', expectedVersion: before.version, text: '下发后的修改' });

    expect(editing.status).toBe(409);
    expect(editing.json).toMatchObject({
      type: expect.stringContaining('action-not-allowed'),
      title: expect.stringMatching(/^整改建议处于“.+”状态，不能修改$/),
    });
    expect(await stored()).toEqual(before);
  });

  it('refuses a second draft of the same period', async () => {
    const again = await draft(citySupervisor);

    expect(again.status).toBe(409);
    expect(again.json.title).toBe('该部门该期间已有整改建议');
    expect((await stored()).version).toBe(7);
  });
});

describe('who may see and touch a suggestion', () => {
  it("keeps a department out of another department's suggestions", async () => {
    const byDepartment = await list(marketLiaison, `?department=${department}`);
    const ownList = await list(marketLiaison);
    const acting = await step(marketLiaison, { step: 'report', expectedVersion: 7, text: '冒名报告' });

    expect(byDepartment.status).toBe(404);
    expect(ownList.json.items.map((s: { department: string }) => s.department)).not.toContain(department);
    expect(acting.status).toBe(404);
    expect((await stored()).version).toBe(7);
  });

  it("keeps a district supervisor out of another district's departments, audited", async () => {
    const drafting = await draft(yinzhouSupervisor, `${department}.2026-01`);
    const listing = await list(yinzhouSupervisor, `?department=${department}`);
    const ownScope = await list(yinzhouSupervisor);
    const acting = await step(yinzhouSupervisor, { step: 'return', expectedVersion: 7, reasons: '越权退回' });

    expect([drafting.status, listing.status, acting.status]).toEqual([404, 404, 404]);
    expect(drafting.json.errors).toEqual([{ pointer: '/path/suggestion', detail: '您的辖区内没有该部门' }]);
    expect(ownScope.json.items.map((s: { department: string }) => s.department)).not.toContain(department);
    expect((await stored()).version).toBe(7);
    expect(await auditedActions()).toContain('rectification.return denied districtSupervisor:yz-1');
  });
});

describe('bad input', () => {
  it('refuses an unknown period and a malformed department naming each, storing nothing', async () => {
    const unknown = await draft(haishuSupervisor, 'Haishu_Market.2026-13');
    const future = await draft(haishuSupervisor, 'haishu-market-regulation.2099-01');
    const extraField = await step(haishuSupervisor, { step: 'draft', period: '2026-11' }, `haishu-market-regulation.${thisMonth}`);

    expect([unknown.status, future.status, extraField.status]).toEqual([400, 400, 400]);
    expect(unknown.json.title).toBe('请求无效');
    expect(unknown.json.errors).toEqual([
      { pointer: '/path/suggestion', detail: expect.stringMatching(/^部门部分应为部门编号/) },
      { pointer: '/path/suggestion', detail: expect.stringMatching(/^期间部分应为 2000 年至 2099 年间的月份/) },
    ]);
    expect(future.json.errors).toEqual([{ pointer: '/path/suggestion', detail: '2099-01 尚未开始，没有可归纳的信号' }]);
    expect(pointers(extraField)).toEqual(['/period']);
    expect((await list(haishuSupervisor, '?department=haishu-market-regulation')).json.items).toEqual([]);
  });

  it('refuses an empty or over-long text and too many evidence references, naming each field, changing nothing', async () => {
    const suggestion = `haishu-market-regulation.${thisMonth}`;
    expect((await draft(haishuSupervisor, suggestion)).status).toBe(200);

    const empty = await step(haishuSupervisor, { step: 'edit', expectedVersion: 1, text: '   ' }, suggestion);
    const overLong = await step(haishuSupervisor, { step: 'edit', expectedVersion: 1, text: '长'.repeat(20_001) }, suggestion);
    const unknownStep = await step(haishuSupervisor, { step: 'publish', expectedVersion: 1 }, suggestion);
    const badPath = await step(haishuSupervisor, { step: 'send', expectedVersion: 1 }, 'haishu-housing.2026-13');

    expect([empty.status, overLong.status, unknownStep.status, badPath.status]).toEqual([400, 400, 400, 400]);
    expect(empty.json.errors).toEqual([{ pointer: '/text', detail: '必填，不能为空' }]);
    expect(overLong.json.errors).toEqual([{ pointer: '/text', detail: '至多 20000 个字符' }]);
    expect(pointers(unknownStep)).toEqual(['/step']);
    expect(pointers(badPath)).toEqual(['/path/suggestion']);
    const after = (await list(haishuSupervisor, '?department=haishu-market-regulation')).json.items;
    expect(after.map((s: { version: number; status: string }) => [s.version, s.status])).toEqual([[1, 'drafted']]);

    const sent = await step(haishuSupervisor, { step: 'send', expectedVersion: 1 }, suggestion);
    const tooMuchEvidence = await step(
      marketLiaison,
      { step: 'report', expectedVersion: 2, text: '', evidence: Array.from({ length: 21 }, (_unused, i) => `证据 ${i}`) },
      suggestion,
    );
    expect(sent.status).toBe(200);
    expect(tooMuchEvidence.status).toBe(400);
    expect(pointers(tooMuchEvidence)).toEqual(['/evidence', '/text']);
    expect((await list(marketLiaison)).json.items.map((s: { version: number }) => s.version)).toEqual([2]);
  });
});
