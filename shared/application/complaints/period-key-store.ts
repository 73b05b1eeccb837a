/**
 * Port: the personal-data keys per period of a deployment (`KmsPeriodKeyStore`): what exists,
 * and the changes the keeper makes — a key made ahead of need, an intake key marked unused (or in
 * use again), a key scheduled for deletion. Only the keeper uses it; the functions that seal and
 * open name a period key by its alias through the personal-data protector.
 */
import type { KnownPeriodKey, PeriodKeyName } from '../../domain/complaints/personal-data-key-periods.ts';

export interface PeriodKeyStore {
  /** Every period key of the deployment, with whether it is pending deletion and, for an intake key, since when it is unused. */
  list(): Promise<KnownPeriodKey[]>;
  /** Creates the key (its policy, its tags, rotation) and points its alias at it; a key made meanwhile by another run wins. */
  create(name: PeriodKeyName): Promise<void>;
  /** Remembers on the key that a run found no open complaint under it at `since`. */
  markUnused(key: KnownPeriodKey, since: string): Promise<void>;
  /** Forgets that mark: an open complaint uses the key after all. */
  markInUse(key: KnownPeriodKey): Promise<void>;
  /** Schedules the key's deletion after `pendingWindowDays` (7–30); answers when it will be deleted (ISO). */
  scheduleDeletion(key: KnownPeriodKey, pendingWindowDays: number): Promise<string>;
}
