import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedState } from '../../domain/alerts/feed-hold.ts';
import { lagClasses, noLag, type BatchHealth, type DailyHealth } from '../../domain/connection-health/batch-health.ts';
import type { FeedFacts } from '../../domain/connection-health/connection-findings.ts';
import type { LocalDate } from '../../domain/calendar/local-date.ts';
import type { FeedStatus } from '../../application/ports.ts';
import type { FeedHealthReader, FeedHealthRecorder, FeedWatch } from '../../application/connection-health/connection-health-store.ts';
import { ContainerCache } from '../container-cache.ts';
import { queryEveryPage } from './query-every-page.ts';

const feedPk = (department: string) => `FEED#${department}`;
const feedKey = (department: string) => ({ pk: feedPk(department), sk: 'STATUS' });
const dayKey = (department: string, day: LocalDate) => ({ pk: feedPk(department), sk: `DAY#${day}` });

const strings = (value: unknown): string[] => (value instanceof Set ? [...value].map(String) : Array.isArray(value) ? value.map(String) : []);

/**
 * A department's feed: when it last pushed accepted records and which kinds ever produced one
 * (`STATUS`, written once per batch with accepted records; read, cached per container for a
 * minute, when a case is evaluated), and its health counters per Shanghai day (`DAY#<date>`,
 * one update per batch, counters added so concurrent batches add up exactly). Unknown means not
 * known to be stale. The day's counters are an item of their own rather than part of `STATUS`'s
 * update: that update is conditional on a later time, and a refused condition would drop the
 * batch's counts; and a day per item keeps `STATUS` small however long the department pushes.
 */
export class DynamoDbFeedStatus implements FeedStatus, FeedHealthRecorder, FeedHealthReader, FeedWatch {
  private readonly cache: ContainerCache<string | undefined>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly staleAfterMs: number,
    now?: () => number,
  ) {
    this.cache = new ContainerCache({ ttlMs: 60_000, ...(now ? { now } : {}) });
  }

  async touch(department: string, receivedAt: string, kinds: readonly string[] = []): Promise<void> {
    const addKinds = kinds.length > 0 ? ' ADD kindsReceived :kinds' : '';
    const values = kinds.length > 0 ? { ':kinds': new Set(kinds) } : {};
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: feedKey(department),
          UpdateExpression: `SET lastReceivedAt = :at${addKinds}`,
          ConditionExpression: 'attribute_not_exists(lastReceivedAt) OR lastReceivedAt < :at',
          ExpressionAttributeValues: { ':at': receivedAt, ...values },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A later push already recorded a later time; the kinds are still added (a set: adding twice changes nothing).
      if (kinds.length > 0) {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: feedKey(department),
            UpdateExpression: 'ADD kindsReceived :kinds',
            ExpressionAttributeValues: values,
          }),
        );
      }
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

  async count(batch: BatchHealth): Promise<void> {
    const added: [string, number][] = [
      ['accepted', batch.accepted],
      ['duplicates', batch.duplicates],
      ...Object.entries(batch.refused).map(([reason, n]): [string, number] => [`refused_${reason}`, n]),
      ...Object.entries(batch.lag).map(([lagClass, n]): [string, number] => [`lag_${lagClass}`, n ?? 0]),
    ];
    const names = Object.fromEntries(added.map(([name], index) => [`#c${index}`, name]));
    const values = Object.fromEntries(added.map(([, n], index) => [`:c${index}`, n]));
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: dayKey(batch.department, batch.day),
        UpdateExpression: `SET lastBatchAt = :at ADD ${added.map((_entry, index) => `#c${index} :c${index}`).join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ':at': batch.receivedAt },
      }),
    );
  }

  async facts(department: string): Promise<FeedFacts> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: feedKey(department), ConsistentRead: true }));
    return {
      ...(typeof Item?.['lastReceivedAt'] === 'string' ? { lastReceivedAt: Item['lastReceivedAt'] } : {}),
      kindsReceived: strings(Item?.['kindsReceived']).sort(),
      ...(typeof Item?.['watchedSince'] === 'string' ? { watchedSince: Item['watchedSince'] } : {}),
    };
  }

  async days(department: string, from: LocalDate, to: LocalDate): Promise<DailyHealth[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': feedPk(department), ':from': `DAY#${from}`, ':to': `DAY#${to}` },
    });
    return items.map(dailyHealthOf);
  }

  async watchSince(department: string, at: string): Promise<string> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: feedKey(department),
        UpdateExpression: 'SET watchedSince = if_not_exists(watchedSince, :at)',
        ExpressionAttributeValues: { ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return String(Attributes?.['watchedSince'] ?? at);
  }
}

/** A day's figures from its stored counters (absent counters are 0). */
function dailyHealthOf(item: Record<string, unknown>): DailyHealth {
  const n = (name: string): number => (typeof item[name] === 'number' ? (item[name] as number) : 0);
  const refused = Object.fromEntries(
    Object.keys(item)
      .filter((name) => name.startsWith('refused_') && n(name) > 0)
      .sort()
      .map((name) => [name.slice('refused_'.length), n(name)]),
  );
  const lag = noLag();
  for (const lagClass of lagClasses) lag[lagClass] = n(`lag_${lagClass}`);
  const lastBatchAt = item['lastBatchAt'];
  return {
    day: String(item['sk']).slice('DAY#'.length),
    accepted: n('accepted'),
    duplicates: n('duplicates'),
    refused,
    lag,
    ...(typeof lastBatchAt === 'string' ? { lastBatchAt } : {}),
  };
}
