/** Due oversight timers from the sparse `oversightDue` index (see `shared/tables.ts`). */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sweepShardCount } from '../../tables.ts';
import type { DueOversightItem, OversightTimerIndex } from '../../application/sweep-oversight-timers.ts';
import { oversightRefOf } from './oversight-items.ts';

export class DynamoDbOversightTimers implements OversightTimerIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Items whose earliest pending timer is due at or before `asOf`, oldest first within each shard, each with its due time. */
  async due(asOf: string, limit: number): Promise<DueOversightItem[]> {
    const refs: DueOversightItem[] = [];
    for (let shard = 0; shard < sweepShardCount && refs.length < limit; shard += 1) {
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'oversightDue',
            KeyConditionExpression: 'sweepShard = :shard AND dueAt <= :asOf',
            ExpressionAttributeValues: { ':shard': String(shard), ':asOf': asOf },
            Limit: Math.min(1000, limit - refs.length),
            ExclusiveStartKey: cursor,
          }),
        );
        for (const item of page.Items ?? []) {
          const ref = oversightRefOf(String(item['pk']));
          // The index's sort key is projected with the keys: the time the item fell due.
          if (ref) refs.push({ ...ref, dueAt: String(item['dueAt']) });
        }
        cursor = page.LastEvaluatedKey;
      } while (cursor && refs.length < limit);
    }
    return refs;
  }
}
