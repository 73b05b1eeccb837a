/**
 * Verifies the complaints' and supervision cases' statistics of a period (Art. 20) against the
 * stored complaints and cases: the verification path, which reads every one of them.
 * Primary course: recompute each complaint's and case's contribution from its stored state (not
 * from the aggregates), sum them by owner (the department a complaint is about, or its district;
 * a case's responsible department) and kind, and compare, month by month of the period, with the
 * aggregates of each owner, and for the complaints and cases open and overdue at the period's end
 * (summed from the beginning, as `read-statistics.ts` reads them). Each difference is named as
 * the cases' are.
 */
import type { Complaint } from '../../domain/complaints/complaint.ts';
import { sumOfContributions, type StatisticsContribution } from '../../domain/statistics/case-contribution.ts';
import {
  complaintContribution,
  complaintCounterNames,
  complaintOverdueCounters,
  complaintStatisticsKind,
  complaintStatisticsOwner,
} from '../../domain/statistics/complaint-contribution.ts';
import { openOverdueAtEndOf, summedCounters } from '../../domain/statistics/statistics-figures.ts';
import type { StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import {
  supervisionContribution,
  supervisionCounterNames,
  supervisionOverdueCounters,
  supervisionStatisticsKind,
} from '../../domain/statistics/supervision-contribution.ts';
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import type { StatisticsReader } from './statistics-reader.ts';
import { differencesOf, type StatisticsDifference } from './verify-statistics.ts';

/** Every stored complaint and supervision case, as last written whole (what counts is never changed by a timer). */
export interface StoredOversightItems {
  everyComplaint(): Promise<readonly Complaint[]>;
  everySupervisionCase(): Promise<readonly SupervisionCase[]>;
}

export interface VerifyOversightStatisticsDependencies {
  readonly statistics: StatisticsReader;
  readonly oversight: StoredOversightItems;
  /** Every owner to compare when no department is named: the departments and the jurisdictions' own (`jurisdiction:<id>`). */
  readonly owners: () => Promise<string[]>;
}

export interface OversightStatisticsVerification {
  readonly complaintsRead: number;
  readonly supervisionCasesRead: number;
  readonly differences: readonly StatisticsDifference[];
}

type OwnerSums = Map<string, Record<'complaint' | 'supervision', StatisticsContribution>>;

/** What the stored complaints and cases add up to, by owner and kind. */
export function oversightRecomputation(complaints: readonly Complaint[], cases: readonly SupervisionCase[]): OwnerSums {
  const sums: OwnerSums = new Map();
  const add = (owner: string, kind: 'complaint' | 'supervision', contribution: StatisticsContribution): void => {
    const sum = sums.get(owner) ?? { complaint: {}, supervision: {} };
    sums.set(owner, { ...sum, [kind]: sumOfContributions(sum[kind], contribution) });
  };
  for (const complaint of complaints) add(complaintStatisticsOwner(complaint), 'complaint', complaintContribution(complaint));
  for (const supervisionCase of cases) add(supervisionCase.responsibleDepartment, 'supervision', supervisionContribution(supervisionCase));
  return sums;
}

const kinds = [
  { kind: 'complaint', statisticsKind: complaintStatisticsKind, counters: new Set<string>(complaintCounterNames), overdue: complaintOverdueCounters },
  { kind: 'supervision', statisticsKind: supervisionStatisticsKind, counters: new Set<string>(supervisionCounterNames), overdue: supervisionOverdueCounters },
] as const;

/** Before any month: the open overdue ones at the period's end are summed from here. */
const beginning = '0000-00';

export async function verifyOversightStatistics(
  period: StatisticsPeriod,
  department: string | undefined,
  deps: VerifyOversightStatisticsDependencies,
): Promise<OversightStatisticsVerification> {
  const [complaints, cases] = await Promise.all([deps.oversight.everyComplaint(), deps.oversight.everySupervisionCase()]);
  const recomputed = oversightRecomputation(complaints, cases);
  const owners = department === undefined ? [...new Set([...(await deps.owners()), ...recomputed.keys()])].sort() : [department];
  const last = period.months.at(-1) as string;
  const months = { from: period.months[0] as string, through: last };
  const differences: StatisticsDifference[] = [];
  for (const owner of owners) {
    for (const { kind, statisticsKind, counters, overdue } of kinds) {
      const [aggregated, history] = await Promise.all([
        deps.statistics.countersByMonth(owner, months, { kind: statisticsKind }),
        deps.statistics.countersByMonth(owner, { from: beginning, through: last }, { kind: statisticsKind, counters: [overdue.opened, overdue.closed] }),
      ]);
      const sum = recomputed.get(owner)?.[kind] ?? {};
      for (const month of period.months)
        differences.push(...differencesOf(owner, month, summedCounters(aggregated, [month]), summedCounters(sum, [month]), (counter) => counters.has(counter)));
      const open = { aggregated: openOverdueAtEndOf(history, last, overdue), recomputed: openOverdueAtEndOf(sum, last, overdue) };
      if (open.aggregated !== open.recomputed)
        differences.push({ department: owner, month: `open overdue at ${last}`, counter: `${kind}OpenOverdue`, ...open });
    }
  }
  return { complaintsRead: complaints.length, supervisionCasesRead: cases.length, differences };
}
