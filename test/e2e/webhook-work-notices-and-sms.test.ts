/**
 * 浙政钉 work notices and SMS through the local HTTP API: a liaison subscribes mobile numbers
 * (answered masked, never in full, no secret) and a 浙政钉 work notice (its platform's address only,
 * its credentials never answered back); a pushed record's signal reaches the local SMS sink as one
 * short Chinese text and the stand-in platform on this machine as a signed notice; a rotation
 * replaces the numbers.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { pushOverdueCase } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let platform: Server;
let platformUrl: string;
const notices: { path: string; body: string }[] = [];
let liaison: string;
const department = 'haishu-housing';

beforeAll(async () => {
  platform = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      notices.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"content":{"success":true}}');
    });
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;
  started = await startTestRuntime('webhook-channels', { allowLoopbackWebhooks: true });
  runtime = started.runtime;
  liaison = await runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
});

afterAll(async () => {
  await started?.dispose();
  await new Promise<void>((resolve) => platform?.close(() => resolve()));
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method,
    headers: { authorization: `Bearer ${liaison}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as any) : undefined };
}

const smsLines = async (): Promise<{ to: string[]; text: string }[]> =>
  (await readFile(join(started.dataDir, 'sms.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { to: string[]; text: string });

describe('signals by SMS and 浙政钉 work notice', () => {
  let smsId: string;

  it('subscribes mobile numbers: answered masked, without a secret, never in full', async () => {
    // Prepare
    const body = { format: 'sms', phoneNumbers: ['13800005678', '13900001234'], eventTypes: ['AlertRaised'], description: '值班手机' };

    // Act
    const withUrl = await call('POST', '/v1/webhooks', { ...body, url: 'https://oa.haishu.gov.cn/hooks' });
    const badNumber = await call('POST', '/v1/webhooks', { ...body, phoneNumbers: ['0574-8888888'] });
    const created = await call('POST', '/v1/webhooks', body);
    const listed = await call('GET', '/v1/webhooks');

    // Assess
    expect(withUrl.status).toBe(400);
    expect(withUrl.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/url']);
    expect(badNumber.status).toBe(400);
    expect(badNumber.json.errors[0].pointer).toBe('/phoneNumbers/0');
    expect(created.status).toBe(201);
    expect(created.json.secret).toBeUndefined();
    expect(created.json.subscription).toMatchObject({ format: 'sms', url: 'sms:', phoneNumbers: ['138****5678', '139****1234'] });
    for (const answer of [created, listed]) expect(answer.text).not.toMatch(/13800005678|13900001234/);
    smsId = created.json.subscription.id;
  });

  it('subscribes a 浙政钉 work notice at its platform only, and never answers its credentials back', async () => {
    const body = {
      format: 'zhezhengdingWorkNotice',
      appCredentials: { appKey: 'esup-app', appSecret: 'app-secret-0123456789' },
      workNotice: { tenantId: '196729', receiverIds: ['acc-1'] },
      eventTypes: ['AlertRaised'],
      description: '浙政钉工作通知',
    };

    const elsewhere = await call('POST', '/v1/webhooks', { ...body, url: 'https://oapi.dingtalk.com/message/workNotification' });
    const noAudience = await call('POST', '/v1/webhooks', { ...body, url: `${platformUrl}/message/workNotification`, workNotice: { tenantId: '196729' } });
    const created = await call('POST', '/v1/webhooks', { ...body, url: `${platformUrl}/message/workNotification` });

    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.errors[0].pointer).toBe('/url');
    expect(noAudience.status).toBe(400);
    expect(noAudience.json.errors[0].pointer).toBe('/workNotice');
    expect(created.status).toBe(201);
    expect(created.json.secret).toBeUndefined();
    expect(created.json.subscription.workNotice).toEqual({ tenantId: '196729', receiverIds: ['acc-1'] });
    expect(created.text).not.toContain('app-secret-0123456789');
  });

  it("delivers a pushed record's signal as one short text to the numbers and as a notice to 浙政钉", async () => {
    const caseId = await pushOverdueCase(runtime, department, 'CH');

    const forCase = async () => (await smsLines()).filter((entry) => entry.text.includes(caseId));
    await expect.poll(forCase, { timeout: 30_000 }).toHaveLength(1);
    const [line] = await forCase();
    await expect.poll(() => notices.filter((notice) => decodeURIComponent(notice.body).includes(caseId)).length, { timeout: 30_000 }).toBe(1);

    expect(line!.to).toEqual(['13800005678', '13900001234']);
    expect(line!.text).toMatch(/^【纠错】海曙区住房和城乡建设局 行政许可 CH-/);
    expect(line!.text.length).toBeLessThanOrEqual(60);
    const read = await call('GET', `/v1/webhooks/${smsId}`);
    await expect
      .poll(async () => (await call('GET', `/v1/webhooks/${smsId}`)).json.deliveries.map((entry: { outcome: string }) => entry.outcome))
      .toEqual(['delivered']);
    expect(read.text).not.toMatch(/13800005678|13900001234/);
  });

  it('replaces the numbers by a rotation, masked again', async () => {
    const read = await call('GET', `/v1/webhooks/${smsId}`);

    const rotated = await call('POST', `/v1/webhooks/${smsId}`, {
      step: 'rotateSecret',
      expectedVersion: read.json.subscription.version,
      phoneNumbers: ['13700007777'],
    });
    const withoutNumbers = await call('POST', `/v1/webhooks/${smsId}`, { step: 'rotateSecret', expectedVersion: rotated.json.subscription.version });

    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toBeUndefined();
    expect(rotated.json.subscription.phoneNumbers).toEqual(['137****7777']);
    expect(withoutNumbers.status).toBe(400);
    expect(withoutNumbers.json.errors[0].pointer).toBe('/phoneNumbers');
  });
});
