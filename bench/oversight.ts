/**
 * Oversight figures (issue: complaints and supervision cases), each against a baseline measured
 * in the same run:
 *
 * 1. The oversight sweep: 1,000 complaints whose acceptance clocks have run out (prompt, warning
 *    and escalation all due) among 100,000 pending complaints, against 1,000 due among 1,000.
 *    The real sweep runs (index query + each complaint's firing: read, fire, conditional write);
 *    the read units of the index query are compared, and the whole sweep must finish within one
 *    sweep interval (60 s). A second sweep of the same instant fires nothing.
 * 2. Write units per oversight timer firing (complaint and supervision case), as DynamoDB reports
 *    them with index writes, against the target of 6 (`bench/oversight-firing-units.ts`).
 * 3. Written notices: median time per PDF notice and its size (`bench/notices.ts`).
 *
 * `npx tsx bench/oversight.ts [--quick]` runs it alone; `npm run bench` runs it after the rest.
 */
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTables } from '#infra/local/create-tables.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { LocalPersonalDataProtector } from '#shared/adapters/crypto/local-personal-data-protector.ts';
import { intakeKeyAt } from '#shared/domain/complaints/personal-data-key-periods.ts';
import { complaintStateItem, complaintTimersItem, DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbOversightTimers } from '#shared/adapters/dynamodb/dynamodb-oversight-timers.ts';
import { complaintTimerFiring } from '#shared/application/complaints/fire-complaint-timers.ts';
import { sweepOversightTimers, type OversightSweepOutcome } from '#shared/application/sweep-oversight-timers.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultComplaintClockPolicy } from '#shared/domain/complaints/complaint-clock.ts';
import { newComplaint } from '#shared/domain/complaints/complaint-lifecycle.ts';
import type { Complaint, SealedRecord } from '#shared/domain/complaints/complaint.ts';
import { meteredDocumentClient, newCapacityMeter, type CapacityMeter } from './consumed-capacity.ts';
import { measureNoticeGeneration, type NoticeGenerationFigures } from './notices.ts';
import { firingWriteUnitsTarget, measureFiringWriteUnits, type FiringUnitsFigures } from './oversight-firing-units.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

/** The sweep handler's settings (functions/oversight-sweep/handler.ts). */
const sweepOptions = { maxItems: 2_000, concurrency: 8 };
const sweepIntervalSeconds = 60;

/** Received on Monday 12 October 2026; by the 26th the acceptance clock (5 working days) and its escalation have run out. */
const dueReceivedAt = '2026-10-12T02:00:00.000Z';
const pendingReceivedAt = '2026-12-14T02:00:00.000Z';
const sweepAt = new Date('2026-10-26T02:00:00.000Z');

const clientOptions = (endpoint: string) => ({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

const receiptNumber = (prefix: string, i: number): string => `TS${prefix}${i.toString(32).toUpperCase().padStart(8, '0')}`;

function complaintsReceivedAt(receivedAt: string, prefix: string, from: number, to: number, sealed: SealedRecord): Complaint[] {
  const complaints: Complaint[] = [];
  for (let i = from; i < to; i += 1) {
    const { complaint } = newComplaint(
      {
        receiptNumber: receiptNumber(prefix, i),
        receivedAt,
        subject: { kind: 'department', department: 'haishu-housing', departmentName: '海曙区住房和城乡建设局', jurisdiction: 'haishu' },
        category: 'delay',
        realName: false,
        identityDisclosureConsent: false,
        sealed,
        queryTokenHash: randomBytes(32).toString('hex'),
      },
      { cal: stateCouncilCalendar, policy: defaultComplaintClockPolicy },
    );
    complaints.push(complaint);
  }
  return complaints;
}

async function writeComplaints(document: DynamoDBDocumentClient, table: string, complaints: readonly Complaint[]): Promise<void> {
  const batches: Complaint[][] = [];
  // Each complaint is two items (STATE and its timers item): 12 complaints a batch of 24 puts.
  for (let i = 0; i < complaints.length; i += 12) batches.push(complaints.slice(i, i + 12));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      let pending: { PutRequest: { Item: Record<string, unknown> } }[] = batch.flatMap((complaint) => [
        { PutRequest: { Item: complaintStateItem(complaint) } },
        { PutRequest: { Item: complaintTimersItem(complaint) } },
      ]);
      while (pending.length > 0) {
        const result = await document.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export interface SweepRun {
  readonly pending: number;
  readonly due: number;
  readonly outcome: OversightSweepOutcome;
  /** Read units of the index query alone (what grows with the table if the design is wrong). */
  readonly indexReadUnits: number;
  readonly indexQueries: number;
  /** Read and write units of the firing (each complaint read, fired and written once). */
  readonly firingReadUnits: number;
  readonly firingWriteUnits: number;
  readonly seconds: number;
  /** Timers a second sweep of the same instant fired: must be 0. */
  readonly firedAgain: number;
}

async function sweepOnce(endpoint: string, table: string, pending: number, due: number): Promise<SweepRun> {
  const indexMeter = newCapacityMeter();
  const firingMeter = newCapacityMeter();
  const deps = (index: CapacityMeter, firing: CapacityMeter) => {
    const firingClient = meteredDocumentClient(new DynamoDBClient(clientOptions(endpoint)), firing);
    const repository = new DynamoDbComplaintRepository(firingClient, table);
    return {
      timers: new DynamoDbOversightTimers(meteredDocumentClient(new DynamoDBClient(clientOptions(endpoint)), index), table),
      firing: { complaint: complaintTimerFiring({ complaints: repository }), supervision: async () => ({ fired: 0 }) },
    };
  };
  const started = performance.now();
  const outcome = await sweepOversightTimers(sweepAt, deps(indexMeter, firingMeter), sweepOptions);
  const seconds = (performance.now() - started) / 1000;
  if (outcome.due !== due || outcome.failed > 0 || outcome.fired !== 3 * due) {
    throw new Error(`sweep found ${outcome.due} due (expected ${due}), fired ${outcome.fired} timers (expected ${3 * due}), ${outcome.failed} failed`);
  }
  const again = await sweepOversightTimers(sweepAt, deps(newCapacityMeter(), newCapacityMeter()), sweepOptions);
  return {
    pending,
    due,
    outcome,
    indexReadUnits: indexMeter.readUnits,
    indexQueries: indexMeter.requests,
    firingReadUnits: firingMeter.readUnits,
    firingWriteUnits: firingMeter.writeUnits,
    seconds,
    firedAgain: again.fired,
  };
}

export interface OversightSweepFigures {
  readonly small: SweepRun;
  readonly large: SweepRun;
  readonly writeSeconds: number;
  readonly firingUnits: FiringUnitsFigures;
}

/** 1,000 due among 1,000, and 1,000 due among `largeCount`, each in its own table. */
export async function measureOversightSweep(largeCount: number): Promise<OversightSweepFigures> {
  const local = await startDynamoDbLocal({ inMemory: true });
  const client = new DynamoDBClient(clientOptions(local.endpoint));
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    const protector = new LocalPersonalDataProtector({ wrappingKey: randomBytes(32), lookupKey: randomBytes(32) });
    const sealed: Complaint['sealed'] = await protector.seal({ content: '投诉内容（基准测试生成）' }, 'bench', { period: intakeKeyAt(dueReceivedAt) });
    const small = (await createTables(client, 'bench-oversight-small')).oversight;
    const large = (await createTables(client, 'bench-oversight-large')).oversight;
    const due = 1_000;
    const started = performance.now();
    await writeComplaints(document, small, complaintsReceivedAt(dueReceivedAt, 'A', 0, due, sealed));
    await writeComplaints(document, large, complaintsReceivedAt(dueReceivedAt, 'A', 0, due, sealed));
    for (let from = due; from < largeCount; from += 10_000) {
      await writeComplaints(document, large, complaintsReceivedAt(pendingReceivedAt, 'B', from, Math.min(largeCount, from + 10_000), sealed));
    }
    const writeSeconds = (performance.now() - started) / 1000;
    const firingUnits = await measureFiringWriteUnits(local.endpoint, await createTables(client, 'bench-oversight-units'));
    return {
      small: await sweepOnce(local.endpoint, small, due, due),
      large: await sweepOnce(local.endpoint, large, largeCount, due),
      writeSeconds,
      firingUnits,
    };
  } finally {
    client.destroy();
    await local.stop();
  }
}

export interface OversightBenchResults {
  readonly sweep: OversightSweepFigures;
  readonly notices: NoticeGenerationFigures;
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);
const count = (value: number): string => value.toLocaleString('en-US');

export async function runOversightBench(options: { readonly quick: boolean }): Promise<OversightBenchResults> {
  console.log(
    `oversight bench — machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}${options.quick ? ' (quick run)' : ''}; load average ${loadavg()
      .map((l) => fixed(l, 1))
      .join(', ')}`,
  );
  // First, so the first notice is a cold one (the font is read and parsed once per process).
  const notices = await measureNoticeGeneration(options.quick ? 50 : 200);
  const sweep = await measureOversightSweep(options.quick ? 20_000 : 100_000);
  const { small, large } = sweep;
  const ratio = large.indexReadUnits / small.indexReadUnits;
  console.log('');
  console.log('| figure | measured | baseline (same run) | ratio | target |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| oversight sweep index reads: 1,000 due among ${count(large.pending)} pending vs 1,000 among 1,000 | ${fixed(large.indexReadUnits, 1)} RCU, ${large.indexQueries} queries | ${fixed(small.indexReadUnits, 1)} RCU, ${small.indexQueries} queries | ${fixed(ratio, 2)} | ≤ 1.5${ratio <= 1.5 ? ' ✓' : ' ✗'} |`,
  );
  console.log(
    `| oversight sweep, whole run (query + 1,000 firings: read, fire, conditional write) among ${count(large.pending)} | ${fixed(large.seconds, 1)} s, ${large.outcome.fired} timers fired, ${fixed(large.firingReadUnits, 0)} RCU + ${fixed(large.firingWriteUnits, 0)} WCU | ${fixed(small.seconds, 1)} s among 1,000 | ${fixed(large.seconds / small.seconds, 2)} | within one interval (${sweepIntervalSeconds} s)${large.seconds <= sweepIntervalSeconds ? ' ✓' : ' ✗'} |`,
  );
  const units = sweep.firingUnits;
  const unitsOf = (firings: FiringUnitsFigures['complaint']) => firings.map((firing) => `${firing.writeUnits} (${firing.indexWriteUnits} index)`).join(', ');
  console.log(
    `| write units per oversight timer firing (firing + publication mark, index writes included), complaint: prompt, warning, correction | ${unitsOf(units.complaint)} WCU | — | — | ≤ ${firingWriteUnitsTarget}${units.complaintMax <= firingWriteUnitsTarget ? ' ✓' : ' ✗'} |`,
  );
  console.log(
    `| write units per oversight timer firing, supervision case: prompt, warning, escalation | ${unitsOf(units.supervisionCase)} WCU | — | — | ≤ ${firingWriteUnitsTarget}${units.supervisionCaseMax <= firingWriteUnitsTarget ? ' ✓' : ' ✗'} |`,
  );
  console.log(
    `| timers fired by a second sweep of the same instant | ${large.firedAgain} (among ${count(large.pending)}), ${small.firedAgain} (among 1,000) | — | — | 0${large.firedAgain + small.firedAgain === 0 ? ' ✓' : ' ✗'} |`,
  );
  console.log(
    `| written notice (PDF, Noto Sans SC subset), median per notice | ${fixed(notices.medianMs, 1)} ms, ${fixed(notices.medianBytes / 1024, 1)} KiB | first (cold, font read): ${fixed(notices.firstMs, 0)} ms | — | reported |`,
  );
  console.log('');
  console.log(
    `(set-up: ${count(large.pending + small.pending)} complaint states written with BatchWriteItem in ${fixed(sweep.writeSeconds, 0)} s; notice p95 ${fixed(notices.p95Ms, 1)} ms over ${notices.samples} notices)`,
  );
  return { sweep, notices };
}

const runDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  await runOversightBench({ quick: process.argv.includes('--quick') });
  process.exit(0);
}
