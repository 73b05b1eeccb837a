/**
 * Supervision requests and cases in the `oversight` table (layout in `shared/tables.ts`, costs in
 * `docs/tables.md`):
 * - `SUPERVISION#<DQ…|DB…>` / `STATE`: the aggregate as last written whole (attribute `request` or
 *   `case`) and the queue index attributes built by `oversight-items.ts` (the queue indexes project
 *   keys only);
 * - `STATE#TIMERS`: the version, the timer firings since (replayed on STATE when read), their
 *   unpublished events and the sweep's index attributes (`oversight-timer-items.ts`);
 * - `STEP#<n>`: its timeline steps, written with a whole write (a firing's steps are folded in with
 *   the next one).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  SupervisionNumberTakenError,
  type SupervisionFiringWrite,
  type SupervisionItem,
  type SupervisionQueuePage,
  type SupervisionQueueQuery,
  type SupervisionRepository,
  type SupervisionWrite,
} from '../../application/supervision/supervision-repository.ts';
import { applyCaseFiring, caseQueuePlacement, type SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { applyRequestFiring, requestQueuePlacement, type SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import { supervisionSignalEvents, type SupervisionSignalEvent } from '../../domain/supervision-cases/supervision-signal-events.ts';
import type { TimelineStep } from '../../domain/supervision-cases/supervision-timeline.ts';
import { nextDueAt, type SupervisionTimerFiring } from '../../domain/supervision-cases/supervision-timers.ts';
import type { SupervisionQueuePlacement } from '../../domain/supervision-cases/supervision-queues.ts';
import { changedSinceRead, CursorNotRecognised, rereadStep, SupervisionVersionChanged } from '../../application/store-refusals.ts';
import { oversightPk, oversightStateSk, oversightStepSk, queueAttributes, type OversightItemRef } from './oversight-items.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { readOversightTimelineItems } from './oversight-timeline.ts';
import { batchReadAggregateItems, markPublished, readAggregateItems, storedTimersOf, wholeWriteTimersItem, writeFiring } from './oversight-timer-items.ts';
import {
  newItemPut,
  statePut,
  statisticsAdditionWrites,
  writeOversightTransaction,
  type OversightPut,
  type OversightStatisticsAddition,
} from './oversight-transaction.ts';
import { commitDeltas } from '../../domain/statistics/case-contribution.ts';
import { supervisionContribution, supervisionStatisticsKind } from '../../domain/statistics/supervision-contribution.ts';
import { mergedAdditions, statisticsAdditions, type StatisticsAddition } from './statistics-items.ts';

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
    // A Put replaces the whole item, so the attributes of queues left are simply absent.
    ...queueAttributes(ref, placement).set,
  };
}

/** The aggregate as it is now: STATE with the firings since replayed on it, and the steps those firings made. */
function currentOf(items: { state?: Item; timers?: Item }): (SupervisionItem & { firedSteps: TimelineStep[]; unpublished: readonly string[] }) | undefined {
  const timers = storedTimersOf<SupervisionTimerFiring>(items.timers);
  const firings = timers?.firings ?? [];
  const unpublished = timers?.unpublished ?? [];
  const firedSteps: TimelineStep[] = [];
  const request = items.state?.['request'] as SupervisionRequest | undefined;
  if (request) {
    let state = request;
    for (const firing of firings) {
      const applied = applyRequestFiring(state, firing);
      state = applied.state;
      firedSteps.push(...applied.steps);
    }
    return { item: 'request', state, firedSteps, unpublished };
  }
  const found = items.state?.['case'] as SupervisionCase | undefined;
  if (found) {
    let state = found;
    for (const firing of firings) {
      const applied = applyCaseFiring(state, firing);
      state = applied.state;
      firedSteps.push(...applied.steps);
    }
    return { item: 'case', state, firedSteps, unpublished };
  }
  return undefined;
}

const numberOf = (item: SupervisionItem): string => (item.item === 'request' ? item.state.requestNumber : item.state.caseNumber);

const stepItem = (number: string, step: TimelineStep): Item => ({
  pk: supervisionPk(number),
  sk: oversightStepSk(step.sequence),
  type: 'supervisionStep',
  ...step,
});

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
  /** The aggregate as it stood before the change (firings since the last whole write replayed); none for a new one. */
  readonly before?: SupervisionItem;
}

/**
 * What a change of a supervision case adds to the statistics aggregates: its contribution after,
 * less its contribution before (none for a new case), under its responsible department and origin.
 */
export function supervisionStatisticsAdditions(before: SupervisionCase | undefined, after: SupervisionCase): StatisticsAddition[] {
  const key = { department: after.responsibleDepartment, kind: supervisionStatisticsKind, caseId: after.caseNumber };
  const deltas = commitDeltas(before && { matterCode: before.origin.kind, statistics: supervisionContribution(before) }, {
    matterCode: after.origin.kind,
    statistics: supervisionContribution(after),
  });
  return statisticsAdditions(key, deltas);
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
  const set = queueAttributes(refOf('-'), {
    supervisorQueue: query.queue,
    jurisdiction: owner,
    departmentQueue: { department: owner, queue: query.queue },
    deadline: null,
  }).set;
  return String(set[indexes[query.index].attribute]);
}

/** A cursor is only ever a key of the same index partition, and of a supervision item's state; anything else is the caller's error. */
function decodeCursor(cursor: string, attribute: string, partition: string): Record<string, string> {
  const key = decodeIndexCursor(cursor, ['pk', 'sk', attribute, 'queueOrder'], attribute, partition);
  if (!key || key['sk'] !== oversightStateSk || !String(key['pk']).startsWith(supervisionPk(''))) {
    throw new CursorNotRecognised({ zh: '不是本列表的分页游标', en: 'not a cursor of this listing' });
  }
  return key;
}

export class DynamoDbSupervisionRepository implements SupervisionRepository {
  /**
   * @param statisticsTableName the `cases` table, whose statistics aggregates each change of a case
   *   adds to (Art. 20); omitted by writers whose changes never move them (the sweep fires timers
   *   only), which then must not make one that does
   */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly statisticsTableName?: string,
  ) {}

  async request(requestNumber: string): Promise<SupervisionRequest | undefined> {
    const current = await this.current(requestNumber);
    return current?.item === 'request' ? current.state : undefined;
  }

  async supervisionCase(caseNumber: string): Promise<SupervisionCase | undefined> {
    const current = await this.current(caseNumber);
    return current?.item === 'case' ? current.state : undefined;
  }

  async itemForSweep(number: string): Promise<(SupervisionItem & { unpublishedEventIds: readonly string[] }) | undefined> {
    const current = await this.current(number);
    if (!current) return undefined;
    const { firedSteps: _, unpublished, ...item } = current;
    return { ...item, unpublishedEventIds: unpublished };
  }

  async timeline(number: string): Promise<TimelineStep[]> {
    const items = await readOversightTimelineItems(this.client, this.tableName, supervisionPk(number));
    return [...items.steps.map(stepOf), ...(currentOf(items)?.firedSteps ?? [])];
  }

  async saveFiring(write: SupervisionFiringWrite): Promise<void> {
    await writeFiring(
      this.client,
      this.tableName,
      refOf(numberOf(write)),
      {
        expectedVersion: write.expectedVersion,
        firing: write.firing,
        timerDueAt: nextDueAt(write.state.timers),
        eventIds: write.events.map((event) => event.eventId),
      },
      () => new SupervisionVersionChanged(changedSinceRead, rereadStep),
    );
  }

  /** Marks signal events published (the sweep's outbox; see `DynamoDbOversightSignalOutbox`). */
  markPublished(number: string, eventIds: readonly string[]): Promise<void> {
    return markPublished(this.client, this.tableName, refOf(number), eventIds);
  }

  async saveRequest(write: SupervisionWrite<SupervisionRequest>): Promise<void> {
    await this.transact([await this.requestPuts(write)]);
  }

  async saveCase(write: SupervisionWrite<SupervisionCase>, decided?: SupervisionWrite<SupervisionRequest>): Promise<void> {
    const { state } = write;
    const casePuts = await this.puts({ item: 'case', state }, stateItem(state.caseNumber, 'case', state, caseQueuePlacement(state)), write);
    const additions = mergedAdditions(supervisionStatisticsAdditions(casePuts.before?.item === 'case' ? casePuts.before.state : undefined, state));
    // The request first: when both conditions fail, a stale request is what the caller must hear.
    await this.transact(
      decided ? [await this.requestPuts(decided), casePuts] : [casePuts],
      statisticsAdditionWrites(this.statisticsTableName, additions, 'supervision cases'),
    );
  }

  async requestQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionRequest>> {
    const page = await this.queue(query);
    return { items: page.items.flatMap((item) => (item.item === 'request' ? [item.state] : [])), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async caseQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionCase>> {
    const page = await this.queue(query);
    return { items: page.items.flatMap((item) => (item.item === 'case' ? [item.state] : [])), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  private async current(number: string): Promise<ReturnType<typeof currentOf>> {
    return currentOf(await readAggregateItems(this.client, this.tableName, supervisionPk(number)));
  }

  private requestPuts(write: SupervisionWrite<SupervisionRequest>): Promise<PutGroup> {
    const { state } = write;
    return this.puts({ item: 'request', state }, stateItem(state.requestNumber, 'request', state, requestQueuePlacement(state)), write);
  }

  /**
   * One aggregate's puts: its timers item (on the version read: every writer conditions on it; the
   * events a firing left unpublished still marked), its STATE item, and the steps of the firings
   * since the last whole write and of this change.
   */
  private async puts(item: SupervisionItem, stateItemToPut: Item, write: SupervisionWrite<unknown>): Promise<PutGroup> {
    const number = numberOf(item);
    const isNew = write.expectedVersion === undefined;
    // A new aggregate's writer reads nothing; a changed one's firings since it was read are folded in.
    const before = isNew ? undefined : await this.current(number);
    if (!isNew && before?.state.version !== write.expectedVersion) throw new SupervisionVersionChanged(changedSinceRead, rereadStep);
    // Events a firing left unpublished stay marked on the timers item (and keep it due) until the sweep publishes them.
    const carried: SupervisionSignalEvent[] =
      before && before.unpublished.length > 0 ? supervisionSignalEvents(undefined, item).filter((event) => before.unpublished.includes(event.eventId)) : [];
    const carriedEvents =
      carried.length > 0 ? { ids: carried.map((event) => event.eventId), earliestAt: carried.map((event) => event.occurredAt).sort()[0] ?? '' } : undefined;
    const timersPut = statePut(
      this.tableName,
      wholeWriteTimersItem(refOf(number), item.state.version, nextDueAt(item.state.timers), carriedEvents),
      write.expectedVersion ?? null,
    );
    const statePutOp: OversightPut = isNew
      ? statePut(this.tableName, stateItemToPut, null)
      : { Put: { TableName: this.tableName, Item: stateItemToPut, ConditionExpression: 'attribute_exists(pk)' } };
    const stepPuts = [...(before?.firedSteps ?? []), ...write.steps].map((step) => newItemPut(this.tableName, stepItem(number, step)));
    return { puts: [timersPut, statePutOp, ...stepPuts], isNew, ...(before ? { before: { item: before.item, state: before.state } as SupervisionItem } : {}) };
  }

  /** The groups' puts and the statistics additions (unconditional, last) in one transaction. */
  private transact(groups: readonly PutGroup[], additions: readonly OversightStatisticsAddition[] = []): Promise<void> {
    // A failed condition anywhere in a new aggregate's puts means its number is taken.
    const claimsNumber = groups.flatMap((group) => group.puts.map(() => group.isNew));
    return writeOversightTransaction(this.client, [...groups.flatMap((group) => group.puts), ...additions], {
      claimsNumberAt: (index) => claimsNumber[index] === true,
      numberTaken: () => new SupervisionNumberTakenError('supervision number taken'),
      staleVersion: () => new SupervisionVersionChanged(changedSinceRead, rereadStep),
      stillInFlight: () => new SupervisionVersionChanged({ zh: '他人正在修改', en: 'Being changed by someone else' }, rereadStep),
    });
  }

  private async queue(query: SupervisionQueueQuery): Promise<{ items: SupervisionItem[]; nextCursor?: string }> {
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
    // The index projects keys only: the aggregates themselves (and their firings since) are read by key.
    const pks = (page.Items ?? []).map((item) => String(item['pk']));
    const found = await batchReadAggregateItems(this.client, this.tableName, pks);
    const items = pks.flatMap((pk) => {
      const current = currentOf(found.get(pk) ?? {});
      return current ? [{ item: current.item, state: current.state } as SupervisionItem] : [];
    });
    return { items, ...(page.LastEvaluatedKey ? { nextCursor: encodeIndexCursor(page.LastEvaluatedKey) } : {}) };
  }
}
