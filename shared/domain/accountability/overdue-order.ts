/**
 * The signal of an order to correct (责令改正) left uncorrected past its deadline (《办法》第二十三条:
 * 发现违纪违法行为，应当及时督促其整改; 第二十四条), raised against the department on the order's own
 * pseudo-case (kind `accountability`, case = the measure's number), rule `accountability.order-overdue`:
 *
 * - 警戒 (`warning`) from the first instant after the deadline's day, while no correction is reported
 *   (issued, or a report rejected): the department is late;
 * - 纠错 (`correction`) once `escalateAfterWorkingDays` further working days of the city's calendar
 *   have passed after the deadline's day with still no correction reported;
 * - a correction reported late keeps the signal at the level it had reached when reported (it is
 *   not yet accepted); a rejection makes the time count again; the issuing organ's acceptance
 *   (已改正) clears it. A correction reported by the deadline and still awaiting acceptance is not late.
 *
 * Pure: the same measure, instant and calendar always say the same.
 */
import { englishSummary, type KnownAlertMessage } from '../alerts/alert-messages.ts';
import type { Finding } from '../alerts/alert.ts';
import type { AlertSubject } from '../alerts/reconcile-alerts.ts';
import { endOfShanghaiDay, nextLocalDate, startOfShanghaiDay, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import type { AccountabilityMeasure } from './accountability-measure.ts';

/** The kind of the pseudo-cases the signals of orders to correct are raised on (one case per order). */
export const accountabilityKind = 'accountability';

export const overdueOrderRule = {
  ruleId: 'accountability.order-overdue',
  ruleVersion: 1,
  legalBasis: '《宁波市行政电子监察管理办法》第二十三条、第二十四条',
} as const;

export interface OverdueOrderSettings {
  /** Working days after the deadline's day, with no correction reported, after which the warning becomes a correction signal. */
  readonly escalateAfterWorkingDays: number;
}

/** The case an order's signal is raised on: the department's, under its number. */
export function overdueOrderSubject(measure: Pick<AccountabilityMeasure, 'department' | 'jurisdiction' | 'measureNumber'>): AlertSubject {
  return {
    department: measure.department,
    jurisdiction: measure.jurisdiction,
    kind: accountabilityKind,
    caseId: measure.measureNumber,
    matterCode: 'correctionOrder',
  };
}

/** The last day of the escalation's grace: `escalateAfterWorkingDays` working days after the deadline's day; the correction signal is due from the next day. */
export function escalationDay(deadline: LocalDate, calendar: WorkingDayCalendar, settings: OverdueOrderSettings): LocalDate {
  return addWorkingDays(calendar, deadline, settings.escalateAfterWorkingDays);
}

/**
 * The instant up to which the order has gone without a correction reported, when that matters:
 * now while none is in hand; the latest report's instant while it awaits acceptance; none once
 * the order is corrected (or for any other measure).
 */
function uncorrectedUntil(measure: AccountabilityMeasure, at: Date): Date | undefined {
  if (measure.order.type !== 'correctionOrder') return undefined;
  if (measure.status === 'issued' || measure.status === 'correctionRejected') return at;
  if (measure.status !== 'correctionReported') return undefined;
  const report = measure.history.findLast((entry) => entry.change === 'correctionReported');
  return report === undefined ? undefined : new Date(report.at);
}

/** The order's finding at `at`: none, the warning, or the correction signal (see the module comment). */
export function overdueOrderFindings(measure: AccountabilityMeasure, at: Date, calendar: WorkingDayCalendar, settings: OverdueOrderSettings): Finding[] {
  const until = uncorrectedUntil(measure, at);
  if (until === undefined || measure.order.type !== 'correctionOrder') return [];
  const { deadline } = measure.order;
  if (until.getTime() < startOfShanghaiDay(nextLocalDate(deadline)).getTime()) return [];
  const escalatedOn = escalationDay(deadline, calendar, settings);
  const escalated = until.getTime() >= startOfShanghaiDay(nextLocalDate(escalatedOn)).getTime();
  const message: KnownAlertMessage = escalated
    ? {
        key: 'accountability.order-overdue.escalated',
        params: { measureNumber: measure.measureNumber, deadline, workingDays: settings.escalateAfterWorkingDays, escalatedOn },
      }
    : { key: 'accountability.order-overdue', params: { measureNumber: measure.measureNumber, deadline } };
  return [
    {
      ...overdueOrderRule,
      level: escalated ? 'correction' : 'warning',
      summary: englishSummary(message),
      message,
      deadline: endOfShanghaiDay(deadline).toISOString(),
    },
  ];
}
