/**
 * A petition case (信访事项) as the fold of the events its department pushed. Events may arrive in
 * any order and more than once: the fold orders them by the department's `sequence` and counts
 * each sequence once, so any permutation of the same events gives the same state. An event out of
 * the regulation's stage order is kept as an anomaly (the stage-order rule reports it); the first
 * event of each stage stands.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { AcceptanceDecision, PetitionEvent, PetitionEventType, PetitionOpinion } from './petition-event.ts';

/** Ways the event history departs from the order of the procedure. */
export type PetitionAnomalyKind =
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate'
  /** A notice of acceptance with no earlier receipt. */
  | 'notifiedWithoutReceipt'
  /** An extension or a handling opinion with no earlier notice that the petition was accepted. */
  | 'handledWithoutAcceptance'
  /** An extension recorded after the handling opinion (ignored). */
  | 'extendedAfterHandling'
  /** A review request or decision with no earlier handling opinion. */
  | 'reviewWithoutHandling'
  /** A review or re-review decision with no earlier request for it. */
  | 'decidedWithoutRequest'
  /** A re-review request or decision with no earlier review decision. */
  | 'reReviewWithoutReview'
  /** A second event of a stage that happens once (a second notice, a second opinion…); the first stands. */
  | 'repeatedStage'
  /** An event dated before the stage it follows (a handling opinion dated before the acceptance…). */
  | 'datedBeforePreviousStage'
  /** A re-review hearing opened with no re-review request before it, or after the re-review opinion. */
  | 'hearingOutsideReReview'
  /** A re-review hearing closed with no opening of that hearing before it (ignored). */
  | 'hearingEndedWithoutStart';

export interface PetitionAnomaly {
  readonly kind: PetitionAnomalyKind;
  readonly sequence: number;
  readonly event: PetitionEventType;
}

/** One approved extension of the handling limit. */
export interface PetitionExtension {
  readonly at: EpochMillis;
  readonly days: number;
  readonly petitionerNotified: boolean;
}

/** A re-review hearing (听证): its time is not counted in the re-review limit; `to` absent while it lasts. */
export interface PetitionHearing {
  readonly id: string;
  readonly from: EpochMillis;
  readonly to?: EpochMillis;
}

/** Instants are epoch milliseconds read once by the fold: the rules count days with them. */
export interface PetitionCaseState {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly lastSequence: number;
  readonly eventCount: number;
  readonly receivedAt: EpochMillis | null;
  readonly notifiedAt: EpochMillis | null;
  readonly decision: AcceptanceDecision | null;
  /** Extensions before the handling opinion, in sequence order. */
  readonly extensions: readonly PetitionExtension[];
  readonly handledAt: EpochMillis | null;
  readonly opinion: PetitionOpinion | null;
  readonly reviewRequestedAt: EpochMillis | null;
  readonly reviewDecidedAt: EpochMillis | null;
  readonly reReviewRequestedAt: EpochMillis | null;
  readonly reReviewDecidedAt: EpochMillis | null;
  /** Re-review hearings, in the order they opened. */
  readonly reReviewHearings: readonly PetitionHearing[];
  /** In sequence order. */
  readonly anomalies: readonly PetitionAnomaly[];
}

function note(anomalies: PetitionAnomaly[], kind: PetitionAnomalyKind, event: PetitionEvent): void {
  anomalies.push({ kind, sequence: event.sequence, event: event.event });
}

/** Notes an event dated before the instant of the stage it follows. */
function noteIfBefore(anomalies: PetitionAnomaly[], at: EpochMillis, previous: EpochMillis | null, event: PetitionEvent): void {
  if (previous !== null && at < previous) note(anomalies, 'datedBeforePreviousStage', event);
}

/**
 * Folds a case's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldPetitionCase(events: readonly PetitionEvent[]): PetitionCaseState {
  const { ordered, conflicts } = distinctInSequence(events);
  const first = ordered[0];
  if (first === undefined) throw new RangeError('a petition case needs at least one event');
  const anomalies: PetitionAnomaly[] = [];
  let receivedAt: EpochMillis | null = null;
  let notifiedAt: EpochMillis | null = null;
  let decision: AcceptanceDecision | null = null;
  const extensions: PetitionExtension[] = [];
  let handledAt: EpochMillis | null = null;
  let opinion: PetitionOpinion | null = null;
  let reviewRequestedAt: EpochMillis | null = null;
  let reviewDecidedAt: EpochMillis | null = null;
  let reReviewRequestedAt: EpochMillis | null = null;
  let reReviewDecidedAt: EpochMillis | null = null;
  const hearings = new Map<string, { from: EpochMillis; to?: EpochMillis }>();

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    const at = epochMillisOf(event.occurredAt);
    switch (event.event) {
      case 'received':
        if (receivedAt !== null) note(anomalies, 'repeatedStage', event);
        else receivedAt = at;
        break;
      case 'acceptanceNotified':
        if (notifiedAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (receivedAt === null) note(anomalies, 'notifiedWithoutReceipt', event);
        noteIfBefore(anomalies, at, receivedAt, event);
        notifiedAt = at;
        decision = event.decision;
        break;
      case 'extended':
        if (handledAt !== null) {
          note(anomalies, 'extendedAfterHandling', event);
          break;
        }
        if (decision !== 'accepted') note(anomalies, 'handledWithoutAcceptance', event);
        noteIfBefore(anomalies, at, notifiedAt, event);
        extensions.push({ at, days: event.additionalDays, petitionerNotified: event.petitionerNotified });
        break;
      case 'handled':
        if (handledAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (decision !== 'accepted') note(anomalies, 'handledWithoutAcceptance', event);
        noteIfBefore(anomalies, at, notifiedAt, event);
        handledAt = at;
        opinion = event.opinion;
        break;
      case 'reviewRequested':
        if (reviewRequestedAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (handledAt === null) note(anomalies, 'reviewWithoutHandling', event);
        noteIfBefore(anomalies, at, handledAt, event);
        reviewRequestedAt = at;
        break;
      case 'reviewDecided':
        if (reviewDecidedAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (handledAt === null) note(anomalies, 'reviewWithoutHandling', event);
        if (reviewRequestedAt === null) note(anomalies, 'decidedWithoutRequest', event);
        noteIfBefore(anomalies, at, reviewRequestedAt, event);
        reviewDecidedAt = at;
        break;
      case 'reReviewRequested':
        if (reReviewRequestedAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (reviewDecidedAt === null) note(anomalies, 'reReviewWithoutReview', event);
        noteIfBefore(anomalies, at, reviewDecidedAt, event);
        reReviewRequestedAt = at;
        break;
      case 'reReviewDecided':
        if (reReviewDecidedAt !== null) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (reviewDecidedAt === null) note(anomalies, 'reReviewWithoutReview', event);
        if (reReviewRequestedAt === null) note(anomalies, 'decidedWithoutRequest', event);
        noteIfBefore(anomalies, at, reReviewRequestedAt, event);
        reReviewDecidedAt = at;
        break;
      case 'reReviewHearingStarted':
        if (hearings.has(event.hearingId)) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        if (reReviewRequestedAt === null || reReviewDecidedAt !== null) note(anomalies, 'hearingOutsideReReview', event);
        noteIfBefore(anomalies, at, reReviewRequestedAt, event);
        hearings.set(event.hearingId, { from: at });
        break;
      case 'reReviewHearingEnded': {
        const hearing = hearings.get(event.hearingId);
        if (hearing === undefined) {
          note(anomalies, 'hearingEndedWithoutStart', event);
          break;
        }
        if (hearing.to !== undefined) {
          note(anomalies, 'repeatedStage', event);
          break;
        }
        noteIfBefore(anomalies, at, hearing.from, event);
        // A closing dated before its opening stops nothing.
        hearing.to = Math.max(at, hearing.from);
        break;
      }
    }
  }
  const last = ordered[ordered.length - 1] as PetitionEvent;
  const conflicting = conflicts.map(({ sequence, kept }): PetitionAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode: last.matterCode,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    receivedAt,
    notifiedAt,
    decision,
    extensions,
    handledAt,
    opinion,
    reviewRequestedAt,
    reviewDecidedAt,
    reReviewRequestedAt,
    reReviewDecidedAt,
    reReviewHearings: [...hearings].map(([id, { from, to }]) => (to === undefined ? { id, from } : { id, from, to })),
    anomalies: anomaliesInSequence(conflicting, anomalies),
  };
}
