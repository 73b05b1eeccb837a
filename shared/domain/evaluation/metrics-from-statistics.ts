/**
 * A department's period metrics (what a scoring model scores) read from its statistics counters
 * (Art. 20): the acts with a time limit in working days concluded in the month, how many met
 * their limits, the working days they took against the days the law allowed, the signals
 * raised in the month by level, and those of them answered in time. Pure: the counters are summed over the period by the caller.
 *
 * The signals to correct are the month's warning and correction signals the department had to
 * correct or explain, and of those the ones it did within the time set (`answer-due.ts`).
 *
 * Some inputs the statistics do not measure yet, and are given as zero (listed in
 * {@link unmeasuredInputs} and published with every evaluation): the records a department pushed
 * late or incomplete (so no data deduction). A model is therefore scored on what is measured, and
 * says so.
 */
import type { Counters } from '../statistics/case-contribution.ts';
import type { DepartmentPeriodMetrics } from './department-period-metrics.ts';

/** The inputs of {@link DepartmentPeriodMetrics} the statistics do not provide yet: zero in every evaluation until they do. */
export const unmeasuredInputs = ['recordsReported', 'recordsLateOrIncomplete'] as const satisfies readonly (keyof DepartmentPeriodMetrics)[];

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
    signalsToCorrect: c('signalsToCorrect'),
    signalsCorrected: c('signalsCorrectedInTime'),
    recordsReported: 0,
    recordsLateOrIncomplete: 0,
  };
}
