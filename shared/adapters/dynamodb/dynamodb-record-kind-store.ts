import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RecordKindVersionChanged } from '../../application/store-refusals.ts';
import type { RecordKindStore, StoredKindDefinition } from '../../application/ports.ts';

const partition = 'KIND';

/** Record kinds defined by configuration, in the `reference` table (`pk=KIND, sk=KIND#<kind>`). */
export class DynamoDbRecordKindStore implements RecordKindStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<readonly StoredKindDefinition[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ExclusiveStartKey: cursor,
        }),
      );
      items.push(...(page.Items ?? []));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return items.map((item) => ({
      definition: item['definition'],
      version: Number(item['version']),
      updatedAt: String(item['updatedAt']),
      updatedBy: String(item['updatedBy']),
    }));
  }

  async put(kind: string, stored: StoredKindDefinition): Promise<void> {
    const first = stored.version === 1;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: partition, sk: `KIND#${kind}`, ...stored },
          ConditionExpression: first ? 'attribute_not_exists(pk)' : '#version = :previous',
          ...(first ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':previous': stored.version - 1 } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new RecordKindVersionChanged(
          { zh: '记录种类已被他人修改', en: 'The kind was changed meanwhile' },
          {
            zh: `第 ${stored.version} 版须紧接已存储的版本；请重新读取记录种类。`,
            en: `Version ${stored.version} must follow the stored one; read the kinds again.`,
          },
        );
      throw error;
    }
  }
}
