/**
 * Rectification suggestions in the `reference` table (access patterns in `shared/tables.ts`): one
 * item per suggestion, `pk RECTIFICATION#<department>`, `sk PERIOD#<period>`, written whole by
 * conditional puts on its version (a new one only where none is). Each item is in the city
 * directory index under `RECTIFICATIONS` (sort key `<jurisdiction>#<department>#<period>`), so a
 * jurisdiction's or the city's suggestions are one query, like the directory's departments.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import {
  RectificationAlreadyDrafted,
  RectificationVersionChanged,
  type RectificationPage,
  type RectificationPageQuery,
  type RectificationStore,
} from '../../application/rectification/rectification-store.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { CursorNotRecognised } from '../../application/store-refusals.ts';
import type { RectificationSuggestion } from '../../domain/rectification/rectification-suggestion.ts';
import { cityDirectoryIndex } from './dynamodb-city-structure-repository.ts';

export const rectificationPk = (department: string): string => `RECTIFICATION#${department}`;
const rectificationSk = (period: string): string => `PERIOD#${period}`;
/** The city directory's partition of the suggestions. */
export const rectificationsDirectory = 'RECTIFICATIONS';

const keyAttributes = ['pk', 'sk', 'directory', 'directoryOrder'];

const itemOf = (suggestion: RectificationSuggestion): Record<string, unknown> => ({
  ...suggestion,
  pk: rectificationPk(suggestion.department),
  sk: rectificationSk(suggestion.period),
  directory: rectificationsDirectory,
  directoryOrder: `${suggestion.jurisdiction}#${suggestion.department}#${suggestion.period}`,
});

function suggestionOf(item: Record<string, unknown>): RectificationSuggestion {
  const copy = { ...item };
  for (const name of keyAttributes) delete copy[name];
  return copy as unknown as RectificationSuggestion;
}

export class DynamoDbRectificationStore implements RectificationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(department: string, period: string): Promise<RectificationSuggestion | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: rectificationPk(department), sk: rectificationSk(period) }, ConsistentRead: true }),
    );
    return Item ? suggestionOf(Item) : undefined;
  }

  async create(suggestion: RectificationSuggestion): Promise<void> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: itemOf(suggestion), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new RectificationAlreadyDrafted(
          { zh: '该部门该期间已有整改建议', en: 'The department has a suggestion for the period already' },
          {
            zh: `${suggestion.department} ${suggestion.period} 的整改建议已经起草；请读取后修改它。`,
            en: `The suggestion of ${suggestion.department} for ${suggestion.period} was drafted already: read it and edit it.`,
          },
          [{ pointer: '/path/suggestion', detail: { zh: '该期间已有整改建议', en: 'the period has a suggestion already' } }],
        );
      }
      throw error;
    }
  }

  async save(suggestion: RectificationSuggestion, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: itemOf(suggestion),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new RectificationVersionChanged(
          { zh: '整改建议在您读取后已被修改', en: 'The suggestion changed since you read it' },
          { zh: '请重新读取，如仍需要再重复该操作。', en: 'Read it again and repeat the step if it still applies.' },
        );
      }
      throw error;
    }
  }

  async page(query: RectificationPageQuery): Promise<RectificationPage> {
    const { scope } = query;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    let input: { IndexName?: string; KeyConditionExpression: string; partitionAttribute: string; partition: string; attributes: string[] };
    if (scope.by === 'department') {
      values[':pk'] = rectificationPk(scope.department);
      input = { KeyConditionExpression: 'pk = :pk', partitionAttribute: 'pk', partition: rectificationPk(scope.department), attributes: ['pk', 'sk'] };
    } else {
      values[':directory'] = rectificationsDirectory;
      const byJurisdiction = scope.by === 'jurisdiction';
      if (byJurisdiction) values[':prefix'] = `${scope.jurisdiction}#`;
      input = {
        IndexName: cityDirectoryIndex,
        KeyConditionExpression: byJurisdiction ? 'directory = :directory AND begins_with(directoryOrder, :prefix)' : 'directory = :directory',
        partitionAttribute: 'directory',
        partition: rectificationsDirectory,
        attributes: keyAttributes,
      };
    }
    let cursor: Record<string, string> | undefined;
    if (query.cursor !== undefined) {
      cursor = decodeIndexCursor(query.cursor, input.attributes, input.partitionAttribute, input.partition);
      // A jurisdiction's cursor stays within the jurisdiction.
      const outside = cursor !== undefined && scope.by === 'jurisdiction' && !String(cursor['directoryOrder']).startsWith(`${scope.jurisdiction}#`);
      if (!cursor || outside) throw new CursorNotRecognised({ zh: '不是本列表的分页游标', en: 'not a cursor of this listing' });
    }
    const filters: string[] = [];
    if (query.statuses) {
      names['#status'] = 'status';
      query.statuses.forEach((status, i) => (values[`:s${i}`] = status));
      filters.push(`#status IN (${query.statuses.map((_status, i) => `:s${i}`).join(', ')})`);
    }
    const items: RectificationSuggestion[] = [];
    // With a status filter a DynamoDB page can come back short; read on a bounded number of times.
    for (let reads = 0; reads < 5 && items.length < query.limit; reads += 1) {
      const page: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...(input.IndexName ? { IndexName: input.IndexName } : {}),
          KeyConditionExpression: input.KeyConditionExpression,
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: query.limit - items.length,
          ExclusiveStartKey: cursor,
        }),
      );
      items.push(...(page.Items ?? []).map(suggestionOf));
      cursor = page.LastEvaluatedKey as Record<string, string> | undefined;
      if (!cursor) break;
    }
    return cursor ? { items, nextCursor: encodeIndexCursor(cursor) } : { items };
  }
}
