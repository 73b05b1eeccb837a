/**
 * A month of licensing cases for the evaluation bench (`bench/evaluation.ts`), made as the write
 * path makes them. Each department's records (received, accepted, sometimes suspended and resumed,
 * decided, concluded) go, hour by hour of the simulated weeks, through the real processing use
 * case and the real deadline sweep (`processRecordBatch`, `sweepDueChecks`: the case engine,
 * `DynamoDbCaseRepository` with a record sealer, the statistics deltas of every commit); the
 * repository's requests are answered by {@link MonthTable}, a table kept in memory, instead of
 * DynamoDB Local, which would take hours for a million records through transactions. What the
 * table ends up holding — sealed event items, state items, alert items, and the aggregate items
 * the commits' `ADD`s sum to — is what the bench then writes to DynamoDB Local with BatchWriteItem.
 */
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { outboxPk } from '#shared/adapters/dynamodb/outbox-items.ts';
import { statisticsPkPrefix } from '#shared/adapters/dynamodb/statistics-items.ts';
import { createCaseEngine } from '#shared/application/case-engine.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import type { RecordEnvelope, ReferenceReader } from '#shared/application/ports.ts';
import { processRecordBatch } from '#shared/application/process-record.ts';
import { sweepDueChecks } from '#shared/application/sweep-due-checks.ts';
import { epochDayOf, localDateOfEpochDay, type LocalDate } from '#shared/domain/calendar/local-date.ts';
import type { WorkingDayCalendar } from '#shared/domain/calendar/working-day-calendar.ts';
import { addWorkingDays, workingDaysAfter } from '#shared/domain/calendar/working-days.ts';
import type { RecordFamilyRegistry } from '#shared/domain/records/record-families.ts';
import { testRecordSealer } from '../test/support/record-seals.ts';

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The month evaluated, and the span of the simulation: cases received from 19 October, so that some fall overdue or are decided late in November. */
export const evaluatedMonth = '2026-11';
const firstDay: LocalDate = '2026-10-19';
const lastDay: LocalDate = '2026-11-30';
/** Records after the month's end are not made: the data ends with November (Shanghai). */
const dataEnd = Date.parse('2026-12-01T00:00:00+08:00');
/** When the month's evaluation runs: 02:00 on the first day of the next month, Shanghai (the last sweep runs then). */
export const evaluationInstant = new Date('2026-12-01T02:00:00+08:00');

/** A licensing matter of the catalogue, as the generator needs it. */
export interface MatterLimits {
  readonly matterCode: string;
  readonly promisedWorkingDays: number;
  readonly statutoryWorkingDays: number;
}

/**
 * A stand-in for the `cases` table holding one department's items in memory, answering the
 * requests `DynamoDbCaseRepository` makes while processing and sweeping: transactions of puts and
 * statistics `ADD`s (conditions are not checked: one writer, in order), the query of a case's
 * partition, and the `dueChecks` and `awaitingCalendar` index queries of the sweep. Items are
 * stored as marshalling leaves them (undefined attributes dropped). Outbox items are not kept: the
 * relay deletes them once published.
 */
export class MonthTable {
  private readonly partitions = new Map<string, Map<string, Item>>();
  /** State items in the sparse `dueChecks` and `awaitingCalendar` indexes, by pk. */
  private readonly checks = new Map<string, Item>();
  private readonly awaiting = new Map<string, Item>();
  /** Aggregate items by `pk|sk`, summed over every commit. */
  readonly aggregates: Map<string, Item>;
  transactions = 0;
  aggregateUpdates = 0;
  readonly client: DynamoDBDocumentClient;

  constructor(aggregates: Map<string, Item> = new Map()) {
    this.aggregates = aggregates;
    this.client = { send: async (command: unknown) => this.answer(command) } as unknown as DynamoDBDocumentClient;
  }

  private answer(command: unknown): unknown {
    if (command instanceof TransactWriteCommand) {
      for (const item of command.input.TransactItems ?? []) this.apply(item);
      this.transactions += 1;
      return {};
    }
    if (command instanceof QueryCommand) return { Items: this.query(command.input) };
    throw new Error(`the month table answers no ${(command as object).constructor.name}`);
  }

  private apply(write: TransactItem): void {
    if (write.Put) {
      const item = JSON.parse(JSON.stringify(write.Put.Item)) as Item;
      if (item['pk'] === outboxPk) return;
      const pk = String(item['pk']);
      const partition = this.partitions.get(pk) ?? this.partitions.set(pk, new Map()).get(pk)!;
      partition.set(String(item['sk']), item);
      if (item['sk'] === 'STATE') {
        this.indexed(this.checks, pk, item, typeof item['nextCheckAt'] === 'string');
        this.indexed(this.awaiting, pk, item, typeof item['awaitingCalendarYear'] === 'string');
      }
      return;
    }
    const update = write.Update;
    const key = update?.Key;
    if (update && key && String(key['pk']).startsWith(statisticsPkPrefix)) {
      // `SET #department = :department, … ADD #c0 :c0, …`, as `statisticsUpdate` writes it.
      const id = `${String(key['pk'])}|${String(key['sk'])}`;
      const item = this.aggregates.get(id) ?? this.aggregates.set(id, { pk: key['pk'], sk: key['sk'] }).get(id)!;
      for (const [placeholder, name] of Object.entries(update.ExpressionAttributeNames ?? {})) {
        const value = update.ExpressionAttributeValues?.[`:${placeholder.slice(1)}`];
        item[name] = /^#c\d+$/.test(placeholder) ? Number(item[name] ?? 0) + Number(value) : value;
      }
      this.aggregateUpdates += 1;
      return;
    }
    throw new Error(`the month table applies no ${Object.keys(write).join(', ')}`);
  }

  private indexed(index: Map<string, Item>, pk: string, item: Item, inIndex: boolean): void {
    if (inIndex) index.set(pk, item);
    else index.delete(pk);
  }

  private query(input: QueryCommandInput): Item[] {
    const values = input.ExpressionAttributeValues ?? {};
    const copy = (item: Item) => ({ ...item });
    if (input.IndexName === undefined && input.KeyConditionExpression === 'pk = :pk') {
      const partition = this.partitions.get(String(values[':pk'])) ?? new Map<string, Item>();
      return [...partition.keys()].sort().map((sk) => copy(partition.get(sk)!));
    }
    if (input.IndexName === 'dueChecks') {
      const asOf = String(values[':asOf']);
      return [...this.checks.values()]
        .filter((state) => state['sweepShard'] === values[':shard'] && String(state['nextCheckAt']) <= asOf)
        .sort((a, b) => (String(a['nextCheckAt']) < String(b['nextCheckAt']) ? -1 : 1))
        .slice(0, input.Limit)
        .map(copy);
    }
    if (input.IndexName === 'awaitingCalendar') {
      return [...this.awaiting.values()]
        .filter((state) => state['awaitingCalendarYear'] === values[':year'])
        .slice(0, input.Limit)
        .map(copy);
    }
    throw new Error(`the month table answers no query ${input.IndexName ?? ''} ${input.KeyConditionExpression ?? ''}`);
  }

  /** Every case item held (events, states, alerts). */
  caseItems(): Item[] {
    return [...this.partitions.values()].flatMap((partition) => [...partition.values()]);
  }
}

/** Deterministic numbers in [0, 1): the same month for the same department every run. */
function randomOf(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const at = (date: LocalDate, minutes: number) => `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`;

function workingDaysBetween(calendar: WorkingDayCalendar, from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = epochDayOf(from); day <= epochDayOf(to); day += 1) {
    const date = localDateOfEpochDay(day);
    if (calendar.isWorkingDay(date)) days.push(date);
  }
  return days;
}

/** One case's records, as the department's business system pushes them. */
export interface CaseRecords {
  readonly caseId: string;
  readonly records: readonly Item[];
}

/**
 * The records of a department's case number `n`: received on a working day between 19 October and
 * 30 November, accepted the same or the next working day; then half decided within the promised
 * limit, some between the promised and the legal limit, some after it, some suspended for an expert
 * review first, the rest still open; most decisions concluded the next working day. Records after
 * November are not made.
 */
export function caseRecordsOf(
  department: string,
  matters: readonly MatterLimits[],
  n: number,
  calendar: WorkingDayCalendar,
  receivable: readonly LocalDate[],
): CaseRecords {
  const random = randomOf(n * 7919 + department.length * 104729 + [...department].reduce((sum, c) => sum + c.charCodeAt(0), 0) * 31);
  const matter = matters[Math.floor(random() * matters.length)]!;
  const caseId = `EV-${n}`;
  const events: Item[] = [];
  const add = (event: string, occurredAt: string, extra: Item = {}) => {
    if (Date.parse(occurredAt) >= dataEnd) return;
    events.push({ kind: 'licensing', department, matterCode: matter.matterCode, caseId, sequence: events.length + 1, event, occurredAt, ...extra });
  };
  const receivedOn = receivable[Math.floor(random() * receivable.length)]!;
  const receivedMinute = 9 * 60 + Math.floor(random() * 420);
  add('received', at(receivedOn, receivedMinute));
  const acceptedOn = random() < 0.85 ? receivedOn : addWorkingDays(calendar, receivedOn, 1);
  add('accepted', at(acceptedOn, acceptedOn === receivedOn ? receivedMinute + 30 : 9 * 60 + 30));
  const roll = random();
  const workingDaysToDecision =
    roll < 0.5
      ? 1 + Math.floor(random() * (matter.promisedWorkingDays - 1))
      : roll < 0.65
        ? matter.promisedWorkingDays + Math.floor(random() * (matter.statutoryWorkingDays - matter.promisedWorkingDays + 1))
        : roll < 0.72
          ? matter.statutoryWorkingDays + 1 + Math.floor(random() * 5)
          : roll < 0.82
            ? 6 + Math.floor(random() * (matter.statutoryWorkingDays - 6))
            : undefined;
  let decisionFrom = acceptedOn;
  if (roll >= 0.72 && roll < 0.82) {
    // An expert review stops the clock for a few working days (Art. 45), the applicant told the same day.
    const suspendedOn = addWorkingDays(calendar, acceptedOn, 2);
    add('suspended', at(suspendedOn, 10 * 60), { reason: 'expertReview', applicantNotifiedAt: at(suspendedOn, 11 * 60) });
    const resumedOn = addWorkingDays(calendar, suspendedOn, 3 + Math.floor(random() * 4));
    add('resumed', at(resumedOn, 9 * 60));
    decisionFrom = addWorkingDays(calendar, acceptedOn, workingDaysAfter(calendar, suspendedOn, resumedOn));
  }
  if (workingDaysToDecision === undefined) return { caseId, records: events };
  const decidedOn = addWorkingDays(calendar, decisionFrom, workingDaysToDecision);
  const refused = random() < 0.15;
  add(
    'decided',
    at(decidedOn, 15 * 60 + Math.floor(random() * 120)),
    refused ? { outcome: 'refused', reasons: '申请材料不符合法定形式' } : { outcome: 'granted' },
  );
  if (random() < 0.7) add('concluded', at(addWorkingDays(calendar, decidedOn, 1), 10 * 60));
  return { caseId, records: events };
}

/** What one department's simulated cases left in the table, and what their commits cost. */
export interface DepartmentMonth {
  readonly department: string;
  /** Sealed events, states and alerts, as the commits left them. */
  readonly caseItems: readonly Item[];
  readonly cases: number;
  /** The number of the department's next case (the first of a later step). */
  readonly nextCase: number;
  readonly records: number;
  /** Cases received in the evaluated month. */
  readonly receivedInMonth: number;
  readonly transactions: number;
  /** Statistics `ADD`s the commits sent (one per aggregate item a transaction touched). */
  readonly aggregateUpdates: number;
}

export interface MonthDependencies {
  readonly reference: ReferenceReader;
  readonly calendar: WorkingDayCalendar;
  readonly families: RecordFamilyRegistry;
  /** The `cases` table's name, as the items are keyed for it. */
  readonly casesTable: string;
  /** Aggregate items across departments and runs, summed into. */
  readonly aggregates: Map<string, Item>;
}

/** Simulated instants the processing and the sweep run at: every hour from 07:00 to 22:00, Shanghai, and the evaluation's. */
function simulatedSteps(): Date[] {
  const steps: Date[] = [];
  for (let day = epochDayOf(firstDay); day <= epochDayOf(lastDay); day += 1)
    for (let hour = 7; hour <= 22; hour += 1) steps.push(new Date(`${localDateOfEpochDay(day)}T${pad(hour)}:00:00+08:00`));
  steps.push(evaluationInstant);
  return steps;
}

/** Yields to the event loop, so that writes of the previous department progress while this one is simulated. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A department's cases from number `from` on, as many as make `records` records at least, through
 * processing and the sweep, record by record as they occur, and the items they leave.
 */
export async function simulateDepartment(
  department: string,
  matters: readonly MatterLimits[],
  from: number,
  records: number,
  deps: MonthDependencies,
): Promise<DepartmentMonth> {
  const table = new MonthTable(deps.aggregates);
  let now = new Date(`${firstDay}T00:00:00+08:00`);
  const clock = () => now;
  const cases = new DynamoDbCaseRepository(table.client, deps.casesTable, testRecordSealer(undefined, clock));
  const engine = createCaseEngine({ cases, reference: deps.reference, calendar: deps.calendar, families: deps.families });
  const receivable = workingDaysBetween(deps.calendar, firstDay, lastDay);
  const all: Item[] = [];
  let receivedInMonth = 0;
  let to = from;
  while (all.length < records) {
    const made = caseRecordsOf(department, matters, to, deps.calendar, receivable);
    all.push(...made.records);
    if (String(made.records[0]?.['occurredAt']).startsWith(evaluatedMonth)) receivedInMonth += 1;
    to += 1;
  }
  const pending = all
    .map((raw) => {
      const parsed = deps.families.parseRecord(raw);
      if (!parsed.ok) throw new Error(`a generated record is invalid: ${JSON.stringify(raw)}`);
      return parsed.record;
    })
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  let next = 0;
  for (const step of simulatedSteps()) {
    now = step;
    const arrived: { id: number; envelope: RecordEnvelope }[] = [];
    while (next < pending.length && Date.parse(pending[next]!.occurredAt) <= step.getTime()) {
      const record = pending[next]!;
      arrived.push({ id: next, envelope: { v: 1, receivedAt: step.toISOString(), contentHash: contentHash(record), record } });
      next += 1;
    }
    // Processing takes the queue's batches (up to 10 messages each, as the event source mapping delivers them).
    for (let start = 0; start < arrived.length; start += 10) {
      const batch = await processRecordBatch(arrived.slice(start, start + 10), { engine, clock });
      for (const [, outcome] of batch.messages) if (!outcome.ok) throw outcome.error;
    }
    const swept = await sweepDueChecks(step, { engine, cases, calendar: deps.calendar }, { maxCases: 5000, batchSize: 50 });
    if (swept.failed > 0) throw new Error(`the sweep failed ${swept.failed} cases at ${step.toISOString()}`);
    await breathe();
  }
  return {
    department,
    caseItems: table.caseItems(),
    cases: to - from,
    nextCase: to,
    records: pending.length,
    receivedInMonth,
    transactions: table.transactions,
    aggregateUpdates: table.aggregateUpdates,
  };
}
