/**
 * `npm run bench`: figures for the Foundation, each against a baseline measured in the same run
 * on the same machine, so the ratios mean something on any machine.
 *
 * 1. Raw DynamoDB Local write ceiling: BatchWriteItem of ~800-byte items, 8 requests in flight.
 * 2. Pipeline throughput: signed batches → API → ingest → queue → processing (store, fold,
 *    rules, alerts) until the queue is drained; records/s and its ratio to (1).
 * 3. Ingest-to-alert latency at a fixed offered rate: each record is an overdue case; the time
 *    from its POST to its alert being listed by the console index. p50 / p99.
 * 4. Rule evaluation per record (fold + rules), in-process, microseconds.
 * 5. Function bundles (`bench/bundles.ts`): size, gzip size and initialisation per function,
 *    each against its target, and what bounds a missed one.
 * 6. The engine (`bench/engine.ts`): rule evaluation against json-rules-engine, validation +
 *    evaluation per family, the case sweep's reads.
 * 7. Oversight (`bench/oversight.ts`): the complaint timer sweep (1,000 due among 100,000) and
 *    written notices (time and size per PDF).
 *
 * Options: `--quick` for a smaller run. Results go to stdout and `bench/results.json`.
 */
import { BatchWriteItemCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startLocalRuntime, type LocalRuntime } from '#infra/local/runtime.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { demoCatalogue } from '#infra/local/demo-data.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldLicensingCase } from '#shared/domain/licensing/licensing-case.ts';
import { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { evaluateLicensingCase } from '#shared/domain/licensing/licensing-rules.ts';
import { signedPost } from '../test/support/local-api-client.ts';
import { printBundleBench, runBundleBench } from './bundles.ts';
import { runEngineBench } from './engine.ts';
import { runOversightBench } from './oversight.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const execFileAsync = promisify(execFile);
const quick = process.argv.includes('--quick');
const sizes = quick
  ? { rawItems: 2000, pipelineRecords: 1000, latencyRate: 10, latencySeconds: 5, evaluations: 20_000 }
  : { rawItems: 6000, pipelineRecords: 3000, latencyRate: 20, latencySeconds: 15, evaluations: 100_000 };

const department = 'haishu-housing';
const demoMatter = demoCatalogue.find((m) => m.department === department && m.matterCode === 'construction-permit');
if (!demoMatter) throw new Error('demo matter missing');
const matter = demoMatter;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rawBatchWriteRate(client: DynamoDBClient, table: string, items: number): Promise<number> {
  const padding = 'x'.repeat(700);
  const requests: number[][] = [];
  for (let i = 0; i < items; i += 25) requests.push(Array.from({ length: Math.min(25, items - i) }, (_, j) => i + j));
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) {
      const batch = requests[next++] ?? [];
      let pending = batch.map((n) => ({ PutRequest: { Item: { pk: { S: `BENCH#${n}` }, sk: { S: 'RAW' }, payload: { S: padding }, n: { N: String(n) } } } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return items / ((performance.now() - started) / 1000);
}

/** The emulator's ceiling for single-item requests: conditional PutItem, 8 in flight. */
async function rawPutItemRate(client: DynamoDBClient, table: string, items: number): Promise<number> {
  const padding = 'x'.repeat(700);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < items) {
      const n = next++;
      await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: `BENCH-PUT#${n}` }, sk: { S: 'RAW' }, payload: { S: padding } }, ConditionExpression: 'attribute_not_exists(pk)' }));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return items / ((performance.now() - started) / 1000);
}

const overdueRecord = (caseId: string, sequence = 1) => ({
  kind: 'licensing',
  department,
  matterCode: matter.matterCode,
  caseId,
  sequence,
  event: 'received',
  occurredAt: '2025-09-01T09:00:00+08:00',
});

async function pipelineRate(runtime: LocalRuntime, credential: DepartmentCredential, records: number): Promise<number> {
  const run = Date.now().toString(36);
  const batches: string[] = [];
  for (let i = 0; i < records; i += 100) {
    batches.push(JSON.stringify({ records: Array.from({ length: Math.min(100, records - i) }, (_, j) => overdueRecord(`TP-${run}-${i + j}`)) }));
  }
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const body = batches[next++] as string;
      const reply = await signedPost(runtime.apiUrl, '/v1/records', body, credential);
      if (reply.status !== 202 || reply.json.accepted !== 100) throw new Error(`pipeline batch refused: ${reply.status} ${reply.text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  await runtime.idle();
  return records / ((performance.now() - started) / 1000);
}

async function ingestToAlertLatency(runtime: LocalRuntime, credential: DepartmentCredential, ratePerSecond: number, seconds: number): Promise<number[]> {
  const client = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: runtime.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const run = `LAT-${Date.now().toString(36)}`;
  const sentAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const total = ratePerSecond * seconds;
  let stopAt = Number.POSITIVE_INFINITY;
  // The console's index, read newest first, is where a supervisor would see the alert.
  const watcher = (async () => {
    while (seenAt.size < total && performance.now() < stopAt) {
      const page = await client.send(
        new QueryCommand({
          TableName: runtime.tables.cases,
          IndexName: 'alertsByDepartment',
          KeyConditionExpression: 'alertDepartment = :d',
          ExpressionAttributeValues: { ':d': { S: department } },
          ScanIndexForward: false,
          Limit: 100,
          ProjectionExpression: 'caseId',
        }),
      );
      const now = performance.now();
      for (const item of page.Items ?? []) {
        const caseId = item['caseId']?.S;
        if (caseId && sentAt.has(caseId) && !seenAt.has(caseId)) seenAt.set(caseId, now);
      }
      await sleep(5);
    }
  })();
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  const posts: Promise<unknown>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const caseId = `${run}-${i}`;
    sentAt.set(caseId, performance.now());
    posts.push(signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records: [overdueRecord(caseId)] }), credential));
  }
  await Promise.all(posts);
  stopAt = performance.now() + 30_000;
  await watcher;
  client.destroy();
  return [...seenAt.entries()].map(([caseId, seen]) => seen - (sentAt.get(caseId) ?? seen)).sort((a, b) => a - b);
}

function evaluationMicroseconds(count: number): number {
  const raw = [
    { kind: 'licensing', department, matterCode: matter.matterCode, caseId: 'EV-1', sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
    { kind: 'licensing', department, matterCode: matter.matterCode, caseId: 'EV-1', sequence: 2, event: 'accepted', occurredAt: '2025-09-02T09:00:00+08:00' },
    { kind: 'licensing', department, matterCode: matter.matterCode, caseId: 'EV-1', sequence: 3, event: 'suspended', reason: 'expertReview', occurredAt: '2025-09-05T09:00:00+08:00' },
    { kind: 'licensing', department, matterCode: matter.matterCode, caseId: 'EV-1', sequence: 4, event: 'resumed', occurredAt: '2025-09-12T09:00:00+08:00' },
  ];
  const asOf = new Date('2025-09-25T10:00:00+08:00');
  let sink = 0;
  for (let i = 0; i < 1000; i += 1) sink += evaluateLicensingCase(foldLicensingCase(raw.map((r) => LicensingEvent.parse(r))), matter, asOf, stateCouncilCalendar).findings.length;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const events = raw.map((r) => LicensingEvent.parse(r));
    sink += evaluateLicensingCase(foldLicensingCase(events), matter, asOf, stateCouncilCalendar).findings.length;
  }
  const perRecord = ((performance.now() - started) * 1000) / (count * raw.length);
  if (sink < 0) console.log(sink);
  return perRecord;
}

interface ModeResults {
  readonly mode: string;
  readonly rawBatchWriteItemsPerSecond: number;
  readonly rawPutItemsPerSecond: number;
  readonly pipelineRecordsPerSecond: number;
  readonly pipelineToRawRatio: number;
  readonly ingestToAlert: { offeredPerSecond: number; sent: number; seen: number; p50Ms: number; p99Ms: number };
}

/** One configuration of the local runtime, measured end to end with its own baseline. */
async function measureMode(mode: 'in-memory' | 'durable'): Promise<ModeResults> {
  const dataDir = await mkdtemp(join(tmpdir(), 'esup-bench-'));
  // in-memory: DynamoDB Local -inMemory and a queue without fsync (as the tests run);
  // durable: DynamoDB Local on disk and an fsync'ed queue (as `npm start` runs).
  const runtime = await startLocalRuntime({ dataDir, ephemeral: mode === 'in-memory', schedulesEnabled: false, quiet: true, rateLimit: { requestsPerSecond: 10_000, burst: 10_000 } });
  try {
    const credential = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
    const raw = new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: runtime.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const rawRate = await rawBatchWriteRate(raw, runtime.tables.reference, sizes.rawItems);
    const putRate = await rawPutItemRate(raw, runtime.tables.reference, Math.round(sizes.rawItems / 4));
    raw.destroy();
    const pipeline = await pipelineRate(runtime, credential, sizes.pipelineRecords);
    const latencies = await ingestToAlertLatency(runtime, credential, sizes.latencyRate, sizes.latencySeconds);
    return {
      mode,
      rawBatchWriteItemsPerSecond: Math.round(rawRate),
      rawPutItemsPerSecond: Math.round(putRate),
      pipelineRecordsPerSecond: Math.round(pipeline),
      pipelineToRawRatio: Number((pipeline / rawRate).toFixed(3)),
      ingestToAlert: {
        offeredPerSecond: sizes.latencyRate,
        sent: sizes.latencyRate * sizes.latencySeconds,
        seen: latencies.length,
        p50Ms: Math.round(percentile(latencies, 50)),
        p99Ms: Math.round(percentile(latencies, 99)),
      },
    };
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Each mode in its own process: handlers bind to one runtime's endpoints per process. */
async function measureModeInChild(mode: 'in-memory' | 'durable'): Promise<ModeResults> {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--mode', mode, ...(quick ? ['--quick'] : [])];
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 16 * 2 ** 20, env: { ...process.env, LOG_LEVEL: 'ERROR' } });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as ModeResults;
}

async function main(): Promise<void> {
  const modeArgument = process.argv.indexOf('--mode');
  if (modeArgument >= 0) {
    const mode = process.argv[modeArgument + 1] === 'durable' ? 'durable' : 'in-memory';
    console.log(JSON.stringify(await measureMode(mode)));
    // Handlers keep pooled SDK connections open; this child's work is done and printed.
    process.exit(0);
  }
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  console.log(`machine: ${machine.cores} × ${machine.cpu ?? 'cpu'}, ${machine.memoryGiB} GiB, node ${machine.node}${quick ? ' (quick run)' : ''}`);
  const modes = [await measureModeInChild('in-memory'), await measureModeInChild('durable')];
  const evaluation = evaluationMicroseconds(sizes.evaluations);
  const bundles = await runBundleBench({ quick });

  console.log('');
  console.log('| figure | in-memory | durable |');
  console.log('| --- | --- | --- |');
  const row = (label: string, f: (m: ModeResults) => string) => console.log(`| ${label} | ${modes.map(f).join(' | ')} |`);
  row('raw BatchWriteItem, 800-byte items, 8 in flight (baseline)', (m) => `${m.rawBatchWriteItemsPerSecond} items/s`);
  row('raw conditional PutItem, 8 in flight (single-request ceiling)', (m) => `${m.rawPutItemsPerSecond} items/s`);
  row('pipeline: signed ingest → queue → processing → alert (every record raises one)', (m) => `${m.pipelineRecordsPerSecond} records/s`);
  row('pipeline / BatchWriteItem baseline', (m) => `${m.pipelineToRawRatio}`);
  row('pipeline / PutItem ceiling', (m) => `${(m.pipelineRecordsPerSecond / m.rawPutItemsPerSecond).toFixed(3)}`);
  row(`ingest-to-alert at ${sizes.latencyRate} records/s, p50`, (m) => `${m.ingestToAlert.p50Ms} ms`);
  row(`ingest-to-alert at ${sizes.latencyRate} records/s, p99`, (m) => `${m.ingestToAlert.p99Ms} ms (${m.ingestToAlert.seen}/${m.ingestToAlert.sent} seen)`);
  console.log('');
  console.log(`validation + fold + rules per record: ${evaluation.toFixed(2)} µs`);
  console.log('');
  printBundleBench(bundles);
  await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify({ machine, modes, evaluationMicrosecondsPerRecord: Number(evaluation.toFixed(2)), bundles }, null, 2)}\n`);
  console.log('');
  await runEngineBench({ quick });
  console.log('');
  await runOversightBench({ quick });
}

await main();
