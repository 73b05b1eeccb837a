/**
 * A tender (one project of a buyer) as the fold of the events pushed for it. Events may arrive in
 * any order and more than once: the fold orders them by `sequence` and counts each sequence once,
 * so any permutation of the same events gives the same state.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { TenderCancellationReason, TenderEvent, TenderEventType } from './tender-event.ts';

/** Ways the event history departs from the tendering procedure. */
export type TenderAnomalyKind =
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate'
  /** A second notice, bid opening, evaluation, award or contract (the first one stands). */
  | 'repeatedStep'
  /** Any event before the notice was published. */
  | 'eventBeforeNotice'
  /** A clarification or amendment after the bids were opened (ignored for the bid deadline). */
  | 'amendedAfterBidsOpened'
  /** Bids opened before the bid deadline in force (Art. 34: opening happens at the deadline). */
  | 'bidsOpenedBeforeDeadline'
  /** An award with no earlier bid opening. */
  | 'awardedWithoutBidsOpened'
  /** A contract with no earlier award. */
  | 'contractSignedWithoutAward'
  /** Any event after the tender was closed or cancelled. */
  | 'eventAfterConclusion';

export interface TenderAnomaly {
  readonly kind: TenderAnomalyKind;
  readonly sequence: number;
  readonly event: TenderEventType;
}

/** A clarification or amendment of the tender documents. */
export interface TenderAmendment {
  readonly at: EpochMillis;
  /** Bid deadline in force after it. */
  readonly bidDeadline: EpochMillis;
}

/**
 * Everything the tender rules need to know about one tender. Instants are epoch milliseconds, read
 * once here from the events' ISO text (`occurredAt`, `bidDeadline`, `publicityEndsAt`): the rules
 * compare them and count days with them, and text with different offsets (`…+08:00`, `…Z`) does
 * not even compare in time order.
 */
export interface TenderCaseState {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly buyerId: string | null;
  readonly estimatedAmountYuan: number | null;
  readonly noticePublishedAt: EpochMillis | null;
  /** Bid deadline in the original notice. */
  readonly originalBidDeadline: EpochMillis | null;
  /** Bid deadline in force: the original, or the one of the last amendment before bid opening. */
  readonly bidDeadline: EpochMillis | null;
  /** Amendments before bid opening, in sequence order. */
  readonly amendments: readonly TenderAmendment[];
  readonly bidsOpenedAt: EpochMillis | null;
  readonly bidderCount: number | null;
  readonly evaluationCompletedAt: EpochMillis | null;
  /** Start of the latest candidate publicity (a publicity may be repeated, e.g. after an objection). */
  readonly candidatesPublicizedAt: EpochMillis | null;
  readonly publicityEndsAt: EpochMillis | null;
  readonly awardedAt: EpochMillis | null;
  /**
   * The award's `occurredAt` as the department wrote it: the buyer's cross-case group stores this
   * text (see `tenderCrossCase`), and what is stored does not change with how the state holds instants.
   */
  readonly awardedAtAsWritten: string | null;
  readonly winnerId: string | null;
  readonly awardedAmountYuan: number | null;
  readonly contractSignedAt: EpochMillis | null;
  readonly contractAmountYuan: number | null;
  readonly closedAt: EpochMillis | null;
  readonly cancelledAt: EpochMillis | null;
  readonly cancellationReason: TenderCancellationReason | null;
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** In sequence order. */
  readonly anomalies: readonly TenderAnomaly[];
}

/** Records an anomaly (a module function, not a closure: folding runs for every record). */
function note(anomalies: TenderAnomaly[], kind: TenderAnomalyKind, event: TenderEvent): void {
  anomalies.push({ kind, sequence: event.sequence, event: event.event });
}

/**
 * Folds a tender's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldTenderCase(events: readonly TenderEvent[]): TenderCaseState {
  const { ordered, conflicts: duplicates } = distinctInSequence(events);
  const conflicts = duplicates.map(({ sequence, kept }): TenderAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));
  const first = ordered[0];
  if (first === undefined) throw new RangeError('a tender case needs at least one event');

  let matterCode = first.matterCode;
  let buyerId: string | null = null;
  let estimatedAmountYuan: number | null = null;
  let noticePublishedAt: EpochMillis | null = null;
  let originalBidDeadline: EpochMillis | null = null;
  let bidDeadline: EpochMillis | null = null;
  const amendments: TenderAmendment[] = [];
  let bidsOpenedAt: EpochMillis | null = null;
  let bidderCount: number | null = null;
  let evaluationCompletedAt: EpochMillis | null = null;
  let candidatesPublicizedAt: EpochMillis | null = null;
  let publicityEndsAt: EpochMillis | null = null;
  let awardedAt: EpochMillis | null = null;
  let awardedAtAsWritten: string | null = null;
  let winnerId: string | null = null;
  let awardedAmountYuan: number | null = null;
  let contractSignedAt: EpochMillis | null = null;
  let contractAmountYuan: number | null = null;
  let closedAt: EpochMillis | null = null;
  let cancelledAt: EpochMillis | null = null;
  let cancellationReason: TenderCancellationReason | null = null;
  const anomalies: TenderAnomaly[] = [];

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    matterCode = event.matterCode;
    if (closedAt !== null || cancelledAt !== null) note(anomalies, 'eventAfterConclusion', event);
    if (noticePublishedAt === null && event.event !== 'noticePublished') note(anomalies, 'eventBeforeNotice', event);
    const at = epochMillisOf(event.occurredAt);
    switch (event.event) {
      case 'noticePublished':
        if (noticePublishedAt !== null) {
          note(anomalies, 'repeatedStep', event);
          break;
        }
        noticePublishedAt = at;
        buyerId = event.buyerId;
        estimatedAmountYuan = event.estimatedAmountYuan;
        originalBidDeadline = epochMillisOf(event.bidDeadline);
        // An amendment that arrived with a lower sequence than the notice is an anomaly already.
        bidDeadline ??= originalBidDeadline;
        break;
      case 'noticeAmended':
        if (bidsOpenedAt !== null) {
          note(anomalies, 'amendedAfterBidsOpened', event);
          break;
        }
        bidDeadline = epochMillisOf(event.bidDeadline);
        amendments.push({ at, bidDeadline });
        break;
      case 'bidsOpened':
        if (bidsOpenedAt !== null) {
          note(anomalies, 'repeatedStep', event);
          break;
        }
        if (bidDeadline !== null && at < bidDeadline) note(anomalies, 'bidsOpenedBeforeDeadline', event);
        bidsOpenedAt = at;
        bidderCount = event.bidderCount;
        break;
      case 'evaluationCompleted':
        if (evaluationCompletedAt !== null) note(anomalies, 'repeatedStep', event);
        else evaluationCompletedAt = at;
        break;
      case 'candidatesPublicized':
        candidatesPublicizedAt = at;
        publicityEndsAt = epochMillisOf(event.publicityEndsAt);
        break;
      case 'awarded':
        if (awardedAt !== null) {
          note(anomalies, 'repeatedStep', event);
          break;
        }
        if (bidsOpenedAt === null) note(anomalies, 'awardedWithoutBidsOpened', event);
        awardedAt = at;
        awardedAtAsWritten = event.occurredAt;
        winnerId = event.winnerId;
        awardedAmountYuan = event.amountYuan;
        break;
      case 'contractSigned':
        if (contractSignedAt !== null) {
          note(anomalies, 'repeatedStep', event);
          break;
        }
        if (awardedAt === null) note(anomalies, 'contractSignedWithoutAward', event);
        contractSignedAt = at;
        contractAmountYuan = event.amountYuan;
        break;
      case 'closed':
        closedAt ??= at;
        break;
      case 'cancelled':
        if (cancelledAt === null) {
          cancelledAt = at;
          cancellationReason = event.reason;
        }
        break;
    }
  }

  const last = ordered[ordered.length - 1] as TenderEvent;
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode,
    buyerId,
    estimatedAmountYuan,
    noticePublishedAt,
    originalBidDeadline,
    bidDeadline,
    amendments,
    bidsOpenedAt,
    bidderCount,
    evaluationCompletedAt,
    candidatesPublicizedAt,
    publicityEndsAt,
    awardedAt,
    awardedAtAsWritten,
    winnerId,
    awardedAmountYuan,
    contractSignedAt,
    contractAmountYuan,
    closedAt,
    cancelledAt,
    cancellationReason,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    anomalies: anomaliesInSequence(conflicts, anomalies),
  };
}
