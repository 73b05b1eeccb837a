/**
 * What one supervision case (督办, Art. 18 ¶2) contributes to the statistics (Art. 20), as
 * counters per Shanghai month, added like the cases' and complaints' in each whole save of the
 * case: `contribution(after) − contribution(before)`.
 *
 * A case counts under its responsible department, record kind `supervision`, matter its origin
 * (`request`, `initiative`, `alert`, `complaint`). Which month a counter falls in:
 * - `supervisionOpened`: the day it was opened;
 * - `supervisionClosed`, `supervisionClosedOnTime` (it never went overdue: completed by the
 *   deadline in force, extensions included), `supervisionClosedEscalated` (it had been escalated
 *   to the superior level): the day it was closed;
 * - `supervisionOverdueOpened`: the month of the first day after the deadline in force (extensions
 *   included), for a case whose completion was not reported by then: still open (or its completion
 *   report awaiting closure), or closed after it; `supervisionOverdueClosed`: the month such a case
 *   was closed. The cases open and overdue at the end of month P are Σ over months ≤ P of
 *   (opened − closed), as for the record cases: one left open past its deadline keeps counting in
 *   every later month until it is closed. A case whose completion was reported (or which was closed
 *   without one) by its deadline adds neither.
 *
 * Lateness at closure (`supervisionClosedOnTime`) is read from the facts the timers leave on the
 * case, so a timer's firing (stored on its own) needs to add nothing. The open overdue counters
 * need no timer either: an open case is counted in the month its deadline passes as soon as it is
 * saved, before that day comes, so the figure at the end of P is exact once P has ended and
 * `read-statistics.ts` gives it only then. They follow the deadline in force: an extension moves
 * the case to its new deadline's month with that save, even one granted after the deadline had
 * passed (the earlier months no longer count it, while `supervisionClosedOnTime` keeps that it went
 * overdue). Pure: whole numbers only.
 */
import { nextLocalDate, shanghaiDate } from '../calendar/local-date.ts';
import { monthOfDate, monthOfInstant, type StatisticsMonth } from './statistics-period.ts';
import type { SupervisionCase } from '../supervision-cases/supervision-case.ts';
import { addToCounter, type StatisticsContribution } from './case-contribution.ts';

/** The record kind supervision cases count under in the aggregates. */
export const supervisionStatisticsKind = 'supervision';

export const supervisionCounterNames = [
  'supervisionOpened',
  'supervisionClosed',
  'supervisionClosedOnTime',
  'supervisionClosedEscalated',
  'supervisionOverdueOpened',
  'supervisionOverdueClosed',
] as const;

/** The counters whose sum from the beginning gives the supervision cases open and overdue at a month's end. */
export const supervisionOverdueCounters = { opened: 'supervisionOverdueOpened', closed: 'supervisionOverdueClosed' } as const;

/** When the department's part ended: its completion report, else a closure without one; null while neither happened. */
const completedAt = (c: SupervisionCase): string | null => c.completionReportedAt ?? (c.stage === 'closed' ? (c.closure?.at ?? null) : null);

export function supervisionContribution(supervisionCase: SupervisionCase): StatisticsContribution {
  const into: Record<StatisticsMonth, Record<string, number>> = {};
  const add = (month: StatisticsMonth, counter: (typeof supervisionCounterNames)[number], amount: number): void => addToCounter(into, month, counter, amount);
  add(monthOfInstant(supervisionCase.openedAt), 'supervisionOpened', 1);
  const closure = supervisionCase.closure;
  if (supervisionCase.stage === 'closed' && closure !== null) {
    const month = monthOfInstant(closure.at);
    add(month, 'supervisionClosed', 1);
    add(month, 'supervisionClosedOnTime', supervisionCase.overdue === null ? 1 : 0);
    add(month, 'supervisionClosedEscalated', supervisionCase.overdue?.escalatedAt ? 1 : 0);
  }
  const completed = completedAt(supervisionCase);
  const deadline = supervisionCase.deadline.date;
  if (completed === null || shanghaiDate(completed) > deadline) {
    add(monthOfDate(nextLocalDate(deadline)), 'supervisionOverdueOpened', 1);
    if (supervisionCase.stage === 'closed' && closure !== null) add(monthOfInstant(closure.at), 'supervisionOverdueClosed', 1);
  }
  return into;
}
