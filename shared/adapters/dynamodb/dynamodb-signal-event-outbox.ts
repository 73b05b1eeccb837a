import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SignalEventOutbox, SignalEvent } from '../../application/ports.ts';
import { outboxPk, outboxSk } from './outbox-items.ts';
import { batchWriteLimit } from './request-limits.ts';

/**
 * The outbox partition of a table, read oldest first: `cases` (alert events) or `oversight`
 * (complaint and supervision signal events); the layout is the same (`outbox-items.ts`).
 */
export class DynamoDbSignalEventOutbox implements SignalEventOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async pending(limit: number, before?: string): Promise<readonly SignalEvent[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: before === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: before === undefined ? { ':pk': outboxPk } : { ':pk': outboxPk, ':before': before },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (page.Items ?? []).map((item) => item['event'] as SignalEvent);
  }

  async remove(events: readonly SignalEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += batchWriteLimit) {
      let pending: Record<string, { DeleteRequest: { Key: Record<string, string> } }[]> = {
        [this.tableName]: events.slice(i, i + batchWriteLimit).map((event) => ({ DeleteRequest: { Key: { pk: outboxPk, sk: outboxSk(event) } } })),
      };
      for (let attempt = 0; Object.keys(pending).length > 0 && attempt < 8; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        const result = await this.client.send(new BatchWriteCommand({ RequestItems: pending }));
        pending = (result.UnprocessedItems ?? {}) as typeof pending;
      }
    }
  }
}
