/**
 * An administrative penalty case (行政处罚案件) as the fold of the events its department pushed.
 * Events may arrive in any order and more than once: the fold orders them by the department's
 * `sequence` and counts each sequence once, so any permutation of the same events gives the same
 * state. "Before" always means earlier in the department's sequence.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { PenaltyCircumstance, PenaltyEvent, PenaltyEventType } from './penalty-event.ts';

/** Ways the event history departs from the penalty procedure. */
export type PenaltyAnomalyKind =
  /** A decision with no earlier `caseFiled` (立案 must precede 决定, Art. 54). */
  | 'decidedWithoutFiling'
  /** A decision with no earlier `priorNoticeIssued` (告知 must precede 决定, Art. 44, 62). */
  | 'decidedWithoutPriorNotice'
  /** An execution with no earlier decision. */
  | 'executedWithoutDecision'
  /** A publication with no earlier decision. */
  | 'publishedWithoutDecision'
  /** A second `caseFiled` (the first filing stands). */
  | 'filedAgain'
  /** A second `decided` event (the first decision stands). */
  | 'decidedAgain'
  /** Any event after the case was closed. */
  | 'eventAfterClosure'
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate';

export interface PenaltyAnomaly {
  readonly kind: PenaltyAnomalyKind;
  readonly sequence: number;
  readonly event: PenaltyEventType;
}

/** A step known by when it happened and where it stands in the department's sequence. */
export interface PenaltyStep {
  /** The event's instant, read once from its ISO text. */
  readonly at: EpochMillis;
  readonly sequence: number;
}

/** A prior notice (事先告知) and the penalty it proposed. */
export interface PenaltyPriorNotice extends PenaltyStep {
  readonly proposedFineYuan: number;
  readonly violationCode: string;
  readonly circumstance: PenaltyCircumstance;
}

/** The (first) penalty decision. */
export interface PenaltyDecision extends PenaltyStep {
  readonly fineYuan: number;
  readonly violationCode: string;
  readonly circumstance: PenaltyCircumstance;
  readonly publicationRequired: boolean;
}

/**
 * Everything the penalty rules need to know about one case. First occurrences unless noted.
 * Instants (each step's `at`) are epoch milliseconds, read once here from the events' ISO text:
 * the rules count days with them, and text with different offsets (`…+08:00`, `…Z`) does not
 * even compare in time order.
 */
export interface PenaltyCaseState {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly filed: PenaltyStep | null;
  readonly investigationConcluded: PenaltyStep | null;
  /** Every prior notice, in sequence order (a changed proposal needs a new notice). */
  readonly priorNotices: readonly PenaltyPriorNotice[];
  readonly hearingRequested: PenaltyStep | null;
  readonly hearingNoticeIssued: PenaltyStep | null;
  readonly hearingHeld: PenaltyStep | null;
  /** Sum of approved extensions of the decision period, in calendar days. */
  readonly extensionCalendarDays: number;
  readonly decision: PenaltyDecision | null;
  readonly published: PenaltyStep | null;
  readonly executed: PenaltyStep | null;
  readonly closed: PenaltyStep | null;
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** In sequence order. */
  readonly anomalies: readonly PenaltyAnomaly[];
}

/** Records an anomaly (a module function, not a closure: folding runs for every record). */
function note(anomalies: PenaltyAnomaly[], kind: PenaltyAnomalyKind, event: PenaltyEvent): void {
  anomalies.push({ kind, sequence: event.sequence, event: event.event });
}

/**
 * Folds a penalty case's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldPenaltyCase(events: readonly PenaltyEvent[]): PenaltyCaseState {
  const { ordered, conflicts: duplicates } = distinctInSequence(events);
  const conflicts = duplicates.map(({ sequence, kept }): PenaltyAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));
  const first = ordered[0];
  if (first === undefined) throw new RangeError('a penalty case needs at least one event');

  let matterCode = first.matterCode;
  let filed: PenaltyStep | null = null;
  let investigationConcluded: PenaltyStep | null = null;
  const priorNotices: PenaltyPriorNotice[] = [];
  let hearingRequested: PenaltyStep | null = null;
  let hearingNoticeIssued: PenaltyStep | null = null;
  let hearingHeld: PenaltyStep | null = null;
  let extensionCalendarDays = 0;
  let decision: PenaltyDecision | null = null;
  let published: PenaltyStep | null = null;
  let executed: PenaltyStep | null = null;
  let closed: PenaltyStep | null = null;
  const anomalies: PenaltyAnomaly[] = [];

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    matterCode = event.matterCode;
    if (closed !== null) note(anomalies, 'eventAfterClosure', event);
    const at = epochMillisOf(event.occurredAt);
    const step: PenaltyStep = { at, sequence: event.sequence };
    switch (event.event) {
      case 'caseFiled':
        if (filed === null) filed = step;
        else note(anomalies, 'filedAgain', event);
        break;
      case 'investigationConcluded':
        investigationConcluded ??= step;
        break;
      case 'priorNoticeIssued':
        priorNotices.push({
          at,
          sequence: event.sequence,
          proposedFineYuan: event.proposedFineYuan,
          violationCode: event.violationCode,
          circumstance: event.circumstance,
        });
        break;
      case 'hearingRequested':
        hearingRequested ??= step;
        break;
      case 'hearingNoticeIssued':
        hearingNoticeIssued ??= step;
        break;
      case 'hearingHeld':
        hearingHeld ??= step;
        break;
      case 'extended':
        extensionCalendarDays += event.additionalCalendarDays;
        break;
      case 'decided':
        if (decision !== null) {
          note(anomalies, 'decidedAgain', event);
          break;
        }
        if (filed === null) note(anomalies, 'decidedWithoutFiling', event);
        if (priorNotices.length === 0) note(anomalies, 'decidedWithoutPriorNotice', event);
        decision = {
          at,
          sequence: event.sequence,
          fineYuan: event.fineYuan,
          violationCode: event.violationCode,
          circumstance: event.circumstance,
          publicationRequired: event.publicationRequired,
        };
        break;
      case 'published':
        if (published !== null) break;
        if (decision === null) note(anomalies, 'publishedWithoutDecision', event);
        published = step;
        break;
      case 'executed':
        if (executed !== null) break;
        if (decision === null) note(anomalies, 'executedWithoutDecision', event);
        executed = step;
        break;
      case 'closed':
        closed ??= step;
        break;
    }
  }

  const last = ordered[ordered.length - 1] as PenaltyEvent;
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode,
    filed,
    investigationConcluded,
    priorNotices,
    hearingRequested,
    hearingNoticeIssued,
    hearingHeld,
    extensionCalendarDays,
    decision,
    published,
    executed,
    closed,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    anomalies: anomaliesInSequence(conflicts, anomalies),
  };
}
