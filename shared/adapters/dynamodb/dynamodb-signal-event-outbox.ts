import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SignalEventOutbox, SignalEvent } from '../../application/ports.ts';
import { outboxPk, outboxSk } from './outbox-items.ts';
import { writeInBatches } from './batch-requests.ts';

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
    await writeInBatches(
      this.client,
      this.tableName,
      events.map((event) => ({ DeleteRequest: { Key: { pk: outboxPk, sk: outboxSk(event) } } })),
    );
  }
}
