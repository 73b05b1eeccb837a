/**
 * Supervision rules for the handling of letters and visits (信访, 《信访工作条例》 2022): the written
 * notice of acceptance, the handling limit with its one approved extension, the review and
 * re-review limits, and the order of the procedure. Every limit is in days (日), counted by the
 * Civil Code's rules (start day not counted; a last day that is a day off moves to the next working
 * day; see `calendar/calendar-days.ts`). Pure: the same state, matter, instant and calendar always
 * give the same evaluation.
 *
 * Levels of a time limit: `prompt` while `promptDaysBefore` days or fewer remain; `warning` once
 * it has passed. The handling limit adds `correction` once even the longest lawful extension could
 * not cover the delay (past `handlingDays + maxExtensionDays`), as the disclosure reply limit does.
 */
import type { AlertLevel, Finding } from '../alerts/alert.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';
import { calendarDayArithmetic as days, type DayPeriodDeadline } from '../calendar/calendar-days.ts';
import { epochMillisOf, shanghaiEpochDayOfMillis as dayOf, type EpochMillis } from '../calendar/local-date.ts';
import { clockStops as splitClockStops, type DaySpan } from '../calendar/stopped-clock.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { ChangeDays } from '../records/change-days.ts';
import type { FamilyEvaluation } from '../records/record-family.ts';
import { provisionalParam, ruleFinding, sortByRule } from '../records/rule-finding.ts';
import { wholeDays } from '../records/whole-days.ts';
import type { PetitionAnomalyKind, PetitionCaseState, PetitionExtension } from './petition-case.ts';
import { petitionLimits, petitionRegulation } from './petition-law.ts';
import type { PetitionMatter } from './petition-matter.ts';

/** Identifiers of the petition rules; an alert is kept per (case, rule). */
export const petitionRuleIds = {
  acceptanceNotice: 'petition.acceptance-notice',
  handlingTimeLimit: 'petition.handling-time-limit',
  extension: 'petition.extension',
  reviewTimeLimit: 'petition.review-time-limit',
  reReviewTimeLimit: 'petition.re-review-time-limit',
  stageOrder: 'petition.stage-order',
} as const;

/** Version of the petition rules' logic, cited by every finding. */
export const petitionRuleVersion = 1;

const finding = ruleFinding(petitionRuleVersion);

const legalBasis = {
  acceptanceNotice: petitionLimits.acceptanceNotice.article,
  handlingTimeLimit: petitionLimits.handling.article,
  extension: petitionLimits.extension.article,
  reviewTimeLimit: petitionLimits.review.article,
  reReviewTimeLimit: petitionLimits.reReview.article,
  stageOrder: `${petitionRegulation}第二十三条、第三十四条至第三十六条`,
} as const;

/** The re-review limit's basis once a hearing took part of its time (第三十六条第二款). */
const reReviewWithHearingBasis = `${petitionLimits.reReview.article}、第二款`;

/** The limits that apply to a petition case, as known at evaluation; every one counted in days (日). */
export type PetitionDeadlines = {
  /** The unit every period of the family is counted in: days (日), not working days. */
  readonly unit: 'days';
  /** Written notice of acceptance, from receipt; null until the petition is received. */
  readonly acceptanceNotice: DayPeriodDeadline | null;
  /** Handling limit plus the first approved extension (counted up to the maximum), from acceptance; null until accepted. */
  readonly handling: DayPeriodDeadline | null;
  /** Handling limit plus the maximum extension: past it, a correction. */
  readonly outermost: DayPeriodDeadline | null;
  /** Extension counted in `handling` (the first one, never more than the maximum). */
  readonly extensionDays: number;
  /** Last day for the petitioner to request a review, from the handling opinion (for information: not a department's duty). */
  readonly reviewRequestWindow: DayPeriodDeadline | null;
  /** Review opinion, from the review request. */
  readonly review: DayPeriodDeadline | null;
  /** Re-review opinion, from the re-review request, moved out by the days of its hearings. */
  readonly reReview: DayPeriodDeadline | null;
  /** Days of closed re-review hearings not counted in the re-review limit (第三十六条第二款). */
  readonly reReviewHearingDays: number;
  /** True while a re-review hearing is open: the re-review clock stands still. */
  readonly reReviewClockStopped: boolean;
};

/** The outcome of evaluating one petition case. */
export interface PetitionEvaluation extends FamilyEvaluation {
  readonly findings: Finding[];
  readonly deadlines: PetitionDeadlines;
}

/** A limit ending on epoch day `end`, judged at the act that ends it or, while pending, now. */
function judge(end: number, doneAt: EpochMillis | null, asOfMillis: number, promptDays: number): AlertLevel | null {
  const judgedOn = dayOf(doneAt ?? asOfMillis);
  if (judgedOn > end) return 'warning';
  if (doneAt === null && promptDays >= 0 && judgedOn >= end - promptDays) return 'prompt';
  return null;
}

/** A pending limit ending on `end` changes its finding when the prompt starts and the day after its last day. */
function considerPending(changes: ChangeDays, end: number, promptDays: number): void {
  if (promptDays >= 0) changes.consider(end - promptDays);
  changes.consider(end + 1);
}

type StepKey = 'petition.acceptance-notice' | 'petition.review-time-limit' | 'petition.re-review-time-limit';

/** The finding of a simple limit (notice, review, re-review) at `level`. */
function stepFinding(ruleId: string, basis: string, key: StepKey, level: AlertLevel, deadline: DayPeriodDeadline, done: boolean): Finding {
  const suffix = level === 'prompt' ? 'approaching' : done ? 'late' : 'overdue';
  return finding(ruleId, level, basis, { key: `${key}.${suffix}`, params: { limit: deadline.date, ...provisionalParam(deadline) } }, deadline.at);
}

/** The rules of the three simple limits (notice, review, re-review): their id, article and message key. */
interface Step {
  readonly ruleId: string;
  readonly basis: string;
  readonly key: StepKey;
}
const acceptanceNoticeStep: Step = { ruleId: petitionRuleIds.acceptanceNotice, basis: legalBasis.acceptanceNotice, key: 'petition.acceptance-notice' };
const reviewStep: Step = { ruleId: petitionRuleIds.reviewTimeLimit, basis: legalBasis.reviewTimeLimit, key: 'petition.review-time-limit' };
const reReviewStep: Step = { ruleId: petitionRuleIds.reReviewTimeLimit, basis: legalBasis.reReviewTimeLimit, key: 'petition.re-review-time-limit' };

/** A simple limit from `start` (not counted) to the act `doneAt`. */
function simpleLimit(
  cal: WorkingDayCalendar,
  start: EpochMillis | null,
  n: number,
  doneAt: EpochMillis | null,
  asOfMillis: number,
  promptDays: number,
  changes: ChangeDays,
  state: Step,
  findings: Finding[],
): DayPeriodDeadline | null {
  if (start === null) return null;
  const startDay = dayOf(start);
  const end = days.periodEnd(cal, startDay, n);
  const deadline = days.deadlineEnding(cal, startDay, n, end);
  const level = judge(end, doneAt, asOfMillis, promptDays);
  if (level !== null) findings.push(stepFinding(state.ruleId, state.basis, state.key, level, deadline, doneAt !== null));
  if (doneAt === null) considerPending(changes, end, promptDays);
  return deadline;
}

/**
 * The last day of a period of `n` days from `start` (not counted) in which the days of the
 * hearings (each from its opening day, not counted, to its closing day) do not count; the last
 * day moved past days off (民法典第二百零三条). A hearing after the period ran out moves nothing.
 * `spans` are ordered by `from`; overlapping ones count their days once.
 */
export function periodEndWithoutSpans(
  cal: WorkingDayCalendar,
  start: number,
  n: number,
  spans: readonly DaySpan[],
): { readonly end: number; readonly deadline: DayPeriodDeadline; readonly skipped: number } {
  let cursor = start;
  let remaining = n;
  let skipped = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as DaySpan;
    if (span.to <= cursor) continue;
    const countedBefore = Math.max(span.from, cursor) - cursor;
    if (countedBefore >= remaining) break;
    remaining -= countedBefore;
    skipped += span.to - Math.max(span.from, cursor);
    cursor = span.to;
  }
  const end = days.periodEnd(cal, cursor, remaining);
  return { end, deadline: days.deadlineEnding(cal, cursor, remaining, end), skipped };
}

/**
 * The re-review limit (第三十六条第一款), moved out by the days of its closed hearings (第二款).
 * While a hearing is open the clock stands still: the limit is read at the hearing's opening.
 */
function reReviewLimitOf(
  cal: WorkingDayCalendar,
  state: PetitionCaseState,
  n: number,
  asOfMillis: number,
  promptDays: number,
  changes: ChangeDays,
  findings: Finding[],
): Pick<PetitionDeadlines, 'reReview' | 'reReviewHearingDays' | 'reReviewClockStopped'> {
  const start = state.reReviewRequestedAt;
  if (start === null) return { reReview: null, reReviewHearingDays: 0, reReviewClockStopped: false };
  const { open, closed } = splitClockStops(state.reReviewHearings);
  const startDay = dayOf(start);
  const { end, deadline, skipped } = periodEndWithoutSpans(cal, startDay, n, closed);
  const decidedAt = state.reReviewDecidedAt;
  // The clock is read at the opinion, at the opening of a hearing still open, or now.
  const frozenAt = decidedAt !== null && open !== null ? Math.min(decidedAt, open) : (decidedAt ?? open);
  const judgedOn = dayOf(frozenAt ?? asOfMillis);
  let level: AlertLevel | null = null;
  if (judgedOn > end) level = 'warning';
  else if (decidedAt === null && open === null && promptDays >= 0 && judgedOn >= end - promptDays) level = 'prompt';
  if (level !== null) {
    const basis = skipped > 0 ? reReviewWithHearingBasis : reReviewStep.basis;
    findings.push(stepFinding(reReviewStep.ruleId, basis, reReviewStep.key, level, deadline, decidedAt !== null));
  }
  if (frozenAt === null) considerPending(changes, end, promptDays);
  return { reReview: deadline, reReviewHearingDays: skipped, reReviewClockStopped: open !== null && decidedAt === null };
}

/** What is wrong with the extensions (one, approved in time, of at most the maximum, reason told; 条例第三十四条). */
type ExtensionProblem = 'second' | 'tooLong' | 'afterLimit' | 'reasonNotNotified';

function extensionFinding(extensions: readonly PetitionExtension[], maxDays: number, originalLimitDay: number | null): Finding | null {
  const firstExtension = extensions[0];
  if (firstExtension === undefined) return null;
  const problems: ExtensionProblem[] = [];
  if (extensions.length > 1) problems.push('second');
  if (firstExtension.days > maxDays) problems.push('tooLong');
  if (originalLimitDay !== null && dayOf(firstExtension.at) > originalLimitDay) problems.push('afterLimit');
  if (!firstExtension.petitionerNotified) problems.push('reasonNotNotified');
  if (problems.length === 0) return null;
  const level: AlertLevel = problems.includes('second') || problems.includes('tooLong') ? 'correction' : 'warning';
  const total = extensions.reduce((sum, extension) => sum + extension.days, 0);
  return finding(petitionRuleIds.extension, level, legalBasis.extension, {
    key: 'petition.extension',
    params: { problems: problems.join(','), count: extensions.length, total, max: maxDays },
  });
}

/** The anomalies the stage-order rule reports: all but a conflicting duplicate (a data fault, not a step of the procedure). */
function stageOrderFinding(state: PetitionCaseState): Finding | null {
  const found = new Set<PetitionAnomalyKind>();
  for (const anomaly of state.anomalies) if (anomaly.kind !== 'conflictingDuplicate') found.add(anomaly.kind);
  if (found.size === 0) return null;
  return finding(petitionRuleIds.stageOrder, 'warning', legalBasis.stageOrder, { key: 'petition.stage-order', params: { problems: [...found].join(',') } });
}

/**
 * Evaluates a petition case against its catalogue matter as of `asOf`. Each limit is judged at the
 * act that ends it (the notice, the handling opinion, the review or re-review opinion) or, while
 * that act is pending, now.
 */
export function evaluatePetitionCase(state: PetitionCaseState, matter: PetitionMatter, asOf: Date, cal: WorkingDayCalendar): PetitionEvaluation {
  const asOfMillis = epochMillisOf(asOf);
  const changes = new ChangeDays(dayOf(asOfMillis));
  const promptDays = Number.isFinite(matter.promptDaysBefore) ? Math.floor(matter.promptDaysBefore) : -1;
  const findings: Finding[] = [];

  const acceptanceNotice = simpleLimit(
    cal,
    state.receivedAt,
    Math.max(1, wholeDays(matter.acceptanceNoticeDays)),
    state.notifiedAt,
    asOfMillis,
    promptDays,
    changes,
    acceptanceNoticeStep,
    findings,
  );

  // Handling runs from acceptance (受理之日) and only for an accepted petition.
  const acceptedAt = state.decision === 'accepted' ? state.notifiedAt : null;
  const maxExtension = wholeDays(matter.maxExtensionDays);
  const firstExtension = state.extensions[0];
  // Only the first extension counts, and never beyond the maximum: a second or longer one is unlawful.
  const extension = firstExtension === undefined ? 0 : Math.min(firstExtension.days, maxExtension);
  let handling: DayPeriodDeadline | null = null;
  let outermost: DayPeriodDeadline | null = null;
  let originalLimitDay: number | null = null;
  if (acceptedAt !== null) {
    const acceptedDay = dayOf(acceptedAt);
    const handlingDays = Math.max(1, wholeDays(matter.handlingDays));
    originalLimitDay = days.periodEnd(cal, acceptedDay, handlingDays);
    const handlingDay = extension === 0 ? originalLimitDay : days.periodEnd(cal, acceptedDay, handlingDays + extension);
    const outermostDay = days.periodEnd(cal, acceptedDay, handlingDays + maxExtension);
    handling = days.deadlineEnding(cal, acceptedDay, handlingDays + extension, handlingDay);
    outermost = days.deadlineEnding(cal, acceptedDay, handlingDays + maxExtension, outermostDay);
    const judgedOn = dayOf(state.handledAt ?? asOfMillis);
    const answered = state.handledAt !== null;
    if (judgedOn > outermostDay) {
      findings.push(
        finding(
          petitionRuleIds.handlingTimeLimit,
          'correction',
          legalBasis.handlingTimeLimit,
          {
            key: answered ? 'petition.handling-time-limit.outermost-late' : 'petition.handling-time-limit.outermost-overdue',
            params: { limit: outermost.date, maxExtension, ...provisionalParam(outermost) },
          },
          outermost.at,
        ),
      );
    } else if (judgedOn > handlingDay) {
      findings.push(
        finding(
          petitionRuleIds.handlingTimeLimit,
          'warning',
          legalBasis.handlingTimeLimit,
          {
            key: answered ? 'petition.handling-time-limit.late' : 'petition.handling-time-limit.overdue',
            params: { limit: handling.date, ...provisionalParam(handling) },
          },
          handling.at,
        ),
      );
    } else if (!answered && promptDays >= 0 && judgedOn >= handlingDay - promptDays) {
      findings.push(
        finding(
          petitionRuleIds.handlingTimeLimit,
          'prompt',
          legalBasis.handlingTimeLimit,
          { key: 'petition.handling-time-limit.approaching', params: { limit: handling.date, ...provisionalParam(handling) } },
          handling.at,
        ),
      );
    }
    if (!answered) {
      considerPending(changes, handlingDay, promptDays);
      changes.consider(outermostDay + 1);
    }
  }
  const extensionProblem = extensionFinding(state.extensions, maxExtension, originalLimitDay);
  if (extensionProblem !== null) findings.push(extensionProblem);

  const reviewRequestWindow = state.handledAt === null ? null : days.deadline(cal, dayOf(state.handledAt), petitionLimits.reviewRequest.days);
  const review = simpleLimit(
    cal,
    state.reviewRequestedAt,
    Math.max(1, wholeDays(matter.reviewDays)),
    state.reviewDecidedAt,
    asOfMillis,
    promptDays,
    changes,
    reviewStep,
    findings,
  );
  const reReviewLimit = reReviewLimitOf(cal, state, Math.max(1, wholeDays(matter.reReviewDays)), asOfMillis, promptDays, changes, findings);

  const stageOrder = stageOrderFinding(state);
  if (stageOrder !== null) findings.push(stageOrder);

  return {
    findings: sortByRule(findings),
    nextCheckAt: changes.instant(),
    deadlines: {
      unit: 'days',
      acceptanceNotice,
      handling,
      outermost,
      extensionDays: acceptedAt === null ? 0 : extension,
      reviewRequestWindow,
      review,
      ...reReviewLimit,
    },
  };
}

/** The article each of these rules cites by default (special reports name it). */
export const petitionRuleArticles = ruleArticles(petitionRuleIds, legalBasis);
