/**
 * Complaints in the `oversight` table (layout in `shared/tables.ts`, costs in `docs/tables.md`):
 * - `COMPLAINT#<receiptNumber>` / `STATE`: the complaint as last written whole (attribute
 *   `complaint`, personal data only as sealed fields) and the queue index attributes built by
 *   `oversight-items.ts` (the queue indexes project keys only);
 * - `STATE#TIMERS`: the version, the timer firings since (replayed on STATE when read), their
 *   unpublished events and the sweep's index attributes (`oversight-timer-items.ts`);
 * - `STEP#<n>`: timeline steps; `LOOKUP#<n>`: keyed hashes of the complainant's ID number and
 *   phone (index `complainantLookup`); `NOTICE#<decision|result>`: the sealed PDF of a notice.
 *
 * A person's change writes STATE and STATE#TIMERS whole in one transaction, with the steps of the
 * firings folded into it and their unpublished events still marked. Erasing the personal data rewrites the STATE item without it and deletes
 * the `LOOKUP#` and `NOTICE#` items in the same transaction; the steps stay (no personal data).
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyTimerFiring, currentSignalLevel, nextDueAt, type ComplaintTimerFiring } from '../../domain/complaints/complaint-clock.ts';
import { complaintSignalEvents } from '../../domain/complaints/complaint-signal-events.ts';
import { noticeKinds, type Complaint, type ComplaintStep, type NoticeKind } from '../../domain/complaints/complaint.ts';
import { ComplaintVersionChanged, rereadStep } from '../../application/store-refusals.ts';
import {
  InvalidComplaintCursorError,
  ReceiptNumberTakenError,
  type ComplaintQueue,
  type ComplaintQueuePage,
  type ComplaintQueueQuery,
  type ComplaintRepository,
  type ComplaintFiringWrite,
  type ComplaintWrite,
  type StoredNotice,
} from '../../application/complaints/complaint-repository.ts';
import { oversightPk, oversightStateSk, oversightStepSk, queueAttributes, type QueuePlacement } from './oversight-items.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { readOversightTimelineItems } from './oversight-timeline.ts';
import {
  batchReadAggregateItems,
  markPublished,
  readAggregateItems,
  storedTimersOf,
  wholeWriteTimersItem,
  writeFiring,
  type CarriedEvents,
} from './oversight-timer-items.ts';
import { itemDelete, newItemPut, statePut, statisticsAdditionWrites, writeOversightTransaction, type OversightWrite } from './oversight-transaction.ts';
import { commitDeltas } from '../../domain/statistics/case-contribution.ts';
import { complaintContribution, complaintStatisticsKind, complaintStatisticsOwner } from '../../domain/statistics/complaint-contribution.ts';
import { mergedAdditions, statisticsAdditions, type StatisticsAddition } from './statistics-items.ts';
import type { Bilingual } from '../../domain/bilingual.ts';

type Item = Record<string, unknown>;

const complaintChanged: Bilingual = { zh: '投诉在您读取后已被修改', en: 'The complaint changed since you read it' };

const complaintPk = (receiptNumber: string): string => oversightPk('complaint', receiptNumber);
const lookupSk = (n: number): string => `LOOKUP#${n}`;
const noticeSk = (kind: NoticeKind): string => `NOTICE#${kind}`;

/** Queue names on the index attributes; prefixed so they never mix with supervision cases' queues. */
const queueNames: Record<ComplaintQueue, string> = {
  awaitingDecision: 'complaintsAwaitingDecision',
  inHandling: 'complaintsInHandling',
  forwarded: 'complaintsForwarded',
  awaitingReview: 'complaintsAwaitingReview',
};

/** Where a complaint waits, by stage: the supervisors' queue of its jurisdiction, and a department's while forwarded to it. */
export function complaintQueuePlacement(complaint: Complaint): QueuePlacement {
  const base = { jurisdiction: complaint.jurisdiction, departmentQueue: null, deadline: complaint.handling?.deadline.at ?? null };
  switch (complaint.stage) {
    case 'awaitingDecision':
      return { ...base, supervisorQueue: queueNames.awaitingDecision, deadline: complaint.acceptanceDeadline.at };
    case 'inHandling':
      return { ...base, supervisorQueue: queueNames.inHandling };
    case 'forwarded':
      return {
        ...base,
        supervisorQueue: queueNames.forwarded,
        departmentQueue: complaint.handling?.by === 'department' ? { department: complaint.handling.department, queue: queueNames.forwarded } : null,
      };
    case 'awaitingReview':
      return { ...base, supervisorQueue: queueNames.awaitingReview };
    default:
      return { ...base, supervisorQueue: null, deadline: null };
  }
}

const refOf = (receiptNumber: string) => ({ type: 'complaint' as const, number: receiptNumber });

/** The STATE item of a complaint written whole: the complaint, its version, and the queue index attributes. */
export function complaintStateItem(complaint: Complaint): Item {
  const queues = queueAttributes(refOf(complaint.receiptNumber), complaintQueuePlacement(complaint));
  return {
    pk: complaintPk(complaint.receiptNumber),
    sk: oversightStateSk,
    type: 'complaint',
    version: complaint.version,
    stage: complaint.stage,
    jurisdiction: complaint.jurisdiction,
    // At the last whole write; a firing since may have raised it (the complaint read gives the current one).
    signal: currentSignalLevel(complaint) ?? undefined,
    complaint,
    ...queues.set,
  };
}

/** The timers item of a complaint written whole (see `oversight-timer-items.ts`), with the events a firing left unpublished. */
export const complaintTimersItem = (complaint: Complaint, carried?: CarriedEvents): Item =>
  wholeWriteTimersItem(refOf(complaint.receiptNumber), complaint.version, nextDueAt(complaint), carried);

/** The complaint as it is now: STATE with the firings since replayed on it, and the steps those firings made. */
function currentOf(items: { state?: Item; timers?: Item }): { complaint: Complaint; firedSteps: ComplaintStep[]; unpublished: readonly string[] } | undefined {
  const body = items.state?.['complaint'] as Complaint | undefined;
  if (!body) return undefined;
  const timers = storedTimersOf<ComplaintTimerFiring>(items.timers);
  let complaint = body;
  const firedSteps: ComplaintStep[] = [];
  for (const firing of timers?.firings ?? []) {
    const applied = applyTimerFiring(complaint, firing);
    complaint = applied.complaint;
    firedSteps.push(...applied.steps);
  }
  return { complaint, firedSteps, unpublished: timers?.unpublished ?? [] };
}

function stepItem(receiptNumber: string, step: ComplaintStep): Item {
  return { pk: complaintPk(receiptNumber), sk: oversightStepSk(step.sequence), ...step };
}

function noticeItem(receiptNumber: string, notice: StoredNotice): Item {
  return {
    pk: complaintPk(receiptNumber),
    sk: noticeSk(notice.kind),
    kind: notice.kind,
    keyRef: notice.document.keyRef,
    wrappedKey: notice.document.wrappedKey,
    ciphertext: notice.document.ciphertext,
    sha256: notice.sha256,
    byteLength: notice.byteLength,
    producedAt: notice.producedAt,
  };
}

/** A notice written again (its data key re-wrapped): it must be there, and its STATE put on the version read makes the write happen once. */
const replacingPut = (tableName: string, item: Item): OversightWrite => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_exists(pk)' },
});

function stepOf(item: Item): ComplaintStep {
  return {
    sequence: Number(item['sequence']),
    at: String(item['at']),
    actor: String(item['actor']),
    action: String(item['action']),
    details: (item['details'] ?? {}) as ComplaintStep['details'],
    internal: item['internal'] === true,
  };
}

const indexOf = { citywide: 'supervisorQueueCitywide', jurisdiction: 'supervisorQueue', department: 'departmentQueue' } as const;
const partitionAttributeOf = { citywide: 'queueCitywide', jurisdiction: 'queueJurisdiction', department: 'queueDepartment' } as const;

function partitionOf(query: ComplaintQueueQuery): string {
  const name = queueNames[query.queue];
  switch (query.scope.kind) {
    case 'citywide':
      return name;
    case 'jurisdiction':
      return `${query.scope.jurisdiction}#${name}`;
    case 'department':
      return `${query.scope.department}#${name}`;
  }
}

/** A cursor is only ever a key of the same queue. */
function decodeCursor(cursor: string, partitionAttribute: string, partition: string): Record<string, string> {
  const key = decodeIndexCursor(cursor, ['pk', 'sk', partitionAttribute, 'queueOrder'], partitionAttribute, partition);
  if (!key) throw new InvalidComplaintCursorError('not a cursor of this queue');
  return key;
}

/**
 * What a change of a complaint adds to the statistics aggregates: its contribution after, less
 * its contribution before (none for a new complaint), under its owner and category.
 */
export function complaintStatisticsAdditions(before: Complaint | undefined, after: Complaint): StatisticsAddition[] {
  const key = { department: complaintStatisticsOwner(after), kind: complaintStatisticsKind, caseId: after.receiptNumber };
  const deltas = commitDeltas(before && { matterCode: before.category, statistics: complaintContribution(before) }, {
    matterCode: after.category,
    statistics: complaintContribution(after),
  });
  return statisticsAdditions(key, deltas);
}

export class DynamoDbComplaintRepository implements ComplaintRepository {
  /**
   * @param statisticsTableName the `cases` table, whose statistics aggregates each change of a
   *   complaint adds to (Art. 20); omitted by writers whose changes never move them (the keeping
   *   of personal-data keys), which then must not make one that does
   */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly statisticsTableName?: string,
  ) {}

  async load(receiptNumber: string): Promise<Complaint | undefined> {
    return (await this.current(receiptNumber))?.complaint;
  }

  async loadForSweep(receiptNumber: string): Promise<{ complaint: Complaint; unpublishedEventIds: readonly string[] } | undefined> {
    const current = await this.current(receiptNumber);
    return current && { complaint: current.complaint, unpublishedEventIds: current.unpublished };
  }

  private async current(receiptNumber: string): Promise<ReturnType<typeof currentOf>> {
    return currentOf(await readAggregateItems(this.client, this.tableName, complaintPk(receiptNumber)));
  }

  async saveFiring(write: ComplaintFiringWrite): Promise<void> {
    await writeFiring(
      this.client,
      this.tableName,
      refOf(write.complaint.receiptNumber),
      {
        expectedVersion: write.expectedVersion,
        firing: write.firing,
        timerDueAt: nextDueAt(write.complaint),
        eventIds: write.events.map((event) => event.eventId),
      },
      () => new ComplaintVersionChanged(complaintChanged, rereadStep),
    );
  }

  /** Marks signal events published (the sweep's outbox; see `DynamoDbOversightSignalOutbox`). */
  markPublished(receiptNumber: string, eventIds: readonly string[]): Promise<void> {
    return markPublished(this.client, this.tableName, refOf(receiptNumber), eventIds);
  }

  async save(writes: readonly ComplaintWrite[]): Promise<void> {
    const operations: OversightWrite[] = [];
    const stateIndexes = new Map<number, ComplaintWrite>();
    // Read before the transaction: a complaint's lookups are written only when it is filed, so none can appear meanwhile.
    const erasedKeys = await Promise.all(
      writes.map((write) => (write.erasePersonalData ? this.personalDataKeys(write.change.complaint.receiptNumber) : Promise.resolve([]))),
    );
    // What firings left on the timers item (their steps, unpublished events) is folded into this write; a new complaint has none (and its writer reads nothing).
    const stored = await Promise.all(
      writes.map((write) => (write.expectedVersion === 0 ? Promise.resolve(undefined) : this.current(write.change.complaint.receiptNumber))),
    );
    writes.forEach((write, index) => {
      const { complaint, steps } = write.change;
      const before = stored[index];
      if (write.expectedVersion !== 0 && before?.complaint.version !== write.expectedVersion) {
        throw new ComplaintVersionChanged(complaintChanged, rereadStep);
      }
      // Events a firing left unpublished stay marked on the timers item (and keep it due) until the sweep publishes them.
      const carried =
        before && before.unpublished.length > 0
          ? complaintSignalEvents(undefined, complaint).filter((event) => before.unpublished.includes(event.eventId))
          : [];
      const carriedEvents =
        carried.length > 0
          ? { ids: carried.map((event) => event.eventId), earliestAt: carried.map((event) => event.occurredAt).sort()[0] ?? complaint.updatedAt }
          : undefined;
      stateIndexes.set(operations.length, write);
      // The timers item carries the version every writer conditions on; STATE goes with it.
      operations.push(statePut(this.tableName, complaintTimersItem(complaint, carriedEvents), write.expectedVersion === 0 ? null : write.expectedVersion));
      stateIndexes.set(operations.length, write);
      operations.push(
        write.expectedVersion === 0
          ? statePut(this.tableName, complaintStateItem(complaint), null)
          : { Put: { TableName: this.tableName, Item: complaintStateItem(complaint), ConditionExpression: 'attribute_exists(pk)' } },
      );
      for (const step of [...(before?.firedSteps ?? []), ...steps]) operations.push(newItemPut(this.tableName, stepItem(complaint.receiptNumber, step)));
      (write.lookupHashes ?? []).forEach((lookupHash, index) =>
        operations.push(newItemPut(this.tableName, { pk: complaintPk(complaint.receiptNumber), sk: lookupSk(index + 1), lookupHash })),
      );
      for (const notice of write.notices ?? []) operations.push(newItemPut(this.tableName, noticeItem(complaint.receiptNumber, notice)));
      for (const notice of write.replacedNotices ?? []) operations.push(replacingPut(this.tableName, noticeItem(complaint.receiptNumber, notice)));
    });
    for (const key of erasedKeys.flat()) operations.push(itemDelete(this.tableName, key));
    const additions = mergedAdditions(writes.flatMap((write, index) => complaintStatisticsAdditions(stored[index]?.complaint, write.change.complaint)));
    operations.push(...statisticsAdditionWrites(this.statisticsTableName, additions, 'complaints'));
    await writeOversightTransaction(this.client, operations, {
      claimsNumberAt: (index) => stateIndexes.get(index)?.expectedVersion === 0,
      numberTaken: () => new ReceiptNumberTakenError('receipt number taken'),
      staleVersion: () => new ComplaintVersionChanged(complaintChanged, rereadStep),
      stillInFlight: () => new ComplaintVersionChanged({ zh: '该投诉正在被他人修改', en: 'The complaint is being changed by someone else' }, rereadStep),
    });
  }

  /** Keys of the items that hold personal data beside the STATE item: every `LOOKUP#` item, and the `NOTICE#` item of every kind. */
  private async personalDataKeys(receiptNumber: string): Promise<{ pk: string; sk: string }[]> {
    const pk = complaintPk(receiptNumber);
    const lookups = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lookup)',
        ExpressionAttributeValues: { ':pk': pk, ':lookup': 'LOOKUP#' },
        ProjectionExpression: 'sk',
        ConsistentRead: true,
      }),
    );
    return [...(lookups.Items ?? []).map((item) => ({ pk, sk: String(item['sk']) })), ...noticeKinds.map((kind) => ({ pk, sk: noticeSk(kind) }))];
  }

  async timeline(receiptNumber: string): Promise<ComplaintStep[]> {
    const items = await readOversightTimelineItems(this.client, this.tableName, complaintPk(receiptNumber));
    return [...items.steps.map(stepOf), ...(currentOf(items)?.firedSteps ?? [])];
  }

  async notice(receiptNumber: string, kind: NoticeKind): Promise<StoredNotice | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: complaintPk(receiptNumber), sk: noticeSk(kind) }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      kind,
      document: { keyRef: String(Item['keyRef']), wrappedKey: String(Item['wrappedKey']), ciphertext: Item['ciphertext'] as Uint8Array },
      sha256: String(Item['sha256']),
      byteLength: Number(Item['byteLength']),
      producedAt: String(Item['producedAt']),
    };
  }

  async queue(query: ComplaintQueueQuery): Promise<ComplaintQueuePage> {
    const partitionAttribute = partitionAttributeOf[query.scope.kind];
    const partition = partitionOf(query);
    const start = query.cursor === undefined ? undefined : decodeCursor(query.cursor, partitionAttribute, partition);
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexOf[query.scope.kind],
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': partitionAttribute },
        ExpressionAttributeValues: { ':partition': partition },
        Limit: query.limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    // The index projects keys only: the complaints themselves (and their firings since) are read by key.
    const pks = (page.Items ?? []).map((item) => String(item['pk']));
    const found = await batchReadAggregateItems(this.client, this.tableName, pks);
    const complaints = pks.flatMap((pk) => {
      const current = currentOf(found.get(pk) ?? {});
      return current ? [current.complaint] : [];
    });
    return page.LastEvaluatedKey ? { complaints, cursor: encodeIndexCursor(page.LastEvaluatedKey) } : { complaints };
  }

  async byLookupHash(lookupHash: string, limit: number): Promise<Complaint[]> {
    const matches = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'complainantLookup',
        KeyConditionExpression: 'lookupHash = :hash',
        ExpressionAttributeValues: { ':hash': lookupHash },
        Limit: limit,
      }),
    );
    const pks = [...new Set((matches.Items ?? []).map((item) => String(item['pk'])))];
    if (pks.length === 0) return [];
    const found = await batchReadAggregateItems(this.client, this.tableName, pks);
    const complaints = pks.flatMap((pk) => {
      const current = currentOf(found.get(pk) ?? {});
      return current ? [current.complaint] : [];
    });
    return complaints.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
  }
}
