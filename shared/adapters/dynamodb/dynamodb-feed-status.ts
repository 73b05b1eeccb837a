import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedState } from '../../domain/alerts/feed-hold.ts';
import type { FeedStatus } from '../../application/ports.ts';
import { ContainerCache } from '../container-cache.ts';

const feedKey = (department: string) => ({ pk: `FEED#${department}`, sk: 'STATUS' });

/**
 * When each department last pushed records: written once per accepted batch, read (cached per
 * container for a minute) when a case is evaluated. Unknown means not known to be stale.
 */
export class DynamoDbFeedStatus implements FeedStatus {
  private readonly cache: ContainerCache<string | undefined>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly staleAfterMs: number,
    now?: () => number,
  ) {
    this.cache = new ContainerCache({ ttlMs: 60_000, ...(now ? { now } : {}) });
  }

  async touch(department: string, receivedAt: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: feedKey(department),
          UpdateExpression: 'SET lastReceivedAt = :at',
          ConditionExpression: 'attribute_not_exists(lastReceivedAt) OR lastReceivedAt < :at',
          ExpressionAttributeValues: { ':at': receivedAt },
        }),
      );
    } catch (error) {
      // A later push already recorded a later time: nothing to do.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async state(department: string, at: Date): Promise<FeedState> {
    const lastReceivedAt = await this.cache.get(department, async () => {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: feedKey(department) }));
      return typeof Item?.['lastReceivedAt'] === 'string' ? Item['lastReceivedAt'] : undefined;
    });
    if (lastReceivedAt === undefined) return { stale: false };
    return { stale: at.getTime() - Date.parse(lastReceivedAt) > this.staleAfterMs, lastReceivedAt };
  }
}
