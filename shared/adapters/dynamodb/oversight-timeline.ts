/**
 * The timeline of an oversight aggregate: its `STEP#<n>` items, and the STATE and timers items
 * (`STATE#TIMERS`) whose firings give the steps not yet written as items — read in one Query of
 * the range `STATE` … `STEP#…` (every page), so firings need not write steps.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { oversightStateSk } from './oversight-items.ts';
import { oversightTimersSk } from './oversight-timer-items.ts';

type Item = Record<string, unknown>;

export interface TimelineItems {
  readonly state?: Item;
  readonly timers?: Item;
  /** `STEP#` items in sequence order. */
  readonly steps: readonly Item[];
}

/** Consistent reads of everything under `pk` from `STATE` to the last `STEP#` (no lookup or notice item lies in that range). */
export async function readOversightTimelineItems(client: DynamoDBDocumentClient, tableName: string, pk: string): Promise<TimelineItems> {
  const steps: Item[] = [];
  let state: Item | undefined;
  let timers: Item | undefined;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        // `$` sorts after `#`: every STEP#<n>.
        ExpressionAttributeValues: { ':pk': pk, ':from': oversightStateSk, ':to': 'STEP$' },
        ExclusiveStartKey: cursor,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item['sk'] === oversightStateSk) state = item;
      else if (item['sk'] === oversightTimersSk) timers = item;
      else steps.push(item);
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return { ...(state ? { state } : {}), ...(timers ? { timers } : {}), steps };
}
