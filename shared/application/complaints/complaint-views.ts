/**
 * What each audience sees of a complaint. The public status carries no personal data, no internal
 * notes, no department evidence and no send-back reasons; queue rows carry no personal data;
 * the staff detail shows the complainant as the scope rules allow (`complaint-scope.ts`). Once the
 * personal data was erased, the views show the complaint without it and say when it went.
 */
import type { IdentityView } from '../../access/complaint-scope.ts';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import type { Complainant } from '../../domain/complaints/complainant.ts';
import { currentSignalLevel } from '../../domain/complaints/complaint-clock.ts';
import { closedStages, noticeKinds, type Complaint, type ComplaintStep, type NoticeKind } from '../../domain/complaints/complaint.ts';
import { closedAt, withinWindow } from '../../domain/complaints/complaint-lifecycle.ts';
import { personalDataErased } from '../../domain/complaints/personal-data-retention.ts';

const noticesOf = (complaint: Complaint): NoticeKind[] => noticeKinds.filter((kind) => complaint.notices[kind] !== undefined);

/** The last day (Shanghai) on which the complaint may still be re-opened, if it still may be. */
export function reopeningOpenUntil(complaint: Complaint, now: Date, windowDays: number): string | undefined {
  const closed = closedAt(complaint);
  if (closed === undefined || complaint.reopenedAs !== undefined) return undefined;
  const until = new Date(Date.parse(closed) + windowDays * 86_400_000);
  return until.getTime() >= now.getTime() ? shanghaiDate(until) : undefined;
}

export interface PublicComplaintStatus {
  readonly receiptNumber: string;
  readonly stage: 'awaitingDecision' | 'notAccepted' | 'inHandling' | 'concluded';
  readonly receivedOn: string;
  readonly acceptanceDueBy: string;
  readonly acceptanceDeadlineProvisional: boolean;
  readonly decision?: {
    readonly decidedOn: string;
    readonly accepted: boolean;
    readonly reasons?: string;
    readonly handledBy?: string;
    readonly handlingDueBy?: string;
  };
  readonly result?: { readonly concludedOn: string; readonly summary: string };
  readonly notices: readonly NoticeKind[];
  readonly rating?: { readonly score: number; readonly ratedOn: string };
  readonly ratingOpen: boolean;
  readonly reopeningOpenUntil?: string;
  readonly reopenOf?: string;
  readonly reopenedAs?: string;
}

/**
 * What the holder of the query token sees: stage, dates, deadlines, decision, result — nothing
 * internal, nobody's data. `issuingOrgan` names the supervisory organ of the complaint's
 * jurisdiction, which handles it when no department does.
 */
export function publicStatusOf(complaint: Complaint, now: Date, reopeningWindowDays: number, issuingOrgan: string): PublicComplaintStatus {
  const { decision, handling } = complaint;
  const stage = complaint.stage === 'forwarded' || complaint.stage === 'awaitingReview' ? 'inHandling' : complaint.stage;
  const closed = closedStages.includes(complaint.stage);
  const erased = personalDataErased(complaint);
  const until = erased ? undefined : reopeningOpenUntil(complaint, now, reopeningWindowDays);
  return {
    receiptNumber: complaint.receiptNumber,
    stage,
    receivedOn: complaint.receivedOn,
    acceptanceDueBy: complaint.acceptanceDeadline.date,
    acceptanceDeadlineProvisional: complaint.acceptanceDeadline.provisional,
    ...(decision
      ? {
          decision: {
            decidedOn: decision.decidedOn,
            accepted: decision.accepted,
            ...(decision.reasons === undefined ? {} : { reasons: decision.reasons }),
            ...(handling ? { handledBy: handling.by === 'department' ? handling.departmentName : issuingOrgan, handlingDueBy: handling.deadline.date } : {}),
          },
        }
      : {}),
    ...(complaint.stage === 'concluded' && complaint.concludedOn && complaint.resultSummary
      ? { result: { concludedOn: complaint.concludedOn, summary: complaint.resultSummary } }
      : {}),
    // The notices' PDFs went with the personal data: none is available any more.
    notices: erased ? [] : noticesOf(complaint),
    ...(complaint.rating ? { rating: { score: complaint.rating.score, ratedOn: shanghaiDate(complaint.rating.ratedAt) } } : {}),
    ratingOpen: closed && complaint.rating === undefined && !erased && withinWindow(complaint, reopeningWindowDays, now),
    ...(until === undefined ? {} : { reopeningOpenUntil: until }),
    ...(complaint.reopenOf === undefined ? {} : { reopenOf: complaint.reopenOf }),
    ...(complaint.reopenedAs === undefined ? {} : { reopenedAs: complaint.reopenedAs }),
  };
}

/** A queue row: enough to sort and pick, no personal data, no content. */
export function queueRowOf(complaint: Complaint) {
  const deadline = complaint.stage === 'awaitingDecision' ? complaint.acceptanceDeadline : (complaint.handling?.deadline ?? null);
  return {
    receiptNumber: complaint.receiptNumber,
    version: complaint.version,
    stage: complaint.stage,
    category: complaint.category,
    jurisdiction: complaint.jurisdiction,
    ...(complaint.subject.kind === 'department' ? { department: complaint.subject.department } : {}),
    realName: complaint.realName,
    receivedOn: complaint.receivedOn,
    deadline,
    signal: currentSignalLevel(complaint),
    escalated:
      complaint.clock !== null &&
      complaint.signals.some((s) => s.clock === complaint.clock?.name && s.round === complaint.clock.round && s.level === 'correction'),
  };
}

/** The answer to a step: where the complaint stands now. */
export function changedViewOf(complaint: Complaint) {
  return { receiptNumber: complaint.receiptNumber, version: complaint.version, stage: complaint.stage, notices: noticesOf(complaint) };
}

export interface OpenedComplaint {
  /** Undefined once the personal data was erased. */
  readonly content?: string;
  /** As the caller may see it; undefined when anonymous or withheld. */
  readonly complainant?: Complainant;
  readonly ratingComment?: string;
}

/** When the personal data is erased (a finished complaint) or was erased; nothing while the complaint runs. */
function personalDataViewOf(complaint: Complaint): { personalData?: { readonly retainedUntil?: string; readonly erasedAt?: string } } {
  const { personalDataRetainedUntil: retainedUntil, personalDataErasedAt: erasedAt } = complaint;
  if (retainedUntil === undefined && erasedAt === undefined) return {};
  return { personalData: { ...(retainedUntil === undefined ? {} : { retainedUntil }), ...(erasedAt === undefined ? {} : { erasedAt }) } };
}

/** The staff detail: the complaint, its content, the complainant as allowed, and the timeline. */
export function detailViewOf(complaint: Complaint, identity: IdentityView, opened: OpenedComplaint, timeline: readonly ComplaintStep[]) {
  const { decision, handling, clock } = complaint;
  return {
    receiptNumber: complaint.receiptNumber,
    version: complaint.version,
    stage: complaint.stage,
    category: complaint.category,
    subject: complaint.subject,
    jurisdiction: complaint.jurisdiction,
    receivedAt: complaint.receivedAt,
    acceptanceDeadline: complaint.acceptanceDeadline,
    ...(opened.content === undefined ? {} : { content: opened.content }),
    realName: complaint.realName,
    identityDisclosureConsent: complaint.identityDisclosureConsent,
    identity,
    ...(opened.complainant && (identity === 'masked' || identity === 'full') ? { complainant: opened.complainant } : {}),
    ...(identity === 'withheld' ? { identityWithheld: true as const } : {}),
    clock: clock
      ? {
          name: clock.name,
          round: clock.round,
          actor: clock.actor,
          deadline: clock.deadline,
          pending: clock.timers.filter((t) => t.firedAt === undefined).map((t) => ({ level: t.level, dueAt: t.dueAt })),
        }
      : null,
    ...(decision ? { decision } : {}),
    ...(handling ? { handling } : {}),
    results: complaint.results,
    reviews: complaint.reviews,
    ...(complaint.resultSummary === undefined ? {} : { resultSummary: complaint.resultSummary }),
    ...(complaint.concludedOn === undefined ? {} : { concludedOn: complaint.concludedOn }),
    signals: complaint.signals,
    notices: complaint.notices,
    ...(complaint.rating
      ? {
          rating: {
            score: complaint.rating.score,
            ratedAt: complaint.rating.ratedAt,
            ...(opened.ratingComment === undefined ? {} : { comment: opened.ratingComment }),
          },
        }
      : {}),
    ...(complaint.reopenOf === undefined ? {} : { reopenOf: complaint.reopenOf }),
    ...(complaint.reopenedAs === undefined ? {} : { reopenedAs: complaint.reopenedAs }),
    ...personalDataViewOf(complaint),
    timeline,
  };
}
