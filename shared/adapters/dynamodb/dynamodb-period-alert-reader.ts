/**
 * A department's alerts raised in an interval, from the index its alert list reads
 * (`alertsByDepartment`, sort key `<raisedAt>#…`): a key range, never a scan, earliest first.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { PeriodAlertReader } from '../../application/rectification/rectification-store.ts';
import type { Alert } from '../../domain/alerts/alert.ts';
import { alertFromItem } from './case-items.ts';

export class DynamoDbPeriodAlertReader implements PeriodAlertReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async alertsRaised(department: string, from: string, until: string, max: number): Promise<{ alerts: Alert[]; complete: boolean }> {
    const alerts: Alert[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'alertsByDepartment',
          // `~` sorts after the `#` that follows the instant: every alert raised at `until` is in.
          KeyConditionExpression: 'alertDepartment = :department AND alertOrder BETWEEN :from AND :until',
          ExpressionAttributeValues: { ':department': department, ':from': from, ':until': `${until}~` },
          // One more than asked shows whether there were more.
          Limit: max + 1 - alerts.length,
          ExclusiveStartKey: cursor,
        }),
      );
      alerts.push(...(page.Items ?? []).map(alertFromItem));
      cursor = page.LastEvaluatedKey;
    } while (cursor && alerts.length <= max);
    return { alerts: alerts.slice(0, max), complete: alerts.length <= max };
  }
}
