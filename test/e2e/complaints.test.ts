/**
 * Complaints (Art. 19) through the local runtime's HTTP API: filing and the status query by
 * token, the decision with its written notice, forwarding with identity withheld, concurrency,
 * the acceptance clock fired by the oversight sweep exactly once, personal data only sealed
 * (never in the table in the clear, never in the logs).
 */
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { captureOutput, type CapturedOutput } from '../support/captured-output.ts';
import { callComplaintApi, daysAhead, runtimeDynamoClient, type ComplaintCallOptions, type ComplaintReply } from '../support/complaint-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';
import { pdfText } from '../shared/application/complaints/complaint-test-setup.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let dynamo: DynamoDBClient;
let supervisor: string;
let citySupervisor: string;
let housingLiaison: string;
let output: CapturedOutput;

const person = e2eComplainants.complaints;

beforeAll(async () => {
  output = captureOutput();
  started = await startTestRuntime('complaints');
  runtime = started.runtime;
  dynamo = runtimeDynamoClient(runtime);
  supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-sup', role: 'citySupervisor', jurisdiction: 'city' });
  housingLiaison = await runtime.mintStaffToken({
    subject: 'housing-l',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
});

afterAll(async () => {
  output?.restore();
  dynamo?.destroy();
  await started?.dispose();
});

const call = (method: string, path: string, options?: ComplaintCallOptions): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, method, path, options);

const realName = { department: 'haishu-housing', category: 'staffConduct', content: '住建局窗口人员推诿，端到端测试。', realName: true, complainant: person };
const anonymous = { jurisdiction: 'haishu', category: 'other', content: '匿名端到端投诉。', realName: false };

async function file(body: unknown = realName): Promise<{ receiptNumber: string; queryToken: string }> {
  const reply = await call('POST', '/v1/public/complaints', { body });
  expect(reply.status, JSON.stringify(reply.json)).toBe(201);
  return reply.json;
}

const forward = (version = 1) => ({
  expectedVersion: version,
  accepted: true,
  handling: { by: 'department', department: 'haishu-housing', deadline: daysAhead(14) },
});

async function rawItems(receiptNumber: string): Promise<unknown[]> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: runtime.tables.oversight,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `COMPLAINT#${receiptNumber}` } },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

describe('filing and the status query', () => {
  it('files a real-name complaint and shows its status to the token holder, without personal data', async () => {
    const filed = await file();

    const status = await call('GET', `/v1/public/complaints/${filed.receiptNumber}`, { queryToken: filed.queryToken });

    expect(filed.receiptNumber).toMatch(/^TS\d{8}[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ receiptNumber: filed.receiptNumber, stage: 'awaitingDecision', notices: [], ratingOpen: false });
    const text = JSON.stringify(status.json);
    for (const value of [person.name, person.phone, person.idNumber, person.address, '推诿']) expect(text).not.toContain(value);
  });

  it("gives nothing beyond its own complaint: another complaint's receipt, a missing token and an unknown receipt all answer the same 404", async () => {
    const mine = await file(anonymous);
    const theirs = await file(anonymous);

    const replies = await Promise.all([
      call('GET', `/v1/public/complaints/${theirs.receiptNumber}`, { queryToken: mine.queryToken }),
      call('GET', `/v1/public/complaints/${mine.receiptNumber}`),
      call('GET', '/v1/public/complaints/TS20261127ZZZZZZZZ', { queryToken: mine.queryToken }),
      call('GET', `/v1/public/complaints/${theirs.receiptNumber}/notices/decision`, { queryToken: mine.queryToken }),
      call('POST', `/v1/public/complaints/${theirs.receiptNumber}/rating`, { queryToken: mine.queryToken, body: { score: 1 } }),
      call('POST', `/v1/public/complaints/${theirs.receiptNumber}/reopening`, { queryToken: mine.queryToken, body: { content: '再次投诉' } }),
    ]);

    for (const reply of replies) {
      expect(reply.status).toBe(404);
      expect(reply.json).toMatchObject({ title: '投诉不存在', detail: '没有与该受理编号和查询码相符的投诉。' });
    }
  });
});

describe('the decision and its written notice', () => {
  it('lets one of two concurrent decisions win (200) and refuses the other (409)', async () => {
    const { receiptNumber } = await file();

    const replies = await Promise.all([
      call('POST', `/v1/complaints/${receiptNumber}/decision`, { bearer: supervisor, body: forward() }),
      call('POST', `/v1/complaints/${receiptNumber}/decision`, {
        bearer: citySupervisor,
        body: { expectedVersion: 1, accepted: false, reasons: '不属于受理范围。' },
      }),
    ]);

    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)?.json.type).toContain('stale-version');
    const detail = await call('GET', `/v1/complaints/${receiptNumber}`, { bearer: citySupervisor });
    expect(detail.json.timeline.filter((s: { action: string }) => s.action === 'decided')).toHaveLength(1);
  });

  it('serves the decision notice as a PDF to the supervisor and the complainant, with the right text', async () => {
    const filed = await file();
    const decided = await call('POST', `/v1/complaints/${filed.receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: false, reasons: '你反映的事项已进入行政复议程序，不属于本机关受理范围。' },
    });
    expect(decided.json).toEqual({ receiptNumber: filed.receiptNumber, version: 2, stage: 'notAccepted', notices: ['decision'] });

    const staffCopy = await call('GET', `/v1/complaints/${filed.receiptNumber}/notices/decision`, { bearer: supervisor });
    const ownCopy = await call('GET', `/v1/public/complaints/${filed.receiptNumber}/notices/decision`, { queryToken: filed.queryToken });

    for (const copy of [staffCopy, ownCopy]) {
      expect(copy.status).toBe(200);
      expect(copy.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(copy.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    }
    expect(Buffer.from(ownCopy.bytes).equals(Buffer.from(staffCopy.bytes))).toBe(true);
    const text = await pdfText(ownCopy.bytes);
    expect(text.startsWith(`投诉不予受理告知书${filed.receiptNumber}${person.name}：`)).toBe(true);
    expect(text).toContain('你反映的事项已进入行政复议程序，不属于本机关受理范围。');
    expect(text).toContain('宁波市海曙区监察委员会');
    const delivery = await call('POST', `/v1/complaints/${filed.receiptNumber}/notices/decision/deliveries`, {
      bearer: supervisor,
      body: { expectedVersion: 2, channel: 'post', deliveredAt: new Date().toISOString(), trackingReference: 'EMS1122334455' },
    });
    expect(delivery.json).toMatchObject({ version: 3 });
  });

  it('writes no notice for an anonymous complaint', async () => {
    const filed = await file(anonymous);
    await call('POST', `/v1/complaints/${filed.receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: false, reasons: '信息不足。' },
    });

    expect((await call('GET', `/v1/complaints/${filed.receiptNumber}/notices/decision`, { bearer: supervisor })).status).toBe(404);
    expect((await call('GET', `/v1/public/complaints/${filed.receiptNumber}/notices/decision`, { queryToken: filed.queryToken })).status).toBe(404);
  });
});

describe('forwarding and the identity of the complainant', () => {
  it('withholds the identity from the department complained about, and masks it for supervisors', async () => {
    const { receiptNumber } = await file();
    await call('POST', `/v1/complaints/${receiptNumber}/decision`, { bearer: supervisor, body: forward() });

    const queue = await call('GET', '/v1/complaints', { bearer: housingLiaison });
    const liaisonView = await call('GET', `/v1/complaints/${receiptNumber}`, { bearer: housingLiaison });
    const supervisorView = await call('GET', `/v1/complaints/${receiptNumber}`, { bearer: supervisor });

    expect(queue.json.items.map((row: { receiptNumber: string }) => row.receiptNumber)).toContain(receiptNumber);
    expect(liaisonView.json).toMatchObject({ identity: 'withheld', identityWithheld: true });
    expect(liaisonView.json.complainant).toBeUndefined();
    for (const value of [person.name, person.phone, person.idNumber, person.address]) expect(JSON.stringify(liaisonView.json)).not.toContain(value);
    expect(supervisorView.json.complainant).toMatchObject({ name: '端*****', phone: '136****7777' });
  });

  it('shows the identity to the department when the complainant agreed', async () => {
    const { receiptNumber } = await file({ ...realName, identityDisclosureConsent: true });
    await call('POST', `/v1/complaints/${receiptNumber}/decision`, { bearer: supervisor, body: forward() });

    const liaisonView = await call('GET', `/v1/complaints/${receiptNumber}`, { bearer: housingLiaison });

    expect(liaisonView.json).toMatchObject({ identity: 'full', complainant: { name: person.name, phone: person.phone } });
  });
});

describe('the acceptance clock', () => {
  it('fires each timer exactly once when the sweep runs twice and overlaps, and escalates after the deadline', async () => {
    const { receiptNumber } = await file(anonymous);
    const later = new Date(Date.now() + 30 * 86_400_000);

    await runtime.fireSchedule('oversight-sweep', later);
    await Promise.all([runtime.fireSchedule('oversight-sweep', later), runtime.fireSchedule('oversight-sweep', later)]);

    const detail = await call('GET', `/v1/complaints/${receiptNumber}`, { bearer: supervisor });
    const signals = detail.json.timeline.filter((s: { action: string }) => s.action.startsWith('signal'));
    expect(signals.map((s: { details: { level: string } }) => s.details.level)).toEqual(['prompt', 'warning', 'correction']);
    expect(detail.json.signals.at(-1)).toMatchObject({ level: 'correction', escalatedTo: 'city' });
    const queue = await call('GET', '/v1/complaints?queue=awaitingDecision', { bearer: citySupervisor });
    expect(queue.json.items.find((row: { receiptNumber: string }) => row.receiptNumber === receiptNumber)).toMatchObject({
      signal: 'correction',
      escalated: true,
    });
  });

  it('never fires the acceptance timers of a complaint decided in time', async () => {
    const { receiptNumber } = await file(anonymous);
    await call('POST', `/v1/complaints/${receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: false, reasons: '不属于受理范围。' },
    });

    await runtime.fireSchedule('oversight-sweep', new Date(Date.now() + 60 * 86_400_000));

    const detail = await call('GET', `/v1/complaints/${receiptNumber}`, { bearer: supervisor });
    expect(detail.json.timeline.filter((s: { action: string }) => s.action.startsWith('signal'))).toEqual([]);
  });
});

describe('a refused complaint, re-opened by its complainant', () => {
  it('opens a new complaint with the same complainant, found by a district supervisor in its queue and by a search of the phone number', async () => {
    // Prepare: a real-name complaint about a haishu department, refused with reasons.
    const original = await file();
    const refused = await call('POST', `/v1/complaints/${original.receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: false, reasons: '不属于本机关受理范围，端到端测试。' },
    });
    expect(refused.status, JSON.stringify(refused.json)).toBe(200);

    // Act
    const reopened = await call('POST', `/v1/public/complaints/${original.receiptNumber}/reopening`, {
      queryToken: original.queryToken,
      body: { content: '请重新审查，端到端测试。' },
    });
    const queue = await call('GET', '/v1/complaints?queue=awaitingDecision', { bearer: supervisor });
    const search = await call('POST', '/v1/complaint-searches', { bearer: supervisor, body: { phone: person.phone } });

    // Assess
    expect(reopened.status, JSON.stringify(reopened.json)).toBe(201);
    expect(reopened.json.receiptNumber).not.toBe(original.receiptNumber);
    expect(queue.status).toBe(200);
    expect(queue.json.items.map((item: { receiptNumber: string }) => item.receiptNumber)).toContain(reopened.json.receiptNumber);
    expect(search.status).toBe(200);
    expect(search.json.items).toEqual(
      expect.arrayContaining([
        { receiptNumber: original.receiptNumber, stage: 'notAccepted' },
        { receiptNumber: reopened.json.receiptNumber, stage: 'awaitingDecision' },
      ]),
    );
  });
});

describe('personal data at rest and in the logs', () => {
  it('stores the name, phone, ID number and address only sealed, and never logs them', async () => {
    const { receiptNumber, queryToken } = await file();
    await call('POST', `/v1/complaints/${receiptNumber}/identity`, { bearer: supervisor, body: { purpose: '电话回访核实投诉事实' } });

    const items = JSON.stringify(await rawItems(receiptNumber));
    const state = await dynamo.send(
      new GetItemCommand({ TableName: runtime.tables.oversight, Key: { pk: { S: `COMPLAINT#${receiptNumber}` }, sk: { S: 'STATE' } }, ConsistentRead: true }),
    );

    expect(state.Item).toBeDefined();
    for (const value of [person.name, person.phone, person.idNumber, person.address, queryToken]) {
      expect(items).not.toContain(value);
      expect(output.text()).not.toContain(value);
    }
  });
});
