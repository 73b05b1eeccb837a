/**
 * The evaluations run by the system (schedule `evaluation-schedule`, 02:00 Shanghai time on the
 * 1st): the month that has just ended in Asia/Shanghai, and the quarter and the year when they
 * ended with it, for the city and every other jurisdiction, as `system:evaluation-schedule`, through the same run as a supervisor's
 * (`evaluateOwnerPeriod`). An owner with no model version in force for the month is skipped; an
 * owner whose month already has a version (an earlier firing, a retry, a supervisor's run) is left
 * as it is: a later run with changed inputs is a supervisor's decision. Two firings at once store
 * one version per owner (the run's digest check and conditional write).
 */
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { parseStatisticsPeriod, type StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { evaluateOwnerPeriod, NoModelInForce, type EvaluatePeriodsDependencies } from './evaluate-periods.ts';

/** Who the audit and the stored versions name for the scheduled run. */
export const scheduledEvaluationActor = 'system:evaluation-schedule';

export interface ScheduledEvaluationsDependencies extends EvaluatePeriodsDependencies {
  readonly structure: Pick<CityStructureRepository, 'jurisdictions'>;
}

/** What the run did for one owner. */
export type ScheduledOwnerOutcome =
  | { readonly owner: string; readonly outcome: 'evaluated'; readonly version: number; readonly newVersion: boolean }
  | { readonly owner: string; readonly outcome: 'alreadyEvaluated' | 'noModelInForce' };

export interface ScheduledEvaluations {
  readonly period: string;
  readonly owners: readonly ScheduledOwnerOutcome[];
}

/** The Shanghai month before the one the instant falls in (a firing at 02:00 on 1 Dec Shanghai: November). */
export function monthEndedBefore(firedAt: Date): StatisticsPeriod {
  const [year, month] = shanghaiDate(firedAt).slice(0, 7).split('-').map(Number) as [number, number];
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return parseStatisticsPeriod(previous) as StatisticsPeriod;
}

async function evaluateOwner(owner: string, asked: StatisticsPeriod, deps: ScheduledEvaluationsDependencies): Promise<ScheduledOwnerOutcome> {
  if ((await deps.evaluations.history(owner, asked.text)).versions.length > 0) return { owner, outcome: 'alreadyEvaluated' };
  try {
    const run = await evaluateOwnerPeriod(scheduledEvaluationActor, owner, asked, deps);
    return { owner, outcome: 'evaluated', version: run.stored.version, newVersion: run.newVersion };
  } catch (error) {
    if (error instanceof NoModelInForce) return { owner, outcome: 'noModelInForce' };
    throw error;
  }
}

/**
 * The periods that ended with the month before `firedAt`: that month, then its quarter when the
 * month closes one (March, June, September, December), then its year in December.
 */
export function periodsEndedBefore(firedAt: Date): StatisticsPeriod[] {
  const month = monthEndedBefore(firedAt);
  const [year, monthNumber] = month.text.split('-').map(Number) as [number, number];
  const quarter = monthNumber % 3 === 0 ? [`${year}-Q${monthNumber / 3}`] : [];
  const wholeYear = monthNumber === 12 ? [String(year)] : [];
  return [month, ...[...quarter, ...wholeYear].map((text) => parseStatisticsPeriod(text) as StatisticsPeriod)];
}

/**
 * Runs the evaluation of every period that ended before `firedAt` ({@link periodsEndedBefore}) for
 * every owner, one after another (a handful of jurisdictions, at most three periods).
 */
export async function runScheduledEvaluations(firedAt: Date, deps: ScheduledEvaluationsDependencies): Promise<readonly ScheduledEvaluations[]> {
  const jurisdictions = (await deps.structure.jurisdictions()).map((entry) => entry.jurisdiction);
  const owners = [cityJurisdiction, ...jurisdictions.filter((jurisdiction) => jurisdiction !== cityJurisdiction)];
  const runs: ScheduledEvaluations[] = [];
  for (const asked of periodsEndedBefore(firedAt)) {
    const outcomes: ScheduledOwnerOutcome[] = [];
    for (const owner of owners) outcomes.push(await evaluateOwner(owner, asked, deps));
    runs.push({ period: asked.text, owners: outcomes });
  }
  return runs;
}
