/**
 * The statistics aggregates of a department, read from its shards: one range query a shard
 * (`sk` between `<from>#` and `<through>#~`), summed by month.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StatisticsReader } from '../../application/statistics/statistics-reader.ts';
import type { StatisticsContribution } from '../../domain/statistics/case-contribution.ts';
import { queryEveryPage } from './query-every-page.ts';
import { countersOfItem, statisticsPartitions } from './statistics-items.ts';

export class DynamoDbStatisticsReader implements StatisticsReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countersByMonth(
    department: string,
    months: { readonly from: string; readonly through: string },
    options: { readonly kind?: string; readonly matterCode?: string; readonly counters?: readonly string[] } = {},
  ): Promise<StatisticsContribution> {
    const projection = options.counters ? ['month', 'kind', 'matterCode', ...options.counters] : undefined;
    const pages = await Promise.all(
      statisticsPartitions(department).map((pk) =>
        queryEveryPage(this.client, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :through',
          ExpressionAttributeValues: { ':pk': pk, ':from': `${months.from}#`, ':through': `${months.through}#~` },
          ...(projection
            ? {
                ProjectionExpression: projection.map((_name, i) => `#p${i}`).join(', '),
                ExpressionAttributeNames: Object.fromEntries(projection.map((name, i) => [`#p${i}`, name])),
              }
            : {}),
        }),
      ),
    );
    const byMonth: Record<string, Record<string, number>> = {};
    for (const item of pages.flat()) {
      const { month, kind, matterCode, counters } = countersOfItem(item);
      if ((options.kind !== undefined && kind !== options.kind) || (options.matterCode !== undefined && matterCode !== options.matterCode)) continue;
      const into = (byMonth[month] ??= {});
      for (const [counter, value] of Object.entries(counters)) into[counter] = (into[counter] ?? 0) + value;
    }
    return byMonth;
  }
}
