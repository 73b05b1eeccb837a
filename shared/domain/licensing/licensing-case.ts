/**
 * A licensing case (行政许可案件) as the fold of the events its department pushed. Events may
 * arrive in any order and more than once: the fold orders them by the department's `sequence`
 * and counts each sequence once, so any permutation of the same events gives the same state.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { LicensingEvent, LicensingEventType, SuspensionReason } from './licensing-event.ts';

/**
 * A pause of the case. On a ground of Licensing Law Art. 45 the decision time limit does not run
 * during it; a pause for reason `other` has no such ground and the limit runs on.
 */
export interface LicensingSuspension {
  readonly reason: SuspensionReason;
  /** Instant the suspension started (that day still counts). */
  readonly from: EpochMillis;
  /** Instant the case resumed (that day does not count); absent while the suspension is open. */
  readonly to?: EpochMillis;
  /** When the applicant was told in writing how long it takes (Art. 45); undefined when not recorded. */
  readonly applicantNotifiedAt?: EpochMillis | undefined;
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

/**
 * Everything the licensing rules need to know about one case. Instants are epoch milliseconds,
 * read once here from the events' ISO text: the rules compare and count days with them, and text
 * with different offsets (`…+08:00`, `…Z`) does not even compare in time order.
 */
export interface LicensingCaseState {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly receivedAt: EpochMillis | null;
  readonly acceptedAt: EpochMillis | null;
  /** Instants of notices to complete materials (补正), in sequence order. */
  readonly completionRequestedAt: readonly EpochMillis[];
  /** Latest instant the applicant's completed materials arrived. */
  readonly completionReceivedAt: EpochMillis | null;
  readonly suspensions: readonly LicensingSuspension[];
  /** Sum of approved extensions, in working days (the rules count at most the matter's cap). */
  readonly extensionWorkingDays: number;
  /** Sum of the fees charged, in fen (integers: no float error when compared with the standard). */
  readonly feesChargedFen: number;
  readonly decidedAt: EpochMillis | null;
  readonly outcome: 'granted' | 'refused' | null;
  /** Whether the decision came with written reasons (not blank). */
  readonly reasonsGiven: boolean;
  readonly concludedAt: EpochMillis | null;
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** In sequence order. */
  readonly anomalies: readonly ProceduralAnomaly[];
}

/** Records an anomaly (a module function, not a closure: folding runs for every record). */
function note(anomalies: ProceduralAnomaly[], kind: ProceduralAnomalyKind, event: LicensingEvent): void {
  anomalies.push({ kind, sequence: event.sequence, event: event.event });
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
  let receivedAt: EpochMillis | null = null;
  let acceptedAt: EpochMillis | null = null;
  const completionRequestedAt: EpochMillis[] = [];
  let completionReceivedAt: EpochMillis | null = null;
  const suspensions: LicensingSuspension[] = [];
  let openSuspension: { reason: SuspensionReason; from: EpochMillis; applicantNotifiedAt: EpochMillis | undefined } | null = null;
  let extensionWorkingDays = 0;
  let feesChargedFen = 0;
  let decidedAt: EpochMillis | null = null;
  let outcome: 'granted' | 'refused' | null = null;
  let reasonsGiven = false;
  let concludedAt: EpochMillis | null = null;
  const anomalies: ProceduralAnomaly[] = [];

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    matterCode = event.matterCode;
    if (concludedAt !== null) note(anomalies, 'eventAfterConclusion', event);
    const at = epochMillisOf(event.occurredAt);
    switch (event.event) {
      case 'received':
        receivedAt ??= at;
        break;
      case 'accepted':
        acceptedAt ??= at;
        break;
      case 'completionRequested':
        completionRequestedAt.push(at);
        break;
      case 'completionReceived':
        completionReceivedAt = at;
        break;
      case 'suspended':
        if (openSuspension === null) {
          const notifiedAt = event.applicantNotifiedAt;
          openSuspension = { reason: event.reason, from: at, applicantNotifiedAt: notifiedAt === undefined ? undefined : epochMillisOf(notifiedAt) };
        } else {
          note(anomalies, 'suspendedWhileSuspended', event);
        }
        break;
      case 'resumed':
        if (openSuspension === null) {
          note(anomalies, 'resumedWithoutSuspension', event);
        } else {
          suspensions.push({ reason: openSuspension.reason, from: openSuspension.from, to: at, applicantNotifiedAt: openSuspension.applicantNotifiedAt });
          openSuspension = null;
        }
        break;
      case 'extended':
        extensionWorkingDays += event.additionalWorkingDays;
        break;
      case 'feeCharged':
        // The wire allows whole fen only, so the rounding only removes float residue (0.07 * 100).
        feesChargedFen += Math.round(event.amountYuan * 100);
        break;
      case 'decided':
        if (decidedAt !== null) {
          note(anomalies, 'decidedAgain', event);
          break;
        }
        if (acceptedAt === null) note(anomalies, 'decidedWithoutAcceptance', event);
        decidedAt = at;
        outcome = event.outcome;
        // Blank reasons are no reasons (Art. 38(2)).
        reasonsGiven = event.reasons !== undefined && event.reasons.trim() !== '';
        break;
      case 'concluded':
        if (concludedAt !== null) break;
        if (decidedAt === null) note(anomalies, 'concludedWithoutDecision', event);
        concludedAt = at;
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
    feesChargedFen,
    decidedAt,
    outcome,
    reasonsGiven,
    concludedAt,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    anomalies: anomaliesInSequence(conflicts, anomalies),
  };
}
