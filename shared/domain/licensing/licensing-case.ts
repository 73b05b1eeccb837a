/**
 * A licensing case (行政许可案件) as the fold of the events its department pushed. Events may
 * arrive in any order and more than once: the fold orders them by the department's `sequence`
 * and counts each sequence once, so any permutation of the same events gives the same state.
 */
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { LicensingEvent, LicensingEventType, SuspensionReason } from './licensing-event.ts';

/** A period in which the decision time limit does not run (Licensing Law Art. 45). */
export interface LicensingSuspension {
  readonly reason: SuspensionReason;
  /** Instant the suspension started (that day still counts). */
  readonly from: string;
  /** Instant the case resumed (that day does not count); absent while the suspension is open. */
  readonly to?: string;
}

/** Ways the event history departs from the licensing procedure. */
export type ProceduralAnomalyKind =
  /** A decision with no earlier `accepted` event (受理 must precede 决定). */
  | 'decidedWithoutAcceptance'
  /** A conclusion (送达/办结) with no earlier decision. */
  | 'concludedWithoutDecision'
  /** A `resumed` event while no suspension was open. */
  | 'resumedWithoutSuspension'
  /** A `suspended` event while a suspension was already open (ignored). */
  | 'suspendedWhileSuspended'
  /** A second `decided` event (the first decision stands). */
  | 'decidedAgain'
  /** Any event after the case was concluded. */
  | 'eventAfterConclusion'
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate';

export interface ProceduralAnomaly {
  readonly kind: ProceduralAnomalyKind;
  readonly sequence: number;
  readonly event: LicensingEventType;
}

/** Everything the licensing rules need to know about one case. */
export interface LicensingCaseState {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly receivedAt: string | null;
  readonly acceptedAt: string | null;
  /** Instants of notices to complete materials (补正), in sequence order. */
  readonly completionRequestedAt: readonly string[];
  /** Latest instant the applicant's completed materials arrived. */
  readonly completionReceivedAt: string | null;
  readonly suspensions: readonly LicensingSuspension[];
  /** Sum of approved extensions, in working days. */
  readonly extensionWorkingDays: number;
  readonly decidedAt: string | null;
  readonly outcome: 'granted' | 'refused' | null;
  /** Whether the decision came with written reasons. */
  readonly reasonsGiven: boolean;
  readonly concludedAt: string | null;
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** In sequence order. */
  readonly anomalies: readonly ProceduralAnomaly[];
}

/**
 * Folds a case's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldLicensingCase(events: readonly LicensingEvent[]): LicensingCaseState {
  const { ordered, conflicts: duplicates } = distinctInSequence(events);
  const conflicts = duplicates.map(({ sequence, kept }): ProceduralAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));
  const first = ordered[0];
  if (first === undefined) throw new RangeError('a licensing case needs at least one event');

  let matterCode = first.matterCode;
  let receivedAt: string | null = null;
  let acceptedAt: string | null = null;
  const completionRequestedAt: string[] = [];
  let completionReceivedAt: string | null = null;
  const suspensions: LicensingSuspension[] = [];
  let openSuspension: { reason: SuspensionReason; from: string } | null = null;
  let extensionWorkingDays = 0;
  let decidedAt: string | null = null;
  let outcome: 'granted' | 'refused' | null = null;
  let reasonsGiven = false;
  let concludedAt: string | null = null;
  const anomalies: ProceduralAnomaly[] = [];
  const note = (kind: ProceduralAnomalyKind, event: LicensingEvent): void => {
    anomalies.push({ kind, sequence: event.sequence, event: event.event });
  };

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    matterCode = event.matterCode;
    if (concludedAt !== null) note('eventAfterConclusion', event);
    switch (event.event) {
      case 'received':
        receivedAt ??= event.occurredAt;
        break;
      case 'accepted':
        acceptedAt ??= event.occurredAt;
        break;
      case 'completionRequested':
        completionRequestedAt.push(event.occurredAt);
        break;
      case 'completionReceived':
        completionReceivedAt = event.occurredAt;
        break;
      case 'suspended':
        if (openSuspension === null) openSuspension = { reason: event.reason, from: event.occurredAt };
        else note('suspendedWhileSuspended', event);
        break;
      case 'resumed':
        if (openSuspension === null) {
          note('resumedWithoutSuspension', event);
        } else {
          suspensions.push({ reason: openSuspension.reason, from: openSuspension.from, to: event.occurredAt });
          openSuspension = null;
        }
        break;
      case 'extended':
        extensionWorkingDays += event.additionalWorkingDays;
        break;
      case 'decided':
        if (decidedAt !== null) {
          note('decidedAgain', event);
          break;
        }
        if (acceptedAt === null) note('decidedWithoutAcceptance', event);
        decidedAt = event.occurredAt;
        outcome = event.outcome;
        reasonsGiven = event.reasons !== undefined;
        break;
      case 'concluded':
        if (concludedAt !== null) break;
        if (decidedAt === null) note('concludedWithoutDecision', event);
        concludedAt = event.occurredAt;
        break;
    }
  }
  if (openSuspension !== null) suspensions.push(openSuspension);

  const last = ordered[ordered.length - 1] as LicensingEvent;
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode,
    receivedAt,
    acceptedAt,
    completionRequestedAt,
    completionReceivedAt,
    suspensions,
    extensionWorkingDays,
    decidedAt,
    outcome,
    reasonsGiven,
    concludedAt,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    anomalies: anomaliesInSequence(conflicts, anomalies),
  };
}
