/**
 * Webhook delivery latency (Art. 18; target: signals to 100 subscribers, p99 from commit to
 * delivery ≤ 2 s locally), through the whole local runtime: the bus rule, the webhooks queue, the
 * fan-out to one message per subscriber, signing with each subscriber's KMS-sealed secret, the
 * HTTP call. Subscribers are one HTTP server on 127.0.0.1 (allowed by the runtime's loopback
 * switch, as in the end-to-end tests), one path per subscriber, answering 204 at once.
 *
 * Commit is the instant the alert was stored: its history entry's `at` (to the millisecond; the
 * bus event's `time` has whole seconds only), read back through the API. Delivery is the instant
 * the subscriber received the request. Baseline in the same run: the same signals to one subscriber.
 *
 * The API allows 10 subscriptions per owner; the bench creates each of the 100 through the API
 * (so each has its own secret, sealed by the console API under the webhook key), sets the
 * subscription item aside in the table to make room for the next, and puts them all back before
 * measuring: the secrets are the system's own, only the count exceeds what one owner may hold.
 */
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import { signedPost } from '../test/support/local-api-client.ts';
import { percentile } from './write-path.ts';

const department = 'haishu-housing';
const ruleId = 'licensing.decision-time-limit';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WebhookLatencyRun {
  readonly subscribers: number;
  readonly signals: number;
  readonly deliveries: number;
  readonly missing: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface WebhookLatencyResults {
  readonly baseline: WebhookLatencyRun;
  readonly fanOut: WebhookLatencyRun;
  readonly targetMs: number;
}

/** Each subscriber's arrivals: `<path> <event id>` → when received. */
const arrivals = new Map<string, number>();

function subscriberServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = Date.now();
      const id = String(request.headers['webhook-id'] ?? '');
      arrivals.set(`${request.url ?? ''} ${id}`, at);
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

async function call(runtime: LocalRuntime, token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Creates `count` subscriptions at `<url>/s/<n>` through the API, each set aside after creation, then all put back. */
async function subscribe(runtime: LocalRuntime, token: string, url: string, from: number, count: number): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: runtime.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = runtime.tables.reference;
  const setAside: Record<string, AttributeValue>[] = [];
  const paths: string[] = [];
  for (let n = from; n < from + count; n += 1) {
    const created = await call(runtime, token, 'POST', '/v1/webhooks', { url: `${url}/s/${n}`, eventTypes: ['AlertRaised'], description: `bench ${n}` });
    if (created.status !== 201) throw new Error(`subscription ${n}: ${created.status} ${JSON.stringify(created.json)}`);
    paths.push(`/s/${n}`);
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `WEBHOOKS#department:${department}` } },
      }),
    );
    for (const item of Items) {
      setAside.push(item);
      await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: item['pk']!, sk: item['sk']! } }));
    }
  }
  for (const item of setAside) await client.send(new PutItemCommand({ TableName: table, Item: item }));
  return paths;
}

/** Pushes `signals` overdue cases one by one (each raises one AlertRaised), and measures each delivery to each of `paths`. */
async function measure(runtime: LocalRuntime, token: string, paths: readonly string[], signals: number, label: string): Promise<WebhookLatencyRun> {
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  const caseIds: string[] = [];
  for (let i = 0; i < signals; i += 1) {
    const caseId = `WH-BENCH-${label}-${Date.now().toString(36)}-${i}`;
    const record = {
      kind: 'licensing',
      department,
      matterCode: 'construction-permit',
      caseId,
      sequence: 1,
      event: 'received',
      occurredAt: '2025-09-01T09:00:00+08:00',
    };
    const reply = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records: [record] }), credential);
    if (reply.status !== 202) throw new Error(`push: ${reply.status}`);
    caseIds.push(caseId);
    // One signal at a time, as signals arrive in a day: a second apart.
    await sleep(1000);
  }
  const eventIdOf = (caseId: string) => `${department}/licensing/${caseId}/${ruleId}/1/0`;
  const expected = caseIds.flatMap((caseId) => paths.map((path) => `${path} ${eventIdOf(caseId)}`));
  const until = Date.now() + 60_000;
  while (expected.some((key) => !arrivals.has(key)) && Date.now() < until) await sleep(200);
  const latencies: number[] = [];
  for (const caseId of caseIds) {
    const alert = await call(runtime, token, 'GET', `/v1/cases/${department}/licensing/${caseId}/alerts/${ruleId}`);
    const committedAt = Date.parse(alert.json.history[0].at);
    for (const path of paths) {
      const at = arrivals.get(`${path} ${eventIdOf(caseId)}`);
      if (at !== undefined) latencies.push(at - committedAt);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    subscribers: paths.length,
    signals,
    deliveries: latencies.length,
    missing: expected.length - latencies.length,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(latencies[latencies.length - 1] ?? Number.NaN),
  };
}

export async function measureWebhookLatency(options: { readonly signals: number; readonly subscribers: number }): Promise<WebhookLatencyResults> {
  const dataDir = await mkdtemp(join(tmpdir(), 'esup-bench-webhooks-'));
  const { server, url } = await subscriberServer();
  const runtime = await startLocalRuntime({
    dataDir,
    ephemeral: true,
    schedulesEnabled: false,
    quiet: true,
    onFunctionLog: () => undefined,
    allowLoopbackWebhooks: true,
  });
  try {
    const token = await runtime.mintStaffToken({
      subject: 'bench-liaison',
      role: 'departmentLiaison',
      jurisdiction: 'haishu',
      department,
      secondFactor: false,
    });
    const first = await subscribe(runtime, token, url, 0, 1);
    const baseline = await measure(runtime, token, first, options.signals, 'one');
    const rest = await subscribe(runtime, token, url, 1, options.subscribers - 1);
    const fanOut = await measure(runtime, token, [...first, ...rest], options.signals, 'many');
    return { baseline, fanOut, targetMs: 2000 };
  } finally {
    await runtime.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  }
}
