/**
 * Every complaint and supervision case as last written whole, for the statistics verification
 * (`verify-oversight-statistics.ts`): a Scan of the oversight table's `STATE` items of one type,
 * page after page. The verification path only: it reads the whole table, so an operator runs it
 * at a quiet hour; nothing a request serves reads this way.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredOversightItems } from '../../application/statistics/verify-oversight-statistics.ts';
import type { Complaint } from '../../domain/complaints/complaint.ts';
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { oversightStateSk } from './oversight-items.ts';

export class DynamoDbStoredOversightItems implements StoredOversightItems {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  everyComplaint(): Promise<Complaint[]> {
    return this.every<Complaint>('complaint', 'complaint');
  }

  everySupervisionCase(): Promise<SupervisionCase[]> {
    return this.every<SupervisionCase>('supervisionCase', 'case');
  }

  /** The `attribute` of every `STATE` item of `type`. */
  private async every<T>(type: string, attribute: string): Promise<T[]> {
    const found: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :state AND #type = :type',
          ProjectionExpression: '#body',
          ExpressionAttributeNames: { '#type': 'type', '#body': attribute },
          ExpressionAttributeValues: { ':state': oversightStateSk, ':type': type },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) if (item[attribute] !== undefined) found.push(item[attribute] as T);
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return found;
  }
}
