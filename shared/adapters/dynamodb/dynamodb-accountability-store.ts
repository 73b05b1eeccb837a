/**
 * Accountability measures in the `reference` table (access patterns in `shared/tables.ts`): one
 * item per measure, `pk ACCOUNTABILITY#<number>`, `sk MEASURE`, written whole by conditional puts
 * (a new number only where none is; a step on its version). Each item is in the city directory
 * index under `ACCOUNTABILITY` (sort key `<jurisdiction>#<department>#<number>`), so a department's,
 * a jurisdiction's or the city's measures are one query, newest number first. A measure's events
 * (issued, a step recorded) go to the cases table's outbox in the same transaction as the measure,
 * so none is lost: the writer publishes them, the deadline sweep relays what is left.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import {
  MeasureNumberTaken,
  MeasureVersionChanged,
  type AccountabilityStore,
  type MeasurePage,
  type MeasurePageQuery,
} from '../../application/accountability/accountability-store.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { CursorNotRecognised } from '../../application/store-refusals.ts';
import type { AccountabilityMeasure } from '../../domain/accountability/accountability-measure.ts';
import { cityDirectoryIndex } from './dynamodb-city-structure-repository.ts';
import type { AccountabilityMeasureEvent } from '../../domain/accountability/accountability-measure-events.ts';
import { outboxItem } from './outbox-items.ts';

export const measurePk = (measureNumber: string): string => `ACCOUNTABILITY#${measureNumber}`;
const measureSk = 'MEASURE';
/** The city directory's partition of the measures. */
export const measuresDirectory = 'ACCOUNTABILITY';

const keyAttributes = ['pk', 'sk', 'directory', 'directoryOrder'];

const itemOf = (measure: AccountabilityMeasure): Record<string, unknown> => ({
  ...measure,
  pk: measurePk(measure.measureNumber),
  sk: measureSk,
  directory: measuresDirectory,
  directoryOrder: `${measure.jurisdiction}#${measure.department}#${measure.measureNumber}`,
  // Filters of a listing read these top-level attributes.
  measureType: measure.order.type,
  ...(measure.order.type === 'correctionOrder' ? { correctionDeadline: measure.order.deadline } : {}),
});

function measureOf(item: Record<string, unknown>): AccountabilityMeasure {
  const copy = { ...item };
  for (const name of [...keyAttributes, 'measureType', 'correctionDeadline']) delete copy[name];
  return copy as unknown as AccountabilityMeasure;
}

export class DynamoDbAccountabilityStore implements AccountabilityStore {
  /** `outboxTable`: the table whose outbox the measures' events are written to (the cases table's, which the sweep relays); needed to store events. */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly outboxTable?: string,
  ) {}

  /** One put under its condition, with the events to the outbox in the same transaction when there are any. */
  private async put(
    item: Record<string, unknown>,
    condition: Record<string, unknown>,
    events: readonly AccountabilityMeasureEvent[],
  ): Promise<'written' | 'conditionFailed'> {
    try {
      if (events.length === 0) {
        await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
        return 'written';
      }
      if (this.outboxTable === undefined) throw new Error('accountability measure events need the outbox table');
      const outboxTable = this.outboxTable;
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ...condition } },
            ...events.map((event) => ({ Put: { TableName: outboxTable, Item: outboxItem(event) } })),
          ],
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conditionFailed';
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'conditionFailed';
      throw error;
    }
  }

  async get(measureNumber: string): Promise<AccountabilityMeasure | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: measurePk(measureNumber), sk: measureSk }, ConsistentRead: true }),
    );
    return Item ? measureOf(Item) : undefined;
  }

  async create(measure: AccountabilityMeasure, events: readonly AccountabilityMeasureEvent[] = []): Promise<void> {
    if ((await this.put(itemOf(measure), { ConditionExpression: 'attribute_not_exists(pk)' }, events)) === 'conditionFailed') {
      throw new MeasureNumberTaken(measure.measureNumber);
    }
  }

  async save(measure: AccountabilityMeasure, expectedVersion: number, events: readonly AccountabilityMeasureEvent[] = []): Promise<void> {
    const condition = { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    if ((await this.put(itemOf(measure), condition, events)) === 'conditionFailed') {
      throw new MeasureVersionChanged(
        { zh: '问责措施在您读取后已被修改', en: 'The measure changed since you read it' },
        { zh: '请重新读取，如仍需要再重复该步骤。', en: 'Read it again and repeat the step if it still applies.' },
      );
    }
  }

  async page(query: MeasurePageQuery): Promise<MeasurePage> {
    const { scope } = query;
    const prefix =
      scope.by === 'department' ? `${scope.jurisdiction}#${scope.department}#` : scope.by === 'jurisdiction' ? `${scope.jurisdiction}#` : undefined;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':directory': measuresDirectory };
    if (prefix !== undefined) values[':prefix'] = prefix;
    let cursor: Record<string, string> | undefined;
    if (query.cursor !== undefined) {
      cursor = decodeIndexCursor(query.cursor, keyAttributes, 'directory', measuresDirectory);
      // A department's or a jurisdiction's cursor stays within it.
      if (!cursor || (prefix !== undefined && !String(cursor['directoryOrder']).startsWith(prefix))) {
        throw new CursorNotRecognised({ zh: '不是本列表的分页游标', en: 'not a cursor of this listing' });
      }
    }
    const filters: string[] = [];
    if (query.status) {
      names['#status'] = 'status';
      values[':status'] = query.status;
      filters.push('#status = :status');
    }
    if (query.type) {
      values[':type'] = query.type;
      filters.push('measureType = :type');
    }
    if (query.overdueOn !== undefined) {
      // Past the deadline (a date before the day asked about) with no correction in hand.
      names['#status'] = 'status';
      Object.assign(values, { ':awaited': 'issued', ':rejected': 'correctionRejected', ':today': query.overdueOn });
      filters.push('#status IN (:awaited, :rejected) AND correctionDeadline < :today');
    }
    const items: AccountabilityMeasure[] = [];
    // With a filter a DynamoDB page can come back short; read on a bounded number of times.
    for (let reads = 0; reads < 5 && items.length < query.limit; reads += 1) {
      const page: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: cityDirectoryIndex,
          KeyConditionExpression: prefix === undefined ? 'directory = :directory' : 'directory = :directory AND begins_with(directoryOrder, :prefix)',
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: query.limit - items.length,
          ExclusiveStartKey: cursor,
        }),
      );
      items.push(...(page.Items ?? []).map(measureOf));
      cursor = page.LastEvaluatedKey as Record<string, string> | undefined;
      if (!cursor) break;
    }
    return cursor ? { items, nextCursor: encodeIndexCursor(cursor) } : { items };
  }

  async ordersPastDeadline(before: string, correctedSince: string): Promise<AccountabilityMeasure[]> {
    const orders: AccountabilityMeasure[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: cityDirectoryIndex,
          KeyConditionExpression: 'directory = :directory',
          FilterExpression: 'measureType = :order AND correctionDeadline < :before AND (#status <> :corrected OR updatedAt >= :since)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':directory': measuresDirectory,
            ':order': 'correctionOrder',
            ':before': before,
            ':corrected': 'corrected',
            ':since': correctedSince,
          },
          ExclusiveStartKey: cursor,
        }),
      );
      orders.push(...(page.Items ?? []).map(measureOf));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return orders;
  }
}
