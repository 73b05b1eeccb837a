/**
 * The time set for answering a signal that calls for a correction (Art. 18, 21): a warning (警戒)
 * or correction (纠错) signal must be corrected or explained by the department within the working
 * days a warning stays a warning before it escalates (`warningToCorrectionWorkingDays`, 5 by
 * default; 5 also when a city turns escalation off), counted from the day the signal first stood
 * at that level as a signal to the department (raised at it, escalated to it, or released at it
 * from a hold for insufficient data).
 *
 * The instant is fixed on the alert (`answerDueAt`) when the engine first commits it at that
 * level, so whether an answer came in time is read from the alert alone, whatever the calendar
 * becomes later, and a person's action needs no calendar to know it.
 */
import { endOfShanghaiDay, epochMillisOf, shanghaiDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import type { Alert, AlertTransition } from './alert.ts';
import type { EscalationPolicy } from './escalation.ts';

/** Working days to answer when the city's escalation policy sets none. */
export const defaultAnswerWorkingDays = 5;

/** Working days a department has to correct or explain a warning or correction signal. */
export const answerWorkingDays = (policy: EscalationPolicy): number =>
  policy.warningToCorrectionWorkingDays > 0 ? policy.warningToCorrectionWorkingDays : defaultAnswerWorkingDays;

/** Whether a signal at its current level and status is one the department must correct or explain. */
export function callsForCorrection(alert: Alert): boolean {
  if (alert.level === 'prompt' || alert.status === 'withdrawn' || alert.status === 'held') return false;
  // The supervisor agreed with the department's dispute: the signal was wrong.
  return !alert.history.some((entry) => entry.change === 'disputeUpheld');
}

/** The instant the signal began to call for a correction: its last release from a hold, else when its level last changed. */
function standsSince(alert: Alert): string {
  const released = alert.history.findLast((entry) => entry.change === 'released');
  return released?.at ?? alert.levelSince ?? alert.raisedAt;
}

/** The alert with its answer's due instant fixed, the first time it calls for a correction; otherwise unchanged. */
export function withAnswerDue(alert: Alert, calendar: WorkingDayCalendar, policy: EscalationPolicy): Alert {
  if (alert.answerDueAt !== undefined || !callsForCorrection(alert)) return alert;
  const lastDay = addWorkingDays(calendar, shanghaiDate(standsSince(alert)), answerWorkingDays(policy));
  return { ...alert, answerDueAt: new Date(endOfShanghaiDay(lastDay).getTime() + 1).toISOString() };
}

/** The department's first answer: its response (corrected or explained), or its later records clearing the condition. */
export function firstAnswer(alert: Alert): AlertTransition | undefined {
  return alert.history.find((entry) => entry.change === 'responded' || entry.change === 'resolved');
}

/** Whether a signal that calls for a correction was corrected or explained before its answer fell due. */
export function answeredInTime(alert: Alert): boolean {
  const answer = firstAnswer(alert);
  return callsForCorrection(alert) && alert.answerDueAt !== undefined && answer !== undefined && epochMillisOf(answer.at) < epochMillisOf(alert.answerDueAt);
}
