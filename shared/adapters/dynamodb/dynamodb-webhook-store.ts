/**
 * Webhook subscriptions, their secrets and their delivery logs in the `reference` table (access
 * patterns in `shared/tables.ts`):
 * - a subscription: `pk WEBHOOKS#<owner>` (`department:<id>` or `jurisdiction:<id>`), `sk SUBSCRIPTION#<id>`;
 *   an owner's are one query, and an id names its owner, so one is a GetItem;
 * - its secret apart: `pk WEBHOOKSECRET#<id>`, `sk SECRET`, so IAM lets the console API write it and only the
 *   delivery function read it (the table is encrypted with the deployment's key);
 * - its delivery log: `pk WEBHOOKDELIVERIES#<id>`, `sk <instant>#<event id>#<attempt>`, newest first by a reverse query.
 * People's changes are updates on the version read; the deliveries' marks (`failingSince`,
 * `lastDeliveredAt`) are separate attributes that people's changes leave alone.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { CursorNotRecognised } from '../../application/store-refusals.ts';
import {
  WebhookSubscriptionVersionChanged,
  type WebhookDeliveryLog,
  type WebhookDeliveryState,
  type WebhookSubscriptionStore,
} from '../../application/webhooks/webhook-ports.ts';
import {
  ownerKey,
  ownerOfSubscriptionId,
  type DeliveryLogEntry,
  type WebhookOwner,
  type WebhookSubscription,
} from '../../domain/webhooks/webhook-subscription.ts';
import { readInBatches, writeInBatches } from './batch-requests.ts';
import { queryEveryPage } from './query-every-page.ts';

export const webhooksPk = (owner: WebhookOwner): string => `WEBHOOKS#${ownerKey(owner)}`;
const subscriptionSk = (id: string): string => `SUBSCRIPTION#${id}`;
export const webhookSecretPk = (id: string): string => `WEBHOOKSECRET#${id}`;
export const webhookDeliveriesPk = (id: string): string => `WEBHOOKDELIVERIES#${id}`;

const keyOf = (id: string): { pk: string; sk: string } | undefined => {
  const owner = ownerOfSubscriptionId(id);
  return owner === undefined ? undefined : { pk: webhooksPk(owner), sk: subscriptionSk(id) };
};

const subscriptionOf = (item: Record<string, unknown>): WebhookSubscription => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as WebhookSubscription;
};

const changed = (): WebhookSubscriptionVersionChanged =>
  new WebhookSubscriptionVersionChanged(
    { zh: '推送订阅在您读取后已被修改', en: 'The subscription changed since you read it' },
    { zh: '请重新读取，如仍需要再重复该步骤。', en: 'Read it again and repeat the step if it still applies.' },
  );

/** Whether a transaction failed on a condition (the version read is not the stored one). */
const conditionFailed = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed'));

export class DynamoDbWebhookStore implements WebhookSubscriptionStore, WebhookDeliveryState, WebhookDeliveryLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(owner: WebhookOwner): Promise<readonly WebhookSubscription[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :subscription)',
      ExpressionAttributeValues: { ':pk': webhooksPk(owner), ':subscription': 'SUBSCRIPTION#' },
      ConsistentRead: true,
    });
    return items.map(subscriptionOf).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async getMany(ids: readonly string[]): Promise<ReadonlyMap<string, WebhookSubscription>> {
    const keys = [...new Set(ids)].flatMap((id) => keyOf(id) ?? []);
    const items = await readInBatches(this.client, this.tableName, keys, true);
    return new Map(items.map(subscriptionOf).map((subscription) => [subscription.id, subscription]));
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    const key = keyOf(id);
    if (key === undefined) return undefined;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item ? subscriptionOf(Item) : undefined;
  }

  async create(subscription: WebhookSubscription, secret: string): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...subscription, pk: webhooksPk(subscription.owner), sk: subscriptionSk(subscription.id) },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: this.tableName, Item: { pk: webhookSecretPk(subscription.id), sk: 'SECRET', secret } } },
        ],
      }),
    );
  }

  async change(
    subscription: WebhookSubscription,
    expectedVersion: number,
    options: { readonly secret?: string; readonly forgetFailures?: boolean } = {},
  ): Promise<void> {
    const set = ['#url = :url', 'eventTypes = :eventTypes', 'description = :description', '#status = :status', 'version = :version', 'updatedAt = :updatedAt'];
    const remove: string[] = [];
    const values: Record<string, unknown> = {
      ':url': subscription.url,
      ':eventTypes': subscription.eventTypes,
      ':description': subscription.description,
      ':status': subscription.status,
      ':version': subscription.version,
      ':updatedAt': subscription.updatedAt,
      ':expected': expectedVersion,
      ':secretIssuedAt': subscription.secretIssuedAt,
    };
    set.push('secretIssuedAt = :secretIssuedAt');
    if (subscription.minimumLevel === undefined) remove.push('minimumLevel');
    else {
      set.push('minimumLevel = :minimumLevel');
      values[':minimumLevel'] = subscription.minimumLevel;
    }
    // An SMS subscription's masked numbers change with a rotation (the numbers themselves are sealed).
    if (subscription.phoneNumbers !== undefined) {
      set.push('phoneNumbers = :phoneNumbers');
      values[':phoneNumbers'] = subscription.phoneNumbers;
    }
    if (subscription.disabled === undefined) remove.push('disabled');
    else {
      set.push('disabled = :disabled');
      values[':disabled'] = subscription.disabled;
    }
    if (options.forgetFailures) remove.push('failingSince');
    const update = {
      TableName: this.tableName,
      Key: keyOf(subscription.id)!,
      UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: 'version = :expected',
      ExpressionAttributeNames: { '#url': 'url', '#status': 'status' },
      ExpressionAttributeValues: values,
    };
    try {
      if (options.secret === undefined) {
        await this.client.send(new UpdateCommand(update));
      } else {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: update },
              { Put: { TableName: this.tableName, Item: { pk: webhookSecretPk(subscription.id), sk: 'SECRET', secret: options.secret } } },
            ],
          }),
        );
      }
    } catch (error) {
      if (conditionFailed(error)) throw changed();
      throw error;
    }
  }

  async remove(subscription: WebhookSubscription, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: keyOf(subscription.id)!,
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            { Delete: { TableName: this.tableName, Key: { pk: webhookSecretPk(subscription.id), sk: 'SECRET' } } },
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw changed();
      throw error;
    }
  }

  async secretOf(id: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: webhookSecretPk(id), sk: 'SECRET' }, ConsistentRead: true }),
    );
    return typeof Item?.['secret'] === 'string' ? Item['secret'] : undefined;
  }

  async markDelivered(id: string, at: string): Promise<void> {
    const key = keyOf(id);
    if (key === undefined) return;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET lastDeliveredAt = :at REMOVE failingSince',
          // A subscription removed meanwhile stays removed.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async markFailing(id: string, at: string): Promise<string> {
    const key = keyOf(id);
    if (key === undefined) return at;
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET failingSince = if_not_exists(failingSince, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return typeof Attributes?.['failingSince'] === 'string' ? Attributes['failingSince'] : at;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return at;
      throw error;
    }
  }

  async disable(id: string, at: string, failingSince: string): Promise<boolean> {
    const key = keyOf(id);
    if (key === undefined) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #status = :disabled, disabled = :why, version = version + :one, updatedAt = :at',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':disabled': 'disabled', ':active': 'active', ':why': { at, by: 'system', failingSince }, ':one': 1, ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markOwnerTold(id: string, at: string): Promise<void> {
    const key = keyOf(id);
    if (key === undefined) return;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET disabled.toldAt = :at',
          // Enabled again meanwhile: nothing to note.
          ConditionExpression: '#status = :disabled AND attribute_exists(disabled)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': at, ':disabled': 'disabled' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async append(entries: readonly DeliveryLogEntry[]): Promise<void> {
    await writeInBatches(
      this.client,
      this.tableName,
      entries.map((entry) => ({
        PutRequest: { Item: { ...entry, pk: webhookDeliveriesPk(entry.subscriptionId), sk: `${entry.at}#${entry.eventId}#${entry.attempt}` } },
      })),
    );
  }

  async page(subscriptionId: string, limit: number, cursor?: string): Promise<{ readonly items: readonly DeliveryLogEntry[]; readonly cursor?: string }> {
    const pk = webhookDeliveriesPk(subscriptionId);
    let start: Record<string, string> | undefined;
    if (cursor !== undefined) {
      start = decodeIndexCursor(cursor, ['pk', 'sk'], 'pk', pk);
      if (start === undefined) throw new CursorNotRecognised({ zh: '不是本列表的分页游标', en: 'not a cursor of this listing' });
    }
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    const items = Items.map((item) => {
      const { pk: _pk, sk: _sk, ...rest } = item;
      return rest as unknown as DeliveryLogEntry;
    });
    return { items, ...(LastEvaluatedKey === undefined ? {} : { cursor: encodeIndexCursor(LastEvaluatedKey) }) };
  }
}
