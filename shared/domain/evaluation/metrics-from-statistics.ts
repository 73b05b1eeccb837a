/**
 * A department's period metrics (what a scoring model scores) read from its statistics counters
 * (Art. 20): the acts with a time limit in working days concluded in the month, how many met
 * their limits, the working days they took against the days the law allowed, the signals
 * raised in the month by level, and those of them answered in time, and the records it reported
 * and how many of them late. Pure: the counters are summed over the period by the caller.
 *
 * The signals to correct are the month's warning and correction signals the department had to
 * correct or explain, and of those the ones it did within the time set (`answer-due.ts`).
 *
 * The records reported are those the department's business system pushed and the system stored
 * in the period; of them, late ones were received more than 24 hours after the act (Art. 24(4)),
 * counted from the stored records alone (backfill included, so that `verify-statistics` can
 * recompute them). A record missing a required field is refused at ingest by its family's strict
 * schema and never stored, so it is not among them (connection health counts refusals, and warns
 * of a high share: `connection.data-standard`). The reporting findings of a case (`reporting.late`,
 * `reporting.incomplete`, `reporting.stage-order`, `reporting.future-instant`) weigh as signals.
 *
 * Inputs the statistics would not measure are given as zero and listed in {@link unmeasuredInputs},
 * published with every evaluation, so a model is scored on what is measured and says so; none is
 * left today.
 */
import type { Counters } from '../statistics/case-contribution.ts';
import type { DepartmentPeriodMetrics } from './department-period-metrics.ts';

/** The inputs of {@link DepartmentPeriodMetrics} the statistics do not provide yet: zero in every evaluation until they do. */
export const unmeasuredInputs: readonly (keyof DepartmentPeriodMetrics)[] = [];

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
    signalsToCorrect: c('toCorrect'),
    signalsCorrected: c('answeredInTime'),
    recordsReported: c('records'),
    recordsLateOrIncomplete: c('late'),
  };
}
