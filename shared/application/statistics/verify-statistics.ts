/**
 * Verifies the statistics aggregates of a period against the stored cases (Art. 20): the
 * verification path, which may read every case of a department.
 * Primary course: for each department (one, or every department of the city), list its cases
 * through its catalogue's matters, recompute each case's contribution from its stored records
 * (folded by its family), its stored limits and alerts as of its last decision — not from the
 * contribution stored with it — sum them, and compare, month by month of the period and for the
 * open overdue cases at its end, with the aggregates. The signals of the department's
 * pseudo-cases (its connection and reconciliation, its overdue orders to correct) are recomputed
 * beside its cases from their stored alerts raised in the period (`pseudo-case-contribution.ts`).
 * Each difference is named.
 */
import { readCase, receivedRecord } from '../../domain/case-engine/decide-case.ts';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import {
  caseContribution,
  counterNames,
  ruleCounterPrefix,
  sumOfContributions,
  timeLimitOf,
  type StatisticsContribution,
} from '../../domain/statistics/case-contribution.ts';
import { openOverdueAtEndOf, summedCounters } from '../../domain/statistics/statistics-figures.ts';
import { signalAnswerContribution } from '../../domain/statistics/signal-answer-contribution.ts';
import { pseudoCaseSignalContribution } from '../../domain/statistics/pseudo-case-contribution.ts';
import type { Alert } from '../../domain/alerts/alert.ts';
import { startOfShanghaiDay } from '../../domain/calendar/local-date.ts';
import type { StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import type { RecordFamilyRegistry } from '../../domain/records/record-families.ts';
import type { CaseKey } from '../case-key.ts';
import { mapConcurrently } from '../map-concurrently.ts';
import type { CatalogueEntry, LoadedCase } from '../ports.ts';
import type { StatisticsReader } from './statistics-reader.ts';

export interface VerifyStatisticsDependencies {
  readonly statistics: StatisticsReader;
  readonly cases: {
    everyCaseOfMatter(department: string, kind: string, matterCode: string): Promise<CaseKey[]>;
    load(key: CaseKey): Promise<LoadedCase>;
  };
  readonly catalogue: { listCatalogue(department: string): Promise<CatalogueEntry[]> };
  readonly departments: () => Promise<string[]>;
  /** The alerts of a department's pseudo-cases raised in an interval (ISO instants, both included). */
  readonly pseudoCaseAlerts: { alertsRaised(department: string, from: string, until: string): Promise<Alert[]> };
  readonly families: RecordFamilyRegistry;
  readonly calendar: WorkingDayCalendar;
}

/** One counter that differs: what the aggregates hold and what the cases add up to. */
export interface StatisticsDifference {
  readonly department: string;
  /** A month of the period, or `open overdue at <month>` for the open overdue cases at the period's end. */
  readonly month: string;
  readonly counter: string;
  readonly aggregated: number;
  readonly recomputed: number;
}

export interface StatisticsVerification {
  readonly period: string;
  readonly departments: number;
  readonly casesRead: number;
  /** Cases stored before statistics were kept and not committed since: not yet in the aggregates. */
  readonly casesNotYetCounted: number;
  /** Signals of the departments' pseudo-cases raised in the period, read and recomputed. */
  readonly pseudoCaseSignalsRead: number;
  readonly differences: readonly StatisticsDifference[];
}

const readConcurrency = 8;
const beginning = '0000-00';

/** A case's contribution recomputed from what is stored of it, its signals' answers included; undefined when it has no state (nothing committed). */
export function recomputedContribution(
  families: RecordFamilyRegistry,
  loaded: LoadedCase,
  key: CaseKey,
  calendar: WorkingDayCalendar,
): StatisticsContribution | undefined {
  const family = families.familyOf(key.kind);
  const reading = family ? readCase(family, loaded, []) : undefined;
  if (!loaded.snapshot || !reading) return undefined;
  const signalAnswers = loaded.alerts.map(signalAnswerContribution).reduce(sumOfContributions, {});
  return sumOfContributions(
    signalAnswers,
    caseContribution(
      {
        startedOn: reading.startedOn,
        completedAt: reading.summary.completedAt ?? null,
        timeLimit: timeLimitOf(loaded.snapshot.deadlines),
        alerts: loaded.alerts,
        asOf: loaded.snapshot.updatedAt,
        records: loaded.events.map(receivedRecord),
      },
      calendar,
    ),
  );
}

/**
 * The cases' counters (those per rule included): the complaints' and supervision cases' are kept
 * beside them and compared by `verify-oversight-statistics.ts`.
 */
const caseCounters = new Set(counterNames);
const isCaseCounter = (counter: string): boolean => caseCounters.has(counter) || counter.startsWith(ruleCounterPrefix);

/** The counters of one owner and month that differ, among those `compared` (what else an item holds is another verification's). */
export function differencesOf(
  department: string,
  month: string,
  aggregated: Readonly<Record<string, number>>,
  recomputed: Readonly<Record<string, number>>,
  compared: (counter: string) => boolean = isCaseCounter,
): StatisticsDifference[] {
  const counters = new Set([...Object.keys(aggregated), ...Object.keys(recomputed)].filter(compared));
  return [...counters]
    .filter((counter) => (aggregated[counter] ?? 0) !== (recomputed[counter] ?? 0))
    .sort()
    .map((counter) => ({ department, month, counter, aggregated: aggregated[counter] ?? 0, recomputed: recomputed[counter] ?? 0 }));
}

export async function verifyStatistics(
  period: StatisticsPeriod,
  department: string | undefined,
  deps: VerifyStatisticsDependencies,
): Promise<StatisticsVerification> {
  const departments = department === undefined ? await deps.departments() : [department];
  const last = period.months.at(-1) as string;
  let casesRead = 0;
  let casesNotYetCounted = 0;
  let pseudoCaseSignalsRead = 0;
  const differences: StatisticsDifference[] = [];
  // From the first instant of the period's first month until that of the month after it (its signals count in that month, not compared).
  const [firstYear, firstMonth] = (period.months[0] as string).split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split('-').map(Number) as [number, number];
  const from = startOfShanghaiDay(`${firstYear}-${String(firstMonth).padStart(2, '0')}-01`).toISOString();
  const afterLast = lastMonth === 12 ? `${lastYear + 1}-01-01` : `${lastYear}-${String(lastMonth + 1).padStart(2, '0')}-01`;
  const until = startOfShanghaiDay(afterLast).toISOString();
  for (const id of departments) {
    const matters = (await deps.catalogue.listCatalogue(id)).flatMap((entry) =>
      entry.current ? [{ kind: entry.current.kind, matterCode: entry.matterCode }] : [],
    );
    const keys = (await Promise.all(matters.map((m) => deps.cases.everyCaseOfMatter(id, m.kind, m.matterCode)))).flat();
    const loaded = await mapConcurrently(keys, readConcurrency, async (key) => ({ key, loaded: await deps.cases.load(key) }));
    let recomputed: StatisticsContribution = {};
    for (const { key, loaded: stored } of loaded) {
      casesRead += 1;
      if (stored.snapshot && stored.snapshot.statistics === undefined) casesNotYetCounted += 1;
      const contribution = recomputedContribution(deps.families, stored, key, deps.calendar);
      if (contribution) recomputed = sumOfContributions(recomputed, contribution);
    }
    for (const alert of await deps.pseudoCaseAlerts.alertsRaised(id, from, until)) {
      pseudoCaseSignalsRead += 1;
      recomputed = sumOfContributions(recomputed, pseudoCaseSignalContribution(alert));
    }
    const [inPeriod, history] = await Promise.all([
      deps.statistics.countersByMonth(id, { from: period.months[0] as string, through: last }),
      deps.statistics.countersByMonth(id, { from: beginning, through: last }, { counters: ['overdueOpened', 'overdueClosed'] }),
    ]);
    for (const month of period.months)
      differencesOf(id, month, summedCounters(inPeriod, [month]), summedCounters(recomputed, [month])).forEach((d) => differences.push(d));
    const open = { aggregated: openOverdueAtEndOf(history, last), recomputed: openOverdueAtEndOf(recomputed, last) };
    if (open.aggregated !== open.recomputed) differences.push({ department: id, month: `open overdue at ${last}`, counter: 'openOverdue', ...open });
  }
  return { period: period.text, departments: departments.length, casesRead, casesNotYetCounted, pseudoCaseSignalsRead, differences };
}
