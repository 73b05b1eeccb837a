/**
 * Ports of reconciliation (一致性核查): the records the system holds for a department's day, read
 * from its ingest receipts (never a record), and the day's latest comparison, kept beside the
 * department's feed. Implemented by `DynamoDbReconciliationStore` (`shared/tables.ts`).
 */
import type { LocalDate } from '../../domain/calendar/local-date.ts';
import type { RecordEntry } from '../../domain/reconciliation/record-digest.ts';
import type { ReconciliationDay } from '../../domain/reconciliation/reconciliation-findings.ts';

/** A record held, with its matter and bucket. */
export interface HeldRecord extends RecordEntry {
  readonly matterCode: string;
  readonly bucket: string;
}

export interface HeldRecords {
  /** Every record held of the department whose act happened on `day` (Shanghai). */
  ofDay(department: string, day: LocalDate): Promise<HeldRecord[]>;
  /** Those of one bucket of one matter. */
  ofBucket(department: string, day: LocalDate, matterCode: string, bucket: string): Promise<RecordEntry[]>;
}

export interface ReconciliationStore {
  day(department: string, day: LocalDate): Promise<ReconciliationDay | undefined>;
  /** The days of `from`..`to` (inclusive) with a manifest, oldest first. */
  days(department: string, from: LocalDate, to: LocalDate): Promise<ReconciliationDay[]>;
  /** The first day the department submitted a manifest for; undefined when it never did. */
  since(department: string): Promise<LocalDate | undefined>;
  /**
   * Stores the day's comparison, replacing the one of `replacing` (its `submittedAt`; absent: whatever
   * is stored); `changedConcurrently` when another was stored meanwhile. Marks the first day reconciled.
   */
  save(day: ReconciliationDay, replacing?: string): Promise<'saved' | 'changedConcurrently'>;
}
