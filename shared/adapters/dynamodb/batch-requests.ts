/**
 * Writes and reads of many items in DynamoDB's batch requests (25 writes, 100 reads a request),
 * sending again what DynamoDB leaves unprocessed, after a short growing wait, a bounded number of
 * times: then the caller's operation fails (and is retried by its caller) rather than losing an item.
 */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetLimit, batchWriteLimit } from './request-limits.ts';

/** How many times unprocessed items are sent again before the operation fails. */
const unprocessedRounds = 8;

type WriteRequest = { readonly PutRequest: { readonly Item: Record<string, unknown> } } | { readonly DeleteRequest: { readonly Key: Record<string, unknown> } };

const pause = (round: number) => new Promise((resolve) => setTimeout(resolve, 20 * 2 ** round));

/** Puts or deletes every request's item, 25 a request. */
export async function writeInBatches(client: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += batchWriteLimit) {
    let pending = requests.slice(start, start + batchWriteLimit);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round === unprocessedRounds) throw new Error(`DynamoDB left ${pending.length} writes unprocessed ${unprocessedRounds} times`);
      if (round > 0) await pause(round);
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as WriteRequest[] } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}

/** The items of `keys` that exist, 100 keys a request; `consistent` for strongly consistent reads. */
export async function readInBatches(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  consistent: boolean,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += batchGetLimit) {
    let pending = keys.slice(start, start + batchGetLimit);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round === unprocessedRounds) throw new Error(`DynamoDB left ${pending.length} keys unprocessed ${unprocessedRounds} times`);
      if (round > 0) await pause(round);
      const reply = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending as Record<string, unknown>[], ConsistentRead: consistent } } }),
      );
      found.push(...(reply.Responses?.[tableName] ?? []));
      pending = (reply.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}
