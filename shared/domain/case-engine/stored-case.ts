/**
 * A case as the engine reads and writes it: its stored summary (the state item), its events (the
 * department's act records) and its alerts, and what one decision commits.
 */
import type { Alert } from '../alerts/alert.ts';
import type { AlertEvent } from '../alerts/alert-events.ts';
import type { AlertChange } from '../alerts/reconcile-alerts.ts';
import type { CaseKey } from '../records/case-key.ts';
import type { RecordBase } from '../records/record-family.ts';
import type { MatterDelta, StatisticsContribution } from '../statistics/case-contribution.ts';

/** The stored summary of a case, carried on its state item. */
export interface CaseSnapshot {
  readonly key: CaseKey;
  readonly jurisdiction: string;
  readonly matterCode: string;
  readonly kind: string;
  readonly stateVersion: number;
  readonly lastSequence: number;
  readonly eventCount: number;
  readonly stage: string;
  readonly nextCheckAt: string | null;
  /** The cross-case group the case belongs to (family rules across cases), if any. */
  readonly crossCase?: { readonly group: string; readonly order: string; readonly facts: Readonly<Record<string, unknown>> };
  /** Shanghai date of the case's earliest event: the day whose catalogue version judges it. */
  readonly startedOn: string;
  /** The first year without a holiday arrangement that a provisional deadline depends on; null when none. */
  readonly awaitingCalendarYear: number | null;
  readonly deadlines: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
  /** What the case contributes to the statistics as committed (absent on cases stored before statistics existed: nothing yet). */
  readonly statistics?: StatisticsContribution;
}

export interface StoredEvent {
  readonly event: RecordBase;
  readonly receivedAt: string;
  readonly contentHash: string;
}

export interface LoadedCase {
  readonly snapshot: CaseSnapshot | undefined;
  readonly events: readonly StoredEvent[];
  readonly alerts: readonly Alert[];
}

export interface CaseCommit {
  readonly snapshot: CaseSnapshot;
  /** `stateVersion` the stored snapshot must still have (0: none stored yet). */
  readonly expectedStateVersion: number;
  readonly alertChanges: readonly AlertChange[];
  /** Events new to the case, stored in the same transaction (refused if a sequence is taken). */
  readonly newEvents: readonly StoredEvent[];
  /** Alert events of the changes, written to the outbox in the same transaction. */
  readonly alertEvents: readonly AlertEvent[];
  /** `snapshot.statistics` minus what the stored snapshot contributed, per matter: added to the aggregates in the same transaction (none: nothing changes). */
  readonly statisticsDeltas?: readonly MatterDelta[];
}
