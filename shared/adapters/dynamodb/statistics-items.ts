/**
 * Statistics aggregates in the `cases` table: one item per (department, shard, month, record
 * kind, catalogue matter), its counters added to by every commit of a case in the same
 * transaction as the case.
 *
 * - `pk = STATS#<department>#<shard>`, `sk = <YYYY-MM>#<kind>#<matter>`: a department's months in order, so
 *   a period is one range of each shard and the open overdue cases at a period's end one range
 *   from the start;
 * - the shard comes from the case (4 shards): concurrent batches of one department's cases rarely
 *   update the same item (which would cancel one transaction as a conflict), and its writes spread
 *   over 4 partitions.
 */
import { createHash } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CaseKey } from '../../application/case-key.ts';
import type { Counters, MatterDelta } from '../../domain/statistics/case-contribution.ts';
import type { StatisticsMonth } from '../../domain/statistics/statistics-period.ts';
import { statisticsShardCount } from '../../tables.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const statisticsPkPrefix = 'STATS#';

export const statisticsPk = (department: string, shard: number): string => `${statisticsPkPrefix}${department}#${shard}`;
export const statisticsSk = (month: StatisticsMonth, kind: string, matterCode: string): string => `${month}#${kind}#${matterCode}`;

/** The partitions of a department's aggregates. */
export const statisticsPartitions = (department: string): string[] =>
  Array.from({ length: statisticsShardCount }, (_unused, shard) => statisticsPk(department, shard));

/** Stable shard of a case's aggregates. */
export function statisticsShardOf(key: CaseKey): number {
  const digest = createHash('sha256').update(`stats#${key.department}#${key.kind}#${key.caseId}`).digest();
  return (digest[0] ?? 0) % statisticsShardCount;
}

/** One aggregate item's additions: its key and the counters to add. */
export interface StatisticsAddition {
  readonly pk: string;
  readonly sk: string;
  readonly department: string;
  readonly kind: string;
  readonly matterCode: string;
  readonly month: StatisticsMonth;
  readonly counters: Counters;
}

/** The aggregate items a case's deltas add to, one per matter and month they touch. */
export function statisticsAdditions(key: CaseKey, deltas: readonly MatterDelta[]): StatisticsAddition[] {
  const pk = statisticsPk(key.department, statisticsShardOf(key));
  return deltas.flatMap(({ matterCode, delta }) =>
    Object.entries(delta).map(([month, counters]) => ({
      pk,
      sk: statisticsSk(month, key.kind, matterCode),
      department: key.department,
      kind: key.kind,
      matterCode,
      month,
      counters,
    })),
  );
}

/** Additions to the same item merged (a transaction may name an item once). */
export function mergedAdditions(additions: readonly StatisticsAddition[]): StatisticsAddition[] {
  const byItem = new Map<string, StatisticsAddition>();
  for (const addition of additions) {
    const id = `${addition.pk}|${addition.sk}`;
    const earlier = byItem.get(id);
    if (!earlier) byItem.set(id, addition);
    else {
      const counters: Record<string, number> = { ...earlier.counters };
      for (const [counter, value] of Object.entries(addition.counters)) counters[counter] = (counters[counter] ?? 0) + value;
      byItem.set(id, { ...earlier, counters });
    }
  }
  return [...byItem.values()];
}

/** The `UpdateItem ADD` of one item's counters (counter names are attribute names from a fixed set). */
export function statisticsUpdate(tableName: string, addition: StatisticsAddition): TransactItem {
  const counters = Object.entries(addition.counters).filter(([, value]) => value !== 0);
  const names: Record<string, string> = { '#department': 'department', '#kind': 'kind', '#matterCode': 'matterCode', '#month': 'month' };
  const values: Record<string, unknown> = {
    ':department': addition.department,
    ':kind': addition.kind,
    ':matterCode': addition.matterCode,
    ':month': addition.month,
  };
  const adds = counters.map(([counter, value], i) => {
    names[`#c${i}`] = counter;
    values[`:c${i}`] = value;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: { pk: addition.pk, sk: addition.sk },
      UpdateExpression: `SET #department = :department, #kind = :kind, #matterCode = :matterCode, #month = :month${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The counters of a stored aggregate item (those at zero left out). */
export function countersOfItem(item: Record<string, unknown>): { month: StatisticsMonth; kind: string; matterCode: string; counters: Counters } {
  const counters: Record<string, number> = {};
  // A counter added back to zero (a signal that moved up a level) reads as absent.
  for (const [name, value] of Object.entries(item)) if (typeof value === 'number' && value !== 0) counters[name] = value;
  return { month: String(item['month']), kind: String(item['kind']), matterCode: String(item['matterCode']), counters };
}
