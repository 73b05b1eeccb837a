/**
 * Port: where complaints are kept (`DynamoDbComplaintRepository`, table `oversight`). A save is
 * atomic: the complaint's state, its new timeline steps, its lookup hashes and its notices are
 * written — or, for the erasure of its personal data, its lookup hashes and notices deleted —
 * together or not at all, on the version the writer read. A timer firing is stored on its own
 * (`saveFiring`), with the events of its signals marked unpublished until the sweep publishes them.
 */
import type { ComplaintTimerFiring } from '../../domain/complaints/complaint-clock.ts';
import type { Complaint, ComplaintChangeSet, ComplaintStep, NoticeKind } from '../../domain/complaints/complaint.ts';
import type { ComplaintSignalEvent } from '../../domain/complaints/complaint-signal-events.ts';
import type { SealedDocument } from '../ports.ts';

/** A written notice as stored: the PDF sealed under the complaint's context. */
export interface StoredNotice {
  readonly kind: NoticeKind;
  readonly document: SealedDocument;
  readonly sha256: string;
  readonly byteLength: number;
  readonly producedAt: string;
}

export interface ComplaintWrite {
  readonly change: ComplaintChangeSet;
  /** The version the stored complaint must still have; 0 for a new complaint (its receipt number must be free). */
  readonly expectedVersion: number;
  /** Keyed hashes of the complainant's ID number and phone (new complaints only). */
  readonly lookupHashes?: readonly string[];
  readonly notices?: readonly StoredNotice[];
  /**
   * Stored notices written again with their data key re-wrapped (the complaint's finish moves it
   * under the retention key); each must exist.
   */
  readonly replacedNotices?: readonly StoredNotice[];
  /**
   * The change erases the personal data (`erasePersonalData` in the domain): the complaint's
   * lookup hashes and sealed notices are deleted in the same transaction.
   */
  readonly erasePersonalData?: boolean;
}

/**
 * A timer firing: the complaint after it, the version it was fired on, the compact record of the
 * firing and the events of its signals. Stored apart from the rest of the complaint (a firing
 * changes only its clock); the events stay marked unpublished on it until published.
 */
export interface ComplaintFiringWrite {
  readonly complaint: Complaint;
  readonly expectedVersion: number;
  readonly firing: ComplaintTimerFiring;
  readonly events: readonly ComplaintSignalEvent[];
}

/** The queues of the console (soonest deadline first). */
export const complaintQueues = ['awaitingDecision', 'inHandling', 'forwarded', 'awaitingReview'] as const;
export type ComplaintQueue = (typeof complaintQueues)[number];

/** Whose view of a queue: the whole city, one jurisdiction's supervisors, or one department. */
export type ComplaintQueueScope =
  | { readonly kind: 'citywide' }
  | { readonly kind: 'jurisdiction'; readonly jurisdiction: string }
  | { readonly kind: 'department'; readonly department: string };

export interface ComplaintQueueQuery {
  readonly queue: ComplaintQueue;
  readonly scope: ComplaintQueueScope;
  readonly limit: number;
  /** Opaque cursor from the previous page of the same queue and scope. */
  readonly cursor?: string;
}

export interface ComplaintQueuePage {
  readonly complaints: readonly Complaint[];
  readonly cursor?: string;
}

/** Another complaint already has the receipt number drawn (the caller draws again). */
export class ReceiptNumberTakenError extends Error {}

/** A cursor that is not one this queue and scope handed out. */
export class InvalidComplaintCursorError extends Error {}

export interface ComplaintRepository {
  /** The complaint as last written (strongly consistent), or undefined. */
  load(receiptNumber: string): Promise<Complaint | undefined>;
  /** All writes in one transaction; `ComplaintVersionChanged` when a version moved, `ReceiptNumberTakenError` for a taken number. */
  save(writes: readonly ComplaintWrite[]): Promise<void>;
  /** The complaint with the ids of signal events its firings raised that are not published yet (for the sweep). */
  loadForSweep(receiptNumber: string): Promise<{ readonly complaint: Complaint; readonly unpublishedEventIds: readonly string[] } | undefined>;
  /** Stores a timer firing on the version read; `ComplaintVersionChanged` when it moved. */
  saveFiring(write: ComplaintFiringWrite): Promise<void>;
  /** Timeline steps in order. */
  timeline(receiptNumber: string): Promise<ComplaintStep[]>;
  notice(receiptNumber: string, kind: NoticeKind): Promise<StoredNotice | undefined>;
  queue(query: ComplaintQueueQuery): Promise<ComplaintQueuePage>;
  /** Complaints whose complainant has this lookup hash, at most `limit`. */
  byLookupHash(lookupHash: string, limit: number): Promise<Complaint[]>;
}
