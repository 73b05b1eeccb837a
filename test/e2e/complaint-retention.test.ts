/**
 * The erasure of a complaint's personal data through the local runtime: the oversight sweep,
 * fired by hand at an instant past the retention end (the default 1095 days after the decision),
 * erases it once; afterwards the HTTP API answers without it — 410 for the identity and the
 * notices, nothing found by a search, the status still there for the token holder.
 */
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, runtimeDynamoClient, type ComplaintCallOptions, type ComplaintReply } from '../support/complaint-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let dynamo: DynamoDBClient;
let supervisor: string;

const day = 86_400_000;
const person = e2eComplainants.retention;

beforeAll(async () => {
  started = await startTestRuntime('retention');
  runtime = started.runtime;
  dynamo = runtimeDynamoClient(runtime);
  supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  dynamo?.destroy();
  await started?.dispose();
});

const call = (method: string, path: string, options?: ComplaintCallOptions): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, method, path, options);

async function rawItems(receiptNumber: string) {
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

describe('the personal data of a finished complaint', () => {
  it('is kept until the retention end, then erased once by the sweep, and the API answers without it', async () => {
    // Prepare: a real-name complaint not accepted now (decision notice), rated with a comment.
    const filed = await call('POST', '/v1/public/complaints', {
      body: { department: 'haishu-housing', category: 'delay', content: '保留期端到端：许可超期。', realName: true, complainant: person },
    });
    expect(filed.status).toBe(201);
    const { receiptNumber, queryToken } = filed.json as { receiptNumber: string; queryToken: string };
    const decided = await call('POST', `/v1/complaints/${receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: false, reasons: '不属于本机关受理范围。' },
    });
    expect(decided.status).toBe(200);
    expect((await call('POST', `/v1/public/complaints/${receiptNumber}/rating`, { queryToken, body: { score: 3, comment: '答复太慢' } })).status).toBe(201);
    const beforeEnd = new Date(Date.now() + 1094 * day);
    const pastEnd = new Date(Date.now() + 1096 * day);

    // Act
    await runtime.fireSchedule('oversight-sweep', beforeEnd);
    const keptNotice = await call('GET', `/v1/public/complaints/${receiptNumber}/notices/decision`, { queryToken });
    await Promise.all([runtime.fireSchedule('oversight-sweep', pastEnd), runtime.fireSchedule('oversight-sweep', pastEnd)]);
    await runtime.fireSchedule('oversight-sweep', new Date(pastEnd.getTime() + day));

    // Assess: before the end, everything was there.
    expect(keptNotice.status).toBe(200);
    // The raw items: the state, its timers item and the timeline only, nothing that opens the personal data.
    const items = await rawItems(receiptNumber);
    expect(items.map((item) => item['sk']?.S).filter((sk) => !sk?.startsWith('STEP#'))).toEqual(['STATE', 'STATE#TIMERS']);
    expect(JSON.stringify(items)).not.toMatch(/wrappedKey|ciphertext|lookupHash/);
    // Staff see the complaint and when its personal data was erased, once.
    const detail = await call('GET', `/v1/complaints/${receiptNumber}`, { bearer: supervisor });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ stage: 'notAccepted', personalData: { erasedAt: expect.any(String) }, rating: { score: 3 } });
    expect(detail.json).not.toHaveProperty('content');
    expect(detail.json).not.toHaveProperty('complainant');
    expect(detail.json.timeline.filter((step: { action: string }) => step.action === 'personalDataErased')).toHaveLength(1);
    // The identity and the notices are gone for good: 410, one problem type.
    const gone = await Promise.all([
      call('POST', `/v1/complaints/${receiptNumber}/identity`, { bearer: supervisor, body: { purpose: '电话回访核实投诉事实' } }),
      call('GET', `/v1/complaints/${receiptNumber}/notices/decision`, { bearer: supervisor }),
      call('GET', `/v1/public/complaints/${receiptNumber}/notices/decision`, { queryToken }),
    ]);
    for (const reply of gone) {
      expect(reply.status).toBe(410);
      expect(reply.json).toMatchObject({ type: expect.stringContaining('personal-data-erased'), status: 410, title: '个人信息已删除' });
    }
    // The person is no longer found; the token holder still sees the status; nothing more can be added.
    const search = await call('POST', '/v1/complaint-searches', { bearer: supervisor, body: { idNumber: person.idNumber } });
    expect(search.json).toEqual({ items: [] });
    const status = await call('GET', `/v1/public/complaints/${receiptNumber}`, { queryToken });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ stage: 'notAccepted', notices: [], ratingOpen: false });
    const reopening = await call('POST', `/v1/public/complaints/${receiptNumber}/reopening`, { queryToken, body: { content: '请重新审查。' } });
    expect(reopening.status).toBe(409);
  });
});
