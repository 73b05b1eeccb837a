/**
 * What one case contributes to the statistics (Art. 20), as counters per Shanghai month, and the
 * change one commit makes to them. The aggregates are the sum of every case's contribution; a
 * commit adds `contribution(after) − contribution(before)` to them, so that the aggregates move
 * exactly with the cases, without a table scan.
 *
 * Which month a counter falls in:
 * - `received`: the month the case was received (its earliest record, `startedOn`);
 * - completion counters (`completed`, on-time, early, working days, speed-up): the month of the decision;
 * - signals (`signals*`, `corrected`, `correctionMinutes`): the month the signal was raised, so
 *   that a period's correction rate is the share of its signals that were corrected (a cohort);
 *   each signal of a family's own rules is also counted under its rule (`rule:<ruleId>`, whatever
 *   its level), so that the same rule broken in many departments can be found from the aggregates
 *   (special reports); the shared reporting rules are counted by level only ({@link countedPerRule});
 * - `records`, `late`: the month each of the case's records was received; late when
 *   received more than {@link lateReportingHours} after the act it records (迟报, Art. 24(4));
 * - `overdueOpened`: the month of the first day past the legal limit; `overdueClosed`: the month
 *   of the decision of a case that was overdue. The cases open and overdue at the end of month P
 *   are Σ over months ≤ P of (opened − closed): an open overdue case keeps counting in every later
 *   month until it is decided.
 *
 * Pure: no I/O; every counter is a whole number, so sums are exact in any order.
 */
import type { Alert, AlertLevel } from '../alerts/alert.ts';
import { epochDayOf, epochMillisOf, localDateOfEpochDay, shanghaiDate, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDaysAfter } from '../calendar/working-days.ts';
import { monthOfDate, monthOfInstant, type StatisticsMonth } from './statistics-period.ts';

/**
 * Upper bounds (inclusive, working days) of the processing-time histogram's buckets: one bucket a
 * day up to 20 (the Licensing Law's limit), then 25, 30, 40, 60, 90 and beyond. A percentile read
 * back from it is exact to the day up to 20 working days and the bucket's upper bound beyond.
 */
export const workingDayBuckets: readonly number[] = [...Array.from({ length: 21 }, (_unused, day) => day), 25, 30, 40, 60, 90, Number.POSITIVE_INFINITY];

/** The counter of the histogram bucket with upper bound `bound`: `days00` … `days90`, `daysMore`. */
export const bucketCounter = (bound: number): string => (Number.isFinite(bound) ? `days${String(bound).padStart(2, '0')}` : 'daysMore');

const signalCounters: Record<AlertLevel, string> = { prompt: 'signalsPrompt', warning: 'signalsWarning', correction: 'signalsCorrection' };

/** Prefix of the counters of signals per rule: `rule:licensing.decision-time-limit`. */
export const ruleCounterPrefix = 'rule:';

/**
 * The counter of a rule's signals. It lives in the same aggregate item as the other counters of the
 * month, kind and matter, so it adds no write to a commit (a licensing item with every counter and
 * every licensing rule stays under 1 KB: one write unit's size).
 */
export const ruleCounter = (ruleId: string): string => `${ruleCounterPrefix}${ruleId}`;

/**
 * Prefixes of the rules counted by level only: those every family shares (`reporting-findings.ts`),
 * and those of a department's pseudo-cases (its connection and reconciliation, its overdue orders
 * to correct: `pseudo-case-contribution.ts`).
 */
const levelOnlyRulePrefixes: readonly string[] = ['reporting.', 'connection.', 'reconciliation.', 'accountability.'];

/**
 * Whether a rule's signals are counted under the rule as well as under their level: a family's own
 * rules are; the reporting rules every family shares are counted by level only, so that a
 * licensing item with every licensing rule stays under 1 KB (each shared rule would add some 25
 * bytes, the four of them over a hundred). Reporting across departments is watched through
 * connection health rather than special reports, and so are the pseudo-cases' rules (connection
 * health, the accountability measures' own list).
 */
export const countedPerRule = (ruleId: string): boolean => !levelOnlyRulePrefixes.some((prefix) => ruleId.startsWith(prefix));

/** The counters kept, each a whole number; besides them, one per rule whose signals a month holds ({@link ruleCounter}). */
export const counterNames: readonly string[] = [
  'received',
  'completed',
  /** Completed cases that had a time limit counted in working days: the denominator of the timeliness rates. */
  'timed',
  'withinLegal',
  'withinPromised',
  /** Decided before the promised limit's last day. */
  'early',
  /** Σ working days taken, over `timed` cases. */
  'workingDays',
  /** Σ legal limits in working days, over `timed` cases (a speed-up over the sum: (Σ legal − Σ taken) ÷ Σ legal). */
  'legalWorkingDays',
  /** Σ (legal − taken) ÷ legal over `timed` cases, in millionths (each case's share rounded to the millionth). */
  'speedUpMillionths',
  ...workingDayBuckets.map(bucketCounter),
  'signalsPrompt',
  'signalsWarning',
  'signalsCorrection',
  /** Signals of the month's cohort whose condition was cleared by the department's later records. */
  'corrected',
  /** Σ whole minutes from raising to clearing, over `corrected`. */
  'correctionMinutes',
  'overdueOpened',
  'overdueClosed',
  // Short names: a licensing item with every counter in six digits and every rule stays under 1 KB, one write unit.
  /** The case's records (act records the department pushed), in the month each was received. */
  'records',
  /** Of those, received more than {@link lateReportingHours} after the act (records reported late). */
  'late',
  /** Warning and correction signals of the month's cohort the department must correct or explain (counted per signal: `signal-answer-contribution.ts`). */
  'toCorrect',
  /** Of those, corrected or explained within the time set. */
  'answeredInTime',
];

/** Counters of one month: absent counters are zero. */
export type Counters = Readonly<Record<string, number>>;

/** A case's counters by month; months with no counter are absent. JSON-serialisable (stored on the case's state). */
export type StatisticsContribution = Readonly<Record<StatisticsMonth, Counters>>;

/** A time limit counted in working days, as the family's rules computed it. */
export interface CaseTimeLimit {
  /** The day the limits count from (not itself counted). */
  readonly clockStart: LocalDate;
  /** Last day of the legal limit (法定时限), extensions and suspensions included. */
  readonly legalDue: LocalDate;
  /** Last day of the promised limit (承诺时限). */
  readonly promisedDue: LocalDate;
  /** Working days the clock stood still (suspensions on a statutory ground) inside the period. */
  readonly suspendedWorkingDays: number;
  /**
   * True while a suspension stops the clock: the case is not overdue meanwhile (the legal limit is
   * then its earliest possible day). A case suspended only after its limit had passed is not told
   * apart here: it stops counting as overdue until the suspension ends.
   */
  readonly clockStopped: boolean;
}

/**
 * Hours after an act within which its record must reach the system, past which it was reported
 * late (Art. 24(4) 迟报): the common standard of 24 hours.
 */
export const lateReportingHours = 24;

/** One stored record of a case: when the act happened and when its record was received. */
export interface ReportedRecord {
  readonly occurredAt: string;
  readonly receivedAt: string;
}

export interface CaseStatisticsInput {
  /** Shanghai date of the case's earliest record: the day it was received. */
  readonly startedOn: LocalDate;
  /** Instant the case was decided, or null while it is open. */
  readonly completedAt: string | null;
  readonly timeLimit: CaseTimeLimit | null;
  /** The case's signals after the commit. */
  readonly alerts: readonly Alert[];
  /** The instant the case was evaluated at: an open case is overdue once this is past its legal limit's last day. */
  readonly asOf: string;
  /** Every record stored of the case, those of the commit included. */
  readonly records: readonly ReportedRecord[];
}

const isDate = (value: unknown): value is LocalDate => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const dueDate = (value: unknown): LocalDate | undefined =>
  typeof value === 'object' && value !== null && isDate((value as { date?: unknown }).date) ? (value as { date: LocalDate }).date : undefined;

/**
 * The time limit in a case's `deadlines`, for families whose rules state a legal (`statutory`) and
 * a promised limit in working days from `clockStart` (licensing); null for the others, which then
 * contribute volumes and signals only.
 */
export function timeLimitOf(deadlines: Readonly<Record<string, unknown>>): CaseTimeLimit | null {
  const clockStart = deadlines['clockStart'];
  const legalDue = dueDate(deadlines['statutory']);
  const promisedDue = dueDate(deadlines['promised']);
  if (!isDate(clockStart) || legalDue === undefined || promisedDue === undefined) return null;
  const suspended = deadlines['suspendedWorkingDays'];
  return {
    clockStart,
    legalDue,
    promisedDue,
    suspendedWorkingDays: typeof suspended === 'number' && Number.isInteger(suspended) && suspended > 0 ? suspended : 0,
    clockStopped: deadlines['clockStopped'] === true,
  };
}

/** Adds `amount` to a counter of a month in a contribution being built (nothing for 0: absent counters are zero). */
export function addToCounter(into: Record<StatisticsMonth, Record<string, number>>, month: StatisticsMonth, counter: string, amount: number): void {
  if (amount === 0) return;
  const counters = (into[month] ??= {});
  counters[counter] = (counters[counter] ?? 0) + amount;
}

const bucketOf = (days: number): string => bucketCounter(workingDayBuckets.find((bound) => days <= bound) as number);
const dayAfter = (date: LocalDate): LocalDate => localDateOfEpochDay(epochDayOf(date) + 1);

/** What a case contributes, as of its evaluation instant. */
export function caseContribution(input: CaseStatisticsInput, calendar: WorkingDayCalendar): StatisticsContribution {
  const into: Record<StatisticsMonth, Record<string, number>> = {};
  addToCounter(into, monthOfDate(input.startedOn), 'received', 1);
  const limit = input.timeLimit;
  const completedOn = input.completedAt === null ? null : shanghaiDate(input.completedAt);
  if (completedOn !== null) {
    const month = monthOfDate(completedOn);
    addToCounter(into, month, 'completed', 1);
    if (limit !== null) {
      const taken = Math.max(0, workingDaysAfter(calendar, limit.clockStart, completedOn) - limit.suspendedWorkingDays);
      const legal = Math.max(0, workingDaysAfter(calendar, limit.clockStart, limit.legalDue) - limit.suspendedWorkingDays);
      addToCounter(into, month, 'timed', 1);
      addToCounter(into, month, 'withinLegal', completedOn <= limit.legalDue ? 1 : 0);
      addToCounter(into, month, 'withinPromised', completedOn <= limit.promisedDue ? 1 : 0);
      addToCounter(into, month, 'early', completedOn < limit.promisedDue ? 1 : 0);
      addToCounter(into, month, 'workingDays', taken);
      addToCounter(into, month, 'legalWorkingDays', legal);
      addToCounter(into, month, bucketOf(taken), 1);
      addToCounter(into, month, 'speedUpMillionths', legal === 0 ? 0 : Math.round((1_000_000 * (legal - taken)) / legal));
    }
  }
  if (limit !== null) {
    const today = shanghaiDate(input.asOf);
    const overdueFrom = dayAfter(limit.legalDue);
    if (completedOn !== null ? completedOn > limit.legalDue : today > limit.legalDue && !limit.clockStopped) {
      addToCounter(into, monthOfDate(overdueFrom), 'overdueOpened', 1);
      if (completedOn !== null) addToCounter(into, monthOfDate(completedOn), 'overdueClosed', 1);
    }
  }
  for (const record of input.records) {
    const month = monthOfInstant(record.receivedAt);
    addToCounter(into, month, 'records', 1);
    addToCounter(into, month, 'late', epochMillisOf(record.receivedAt) - epochMillisOf(record.occurredAt) > lateReportingHours * 3_600_000 ? 1 : 0);
  }
  for (const alert of input.alerts) addSignalCounters(into, alert);
  return into;
}

/**
 * Adds what one signal counts to a contribution being built: its level (and its rule) in the month
 * it was raised, and whether and how fast its condition cleared. The signals of a case and those of
 * a department's pseudo-cases (`pseudo-case-contribution.ts`) count alike.
 */
export function addSignalCounters(into: Record<StatisticsMonth, Record<string, number>>, alert: Alert): void {
  // A withdrawn signal was wrong (late data showed it): it is not counted.
  if (alert.status === 'withdrawn') return;
  const month = monthOfInstant(alert.raisedAt);
  addToCounter(into, month, signalCounters[alert.level], 1);
  if (countedPerRule(alert.ruleId)) addToCounter(into, month, ruleCounter(alert.ruleId), 1);
  if (alert.status === 'resolved' && alert.resolvedAt !== undefined) {
    addToCounter(into, month, 'corrected', 1);
    addToCounter(into, month, 'correctionMinutes', Math.max(0, Math.floor((epochMillisOf(alert.resolvedAt) - epochMillisOf(alert.raisedAt)) / 60_000)));
  }
}

/** `a + sign · b`, counter by counter, leaving out what sums to zero. */
function combine(a: StatisticsContribution, b: StatisticsContribution, sign: 1 | -1): StatisticsContribution {
  const into: Record<StatisticsMonth, Record<string, number>> = {};
  for (const [month, counters] of Object.entries(a)) for (const [counter, value] of Object.entries(counters)) addToCounter(into, month, counter, value);
  for (const [month, counters] of Object.entries(b)) for (const [counter, value] of Object.entries(counters)) addToCounter(into, month, counter, sign * value);
  for (const [month, counters] of Object.entries(into)) {
    for (const [counter, value] of Object.entries(counters)) if (value === 0) delete counters[counter];
    if (Object.keys(counters).length === 0) delete into[month];
  }
  return into;
}

/** The change a commit makes to the aggregates: `after − before` (a case stored before statistics existed counts from its next commit). */
export const contributionDelta = (before: StatisticsContribution | undefined, after: StatisticsContribution): StatisticsContribution =>
  combine(after, before ?? {}, -1);

/** The sum of two contributions (or deltas). */
export const sumOfContributions = (a: StatisticsContribution, b: StatisticsContribution): StatisticsContribution => combine(a, b, 1);

export const isNoChange = (delta: StatisticsContribution): boolean => Object.keys(delta).length === 0;

/** The change a commit makes to the aggregates of one catalogue matter. */
export interface MatterDelta {
  readonly matterCode: string;
  readonly delta: StatisticsContribution;
}

/** What a case counts under its matter: its contribution and the matter it is counted under. */
export interface CountedCase {
  readonly matterCode: string;
  readonly statistics?: StatisticsContribution;
}

/**
 * The changes a commit makes, per matter: `after − before` under the case's matter; should a
 * case's matter have changed, what it counted under the old one is taken back there and its
 * contribution added under the new one. Changes that sum to nothing are left out.
 */
export function commitDeltas(before: CountedCase | undefined, after: Required<CountedCase>): MatterDelta[] {
  const deltas =
    before?.statistics === undefined || before.matterCode === after.matterCode
      ? [{ matterCode: after.matterCode, delta: contributionDelta(before?.statistics, after.statistics) }]
      : [
          { matterCode: before.matterCode, delta: contributionDelta(before.statistics, {}) },
          { matterCode: after.matterCode, delta: after.statistics },
        ];
  return deltas.filter((d) => !isNoChange(d.delta));
}
