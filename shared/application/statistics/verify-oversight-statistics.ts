/**
 * Verifies the complaints' and supervision cases' statistics of a period (Art. 20) against the
 * stored complaints and cases: the verification path, which reads every one of them.
 * Primary course: recompute each complaint's and case's contribution from its stored state (not
 * from the aggregates), sum them by owner (the department a complaint is about, or its district;
 * a case's responsible department) and kind, and compare, month by month of the period, with the
 * aggregates of each owner. Each difference is named as the cases' are.
 */
import type { Complaint } from '../../domain/complaints/complaint.ts';
import { sumOfContributions, type StatisticsContribution } from '../../domain/statistics/case-contribution.ts';
import {
  complaintContribution,
  complaintCounterNames,
  complaintStatisticsKind,
  complaintStatisticsOwner,
} from '../../domain/statistics/complaint-contribution.ts';
import { summedCounters } from '../../domain/statistics/statistics-figures.ts';
import type { StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import { supervisionContribution, supervisionCounterNames, supervisionStatisticsKind } from '../../domain/statistics/supervision-contribution.ts';
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
  { kind: 'complaint', statisticsKind: complaintStatisticsKind, counters: new Set<string>(complaintCounterNames) },
  { kind: 'supervision', statisticsKind: supervisionStatisticsKind, counters: new Set<string>(supervisionCounterNames) },
] as const;

export async function verifyOversightStatistics(
  period: StatisticsPeriod,
  department: string | undefined,
  deps: VerifyOversightStatisticsDependencies,
): Promise<OversightStatisticsVerification> {
  const [complaints, cases] = await Promise.all([deps.oversight.everyComplaint(), deps.oversight.everySupervisionCase()]);
  const recomputed = oversightRecomputation(complaints, cases);
  const owners = department === undefined ? [...new Set([...(await deps.owners()), ...recomputed.keys()])].sort() : [department];
  const months = { from: period.months[0] as string, through: period.months.at(-1) as string };
  const differences: StatisticsDifference[] = [];
  for (const owner of owners) {
    for (const { kind, statisticsKind, counters } of kinds) {
      const aggregated = await deps.statistics.countersByMonth(owner, months, { kind: statisticsKind });
      const sum = recomputed.get(owner)?.[kind] ?? {};
      for (const month of period.months)
        differences.push(...differencesOf(owner, month, summedCounters(aggregated, [month]), summedCounters(sum, [month]), (counter) => counters.has(counter)));
    }
  }
  return { complaintsRead: complaints.length, supervisionCasesRead: cases.length, differences };
}
