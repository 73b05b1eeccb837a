/**
 * Supervision rules for information sharing between departments (政务信息共享, Measures Art. 17(4)):
 * the providing department's answer within the limit, an unconditional-share resource refused,
 * the data delivered in time after a grant, use beyond the purpose stated in the request, and the
 * order of the procedure. A refusal without reasons never gets here: the wire contract refuses it.
 * Every limit is in working days. Pure: the same state, matter, instant and calendar always give
 * the same evaluation.
 *
 * Levels of the answer limit, as for licensing and online services: `prompt` while
 * `promptWorkingDaysBefore` working days or fewer remain before the catalogue's limit; `warning`
 * once it has passed; `correction` once the legal limit (10 working days) has passed. A catalogue
 * keeping the legal limit goes from prompt to correction.
 */
import type { AlertLevel, Finding } from '../alerts/alert.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';
import { epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type EpochMillis, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import { ChangeDays } from '../records/change-days.ts';
import type { FamilyEvaluation } from '../records/record-family.ts';
import { provisionalParam, ruleFinding, sortByRule } from '../records/rule-finding.ts';
import { wholeDays } from '../records/whole-days.ts';
import type { InformationSharingCaseState, SharingAnomalyKind } from './information-sharing-case.ts';
import { informationSharingArticles as legalBasis, informationSharingLimits } from './information-sharing-law.ts';
import type { InformationSharingMatter } from './information-sharing-matter.ts';

/** Identifiers of the rules, in id order; an alert is kept per (case, rule). */
export const informationSharingRuleIds = {
  answerTimeLimit: 'informationSharing.answer-time-limit',
  deliveryTimeLimit: 'informationSharing.delivery-time-limit',
  stageOrder: 'informationSharing.stage-order',
  unconditionalRefused: 'informationSharing.unconditional-refused',
  useBeyondPurpose: 'informationSharing.use-beyond-purpose',
} as const;

/** Version of the rules' logic, cited by every finding. */
export const informationSharingRuleVersion = 1;

const finding = ruleFinding(informationSharingRuleVersion);

/** The limits that apply to a share request, as known at evaluation; every one in working days. */
export type InformationSharingDeadlines = {
  readonly unit: 'workingDays';
  /** The request's date, from which the answer limits are counted (not itself counted); null until requested. */
  readonly clockStart: LocalDate | null;
  /** The answer limit the catalogue sets (at most the legal one), from the request; named as licensing's promised limit, so statistics count it. */
  readonly promised: WorkingDayDeadline | null;
  /** The legal answer limit (法定时限), from the request: past it, a correction. */
  readonly statutory: WorkingDayDeadline | null;
  /** The delivery limit, from the grant, when the catalogue sets one. */
  readonly delivery: WorkingDayDeadline | null;
};

/** The outcome of evaluating one share request. */
export interface InformationSharingEvaluation extends FamilyEvaluation {
  readonly findings: Finding[];
  readonly deadlines: InformationSharingDeadlines;
}

type AnswerSuffix = 'approaching' | 'catalogue-late' | 'catalogue-overdue' | 'legal-late' | 'legal-overdue';

/** The anomalies the stage-order rule reports: all but a conflicting duplicate (a data fault, not a step of the procedure). */
function stageOrderFinding(state: InformationSharingCaseState): Finding | null {
  const found = new Set<SharingAnomalyKind>();
  for (const anomaly of state.anomalies) if (anomaly.kind !== 'conflictingDuplicate') found.add(anomaly.kind);
  if (found.size === 0) return null;
  return finding(informationSharingRuleIds.stageOrder, 'warning', legalBasis.stageOrder, {
    key: 'informationSharing.stage-order',
    params: { problems: [...found].join(',') },
  });
}

/** Uses reported beyond the purpose stated in the request: a correction, naming who reported them. */
function useBeyondPurposeFinding(state: InformationSharingCaseState): Finding | null {
  const reporters: string[] = [];
  let count = 0;
  for (const report of state.useReports) {
    if (!report.beyondStatedPurpose) continue;
    count++;
    if (!reporters.includes(report.reportedBy)) reporters.push(report.reportedBy);
  }
  if (count === 0) return null;
  return finding(informationSharingRuleIds.useBeyondPurpose, 'correction', legalBasis.useBeyondPurpose, {
    key: 'informationSharing.use-beyond-purpose',
    params: { count, reportedBy: reporters.join(',') },
  });
}

/**
 * Evaluates a share request against its resource's catalogue version as of `asOf`. The answer
 * limit is judged at the answer or, while it is pending, now; the delivery limit at the delivery
 * or, while pending, now.
 */
export function evaluateInformationSharingCase(
  state: InformationSharingCaseState,
  matter: InformationSharingMatter,
  asOf: Date,
  cal: WorkingDayCalendar,
): InformationSharingEvaluation {
  const today = dayOf(epochMillisOf(asOf));
  const changes = new ChangeDays(today);
  const findings: Finding[] = [];

  // The answer (答复), counted from the request (the day of the request not counted).
  let answer: WorkingDayDeadline | null = null;
  let legalAnswer: WorkingDayDeadline | null = null;
  let clockStart: LocalDate | null = null;
  if (state.requestedAt !== null) {
    const startDay = dayOf(state.requestedAt);
    clockStart = localDateOfEpochDay(startDay);
    const legalDays = informationSharingLimits.answer.workingDays;
    const answerDays = Math.min(Math.max(1, wholeDays(matter.answerWorkingDays)), legalDays);
    const answerDay = days.add(cal, startDay, answerDays);
    const legalDay = days.add(cal, startDay, legalDays);
    answer = days.deadline(cal, startDay, answerDay);
    legalAnswer = days.deadline(cal, startDay, legalDay);
    const answered = state.answeredAt !== null;
    const judgedOn = answered ? dayOf(state.answeredAt as EpochMillis) : today;
    const promptDays = Number.isFinite(matter.promptWorkingDaysBefore) ? Math.floor(matter.promptWorkingDaysBefore) : -1;
    let level: AlertLevel | null = null;
    let limit = answer;
    if (judgedOn > legalDay) {
      level = 'correction';
      limit = legalAnswer;
    } else if (judgedOn > answerDay) level = 'warning';
    else if (!answered && promptDays >= 0 && days.countAfter(cal, judgedOn, answerDay) <= promptDays) level = 'prompt';
    if (level !== null) {
      const suffix: AnswerSuffix =
        level === 'prompt'
          ? 'approaching'
          : level === 'correction'
            ? answered
              ? 'legal-late'
              : 'legal-overdue'
            : answered
              ? 'catalogue-late'
              : 'catalogue-overdue';
      findings.push(
        finding(
          informationSharingRuleIds.answerTimeLimit,
          level,
          legalBasis.answerTimeLimit,
          { key: `informationSharing.answer-time-limit.${suffix}`, params: { limit: limit.date, ...provisionalParam(limit) } },
          limit.at,
        ),
      );
    }
    if (!answered) {
      changes.consider(legalDay + 1);
      if (answerDay < legalDay) changes.consider(answerDay + 1);
      if (promptDays >= 0) {
        const promptFrom = days.firstWithin(cal, answerDay, promptDays);
        if (promptFrom <= answerDay) changes.consider(promptFrom);
      }
    }
  }

  // The data delivered after a grant (及时提供), when the catalogue sets a limit.
  let delivery: WorkingDayDeadline | null = null;
  const deliveryDays = matter.deliveryWorkingDays === undefined ? 0 : wholeDays(matter.deliveryWorkingDays);
  const granted = state.answer === 'granted' || state.answer === 'grantedWithConditions';
  if (deliveryDays > 0 && granted && state.answeredAt !== null) {
    const grantDay = dayOf(state.answeredAt);
    const limitDay = days.add(cal, grantDay, deliveryDays);
    delivery = days.deadline(cal, grantDay, limitDay);
    const delivered = state.deliveredAt !== null;
    // A revoked grant is no longer owed (unless the limit had already passed at the revocation).
    const judgedAt = state.deliveredAt ?? state.revokedAt;
    if ((judgedAt !== null ? dayOf(judgedAt) : today) > limitDay) {
      findings.push(
        finding(
          informationSharingRuleIds.deliveryTimeLimit,
          'warning',
          legalBasis.deliveryTimeLimit,
          {
            key: delivered ? 'informationSharing.delivery-time-limit.late' : 'informationSharing.delivery-time-limit.overdue',
            params: { limit: delivery.date, ...provisionalParam(delivery) },
          },
          delivery.at,
        ),
      );
    }
    if (judgedAt === null) changes.consider(limitDay + 1);
  }

  const stageOrder = stageOrderFinding(state);
  if (stageOrder !== null) findings.push(stageOrder);

  // A resource catalogued as unconditional share (无条件共享) refused.
  if (state.answer === 'refused' && matter.sharingType === 'unconditional') {
    findings.push(
      finding(informationSharingRuleIds.unconditionalRefused, 'correction', legalBasis.unconditionalRefused, {
        key: 'informationSharing.unconditional-refused',
        params: { resource: matter.matterCode },
      }),
    );
  }

  const misuse = useBeyondPurposeFinding(state);
  if (misuse !== null) findings.push(misuse);

  return {
    findings: sortByRule(findings),
    nextCheckAt: changes.instant(),
    deadlines: { unit: 'workingDays', clockStart, promised: answer, statutory: legalAnswer, delivery },
  };
}

/** The article each of these rules cites by default (special reports name it). */
export const informationSharingRuleArticles = ruleArticles(informationSharingRuleIds, {
  answerTimeLimit: legalBasis.answerTimeLimit,
  deliveryTimeLimit: legalBasis.deliveryTimeLimit,
  stageOrder: legalBasis.stageOrder,
  unconditionalRefused: legalBasis.unconditionalRefused,
  useBeyondPurpose: legalBasis.useBeyondPurpose,
});
