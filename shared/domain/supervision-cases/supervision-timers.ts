/**
 * Durable timers of supervision requests and cases. An aggregate lists its pending timers; the
 * earliest one's instant is stored as the item's `dueAt` for the sweep. Firing a timer removes it
 * from the list in the same conditional write that records its signal, so it fires exactly once;
 * cancelling a timer is removing it without a signal.
 *
 * Instants follow the licensing rules: a signal "when n working days remain" starts at 00:00
 * Shanghai time of the first day on which n or fewer working days remain; a deadline is passed at
 * 00:00 of the day after its date; "after m working days overdue" is 00:00 of the day after the
 * m-th working day following the deadline.
 */
import { epochMillisOf, nextLocalDate, startOfShanghaiDay, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays, firstDateWithinWorkingDaysOf } from '../calendar/working-days.ts';

export type SupervisionTimerName =
  /** One working day remains for the supervisor's decision on a request. */
  | 'decisionPrompt'
  /** The decision deadline passed without a decision. */
  | 'decisionWarning'
  /** The case's deadline is near. */
  | 'deadlinePrompt'
  /** The case's deadline passed without a completion report: the case is overdue. */
  | 'deadlineWarning'
  /** The case stayed overdue: correction to the department, signal to the superior level. */
  | 'overdueEscalation';

export interface PendingTimer {
  readonly timer: SupervisionTimerName;
  /** ISO instant (UTC) at which it fires. */
  readonly dueAt: string;
  /** The deadline (Shanghai date) it belongs to; an extension arms a new set. */
  readonly deadline: LocalDate;
}

/**
 * What one firing did, compactly: the instant, the timers it fired (earliest first) and the timers
 * pending after it (a warning arms the escalation, counted in working days with the calendar of
 * the day). With the aggregate as it was, it gives back every signal, step and fact of the firing
 * without a calendar (`applyCaseFiring`, `applyRequestFiring`), so this is all a firing stores.
 */
export interface SupervisionTimerFiring {
  readonly at: string;
  readonly fired: readonly PendingTimer[];
  readonly timers: readonly PendingTimer[];
}

/** 00:00 Shanghai time on `date`, as an ISO instant. */
const startOf = (date: LocalDate): string => startOfShanghaiDay(date).toISOString();

/** The instant a deadline ending on `date` has passed: 00:00 of the next day, Shanghai time. */
export function deadlinePassedAt(date: LocalDate): string {
  return startOf(nextLocalDate(date));
}

/** The first instant at which `workingDays` or fewer working days remain before `deadline`. */
export function workingDaysRemainFrom(cal: WorkingDayCalendar, deadline: LocalDate, workingDays: number): string {
  return startOf(firstDateWithinWorkingDaysOf(cal, deadline, workingDays));
}

/** The instant a case overdue since `deadline` has been overdue for `workingDays` working days. */
export function overdueForWorkingDaysAt(cal: WorkingDayCalendar, deadline: LocalDate, workingDays: number): string {
  return startOf(nextLocalDate(addWorkingDays(cal, deadline, workingDays)));
}

/** The pending timers due at `asOf` (inclusive), earliest first. */
export function timersDueAt(timers: readonly PendingTimer[], asOf: string): PendingTimer[] {
  const asOfMillis = epochMillisOf(asOf);
  return timers.filter((timer) => epochMillisOf(timer.dueAt) <= asOfMillis).sort((a, b) => epochMillisOf(a.dueAt) - epochMillisOf(b.dueAt));
}

/** The earliest pending timer's instant (the item's `dueAt`), or null when nothing is pending. */
export function nextDueAt(timers: readonly PendingTimer[]): string | null {
  let next: string | null = null;
  for (const timer of timers) if (next === null || epochMillisOf(timer.dueAt) < epochMillisOf(next)) next = timer.dueAt;
  return next;
}
