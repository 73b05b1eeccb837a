/**
 * The act records sealed in an hour, read back for verification: a keys-only query of each of the
 * hour's partitions of the `sealedRecordsByHour` index, then the items themselves (BatchGetItem,
 * 100 keys a call, unprocessed keys asked for again). Reads only what the hour holds.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SealedRecords, StoredItem } from '../../application/record-seals/verify-record-seals.ts';
import { readInBatches } from './batch-requests.ts';
import { sealHourPartitions } from './case-items.ts';
import { batchGetLimit } from './request-limits.ts';

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
    return (await readInBatches(this.client, this.tableName, keys, false)) as StoredItem[];
  }
}
