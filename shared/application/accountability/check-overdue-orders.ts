/**
 * The check of orders to correct (责令改正, Art. 23, 24), run by the deadline sweep at a quarter past
 * each hour beside the connection check: an order past its deadline with no correction reported
 * raises `accountability.order-overdue` against its department, escalates it, and the accepted
 * correction clears it (`shared/domain/accountability/overdue-order.ts`).
 * Primary course: list the orders past their deadline, except those corrected before the
 * look-back (one query of the measures' directory); for each, read its pseudo-case's signals,
 * decide its findings, reconcile them with the stored signals and write each change with its
 * events under its condition (the outbox); publish the events.
 *
 * Exactly once per condition however often it fires: reconciling an unchanged condition changes
 * nothing, and of two runs at once the second finds its write refused and leaves it.
 */
import { alertEventsFor, type AlertEvent } from '../../domain/alerts/alert-events.ts';
import { reconcileAlerts } from '../../domain/alerts/reconcile-alerts.ts';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { overdueOrderFindings, overdueOrderSubject, type OverdueOrderSettings } from '../../domain/accountability/overdue-order.ts';
import type { ConnectionAlertStore } from '../connection-health/connection-alert-store.ts';
import { publishCommittedEvents, type RelayDependencies } from '../relay-signal-events.ts';
import type { AccountabilityStore } from './accountability-store.ts';

/**
 * Days back an order corrected is still looked at: its signal is cleared by the first run after the
 * acceptance, and this leaves a month (a holiday-long escalation included) of runs before an accepted order is no longer read.
 */
export const correctedLookbackDays = 31;

export interface CheckOverdueOrdersDependencies {
  readonly orders: Pick<AccountabilityStore, 'ordersPastDeadline'>;
  /** The signals of pseudo-cases (an order's case is one, as a department's connection is). */
  readonly alerts: ConnectionAlertStore;
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly settings: OverdueOrderSettings;
  /** Where the events are published once written; absent: they wait in the outbox for the sweep's relay. */
  readonly relay?: RelayDependencies;
  /** Told when publishing failed (the events wait in the outbox for the relay). */
  readonly onPublicationFailed?: (error: unknown) => void;
}

/** What one run did, counted. */
export interface OverdueOrderCheckReport {
  readonly orders: number;
  /** Changes written, by the change they made (`raised`, `escalated`, `resolved`, ...). */
  readonly changes: Readonly<Record<string, number>>;
  /** Changes another run made first. */
  readonly changedConcurrently: number;
}

export async function checkOverdueOrders(at: Date, deps: CheckOverdueOrdersDependencies): Promise<OverdueOrderCheckReport> {
  const orders = await deps.orders.ordersPastDeadline(shanghaiDate(at), new Date(at.getTime() - correctedLookbackDays * 86_400_000).toISOString());
  const calendar = await deps.calendar();
  const changes: Record<string, number> = {};
  let changedConcurrently = 0;
  const published: AlertEvent[] = [];
  for (const order of orders) {
    const subject = overdueOrderSubject(order);
    const existing = await deps.alerts.alerts(subject);
    for (const change of reconcileAlerts({ subject, existing, findings: overdueOrderFindings(order, at, calendar, deps.settings), at: at.toISOString() })) {
      const previous = change.type === 'update' ? existing.find((alert) => alert.ruleId === change.alert.ruleId) : undefined;
      const events = alertEventsFor(previous, change.alert);
      if ((await deps.alerts.apply(subject, change, events, previous)) === 'changedConcurrently') {
        changedConcurrently += 1;
        continue;
      }
      const made = change.alert.history.at(-1)?.change ?? 'raised';
      changes[made] = (changes[made] ?? 0) + 1;
      published.push(...events);
    }
  }
  if (deps.relay) await publishCommittedEvents(published, deps.relay).catch((error: unknown) => deps.onPublicationFailed?.(error));
  return { orders: orders.length, changes, changedConcurrently };
}
