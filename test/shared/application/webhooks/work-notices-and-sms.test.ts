/**
 * Signals as 浙政钉 work notices and as SMS, through the delivery use case on DynamoDB Local: a
 * stand-in for the 浙政钉 open platform on this machine receives the notice as the platform's
 * public client code sends it (a form body, the HMAC headers, checked here with a signature
 * computed apart from the system's code) and its `success` decides the outcome; an SMS subscription's
 * sealed numbers receive one short Chinese text in the local sink, and without a provider every
 * attempt fails as `unavailable`.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { departmentProfileKey } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbWebhookStore } from '#shared/adapters/dynamodb/dynamodb-webhook-store.ts';
import { LocalSmsSink, UnavailableSmsSender } from '#shared/adapters/sms/sms-senders.ts';
import { HttpsWebhookSender } from '#shared/adapters/webhooks/https-webhook-sender.ts';
import { OpenedSecrets } from '#shared/adapters/webhooks/opened-secrets.ts';
import { deliverOrder, type DeliverWebhooksDependencies } from '#shared/application/webhooks/deliver-webhooks.ts';
import type { SmsSender } from '#shared/application/webhooks/webhook-ports.ts';
import { maskedMobileNumber, smsText } from '#shared/domain/webhooks/sms-notice.ts';
import type { WebhookSubscription } from '#shared/domain/webhooks/webhook-subscription.ts';
import { workNoticeTimestamp } from '#shared/domain/webhooks/zhezhengding-work-notice.ts';
import { createTestTables } from '../../../support/dynamodb.ts';

let store: DynamoDbWebhookStore;
let departments: DynamoDbReferenceReader;
let server: Server;
let base: string;
let platformAnswer = '{"success":true,"content":{"success":true,"data":"msg-1"}}';
const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
let sinkFile: string;

beforeAll(async () => {
  const db = await createTestTables();
  store = new DynamoDbWebhookStore(db.documentClient, db.tables.reference);
  departments = new DynamoDbReferenceReader(db.documentClient, db.tables.reference);
  // The department's profile as the city structure stores it: the texts name it.
  await db.documentClient.send(
    new PutCommand({
      TableName: db.tables.reference,
      Item: { ...departmentProfileKey('haishu-housing'), department: 'haishu-housing', name: '海曙区住房和城乡建设局', jurisdiction: 'haishu' },
    }),
  );
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end(platformAnswer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sinkFile = join(await mkdtemp(join(tmpdir(), 'esup-sms-')), 'sms.jsonl');
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let counter = 0;
async function subscribed(changes: Partial<WebhookSubscription>, sealed: string): Promise<WebhookSubscription> {
  counter += 1;
  const now = new Date().toISOString();
  const subscription: WebhookSubscription = {
    id: `department.haishu-housing.${String(counter).padStart(12, 'n')}`,
    owner: { kind: 'department', department: 'haishu-housing' },
    url: `${base}/message/workNotification`,
    eventTypes: ['AlertRaised'],
    description: 'test',
    status: 'active',
    version: 1,
    createdAt: now,
    createdBy: 'departmentLiaison:l-1',
    updatedAt: now,
    secretIssuedAt: now,
    ...changes,
  };
  await store.create(subscription, sealed);
  return subscription;
}

const dependencies = (sms: SmsSender): DeliverWebhooksDependencies => ({
  state: store,
  // KMS is the boundary here: the sealed text is stored as given.
  secrets: new OpenedSecrets(store, { open: async (_subscription, sealed) => sealed }),
  log: store,
  sender: new HttpsWebhookSender('allowed'),
  departments,
  sms,
  queue: { enqueue: async () => undefined },
  publish: async () => undefined,
  clock: () => new Date(),
  disableAfterFailingHours: 24,
});

const payloadOf = (caseId: string) => ({
  'detail-type': 'AlertRaised',
  source: 'e-supervision.alerts',
  time: '2026-12-05T08:00:00Z',
  detail: {
    version: 1,
    eventId: `haishu-housing/licensing/${caseId}/licensing.decision-time-limit/1/0`,
    alert: {
      department: 'haishu-housing',
      jurisdiction: 'haishu',
      kind: 'licensing',
      caseId,
      level: 'correction',
      summaryZh: '未在法定期限内作出决定（期限 2025-09-28），已逾期 48 个工作日，请立即办理并说明理由',
    },
  },
});

const credentials = { appKey: 'esup-app-key', appSecret: 'a-test-app-secret-0123456789' };

describe('浙政钉 work notices', () => {
  it('sends a Chinese text notice to the receivers, form-encoded and signed with the application’s secret, and logs it delivered', async () => {
    // Prepare
    const subscription = await subscribed(
      { format: 'zhezhengdingWorkNotice', workNotice: { tenantId: '196729', receiverIds: ['acc-1', 'acc-2'], organizationCodes: ['GO_org1'] } },
      JSON.stringify(credentials),
    );

    // Act
    const verdict = await deliverOrder({ subscriptionId: subscription.id, payload: payloadOf('ZZD-1') }, 1, dependencies(new UnavailableSmsSender()));

    // Assess: the request as the platform reads it.
    expect(verdict).toEqual({ done: true });
    const [request] = received.splice(0);
    expect(request!.path).toBe('/message/workNotification');
    expect(request!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = Object.fromEntries(new URLSearchParams(request!.body));
    expect(Object.keys(form).sort()).toEqual(['bizMsgId', 'msg', 'organizationCodes', 'receiverIds', 'tenantId']);
    expect(form['tenantId']).toBe('196729');
    expect(form['receiverIds']).toBe('acc-1,acc-2');
    expect(form['organizationCodes']).toBe('GO_org1');
    expect(JSON.parse(form['msg']!)).toEqual({
      msgtype: 'text',
      text: { content: expect.stringMatching(/^【纠错】海曙区住房和城乡建设局 行政许可 ZZD-1：未在法定期限内作出决定/) },
    });
    // The signature, computed apart: HMAC-SHA256 of method, timestamp, nonce, path and the sorted raw parameters.
    const headers = request!.headers;
    expect(headers['apikey']).toBe('esup-app-key');
    expect(headers['x-hmac-auth-version']).toBe('1.0');
    expect(String(headers['x-hmac-auth-timestamp'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+08:00$/);
    const canonical = Object.keys(form)
      .sort()
      .map((name) => `${name}=${form[name]}`)
      .join('&');
    const signed = `POST\n${String(headers['x-hmac-auth-timestamp'])}\n${String(headers['x-hmac-auth-nonce'])}\n/message/workNotification\n${canonical}`;
    expect(headers['x-hmac-auth-signature']).toBe(createHmac('sha256', credentials.appSecret).update(signed).digest('base64'));
    const log = await store.page(subscription.id, 5);
    expect(log.items.map(({ outcome, statusCode, attempt }) => ({ outcome, statusCode, attempt }))).toEqual([
      { outcome: 'delivered', statusCode: 200, attempt: 1 },
    ]);
  });

  it('counts an answer of success false as a refusal, retried, though the platform answered 200', async () => {
    const subscription = await subscribed(
      { format: 'zhezhengdingWorkNotice', workNotice: { tenantId: '196729', receiverIds: ['acc-1'] } },
      JSON.stringify(credentials),
    );
    platformAnswer = '{"success":false,"errorCode":"240111","errorMsg":"签名错误"}';

    const verdict = await deliverOrder({ subscriptionId: subscription.id, payload: payloadOf('ZZD-2') }, 1, dependencies(new UnavailableSmsSender()));

    platformAnswer = '{"success":true,"content":{"success":true}}';
    expect(verdict).toEqual({ done: false, retryAfterSeconds: 5 });
    const log = await store.page(subscription.id, 5);
    expect(log.items.map(({ outcome, errorClass }) => ({ outcome, errorClass }))).toEqual([{ outcome: 'failed', errorClass: 'rejected' }]);
    received.splice(0);
  });

  it('writes its timestamps in Shanghai time, as the platform asks', () => {
    expect(workNoticeTimestamp(new Date('2026-12-05T16:30:05.123Z'))).toBe('2026-12-06T00:30:05.000+08:00');
  });
});

describe('SMS', () => {
  it('sends one short Chinese text to the sealed numbers through the local sink, and logs it delivered', async () => {
    const subscription = await subscribed({ format: 'sms', url: 'sms:', phoneNumbers: ['138****5678'] }, JSON.stringify(['13800005678', '13900001234']));

    const verdict = await deliverOrder({ subscriptionId: subscription.id, payload: payloadOf('SMS-1') }, 1, dependencies(new LocalSmsSink(sinkFile)));

    expect(verdict).toEqual({ done: true });
    const lines = (await readFile(sinkFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { to: string[]; text: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.to).toEqual(['13800005678', '13900001234']);
    expect(lines[0]!.text).toMatch(/^【纠错】海曙区住房和城乡建设局 行政许可 SMS-1：未在法定期限内作出决定/);
    expect(lines[0]!.text.length).toBeLessThanOrEqual(60);
    expect(lines[0]!.text.endsWith('…')).toBe(true);
    const log = await store.page(subscription.id, 5);
    expect(log.items.map(({ outcome }) => outcome)).toEqual(['delivered']);
  });

  it('fails every attempt as unavailable where no SMS provider is configured', async () => {
    const subscription = await subscribed({ format: 'sms', url: 'sms:', phoneNumbers: ['138****5678'] }, JSON.stringify(['13800005678']));

    const verdict = await deliverOrder({ subscriptionId: subscription.id, payload: payloadOf('SMS-2') }, 1, dependencies(new UnavailableSmsSender()));

    expect(verdict).toEqual({ done: false, retryAfterSeconds: 5 });
    const log = await store.page(subscription.id, 5);
    expect(log.items.map(({ outcome, errorClass }) => ({ outcome, errorClass }))).toEqual([{ outcome: 'failed', errorClass: 'unavailable' }]);
  });

  it('masks a number as 138****5678 and keeps a short signal whole', () => {
    expect(maskedMobileNumber('13800005678')).toBe('138****5678');
    expect(smsText('ComplaintSignalRaised', { signal: { level: 'prompt', receiptNumber: 'TS20261009K7M2Q9XA', deadline: '2026-10-23' } })).toBe(
      '【提示】投诉 TS20261009K7M2Q9XA，期限 2026-10-23',
    );
  });
});
