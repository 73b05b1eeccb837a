import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalDate } from '../../domain/calendar/local-date.ts';
import type { RecordEntry } from '../../domain/reconciliation/record-digest.ts';
import type { ReconciliationDay } from '../../domain/reconciliation/reconciliation-findings.ts';
import type { HeldRecord, HeldRecords, ReconciliationStore } from '../../application/reconciliation/reconciliation-store.ts';
import { queryEveryPage } from './query-every-page.ts';
import { heldEntryOf, reconDayKey, recordsByDayIndex } from './reconciliation-items.ts';

const feedPk = (department: string) => `FEED#${department}`;
const daySk = (day: LocalDate) => `RECON#${day}`;
/** The item marking the first day a department reconciled. */
const sinceSk = 'RECON';
const shards = [...'0123456789abcdef'];

/**
 * The records held for a reconciliation, read from the `recordsByDay` index of the receipts (keys
 * only: a record's matter, identity and version are in the index's sort key), and the comparison
 * of each day, `FEED#<department>` / `RECON#<day>` (one item a day: the latest manifest's
 * comparison and the differences listed since).
 */
export class DynamoDbReconciliationStore implements HeldRecords, ReconciliationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ofDay(department: string, day: LocalDate): Promise<HeldRecord[]> {
    // The day's 16 index partitions, read at once.
    const pages = await Promise.all(
      shards.map((shard) =>
        queryEveryPage(this.client, {
          TableName: this.tableName,
          IndexName: recordsByDayIndex,
          KeyConditionExpression: 'reconDay = :day',
          ExpressionAttributeValues: { ':day': reconDayKey(department, day, shard) },
          ProjectionExpression: 'reconEntry',
        }),
      ),
    );
    return pages.flat().flatMap((item) => {
      const entry = typeof item['reconEntry'] === 'string' ? heldEntryOf(item['reconEntry']) : undefined;
      return entry === undefined ? [] : [entry];
    });
  }

  async ofBucket(department: string, day: LocalDate, matterCode: string, bucket: string): Promise<RecordEntry[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      IndexName: recordsByDayIndex,
      KeyConditionExpression: 'reconDay = :day AND begins_with(reconEntry, :prefix)',
      ExpressionAttributeValues: { ':day': reconDayKey(department, day, bucket), ':prefix': `${bucket}#${matterCode}#` },
      ProjectionExpression: 'reconEntry',
    });
    return items.flatMap((item) => {
      const entry = typeof item['reconEntry'] === 'string' ? heldEntryOf(item['reconEntry']) : undefined;
      return entry === undefined ? [] : [{ caseId: entry.caseId, sequence: entry.sequence, version: entry.version }];
    });
  }

  async day(department: string, day: LocalDate): Promise<ReconciliationDay | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: feedPk(department), sk: daySk(day) }, ConsistentRead: true }),
    );
    return Item === undefined ? undefined : (Item['comparison'] as ReconciliationDay);
  }

  async days(department: string, from: LocalDate, to: LocalDate): Promise<ReconciliationDay[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': feedPk(department), ':from': daySk(from), ':to': daySk(to) },
    });
    return items.map((item) => item['comparison'] as ReconciliationDay);
  }

  async since(department: string): Promise<LocalDate | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: feedPk(department), sk: sinceSk } }));
    return typeof Item?.['since'] === 'string' ? Item['since'] : undefined;
  }

  async save(day: ReconciliationDay, replacing?: string): Promise<'saved' | 'changedConcurrently'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: feedPk(day.department), sk: daySk(day.day), submittedAt: day.submittedAt, comparison: day },
          ...(replacing === undefined ? {} : { ConditionExpression: 'submittedAt = :replacing', ExpressionAttributeValues: { ':replacing': replacing } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'changedConcurrently';
      throw error;
    }
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: feedPk(day.department), sk: sinceSk, since: day.day },
          ConditionExpression: 'attribute_not_exists(pk) OR since > :day',
          ExpressionAttributeValues: { ':day': day.day },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return 'saved';
  }
}
