/**
 * An online service case (网上行政服务办件) as the fold of the events its department pushed.
 * Events may arrive in any order and more than once: the fold orders them by the department's
 * `sequence` and counts each sequence once, so any permutation of the same events gives the
 * same state. Steps whose sequence puts them before the step they depend on (a completion
 * before the acceptance) are noted as anomalies.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { DeliveryChannel, ExcludedPeriodReason, OnlineServiceEvent, OnlineServiceEventType, OnlineServiceOutcome } from './online-service-event.ts';

/**
 * A stop of the completion clock after acceptance: a request to supplement materials, ended by the
 * applicant's answer (`supplemented`), or a step 《行政许可法》第四十五条 leaves out of the limit,
 * ended by `resumed`. The day it starts still counts; the day it ends does not.
 */
export interface OnlineServiceClockStop {
  readonly reason: 'supplement' | ExcludedPeriodReason;
  /** Instant the clock stopped. */
  readonly from: EpochMillis;
  /** Instant it ran again; absent while the stop lasts. */
  readonly to?: EpochMillis;
  /** For an excluded step: when the applicant was told in writing how long it takes. */
  readonly applicantNotifiedAt?: EpochMillis | undefined;
}

/** Ways the event history departs from the order of the procedure. */
export type OnlineServiceAnomalyKind =
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate'
  /** An acceptance decision (accepted or not) with no earlier application. */
  | 'acceptedWithoutApplication'
  /** A completion with no earlier acceptance. */
  | 'completedWithoutAcceptance'
  /** A result delivered with no earlier completion. */
  | 'deliveredWithoutCompletion'
  /** An acceptance or completion after the application was not accepted. */
  | 'continuedAfterNotAccepted'
  /** A second acceptance decision or completion (the first stands). */
  | 'repeated'
  /** A `resumed` (or, after acceptance, `supplemented`) while no such stop was open (ignored). */
  | 'resumedWithoutSuspension'
  /** A stop of the clock while one was already open (ignored). */
  | 'suspendedWhileSuspended';

export interface OnlineServiceAnomaly {
  readonly kind: OnlineServiceAnomalyKind;
  readonly sequence: number;
  readonly event: OnlineServiceEventType;
}

/** The anomalies that put steps out of the procedure's order, in the order findings name them. */
export const outOfOrderKinds = [
  'acceptedWithoutApplication',
  'completedWithoutAcceptance',
  'deliveredWithoutCompletion',
  'continuedAfterNotAccepted',
] as const satisfies readonly OnlineServiceAnomalyKind[];

/**
 * Everything the online service rules need to know about one case. Instants are epoch
 * milliseconds, read once here from the events' ISO text.
 */
export interface OnlineServiceCaseState {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly appliedAt: EpochMillis | null;
  /** Instants of notices to supplement materials before acceptance, in sequence order. */
  readonly supplementRequestedAt: readonly EpochMillis[];
  /** First arrival of the supplemented materials after a notice before acceptance. */
  readonly supplementedAt: EpochMillis | null;
  readonly acceptedAt: EpochMillis | null;
  readonly notAcceptedAt: EpochMillis | null;
  /** Stops of the completion clock after acceptance, in sequence order; only the last can be open. */
  readonly clockStops: readonly OnlineServiceClockStop[];
  readonly completedAt: EpochMillis | null;
  readonly outcome: OnlineServiceOutcome | null;
  /** First delivery of the result, null until there is one. */
  readonly deliveredAt: EpochMillis | null;
  /** Channel of the first delivery. */
  readonly deliveryChannel: DeliveryChannel | null;
  /** Whether any delivery went online. */
  readonly deliveredOnline: boolean;
  /** Whether any delivery carried an electronic certificate. */
  readonly certificateDelivered: boolean;
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** In sequence order. */
  readonly anomalies: readonly OnlineServiceAnomaly[];
}

/** Records an anomaly (a module function, not a closure: folding runs for every record). */
function note(anomalies: OnlineServiceAnomaly[], kind: OnlineServiceAnomalyKind, event: OnlineServiceEvent): void {
  anomalies.push({ kind, sequence: event.sequence, event: event.event });
}

/**
 * Folds a case's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldOnlineServiceCase(events: readonly OnlineServiceEvent[]): OnlineServiceCaseState {
  const { ordered, conflicts: duplicates } = distinctInSequence(events);
  const first = ordered[0];
  if (first === undefined) throw new RangeError('an online service case needs at least one event');
  const conflicts = duplicates.map(({ sequence, kept }): OnlineServiceAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));

  let appliedAt: EpochMillis | null = null;
  const supplementRequestedAt: EpochMillis[] = [];
  let supplementedAt: EpochMillis | null = null;
  let acceptedAt: EpochMillis | null = null;
  let notAcceptedAt: EpochMillis | null = null;
  const clockStops: OnlineServiceClockStop[] = [];
  let openStop: OnlineServiceClockStop | null = null;
  let completedAt: EpochMillis | null = null;
  let outcome: OnlineServiceOutcome | null = null;
  let deliveredAt: EpochMillis | null = null;
  let deliveryChannel: DeliveryChannel | null = null;
  let deliveredOnline = false;
  let certificateDelivered = false;
  const anomalies: OnlineServiceAnomaly[] = [];

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    const at = epochMillisOf(event.occurredAt);
    switch (event.event) {
      case 'applied':
        appliedAt ??= at;
        break;
      case 'supplementRequested':
        if (acceptedAt === null) supplementRequestedAt.push(at);
        else if (openStop !== null) note(anomalies, 'suspendedWhileSuspended', event);
        else openStop = { reason: 'supplement', from: at };
        break;
      case 'supplemented':
        if (acceptedAt === null) {
          if (supplementRequestedAt.length > 0) supplementedAt ??= at;
        } else if (openStop?.reason === 'supplement') {
          clockStops.push({ ...openStop, to: at });
          openStop = null;
        } else {
          note(anomalies, 'resumedWithoutSuspension', event);
        }
        break;
      case 'suspended':
        if (openStop !== null) {
          note(anomalies, 'suspendedWhileSuspended', event);
          break;
        }
        openStop = {
          reason: event.reason,
          from: at,
          applicantNotifiedAt: event.applicantNotifiedAt === undefined ? undefined : epochMillisOf(event.applicantNotifiedAt),
        };
        break;
      case 'resumed':
        if (openStop === null || openStop.reason === 'supplement') {
          note(anomalies, 'resumedWithoutSuspension', event);
          break;
        }
        clockStops.push({ ...openStop, to: at });
        openStop = null;
        break;
      case 'accepted':
      case 'notAccepted':
        if (acceptedAt !== null || notAcceptedAt !== null) {
          note(anomalies, notAcceptedAt !== null && event.event === 'accepted' ? 'continuedAfterNotAccepted' : 'repeated', event);
          break;
        }
        if (appliedAt === null) note(anomalies, 'acceptedWithoutApplication', event);
        if (event.event === 'accepted') acceptedAt = at;
        else notAcceptedAt = at;
        break;
      case 'completed':
        if (completedAt !== null) {
          note(anomalies, 'repeated', event);
          break;
        }
        if (notAcceptedAt !== null) note(anomalies, 'continuedAfterNotAccepted', event);
        else if (acceptedAt === null) note(anomalies, 'completedWithoutAcceptance', event);
        completedAt = at;
        outcome = event.outcome;
        break;
      case 'resultDelivered':
        if (completedAt === null) note(anomalies, 'deliveredWithoutCompletion', event);
        if (deliveredAt === null) {
          deliveredAt = at;
          deliveryChannel = event.channel;
        }
        if (event.channel === 'online') deliveredOnline = true;
        if (event.electronicCertificate === true) certificateDelivered = true;
        break;
    }
  }

  if (openStop !== null) clockStops.push(openStop);

  const last = ordered[ordered.length - 1] as OnlineServiceEvent;
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode: last.matterCode,
    appliedAt,
    supplementRequestedAt,
    supplementedAt,
    acceptedAt,
    notAcceptedAt,
    clockStops,
    completedAt,
    outcome,
    deliveredAt,
    deliveryChannel,
    deliveredOnline,
    certificateDelivered,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    anomalies: anomaliesInSequence(conflicts, anomalies),
  };
}
