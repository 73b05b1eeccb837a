import type { AlertEvent } from '../../domain/alerts/alert-events.ts';
import type { Alert } from '../../domain/alerts/alert.ts';
import type { AlertChange } from '../../domain/alerts/reconcile-alerts.ts';
import type { CaseKey } from '../case-key.ts';

/** The alerts of a department's connection pseudo-cases (`DynamoDbConnectionAlerts`). */
export interface ConnectionAlertStore {
  /** The pseudo-case's stored alerts, read consistently. */
  alerts(key: CaseKey): Promise<Alert[]>;
  /**
   * Writes one change with its events (to the outbox) and its move in the department's statistics
   * (`pseudo-case-contribution.ts`), if nothing changed since it was decided: no alert stored for a
   * raise, the version read (`previous`, the alert as read) for an update; else (or when another
   * run wrote the same statistics item at that instant: nothing written) `changedConcurrently`.
   */
  apply(key: CaseKey, change: AlertChange, events: readonly AlertEvent[], previous: Alert | undefined): Promise<'applied' | 'changedConcurrently'>;
}
