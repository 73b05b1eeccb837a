/**
 * A disclosure case (政务信息公开案件) as the fold of the events its department pushed. Events may
 * arrive in any order and more than once: the fold orders them by the department's `sequence`
 * and counts each sequence once, so any permutation of the same events gives the same state.
 * The case type (request or proactive) is that of the first event in sequence order.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import { disclosureCaseTypeOf, type ConsultedParty, type DisclosureEvent, type DisclosureEventType, type DisclosureOutcome } from './disclosure-event.ts';

/** A consultation of a third party or another authority; its time does not count (Art. 33). */
export interface DisclosureConsultation {
  readonly party: ConsultedParty;
  /** Instant the consultation started (that day still counts). */
  readonly from: EpochMillis;
  /** Instant it ended (that day does not count); absent while the consultation is open. */
  readonly to?: EpochMillis;
}

/** One formation or change of proactively disclosed information and its publication. */
export interface ProactiveDisclosureCycle {
  readonly change: 'formed' | 'changed';
  readonly formedAt: EpochMillis;
  /** First publication after this formation (in sequence order), null while unpublished. */
  readonly publishedAt: EpochMillis | null;
}

/** Ways the event history departs from the disclosure procedure. */
export type DisclosureAnomalyKind =
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate'
  /** An event of the other case type (a `published` in a request case, …); ignored. */
  | 'eventOfOtherCaseType'
  /** Any event after the request case was closed. */
  | 'eventAfterClosure'
  /** A reply with no earlier `requestReceived`. */
  | 'repliedWithoutRequest'
  /** A second reply (the first one stands). */
  | 'repliedAgain'
  /** A closure with no earlier reply. */
  | 'closedWithoutReply'
  /** A completed request with no earlier completion request (ignored). */
  | 'completionReceivedWithoutRequest'
  /** A second consultation started while one was open (ignored). */
  | 'consultationStartedWhileOpen'
  /** A consultation ended while none was open. */
  | 'consultationEndedWithoutStart'
  /** A publication with no earlier formation of the information (ignored). */
  | 'publishedWithoutFormation'
  /** A second publication of the same formation (the first one stands). */
  | 'publishedAgain';

export interface DisclosureAnomaly {
  readonly kind: DisclosureAnomalyKind;
  readonly sequence: number;
  readonly event: DisclosureEventType;
}

interface DisclosureCaseCommon {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** In sequence order. */
  readonly anomalies: readonly DisclosureAnomaly[];
}

/**
 * A disclosure request (依申请公开). Instants (here, in consultations and in proactive cycles) are
 * epoch milliseconds, read once by the fold from the events' ISO text: the rules count days with
 * them, and text with different offsets (`…+08:00`, `…Z`) does not even compare in time order.
 */
export interface DisclosureRequestState extends DisclosureCaseCommon {
  readonly caseType: 'request';
  readonly receivedAt: EpochMillis | null;
  /** Instants of requests to complete an unclear request (补正), in sequence order. */
  readonly completionRequestedAt: readonly EpochMillis[];
  /**
   * Arrival of the completed request: the first after a completion request. The notice must be
   * one-time (Art. 30), so a later round does not restart the clock again.
   */
  readonly completionReceivedAt: EpochMillis | null;
  readonly consultations: readonly DisclosureConsultation[];
  /** Sum of approved extensions, in working days. */
  readonly extensionWorkingDays: number;
  readonly repliedAt: EpochMillis | null;
  readonly outcome: DisclosureOutcome | null;
  /** Whether the reply came with reasons. */
  readonly reasonsGiven: boolean;
  readonly closedAt: EpochMillis | null;
}

/** Proactive disclosure (主动公开) of one piece of government information; instants as epoch milliseconds. */
export interface ProactiveDisclosureState extends DisclosureCaseCommon {
  readonly caseType: 'proactive';
  /** Each formation or change, in sequence order; only the last one can still be pending. */
  readonly cycles: readonly ProactiveDisclosureCycle[];
}

export type DisclosureCaseState = DisclosureRequestState | ProactiveDisclosureState;

/** Records an anomaly (a module function, not a closure: folding runs for every record). */
function note(anomalies: DisclosureAnomaly[], kind: DisclosureAnomalyKind, event: DisclosureEvent): void {
  anomalies.push({ kind, sequence: event.sequence, event: event.event });
}

/** The fields every case has, known once its events are folded (its anomalies then complete). */
function commonFields(ordered: readonly DisclosureEvent[], conflicts: readonly DisclosureAnomaly[], anomalies: DisclosureAnomaly[]): DisclosureCaseCommon {
  const first = ordered[0] as DisclosureEvent;
  const last = ordered[ordered.length - 1] as DisclosureEvent;
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode: last.matterCode,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    anomalies: anomaliesInSequence(conflicts, anomalies),
  };
}

function foldRequest(ordered: readonly DisclosureEvent[], conflicts: readonly DisclosureAnomaly[]): DisclosureRequestState {
  const anomalies: DisclosureAnomaly[] = [];
  let receivedAt: EpochMillis | null = null;
  const completionRequestedAt: EpochMillis[] = [];
  let completionReceivedAt: EpochMillis | null = null;
  const consultations: DisclosureConsultation[] = [];
  let open: { party: ConsultedParty; from: EpochMillis } | null = null;
  let extensionWorkingDays = 0;
  let repliedAt: EpochMillis | null = null;
  let outcome: DisclosureOutcome | null = null;
  let reasonsGiven = false;
  let closedAt: EpochMillis | null = null;

  for (const event of ordered) {
    if (closedAt !== null) note(anomalies, 'eventAfterClosure', event);
    const at = epochMillisOf(event.occurredAt);
    switch (event.event) {
      case 'requestReceived':
        receivedAt ??= at;
        break;
      case 'completionRequested':
        completionRequestedAt.push(at);
        break;
      case 'completionReceived':
        if (completionRequestedAt.length === 0) note(anomalies, 'completionReceivedWithoutRequest', event);
        else completionReceivedAt ??= at;
        break;
      case 'consultationStarted':
        if (open === null) open = { party: event.party, from: at };
        else note(anomalies, 'consultationStartedWhileOpen', event);
        break;
      case 'consultationEnded':
        if (open === null) {
          note(anomalies, 'consultationEndedWithoutStart', event);
        } else {
          consultations.push({ party: open.party, from: open.from, to: at });
          open = null;
        }
        break;
      case 'extended':
        extensionWorkingDays += event.additionalWorkingDays;
        break;
      case 'replied':
        if (repliedAt !== null) {
          note(anomalies, 'repliedAgain', event);
          break;
        }
        if (receivedAt === null) note(anomalies, 'repliedWithoutRequest', event);
        repliedAt = at;
        outcome = event.outcome;
        reasonsGiven = event.reasons !== undefined;
        break;
      case 'closed':
        if (closedAt !== null) break;
        if (repliedAt === null) note(anomalies, 'closedWithoutReply', event);
        closedAt = at;
        break;
      default:
        note(anomalies, 'eventOfOtherCaseType', event);
    }
  }
  if (open !== null) consultations.push(open);
  // One literal, keys in the order the state always had: spreading two objects into one cost more than the rest of the fold.
  const common = commonFields(ordered, conflicts, anomalies);
  return {
    department: common.department,
    caseId: common.caseId,
    matterCode: common.matterCode,
    lastSequence: common.lastSequence,
    eventCount: common.eventCount,
    anomalies: common.anomalies,
    caseType: 'request',
    receivedAt,
    completionRequestedAt,
    completionReceivedAt,
    consultations,
    extensionWorkingDays,
    repliedAt,
    outcome,
    reasonsGiven,
    closedAt,
  };
}

function foldProactive(ordered: readonly DisclosureEvent[], anomalies: DisclosureAnomaly[]): ProactiveDisclosureCycle[] {
  const cycles: { change: 'formed' | 'changed'; formedAt: EpochMillis; publishedAt: EpochMillis | null }[] = [];
  for (const event of ordered) {
    if (event.event === 'informationFormed') {
      cycles.push({ change: event.change, formedAt: epochMillisOf(event.occurredAt), publishedAt: null });
    } else if (event.event === 'published') {
      const current = cycles.at(-1);
      if (current === undefined) note(anomalies, 'publishedWithoutFormation', event);
      else if (current.publishedAt !== null) note(anomalies, 'publishedAgain', event);
      else current.publishedAt = epochMillisOf(event.occurredAt);
    } else {
      note(anomalies, 'eventOfOtherCaseType', event);
    }
  }
  return cycles;
}

/**
 * Folds a case's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldDisclosureCase(events: readonly DisclosureEvent[]): DisclosureCaseState {
  const { ordered, conflicts: duplicates } = distinctInSequence(events);
  const conflicts = duplicates.map(({ sequence, kept }): DisclosureAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));
  const first = ordered[0];
  if (first === undefined) throw new RangeError('a disclosure case needs at least one event');
  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
  }

  if (disclosureCaseTypeOf(first.event) === 'proactive') {
    const anomalies: DisclosureAnomaly[] = [];
    const cycles = foldProactive(ordered, anomalies);
    const { department, caseId, matterCode, lastSequence, eventCount, anomalies: inSequence } = commonFields(ordered, conflicts, anomalies);
    return { department, caseId, matterCode, lastSequence, eventCount, anomalies: inSequence, caseType: 'proactive', cycles };
  }
  return foldRequest(ordered, conflicts);
}
