/**
 * Supervision requests and cases in the `oversight` table (layout in `shared/tables.ts`):
 * - `SUPERVISION#<DQ…|DB…>` / `STATE`: the aggregate (attribute `request` or `case`), `version`
 *   for conditional writes, and the timer and queue index attributes built by
 *   `oversight-items.ts`, so the one oversight sweep and the queues read it like every aggregate;
 * - `STEP#<n>`: its timeline steps, written in the same transaction as the state;
 * - `OUTBOX` / `<occurredAt>#<eventId>`: the events of the signals a write raised, in the same
 *   transaction, until published (`outbox-items.ts`).
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  SupervisionNumberTakenError,
  type SupervisionQueuePage,
  type SupervisionQueueQuery,
  type SupervisionRepository,
  type SupervisionWrite,
} from '../../application/supervision/supervision-repository.ts';
import { caseQueuePlacement, type SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { requestQueuePlacement, type SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import type { TimelineStep } from '../../domain/supervision-cases/supervision-timeline.ts';
import { nextDueAt } from '../../domain/supervision-cases/supervision-timers.ts';
import type { SupervisionQueuePlacement } from '../../domain/supervision-cases/supervision-queues.ts';
import { InvalidRequestError, StaleVersionError } from '../../http/errors.ts';
import { oversightPk, oversightStateSk, oversightStepSk, queueAttributes, timerAttributes, type OversightItemRef } from './oversight-items.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { readOversightTimeline } from './oversight-timeline.ts';
import { outboxItem } from './outbox-items.ts';
import { newItemPut, statePut, writeOversightTransaction, type OversightPut } from './oversight-transaction.ts';

type Item = Record<string, unknown>;

const supervisionPk = (number: string): string => oversightPk('supervision', number);
const refOf = (number: string): OversightItemRef => ({ type: 'supervision', number });

function stateItem(number: string, attribute: 'request' | 'case', aggregate: SupervisionRequest | SupervisionCase, placement: SupervisionQueuePlacement): Item {
  const ref = refOf(number);
  return {
    pk: supervisionPk(number),
    sk: oversightStateSk,
    type: attribute === 'request' ? 'supervisionRequest' : 'supervisionCase',
    version: aggregate.version,
    [attribute]: aggregate,
    // A Put replaces the whole item, so the attributes of timers and queues left are simply absent.
    ...timerAttributes(ref, nextDueAt(aggregate.timers)).set,
    ...queueAttributes(ref, placement).set,
  };
}

const stepItem = (number: string, step: TimelineStep): Item => ({ pk: supervisionPk(number), sk: oversightStepSk(step.sequence), type: 'supervisionStep', ...step });

function stepOf(item: Item): TimelineStep {
  return {
    sequence: Number(item['sequence']),
    at: String(item['at']),
    actor: String(item['actor']),
    action: item['action'] as TimelineStep['action'],
    details: (item['details'] ?? {}) as TimelineStep['details'],
    internal: item['internal'] === true,
  };
}

/** One aggregate's puts in a transaction, and whether the aggregate is new. */
interface PutGroup {
  readonly puts: OversightPut[];
  readonly isNew: boolean;
}

/** How each index's partition attribute is named, and which index holds it. */
const indexes = {
  jurisdiction: { indexName: 'supervisorQueue', attribute: 'queueJurisdiction' },
  citywide: { indexName: 'supervisorQueueCitywide', attribute: 'queueCitywide' },
  department: { indexName: 'departmentQueue', attribute: 'queueDepartment' },
} as const;

/** The partition value of a listing, built by the same `queueAttributes` that writes it. */
function partitionOf(query: SupervisionQueueQuery): string {
  const owner = query.owner ?? '';
  const set = queueAttributes(refOf('-'), { supervisorQueue: query.queue, jurisdiction: owner, departmentQueue: { department: owner, queue: query.queue }, deadline: null }).set;
  return String(set[indexes[query.index].attribute]);
}

/** A cursor is only ever a key of the same index partition, and of a supervision item's state; anything else is the caller's error. */
function decodeCursor(cursor: string, attribute: string, partition: string): Record<string, string> {
  const key = decodeIndexCursor(cursor, ['pk', 'sk', attribute, 'queueOrder'], attribute, partition);
  if (!key || key['sk'] !== oversightStateSk || !String(key['pk']).startsWith(supervisionPk(''))) {
    throw new InvalidRequestError('Invalid cursor', undefined, [{ pointer: '/query/cursor', detail: 'not a cursor of this listing' }]);
  }
  return key;
}

export class DynamoDbSupervisionRepository implements SupervisionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async request(requestNumber: string): Promise<SupervisionRequest | undefined> {
    return (await this.state(requestNumber))?.['request'] as SupervisionRequest | undefined;
  }

  async supervisionCase(caseNumber: string): Promise<SupervisionCase | undefined> {
    return (await this.state(caseNumber))?.['case'] as SupervisionCase | undefined;
  }

  timeline(number: string): Promise<TimelineStep[]> {
    return readOversightTimeline(this.client, this.tableName, supervisionPk(number), stepOf);
  }

  saveRequest(write: SupervisionWrite<SupervisionRequest>): Promise<void> {
    return this.transact([this.requestPuts(write)]);
  }

  saveCase(write: SupervisionWrite<SupervisionCase>, decided?: SupervisionWrite<SupervisionRequest>): Promise<void> {
    const { state } = write;
    const casePuts = this.puts(state.caseNumber, stateItem(state.caseNumber, 'case', state, caseQueuePlacement(state)), write);
    // The request first: when both conditions fail, a stale request is what the caller must hear.
    return this.transact(decided ? [this.requestPuts(decided), casePuts] : [casePuts]);
  }

  async requestQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionRequest>> {
    const page = await this.queue(query);
    return { items: page.items.flatMap((item) => (item['request'] ? [item['request'] as SupervisionRequest] : [])), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async caseQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionCase>> {
    const page = await this.queue(query);
    return { items: page.items.flatMap((item) => (item['case'] ? [item['case'] as SupervisionCase] : [])), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  private async state(number: string): Promise<Item | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: supervisionPk(number), sk: oversightStateSk }, ConsistentRead: true }));
    return Item;
  }

  private requestPuts(write: SupervisionWrite<SupervisionRequest>): PutGroup {
    const { state } = write;
    return this.puts(state.requestNumber, stateItem(state.requestNumber, 'request', state, requestQueuePlacement(state)), write);
  }

  /** One aggregate's STATE put and step puts. */
  private puts(number: string, item: Item, write: SupervisionWrite<unknown>): PutGroup {
    const isNew = write.expectedVersion === undefined;
    const stepPuts = write.steps.map((step) => newItemPut(this.tableName, stepItem(number, step)));
    // Signal events go to the outbox with the change that raised them: published after the commit, or by the sweep's relay.
    const outboxPuts = (write.events ?? []).map((event) => newItemPut(this.tableName, outboxItem(event)));
    return { puts: [statePut(this.tableName, item, write.expectedVersion ?? null), ...stepPuts, ...outboxPuts], isNew };
  }

  private transact(groups: readonly PutGroup[]): Promise<void> {
    // A failed condition anywhere in a new aggregate's puts means its number is taken.
    const claimsNumber = groups.flatMap((group) => group.puts.map(() => group.isNew));
    return writeOversightTransaction(
      this.client,
      groups.flatMap((group) => group.puts),
      {
        claimsNumberAt: (index) => claimsNumber[index] === true,
        numberTaken: () => new SupervisionNumberTakenError('supervision number taken'),
        staleVersion: () => new StaleVersionError('Changed since you read it', 'Read it again and repeat the step if it still applies.'),
        stillInFlight: () => new StaleVersionError('Being changed by someone else', 'Read it again and repeat the step if it still applies.'),
      },
    );
  }

  private async queue(query: SupervisionQueueQuery): Promise<{ items: Item[]; nextCursor?: string }> {
    const { indexName, attribute } = indexes[query.index];
    const partition = partitionOf(query);
    const start = query.cursor === undefined ? undefined : decodeCursor(query.cursor, attribute, partition);
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': attribute },
        ExpressionAttributeValues: { ':partition': partition },
        Limit: query.limit,
        ExclusiveStartKey: start,
      }),
    );
    return { items: page.Items ?? [], ...(page.LastEvaluatedKey ? { nextCursor: encodeIndexCursor(page.LastEvaluatedKey) } : {}) };
  }
}
