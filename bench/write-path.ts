/**
 * The write path measured end to end on the local runtime, each part in a process of its own
 * (handlers bind to one runtime's endpoints per process):
 *
 * - `throughput`: signed batches of 100 records, 8 in flight, through ingest → queue → processing,
 *   with the usage meter on: records/s, each batch's acknowledgement time, DynamoDB requests and
 *   write units per record, everything the cost model needs. Then the very items the pipeline
 *   stored for those records, written again with BatchWriteItem (25 a request, 8 in flight) to the
 *   same DynamoDB Local: the baseline. Twice per repeat: every record raises an alert (worst
 *   case), and one record in ten does (the realistic mix).
 * - `alert-latency`: 200 records/s offered for 60 s (durable), within the departments' configured
 *   throttle, every record overdue; latency from the POST to the alert in the console's index.
 * - `overload`: ten times that rate in bursts (autocannon), against the configured throttle.
 */
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import aws4 from 'aws4';
import autocannon from 'autocannon';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { departmentRateLimitOf, startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { demoCatalogue } from '#infra/local/demo-data.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import { totalsOf, UsageMeter, type UsageSnapshot } from '#infra/local/usage-meter.ts';
import { queues } from '#shared/topology.ts';
import { signedPost } from '../test/support/local-api-client.ts';
import { usagePerRecord, type UsagePerRecord } from './aws-cost.ts';
import { cpuBetween, cpuSoFar, type CpuSeconds } from './cpu-split.ts';

export type Mode = 'in-memory' | 'durable';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Departments with a licensing matter in the demo catalogue, and that matter. */
const senders = ['haishu-housing', 'yinzhou-natural-resources'].map((department) => {
  const matter = demoCatalogue.find((m) => m.department === department && m.kind === 'licensing');
  if (!matter) throw new Error(`no licensing matter for ${department} in the demo catalogue`);
  return { department, matterCode: matter.matterCode };
});

/** Received a year ago and never decided: past every limit, so the case raises an alert. */
const overdueRecord = (sender: (typeof senders)[number], caseId: string) => ({
  kind: 'licensing',
  department: sender.department,
  matterCode: sender.matterCode,
  caseId,
  sequence: 1,
  event: 'received',
  occurredAt: '2025-09-01T09:00:00+08:00',
});

/** Received just now: every limit ahead, so the case raises nothing. */
const inTimeRecord = (sender: (typeof senders)[number], caseId: string) => ({ ...overdueRecord(sender, caseId), occurredAt: new Date().toISOString() });

async function withRuntime<T>(
  mode: Mode,
  options: { meter?: UsageMeter; configuredThrottle: boolean },
  work: (runtime: LocalRuntime) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'esup-bench-'));
  const runtime = await startLocalRuntime({
    dataDir,
    ephemeral: mode === 'in-memory',
    schedulesEnabled: false,
    quiet: true,
    // Functions log at their deployed level, as CloudWatch would receive it; the lines are only counted.
    onFunctionLog: () => undefined,
    ...(options.configuredThrottle ? {} : { rateLimit: { requestsPerSecond: 10_000, burst: 10_000 } }),
    ...(options.meter ? { meter: options.meter } : {}),
  });
  try {
    return await work(runtime);
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const credentialOf = (runtime: LocalRuntime, department: string): DepartmentCredential => {
  const credential = runtime.credentials.find((c) => c.department === department);
  if (!credential) throw new Error(`no credential for ${department}`);
  return credential;
};

const directClient = (runtime: LocalRuntime) =>
  new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: runtime.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** Every cases-table item whose text mentions the run's tag (the case ids carry it): what the pipeline stored for those records. */
async function itemsOfRun(client: DynamoDBClient, table: string, tag: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'contains(pk, :tag)',
        ExpressionAttributeValues: { ':tag': { S: tag } },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Case events stored for a run: each acknowledged record must end up as one. */
async function storedEventsOfRun(client: DynamoDBClient, table: string, tag: string): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'contains(pk, :tag) AND begins_with(sk, :event) AND begins_with(pk, :case)',
        ExpressionAttributeValues: { ':tag': { S: tag }, ':event': { S: 'EVENT#' }, ':case': { S: 'CASE#' } },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** The same items written again under new keys (every mention of the tag replaced), 25 a request, 8 in flight. */
async function rewriteRate(
  client: DynamoDBClient,
  table: string,
  items: readonly Record<string, AttributeValue>[],
  tag: string,
  records: number,
): Promise<{ recordsPerSecond: number; cpu: CpuSeconds }> {
  const copies = items.map((item) => JSON.parse(JSON.stringify(item).split(tag).join(`${tag}-RAW`)) as Record<string, AttributeValue>);
  const requests: Record<string, AttributeValue>[][] = [];
  for (let i = 0; i < copies.length; i += 25) requests.push(copies.slice(i, i + 25));
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      let pending = (requests[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  const cpuBefore = cpuSoFar();
  await Promise.all(Array.from({ length: 8 }, worker));
  return { recordsPerSecond: records / ((performance.now() - started) / 1000), cpu: cpuBetween(cpuBefore, cpuSoFar()) };
}

export interface PipelineRun {
  readonly records: number;
  /** Batches answered with anything but 202, by status. */
  readonly refusedBatches: Record<string, number>;
  readonly alertsRaised: number;
  readonly recordsPerSecond: number;
  readonly rawRecordsPerSecond: number;
  readonly itemsPerRecord: number;
  /** Mean size of the stored items by sort-key kind (STATE, EVENT, ALERT, SEQ), as DynamoDB JSON: what the units are paid on. */
  readonly itemBytesByKind: Record<string, number>;
  readonly ratio: number;
  readonly ackMs: readonly number[];
  readonly dynamodbRequestsPerRecord: number;
  readonly writeUnitsPerRecord: number;
  readonly readUnitsPerRecord: number;
  readonly usage: UsagePerRecord;
  readonly snapshot: UsageSnapshot;
  /** CPU seconds by consumer (function threads, the runtime's main thread, DynamoDB Local) while the pipeline ran. */
  readonly cpu: CpuSeconds;
  /** The same while the same items were batch-written (the baseline). */
  readonly rawCpu: CpuSeconds;
  readonly wallSeconds: number;
}

/** A department's batches, 8 in flight: how long each waited for its answer, and the statuses of those refused. */
async function postInFlight(
  runtime: LocalRuntime,
  credential: DepartmentCredential,
  batches: readonly string[],
): Promise<{ ackMs: number[]; refusedBatches: Record<string, number> }> {
  const ackMs: number[] = [];
  const refusedBatches: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const body = batches[next++] as string;
      const sent = performance.now();
      const reply = await signedPost(runtime.apiUrl, '/v1/records', body, credential);
      // A refused batch (a 503 when ingest runs out of time on a loaded machine) keeps its time: the department waited that long.
      ackMs.push(performance.now() - sent);
      if (reply.status !== 202) refusedBatches[reply.status] = (refusedBatches[reply.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { ackMs, refusedBatches };
}

async function pipelineRun(runtime: LocalRuntime, meter: UsageMeter, records: number, overdueEvery: number): Promise<PipelineRun> {
  const sender = senders[0]!;
  const credential = credentialOf(runtime, sender.department);
  const tag = `TP${Date.now().toString(36)}${overdueEvery}`;
  const batches: string[] = [];
  let alertsRaised = 0;
  for (let i = 0; i < records; i += 100) {
    const batch = Array.from({ length: Math.min(100, records - i) }, (_, j) => {
      const n = i + j;
      const overdue = n % overdueEvery === 0;
      if (overdue) alertsRaised += 1;
      return overdue ? overdueRecord(sender, `${tag}-${n}`) : inTimeRecord(sender, `${tag}-${n}`);
    });
    batches.push(JSON.stringify({ records: batch }));
  }
  meter.reset();
  const started = performance.now();
  const cpuBefore = cpuSoFar();
  const { ackMs, refusedBatches } = await postInFlight(runtime, credential, batches);
  await runtime.idle();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = cpuBetween(cpuBefore, cpuSoFar());
  const recordsPerSecond = records / wallSeconds;
  const snapshot = meter.snapshot();

  const client = directClient(runtime);
  try {
    const items = await itemsOfRun(client, runtime.tables.cases, tag);
    const itemBytes: Record<string, number[]> = {};
    for (const item of items) {
      const kind = (item['sk']?.S ?? '').split('#')[0] ?? '';
      (itemBytes[kind] ??= []).push(JSON.stringify(item).length);
    }
    const raw = await rewriteRate(client, runtime.tables.cases, items, tag, records);
    const rawRecordsPerSecond = raw.recordsPerSecond;
    const dynamodb = totalsOf(snapshot, (count) => count.service === 'dynamodb');
    return {
      records,
      refusedBatches,
      alertsRaised,
      recordsPerSecond,
      rawRecordsPerSecond,
      itemsPerRecord: items.length / records,
      itemBytesByKind: Object.fromEntries(
        Object.entries(itemBytes).map(([kind, sizes]) => [kind, Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length)]),
      ),
      ratio: recordsPerSecond / rawRecordsPerSecond,
      ackMs,
      dynamodbRequestsPerRecord: dynamodb.requests / records,
      writeUnitsPerRecord: (dynamodb.writeUnits + dynamodb.refusedWrites) / records,
      readUnitsPerRecord: dynamodb.readUnits / records,
      usage: usagePerRecord(snapshot, {
        records,
        apiRequests: batches.length,
        memoryMiB: (name) => runtime.deployment.functions.get(name)?.memoryMiB ?? 128,
        queueConsumers: queues.map((queue) => queue.consumer),
      }),
      snapshot,
      cpu,
      rawCpu: raw.cpu,
      wallSeconds,
    };
  } finally {
    client.destroy();
  }
}

export interface ThroughputResults {
  readonly mode: Mode;
  readonly worst: readonly PipelineRun[];
  readonly mix: readonly PipelineRun[];
  /** The same batches acknowledged with processing paused: what ingest takes when it has the machine to itself. */
  readonly ingestAlone: IngestAloneRun;
}

export interface IngestAloneRun {
  readonly ackMs: readonly number[];
  readonly recordsPerSecond: number;
  readonly cpu: CpuSeconds;
}

/**
 * A department's batches (8 in flight) with the queue's consumer paused, as an operator disabling
 * the event source mapping would: acknowledgment without processing competing for the cores. The
 * queue is drained afterwards, outside the figures.
 */
async function ingestAloneRun(runtime: LocalRuntime, records: number): Promise<IngestAloneRun> {
  const sender = senders[0]!;
  const credential = credentialOf(runtime, sender.department);
  const tag = `IA${Date.now().toString(36)}`;
  const batches: string[] = [];
  for (let i = 0; i < records; i += 100)
    batches.push(JSON.stringify({ records: Array.from({ length: Math.min(100, records - i) }, (_, j) => inTimeRecord(sender, `${tag}-${i + j}`)) }));
  runtime.setQueueConsumers(false);
  const cpuBefore = cpuSoFar();
  const started = performance.now();
  let ackMs: readonly number[];
  try {
    ({ ackMs } = await postInFlight(runtime, credential, batches));
  } finally {
    runtime.setQueueConsumers(true);
  }
  const result = { ackMs, recordsPerSecond: records / ((performance.now() - started) / 1000), cpu: cpuBetween(cpuBefore, cpuSoFar()) };
  await runtime.idle();
  return result;
}

export async function measureThroughput(mode: Mode, sizes: { records: number; repeats: number }): Promise<ThroughputResults> {
  const meter = new UsageMeter();
  return withRuntime(mode, { meter, configuredThrottle: false }, async (runtime) => {
    // A first small batch warms every sandbox, so no repeat pays the cold starts.
    await pipelineRun(runtime, meter, 100, 1);
    const worst: PipelineRun[] = [];
    const mix: PipelineRun[] = [];
    for (let repeat = 0; repeat < sizes.repeats; repeat += 1) {
      worst.push(await pipelineRun(runtime, meter, sizes.records, 1));
      mix.push(await pipelineRun(runtime, meter, sizes.records, 10));
    }
    // At least 8 batches, so 8 are in flight as in the pipeline runs.
    const ingestAlone = await ingestAloneRun(runtime, Math.max(sizes.records, 800));
    return { mode, worst, mix, ingestAlone };
  });
}

export interface LatencyResults {
  readonly offeredPerSecond: number;
  readonly seconds: number;
  readonly sent: number;
  readonly acknowledged: number;
  readonly statuses: Record<string, number>;
  /** The first answer of each refused status, for the printout. */
  readonly answers: Record<string, string>;
  readonly seen: number;
  readonly p50Ms: number;
  /** Undefined when more than 1 % were never seen within the wait. */
  readonly p99Ms: number | undefined;
  readonly waitedSeconds: number;
  readonly stored: number;
  readonly stillQueued: number;
  readonly lost: number;
  /** CPU seconds by consumer from the first POST until the wait ended. */
  readonly cpu: CpuSeconds;
  readonly wallSeconds: number;
}

/** Records per POST: 200 records/s stay within the departments' configured request rate. */
const recordsPerPost = 10;

export async function measureAlertLatency(sizes: { ratePerSecond: number; seconds: number; waitSeconds: number }): Promise<LatencyResults> {
  return withRuntime('durable', { configuredThrottle: true }, async (runtime) => {
    const client = directClient(runtime);
    const tag = `LAT${Date.now().toString(36)}`;
    const sentAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const statuses: Record<string, number> = {};
    const answers: Record<string, string> = {};
    const acknowledgedIds = new Set<string>();
    let acknowledged = 0;
    let stopAt = Number.POSITIVE_INFINITY;
    const total = sizes.ratePerSecond * sizes.seconds;
    // The console's index, newest first, per department: where a supervisor sees the alert.
    const watcher = (async () => {
      while (seenAt.size < total && performance.now() < stopAt) {
        for (const sender of senders) {
          const page = await client.send(
            new QueryCommand({
              TableName: runtime.tables.cases,
              IndexName: 'alertsByDepartment',
              KeyConditionExpression: 'alertDepartment = :d',
              ExpressionAttributeValues: { ':d': { S: sender.department } },
              ScanIndexForward: false,
              Limit: 200,
              ProjectionExpression: 'caseId',
            }),
          );
          const now = performance.now();
          for (const item of page.Items ?? []) {
            const caseId = item['caseId']?.S;
            if (caseId && sentAt.has(caseId) && !seenAt.has(caseId)) seenAt.set(caseId, now);
          }
        }
        await sleep(10);
      }
    })();
    const posts = total / recordsPerPost;
    const interval = 1000 / (sizes.ratePerSecond / recordsPerPost);
    const start = performance.now();
    const cpuBefore = cpuSoFar();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < posts; i += 1) {
      const wait = start + i * interval - performance.now();
      if (wait > 0) await sleep(wait);
      const sender = senders[i % senders.length]!;
      const caseIds = Array.from({ length: recordsPerPost }, (_, j) => `${tag}-${i * recordsPerPost + j}`);
      const now = performance.now();
      for (const caseId of caseIds) sentAt.set(caseId, now);
      pending.push(
        signedPost(
          runtime.apiUrl,
          '/v1/records',
          JSON.stringify({ records: caseIds.map((caseId) => overdueRecord(sender, caseId)) }),
          credentialOf(runtime, sender.department),
        ).then(
          (reply) => {
            statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
            if (reply.status !== 202) answers[reply.status] ??= reply.text.slice(0, 160);
            if (reply.status === 202) {
              acknowledged += recordsPerPost;
              for (const caseId of caseIds) acknowledgedIds.add(caseId);
            }
          },
          () => {
            statuses['network'] = (statuses['network'] ?? 0) + 1;
          },
        ),
      );
    }
    await Promise.all(pending);
    const offeredEnd = performance.now();
    stopAt = offeredEnd + sizes.waitSeconds * 1000;
    await watcher;
    const cpu = cpuBetween(cpuBefore, cpuSoFar());
    const wallSeconds = (performance.now() - start) / 1000;
    const waitedSeconds = (performance.now() - offeredEnd) / 1000;
    // Only acknowledged records: one whose POST was answered with an error may still have been queued and processed.
    const latencies = [...seenAt.entries()]
      .filter(([caseId]) => acknowledgedIds.has(caseId))
      .map(([caseId, seen]) => seen - (sentAt.get(caseId) ?? seen))
      .sort((a, b) => a - b);
    const stored = await storedEventsOfRun(client, runtime.tables.cases, tag);
    const records = runtime.queueStats().records;
    const stillQueued = records.visible + records.inFlight;
    client.destroy();
    const unseen = acknowledged - latencies.length;
    return {
      offeredPerSecond: sizes.ratePerSecond,
      seconds: sizes.seconds,
      answers,
      sent: total,
      acknowledged,
      statuses,
      seen: latencies.length,
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: acknowledged === 0 || unseen > acknowledged / 100 ? undefined : Math.round(percentile(latencies, 99)),
      waitedSeconds: Math.round(waitedSeconds),
      stored,
      stillQueued,
      lost: Math.max(0, acknowledged - stored - stillQueued),
      cpu,
      wallSeconds,
    };
  });
}

export interface OverloadResults {
  readonly offeredRecordsPerSecond: number;
  readonly bursts: number;
  readonly burstSeconds: number;
  readonly limit: { readonly requestsPerSecond: number; readonly burst: number };
  readonly statuses: Record<string, number>;
  readonly fiveHundreds: number;
  readonly acceptedPosts: number;
  /** What the throttle lets through in these bursts: per department, per burst, its bucket plus its rate. */
  readonly allowedPosts: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly acknowledgedRecords: number;
  readonly stored: number;
  readonly stillQueued: number;
  readonly lost: number;
  /** From the end of the last burst to the first 202 of a single-record probe; undefined if not within the wait. */
  readonly throttleRecoverySeconds: number | undefined;
  /** From the end of the last burst until every acknowledged record is stored; undefined if not within the wait. */
  readonly backlogRecoverySeconds: number | undefined;
}

/** One autocannon burst of signed posts of one department, every request a new body with new case ids. */
function burst(
  runtime: LocalRuntime,
  sender: (typeof senders)[number],
  tag: string,
  ratePerSecond: number,
  seconds: number,
  onAccepted: () => void,
): Promise<autocannon.Result> {
  const credential = credentialOf(runtime, sender.department);
  const url = new URL('/v1/records', runtime.apiUrl);
  let n = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.href,
        // Enough connections that requests waiting on ingest do not hold back the offered rate.
        connections: 128,
        overallRate: ratePerSecond,
        // A number of requests rather than a duration: autocannon then waits for every answer, so an
        // accepted batch is not taken for lost because its 202 came after the burst.
        amount: Math.round(ratePerSecond * seconds),
        timeout: 120,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const first = n;
              n += recordsPerPost;
              const body = JSON.stringify({
                records: Array.from({ length: recordsPerPost }, (_, j) => overdueRecord(sender, `${tag}-${sender.department}-${first + j}`)),
              });
              const signed = aws4.sign(
                {
                  host: url.host,
                  method: 'POST',
                  path: url.pathname,
                  body,
                  service: 'execute-api',
                  region: runtime.region,
                  headers: { 'content-type': 'application/json', 'x-api-key': credential.apiKey },
                },
                { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
              );
              const headers = Object.fromEntries(
                Object.entries(signed.headers ?? {})
                  .filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase()))
                  .map(([name, value]) => [name, String(value)]),
              );
              return { ...request, method: 'POST', path: url.pathname, headers, body };
            },
            onResponse: (status) => {
              if (status === 202) onAccepted();
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('error', reject);
  });
}

export async function measureOverload(sizes: {
  ratePerSecond: number;
  bursts: number;
  burstSeconds: number;
  gapSeconds: number;
  waitSeconds: number;
}): Promise<OverloadResults> {
  const limit = departmentRateLimitOf(loadLocalDeploymentConfig());
  return withRuntime('durable', { configuredThrottle: true }, async (runtime) => {
    const client = directClient(runtime);
    const tag = `OVL${Date.now().toString(36)}`;
    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    let acceptedPosts = 0;
    let lastBurstEnd = 0;
    for (let b = 0; b < sizes.bursts; b += 1) {
      if (b > 0) await sleep(sizes.gapSeconds * 1000);
      const results = await Promise.all(
        senders.map((sender) =>
          burst(runtime, sender, `${tag}-${b}`, sizes.ratePerSecond / recordsPerPost / senders.length, sizes.burstSeconds, () => (acceptedPosts += 1)),
        ),
      );
      lastBurstEnd = performance.now();
      for (const result of results) {
        for (const [key, count] of Object.entries(result.statusCodeStats ?? {})) statuses[key] = (statuses[key] ?? 0) + (count as { count: number }).count;
        if (result.errors > 0) statuses['no answer'] = (statuses['no answer'] ?? 0) + result.errors;
        latencies.push(result.latency.p50, result.latency.p99);
      }
    }
    // The throttle: a single record from the first department, every 100 ms, until it is accepted.
    const sender = senders[0]!;
    let probe = 0;
    let probeAccepted = false;
    const deadline = lastBurstEnd + sizes.waitSeconds * 1000;
    while (!probeAccepted && performance.now() < deadline) {
      const reply = await signedPost(
        runtime.apiUrl,
        '/v1/records',
        JSON.stringify({ records: [overdueRecord(sender, `${tag}-probe-${probe++}`)] }),
        credentialOf(runtime, sender.department),
      );
      probeAccepted = reply.status === 202;
      if (!probeAccepted) await sleep(100);
    }
    const throttleRecoverySeconds = probeAccepted ? (performance.now() - lastBurstEnd) / 1000 : undefined;
    const acknowledgedRecords = acceptedPosts * recordsPerPost + (probeAccepted ? 1 : 0);
    let stored = 0;
    let backlogRecoverySeconds: number | undefined;
    while (performance.now() < deadline) {
      const records = runtime.queueStats().records;
      if (records.visible + records.inFlight === 0) {
        stored = await storedEventsOfRun(client, runtime.tables.cases, tag);
        if (stored >= acknowledgedRecords) {
          backlogRecoverySeconds = (performance.now() - lastBurstEnd) / 1000;
          break;
        }
      }
      await sleep(500);
    }
    stored = await storedEventsOfRun(client, runtime.tables.cases, tag);
    const records = runtime.queueStats().records;
    const stillQueued = records.visible + records.inFlight;
    client.destroy();
    const fiveHundreds = Object.entries(statuses)
      .filter(([status]) => status.startsWith('5') && status !== '503')
      .reduce((sum, [, count]) => sum + count, 0);
    const p50s = latencies.filter((_, i) => i % 2 === 0).sort((a, b) => a - b);
    const p99s = latencies.filter((_, i) => i % 2 === 1).sort((a, b) => a - b);
    return {
      offeredRecordsPerSecond: sizes.ratePerSecond,
      bursts: sizes.bursts,
      burstSeconds: sizes.burstSeconds,
      limit,
      statuses,
      fiveHundreds,
      acceptedPosts,
      allowedPosts: senders.length * sizes.bursts * Math.floor(limit.burst + limit.requestsPerSecond * sizes.burstSeconds),
      latencyP50Ms: percentile(p50s, 50),
      latencyP99Ms: p99s.at(-1) ?? NaN,
      acknowledgedRecords,
      stored,
      stillQueued,
      lost: Math.max(0, acknowledgedRecords - stored - stillQueued),
      throttleRecoverySeconds: throttleRecoverySeconds === undefined ? undefined : Number(throttleRecoverySeconds.toFixed(2)),
      backlogRecoverySeconds: backlogRecoverySeconds === undefined ? undefined : Number(backlogRecoverySeconds.toFixed(1)),
    };
  });
}
