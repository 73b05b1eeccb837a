/**
 * The act records sealed in an hour, read back for verification: a keys-only query of each of the
 * hour's partitions of the `sealedRecordsByHour` index, then the items themselves (BatchGetItem,
 * 100 keys a call, unprocessed keys asked for again). Reads only what the hour holds.
 */
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SealedRecords, StoredItem } from '../../application/record-seals/verify-record-seals.ts';
import { sealHourPartitions } from './case-items.ts';
import { batchGetLimit } from './request-limits.ts';

/** Rounds of asking again for keys DynamoDB left unprocessed before the read fails. */
const unprocessedRounds = 8;

export class DynamoDbSealedRecords implements SealedRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *sealedIn(hour: string): AsyncIterable<readonly StoredItem[]> {
    for (const partition of sealHourPartitions(hour)) {
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'sealedRecordsByHour',
            KeyConditionExpression: 'sealHour = :hour',
            ExpressionAttributeValues: { ':hour': partition },
            Limit: batchGetLimit,
            ExclusiveStartKey: cursor,
          }),
        );
        const keys = (page.Items ?? []).map((item) => ({ pk: item['pk'], sk: item['sk'] }));
        if (keys.length > 0) yield await this.items(keys);
        cursor = page.LastEvaluatedKey;
      } while (cursor);
    }
  }

  /** The items of up to 100 keys (an item deleted since the index listed it is simply absent). */
  private async items(keys: readonly Record<string, unknown>[]): Promise<StoredItem[]> {
    const found: StoredItem[] = [];
    let pending: Record<string, unknown>[] = [...keys];
    for (let round = 0; pending.length > 0; round += 1) {
      if (round === unprocessedRounds) throw new Error(`DynamoDB left ${pending.length} keys unprocessed ${unprocessedRounds} times`);
      const reply = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }));
      found.push(...(reply.Responses?.[this.tableName] ?? []));
      pending = (reply.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
    }
    return found;
  }
}
