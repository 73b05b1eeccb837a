/**
 * The small item beside every oversight aggregate's STATE item: `<pk>` / `STATE#TIMERS`. It holds
 * what a timer firing changes, so a firing writes this item alone (under 1 KB: one write unit)
 * and never the large STATE item, its queue indexes or a transaction:
 *
 * - `version`: the aggregate's version (every writer conditions on it, here);
 * - `firings`: the firings since the aggregate was last written whole, each as the compact record
 *   its domain replays on the STATE item (the signals, steps and facts it made); a whole write folds
 *   them into STATE and writes their steps as `STEP#` items;
 * - `unpublished`: ids of the signal events of firings not yet on the bus (a whole write carries
 *   them over). The item is its own outbox: while any is unpublished it stays in the `oversightDue`
 *   index (`dueAt` at or before the firing), so a later sweep publishes them if the one that fired
 *   could not;
 * - `timerDueAt`: the earliest pending timer, which becomes `dueAt` once every event is published;
 * - `dueAt`, `sweepShard`: the sparse `oversightDue` index (keys only).
 *
 * No personal data: numbers, timer names and instants only.
 */
import { BatchGetCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { oversightPk, oversightStateSk, timerAttributes, type OversightItemRef } from './oversight-items.ts';

type Item = Record<string, unknown>;

export const oversightTimersSk = 'STATE#TIMERS';

/** The timers item as stored. */
export interface StoredTimers<F> {
  readonly version: number;
  readonly firings: readonly F[];
  readonly unpublished: readonly string[];
}

export function storedTimersOf<F>(item: Item | undefined): StoredTimers<F> | undefined {
  if (!item) return undefined;
  const unpublished = item['unpublished'];
  return {
    version: Number(item['version']),
    firings: (item['firings'] ?? []) as F[],
    unpublished: unpublished instanceof Set ? [...(unpublished as Set<string>)] : [],
  };
}

/** Events a firing left unpublished, carried through a whole write: their ids and the earliest's instant. */
export interface CarriedEvents {
  readonly ids: readonly string[];
  readonly earliestAt: string;
}

/**
 * The timers item a whole write puts: the version written, no firings (they are folded into the
 * STATE item written with it), the index attributes of the earliest pending timer — or, while
 * events a firing raised are still unpublished, those ids and a `dueAt` at the earliest of them, so
 * the sweep still comes back for them.
 */
export function wholeWriteTimersItem(ref: OversightItemRef, version: number, timerDueAt: string | null, carried?: CarriedEvents): Item {
  const unpublished = carried && carried.ids.length > 0 ? carried : undefined;
  return {
    pk: oversightPk(ref.type, ref.number),
    sk: oversightTimersSk,
    version,
    firings: [],
    ...(timerDueAt === null ? {} : { timerDueAt }),
    ...(unpublished ? { unpublished: new Set(unpublished.ids) } : {}),
    ...timerAttributes(ref, unpublished ? unpublished.earliestAt : timerDueAt).set,
  };
}

/** The STATE and timers items of one aggregate (consistent reads; GetItem only, which every function reading an aggregate may use). */
export async function readAggregateItems(client: DynamoDBDocumentClient, tableName: string, pk: string): Promise<{ state?: Item; timers?: Item }> {
  const [state, timers] = await Promise.all(
    [oversightStateSk, oversightTimersSk].map(
      async (sk) => (await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }))).Item,
    ),
  );
  return { ...(state ? { state } : {}), ...(timers ? { timers } : {}) };
}

/** STATE and timers items of many aggregates (for lists whose indexes project keys only), by partition key. */
export async function batchReadAggregateItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  pks: readonly string[],
): Promise<Map<string, { state?: Item; timers?: Item }>> {
  const found = new Map<string, { state?: Item; timers?: Item }>();
  const unique = [...new Set(pks)];
  // 50 aggregates, two items each: BatchGetItem's limit of 100 keys.
  for (let i = 0; i < unique.length; i += 50) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 50).flatMap((pk) => [
      { pk, sk: oversightStateSk },
      { pk, sk: oversightTimersSk },
    ]);
    for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
      if (attempt >= 8) throw new Error('BatchGetItem left keys unprocessed after 8 attempts');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const got = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of got.Responses?.[tableName] ?? []) {
        const pk = String(item['pk']);
        const entry = found.get(pk) ?? {};
        found.set(pk, item['sk'] === oversightTimersSk ? { ...entry, timers: item } : { ...entry, state: item });
      }
      keys = got.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return found;
}

/** A firing to store: the record its domain replays, the version it makes, and what follows it. */
export interface FiringWrite<F> {
  readonly expectedVersion: number;
  readonly firing: F & { readonly at: string };
  /** The earliest timer still pending after the firing, or null. */
  readonly timerDueAt: string | null;
  /** Ids of the signal events the firing raised (published by the caller after the commit). */
  readonly eventIds: readonly string[];
}

/**
 * One conditional UpdateItem of the timers item: the firing appended, the version moved, its events
 * marked unpublished. `dueAt` is left as it is (at or before the firing: the item stays due until
 * its events are published), so the keys-only `oversightDue` index is not written.
 */
export async function writeFiring<F>(
  client: DynamoDBDocumentClient,
  tableName: string,
  ref: OversightItemRef,
  write: FiringWrite<F>,
  stale: () => Error,
): Promise<void> {
  const due = timerAttributes(ref, write.firing.at).set;
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: oversightPk(ref.type, ref.number), sk: oversightTimersSk },
        UpdateExpression: `SET #version = :next, firings = list_append(firings, :firing), dueAt = if_not_exists(dueAt, :at), sweepShard = if_not_exists(sweepShard, :shard)${
          write.timerDueAt === null ? '' : ', timerDueAt = :timerDueAt'
        }${write.eventIds.length > 0 ? ' ADD unpublished :events' : ''}${write.timerDueAt === null ? ' REMOVE timerDueAt' : ''}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':expected': write.expectedVersion,
          ':next': write.expectedVersion + 1,
          ':firing': [write.firing],
          ':at': due['dueAt'],
          ':shard': due['sweepShard'],
          ...(write.timerDueAt === null ? {} : { ':timerDueAt': write.timerDueAt }),
          ...(write.eventIds.length > 0 ? { ':events': new Set(write.eventIds) } : {}),
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw stale();
    throw error;
  }
}

/**
 * Marks events published on an aggregate's timers item: they leave `unpublished`, and once none is
 * left `dueAt` moves to the earliest pending timer (or the item leaves the index). Conditional on
 * the version read, retried on a concurrent write; events already marked are simply not there.
 */
export async function markPublished(client: DynamoDBDocumentClient, tableName: string, ref: OversightItemRef, eventIds: readonly string[]): Promise<void> {
  const key = { pk: oversightPk(ref.type, ref.number), sk: oversightTimersSk };
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const stored = storedTimersOf(Item);
    if (!Item || !stored) return;
    const published = eventIds.filter((id) => stored.unpublished.includes(id));
    if (published.length === 0) return;
    const remaining = stored.unpublished.filter((id) => !published.includes(id));
    const timerDueAt = typeof Item['timerDueAt'] === 'string' ? Item['timerDueAt'] : null;
    const due = timerAttributes(ref, timerDueAt);
    const update =
      remaining.length > 0
        ? { UpdateExpression: 'DELETE unpublished :published', ExpressionAttributeValues: { ':published': new Set(published), ':read': stored.version } }
        : timerDueAt === null
          ? { UpdateExpression: 'REMOVE unpublished, dueAt, sweepShard', ExpressionAttributeValues: { ':read': stored.version } }
          : {
              UpdateExpression: 'SET dueAt = :dueAt, sweepShard = :shard REMOVE unpublished',
              ExpressionAttributeValues: { ':dueAt': due.set['dueAt'], ':shard': due.set['sweepShard'], ':read': stored.version },
            };
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          ConditionExpression: '#version = :read',
          ExpressionAttributeNames: { '#version': 'version' },
          ...update,
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || attempt === 4) throw error;
    }
  }
}
