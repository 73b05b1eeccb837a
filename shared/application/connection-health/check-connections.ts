/**
 * The connection check, run by the deadline sweep at a quarter past each hour: every department of the city's structure is
 * looked at against the connection rules (`shared/domain/connection-health/connection-findings.ts`).
 * Primary course: list the departments (one directory query); for each, read its feed's status
 * (one item, never a record) and its day counters of the data standard's window (one query), and,
 * for a department without a stated connection date, mark when it was first watched; for a
 * department that reconciles, read its days of the look-back window (`reconciliation-findings.ts`);
 * decide the findings of its pseudo-cases; reconcile them with the stored
 * signals and write each change with its events under its condition; publish the events.
 *
 * Exactly once per condition however often it fires: reconciling an unchanged condition changes
 * nothing, and of two runs at once the second finds its write refused and leaves it.
 */
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { alertEventsFor, type AlertEvent } from '../../domain/alerts/alert-events.ts';
import { reconcileAlerts } from '../../domain/alerts/reconcile-alerts.ts';
import { connectionFindings, windowStart, type ConnectionSettings } from '../../domain/connection-health/connection-findings.ts';
import { healthTotalsOf } from '../../domain/connection-health/batch-health.ts';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import type { StoredDepartment } from '../../domain/city-structure/city-structure.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { publishCommittedEvents, type RelayDependencies } from '../relay-signal-events.ts';
import type { ConnectionAlertStore } from './connection-alert-store.ts';
import type { FeedHealthReader, FeedWatch } from './connection-health-store.ts';
import { addDays } from '../../domain/connection-health/date-range.ts';
import type { Finding } from '../../domain/alerts/alert.ts';
import type { AlertSubject } from '../../domain/alerts/reconcile-alerts.ts';
import {
  reconciliationCaseId,
  reconciliationFindings,
  reconciliationLookbackDays,
  type ReconciliationSettings,
} from '../../domain/reconciliation/reconciliation-findings.ts';
import { connectionKind } from '../../domain/connection-health/connection-findings.ts';
import type { ReconciliationStore } from '../reconciliation/reconciliation-store.ts';

/**
 * The minute of each hour at which the deadline sweep runs the check. Silence is counted in
 * working hours, so an hour is the finest grain that matters; a run of the sweep that is missed
 * leaves the check to the next hour. Riding on the sweep rather than a schedule and function of
 * its own keeps the stack within CloudFormation's resource limit, and the sweep already holds
 * the rights on alerts and the outbox the check needs.
 */
export const connectionCheckMinute = 15;

/** Whether the sweep scheduled at `time` runs the connection check. */
export const runsConnectionCheck = (time: Date): boolean => time.getUTCMinutes() === connectionCheckMinute;

export interface CheckConnectionsDependencies {
  readonly structure: Pick<CityStructureRepository, 'departments'>;
  readonly feeds: Pick<FeedHealthReader, 'facts' | 'days'> & FeedWatch;
  readonly alerts: ConnectionAlertStore;
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly settings: ConnectionSettings & ReconciliationSettings;
  /** The departments' reconciliations (Art. 7(2)): a day differing, a manifest late. */
  readonly reconciliations: Pick<ReconciliationStore, 'days' | 'since'>;
  /** Where the events are published once written; absent: they wait in the outbox for the sweep's relay. */
  readonly relay?: RelayDependencies;
  /** Told when publishing failed (the events wait in the outbox for the relay). */
  readonly onPublicationFailed?: (error: unknown) => void;
}

/** What one run did, counted. */
export interface ConnectionCheckReport {
  readonly departments: number;
  /** Changes written, by the change they made (`raised`, `resolved`, ...). */
  readonly changes: Readonly<Record<string, number>>;
  /** Changes another run made first. */
  readonly changedConcurrently: number;
}

async function checkDepartment(
  department: StoredDepartment,
  at: Date,
  calendar: WorkingDayCalendar,
  deps: CheckConnectionsDependencies,
  tally: { changes: Record<string, number>; changedConcurrently: number; events: AlertEvent[] },
): Promise<void> {
  let facts = await deps.feeds.facts(department.department);
  if (department.connectedKinds.length > 0 && department.connectedOn === undefined && facts.watchedSince === undefined) {
    facts = { ...facts, watchedSince: await deps.feeds.watchSince(department.department, at.toISOString()) };
  }
  const dataStandard = deps.settings.dataStandard;
  if (dataStandard !== undefined && department.connectedKinds.length > 0) {
    // The day counters of the window (one query, never a record).
    const to = shanghaiDate(at);
    const from = windowStart(to, dataStandard.refusedWindowDays);
    const totals = healthTotalsOf(await deps.feeds.days(department.department, from, to));
    facts = { ...facts, pushed: { from, to, arrived: totals.accepted + totals.duplicates + totals.refused, refused: totals.refused } };
  }
  for (const { subject, findings } of [
    ...connectionFindings(department, facts, at, calendar, deps.settings),
    ...(await reconciliationCase(department, at, calendar, deps)),
  ]) {
    const existing = await deps.alerts.alerts(subject);
    const changes = reconcileAlerts({ subject, existing, findings, at: at.toISOString() });
    for (const change of changes) {
      const previous = change.type === 'update' ? existing.find((alert) => alert.ruleId === change.alert.ruleId) : undefined;
      const events = alertEventsFor(previous, change.alert);
      if ((await deps.alerts.apply(subject, change, events, previous)) === 'changedConcurrently') {
        tally.changedConcurrently += 1;
        continue;
      }
      const made = change.alert.history.at(-1)?.change ?? 'raised';
      tally.changes[made] = (tally.changes[made] ?? 0) + 1;
      tally.events.push(...events);
    }
  }
}

/**
 * The department's reconciliation pseudo-case and its findings, once it has submitted a manifest
 * (one read for a department that never did; a query of its days of the look-back window otherwise).
 */
async function reconciliationCase(
  department: StoredDepartment,
  at: Date,
  calendar: WorkingDayCalendar,
  deps: CheckConnectionsDependencies,
): Promise<{ subject: AlertSubject; findings: Finding[] }[]> {
  const since = await deps.reconciliations.since(department.department);
  if (since === undefined) return [];
  const today = shanghaiDate(at);
  const days = await deps.reconciliations.days(department.department, addDays(today, -reconciliationLookbackDays), today);
  const subject: AlertSubject = {
    department: department.department,
    jurisdiction: department.jurisdiction,
    kind: connectionKind,
    caseId: reconciliationCaseId,
    matterCode: reconciliationCaseId,
  };
  return [{ subject, findings: reconciliationFindings(days, since, at, calendar, deps.settings) }];
}

export async function checkConnections(at: Date, deps: CheckConnectionsDependencies): Promise<ConnectionCheckReport> {
  const departments = await deps.structure.departments();
  const calendar = await deps.calendar();
  const tally = { changes: {} as Record<string, number>, changedConcurrently: 0, events: [] as AlertEvent[] };
  for (const department of departments) await checkDepartment(department, at, calendar, deps, tally);
  if (deps.relay) await publishCommittedEvents(tally.events, deps.relay).catch((error: unknown) => deps.onPublicationFailed?.(error));
  return { departments: departments.length, changes: tally.changes, changedConcurrently: tally.changedConcurrently };
}
