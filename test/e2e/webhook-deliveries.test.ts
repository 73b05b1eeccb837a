/**
 * Signals sent to departments and supervisor offices by signed webhooks (Art. 18), through the
 * local runtime: a test subscriber on this machine (allowed by the local runtime's switch only),
 * registered through the API, receives the signal a pushed record raises and verifies its
 * signature with the secret it was shown once; a failing subscriber is retried, then disabled and
 * its owner told; another department's liaison can neither read nor touch a subscription; bad
 * URLs are refused with the field named and nothing stored.
 */
import { webcrypto } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { pushOverdueCase as pushOverdueLicensingCase } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { robotTookIt, signatureValid, startWebhookSubscriber, waitFor, type Received, type WebhookSubscriber } from '../support/webhook-subscriber.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let subscriber: WebhookSubscriber;
let subscriberUrl: string;
let received: Received[];
let liaison: string;
let otherLiaison: string;
let districtSupervisor: string;
const department = 'haishu-housing';

// A failure window of 3.6 seconds: the failing subscriber's second attempt (5 s after the first) disables it.
const failureWindowHours = 0.001;

beforeAll(async () => {
  subscriber = await startWebhookSubscriber((path, response) => {
    if (path.startsWith('/robot/send')) robotTookIt(response);
    else if (path.startsWith('/refusing-robot/send'))
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":310000,"errmsg":"sign not match"}');
    else if (path.startsWith('/failing')) response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
    else if (path.startsWith('/moved')) response.writeHead(302, { location: `${subscriberUrl}/good` }).end();
    else response.writeHead(204).end();
  });
  ({ url: subscriberUrl, received } = subscriber);
  const base = loadLocalDeploymentConfig();
  started = await startTestRuntime('webhooks', {
    allowLoopbackWebhooks: true,
    config: { ...base, webhooks: { disableAfterFailingHours: failureWindowHours } },
  });
  runtime = started.runtime;
  liaison = await runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
  otherLiaison = await runtime.mintStaffToken({
    subject: 'liaison-2',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-market-regulation',
    secondFactor: false,
  });
  districtSupervisor = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await started?.dispose();
  await subscriber?.close();
});

async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as any) : undefined, text };
}

const pushOverdueCase = (): Promise<string> => pushOverdueLicensingCase(runtime, department, 'WH');

const deliveriesFor = (caseId: string, path: string) => received.filter((request) => request.path === path && request.body.includes(`/${caseId}/`));

describe('webhook subscriptions and deliveries', () => {
  let goodId: string;
  let goodSecret: string;

  it('refuses bad URLs with the field named, and stores nothing', async () => {
    // Prepare
    const bodies = [
      'https://10.0.0.8/hooks',
      'https://169.254.169.254/latest/meta-data',
      // Loopback is allowed under the local switch; a private address inside IPv6 never is.
      'https://[::ffff:10.0.0.1]/hooks',
      'http://oa.haishu.gov.cn/hooks',
      'https://user:secret@oa.haishu.gov.cn/hooks',
      'https://oa.haishu.invalid/hooks',
    ].map((url) => ({ url, eventTypes: ['AlertRaised'], description: '办公系统' }));

    // Act
    const answers = await Promise.all(bodies.map((body) => call(liaison, 'POST', '/v1/webhooks', body)));
    const unknownType = await call(liaison, 'POST', '/v1/webhooks', { url: `${subscriberUrl}/good`, eventTypes: ['AlertExploded'], description: 'x' });
    const listed = await call(liaison, 'GET', '/v1/webhooks');

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/url']);
    }
    // Chinese first: the reader's language unless the request prefers English.
    expect(answers[0]!.json.errors[0].detail).toBe('主机须为域名，不得为 IP 地址');
    expect(answers[1]!.json.errors[0].detail).toBe('主机须为域名，不得为 IP 地址');
    expect(answers[2]!.json.errors[0].detail).toBe('主机须为域名，不得为 IP 地址');
    expect(answers[3]!.json.errors[0].detail).toBe('只接受 https 网址');
    expect(answers[4]!.json.errors[0].detail).toBe('网址不得包含用户名或密码');
    expect(answers[5]!.json.errors[0].detail).toBe('主机名无法解析');
    expect(unknownType.status).toBe(400);
    expect(unknownType.json.errors[0].pointer).toBe('/eventTypes/0');
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({ owner: `department:${department}`, items: [] });
  });

  it("creates a subscription for the liaison's department and shows its secret this once", async () => {
    // Act
    const created = await call(liaison, 'POST', '/v1/webhooks', {
      url: `${subscriberUrl}/good`,
      eventTypes: ['AlertRaised', 'AlertClosed'],
      description: '住建局办公系统',
    });
    const read = await call(liaison, 'GET', `/v1/webhooks/${created.json.subscription.id}`);
    const listed = await call(liaison, 'GET', '/v1/webhooks');

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.json.subscription).toMatchObject({
      owner: `department:${department}`,
      status: 'active',
      version: 1,
      createdBy: 'departmentLiaison:liaison-1',
    });
    expect(created.headers.get('location')).toBe(`/v1/webhooks/${created.json.subscription.id}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(created.json.secret);
    expect(listed.text).not.toContain(created.json.secret);
    expect(listed.json.items.map((item: { id: string }) => item.id)).toEqual([created.json.subscription.id]);
    // Stored sealed under the webhook-secret key, bound to its subscription: the table never holds the secret.
    const stored = await new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: runtime.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }).send(
      new GetItemCommand({ TableName: runtime.tables.reference, Key: { pk: { S: `WEBHOOKSECRET#${created.json.subscription.id}` }, sk: { S: 'SECRET' } } }),
    );
    expect(stored.Item?.['secret']?.S).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(stored.Item?.['secret']?.S).not.toContain(created.json.secret.slice(6));
    expect(Buffer.from(stored.Item?.['secret']?.S ?? '', 'base64').toString('latin1')).not.toContain('whsec_');
    goodId = created.json.subscription.id;
    goodSecret = created.json.secret;
  });

  it("delivers a pushed record's signal, signed with that secret, and logs the delivery", async () => {
    // Act
    const caseId = await pushOverdueCase();
    const [delivery] = await waitFor('the delivery', () => (deliveriesFor(caseId, '/good').length > 0 ? deliveriesFor(caseId, '/good') : undefined));
    const log = await waitFor('the delivery log', async () => {
      const read = await call(liaison, 'GET', `/v1/webhooks/${goodId}`);
      return read.json.deliveries.length > 0 ? read.json : undefined;
    });

    // Assess
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({ 'detail-type': 'AlertRaised', source: 'e-supervision.alerts', detail: { alert: { department, caseId } } });
    expect(payload).not.toHaveProperty('account');
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['webhook-id']).toBe(payload.detail.eventId);
    expect(Math.abs(Number(delivery!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(await signatureValid(goodSecret, delivery!.headers, delivery!.body)).toBe(true);
    expect(await signatureValid(goodSecret, delivery!.headers, delivery!.body.replace(caseId, 'JS-OTHER'))).toBe(false);
    expect(log.subscription.lastDeliveredAt).toBeDefined();
    expect(log.deliveries[0]).toMatchObject({ eventId: payload.detail.eventId, eventType: 'AlertRaised', attempt: 1, outcome: 'delivered', statusCode: 204 });
    expect(Object.keys(log.deliveries[0]).sort()).toEqual(['at', 'attempt', 'durationMs', 'eventId', 'eventType', 'outcome', 'statusCode']);
  });

  it("does not let another department's liaison read, change or list the subscription", async () => {
    // Act
    const read = await call(otherLiaison, 'GET', `/v1/webhooks/${goodId}`);
    const step = await call(otherLiaison, 'POST', `/v1/webhooks/${goodId}`, { step: 'remove', expectedVersion: 1 });
    const listed = await call(otherLiaison, 'GET', `/v1/webhooks?owner=department:${department}`);
    const created = await call(otherLiaison, 'POST', '/v1/webhooks', {
      owner: `department:${department}`,
      url: `${subscriberUrl}/evil`,
      eventTypes: ['AlertRaised'],
      description: 'x',
    });
    const supervisorReadsDepartments = await call(districtSupervisor, 'GET', `/v1/webhooks/${goodId}`);
    const own = await call(otherLiaison, 'GET', '/v1/webhooks');

    // Assess
    expect(read.status).toBe(404);
    expect(step.status).toBe(404);
    expect(listed.status).toBe(403);
    expect(created.status).toBe(403);
    expect(supervisorReadsDepartments.status).toBe(404);
    expect(own.json.items).toEqual([]);
    // Nothing changed.
    expect((await call(liaison, 'GET', `/v1/webhooks/${goodId}`)).json.subscription.version).toBe(1);
  });

  it('retries a failing subscriber without sending the event again to the others, then disables it and tells its owner', async () => {
    // Prepare: the district office subscribes an endpoint that keeps answering 503.
    const created = await call(districtSupervisor, 'POST', '/v1/webhooks', {
      url: `${subscriberUrl}/failing`,
      eventTypes: ['AlertRaised'],
      minimumLevel: 'warning',
      description: '区监察办值班系统',
    });
    expect(created.status).toBe(201);
    expect(created.json.subscription.owner).toBe('jurisdiction:haishu');
    const failingId: string = created.json.subscription.id;

    // Act
    const caseId = await pushOverdueCase();
    const disabled = await waitFor('the subscription disabled', async () => {
      const read = await call(districtSupervisor, 'GET', `/v1/webhooks/${failingId}`);
      return read.json.subscription.status === 'disabled' ? read.json : undefined;
    });
    await runtime.idle();

    // Assess: two attempts at least 5 s apart, then disabled; the healthy subscriber got the event once.
    const attempts = deliveriesFor(caseId, '/failing');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(4_500);
    expect(attempts[0]!.headers['webhook-id']).toBe(attempts[1]!.headers['webhook-id']);
    expect(deliveriesFor(caseId, '/good')).toHaveLength(1);
    expect(disabled.subscription).toMatchObject({ status: 'disabled', version: 2, disabled: { by: 'system' } });
    expect(disabled.deliveries.map((entry: { attempt: number; outcome: string; statusCode: number; errorClass: string }) => entry)).toMatchObject([
      { attempt: 2, outcome: 'failed', statusCode: 503, errorClass: 'httpStatus' },
      { attempt: 1, outcome: 'failed', statusCode: 503, errorClass: 'httpStatus' },
    ]);
    const told = runtime.alertEvents().filter((event) => event['detail-type'] === 'WebhookSubscriptionDisabled');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      source: 'e-supervision.webhooks',
      detail: { version: 1, eventId: `${failingId}/disabled/2`, subscription: { id: failingId, owner: 'jurisdiction:haishu', jurisdiction: 'haishu' } },
    });

    // A further signal is not attempted while it is disabled; the owner enables it again.
    const quietCase = await pushOverdueCase();
    await waitFor('the healthy delivery', () => (deliveriesFor(quietCase, '/good').length > 0 ? true : undefined));
    await runtime.idle();
    expect(deliveriesFor(quietCase, '/failing')).toEqual([]);
    const stale = await call(districtSupervisor, 'POST', `/v1/webhooks/${failingId}`, { step: 'enable', expectedVersion: 1 });
    const enabled = await call(districtSupervisor, 'POST', `/v1/webhooks/${failingId}`, { step: 'enable', expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expect(enabled.status).toBe(200);
    expect(enabled.json.subscription).toMatchObject({ status: 'active', version: 3 });
    expect(enabled.json.subscription).not.toHaveProperty('disabled');
    expect(enabled.json.subscription).not.toHaveProperty('failingSince');
    expect(enabled.json).not.toHaveProperty('secret');
    await call(districtSupervisor, 'POST', `/v1/webhooks/${failingId}`, { step: 'remove', expectedVersion: 3 });
  }, 90_000);

  it('counts a redirect as a failure and never follows it', async () => {
    // Prepare
    const changed = await call(liaison, 'POST', `/v1/webhooks/${goodId}`, {
      step: 'change',
      expectedVersion: 1,
      url: `${subscriberUrl}/moved`,
      minimumLevel: 'correction',
    });
    expect(changed.status).toBe(200);
    expect(changed.json.subscription).toMatchObject({ version: 2, url: `${subscriberUrl}/moved`, minimumLevel: 'correction' });

    // Act: the redirect is answered once, retried 5 s later, past the 3.6 s window: disabled.
    const caseId = await pushOverdueCase();
    const log = await waitFor('the subscription retried, then disabled', async () => {
      const read = await call(liaison, 'GET', `/v1/webhooks/${goodId}`);
      return read.json.subscription.status === 'disabled' ? read.json : undefined;
    });

    // Assess
    const attempts = log.deliveries.filter((entry: { eventId: string }) => entry.eventId.includes(`/${caseId}/`));
    expect(attempts).toMatchObject([
      { attempt: 2, outcome: 'failed', statusCode: 302, errorClass: 'redirect' },
      { attempt: 1, outcome: 'failed', statusCode: 302, errorClass: 'redirect' },
    ]);
    expect(deliveriesFor(caseId, '/moved')).toHaveLength(2);
    expect(deliveriesFor(caseId, '/good')).toEqual([]);
    expect(log.subscription).toMatchObject({ status: 'disabled', version: 3 });
    // The log in pages of one, newest first.
    const first = await call(liaison, 'GET', `/v1/webhooks/${goodId}?limit=1`);
    const next = await call(liaison, 'GET', `/v1/webhooks/${goodId}?limit=1&cursor=${first.json.cursor}`);
    expect(first.json.deliveries).toMatchObject([{ attempt: 2, eventId: attempts[0].eventId }]);
    expect(next.json.deliveries).toMatchObject([{ attempt: 1, eventId: attempts[0].eventId }]);
  }, 60_000);

  it('rotates the secret (answered once) and signs the next signal with the new one, refuses a stale version and a bad URL in a change, and removes the subscription', async () => {
    // Act
    const rotated = await call(liaison, 'POST', `/v1/webhooks/${goodId}`, { step: 'rotateSecret', expectedVersion: 3 });
    // Back to the good address and enabled (the redirect disabled it): the delivery sandbox is warm
    // and keeps the old secret opened, yet the next signal must be signed with the new one.
    const enabled = await call(liaison, 'POST', `/v1/webhooks/${goodId}`, { step: 'enable', expectedVersion: 4 });
    const moved = await call(liaison, 'POST', `/v1/webhooks/${goodId}`, { step: 'change', expectedVersion: 5, url: `${subscriberUrl}/good` });
    const caseId = await pushOverdueCase();
    const [delivery] = await waitFor('the delivery after the rotation', () =>
      deliveriesFor(caseId, '/good').length > 0 ? deliveriesFor(caseId, '/good') : undefined,
    );
    const stale = await call(liaison, 'POST', `/v1/webhooks/${goodId}`, { step: 'disable', expectedVersion: 3 });
    const badUrl = await call(liaison, 'POST', `/v1/webhooks/${goodId}`, { step: 'change', expectedVersion: 6, url: 'https://192.168.1.20/hook' });
    const removed = await call(liaison, 'POST', `/v1/webhooks/${goodId}`, { step: 'remove', expectedVersion: 6 });
    const gone = await call(liaison, 'GET', `/v1/webhooks/${goodId}`);

    // Assess
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(goodSecret);
    expect(rotated.json.subscription.version).toBe(4);
    expect([enabled.status, moved.status]).toEqual([200, 200]);
    expect(await signatureValid(rotated.json.secret, delivery!.headers, delivery!.body)).toBe(true);
    expect(await signatureValid(goodSecret, delivery!.headers, delivery!.body)).toBe(false);
    expect(stale.status).toBe(409);
    expect(badUrl.status).toBe(400);
    expect(badUrl.json.errors[0].pointer).toBe('/url');
    expect(removed.status).toBe(200);
    expect(removed.json).toEqual({});
    expect(gone.status).toBe(404);
  });

  it("sends a DingTalk robot its Chinese text, signed with the robot's own secret, and counts a refusal by errcode as a failure", async () => {
    // Prepare
    const robotSecret = 'SEC0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const withoutSecret = await call(districtSupervisor, 'POST', '/v1/webhooks', {
      url: `${subscriberUrl}/robot/send?access_token=t0k3n`,
      format: 'dingtalkRobot',
      eventTypes: ['AlertRaised'],
      description: '区监察办钉钉群',
    });
    const created = await call(districtSupervisor, 'POST', '/v1/webhooks', {
      url: `${subscriberUrl}/robot/send?access_token=t0k3n`,
      format: 'dingtalkRobot',
      robotSecret,
      eventTypes: ['AlertRaised'],
      description: '区监察办钉钉群',
    });
    expect(withoutSecret.status).toBe(400);
    expect(withoutSecret.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/robotSecret']);
    expect(created.status).toBe(201);
    expect(created.json).not.toHaveProperty('secret');
    expect(created.json.subscription).toMatchObject({ format: 'dingtalkRobot', owner: 'jurisdiction:haishu' });
    const robotId: string = created.json.subscription.id;

    // Act
    const caseId = await pushOverdueCase();
    const [message] = await waitFor('the robot message', () => {
      const found = received.filter((request) => request.path.startsWith('/robot/send') && request.body.includes(caseId));
      return found.length > 0 ? found : undefined;
    });
    const log = await waitFor('the robot delivery logged', async () => {
      const read = await call(districtSupervisor, 'GET', `/v1/webhooks/${robotId}`);
      return read.json.deliveries.length > 0 ? read.json : undefined;
    });

    // Assess: signed as DingTalk checks it, in Chinese.
    const url = new URL(message!.path, subscriberUrl);
    const timestamp = url.searchParams.get('timestamp')!;
    const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(robotSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const expected = Buffer.from(await webcrypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}\n${robotSecret}`))).toString('base64');
    expect(url.searchParams.get('access_token')).toBe('t0k3n');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    const body = JSON.parse(message!.body);
    expect(body).toEqual({
      msgtype: 'text',
      text: { content: expect.stringMatching(new RegExp(`^【纠错】海曙区住房和城乡建设局 行政许可 ${caseId}：未在法定期限内作出决定`)) },
    });
    expect(log.deliveries[0]).toMatchObject({ attempt: 1, outcome: 'delivered', statusCode: 200 });

    // A robot that refuses (errcode ≠ 0) is a failure, though it answered 200.
    const changed = await call(districtSupervisor, 'POST', `/v1/webhooks/${robotId}`, {
      step: 'change',
      expectedVersion: 1,
      url: `${subscriberUrl}/refusing-robot/send?access_token=t0k3n`,
    });
    expect(changed.status).toBe(200);
    const refusedCase = await pushOverdueCase();
    const refused = await waitFor('the refused robot message logged', async () => {
      const read = await call(districtSupervisor, 'GET', `/v1/webhooks/${robotId}`);
      // Its first attempt: a retry 5 s later may already be logged above it.
      return read.json.deliveries.find((entry: { eventId: string; attempt: number }) => entry.eventId.includes(`/${refusedCase}/`) && entry.attempt === 1);
    });
    expect(refused).toMatchObject({ attempt: 1, outcome: 'failed', statusCode: 200, errorClass: 'rejected' });
    // Its retry may disable it meanwhile: each step names the version just read.
    const versionNow = async (): Promise<number> => (await call(districtSupervisor, 'GET', `/v1/webhooks/${robotId}`)).json.subscription.version;
    const rotated = await call(districtSupervisor, 'POST', `/v1/webhooks/${robotId}`, { step: 'rotateSecret', expectedVersion: await versionNow() });
    expect(rotated.status).toBe(400);
    expect(rotated.json.errors[0].pointer).toBe('/robotSecret');
    const removed = await call(districtSupervisor, 'POST', `/v1/webhooks/${robotId}`, { step: 'remove', expectedVersion: await versionNow() });
    expect(removed.status).toBe(200);
  }, 60_000);
});
