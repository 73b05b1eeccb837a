import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { YearArrangement } from '../../domain/calendar/calendar-overlay.ts';
import { CalendarVersionChanged } from '../../application/store-refusals.ts';
import type { CalendarStore, StoredYearArrangement, YearArrangementChange } from '../../application/calendar-store.ts';

/** Partition of the reference table holding the loaded years. */
export const calendarPk = 'CALENDAR';
/** Sort key of a year: `YEAR#2027` (four digits, so keys sort by year). */
export const calendarYearSk = (year: number): string => `YEAR#${String(year).padStart(4, '0')}`;

function arrangementFromItem(item: Record<string, unknown>): StoredYearArrangement {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  return {
    year: Number(item['year']),
    holidays: strings(item['holidays']),
    makeUpWorkingDays: strings(item['makeUpWorkingDays']),
    source: String(item['source']),
    version: Number(item['version']),
    updatedAt: String(item['updatedAt']),
    updatedBy: String(item['updatedBy']),
  };
}

/**
 * Loaded holiday arrangements in the reference table, one item a year. Replacing a year is
 * conditional on the version the supervisor read, so two supervisors cannot overwrite each other.
 */
export class DynamoDbCalendarStore implements CalendarStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<StoredYearArrangement[]> {
    const years: StoredYearArrangement[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
          ExpressionAttributeValues: { ':pk': calendarPk, ':year': 'YEAR#' },
          ExclusiveStartKey: cursor,
          ConsistentRead: true,
        }),
      );
      years.push(...(page.Items ?? []).map(arrangementFromItem));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return years;
  }

  async get(year: number): Promise<StoredYearArrangement | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: calendarPk, sk: calendarYearSk(year) }, ConsistentRead: true }),
    );
    return Item ? arrangementFromItem(Item) : undefined;
  }

  async put(arrangement: YearArrangement, change: YearArrangementChange): Promise<StoredYearArrangement> {
    const stored: StoredYearArrangement = {
      year: arrangement.year,
      holidays: [...arrangement.holidays],
      makeUpWorkingDays: [...arrangement.makeUpWorkingDays],
      source: arrangement.source,
      version: change.expectedVersion + 1,
      updatedAt: change.updatedAt,
      updatedBy: change.updatedBy,
    };
    const isNew = change.expectedVersion === 0;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: calendarPk, sk: calendarYearSk(arrangement.year), ...stored },
          ConditionExpression: isNew ? 'attribute_not_exists(pk)' : 'version = :expected',
          ExpressionAttributeValues: isNew ? undefined : { ':expected': change.expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new CalendarVersionChanged(
          { zh: `${arrangement.year} 年的节假日安排在您读取后已被修改`, en: `The arrangement for ${arrangement.year} changed since it was read` },
          isNew
            ? { zh: `${arrangement.year} 年的安排已载入；请读取后提交其版本。`, en: `${arrangement.year} is already loaded; read it and send its version.` }
            : { zh: '请重新读取并提交读到的版本。', en: 'Read it again and send the version you read.' },
        );
      }
      throw error;
    }
    return stored;
  }
}
