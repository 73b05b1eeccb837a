/**
 * The promised limit (承诺时限) and the legal limit (法定时限) of a matter handled in working days,
 * and how a case stands against them: a `prompt` while few working days remain before the promise,
 * a `warning` once the promise has passed, a `correction` once the law's limit has passed. Working
 * days inside stops of the clock (a suspension on a ground of Licensing Law Art. 45, a request to
 * supplement materials after acceptance) do not count: the limits move out by them.
 *
 * One ladder for every family that publishes a promise beside the law's limit: licensing decisions
 * (行政许可决定) and online services' completion (网上行政服务办结).
 */
import type { Finding } from '../alerts/alert.ts';
import { stoppedClockPeriodEnd, stoppedWorkingDaysAfter, type DaySpan } from '../calendar/stopped-clock.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import type { ChangeDays } from './change-days.ts';
import { provisionalParam, type StateFinding } from './rule-finding.ts';

/** The two limits of a period counted from `start` (not itself counted), as epoch days and as deadlines. */
export interface PromisedAndStatutoryLimits {
  readonly promisedDay: number;
  readonly statutoryDay: number;
  readonly promised: WorkingDayDeadline;
  readonly statutory: WorkingDayDeadline;
  /** Working days after `start` that fell inside the closed stops. */
  readonly stoppedWorkingDays: number;
}

/**
 * The limits of `promisedWorkingDays` and `statutoryWorkingDays` (whole numbers, any extension
 * already added) counted from `start`, pushed out by the working days of the closed `stops`
 * (ordered by start; a stop that begins after a limit has run out does not move it).
 */
export function promisedAndStatutoryLimits(
  cal: WorkingDayCalendar,
  start: number,
  promisedWorkingDays: number,
  statutoryWorkingDays: number,
  stops: readonly DaySpan[],
): PromisedAndStatutoryLimits {
  const promisedDay = stoppedClockPeriodEnd(cal, start, promisedWorkingDays, stops);
  const statutoryDay = stoppedClockPeriodEnd(cal, start, statutoryWorkingDays, stops);
  return {
    promisedDay,
    statutoryDay,
    promised: days.deadline(cal, start, promisedDay),
    statutory: days.deadline(cal, start, statutoryDay),
    stoppedWorkingDays: stops.length === 0 ? 0 : stoppedWorkingDaysAfter(cal, start, stops),
  };
}

/** The catalogue's prompt figure as whole working days; -1 (no prompt) when it is not a number. */
export function promptWorkingDays(value: number): number {
  return Number.isFinite(value) ? Math.floor(value) : -1;
}

/** The families whose alert messages state the ladder: each has the five keys below under its prefix. */
export type PromisedAndStatutoryMessages = 'licensing.decision-time-limit' | 'onlineService.completion-time-limit';

/** What the ladder's finding is about: the rule, the article it cites, the family's messages. */
export interface PromisedAndStatutoryRule {
  readonly finding: StateFinding;
  readonly ruleId: string;
  readonly legalBasis: string;
  readonly messages: PromisedAndStatutoryMessages;
}

/**
 * The finding of a case against its limits, judged on `judgedOn` (the day of the act that ends the
 * period when `done`, the day the clock stopped, or today): past the legal limit a correction;
 * past the promise a warning; while pending, within `promptDays` working days of the promise a
 * prompt. Null when none holds.
 */
export function promisedAndStatutoryFinding(
  rule: PromisedAndStatutoryRule,
  cal: WorkingDayCalendar,
  limits: PromisedAndStatutoryLimits,
  judgedOn: number,
  done: boolean,
  promptDays: number,
): Finding | null {
  const { finding, ruleId, legalBasis, messages } = rule;
  const { promised, statutory } = limits;
  if (judgedOn > limits.statutoryDay) {
    return finding(
      ruleId,
      'correction',
      legalBasis,
      { key: done ? `${messages}.statutory-late` : `${messages}.statutory-overdue`, params: { limit: statutory.date, ...provisionalParam(statutory) } },
      statutory.at,
    );
  }
  if (judgedOn > limits.promisedDay) {
    return finding(
      ruleId,
      'warning',
      legalBasis,
      { key: done ? `${messages}.promised-late` : `${messages}.promised-overdue`, params: { limit: promised.date, ...provisionalParam(promised) } },
      promised.at,
    );
  }
  if (!done && promptDays >= 0 && days.countAfter(cal, judgedOn, limits.promisedDay) <= promptDays) {
    return finding(
      ruleId,
      'prompt',
      legalBasis,
      { key: `${messages}.approaching`, params: { limit: promised.date, ...provisionalParam(promised) } },
      promised.at,
    );
  }
  return null;
}

/**
 * The days at whose start the finding of a pending case changes while its clock runs: the first
 * day of the prompt, the day after the promise, the day after the legal limit.
 */
export function considerPromisedAndStatutoryChanges(
  changes: ChangeDays,
  cal: WorkingDayCalendar,
  limits: PromisedAndStatutoryLimits,
  promptDays: number,
): void {
  const { promisedDay, statutoryDay } = limits;
  changes.consider(statutoryDay + 1);
  // After the legal limit it is a correction whatever the promise says.
  if (promisedDay < statutoryDay) changes.consider(promisedDay + 1);
  if (promptDays >= 0) {
    const promptFrom = days.firstWithin(cal, promisedDay, promptDays);
    if (promptFrom <= statutoryDay) changes.consider(promptFrom);
  }
}
