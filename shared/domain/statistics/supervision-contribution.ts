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
 *   to the superior level): the day it was closed.
 *
 * Lateness is read at closure from the facts the timers leave on the case, so a timer's firing
 * (stored on its own) needs to add nothing. Pure: whole numbers only.
 */
import { monthOfInstant, type StatisticsMonth } from './statistics-period.ts';
import type { SupervisionCase } from '../supervision-cases/supervision-case.ts';
import { addToCounter, type StatisticsContribution } from './case-contribution.ts';

/** The record kind supervision cases count under in the aggregates. */
export const supervisionStatisticsKind = 'supervision';

export const supervisionCounterNames = ['supervisionOpened', 'supervisionClosed', 'supervisionClosedOnTime', 'supervisionClosedEscalated'] as const;

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
  return into;
}
