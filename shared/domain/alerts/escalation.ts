/**
 * Escalation over time (Art. 18): a signal nobody answers grows — an unanswered `prompt` becomes a
 * `warning`, an unanswered `warning` a `correction` — after a configurable number of working days
 * at its level. "Unanswered" means still `open` or only `acknowledged`: a response or a dispute
 * stops the clock. Every step is recorded in the alert's history.
 */
import { epochMillisOf, shanghaiDate, endOfShanghaiDay } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import type { Alert, AlertLevel, AlertStatus } from './alert.ts';
import { wrappingMessage } from './alert-messages.ts';

export interface EscalationPolicy {
  /** Working days an unanswered prompt stays a prompt (0: never escalates by time). */
  readonly promptToWarningWorkingDays: number;
  /** Working days an unanswered warning stays a warning (0: never escalates by time). */
  readonly warningToCorrectionWorkingDays: number;
}

export const defaultEscalationPolicy: EscalationPolicy = { promptToWarningWorkingDays: 3, warningToCorrectionWorkingDays: 5 };

const unansweredStatuses: readonly AlertStatus[] = ['open', 'acknowledged'];
const nextLevel: Partial<Record<AlertLevel, AlertLevel>> = { prompt: 'warning', warning: 'correction' };

const workingDaysAt = (level: AlertLevel, policy: EscalationPolicy): number =>
  level === 'prompt' ? policy.promptToWarningWorkingDays : policy.warningToCorrectionWorkingDays;

/** The instant an unanswered alert escalates, or null when it does not. */
export function escalationDueAt(alert: Alert, calendar: WorkingDayCalendar, policy: EscalationPolicy): string | null {
  if (!unansweredStatuses.includes(alert.status) || nextLevel[alert.level] === undefined) return null;
  const days = workingDaysAt(alert.level, policy);
  if (days <= 0) return null;
  const since = alert.levelSince ?? alert.raisedAt;
  const lastDay = addWorkingDays(calendar, shanghaiDate(since), days);
  return new Date(endOfShanghaiDay(lastDay).getTime() + 1).toISOString();
}

export interface EscalationResult {
  /** New versions of the alerts that escalated (each one version up). */
  readonly escalated: readonly Alert[];
  /** The earliest future escalation among the alerts, for the case's next check. */
  readonly nextEscalationAt: string | null;
}

/** Escalates every alert whose unanswered period has run out at `at`; repeats while due (catch-up). */
export function escalateUnanswered(alerts: readonly Alert[], at: string, calendar: WorkingDayCalendar, policy: EscalationPolicy): EscalationResult {
  const atMillis = epochMillisOf(at);
  const escalated: Alert[] = [];
  let nextEscalationAt: string | null = null;
  for (const original of alerts) {
    let alert = original;
    let due = escalationDueAt(alert, calendar, policy);
    while (due !== null && epochMillisOf(due) <= atMillis) {
      const level = nextLevel[alert.level] as AlertLevel;
      const summary = `Unanswered at level ${alert.level}; escalated to ${level}. ${alert.summary}`.slice(0, 500);
      const params = { from: alert.level, to: level, workingDays: workingDaysAt(alert.level, policy) };
      // Escalation counts from when it fell due, so a late sweep does not give a signal extra days.
      alert = {
        ...alert,
        level,
        escalatedLevel: level,
        levelSince: due,
        status: 'open',
        updatedAt: at,
        history: [...alert.history, { at, change: 'escalated', level, summary, ...wrappingMessage('alert.escalated', params, alert.message, summary) }],
        version: alert.version + 1,
      };
      due = escalationDueAt(alert, calendar, policy);
    }
    if (alert !== original) escalated.push(alert);
    if (due !== null && (nextEscalationAt === null || due < nextEscalationAt)) nextEscalationAt = due;
  }
  return { escalated, nextEscalationAt };
}
