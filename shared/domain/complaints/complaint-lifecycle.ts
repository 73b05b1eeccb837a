/**
 * What may happen to a complaint, as pure functions: each checks the stage, returns the next state
 * (version + 1) and the timeline steps to append. Stages and clocks: see `complaint.ts` and
 * `complaint-clock.ts`. Refusals name the rule broken; the edge turns them into HTTP.
 */
import type { Bilingual } from '../bilingual.ts';
import { Refusal } from '../refusal.ts';
import { epochDayOf, shanghaiDate, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { acceptanceClock, handlingClock, type ComplaintClockPolicy } from './complaint-clock.ts';
import { personalDataErased, retentionEndOf } from './personal-data-retention.ts';
import {
  closedStages,
  type ClockActor,
  type Complaint,
  type ComplaintCategory,
  type ComplaintChangeSet,
  type ComplaintStep,
  type ComplaintSubject,
  type ComplaintFinding,
  type Evidence,
  type Handling,
  type NoticeDelivery,
  type NoticeKind,
  type SealedRecord,
} from './complaint.ts';

/** The step asked for is not possible in the complaint's current stage (or was already taken). */
export class ComplaintActionNotAllowed extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
  constructor(
    readonly action: string,
    readonly stage: string,
    readonly rule: Bilingual,
  ) {
    super({ zh: `该投诉不能执行 ${action}`, en: `Cannot ${action} this complaint` }, { zh: `${rule.zh}。`, en: `${rule.en}.` });
    // Stack traces and test failures name the rule, not only the step.
    this.message = `${action} not allowed: ${rule.en}`;
  }
}

/** A handling deadline outside what the rules allow. */
export class HandlingDeadlineError extends Error {
  constructor(readonly words: Bilingual) {
    super(words.en);
  }
}

/** Latest handling deadline a supervisor may set, in calendar days after the decision. */
export const maxHandlingCalendarDays = 180;

/** Who acts and when; `cal` and `policy` for the clocks a step starts. */
export interface StepContext {
  readonly at: Date;
  /** `role:subject`, `system` or `public`. */
  readonly actor: string;
}

/** A step that may finish the complaint: the retention of its personal data starts then. */
export interface FinishingContext extends StepContext {
  readonly policy: Pick<ComplaintClockPolicy, 'personalDataRetentionDays'>;
}

export interface ClockContext extends FinishingContext {
  readonly cal: WorkingDayCalendar;
  readonly policy: ComplaintClockPolicy;
}

type StepDraft = Omit<ComplaintStep, 'sequence' | 'at' | 'actor'> & { readonly actor?: string };

/** Applies a change: version + 1, steps numbered after the complaint's last one. */
function change(
  complaint: Complaint,
  next: Omit<Complaint, 'version' | 'stepCount' | 'updatedAt'>,
  drafts: readonly StepDraft[],
  context: StepContext,
): ComplaintChangeSet {
  const at = context.at.toISOString();
  const steps = drafts.map((draft, index) => ({
    sequence: complaint.stepCount + index + 1,
    at,
    actor: draft.actor ?? context.actor,
    action: draft.action,
    details: draft.details,
    internal: draft.internal,
  }));
  return { complaint: { ...next, version: complaint.version + 1, stepCount: complaint.stepCount + steps.length, updatedAt: at }, steps };
}

function requireStage(complaint: Complaint, action: string, stages: readonly Complaint['stage'][]): void {
  if (!stages.includes(complaint.stage)) {
    throw new ComplaintActionNotAllowed(action, complaint.stage, {
      zh: `投诉处于 ${stages.join('或')} 阶段时才能执行，当前为 ${complaint.stage}`,
      en: `possible while the complaint is ${stages.join(' or ')}, it is ${complaint.stage}`,
    });
  }
}

/** Steps that would take or copy personal data are refused once it was erased. */
function requirePersonalData(complaint: Complaint, action: string): void {
  if (personalDataErased(complaint)) {
    const erasedOn = complaint.personalDataErasedAt?.slice(0, 10);
    throw new ComplaintActionNotAllowed(action, complaint.stage, {
      zh: `该投诉的个人信息已于 ${erasedOn} 保存期限届满时删除`,
      en: `the personal data of this complaint was erased on ${erasedOn} at the end of its retention period`,
    });
  }
}

/** The retention end stamped on a complaint finished at `at`. */
const retainedUntil = (at: Date, context: FinishingContext): string => retentionEndOf(at, context.policy.personalDataRetentionDays);

export interface FilingInput {
  readonly receiptNumber: string;
  readonly receivedAt: string;
  readonly subject: ComplaintSubject;
  readonly category: ComplaintCategory;
  readonly realName: boolean;
  readonly identityDisclosureConsent: boolean;
  readonly sealed: SealedRecord;
  readonly queryTokenHash: string;
  /** The complaint this one re-opens. */
  readonly reopenOf?: string;
}

/** A complaint as filed: awaiting the decision on acceptance, its clock running. */
export function newComplaint(input: FilingInput, context: { readonly cal: WorkingDayCalendar; readonly policy: ComplaintClockPolicy }): ComplaintChangeSet {
  const clock = acceptanceClock(context.cal, input.receivedAt, context.policy);
  const complaint: Complaint = {
    receiptNumber: input.receiptNumber,
    version: 1,
    stage: 'awaitingDecision',
    receivedAt: input.receivedAt,
    receivedOn: shanghaiDate(input.receivedAt),
    subject: input.subject,
    jurisdiction: input.subject.jurisdiction,
    category: input.category,
    realName: input.realName,
    identityDisclosureConsent: input.realName && input.identityDisclosureConsent,
    sealed: input.sealed,
    queryTokenHash: input.queryTokenHash,
    acceptanceDeadline: clock.deadline,
    clock,
    results: [],
    reviews: [],
    signals: [],
    notices: {},
    ...(input.reopenOf === undefined ? {} : { reopenOf: input.reopenOf }),
    stepCount: 1,
    updatedAt: input.receivedAt,
  };
  const step: ComplaintStep = {
    sequence: 1,
    at: input.receivedAt,
    actor: 'public',
    action: input.reopenOf === undefined ? 'filed' : 'filedAsReopening',
    details: {
      category: input.category,
      realName: input.realName,
      subject: input.subject.kind,
      ...(input.subject.kind === 'department' ? { department: input.subject.department } : {}),
      jurisdiction: input.subject.jurisdiction,
      acceptanceDueBy: clock.deadline.date,
      provisional: clock.deadline.provisional,
      ...(input.reopenOf === undefined ? {} : { reopenOf: input.reopenOf }),
    },
    internal: false,
  };
  return { complaint, steps: [step] };
}

function checkHandlingDeadline(deadline: LocalDate, decidedOn: LocalDate): void {
  const days = epochDayOf(deadline) - epochDayOf(decidedOn);
  if (days < 1) throw new HandlingDeadlineError({ zh: '办理期限应晚于今日（北京时间）', en: 'the handling deadline must be after today (Shanghai date)' });
  if (days > maxHandlingCalendarDays) {
    throw new HandlingDeadlineError({
      zh: `办理期限最多为 ${maxHandlingCalendarDays} 日之后`,
      en: `the handling deadline may be at most ${maxHandlingCalendarDays} days ahead`,
    });
  }
}

export type DecisionInput =
  | { readonly accepted: false; readonly reasons: string }
  | { readonly accepted: true; readonly reasons?: string; readonly handling: Handling; readonly deadline: LocalDate };

/** The decision on acceptance: stops the acceptance clock; accepting starts a handling clock. */
export function applyDecision(complaint: Complaint, input: DecisionInput, context: ClockContext): ComplaintChangeSet {
  requireStage(complaint, 'decide', ['awaitingDecision']);
  const decidedAt = context.at.toISOString();
  const decidedOn = shanghaiDate(context.at);
  const decision = {
    decidedAt,
    decidedOn,
    decidedBy: context.actor,
    accepted: input.accepted,
    ...(input.reasons === undefined ? {} : { reasons: input.reasons }),
  };
  if (!input.accepted) {
    return change(
      complaint,
      { ...complaint, stage: 'notAccepted', decision, clock: null, personalDataRetainedUntil: retainedUntil(context.at, context) },
      [{ action: 'decided', details: { accepted: false, decidedOn }, internal: false }],
      context,
    );
  }
  checkHandlingDeadline(input.deadline, decidedOn);
  const department = input.handling.by === 'department' ? input.handling.department : undefined;
  const clock = handlingClock(
    context.cal,
    decidedAt,
    input.deadline,
    1,
    { by: input.handling.by, ...(department === undefined ? {} : { department }) },
    context.policy,
  );
  const handling = { ...input.handling, deadline: clock.deadline, round: 1, assignedAt: decidedAt };
  const handlingStep: StepDraft =
    input.handling.by === 'department'
      ? {
          action: 'forwarded',
          details: {
            department: input.handling.department,
            deadline: clock.deadline.date,
            provisional: clock.deadline.provisional,
            aboutRecipient: input.handling.aboutRecipient,
          },
          internal: false,
        }
      : { action: 'handlingAssigned', details: { by: 'supervisor', deadline: clock.deadline.date, provisional: clock.deadline.provisional }, internal: false };
  return change(
    complaint,
    { ...complaint, stage: input.handling.by === 'department' ? 'forwarded' : 'inHandling', decision, handling, clock },
    [{ action: 'decided', details: { accepted: true, decidedOn }, internal: false }, handlingStep],
    context,
  );
}

export interface ResultInput {
  readonly by: ClockActor;
  /** The reporting department (for `by: 'department'`). */
  readonly department?: string;
  readonly summary: string;
  readonly finding?: ComplaintFinding;
  readonly evidence: readonly Evidence[];
  readonly note?: string;
}

/**
 * The result of handling: the supervisor's own concludes the complaint; a department's waits for
 * the supervisor's review. Either stops the handling clock.
 */
export function applyResult(complaint: Complaint, input: ResultInput, context: FinishingContext): ComplaintChangeSet {
  const handling = complaint.handling;
  const round = handling?.round ?? 1;
  const report = {
    reportedAt: context.at.toISOString(),
    reportedBy: context.actor,
    by: input.by,
    round,
    summary: input.summary,
    ...(input.finding === undefined ? {} : { finding: input.finding }),
    evidence: input.evidence,
    ...(input.note === undefined ? {} : { note: input.note }),
  };
  const details = { by: input.by, round, evidence: input.evidence.length };
  if (input.by === 'supervisor') {
    requireStage(complaint, 'reportResult', ['inHandling']);
    return conclude(
      complaint,
      { ...complaint, results: [...complaint.results, report] },
      input.summary,
      [{ action: 'resultReported', details, internal: true }],
      context,
    );
  }
  requireStage(complaint, 'reportResult', ['forwarded']);
  if (handling?.by !== 'department' || handling.department !== input.department) {
    throw new ComplaintActionNotAllowed('reportResult', complaint.stage, {
      zh: '只有承办该投诉的部门可以报告处理结果',
      en: 'only the department the complaint was forwarded to reports its result',
    });
  }
  return change(
    complaint,
    { ...complaint, stage: 'awaitingReview', results: [...complaint.results, report], clock: null },
    [{ action: 'resultReported', details: { ...details, department: handling.department }, internal: true }],
    context,
  );
}

function conclude(before: Complaint, next: Complaint, summary: string, drafts: readonly StepDraft[], context: FinishingContext): ComplaintChangeSet {
  const concludedAt = context.at.toISOString();
  const concludedOn = shanghaiDate(context.at);
  return change(
    before,
    {
      ...next,
      stage: 'concluded',
      clock: null,
      concludedAt,
      concludedOn,
      resultSummary: summary,
      personalDataRetainedUntil: retainedUntil(context.at, context),
    },
    [...drafts, { action: 'concluded', details: { concludedOn }, internal: false }],
    context,
  );
}

export type ReviewInput =
  | { readonly verdict: 'accept'; /** Replaces the department's summary in what the complainant is told. */ readonly summary?: string }
  | { readonly verdict: 'sendBack'; readonly reasons: string; readonly deadline: LocalDate };

/** The supervisor's review of a department's result: accept it (concluded) or send it back with a new deadline. */
export function applyReview(complaint: Complaint, input: ReviewInput, context: ClockContext): ComplaintChangeSet {
  requireStage(complaint, 'review', ['awaitingReview']);
  const handling = complaint.handling;
  const lastResult = complaint.results.at(-1);
  if (handling?.by !== 'department' || lastResult === undefined) {
    throw new ComplaintActionNotAllowed('review', complaint.stage, { zh: '没有待审核的部门处理结果', en: 'no department result to review' });
  }
  const reviewedAt = context.at.toISOString();
  if (input.verdict === 'accept') {
    const review = { reviewedAt, reviewedBy: context.actor, round: handling.round, verdict: 'accepted' as const };
    return conclude(
      complaint,
      { ...complaint, reviews: [...complaint.reviews, review] },
      input.summary ?? lastResult.summary,
      [{ action: 'resultAccepted', details: { round: handling.round }, internal: true }],
      context,
    );
  }
  checkHandlingDeadline(input.deadline, shanghaiDate(context.at));
  const round = handling.round + 1;
  const clock = handlingClock(context.cal, reviewedAt, input.deadline, round, { by: 'department', department: handling.department }, context.policy);
  const review = { reviewedAt, reviewedBy: context.actor, round: handling.round, verdict: 'sentBack' as const, reasons: input.reasons };
  return change(
    complaint,
    {
      ...complaint,
      stage: 'forwarded',
      reviews: [...complaint.reviews, review],
      handling: { ...handling, deadline: clock.deadline, round, assignedAt: reviewedAt },
      clock,
    },
    [
      {
        action: 'resultSentBack',
        details: { round: handling.round, department: handling.department, deadline: clock.deadline.date, provisional: clock.deadline.provisional },
        internal: true,
      },
    ],
    context,
  );
}

/** Adds a produced notice to a change (same version, same transaction): the complaint now has it. */
export function withNoticeProduced(
  changeSet: ComplaintChangeSet,
  kind: NoticeKind,
  document: { readonly sha256: string; readonly byteLength: number },
  at: Date,
): ComplaintChangeSet {
  const { complaint, steps } = changeSet;
  const producedAt = at.toISOString();
  const step: ComplaintStep = {
    sequence: complaint.stepCount + 1,
    at: producedAt,
    actor: 'system',
    action: 'noticeProduced',
    details: { notice: kind, byteLength: document.byteLength },
    internal: false,
  };
  return {
    complaint: {
      ...complaint,
      notices: { ...complaint.notices, [kind]: { producedAt, sha256: document.sha256, byteLength: document.byteLength, deliveries: [] } },
      stepCount: complaint.stepCount + 1,
    },
    steps: [...steps, step],
  };
}

/** Whether a written notice of this kind is due for the complaint as changed (real-name complaints only). */
export function noticeDue(complaint: Complaint, kind: NoticeKind): boolean {
  if (!complaint.realName || complaint.notices[kind] !== undefined) return false;
  return kind === 'decision' ? complaint.decision !== undefined : complaint.stage === 'concluded';
}

export interface DeliveryInput {
  readonly channel: NoticeDelivery['channel'];
  readonly deliveredAt: string;
  readonly trackingReference?: string;
}

/** Records that a written notice reached the complainant (several deliveries may be recorded). */
export function applyNoticeDelivery(complaint: Complaint, kind: NoticeKind, input: DeliveryInput, context: StepContext): ComplaintChangeSet {
  const notice = complaint.notices[kind];
  if (notice === undefined)
    throw new ComplaintActionNotAllowed('recordDelivery', complaint.stage, { zh: `该投诉没有 ${kind} 告知书`, en: `the complaint has no ${kind} notice` });
  if (input.deliveredAt < notice.producedAt) {
    throw new ComplaintActionNotAllowed('recordDelivery', complaint.stage, {
      zh: '告知书不能在制作之前送达',
      en: 'a notice cannot be delivered before it was produced',
    });
  }
  const delivery: NoticeDelivery = { ...input, recordedAt: context.at.toISOString(), recordedBy: context.actor };
  return change(
    complaint,
    { ...complaint, notices: { ...complaint.notices, [kind]: { ...notice, deliveries: [...notice.deliveries, delivery] } } },
    [{ action: 'noticeDelivered', details: { notice: kind, channel: input.channel, deliveredAt: input.deliveredAt }, internal: false }],
    context,
  );
}

/** When the complaint was finished: concluded, or decided not to be accepted. */
export function closedAt(complaint: Complaint): string | undefined {
  if (complaint.stage === 'concluded') return complaint.concludedAt;
  if (complaint.stage === 'notAccepted') return complaint.decision?.decidedAt;
  return undefined;
}

/** True while `at` is within `windowDays` calendar days of the complaint being finished (the rating and re-opening window). */
export function withinWindow(complaint: Complaint, windowDays: number, at: Date): boolean {
  const closed = closedAt(complaint);
  return closed !== undefined && at.getTime() - Date.parse(closed) <= windowDays * 86_400_000;
}

/**
 * The complainant rates the handling once the complaint is finished, within `windowDays` calendar
 * days (the re-opening window); once only.
 */
export function applyRating(
  complaint: Complaint,
  input: { readonly score: number; readonly comment?: SealedRecord },
  windowDays: number,
  context: StepContext,
): ComplaintChangeSet {
  requireStage(complaint, 'rate', closedStages);
  requirePersonalData(complaint, 'rate');
  if (complaint.rating !== undefined)
    throw new ComplaintActionNotAllowed('rate', complaint.stage, { zh: '该投诉已评价', en: 'the complaint has already been rated' });
  if (!withinWindow(complaint, windowDays, context.at)) {
    throw new ComplaintActionNotAllowed('rate', complaint.stage, {
      zh: `投诉办结后 ${windowDays} 日内才能评价`,
      en: `a complaint may be rated within ${windowDays} days of being finished`,
    });
  }
  const rating = { score: input.score, ratedAt: context.at.toISOString(), ...(input.comment === undefined ? {} : { comment: input.comment }) };
  return change(
    complaint,
    { ...complaint, rating },
    [{ action: 'rated', details: { score: input.score, comment: input.comment !== undefined }, internal: false }],
    context,
  );
}

/**
 * The original's side of a re-opening: finished, not re-opened before, and within `windowDays`
 * calendar days of being finished. The new complaint is filed with `reopenOf`.
 */
export function applyReopening(complaint: Complaint, newReceiptNumber: string, windowDays: number, context: StepContext): ComplaintChangeSet {
  requireStage(complaint, 'reopen', closedStages);
  requirePersonalData(complaint, 'reopen');
  if (complaint.reopenedAs !== undefined)
    throw new ComplaintActionNotAllowed('reopen', complaint.stage, { zh: '该投诉已重新提起', en: 'the complaint has already been re-opened' });
  if (!withinWindow(complaint, windowDays, context.at)) {
    throw new ComplaintActionNotAllowed('reopen', complaint.stage, {
      zh: `投诉办结后 ${windowDays} 日内才能重新提起`,
      en: `a complaint may be re-opened within ${windowDays} days of being finished`,
    });
  }
  return change(
    complaint,
    { ...complaint, reopenedAs: newReceiptNumber },
    [{ action: 'reopened', details: { reopenedAs: newReceiptNumber }, internal: false }],
    context,
  );
}
