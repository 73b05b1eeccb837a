import type { StatisticsContribution } from '../../domain/statistics/case-contribution.ts';
import type { StatisticsMonth } from '../../domain/statistics/statistics-period.ts';

/** The statistics aggregates as stored. */
export interface StatisticsReader {
  /**
   * A department's counters by month, for the months `from`..`through` (inclusive), of one record
   * kind and catalogue matter or of all; `counters` limits what is read (all when absent).
   */
  countersByMonth(
    department: string,
    months: { readonly from: StatisticsMonth; readonly through: StatisticsMonth },
    options?: { readonly kind?: string; readonly matterCode?: string; readonly counters?: readonly string[] },
  ): Promise<StatisticsContribution>;
}
