/**
 * Complaints in the `oversight` table (layout in `shared/tables.ts`):
 * - `COMPLAINT#<receiptNumber>` / `STATE`: the complaint (attribute `complaint`, personal data only
 *   as sealed fields), `version` for conditional writes, timer and queue index attributes built
 *   by `oversight-items.ts`, so the one sweep and the queues read it like every aggregate;
 * - `STEP#<n>`: timeline steps; `LOOKUP#<n>`: keyed hashes of the complainant's ID number and
 *   phone (index `complainantLookup`); `NOTICE#<decision|result>`: the sealed PDF of a notice.
 *
 * Erasing the personal data rewrites the STATE item without it and deletes the `LOOKUP#` and
 * `NOTICE#` items in the same transaction; the steps stay (they carry no personal data).
 */
import { BatchGetCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { currentSignalLevel, nextDueAt } from '../../domain/complaints/complaint-clock.ts';
import { noticeKinds, type Complaint, type ComplaintStep, type NoticeKind } from '../../domain/complaints/complaint.ts';
import { StaleVersionError } from '../../http/errors.ts';
import {
  InvalidComplaintCursorError,
  ReceiptNumberTakenError,
  type ComplaintQueue,
  type ComplaintQueuePage,
  type ComplaintQueueQuery,
  type ComplaintRepository,
  type ComplaintWrite,
  type StoredNotice,
} from '../../application/complaints/complaint-repository.ts';
import { oversightPk, oversightStateSk, oversightStepSk, queueAttributes, timerAttributes, type QueuePlacement } from './oversight-items.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { readOversightTimeline } from './oversight-timeline.ts';
import { outboxItem } from './outbox-items.ts';
import { itemDelete, newItemPut, statePut, writeOversightTransaction, type OversightWrite } from './oversight-transaction.ts';

type Item = Record<string, unknown>;

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

/** The STATE item of a complaint: the complaint, its version, and the timer and queue index attributes. */
export function complaintStateItem(complaint: Complaint): Item {
  const ref = { type: 'complaint' as const, number: complaint.receiptNumber };
  const timers = timerAttributes(ref, nextDueAt(complaint));
  const queues = queueAttributes(ref, complaintQueuePlacement(complaint));
  return {
    pk: complaintPk(complaint.receiptNumber),
    sk: oversightStateSk,
    type: 'complaint',
    version: complaint.version,
    stage: complaint.stage,
    jurisdiction: complaint.jurisdiction,
    // What a queue row shows without opening the complaint.
    signal: currentSignalLevel(complaint) ?? undefined,
    complaint,
    ...timers.set,
    ...queues.set,
  };
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
const replacingPut = (tableName: string, item: Item): OversightWrite => ({ Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_exists(pk)' } });

const complaintOf = (item: Item | undefined): Complaint | undefined => (item?.['complaint'] as Complaint | undefined) ?? undefined;

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

export class DynamoDbComplaintRepository implements ComplaintRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(receiptNumber: string): Promise<Complaint | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: complaintPk(receiptNumber), sk: oversightStateSk }, ConsistentRead: true }));
    return complaintOf(Item);
  }

  async save(writes: readonly ComplaintWrite[]): Promise<void> {
    const operations: OversightWrite[] = [];
    const stateIndexes = new Map<number, ComplaintWrite>();
    // Read before the transaction: a complaint's lookups are written only when it is filed, so none can appear meanwhile.
    const erasedKeys = await Promise.all(writes.map((write) => (write.erasePersonalData ? this.personalDataKeys(write.change.complaint.receiptNumber) : Promise.resolve([]))));
    for (const write of writes) {
      const { complaint, steps } = write.change;
      stateIndexes.set(operations.length, write);
      operations.push(statePut(this.tableName, complaintStateItem(complaint), write.expectedVersion === 0 ? null : write.expectedVersion));
      for (const step of steps) operations.push(newItemPut(this.tableName, stepItem(complaint.receiptNumber, step)));
      (write.lookupHashes ?? []).forEach((lookupHash, index) =>
        operations.push(newItemPut(this.tableName, { pk: complaintPk(complaint.receiptNumber), sk: lookupSk(index + 1), lookupHash })),
      );
      for (const notice of write.notices ?? []) operations.push(newItemPut(this.tableName, noticeItem(complaint.receiptNumber, notice)));
      for (const notice of write.replacedNotices ?? []) operations.push(replacingPut(this.tableName, noticeItem(complaint.receiptNumber, notice)));
      // Signal events go to the outbox with the change that raised them: published after the commit, or by the sweep's relay.
      for (const event of write.events ?? []) operations.push(newItemPut(this.tableName, outboxItem(event)));
    }
    for (const key of erasedKeys.flat()) operations.push(itemDelete(this.tableName, key));
    await writeOversightTransaction(this.client, operations, {
      claimsNumberAt: (index) => stateIndexes.get(index)?.expectedVersion === 0,
      numberTaken: () => new ReceiptNumberTakenError('receipt number taken'),
      staleVersion: () => new StaleVersionError('The complaint changed since you read it', 'Read it again and repeat the step if it still applies.'),
      stillInFlight: () => new StaleVersionError('The complaint is being changed by someone else', 'Read it again and repeat the step if it still applies.'),
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

  timeline(receiptNumber: string): Promise<ComplaintStep[]> {
    return readOversightTimeline(this.client, this.tableName, complaintPk(receiptNumber), stepOf);
  }

  async notice(receiptNumber: string, kind: NoticeKind): Promise<StoredNotice | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: complaintPk(receiptNumber), sk: noticeSk(kind) }, ConsistentRead: true }));
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
    const complaints = (page.Items ?? []).map((item) => complaintOf(item)).filter((c): c is Complaint => c !== undefined);
    return page.LastEvaluatedKey ? { complaints, cursor: encodeIndexCursor(page.LastEvaluatedKey) } : { complaints };
  }

  async byLookupHash(lookupHash: string, limit: number): Promise<Complaint[]> {
    const found = await this.client.send(
      new QueryCommand({ TableName: this.tableName, IndexName: 'complainantLookup', KeyConditionExpression: 'lookupHash = :hash', ExpressionAttributeValues: { ':hash': lookupHash }, Limit: limit }),
    );
    const pks = [...new Set((found.Items ?? []).map((item) => String(item['pk'])))];
    if (pks.length === 0) return [];
    const complaints: Complaint[] = [];
    let keys: Record<string, unknown>[] | undefined = pks.map((pk) => ({ pk, sk: oversightStateSk }));
    for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
      const got = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
      complaints.push(...(got.Responses?.[this.tableName] ?? []).map((item) => complaintOf(item)).filter((c): c is Complaint => c !== undefined));
      keys = got.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
    return complaints.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
  }
}
