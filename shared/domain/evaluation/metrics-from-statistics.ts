/**
 * A department's period metrics (what a scoring model scores) read from its statistics counters
 * (Art. 20): the acts with a time limit in working days concluded in the month, how many met
 * their limits, the working days they took against the days the law allowed, and the signals
 * raised in the month by level. Pure: the counters are summed over the period by the caller.
 *
 * Some inputs the statistics do not measure yet, and are given as zero (listed in
 * {@link unmeasuredInputs} and published with every evaluation): whether a warning or correction
 * signal was answered within the time set (so the signal-correction share is over nothing, which
 * counts as fully met), and the records a department pushed late or incomplete (so no data
 * deduction). A model is therefore scored on what is measured, and says so.
 */
import type { Counters } from '../statistics/case-contribution.ts';
import type { DepartmentPeriodMetrics } from './department-period-metrics.ts';

/** The inputs of {@link DepartmentPeriodMetrics} the statistics do not provide yet: zero in every evaluation until they do. */
export const unmeasuredInputs = [
  'signalsToCorrect',
  'signalsCorrected',
  'recordsReported',
  'recordsLateOrIncomplete',
] as const satisfies readonly (keyof DepartmentPeriodMetrics)[];

/** A department of the evaluated scope, with its jurisdiction (the ranking within it). */
export interface EvaluatedDepartment {
  readonly department: string;
  readonly jurisdiction: string;
}

/**
 * The metrics of one department from its counters of the period (a month, quarter or year, summed by the caller). Only acts with a time limit in
 * working days (`timed`) are "concluded acts" here: an act without one cannot be on time or late,
 * and counting it would lower every timeliness share. A department with no activity gets zeros.
 */
export function metricsFromCounters(of: EvaluatedDepartment, period: string, counters: Counters): DepartmentPeriodMetrics {
  const c = (name: string): number => counters[name] ?? 0;
  return {
    department: of.department,
    jurisdiction: of.jurisdiction,
    period,
    concludedActs: c('timed'),
    concludedWithinLegalLimit: c('withinLegal'),
    concludedWithinPromisedLimit: c('withinPromised'),
    concludedEarly: c('early'),
    legalLimitWorkingDays: c('legalWorkingDays'),
    usedWorkingDays: c('workingDays'),
    signalsRaised: { prompt: c('signalsPrompt'), warning: c('signalsWarning'), correction: c('signalsCorrection') },
    signalsToCorrect: 0,
    signalsCorrected: 0,
    recordsReported: 0,
    recordsLateOrIncomplete: 0,
  };
}
