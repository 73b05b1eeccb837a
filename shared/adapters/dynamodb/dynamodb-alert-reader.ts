import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { AlertPage, AlertPageQuery, AlertReader } from '../../application/ports.ts';
import { alertFromItem } from './case-items.ts';
import type { Alert } from '../../domain/alerts/alert.ts';

const indexes: Record<AlertPageQuery['index'], { name: string; partitionAttribute: string }> = {
  department: { name: 'alertsByDepartment', partitionAttribute: 'alertDepartment' },
  jurisdiction: { name: 'alertsByJurisdiction', partitionAttribute: 'alertJurisdiction' },
  citywide: { name: 'alertsCitywide', partitionAttribute: 'alertCitywide' },
};

/** Alert lists, newest first, from the index built for each scope; filters narrow the page. */
export class DynamoDbAlertReader implements AlertReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(query: AlertPageQuery): Promise<AlertPage> {
    const index = indexes[query.index];
    const names: Record<string, string> = { '#p': index.partitionAttribute };
    const values: Record<string, unknown> = { ':p': query.partition };
    const filters: string[] = [];
    if (query.level) {
      names['#level'] = 'level';
      values[':level'] = query.level;
      filters.push('#level = :level');
    }
    if (query.kind) {
      names['#kind'] = 'kind';
      values[':kind'] = query.kind;
      filters.push('#kind = :kind');
    }
    if (query.official) {
      names['#official'] = 'officialStaffId';
      values[':official'] = query.official;
      filters.push('#official = :official');
    }
    if (query.status) {
      names['#status'] = 'status';
      values[':status'] = query.status;
      filters.push('#status = :status');
    }
    const alerts: Alert[] = [];
    let cursor: Record<string, unknown> | undefined = query.cursor;
    // With filters a DynamoDB page can come back short; read on until the page is full or the
    // index is exhausted, a bounded number of times.
    for (let reads = 0; reads < 5 && alerts.length < query.limit; reads += 1) {
      const page: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#p = :p',
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: query.limit - alerts.length,
          ExclusiveStartKey: cursor,
        }),
      );
      alerts.push(...(page.Items ?? []).map(alertFromItem));
      cursor = page.LastEvaluatedKey;
      if (!cursor) break;
    }
    return cursor ? { alerts, cursor: cursor as Record<string, string> } : { alerts };
  }
}
