/**
 * A share request (共享申请) as the fold of the events its providing department pushed. Events may
 * arrive in any order and more than once: the fold orders them by the department's `sequence` and
 * counts each sequence once, so any permutation of the same events gives the same state. An event
 * out of the procedure's order (an answer with no earlier request, a delivery with no grant) is
 * kept as an anomaly; the first event of each stage stands.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { InformationSharingEvent, InformationSharingEventType, SharingAnswer } from './information-sharing-event.ts';

/** Ways the event history departs from the order of the procedure. */
export type SharingAnomalyKind =
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate'
  /** An answer with no earlier request. */
  | 'answeredWithoutRequest'
  /** A delivery with no earlier grant (none, or a refusal). */
  | 'deliveredWithoutGrant'
  /** A use report with no earlier delivery. */
  | 'usedWithoutDelivery'
  /** A delivery after the sharing was revoked. */
  | 'deliveredAfterRevocation'
  /** A second request, answer or revocation (the first stands). */
  | 'repeatedStage'
  /** An event dated before the stage it follows (an answer dated before the request…). */
  | 'datedBeforePreviousStage';

export interface SharingAnomaly {
  readonly kind: SharingAnomalyKind;
  readonly sequence: number;
  readonly event: InformationSharingEventType;
}

/** A report of how shared data was used. */
export interface UseReport {
  readonly at: EpochMillis;
  readonly reportedBy: 'user' | 'provider' | 'audit';
  readonly beyondStatedPurpose: boolean;
}

/** Instants are epoch milliseconds read once by the fold: the rules count working days with them. */
export interface InformationSharingCaseState {
  /** The providing department (提供部门), whose case it is. */
  readonly department: string;
  readonly caseId: string;
  /** The resource's catalogue code, of the latest event (a department may correct it). */
  readonly matterCode: string;
  /** The requesting department (使用部门), from the request; null until it arrives. */
  readonly requestingDepartment: string | null;
  readonly lastSequence: number;
  readonly eventCount: number;
  readonly requestedAt: EpochMillis | null;
  readonly answeredAt: EpochMillis | null;
  readonly answer: SharingAnswer | null;
  readonly deliveredAt: EpochMillis | null;
  /** In sequence order. */
  readonly useReports: readonly UseReport[];
  readonly revokedAt: EpochMillis | null;
  /** In sequence order. */
  readonly anomalies: readonly SharingAnomaly[];
}

function note(anomalies: SharingAnomaly[], kind: SharingAnomalyKind, event: InformationSharingEvent): void {
  anomalies.push({ kind, sequence: event.sequence, event: event.event });
}

function noteIfBefore(anomalies: SharingAnomaly[], at: EpochMillis, previous: EpochMillis | null, event: InformationSharingEvent): void {
  if (previous !== null && at < previous) note(anomalies, 'datedBeforePreviousStage', event);
}

const isGrant = (answer: SharingAnswer | null): boolean => answer === 'granted' || answer === 'grantedWithConditions';

/**
 * Folds a case's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldInformationSharingCase(events: readonly InformationSharingEvent[]): InformationSharingCaseState {
  const { ordered, conflicts } = distinctInSequence(events);
  const first = ordered[0];
  if (first === undefined) throw new RangeError('a share request needs at least one event');
  const anomalies: SharingAnomaly[] = [];
  let requestingDepartment: string | null = null;
  let requestedAt: EpochMillis | null = null;
  let answeredAt: EpochMillis | null = null;
  let answer: SharingAnswer | null = null;
  let deliveredAt: EpochMillis | null = null;
  const useReports: UseReport[] = [];
  let revokedAt: EpochMillis | null = null;

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    const at = epochMillisOf(event.occurredAt);
    switch (event.event) {
      case 'requested':
        if (requestedAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        requestedAt = at;
        requestingDepartment = event.requestingDepartment;
        break;
      case 'granted':
      case 'grantedWithConditions':
      case 'refused':
        if (answeredAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (requestedAt === null) note(anomalies, 'answeredWithoutRequest', event);
        noteIfBefore(anomalies, at, requestedAt, event);
        answeredAt = at;
        answer = event.event;
        break;
      case 'delivered':
        if (revokedAt !== null) note(anomalies, 'deliveredAfterRevocation', event);
        if (!isGrant(answer)) note(anomalies, 'deliveredWithoutGrant', event);
        if (deliveredAt !== null) break;
        noteIfBefore(anomalies, at, answeredAt, event);
        deliveredAt = at;
        break;
      case 'useReported':
        if (deliveredAt === null) note(anomalies, 'usedWithoutDelivery', event);
        useReports.push({ at, reportedBy: event.reportedBy, beyondStatedPurpose: event.beyondStatedPurpose });
        break;
      case 'revoked':
        if (revokedAt !== null) note(anomalies, 'repeatedStage', event);
        else revokedAt = at;
        break;
    }
  }
  const last = ordered[ordered.length - 1] as InformationSharingEvent;
  const conflicting = conflicts.map(({ sequence, kept }): SharingAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode: last.matterCode,
    requestingDepartment,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    requestedAt,
    answeredAt,
    answer,
    deliveredAt,
    useReports,
    revokedAt,
    anomalies: anomaliesInSequence(conflicting, anomalies),
  };
}
