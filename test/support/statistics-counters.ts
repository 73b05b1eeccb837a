/**
 * Counters added to a department's statistics aggregates of a month, as processing's commit adds
 * them (one `UpdateItem ADD`, shard 0, licensing matter `m1`): for tests of what reads the
 * aggregates (evaluation, special reports) without pushing records.
 */
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { statisticsPk, statisticsSk, statisticsUpdate } from '#shared/adapters/dynamodb/statistics-items.ts';

export async function addStatisticsCounters(
  client: DynamoDBDocumentClient,
  casesTable: string,
  department: string,
  month: string,
  counters: Record<string, number>,
): Promise<void> {
  const update = statisticsUpdate(casesTable, {
    pk: statisticsPk(department, 0),
    sk: statisticsSk(month, 'licensing', 'm1'),
    department,
    kind: 'licensing',
    matterCode: 'm1',
    month,
    counters,
  });
  await client.send(new UpdateCommand(update.Update as never));
}
