/**
 * Supervision rules for licensing cases (行政许可): the decision time limit and its extensions,
 * the order of the procedure, the one-time notice to complete materials, the time limits of the
 * acceptance and delivery stages, suspensions, reasons for a refusal and fees. Pure: the same
 * state, matter, instant and calendar always give the same evaluation.
 */
import type { Finding } from '../alerts/alert.ts';
import type { CatalogueMatter } from '../catalogue/catalogue-matter.ts';
import { epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import { clockStops } from '../calendar/stopped-clock.ts';
import { ChangeDays } from '../records/change-days.ts';
import {
  considerPromisedAndStatutoryChanges,
  promisedAndStatutoryFinding,
  promisedAndStatutoryLimits,
  promptWorkingDays,
  type PromisedAndStatutoryRule,
} from '../records/promised-and-statutory-limits.ts';
import { ruleFinding, sortByRule, type RuleMessage } from '../records/rule-finding.ts';
import { wholeDays } from '../records/whole-days.ts';
import type { LicensingCaseState, LicensingSuspension } from './licensing-case.ts';
import { licensingMatterDefaults } from './licensing-matter.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';

/** Identifiers of the licensing rules, in id order (the order their findings are added in); an alert is kept per (case, rule). */
export const licensingRuleIds = {
  completionNotice: 'licensing.completion-notice',
  decisionTimeLimit: 'licensing.decision-time-limit',
  extension: 'licensing.extension',
  fee: 'licensing.fee',
  procedureOrder: 'licensing.procedure-order',
  refusalReasons: 'licensing.refusal-reasons',
  stageTimeLimit: 'licensing.stage-time-limit',
  suspension: 'licensing.suspension',
} as const;

/** Version of the licensing rules' logic, cited by every finding. */
export const licensingRuleVersion = 1;

const finding = ruleFinding(licensingRuleVersion);

const legalBasis = {
  completionNotice: '《中华人民共和国行政许可法》第三十二条',
  decisionTimeLimit: '《中华人民共和国行政许可法》第四十二条',
  extension: '《中华人民共和国行政许可法》第四十二条',
  fee: '《中华人民共和国行政许可法》第五十八条、第五十九条',
  procedureOrder: '《中华人民共和国行政许可法》第三十二条、第三十七条、第四十四条',
  refusalReasons: '《中华人民共和国行政许可法》第三十八条第二款',
  stageTimeLimit: '《中华人民共和国行政许可法》第三十二条、第四十四条',
  suspension: '《中华人民共和国行政许可法》第四十五条',
} as const;

/** The limits that apply to a case, as known at evaluation (a type alias, not an interface, so that it fits `FamilyEvaluation.deadlines` without a copy). */
export type LicensingDeadlines = {
  /** Date the decision period is counted from (not itself counted); null until it starts. */
  readonly clockStart: LocalDate | null;
  /** Why the period started: the `accepted` event, or acceptance deemed on receipt (Art. 32). */
  readonly clockStartBasis: 'accepted' | 'deemedAcceptedOnReceipt' | null;
  /** Last day for a one-time notice to complete materials, counted from receipt. */
  readonly completionNotice: WorkingDayDeadline | null;
  /**
   * Promised limit (承诺时限) plus extensions up to the matter's cap, pushed out by working days
   * suspended on a ground of Art. 45.
   */
  readonly promised: WorkingDayDeadline | null;
  /** Statutory limit (法定时限) plus extensions up to the matter's cap, pushed out the same way. */
  readonly statutory: WorkingDayDeadline | null;
  /** Working days after the clock started that fell inside closed suspensions on a ground of Art. 45. */
  readonly suspendedWorkingDays: number;
  /**
   * True while a suspension on a ground of Art. 45 is open: the clock stands still, and
   * `promised`/`statutory` are the earliest possible dates (resumption pushes out any the
   * suspension started before). A pause for reason `other` does not stop it.
   */
  readonly clockStopped: boolean;
  /**
   * Last day to accept the application, counted from receipt or, after a timely notice to
   * complete materials, from the completed materials' arrival; null while there is neither.
   */
  readonly acceptance: WorkingDayDeadline | null;
  /** Last day to deliver a granted licence, counted from the decision (Art. 44); null unless granted. */
  readonly delivery: WorkingDayDeadline | null;
};

/** The outcome of evaluating one case. */
export interface CaseEvaluation {
  /** Conditions that hold, at most one per rule, ordered by rule id. */
  readonly findings: Finding[];
  /**
   * The earliest instant (ISO, UTC) after `asOf` at which a time-driven finding changes if no new
   * event arrives: a decision limit not yet passed while the clock runs, the acceptance or
   * delivery limit of a stage still open, the length limit of an open suspension. Null when none
   * is ahead. Always `YYYY-MM-DDTHH:mm:ss.sssZ`, so string order is time order.
   */
  readonly nextCheckAt: string | null;
  readonly deadlines: LicensingDeadlines;
}

/** One-time, timely notice to complete materials (补正, Art. 32). */
function completionNoticeFinding(requests: number, late: boolean, limit: WorkingDayDeadline | null): Finding | null {
  const lateLimit = late && limit !== null ? limit : null;
  if (lateLimit === null && requests <= 1) return null;
  return finding(
    licensingRuleIds.completionNotice,
    'warning',
    legalBasis.completionNotice,
    { key: 'licensing.completion-notice', params: lateLimit === null ? { requests } : { requests, limit: lateLimit.date } },
    lateLimit?.at,
  );
}

/** What the procedure-order finding says, by which steps were skipped (built once, not per evaluation). */
const procedureOrderMessages = {
  withoutAcceptance: { key: 'licensing.procedure-order.without-acceptance', params: {} },
  withoutDecision: { key: 'licensing.procedure-order.without-decision', params: {} },
  both: { key: 'licensing.procedure-order.both', params: {} },
} as const satisfies Record<string, RuleMessage>;

/** Acceptance before decision, decision before conclusion. */
function procedureOrderFinding(state: LicensingCaseState): Finding | null {
  let withoutAcceptance = false;
  let withoutDecision = false;
  const anomalies = state.anomalies;
  for (let i = 0; i < anomalies.length; i++) {
    const kind = (anomalies[i] as LicensingCaseState['anomalies'][number]).kind;
    if (kind === 'decidedWithoutAcceptance') withoutAcceptance = true;
    if (kind === 'concludedWithoutDecision') withoutDecision = true;
  }
  if (!withoutAcceptance && !withoutDecision) return null;
  const message =
    withoutAcceptance && withoutDecision
      ? procedureOrderMessages.both
      : withoutAcceptance
        ? procedureOrderMessages.withoutAcceptance
        : procedureOrderMessages.withoutDecision;
  return finding(licensingRuleIds.procedureOrder, 'correction', legalBasis.procedureOrder, message);
}

/** The matter's own legal basis for its time limit, else the statute's. */
function timeLimitBasis(matter: CatalogueMatter): string {
  return matter.legalBasis.trim() || legalBasis.decisionTimeLimit;
}

/** A matter figure in whole days, or the Licensing Law's figure when the matter predates the field. */
function matterDays(value: number | undefined, statutory: number): number {
  return value === undefined ? statutory : wholeDays(value);
}

/** Suspensions on a ground of Art. 45, the ones that stop the clock: the same array when none is `other` (most cases). */
function clockStoppingSuspensions(suspensions: readonly LicensingSuspension[]): readonly LicensingSuspension[] {
  let unfounded = 0;
  for (let i = 0; i < suspensions.length; i++) if ((suspensions[i] as LicensingSuspension).reason === 'other') unfounded++;
  if (unfounded === 0) return suspensions;
  const lawful: LicensingSuspension[] = [];
  for (let i = 0; i < suspensions.length; i++) {
    const suspension = suspensions[i] as LicensingSuspension;
    if (suspension.reason !== 'other') lawful.push(suspension);
  }
  return lawful;
}

/** Extensions beyond the matter's cap (Art. 42: 10 working days; joint or centralised handling 15). */
function extensionFinding(total: number, cap: number): Finding {
  return finding(licensingRuleIds.extension, 'correction', legalBasis.extension, { key: 'licensing.extension', params: { total, cap } });
}

/**
 * Fees above the catalogue's standard (Art. 58, 59); with no standard the matter may charge no
 * fee at all. Compared in fen, as integers, so that no float error decides a case.
 */
function feeFinding(chargedFen: number, standardYuan: number | undefined): Finding | null {
  const standardFen = standardYuan !== undefined && Number.isFinite(standardYuan) && standardYuan > 0 ? Math.round(standardYuan * 100) : 0;
  if (chargedFen <= standardFen) return null;
  const message: RuleMessage =
    standardYuan === undefined
      ? { key: 'licensing.fee.no-standard', params: { chargedFen } }
      : { key: 'licensing.fee.above-standard', params: { chargedFen, standardFen } };
  return finding(licensingRuleIds.fee, 'correction', legalBasis.fee, message);
}

/** A refusal must state its reasons (Art. 38(2)). */
function refusalReasonsFinding(): Finding {
  return finding(licensingRuleIds.refusalReasons, 'correction', legalBasis.refusalReasons, { key: 'licensing.refusal-reasons', params: {} });
}

/** The parameters of one stage's problem: its limit, whether the stage has ended, whether the limit is provisional. */
function stageProblem(stage: 'acceptance' | 'delivery', ended: boolean, limit: WorkingDayDeadline): Record<string, string | number> {
  return { [stage]: limit.date, ...(ended ? { [`${stage}Ended`]: 1 } : {}), ...(limit.provisional ? { [`${stage}Provisional`]: 1 } : {}) };
}

/** Acceptance and delivery within their own limits, whatever the decision limit says (Art. 32, 44). */
function stageTimeLimitFinding(
  acceptanceLate: boolean,
  accepted: boolean,
  acceptance: WorkingDayDeadline | null,
  deliveryLate: boolean,
  concluded: boolean,
  delivery: WorkingDayDeadline | null,
): Finding {
  const first = acceptanceLate && acceptance !== null ? stageProblem('acceptance', accepted, acceptance) : null;
  const second = deliveryLate && delivery !== null ? stageProblem('delivery', concluded, delivery) : null;
  const deadline = first !== null && acceptance !== null ? acceptance.at : delivery?.at;
  return finding(
    licensingRuleIds.stageTimeLimit,
    'warning',
    legalBasis.stageTimeLimit,
    { key: 'licensing.stage-time-limit', params: { ...first, ...second } },
    deadline,
  );
}

/** Which suspensions a problem concerns: how many, and the date the first began. */
function suspensionsWith(problem: string, count: number, first: LicensingSuspension): Record<string, string | number> {
  return { [`${problem}Count`]: count, [`${problem}From`]: localDateOfEpochDay(dayOf(first.from)) };
}

/**
 * Suspensions themselves (Art. 45): on no legal ground (`other`: correction), without written
 * notice to the applicant of how long it takes (warning), longer than the matter's calendar days
 * (warning; an open one as of `openUntil`). One finding at the highest level, naming each problem,
 * how many suspensions have it and the first of them.
 */
function suspensionFinding(suspensions: readonly LicensingSuspension[], openUntil: number, limitDays: number): Finding | null {
  let unfounded: LicensingSuspension | null = null;
  let unfoundedCount = 0;
  let unnotified: LicensingSuspension | null = null;
  let unnotifiedCount = 0;
  let long: LicensingSuspension | null = null;
  let longCount = 0;
  let longDays = 0;
  for (let i = 0; i < suspensions.length; i++) {
    const suspension = suspensions[i] as LicensingSuspension;
    if (suspension.reason === 'other') {
      unfounded ??= suspension;
      unfoundedCount++;
    } else if (suspension.applicantNotifiedAt === undefined) {
      unnotified ??= suspension;
      unnotifiedCount++;
    }
    const length = dayOf(suspension.to ?? openUntil) - dayOf(suspension.from);
    if (length > limitDays) {
      if (long === null) {
        long = suspension;
        longDays = length;
      }
      longCount++;
    }
  }
  if (unfounded === null && unnotified === null && long === null) return null;
  // An open suspension grows every day: the message names no length for it, so it stays the same until the suspension ends.
  const length: Record<string, number> = long === null || longCount > 1 ? {} : long.to === undefined ? { longOpen: 1 } : { longDays };
  const params = {
    limitDays,
    ...(unfounded === null ? {} : suspensionsWith('unfounded', unfoundedCount, unfounded)),
    ...(unnotified === null ? {} : suspensionsWith('unnotified', unnotifiedCount, unnotified)),
    ...(long === null ? {} : { ...suspensionsWith('long', longCount, long), ...length }),
  };
  return finding(licensingRuleIds.suspension, unfounded !== null ? 'correction' : 'warning', legalBasis.suspension, { key: 'licensing.suspension', params });
}

/**
 * Evaluates a licensing case against its catalogue matter as of `asOf`. The decision limit of a
 * decided case is judged as of its decision; of a suspended one (on a ground of Art. 45) as of
 * the start of its suspension (the clock stands still). Stages are judged as of their end.
 */
export function evaluateLicensingCase(state: LicensingCaseState, matter: CatalogueMatter, asOf: Date, cal: WorkingDayCalendar): CaseEvaluation {
  const asOfMillis = epochMillisOf(asOf);
  const today = dayOf(asOfMillis);
  const receiptDay = state.receivedAt === null ? null : dayOf(state.receivedAt);

  const completionDays = wholeDays(matter.completionNoticeWorkingDays);
  const completionLimitDay = receiptDay === null ? null : days.add(cal, receiptDay, completionDays);
  const completionLimit = receiptDay === null || completionLimitDay === null ? null : days.deadline(cal, receiptDay, completionLimitDay);
  let timelyRequest = false;
  let lateRequest = false;
  const requests = state.completionRequestedAt;
  if (completionLimitDay !== null) {
    for (let i = 0; i < requests.length; i++) {
      if (dayOf(requests[i] as number) <= completionLimitDay) timelyRequest = true;
      else lateRequest = true;
    }
  }

  // Art. 32: without a timely notice to complete materials, the application counts as accepted on receipt.
  const clockStart = state.acceptedAt !== null ? dayOf(state.acceptedAt) : timelyRequest ? null : receiptDay;
  const clockStartBasis = clockStart === null ? null : state.acceptedAt !== null ? 'accepted' : 'deemedAcceptedOnReceipt';

  // A pause on no ground of Art. 45 does not stop the clock.
  const suspensions = state.suspensions;
  const { open, closed } = clockStops(suspensions.length === 0 ? suspensions : clockStoppingSuspensions(suspensions));
  const decidedMillis = state.decidedAt;
  const changes = new ChangeDays(today);

  // Decision time limit (Art. 42), counting approved extensions up to the matter's cap (read only when there are extensions).
  const extensionCap =
    state.extensionWorkingDays === 0 ? 0 : matterDays(matter.statutoryExtensionWorkingDays, licensingMatterDefaults.statutoryExtensionWorkingDays);
  let promised: WorkingDayDeadline | null = null;
  let statutory: WorkingDayDeadline | null = null;
  let suspendedWorkingDays = 0;
  let decisionFinding: Finding | null = null;
  if (clockStart !== null) {
    const extension = Math.min(wholeDays(state.extensionWorkingDays), extensionCap);
    const limits = promisedAndStatutoryLimits(
      cal,
      clockStart,
      wholeDays(matter.promisedWorkingDays) + extension,
      wholeDays(matter.statutoryWorkingDays) + extension,
      closed,
    );
    ({ promised, statutory } = limits);
    suspendedWorkingDays = limits.stoppedWorkingDays;

    // The instant the clock is read at: the decision, the start of an open suspension, or now.
    const frozenMillis = decidedMillis !== null && open !== null ? Math.min(decidedMillis, open) : (decidedMillis ?? open);
    const evaluatedOn = frozenMillis === null ? today : dayOf(frozenMillis);
    const promptDays = promptWorkingDays(matter.promptWorkingDaysBefore);
    const rule: PromisedAndStatutoryRule = {
      finding,
      ruleId: licensingRuleIds.decisionTimeLimit,
      legalBasis: timeLimitBasis(matter),
      messages: 'licensing.decision-time-limit',
    };
    decisionFinding = promisedAndStatutoryFinding(rule, cal, limits, evaluatedOn, decidedMillis !== null, promptDays);
    if (frozenMillis === null) considerPromisedAndStatutoryChanges(changes, cal, limits, promptDays);
  }

  // Acceptance stage: from receipt or, after a timely notice, from the completed materials' arrival,
  // to the `accepted` event, judged on that event when it comes. Still open, it is flagged only
  // after a timely notice: without one the application is already accepted by law on receipt
  // (Art. 32) and the decision limit runs from then; after one, nothing runs until acceptance. A
  // case decided or concluded without acceptance is the procedure rule's concern.
  const lastRequest = requests.length === 0 ? null : (requests[requests.length - 1] as number);
  const acceptanceStart = !timelyRequest
    ? receiptDay
    : state.completionReceivedAt !== null && lastRequest !== null && state.completionReceivedAt >= lastRequest
      ? dayOf(state.completionReceivedAt)
      : null;
  let acceptance: WorkingDayDeadline | null = null;
  let acceptanceLate = false;
  if (acceptanceStart !== null) {
    const acceptanceDays = matterDays(matter.acceptanceWorkingDays, licensingMatterDefaults.acceptanceWorkingDays);
    // Mostly the same period as the completion notice's: no second count.
    const sameAsCompletion = acceptanceStart === receiptDay && acceptanceDays === completionDays && completionLimitDay !== null;
    const limitDay = sameAsCompletion ? completionLimitDay : days.add(cal, acceptanceStart, acceptanceDays);
    acceptance = sameAsCompletion ? completionLimit : days.deadline(cal, acceptanceStart, limitDay);
    if (state.acceptedAt !== null) {
      acceptanceLate = dayOf(state.acceptedAt) > limitDay;
    } else if (timelyRequest && decidedMillis === null && state.concludedAt === null) {
      acceptanceLate = today > limitDay;
      changes.consider(limitDay + 1);
    }
  }

  // Delivery stage (Art. 44): a granted licence is delivered within its working days of the decision.
  let delivery: WorkingDayDeadline | null = null;
  let deliveryLate = false;
  if (decidedMillis !== null && state.outcome === 'granted') {
    const decisionDay = dayOf(decidedMillis);
    const limitDay = days.add(cal, decisionDay, matterDays(matter.deliveryWorkingDays, licensingMatterDefaults.deliveryWorkingDays));
    delivery = days.deadline(cal, decisionDay, limitDay);
    if (state.concludedAt !== null) {
      deliveryLate = dayOf(state.concludedAt) > limitDay;
    } else {
      deliveryLate = today > limitDay;
      changes.consider(limitDay + 1);
    }
  }

  // Suspensions themselves; an open one grows until the case is decided or concluded.
  let suspension: Finding | null = null;
  if (suspensions.length > 0) {
    const limitDays = matterDays(matter.suspensionWarningCalendarDays, licensingMatterDefaults.suspensionWarningCalendarDays);
    const caseEnd = decidedMillis ?? state.concludedAt;
    suspension = suspensionFinding(suspensions, caseEnd ?? asOfMillis, limitDays);
    // Only the last suspension can be open (the fold ignores a second one while one is open).
    const last = suspensions[suspensions.length - 1] as LicensingSuspension;
    if (last.to === undefined && caseEnd === null) changes.consider(dayOf(last.from) + limitDays + 1);
  }

  // Findings are added in rule-id order, so they need no sort.
  const findings: Finding[] = [];
  const completion = completionNoticeFinding(requests.length, lateRequest, completionLimit);
  if (completion !== null) findings.push(completion);
  if (decisionFinding !== null) findings.push(decisionFinding);
  if (state.extensionWorkingDays > extensionCap) findings.push(extensionFinding(state.extensionWorkingDays, extensionCap));
  if (state.feesChargedFen > 0) {
    const fee = feeFinding(state.feesChargedFen, matter.feeStandardYuan);
    if (fee !== null) findings.push(fee);
  }
  const procedure = procedureOrderFinding(state);
  if (procedure !== null) findings.push(procedure);
  if (state.outcome === 'refused' && !state.reasonsGiven) findings.push(refusalReasonsFinding());
  if (acceptanceLate || deliveryLate)
    findings.push(stageTimeLimitFinding(acceptanceLate, state.acceptedAt !== null, acceptance, deliveryLate, state.concludedAt !== null, delivery));
  if (suspension !== null) findings.push(suspension);

  const deadlines: LicensingDeadlines = {
    clockStart: clockStart === null ? null : localDateOfEpochDay(clockStart),
    clockStartBasis,
    completionNotice: completionLimit,
    promised,
    statutory,
    suspendedWorkingDays,
    clockStopped: open !== null,
    acceptance,
    delivery,
  };
  return { findings: sortByRule(findings), nextCheckAt: changes.instant(), deadlines };
}

/** The article each of these rules cites by default (special reports name it). */
export const licensingRuleArticles = ruleArticles(licensingRuleIds, legalBasis);
