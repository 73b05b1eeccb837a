/**
 * Where a received record is found for a reconciliation (一致性核查): its ingest receipt carries
 * the keys of the sparse, keys-only index `recordsByDay`, so a department's records of a Shanghai
 * day (by `occurredAt`) are read without reading a record, and one bucket of one matter with one
 * query. `reconDay` = `<department>#<day>#<first hex of the bucket>` (16 partitions a day, so a
 * department's busy day is not one hot index partition); `reconEntry` =
 * `<bucket>#<matterCode>#<caseId>#<sequence>#<version>` (none of these contains `#`).
 */
import { shanghaiDate, type LocalDate } from '../../domain/calendar/local-date.ts';
import type { RecordEntry } from '../../domain/reconciliation/record-digest.ts';
import { bucketOf } from '../../domain/reconciliation/record-digest.ts';
import type { RecordBase } from '../../domain/records/record-family.ts';

export const recordsByDayIndex = 'recordsByDay';

export const reconDayKey = (department: string, day: LocalDate, bucket: string): string => `${department}#${day}#${bucket.charAt(0)}`;

/** The index attributes of a record's receipt (its version: the content hash ingest computed). */
export function reconciliationAttributes(event: RecordBase, contentHash: string): { reconDay: string; reconEntry: string } {
  const bucket = bucketOf(event.caseId, event.sequence);
  return {
    reconDay: reconDayKey(event.department, shanghaiDate(event.occurredAt), bucket),
    reconEntry: `${bucket}#${event.matterCode}#${event.caseId}#${event.sequence}#${contentHash}`,
  };
}

/** A record as the index holds it. */
export interface HeldEntry extends RecordEntry {
  readonly bucket: string;
  readonly matterCode: string;
}

export function heldEntryOf(reconEntry: string): HeldEntry | undefined {
  const [bucket, matterCode, caseId, sequence, version] = reconEntry.split('#');
  if (bucket === undefined || matterCode === undefined || caseId === undefined || sequence === undefined || version === undefined) return undefined;
  return { bucket, matterCode, caseId, sequence: Number(sequence), version };
}
