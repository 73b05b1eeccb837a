/**
 * Classified content never enters (Art. 14), end to end through the local runtime's HTTP API:
 * a department's record, a public complaint, a supervision request and an action on an alert
 * carrying a marking of state secrets are refused with 422 naming the field; nothing of them is
 * stored; their content reaches no log; each refusing function raises the `classifiedRefused`
 * security event the stack's metric filters count. Ordinary words such as 商业秘密 pass, and a
 * marker of the deployment's configuration is refused like a marking.
 */
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { casePk, receiptPk } from '#shared/adapters/dynamodb/case-items.ts';
import { captureOutput, type CapturedOutput } from '../support/captured-output.ts';
import { callComplaintApi, runtimeDynamoClient } from '../support/complaint-client.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let output: CapturedOutput;
let dynamo: DynamoDBClient;
let housing: DepartmentCredential;
const tokens = { liaison: '', supervisor: '' };
const department = 'haishu-housing';
/** A marker the deployment's configuration adds (`classifiedContent.markers`). */
const configuredMarker = '内部工作秘密';

beforeAll(async () => {
  output = captureOutput();
  const base = loadLocalDeploymentConfig();
  started = await startTestRuntime('classified', { config: { ...base, classifiedContent: { markers: [configuredMarker] } } });
  runtime = started.runtime;
  dynamo = runtimeDynamoClient(runtime);
  housing = runtime.credentials.find((credential) => credential.department === department) as DepartmentCredential;
  tokens.liaison = await runtime.mintStaffToken({ subject: 'liaison-7', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
  tokens.supervisor = await runtime.mintStaffToken({ subject: 'supervisor-7', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  output?.restore();
  dynamo?.destroy();
  await started?.dispose();
});

let counter = 0;
const newCaseId = (label: string): string => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;

async function postJson(token: string, path: string, body: unknown): Promise<{ status: number; text: string; json: any }> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

/** Every item of a table of this runtime (a small throw-away table; a test may scan it). */
async function items(table: string): Promise<Record<string, unknown>[]> {
  const page = await dynamo.send(new ScanCommand({ TableName: table }));
  return (page.Items ?? []).map((item) => Object.fromEntries(Object.entries(item).map(([name, value]) => [name, Object.values(value)[0]])));
}

/** The `classifiedRefused` security events the functions logged so far. */
function securityEvents(): Record<string, unknown>[] {
  return output
    .text()
    .split('\n')
    .filter((line) => line.includes('"securityEvent":"classifiedRefused"'))
    .map((line) => JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>);
}

const licensing = (caseId: string, sequence: number, event: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'licensing',
  department,
  matterCode: 'construction-permit',
  caseId,
  sequence,
  event,
  occurredAt,
  ...extra,
});

describe('classified content, end to end', () => {
  it("refuses a department's classified record with 422 naming its field, stores the others, and raises the security event", async () => {
    // Prepare
    const secretCase = newCaseId('SECRET');
    const ordinaryCase = newCaseId('ORDINARY');
    const marked = licensing(secretCase, 1, 'completionRequested', '2026-03-02T10:00:00+08:00', { materials: ['营业执照副本', '附件三 机密★10年 规划图'] });

    // Act
    const reply = await signedPost(
      runtime.apiUrl,
      '/v1/records',
      JSON.stringify({ records: [marked, licensing(ordinaryCase, 1, 'received', '2026-03-02T09:00:00+08:00')] }),
      housing,
    );
    await runtime.idle();

    // Assess
    expect(reply.status).toBe(202);
    expect(reply.json.results[0]).toMatchObject({ status: 'refused', problem: { status: 422, errors: [{ pointer: '/records/0/materials/1' }] } });
    expect(reply.json.results[1]).toMatchObject({ status: 'accepted' });
    expect(reply.text).not.toContain(secretCase);
    expect(reply.text).not.toContain('机密★');
    const keys = (await items(runtime.tables.cases)).map((item) => String(item['pk']));
    expect(keys).toContain(casePk({ department, kind: 'licensing', caseId: ordinaryCase }));
    expect(keys.filter((pk) => pk.includes(secretCase))).toEqual([]);
    expect(keys).not.toContain(receiptPk({ department, kind: 'licensing', caseId: secretCase }));
    expect(securityEvents()).toContainEqual(
      expect.objectContaining({ source: 'ingest-records', subject: `department:${department}`, count: 1, route: 'POST /v1/records' }),
    );
  });

  it('refuses a public complaint whose text carries a marking, and stores nothing of it', async () => {
    // Prepare
    const before = (await items(runtime.tables.oversight)).length;
    const content = '举报：某单位将标有【绝密】的文件张贴在公告栏，请查处。';

    // Act
    const reply = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
      body: { department, category: 'other', content, realName: false },
    });

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.json).toMatchObject({ status: 422, type: expect.stringContaining('classified-content'), errors: [{ pointer: '/content' }] });
    expect(Buffer.from(reply.bytes).toString('utf8')).not.toContain('【绝密】');
    expect(await items(runtime.tables.oversight)).toHaveLength(before);
    expect(securityEvents()).toContainEqual(
      expect.objectContaining({ source: 'complaint-filing', subject: 'public', count: 1, route: 'POST /v1/public/complaints', pointer: '/content' }),
    );
  });

  it('accepts a public complaint that speaks of 商业秘密 and 秘密投票: ordinary words', async () => {
    // Act
    const reply = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
      body: { department, category: 'other', content: '该局在审查中泄露了我公司的商业秘密，并干预业主委员会的秘密投票。', realName: false },
    });

    // Assess
    expect(reply.status).toBe(201);
  });

  it("refuses a marker of the deployment's configuration like a marking", async () => {
    // Act
    const reply = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', {
      body: { department, category: 'other', content: `附件标注“${configuredMarker}”字样。`, realName: false },
    });

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.json.errors).toEqual([{ pointer: '/content', detail: expect.any(String) }]);
  });

  it("refuses a department liaison's supervision request labelled 密级：机密, and stores no request", async () => {
    // Prepare
    const before = (await bearerGet(runtime.apiUrl, '/v1/supervision-requests', tokens.liaison)).json.items.length;

    // Act
    const reply = await postJson(tokens.liaison, '/v1/supervision-requests', {
      subject: '项目审批协调',
      matter: '密级：机密　涉及重点工程的联合审查',
      asks: '请求督办。',
    });

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.json.errors).toEqual([{ pointer: '/matter', detail: expect.any(String) }]);
    expect(reply.text).not.toContain('重点工程');
    expect((await bearerGet(runtime.apiUrl, '/v1/supervision-requests', tokens.liaison)).json.items).toHaveLength(before);
    expect(securityEvents()).toContainEqual(
      expect.objectContaining({
        source: 'supervision-api',
        subject: 'departmentLiaison:liaison-7',
        route: 'POST /v1/supervision-requests',
        pointer: '/matter',
      }),
    );
  });

  it('refuses an action on an alert whose note carries a marking, and leaves the alert as it was', async () => {
    // Prepare: a case left undecided for months raises a correction
    const caseId = newCaseId('ACT');
    expect(
      (await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records: [licensing(caseId, 1, 'received', '2025-09-01T09:00:00+08:00')] }), housing))
        .status,
    ).toBe(202);
    await runtime.idle();
    const path = `/v1/cases/${department}/licensing/${caseId}/alerts/licensing.decision-time-limit/actions`;

    // Act
    const reply = await postJson(tokens.liaison, path, { action: 'respond', expectedVersion: 1, response: 'explained', note: '情况说明见（秘密）件' });

    // Assess
    expect(reply.status).toBe(422);
    expect(reply.json.errors).toEqual([{ pointer: '/note', detail: expect.any(String) }]);
    const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, tokens.supervisor);
    expect(timeline.json.alerts).toEqual([expect.objectContaining({ status: 'open', version: 1 })]);
    expect(securityEvents()).toContainEqual(expect.objectContaining({ source: 'console-api', subject: 'departmentLiaison:liaison-7', pointer: '/note' }));
  });

  it('refuses a marked body on every other route that takes one, before looking at what it names', async () => {
    // Prepare
    const citySupervisor = await runtime.mintStaffToken({ subject: 'city-7', role: 'citySupervisor', jurisdiction: 'city' });
    const administrator = await runtime.mintStaffToken({ subject: 'admin-7', role: 'systemAdministrator', jurisdiction: 'city' });
    const send = async (method: string, token: string, path: string, body: unknown) => {
      const response = await fetch(new URL(path, runtime.apiUrl), {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
    };
    const marked = '附件（密级：机密）';

    // Act
    const replies = {
      'calendar-api': await send('PUT', citySupervisor, '/v1/calendar/years/2031', { note: marked }),
      'catalogue-api': await send('POST', citySupervisor, `/v1/departments/${department}/catalogue/construction-permit/versions`, { name: marked }),
      'city-structure-api': await send('PUT', administrator, `/v1/departments/${department}`, { name: marked }),
      'complaints-api': await send('POST', tokens.supervisor, '/v1/complaints/TS20261127AAAAAAAA/decision', { reason: marked }),
      'complaint-follow-up': await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints/TS20261127AAAAAAAA/rating', { body: { comment: marked } }),
    };

    // Assess
    for (const [source, reply] of Object.entries(replies)) {
      expect(reply.status, source).toBe(422);
      expect(reply.json.errors, source).toEqual([{ pointer: expect.stringMatching(/^\/(note|name|reason|comment)$/), detail: expect.any(String) }]);
      expect(securityEvents(), source).toContainEqual(expect.objectContaining({ source }));
    }
  });

  it("lists every refusal among the security administrator's events, from each function that refused, without the content", async () => {
    // Prepare
    const securityAdministrator = await runtime.mintStaffToken({ subject: 'security-7', role: 'securityAdministrator', jurisdiction: 'city' });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

    // Act
    const reply = await bearerGet(runtime.apiUrl, `/v1/security-events?day=${day}&kind=classifiedRefused&limit=100`, securityAdministrator);

    // Assess
    expect(reply.status, reply.text).toBe(200);
    const sources = new Set(reply.json.items.map((item: { source: string }) => item.source));
    expect([...sources].sort()).toEqual([
      'calendar-api',
      'catalogue-api',
      'city-structure-api',
      'complaint-filing',
      'complaint-follow-up',
      'complaints-api',
      'console-api',
      'ingest-records',
      'supervision-api',
    ]);
    for (const content of ['机密★10年', '【绝密】', '重点工程', '（秘密）', configuredMarker]) expect(reply.text).not.toContain(content);
  });

  it('writes no refused content to any log', () => {
    // Act
    const logs = output.text();

    // Assess
    for (const content of ['机密★10年', '【绝密】', '密级：机密', '重点工程', '（秘密）', configuredMarker]) expect(logs).not.toContain(content);
    expect(securityEvents().length).toBeGreaterThanOrEqual(5);
  });
});
