/**
 * `npm run bench`: the write path's figures, each beside its target, as ratios to a baseline
 * measured in the same run on the same DynamoDB Local where one applies, medians of several runs
 * with their min and max.
 *
 * 1. Throughput (`bench/write-path.ts`), in-memory and durable, each in its own process with the
 *    usage meter on: pipeline records/s against the same items written with BatchWriteItem;
 *    DynamoDB requests and write units per record (every record raising an alert, and one in
 *    ten); a department's batch of 100 acknowledged, 8 in flight; cost per million records on
 *    AWS (`bench/aws-cost.ts`, prices in `bench/aws-prices.json`) against the floor of one write
 *    unit per record. Where the CPU went (`bench/cpu-split.ts`: each function's sandbox thread,
 *    the runtime, DynamoDB Local), the same batches acknowledged with processing paused, and
 *    DynamoDB Local's CPU per operation (`bench/emulator-operations.ts`).
 * 2. Ingest-to-alert at 200 records/s for 60 s, durable, within the configured throttle.
 * 3. Overload: ten times that rate in bursts (autocannon), against the configured throttle.
 * 4. The console's filtered alert page with 10,000 and with 200,000 alerts (`bench/alert-page.ts`).
 *    A month's evaluation for 200 departments through the statistics aggregates against the same
 *    month recomputed from 200,000 and 1,000,000 stored records (`bench/evaluation.ts`).
 *    Reconciliation of a department's day with 100,000 and 200,000 records and 10 differences
 *    (`bench/reconciliation.ts`).
 * 5. Rule evaluation per record (fold + rules), in-process, microseconds; function bundles
 *    (`bench/bundles.ts`): size, gzip size and initialisation per function against their targets;
 *    the console's and the complaint page's initial JavaScript (`bench/console-bundle.ts`).
 * 6. The engine (`bench/engine.ts`) and oversight (`bench/oversight.ts`).
 * 7. Webhook delivery (`bench/webhooks.ts`): commit-to-delivery of signals to 100 subscribers
 *    on this machine, against the same signals to one subscriber.
 *
 * Options: `--quick` for a smaller run (a few minutes); `--only <part>` runs one of
 * throughput, alert-latency, overload, alert-page, evaluation, reconciliation, webhooks, `family:<kind>[,<kind>]` (the
 * engine bench's validation + fold + evaluate figures of those record families, e.g. `family:investmentProject`), or
 * `families [kind …]` (the same figures alone, without the engine bench's other parts). Results go to stdout and `bench/results.json`.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { demoCatalogue } from '#infra/local/demo-data.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldLicensingCase } from '#shared/domain/licensing/licensing-case.ts';
import { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { evaluateLicensingCase } from '#shared/domain/licensing/licensing-rules.ts';
import { measureAlertPage, type AlertPageResults } from './alert-page.ts';
import { costPerMillionRecords, priceTable, type RegionCost, type UsagePerRecord } from './aws-cost.ts';
import { printBundleBench, runBundleBench } from './bundles.ts';
import { runConsoleBundleBench } from './console-bundle.ts';
import { describeCpu, type CpuSeconds } from './cpu-split.ts';
import { measureEmulatorOperations, printEmulatorOperations } from './emulator-operations.ts';
import { runEngineBench, runFamilyBench } from './engine.ts';
import { measureEvaluation, type EvaluationResults } from './evaluation.ts';
import { runOversightBench } from './oversight.ts';
import { measureReconciliation, type ReconciliationResults } from './reconciliation.ts';
import { measureWebhookLatency, type WebhookLatencyResults, type WebhookLatencyRun } from './webhooks.ts';
import {
  measureAlertLatency,
  measureOverload,
  measureThroughput,
  percentile,
  type LatencyResults,
  type Mode,
  type OverloadResults,
  type PipelineRun,
  type ThroughputResults,
} from './write-path.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const execFileAsync = promisify(execFile);
const quick = process.argv.includes('--quick');
const sizes = quick
  ? {
      throughput: { records: 200, repeats: 2 },
      latency: { ratePerSecond: 200, seconds: 15, waitSeconds: 20 },
      overload: { ratePerSecond: 2000, bursts: 2, burstSeconds: 3, gapSeconds: 3, waitSeconds: 45 },
      alertPage: { few: 10_000, many: 50_000, calls: 5 },
      evaluation: { departments: 200, few: 10_000, many: 50_000, evaluations: 5 },
      evaluations: 20_000,
      reconciliation: { few: 20_000, many: 40_000 },
      webhooks: { signals: 3, subscribers: 100 },
    }
  : {
      throughput: { records: 600, repeats: 3 },
      latency: { ratePerSecond: 200, seconds: 60, waitSeconds: 30 },
      overload: { ratePerSecond: 2000, bursts: 3, burstSeconds: 5, gapSeconds: 5, waitSeconds: 60 },
      alertPage: { few: 10_000, many: 200_000, calls: 10 },
      evaluation: { departments: 200, few: 200_000, many: 1_000_000, evaluations: 5 },
      evaluations: 100_000,
      reconciliation: { few: 100_000, many: 200_000 },
      webhooks: { signals: 10, subscribers: 100 },
    };

const department = 'haishu-housing';
const demoMatter = demoCatalogue.find((m) => m.department === department && m.matterCode === 'construction-permit');
if (!demoMatter) throw new Error('demo matter missing');
const matter = demoMatter;

function evaluationMicroseconds(count: number): number {
  const raw = [
    { kind: 'licensing', department, matterCode: matter.matterCode, caseId: 'EV-1', sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
    { kind: 'licensing', department, matterCode: matter.matterCode, caseId: 'EV-1', sequence: 2, event: 'accepted', occurredAt: '2025-09-02T09:00:00+08:00' },
    {
      kind: 'licensing',
      department,
      matterCode: matter.matterCode,
      caseId: 'EV-1',
      sequence: 3,
      event: 'suspended',
      reason: 'expertReview',
      occurredAt: '2025-09-05T09:00:00+08:00',
    },
    { kind: 'licensing', department, matterCode: matter.matterCode, caseId: 'EV-1', sequence: 4, event: 'resumed', occurredAt: '2025-09-12T09:00:00+08:00' },
  ];
  const asOf = new Date('2025-09-25T10:00:00+08:00');
  let sink = 0;
  for (let i = 0; i < 1000; i += 1)
    sink += evaluateLicensingCase(foldLicensingCase(raw.map((r) => LicensingEvent.parse(r))), matter, asOf, stateCouncilCalendar).findings.length;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const events = raw.map((r) => LicensingEvent.parse(r));
    sink += evaluateLicensingCase(foldLicensingCase(events), matter, asOf, stateCouncilCalendar).findings.length;
  }
  const perRecord = ((performance.now() - started) * 1000) / (count * raw.length);
  if (sink < 0) console.log(sink);
  return perRecord;
}

type ChildPart = 'throughput' | 'alert-latency' | 'overload';

/** Each part that runs a local runtime in its own process: handlers bind to one runtime's endpoints per process. */
async function inChild<T>(part: ChildPart, mode: Mode = 'durable'): Promise<T> {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--part', part, '--mode', mode, ...(quick ? ['--quick'] : [])];
  const { stdout, stderr } = await execFileAsync(process.execPath, args, { maxBuffer: 64 * 2 ** 20, env: process.env });
  // What the runtime reported (a function's error, a timeout) explains a refused request; the first lines suffice.
  const reported = stderr.split('\n').filter((line) => line.startsWith('[local]'));
  if (reported.length > 0)
    console.log(
      `${part} (${mode}): ${reported.length} runtime reports, the first: ${[...new Set(reported.map((line) => line.slice(0, 220)))].slice(0, 3).join(' | ')}`,
    );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

async function runChildPart(part: ChildPart, mode: Mode): Promise<unknown> {
  switch (part) {
    case 'throughput':
      return measureThroughput(mode, sizes.throughput);
    case 'alert-latency':
      return measureAlertLatency(sizes.latency);
    case 'overload':
      return measureOverload(sizes.overload);
  }
}

/** `median (min–max)` of several runs. */
function spread(values: readonly number[], digits: number): { median: number; text: string } {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const f = (v: number) => v.toFixed(digits);
  return { median, text: sorted.length > 1 ? `${f(median)} (${f(sorted[0]!)}–${f(sorted.at(-1)!)})` : f(median) };
}

const verdict = (met: boolean | undefined): string => (met === undefined ? 'n/a' : met ? 'met ✓' : 'MISSED ✗');

interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly target: string;
  readonly met: boolean | undefined;
  readonly bound?: string;
}

/** What the emulator spent a record through the pipeline and batch-written, and what the functions spent: the CPU two cores share. */
function emulatorBound(run: PipelineRun): string {
  const perRecord = (cpu: CpuSeconds, pick: (name: string) => boolean) =>
    (1000 *
      Object.entries(cpu)
        .filter(([name]) => pick(name))
        .reduce((sum, [, seconds]) => sum + seconds, 0)) /
    run.records;
  const isEmulator = (name: string) => name.startsWith('DynamoDB Local');
  const pipeline = perRecord(run.cpu, isEmulator);
  const raw = perRecord(run.rawCpu, isEmulator);
  const rest = perRecord(run.cpu, (name) => !isEmulator(name));
  if (pipeline === 0) return 'CPU not measured (no /proc)';
  return `CPU a record: DynamoDB Local ${pipeline.toFixed(1)} ms through the pipeline vs ${raw.toFixed(1)} ms batch-written; functions and runtime ${rest.toFixed(1)} ms (two cores for all)`;
}

function throughputRows(results: readonly ThroughputResults[]): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    const ratio = spread(
      r.worst.map((run) => run.ratio),
      3,
    );
    const pipeline = spread(
      r.worst.map((run) => run.recordsPerSecond),
      0,
    );
    const raw = spread(
      r.worst.map((run) => run.rawRecordsPerSecond),
      0,
    );
    const items = spread(
      r.worst.map((run) => run.itemsPerRecord),
      1,
    );
    rows.push({
      figure: `${r.mode}: pipeline records/s ÷ the same items with BatchWriteItem (every record raises an alert)`,
      measured: `${ratio.text} (${pipeline.text} vs ${raw.text} records/s, ${items.text} items a record)`,
      target: '≥ 0.5',
      met: ratio.median >= 0.5,
      bound: emulatorBound(r.worst[0]!),
    });
  }
  for (const r of results) {
    const mixRatio = spread(
      r.mix.map((run) => run.ratio),
      3,
    );
    rows.push({
      figure: `${r.mode}: the same, realistic mix (1 record in 10 raises an alert)`,
      measured: mixRatio.text,
      target: '≥ 0.5',
      met: mixRatio.median >= 0.5,
    });
  }
  const all = (pick: (r: ThroughputResults) => readonly PipelineRun[]) => results.flatMap(pick);
  const requests = spread(
    all((r) => r.worst).map((run) => run.dynamodbRequestsPerRecord),
    2,
  );
  const mixRequests = spread(
    all((r) => r.mix).map((run) => run.dynamodbRequestsPerRecord),
    2,
  );
  rows.push({
    figure: 'DynamoDB requests per record (every record raises an alert)',
    measured: requests.text,
    target: '≤ 0.2',
    met: requests.median <= 0.2,
    bound: 'one query per case in processing (its events, state and alerts are items of a partition); ingest ~0.05',
  });
  rows.push({ figure: 'DynamoDB requests per record (realistic mix)', measured: mixRequests.text, target: '≤ 0.2', met: mixRequests.median <= 0.2 });
  const worstUnits = spread(
    all((r) => r.worst).map((run) => run.writeUnitsPerRecord),
    2,
  );
  const mixUnits = spread(
    all((r) => r.mix).map((run) => run.writeUnitsPerRecord),
    2,
  );
  rows.push({
    figure: 'write units per record, realistic mix (indexes included)',
    measured: mixUnits.text,
    target: '≤ 2.5',
    met: mixUnits.median <= 2.5,
    bound: 'every item of a commit is transactional (two units a KB): event and state, plus the receipt (docs/tables.md)',
  });
  rows.push({
    figure: 'write units per record, worst case (every record raises an alert)',
    measured: worstUnits.text,
    target: '≤ 5',
    met: worstUnits.median <= 5,
    bound: 'alert item in three indexes, alert event in the outbox, transactional writes count twice',
  });
  for (const [label, pick] of [
    ['realistic mix', (r: ThroughputResults) => r.mix],
    ['worst case', (r: ThroughputResults) => r.worst],
  ] as const) {
    const durable = results.find((r) => r.mode === 'durable') ?? results[0]!;
    const costs = pick(durable).map((run) => costPerMillionRecords(run.usage, 'us-east-1'));
    const ratios = spread(
      costs.map((c) => c.perMillionRecords / (c.floorPerMillionRecords ?? NaN)),
      1,
    );
    const dollars = spread(
      costs.map((c) => c.perMillionRecords),
      2,
    );
    rows.push({
      figure: `cost per million records on AWS us-east-1, ${label}, ÷ the floor (one write unit a record, $${costs[0]?.floorPerMillionRecords?.toFixed(3)})`,
      measured: `${ratios.text} ($${dollars.text})`,
      target: '≤ 2.5',
      met: ratios.median <= 2.5,
      bound: `largest lines: ${largestLines(costs[0]!)}`,
    });
  }
  const runs = all((r) => [...r.worst, ...r.mix]);
  const acks = runs.flatMap((run) => run.ackMs).sort((a, b) => a - b);
  const refused = new Map<string, number>();
  for (const run of runs) for (const [status, count] of Object.entries(run.refusedBatches)) refused.set(status, (refused.get(status) ?? 0) + count);
  rows.push({
    figure: `a department's batch of 100 acknowledged, 8 in flight, p99 (${acks.length} batches, both modes)`,
    measured: `${Math.round(percentile(acks, 99))} ms (p50 ${Math.round(percentile(acks, 50))} ms)${refused.size > 0 ? `; refused: ${[...refused].map(([s, n]) => `${n}×${s}`).join(', ')}` : ''}`,
    target: '≤ 300 ms',
    met: percentile(acks, 99) <= 300 && refused.size === 0,
    bound: 'ingest waits for the CPU behind processing (two cores shared by DynamoDB Local, the queue and every sandbox): see the row below',
  });
  const alone = results.flatMap((r) => r.ingestAlone.ackMs).sort((a, b) => a - b);
  const aloneRate = spread(
    results.map((r) => r.ingestAlone.recordsPerSecond),
    0,
  );
  rows.push({
    figure: `the same with processing paused (ingest alone; ${alone.length} batches, both modes)`,
    measured: `${Math.round(percentile(alone, 99))} ms (p50 ${Math.round(percentile(alone, 50))} ms); ${aloneRate.text} records/s acknowledged`,
    target: '≤ 300 ms',
    met: percentile(alone, 99) <= 300,
    bound: ingestAloneBound(results),
  });
  return rows;
}

/** CPU a batch of 100 costs to acknowledge, and what 8 of them in flight on this machine's cores then take at least. */
function ingestAloneBound(results: readonly ThroughputResults[]): string {
  const perBatch = results.map((r) => {
    const records = r.ingestAlone.ackMs.length * 100;
    const total = Object.values(r.ingestAlone.cpu).reduce((sum, seconds) => sum + seconds, 0);
    const emulator = r.ingestAlone.cpu['DynamoDB Local (java)'] ?? 0;
    return { total: (100_000 * total) / records, emulator: (100_000 * emulator) / records };
  });
  const total = spread(
    perBatch.map((b) => b.total),
    0,
  );
  const emulator = spread(
    perBatch.map((b) => b.emulator),
    0,
  );
  if (total.median === 0) return 'CPU not measured (no /proc)';
  return `CPU a batch of 100: ${total.text} ms, of which DynamoDB Local ${emulator.text} ms; 8 in flight on ${cpus().length} cores: the last answered after ≥ ${Math.round((8 * total.median) / cpus().length)} ms`;
}

function largestLines(cost: RegionCost): string {
  return [...cost.lines]
    .filter((line) => line.perMillionRecords !== undefined)
    .sort((a, b) => (b.perMillionRecords ?? 0) - (a.perMillionRecords ?? 0))
    .slice(0, 3)
    .map((line) => `${line.what} $${line.perMillionRecords!.toFixed(2)}`)
    .join(', ');
}

function latencyRow(l: LatencyResults): Row {
  const errors = Object.entries(l.statuses).filter(([status]) => status !== '202');
  const met = l.p99Ms !== undefined && l.p99Ms <= 1000 && errors.length === 0 && l.lost === 0 && l.stillQueued === 0;
  return {
    figure: `ingest-to-alert p99 at ${l.offeredPerSecond} records/s offered for ${l.seconds} s, durable`,
    measured: `p99 ${l.p99Ms === undefined ? `> ${l.seconds + l.waitedSeconds} s (${l.seen}/${l.acknowledged} acknowledged seen)` : `${l.p99Ms} ms`}, p50 ${l.seen > 0 ? `${l.p50Ms} ms` : 'none seen'}; errors ${errors.length === 0 ? 'none' : errors.map(([s, n]) => `${n}×${s}`).join(', ')}; ${l.acknowledged} acknowledged, ${l.stored} stored, lost ${l.lost}${l.stillQueued > 0 ? `, ${l.stillQueued} still queued at the end` : ''}`,
    target: '≤ 1 s, zero errors, nothing lost',
    met,
    bound:
      errors.length > 0
        ? 'ingest runs out of time (503 since; 502 when the invocation gets no further) once requests wait behind processing for the CPU; the queue grows meanwhile'
        : 'the pipeline drains fewer records/s than offered: the queue grows',
  };
}

function webhookRows(w: WebhookLatencyResults): Row[] {
  const run = (r: WebhookLatencyRun) =>
    `p99 ${r.p99Ms} ms, p50 ${r.p50Ms} ms, max ${r.maxMs} ms over ${r.deliveries} deliveries (${r.signals} signals × ${r.subscribers})${r.missing > 0 ? `, ${r.missing} missing after 60 s` : ''}`;
  return [
    {
      figure: `webhook commit-to-delivery, ${w.fanOut.subscribers} subscribers`,
      measured: `${run(w.fanOut)}; ${(w.fanOut.p99Ms / w.baseline.p99Ms).toFixed(1)}× the baseline's p99`,
      target: `p99 ≤ ${w.targetMs / 1000} s`,
      met: w.fanOut.missing === 0 && w.fanOut.p99Ms <= w.targetMs,
      bound: 'the fan-out queues one message per subscriber; a batch of ten is read again and logged in one request each; each is signed (its secret opened once per warm sandbox) and sent',
    },
    { figure: 'webhook commit-to-delivery, baseline: 1 subscriber', measured: run(w.baseline), target: '(baseline)', met: undefined },
  ];
}

function overloadRow(o: OverloadResults): Row {
  const statuses = Object.entries(o.statuses)
    .map(([s, n]) => `${n}×${s}`)
    .join(', ');
  const refusedOnlyAboveLimits = o.acceptedPosts >= 0.9 * Math.min(o.allowedPosts, o.acceptedPosts + (o.statuses['503'] ?? 0));
  const met = o.fiveHundreds === 0 && o.lost === 0 && refusedOnlyAboveLimits && o.backlogRecoverySeconds !== undefined;
  return {
    figure: `overload: ${o.offeredRecordsPerSecond} records/s in ${o.bursts} bursts of ${o.burstSeconds} s (autocannon), throttle ${o.limit.requestsPerSecond}/s burst ${o.limit.burst} per department`,
    measured: `${statuses}; accepted ${o.acceptedPosts} posts of ${o.allowedPosts} the throttle allows; latency p50 ${o.latencyP50Ms} ms, p99 ${o.latencyP99Ms} ms; ${o.acknowledgedRecords} records acknowledged, ${o.stored} stored, lost ${o.lost}${o.stillQueued > 0 ? `, ${o.stillQueued} still queued` : ''}; recovery: throttle ${o.throttleRecoverySeconds === undefined ? `not within ${sizes.overload.waitSeconds} s` : `${o.throttleRecoverySeconds} s`}, backlog ${o.backlogRecoverySeconds === undefined ? `not within ${sizes.overload.waitSeconds} s` : `${o.backlogRecoverySeconds} s`}`,
    target: 'no 5xx, nothing lost, 429/503 only above the limits',
    met,
    bound:
      o.fiveHundreds > 0
        ? 'ingest runs out of time under the burst (503; 502 when the invocation gets no further); the backlog drains at the pipeline rate'
        : 'the backlog drains at the pipeline rate',
  };
}

function alertPageRows(a: AlertPageResults): Row[] {
  return a.few.map((few, i) => {
    const many = a.many[i]!;
    const units = many.readUnits / few.readUnits;
    const time = many.medianMs / few.medianMs;
    return {
      figure: `console alert page (${few.query}), ${many.stored.toLocaleString('en')} vs ${few.stored.toLocaleString('en')} alerts: read units, latency`,
      measured: `RCU ${many.readUnits.toFixed(1)} vs ${few.readUnits.toFixed(1)} (×${units.toFixed(2)}), ${many.medianMs.toFixed(1)} vs ${few.medianMs.toFixed(1)} ms (×${time.toFixed(2)}); ${many.alertsReturned}/${few.alertsReturned} alerts a page`,
      target: 'ratio ≤ 1.2',
      met: units <= 1.2 && time <= 1.2,
    };
  });
}

const thousands = (n: number) => Math.round(n).toLocaleString('en');

function evaluationRows(e: EvaluationResults): Row[] {
  const rows: Row[] = [];
  for (const f of e.figures) {
    const scale = `${f.departments} departments, ${thousands(f.records)} records (${thousands(f.cases)} cases)`;
    // The target is set at the full size; the smaller step shows how each path grows with the records.
    const judged = f === e.figures.at(-1);
    rows.push({
      figure: `a month's evaluation, ${scale}: read units, through the aggregates vs recomputed from the records`,
      measured: `${f.aggregates.readUnits.toFixed(1)} vs ${thousands(f.recompute.readUnits)} RCU (${f.aggregates.requests} vs ${thousands(f.recompute.requests)} requests): ×${f.readUnitsRatio.toFixed(0)} cheaper`,
      target: judged ? '≥ 20×' : '— (growth)',
      met: judged ? f.readUnitsRatio >= 20 : undefined,
      bound: 'the aggregates are read per department, shard, kind and matter: more matters or months read more items',
    });
    rows.push({
      figure: `the same, time`,
      measured: `${f.aggregates.milliseconds.toFixed(0)} ms vs ${(f.recompute.milliseconds / 1000).toFixed(1)} s: ×${f.timeRatio.toFixed(0)} faster`,
      target: judged ? '≥ 20×' : '— (growth)',
      met: judged ? f.timeRatio >= 20 : undefined,
      bound: 'the evaluation reads 4 shards of each department, 8 departments at once',
    });
    rows.push({
      figure: `the same figures from both (${scale})`,
      measured: `${f.differences} differences, ${thousands(f.casesRead)} of ${thousands(f.cases)} cases recomputed; ${thousands(f.concludedActs)} acts concluded, ${thousands(f.signalsRaised)} signals in the month`,
      target: 'equal',
      met: f.same,
    });
  }
  rows.push({
    figure: 'write units the aggregates add per record',
    measured: `counted in the throughput part's write units (+0.5 mix, +1.1 worst case a record, bench/README.md); the seeded month's commits sent ${e.aggregateUpdatesPerRecord.toFixed(2)} aggregate updates a record in ${e.transactionsPerRecord.toFixed(2)} transactions`,
    target: '—',
    met: undefined,
  });
  return rows;
}

function reconciliationRows(r: ReconciliationResults): Row[] {
  const [few, many] = r.figures as [ReconciliationResults['figures'][number], ReconciliationResults['figures'][number]];
  const scale = `${thousands(many.records)} vs ${thousands(few.records)} records, ${few.differences} differences`;
  const compareUnits = many.comparison.readUnits / few.comparison.readUnits;
  const compareTime = many.comparison.milliseconds / few.comparison.milliseconds;
  const narrowUnits = many.narrowing.readUnits / few.narrowing.readUnits;
  return [
    {
      figure: `reconciliation of a day, ${scale}: the comparison (every record of the day read from the keys-only index), read units and time`,
      measured: `RCU ${thousands(many.comparison.readUnits)} vs ${thousands(few.comparison.readUnits)} (×${compareUnits.toFixed(2)}; ${many.comparison.requests} vs ${few.comparison.requests} requests), ${(many.comparison.milliseconds / 1000).toFixed(1)} vs ${(few.comparison.milliseconds / 1000).toFixed(1)} s (×${compareTime.toFixed(2)})`,
      target: 'near-linear in records: ratio ≤ 2.2',
      met: compareUnits <= 2.2 && compareTime <= 2.2,
      bound: 'the index entries read, ~0.2 KB each; the digests computed in the function',
    },
    {
      figure: `the same, narrowing the differing buckets record by record`,
      measured: `${many.narrowing.buckets} vs ${few.narrowing.buckets} buckets, ${thousands(many.narrowing.recordsListed)} vs ${thousands(few.narrowing.recordsListed)} records listed; RCU ${many.narrowing.readUnits.toFixed(1)} vs ${few.narrowing.readUnits.toFixed(1)} (×${narrowUnits.toFixed(2)}), ${many.narrowing.milliseconds.toFixed(0)} vs ${few.narrowing.milliseconds.toFixed(0)} ms; found ${many.found.missing}/${many.found.extra}/${many.found.mismatched} missing/extra/mismatched`,
      target: 'proportional to the differences (× records per bucket: records ÷ 256)',
      met: r.figures.every((f) => JSON.stringify(f.found) === JSON.stringify(f.expected) && f.narrowing.buckets <= f.differences),
      bound: 'one query per differing bucket; a bucket holds records ÷ 256',
    },
    {
      figure: 'write units a receipt costs without and with its reconciliation index entry',
      measured: `${r.receiptWriteUnits.without} vs ${r.receiptWriteUnits.with} (table + recordsByDay, DynamoDB Local)`,
      target: '+1 a record',
      met: r.receiptWriteUnits.with - r.receiptWriteUnits.without <= 1,
    },
  ];
}

function printEvaluation(e: EvaluationResults): void {
  for (const s of e.seeding)
    console.log(
      `evaluation: seeded up to ${thousands(s.records)} records: processing and sweep simulated in memory ${s.simulateSeconds.toFixed(0)} s, ${thousands(s.itemsWritten)} items batch-written (${s.writeSeconds.toFixed(0)} s beyond the simulation)`,
    );
  for (const f of e.figures) {
    const targets = (cost: (typeof f)['aggregates']) =>
      Object.entries(cost.byTarget)
        .map(([target, counted]) => `${target} ${thousands(counted.requests)} requests ${counted.units.toFixed(1)} RCU`)
        .join('; ');
    console.log(`evaluation at ${thousands(f.records)} records: aggregates read ${targets(f.aggregates)}`);
    console.log(`evaluation at ${thousands(f.records)} records: recompute read ${targets(f.recompute)}`);
  }
}

function printRows(rows: readonly Row[]): void {
  console.log('| figure | measured | target | met | bounded by |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows)
    console.log(`| ${row.figure} | ${row.measured} | ${row.target} | ${verdict(row.met)} | ${row.met === false ? (row.bound ?? '') : ''} |`);
}

function printCost(usage: UsagePerRecord, label: string): void {
  console.log(`\ncost per million records, ${label} (prices as of ${priceTable.asOf}, bench/aws-prices.json):`);
  for (const region of Object.keys(priceTable.regions)) {
    const cost = costPerMillionRecords(usage, region);
    const lines = cost.lines.map((line) => `${line.what} ${line.perMillionRecords === undefined ? 'unpriced' : line.perMillionRecords.toFixed(3)}`).join('; ');
    const floor = cost.floorPerMillionRecords;
    console.log(
      `- ${region} (${cost.currency}): ${cost.perMillionRecords.toFixed(2)}${cost.unpriced.length > 0 ? ' (partial)' : ''}, floor ${floor?.toFixed(3) ?? 'unpriced'}${floor && cost.unpriced.length === 0 ? `, ×${(cost.perMillionRecords / floor).toFixed(1)}` : ''} — ${lines}`,
    );
  }
  const per = Object.entries(usage)
    .map(([name, value]) => `${name} ${Number(value.toPrecision(3))}`)
    .join(', ');
  console.log(`  per record: ${per}`);
}

/** Where the requests and units of a run go: by function and operation, per record. */
function printBreakdown(run: PipelineRun, label: string): void {
  console.log(
    `\nDynamoDB per record by function and operation, ${label} (items stored, mean size as DynamoDB JSON: ${Object.entries(run.itemBytesByKind)
      .map(([kind, bytes]) => `${kind} ${bytes} B`)
      .join(', ')}):`,
  );
  const calls = run.snapshot.calls.filter((count) => count.service === 'dynamodb').sort((a, b) => b.writeUnits - a.writeUnits);
  for (const count of calls) {
    const per = (value: number) => Number((value / run.records).toPrecision(3));
    console.log(
      `- ${count.caller} ${count.operation}: ${per(count.requests)} requests, ${per(count.writeUnits)} write units, ${per(count.readUnits)} read units${count.refusedWrites > 0 ? `, ${per(count.refusedWrites)} refused` : ''}, DynamoDB Local ${per(count.upstreamMilliseconds)} ms`,
    );
  }
}

/** Where the CPU went: two cores shared by the functions, the runtime and DynamoDB Local. */
function printCpu(run: { readonly cpu: CpuSeconds; readonly wallSeconds: number; readonly records: number }, label: string): void {
  const total = Object.values(run.cpu).reduce((sum, seconds) => sum + seconds, 0);
  const busy = total / (run.wallSeconds * cpus().length);
  console.log(
    `\nCPU, ${label}: ${total.toFixed(1)} s over ${run.wallSeconds.toFixed(1)} s on ${cpus().length} cores (${Math.round(100 * busy)} % busy), ${((1000 * total) / run.records).toFixed(1)} ms a record: ${describeCpu(run.cpu)}`,
  );
}

async function main(): Promise<void> {
  const partArgument = process.argv.indexOf('--part');
  if (partArgument >= 0) {
    const part = process.argv[partArgument + 1] as ChildPart;
    const mode: Mode = process.argv[process.argv.indexOf('--mode') + 1] === 'in-memory' ? 'in-memory' : 'durable';
    console.log(JSON.stringify(await runChildPart(part, mode)));
    // Handlers keep pooled SDK connections open; this child's work is done and printed.
    process.exit(0);
  }
  const onlyArgument = process.argv.indexOf('--only');
  const only = onlyArgument >= 0 ? process.argv[onlyArgument + 1] : undefined;
  const wanted = (part: string) => only === undefined || only === part;
  // `--only family:<kind>[,<kind>]`: the validation + fold + evaluate figure of those record families alone.
  if (only?.startsWith('family:')) {
    await runEngineBench({ quick, families: only.slice('family:'.length).split(',') });
    return;
  }
  const started = performance.now();
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(1))),
  };
  console.log(
    `machine: ${machine.cores} × ${machine.cpu ?? 'cpu'}, ${machine.memoryGiB} GiB, node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}${quick ? ' (quick run)' : ''}`,
  );

  const rows: Row[] = [];
  const results: Record<string, unknown> = { machine };
  if (wanted('throughput')) {
    const throughput = [await inChild<ThroughputResults>('throughput', 'in-memory'), await inChild<ThroughputResults>('throughput', 'durable')];
    results['throughput'] = throughput.map((r) => ({
      ...r,
      worst: r.worst.map(({ snapshot: _s, ...run }) => run),
      mix: r.mix.map(({ snapshot: _s, ...run }) => run),
    }));
    rows.push(...throughputRows(throughput));
    const durable = throughput[1]!;
    printCost(durable.mix[0]!.usage, 'durable, realistic mix, first run');
    printCost(durable.worst[0]!.usage, 'durable, worst case, first run');
    printBreakdown(durable.mix[0]!, 'durable, realistic mix, first run');
    printBreakdown(durable.worst[0]!, 'durable, worst case, first run');
    for (const r of throughput) printCpu(r.worst[0]!, `${r.mode}, worst case, first run`);
    const emulator = await measureEmulatorOperations();
    results['emulatorOperations'] = emulator;
    printEmulatorOperations(emulator);
  }
  if (wanted('alert-latency')) {
    const latency = await inChild<LatencyResults>('alert-latency');
    results['alertLatency'] = latency;
    for (const [status, text] of Object.entries(latency.answers)) console.log(`ingest-to-alert: first ${status} answer: ${text}`);
    printCpu({ ...latency, records: latency.sent }, 'ingest-to-alert at the offered rate');
    rows.push(latencyRow(latency));
  }
  if (wanted('overload')) {
    const overload = await inChild<OverloadResults>('overload');
    results['overload'] = overload;
    rows.push(overloadRow(overload));
  }
  if (wanted('alert-page')) {
    const page = await measureAlertPage(sizes.alertPage);
    results['alertPage'] = page;
    rows.push(...alertPageRows(page));
  }
  if (wanted('webhooks')) {
    const webhooks = await measureWebhookLatency(sizes.webhooks);
    results['webhooks'] = webhooks;
    rows.push(...webhookRows(webhooks));
  }
  if (wanted('evaluation')) {
    const evaluation = await measureEvaluation(sizes.evaluation);
    results['evaluation'] = evaluation;
    printEvaluation(evaluation);
    rows.push(...evaluationRows(evaluation));
  }
  if (only === 'families') {
    // Not part of a whole run: the engine bench below measures every family already.
    const kinds = process.argv.slice(onlyArgument + 2).filter((argument) => !argument.startsWith('--'));
    results['families'] = runFamilyBench({ quick, kinds });
  }
  if (wanted('reconciliation')) {
    const reconciliation = await measureReconciliation(sizes.reconciliation);
    results['reconciliation'] = reconciliation;
    console.log(`reconciliation: seeded ${thousands(sizes.reconciliation.many)} receipts in ${reconciliation.seedSeconds.toFixed(0)} s`);
    rows.push(...reconciliationRows(reconciliation));
  }
  console.log('');
  printRows(rows);
  results['rows'] = rows;
  if (only === undefined) {
    const evaluation = evaluationMicroseconds(sizes.evaluations);
    const bundles = await runBundleBench({ quick });
    results['evaluationMicrosecondsPerRecord'] = Number(evaluation.toFixed(2));
    results['bundles'] = bundles;
    console.log('');
    console.log(`validation + fold + rules per record: ${evaluation.toFixed(2)} µs`);
    console.log('');
    printBundleBench(bundles);
    console.log('');
    await runConsoleBundleBench();
  }
  machine.loadAverageAtStart.push(...loadavg().map((l) => Number(l.toFixed(1))));
  console.log(
    `\nwrite path measured in ${((performance.now() - started) / 1000).toFixed(0)} s; load average at start and end: ${machine.loadAverageAtStart.join(' ')}`,
  );
  await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  if (only === undefined) {
    console.log('');
    await runEngineBench({ quick });
    console.log('');
    await runOversightBench({ quick });
  }
}

await main();
