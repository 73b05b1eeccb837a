/**
 * The figures of a period (Art. 20) read from its summed counters: volumes, rates as fractions
 * with their numerator and denominator, processing time in working days (mean, p50, p90 from the
 * histogram), the speed-up rate, signals by level with their correction rate and time and the
 * share of warnings and corrections answered in time, the
 * cases open and overdue at the period's end, the complaints received, accepted, upheld and
 * their handling times and those open past their clock at the period's end, and the supervision
 * cases opened, closed on time and open past their deadline at the period's end.
 *
 * Open overdue at the end of a period: the record cases' figure counts a case once it has been
 * evaluated past its legal limit (the case engine re-evaluates it when its limit passes), so it is
 * given for any period, the current month included. The complaints' and supervision cases' count
 * an open one in the month its deadline passes as soon as it is saved, before that day comes (no
 * timer adds to the statistics): their figure is exact only for a period that has ended, and is
 * null for one that has not (the caller says which, {@link OversightOpenOverdue}).
 */
import { bucketCounter, workingDayBuckets, type Counters, type StatisticsContribution } from './case-contribution.ts';
import type { StatisticsMonth } from './statistics-period.ts';

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator ÷ denominator, rounded to 4 decimals; null when the denominator is 0. */
  readonly value: number | null;
}

export interface StatisticsFigures {
  readonly received: number;
  readonly completed: number;
  /** Decided within the legal limit, of the cases decided that had one. */
  readonly onTimeLegal: Rate;
  readonly onTimePromised: Rate;
  /** Decided before the promised limit's last day. */
  readonly earlyCompletion: Rate;
  readonly processingWorkingDays: {
    readonly mean: number | null;
    /** Read from the histogram: exact up to 20 working days, a bucket's upper bound beyond; 91 means more than 90. */
    readonly p50: number | null;
    readonly p90: number | null;
  };
  /** Mean of (legal − actual) ÷ legal, rounded to 4 decimals. */
  readonly speedUpRate: number | null;
  readonly signals: { readonly prompt: number; readonly warning: number; readonly correction: number; readonly total: number };
  /** Signals raised in the period whose condition the department's later records cleared. */
  readonly signalCorrection: Rate;
  /** Mean hours from a signal to its correction, rounded to 2 decimals. */
  readonly meanHoursToCorrection: number | null;
  /** Warning and correction signals raised in the period that the department corrected or explained within the time set (`answer-due.ts`). */
  readonly signalsAnsweredInTime: Rate;
  readonly overdue: { readonly opened: number; readonly closed: number; readonly openAtPeriodEnd: number };
  /** The act records received in the period, and those received more than 24 hours after the act (迟报, Art. 24(4)). */
  readonly records: { readonly reported: number; readonly late: Rate };
  /** Complaints about the departments (Art. 19), as `complaint-contribution.ts` counts them. */
  readonly complaints: ComplaintFigures;
  /** Supervision cases (督办), as `supervision-contribution.ts` counts them. */
  readonly supervision: SupervisionFigures;
}

export interface SupervisionFigures {
  readonly opened: number;
  /** Open at the period's end with their completion not reported by the deadline in force; null until the period has ended. */
  readonly openOverdueAtPeriodEnd: number | null;
  readonly closed: number;
  /** Closed without ever going overdue (the deadline in force, extensions included), of those closed. */
  readonly closedOnTime: Rate;
  /** Closed after being escalated to the superior level. */
  readonly closedEscalated: number;
}

export interface ComplaintFigures {
  readonly received: number;
  /** Undecided past the acceptance clock, or accepted and not concluded past the handling deadline, at the period's end; null until the period has ended. */
  readonly openOverdueAtPeriodEnd: number | null;
  readonly accepted: number;
  readonly notAccepted: number;
  /** Decided on acceptance within the acceptance clock (5 working days), of those decided. */
  readonly decidedInTime: Rate;
  readonly concluded: number;
  /** Concluded by the handling deadline in force, of those concluded. */
  readonly concludedInTime: Rate;
  /** Found true in whole or in part, of those concluded with a finding. */
  readonly upheld: Rate;
  /** Mean calendar days from receipt to conclusion, rounded to 2 decimals. */
  readonly meanHandlingDays: number | null;
}

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;
const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : round(numerator / denominator, 4),
});

/** The counters of several months summed. */
export function summedCounters(byMonth: StatisticsContribution, months: readonly StatisticsMonth[]): Counters {
  const sum: Record<string, number> = {};
  for (const month of months) for (const [counter, value] of Object.entries(byMonth[month] ?? {})) sum[counter] = (sum[counter] ?? 0) + value;
  return sum;
}

/** The pair of counters an open overdue figure is summed from. */
export interface OverdueCounters {
  readonly opened: string;
  readonly closed: string;
}

const caseOverdueCounters: OverdueCounters = { opened: 'overdueOpened', closed: 'overdueClosed' };

/** Cases open and overdue at the end of `lastMonth`: Σ over every month up to it of opened − closed (the record cases' counters unless others are named). */
export function openOverdueAtEndOf(byMonth: StatisticsContribution, lastMonth: StatisticsMonth, counters: OverdueCounters = caseOverdueCounters): number {
  let open = 0;
  for (const [month, inMonth] of Object.entries(byMonth)) if (month <= lastMonth) open += (inMonth[counters.opened] ?? 0) - (inMonth[counters.closed] ?? 0);
  return open;
}

/** Complaints and supervision cases open and overdue at the period's end; null for a period that has not ended. */
export interface OversightOpenOverdue {
  readonly complaints: number | null;
  readonly supervision: number | null;
}

const notEnded: OversightOpenOverdue = { complaints: null, supervision: null };

/** The working days at rank ⌈q·n⌉ of the histogram (the bucket's upper bound; 91 for the open-ended bucket). */
function percentile(counters: Counters, n: number, q: number): number | null {
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const bound of workingDayBuckets) {
    seen += counters[bucketCounter(bound)] ?? 0;
    if (seen >= rank) return Number.isFinite(bound) ? bound : 91;
  }
  return null;
}

export function statisticsFigures(counters: Counters, openAtPeriodEnd: number, oversightOpen: OversightOpenOverdue = notEnded): StatisticsFigures {
  const c = (name: string): number => counters[name] ?? 0;
  const timed = c('timed');
  const signals = { prompt: c('signalsPrompt'), warning: c('signalsWarning'), correction: c('signalsCorrection') };
  const totalSignals = signals.prompt + signals.warning + signals.correction;
  return {
    received: c('received'),
    completed: c('completed'),
    onTimeLegal: rate(c('withinLegal'), timed),
    onTimePromised: rate(c('withinPromised'), timed),
    earlyCompletion: rate(c('early'), timed),
    processingWorkingDays: {
      mean: timed === 0 ? null : round(c('workingDays') / timed, 2),
      p50: percentile(counters, timed, 0.5),
      p90: percentile(counters, timed, 0.9),
    },
    speedUpRate: timed === 0 ? null : round(c('speedUpMillionths') / 1_000_000 / timed, 4),
    signals: { ...signals, total: totalSignals },
    signalCorrection: rate(c('corrected'), totalSignals),
    meanHoursToCorrection: c('corrected') === 0 ? null : round(c('correctionMinutes') / 60 / c('corrected'), 2),
    signalsAnsweredInTime: rate(c('answeredInTime'), c('toCorrect')),
    overdue: { opened: c('overdueOpened'), closed: c('overdueClosed'), openAtPeriodEnd },
    records: { reported: c('records'), late: rate(c('late'), c('records')) },
    complaints: {
      received: c('complaintsReceived'),
      accepted: c('complaintsAccepted'),
      notAccepted: c('complaintsNotAccepted'),
      decidedInTime: rate(c('complaintsDecidedInTime'), c('complaintsAccepted') + c('complaintsNotAccepted')),
      concluded: c('complaintsConcluded'),
      concludedInTime: rate(c('complaintsConcludedInTime'), c('complaintsConcluded')),
      upheld: rate(c('complaintsUpheld'), c('complaintsWithFinding')),
      meanHandlingDays: c('complaintsConcluded') === 0 ? null : round(c('complaintHandlingDays') / c('complaintsConcluded'), 2),
      openOverdueAtPeriodEnd: oversightOpen.complaints,
    },
    supervision: {
      opened: c('supervisionOpened'),
      closed: c('supervisionClosed'),
      closedOnTime: rate(c('supervisionClosedOnTime'), c('supervisionClosed')),
      closedEscalated: c('supervisionClosedEscalated'),
      openOverdueAtPeriodEnd: oversightOpen.supervision,
    },
  };
}
