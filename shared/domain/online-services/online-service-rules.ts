/**
 * Supervision rules for online administrative services (网上行政服务, Measures Art. 9): the
 * acceptance limit a catalogue sets, the completion limit promised per matter (承诺时限) and the
 * legal one (法定时限), the one-time notice to supplement materials, results delivered online
 * for matters handled wholly online (全程网办) with their electronic certificates, and the order
 * of the procedure, and the delivery limit a catalogue sets. Every limit is counted in working days. Pure: the same state, matter,
 * instant and calendar always give the same evaluation.
 *
 * Levels of the completion limit, as for licensing: `prompt` while `promptWorkingDaysBefore`
 * working days or fewer remain before the promised limit; `warning` once the promised limit has
 * passed; `correction` once the legal limit has passed. The completion clock stands still while
 * the applicant is asked, after acceptance, to supplement materials (until the answer) and during
 * the steps 《行政许可法》第四十五条 leaves out of the limit (until they end): both limits move out by
 * the working days stopped.
 */
import type { Finding } from '../alerts/alert.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';
import { clockStops as splitClockStops } from '../calendar/stopped-clock.ts';
import { epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type EpochMillis, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import { ChangeDays } from '../records/change-days.ts';
import {
  considerPromisedAndStatutoryChanges,
  promisedAndStatutoryFinding,
  promisedAndStatutoryLimits,
  promptWorkingDays,
} from '../records/promised-and-statutory-limits.ts';
import type { FamilyEvaluation } from '../records/record-family.ts';
import { provisionalParam, ruleFinding, sortByRule } from '../records/rule-finding.ts';
import { wholeDays } from '../records/whole-days.ts';
import { outOfOrderKinds, type OnlineServiceCaseState, type OnlineServiceClockStop } from './online-service-case.ts';
import type { OnlineServiceMatter } from './online-service-matter.ts';

/** Identifiers of the online service rules, in id order (the order their findings are added in); an alert is kept per (case, rule). */
export const onlineServiceRuleIds = {
  acceptanceTimeLimit: 'onlineService.acceptance-time-limit',
  completionTimeLimit: 'onlineService.completion-time-limit',
  deliveryTimeLimit: 'onlineService.delivery-time-limit',
  onlineDelivery: 'onlineService.online-delivery',
  procedureOrder: 'onlineService.procedure-order',
  supplementNotice: 'onlineService.supplement-notice',
} as const;

/** Version of the online service rules' logic, cited by every finding. */
export const onlineServiceRuleVersion = 1;

const finding = ruleFinding(onlineServiceRuleVersion);

const measures = '《宁波市行政电子监察管理办法》';
const legalBasis = {
  acceptanceTimeLimit: `${measures}第九条、第十八条`,
  completionTimeLimit: `${measures}第九条、第十八条`,
  deliveryTimeLimit: `${measures}第九条、第十八条`,
  onlineDelivery: '《国务院关于在线政务服务的若干规定》第二条、第十条、第十一条',
  procedureOrder: `${measures}第七条第（二）项`,
  supplementNotice: '《中华人民共和国行政许可法》第三十二条',
} as const;

/** Cited beside the matter's basis when a step the law leaves out of the limit moved the completion deadline. */
const excludedPeriodsBasis = '《中华人民共和国行政许可法》第四十五条';

/** The limits that apply to a case, as known at evaluation. */
export type OnlineServiceDeadlines = {
  /** Last day to notify, all at once, the materials to supplement (counted from the application). */
  readonly supplementNotice: WorkingDayDeadline | null;
  /** Last day to decide on acceptance, when the catalogue sets a limit; null while it does not run. */
  readonly acceptance: WorkingDayDeadline | null;
  /** Date the completion period is counted from (the acceptance, not itself counted); null until accepted. */
  readonly clockStart: LocalDate | null;
  /** Promised limit (承诺时限), pushed out by the working days the completion clock stood still. */
  readonly promised: WorkingDayDeadline | null;
  /** Legal limit (法定时限), pushed out the same way. */
  readonly statutory: WorkingDayDeadline | null;
  /** Working days after acceptance inside closed stops of the completion clock (named as licensing's, which the statistics read). */
  readonly suspendedWorkingDays: number;
  /**
   * True while a stop is open (materials asked for, or an excluded step under way): the clock
   * stands still and `promised`/`statutory` are the earliest possible dates.
   */
  readonly clockStopped: boolean;
  /** Last day to deliver the result, counted from the completion, when the catalogue sets a limit. */
  readonly delivery: WorkingDayDeadline | null;
};

/** The outcome of evaluating one online service case. */
export interface OnlineServiceEvaluation extends FamilyEvaluation {
  /** Conditions that hold, at most one per rule, ordered by rule id. */
  readonly findings: Finding[];
  readonly deadlines: OnlineServiceDeadlines;
}

/** The matter's own legal basis for its limits, else the Measures'. */
function timeLimitBasis(matter: OnlineServiceMatter): string {
  return matter.legalBasis.trim() || legalBasis.completionTimeLimit;
}

/** The completion limit's basis: the matter's, with Art. 45 when an excluded step stopped the clock. */
function completionBasis(state: OnlineServiceCaseState, matter: OnlineServiceMatter): string {
  const stops = state.clockStops;
  for (let i = 0; i < stops.length; i++) {
    if ((stops[i] as OnlineServiceClockStop).reason !== 'supplement') return `${timeLimitBasis(matter)}；${excludedPeriodsBasis}`;
  }
  return timeLimitBasis(matter);
}

/** Notice to supplement materials given late or more than once (一次性告知). */
function supplementNoticeFinding(requests: number, late: boolean, limit: WorkingDayDeadline | null): Finding | null {
  const lateLimit = late && limit !== null ? limit : null;
  if (lateLimit === null && requests <= 1) return null;
  return finding(
    onlineServiceRuleIds.supplementNotice,
    'warning',
    legalBasis.supplementNotice,
    { key: 'onlineService.supplement-notice', params: lateLimit === null ? { requests } : { requests, limit: lateLimit.date } },
    lateLimit?.at,
  );
}

/** True when both instants are known and the later step happened before the earlier one. */
function before(later: EpochMillis | null, earlier: EpochMillis | null): boolean {
  return later !== null && earlier !== null && later < earlier;
}

/**
 * Steps out of the procedure's order, named in a fixed order: in sequence (a step sent before the
 * one it depends on), then in time (a step dated before the one it follows).
 */
function procedureOrderFinding(state: OnlineServiceCaseState): Finding | null {
  const anomalies = state.anomalies;
  const found: string[] = [];
  for (const kind of outOfOrderKinds) {
    for (let i = 0; i < anomalies.length; i++) {
      if ((anomalies[i] as OnlineServiceCaseState['anomalies'][number]).kind === kind) {
        found.push(kind);
        break;
      }
    }
  }
  if (before(state.acceptedAt ?? state.notAcceptedAt, state.appliedAt)) found.push('acceptedBeforeApplication');
  if (before(state.completedAt, state.acceptedAt)) found.push('completedBeforeAcceptance');
  if (before(state.deliveredAt, state.completedAt)) found.push('deliveredBeforeCompletion');
  if (found.length === 0) return null;
  return finding(onlineServiceRuleIds.procedureOrder, 'correction', legalBasis.procedureOrder, {
    key: 'onlineService.procedure-order',
    params: { problems: found.join(',') },
  });
}

/**
 * A matter handled wholly online whose result reached the applicant only offline; an approved
 * result of a matter that issues electronic certificates delivered without one.
 */
function onlineDeliveryFinding(state: OnlineServiceCaseState, matter: OnlineServiceMatter): Finding | null {
  if (state.deliveredAt === null) return null;
  const offline = matter.fullyOnline === true && !state.deliveredOnline;
  const noCertificate = matter.electronicCertificate === true && state.outcome === 'approved' && !state.certificateDelivered;
  if (!offline && !noCertificate) return null;
  const params: Record<string, string | number> = {};
  if (offline) params['channel'] = state.deliveryChannel ?? 'counter';
  if (noCertificate) params['noCertificate'] = 1;
  return finding(onlineServiceRuleIds.onlineDelivery, 'warning', legalBasis.onlineDelivery, { key: 'onlineService.online-delivery', params });
}

/**
 * Evaluates an online service case against its catalogue matter as of `asOf`. The acceptance
 * limit is judged as of the acceptance decision, the completion limits as of the completion.
 */
export function evaluateOnlineServiceCase(
  state: OnlineServiceCaseState,
  matter: OnlineServiceMatter,
  asOf: Date,
  cal: WorkingDayCalendar,
): OnlineServiceEvaluation {
  const asOfMillis = epochMillisOf(asOf);
  const today = dayOf(asOfMillis);
  const changes = new ChangeDays(today);
  const findings: Finding[] = [];
  const appliedDay = state.appliedAt === null ? null : dayOf(state.appliedAt);
  const decidedOnAcceptance: EpochMillis | null = state.acceptedAt ?? state.notAcceptedAt;

  // One-time notice to supplement materials, within its working days of the application.
  const requests = state.supplementRequestedAt;
  let supplementNotice: WorkingDayDeadline | null = null;
  let timelyRequest = false;
  let lateRequest = false;
  if (appliedDay !== null) {
    const limitDay = days.add(cal, appliedDay, wholeDays(matter.supplementNoticeWorkingDays));
    supplementNotice = days.deadline(cal, appliedDay, limitDay);
    for (let i = 0; i < requests.length; i++) {
      if (dayOf(requests[i] as EpochMillis) <= limitDay) timelyRequest = true;
      else lateRequest = true;
    }
  }

  // Acceptance (受理), when the catalogue sets a limit: from the application or, after a timely
  // notice, from the supplemented materials; nothing runs while the applicant has yet to supplement.
  let acceptance: WorkingDayDeadline | null = null;
  let acceptanceFinding: Finding | null = null;
  const acceptanceDays = matter.acceptanceWorkingDays === undefined ? 0 : wholeDays(matter.acceptanceWorkingDays);
  const acceptanceStart = !timelyRequest ? appliedDay : state.supplementedAt === null ? null : dayOf(state.supplementedAt);
  if (acceptanceDays > 0 && acceptanceStart !== null) {
    const limitDay = days.add(cal, acceptanceStart, acceptanceDays);
    acceptance = days.deadline(cal, acceptanceStart, limitDay);
    const pending = decidedOnAcceptance === null && state.completedAt === null;
    const judgedOn = decidedOnAcceptance !== null ? dayOf(decidedOnAcceptance) : pending ? today : null;
    if (judgedOn !== null && judgedOn > limitDay) {
      acceptanceFinding = finding(
        onlineServiceRuleIds.acceptanceTimeLimit,
        'warning',
        timeLimitBasis(matter),
        {
          key: pending ? 'onlineService.acceptance-time-limit.overdue' : 'onlineService.acceptance-time-limit.late',
          params: { limit: acceptance.date, ...provisionalParam(acceptance) },
        },
        acceptance.at,
      );
    }
    if (pending) changes.consider(limitDay + 1);
  }
  if (acceptanceFinding !== null) findings.push(acceptanceFinding);

  // Completion (办结) within the promised limit, and at the latest within the legal one, counted
  // from acceptance; working days while the clock stood still do not count.
  let clockStart: LocalDate | null = null;
  let promised: WorkingDayDeadline | null = null;
  let statutory: WorkingDayDeadline | null = null;
  let suspendedWorkingDays = 0;
  const { open, closed } = splitClockStops(state.clockStops);
  if (state.acceptedAt !== null) {
    const startDay = dayOf(state.acceptedAt);
    clockStart = localDateOfEpochDay(startDay);
    const limits = promisedAndStatutoryLimits(cal, startDay, wholeDays(matter.promisedWorkingDays), wholeDays(matter.statutoryWorkingDays), closed);
    ({ promised, statutory } = limits);
    suspendedWorkingDays = limits.stoppedWorkingDays;
    // The clock is read at the completion, at the start of an open stop, or now.
    const completedAt = state.completedAt;
    const frozenMillis = completedAt !== null && open !== null ? Math.min(completedAt, open) : (completedAt ?? open);
    const promptDays = promptWorkingDays(matter.promptWorkingDaysBefore);
    const completion = promisedAndStatutoryFinding(
      {
        finding,
        ruleId: onlineServiceRuleIds.completionTimeLimit,
        legalBasis: completionBasis(state, matter),
        messages: 'onlineService.completion-time-limit',
      },
      cal,
      limits,
      frozenMillis === null ? today : dayOf(frozenMillis),
      completedAt !== null,
      promptDays,
    );
    if (completion !== null) findings.push(completion);
    if (frozenMillis === null) considerPromisedAndStatutoryChanges(changes, cal, limits, promptDays);
  }

  // Delivery of the result, when the catalogue sets a limit: within its working days of the completion.
  let delivery: WorkingDayDeadline | null = null;
  const deliveryDays = matter.deliveryWorkingDays === undefined ? 0 : wholeDays(matter.deliveryWorkingDays);
  if (deliveryDays > 0 && state.completedAt !== null) {
    const completionDay = dayOf(state.completedAt);
    const limitDay = days.add(cal, completionDay, deliveryDays);
    delivery = days.deadline(cal, completionDay, limitDay);
    const delivered = state.deliveredAt !== null;
    if ((delivered ? dayOf(state.deliveredAt as EpochMillis) : today) > limitDay) {
      findings.push(
        finding(
          onlineServiceRuleIds.deliveryTimeLimit,
          'warning',
          timeLimitBasis(matter),
          {
            key: delivered ? 'onlineService.delivery-time-limit.late' : 'onlineService.delivery-time-limit.overdue',
            params: { limit: delivery.date, ...provisionalParam(delivery) },
          },
          delivery.at,
        ),
      );
    }
    if (!delivered) changes.consider(limitDay + 1);
  }

  const onlineDelivery = onlineDeliveryFinding(state, matter);
  if (onlineDelivery !== null) findings.push(onlineDelivery);
  const procedure = procedureOrderFinding(state);
  if (procedure !== null) findings.push(procedure);
  const supplement = supplementNoticeFinding(requests.length, lateRequest, supplementNotice);
  if (supplement !== null) findings.push(supplement);

  const deadlines: OnlineServiceDeadlines = {
    supplementNotice,
    acceptance,
    clockStart,
    promised,
    statutory,
    suspendedWorkingDays,
    clockStopped: open !== null,
    delivery,
  };
  return { findings: sortByRule(findings), nextCheckAt: changes.instant(), deadlines };
}

/** The article each of these rules cites by default (special reports name it). */
export const onlineServiceRuleArticles = ruleArticles(onlineServiceRuleIds, legalBasis);
