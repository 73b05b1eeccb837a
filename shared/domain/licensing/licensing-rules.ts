/**
 * Supervision rules for licensing cases (行政许可): the decision time limit, the order of the
 * procedure and the one-time notice to complete materials. Pure: the same state, matter,
 * instant and calendar always give the same evaluation.
 */
import type { Finding } from '../alerts/alert.ts';
import type { CatalogueMatter } from '../catalogue/catalogue-matter.ts';
import { epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import { clockStops, stoppedClockPeriodEnd, stoppedWorkingDaysAfter } from '../calendar/stopped-clock.ts';
import { ChangeDays } from '../records/change-days.ts';
import { provisionalNote, ruleFinding, sortByRule } from '../records/rule-finding.ts';
import { wholeDays } from '../records/whole-days.ts';
import type { LicensingCaseState } from './licensing-case.ts';

/** Identifiers of the licensing rules; an alert is kept per (case, rule). */
export const licensingRuleIds = {
  decisionTimeLimit: 'licensing.decision-time-limit',
  procedureOrder: 'licensing.procedure-order',
  completionNotice: 'licensing.completion-notice',
} as const;

/** Version of the licensing rules' logic, cited by every finding. */
export const licensingRuleVersion = 1;

const finding = ruleFinding(licensingRuleVersion);

const legalBasis = {
  decisionTimeLimit: '《中华人民共和国行政许可法》第四十二条',
  procedureOrder: '《中华人民共和国行政许可法》第三十二条、第三十七条、第四十四条',
  completionNotice: '《中华人民共和国行政许可法》第三十二条',
} as const;

/** The limits that apply to a case, as known at evaluation (a type alias, not an interface, so that it fits `FamilyEvaluation.deadlines` without a copy). */
export type LicensingDeadlines = {
  /** Date the decision period is counted from (not itself counted); null until it starts. */
  readonly clockStart: LocalDate | null;
  /** Why the period started: the `accepted` event, or acceptance deemed on receipt (Art. 32). */
  readonly clockStartBasis: 'accepted' | 'deemedAcceptedOnReceipt' | null;
  /** Last day for a one-time notice to complete materials, counted from receipt. */
  readonly completionNotice: WorkingDayDeadline | null;
  /** Promised limit (承诺时限) plus extensions, pushed out by suspended working days. */
  readonly promised: WorkingDayDeadline | null;
  /** Statutory limit (法定时限) plus extensions, pushed out by suspended working days. */
  readonly statutory: WorkingDayDeadline | null;
  /** Working days after the clock started that fell inside closed suspensions. */
  readonly suspendedWorkingDays: number;
  /**
   * True while a suspension is open: the clock stands still, and `promised`/`statutory` are the
   * earliest possible dates (resumption pushes out any the suspension started before).
   */
  readonly clockStopped: boolean;
};

/** The outcome of evaluating one case. */
export interface CaseEvaluation {
  /** Conditions that hold, at most one per rule, ordered by rule id. */
  readonly findings: Finding[];
  /**
   * The earliest instant (ISO, UTC) after `asOf` at which a time-driven finding changes if no new
   * event arrives; null when the case is decided, suspended, has no running clock or is already
   * past its statutory limit. Always `YYYY-MM-DDTHH:mm:ss.sssZ`, so string order is time order.
   */
  readonly nextCheckAt: string | null;
  readonly deadlines: LicensingDeadlines;
}

/** One-time, timely notice to complete materials (补正, Art. 32). */
function completionNoticeFinding(requests: number, late: boolean, limit: WorkingDayDeadline | null): Finding | null {
  const lateProblem = late && limit !== null ? `issued after the limit of ${limit.date}` : null;
  const repeatedProblem = requests > 1 ? `issued ${requests} times instead of once, all at once` : null;
  if (lateProblem === null && repeatedProblem === null) return null;
  const problems = lateProblem !== null && repeatedProblem !== null ? `${lateProblem} and ${repeatedProblem}` : (lateProblem ?? repeatedProblem);
  return finding(
    licensingRuleIds.completionNotice,
    'warning',
    legalBasis.completionNotice,
    `Notice to complete materials ${problems}.`,
    lateProblem !== null && limit !== null ? limit.at : undefined,
  );
}

/** What the procedure-order finding says, by which steps were skipped. */
const procedureOrderSummaries = {
  withoutAcceptance: 'Case decided without prior acceptance.',
  withoutDecision: 'Case concluded without a decision.',
  both: 'Case decided without prior acceptance and concluded without a decision.',
} as const;

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
  const summary = withoutAcceptance && withoutDecision ? procedureOrderSummaries.both : withoutAcceptance ? procedureOrderSummaries.withoutAcceptance : procedureOrderSummaries.withoutDecision;
  return finding(licensingRuleIds.procedureOrder, 'correction', legalBasis.procedureOrder, summary);
}

/** The matter's own legal basis for its time limit, else the statute's; only read when there is a finding. */
function timeLimitBasis(matter: CatalogueMatter): string {
  return matter.legalBasis.trim() || legalBasis.decisionTimeLimit;
}

/**
 * Evaluates a licensing case against its catalogue matter as of `asOf`. A decided case is judged
 * as of its decision; a suspended one as of the start of its suspension (the clock stands still).
 */
export function evaluateLicensingCase(
  state: LicensingCaseState,
  matter: CatalogueMatter,
  asOf: Date,
  cal: WorkingDayCalendar,
): CaseEvaluation {
  const asOfMillis = epochMillisOf(asOf);
  const receiptDay = state.receivedAt === null ? null : dayOf(state.receivedAt);

  const completionLimitDay = receiptDay === null ? null : days.add(cal, receiptDay, wholeDays(matter.completionNoticeWorkingDays));
  const completionLimit = receiptDay === null || completionLimitDay === null ? null : days.deadline(cal, receiptDay, completionLimitDay);
  let timelyRequest = false;
  let lateRequest = false;
  if (completionLimitDay !== null) {
    const requests = state.completionRequestedAt;
    for (let i = 0; i < requests.length; i++) {
      if (dayOf(requests[i] as number) <= completionLimitDay) timelyRequest = true;
      else lateRequest = true;
    }
  }

  // Art. 32: without a timely notice to complete materials, the application counts as accepted on receipt.
  const clockStart = state.acceptedAt !== null ? dayOf(state.acceptedAt) : timelyRequest ? null : receiptDay;
  const clockStartBasis = clockStart === null ? null : state.acceptedAt !== null ? 'accepted' : 'deemedAcceptedOnReceipt';

  const { open, closed } = clockStops(state.suspensions);

  const findings: Finding[] = [];
  // Findings are added in rule-id order (completion notice, decision time limit, procedure order), so they need no sort.
  const completion = completionNoticeFinding(state.completionRequestedAt.length, lateRequest, completionLimit);
  if (completion !== null) findings.push(completion);
  const procedure = procedureOrderFinding(state);

  if (clockStart === null) {
    const noClock: LicensingDeadlines = {
      clockStart: null,
      clockStartBasis: null,
      completionNotice: completionLimit,
      promised: null,
      statutory: null,
      suspendedWorkingDays: 0,
      clockStopped: open !== null,
    };
    if (procedure !== null) findings.push(procedure);
    return { findings: sortByRule(findings), nextCheckAt: null, deadlines: noClock };
  }

  const extension = wholeDays(state.extensionWorkingDays);
  const promisedDay = stoppedClockPeriodEnd(cal, clockStart, wholeDays(matter.promisedWorkingDays) + extension, closed);
  const statutoryDay = stoppedClockPeriodEnd(cal, clockStart, wholeDays(matter.statutoryWorkingDays) + extension, closed);
  const promised = days.deadline(cal, clockStart, promisedDay);
  const statutory = days.deadline(cal, clockStart, statutoryDay);
  const deadlines: LicensingDeadlines = {
    clockStart: localDateOfEpochDay(clockStart),
    clockStartBasis,
    completionNotice: completionLimit,
    promised,
    statutory,
    suspendedWorkingDays: closed.length === 0 ? 0 : stoppedWorkingDaysAfter(cal, clockStart, closed),
    clockStopped: open !== null,
  };

  // The instant the clock is read at: the decision, the start of an open suspension, or now.
  const decidedMillis = state.decidedAt;
  const frozenMillis = decidedMillis !== null && open !== null ? Math.min(decidedMillis, open) : (decidedMillis ?? open);
  const evaluatedOn = dayOf(frozenMillis ?? asOfMillis);
  const decided = state.decidedAt !== null;
  const promptDays = Number.isFinite(matter.promptWorkingDaysBefore) ? Math.floor(matter.promptWorkingDaysBefore) : -1;

  if (evaluatedOn > statutoryDay) {
    findings.push(
      finding(
        licensingRuleIds.decisionTimeLimit,
        'correction',
        timeLimitBasis(matter),
        `Decision ${decided ? 'made after' : 'not made by'} the statutory time limit of ${statutory.date}${provisionalNote(statutory)}.`,
        statutory.at,
      ),
    );
  } else if (evaluatedOn > promisedDay) {
    findings.push(
      finding(
        licensingRuleIds.decisionTimeLimit,
        'warning',
        timeLimitBasis(matter),
        `Decision ${decided ? 'made after' : 'not made by'} the promised time limit of ${promised.date}${provisionalNote(promised)}.`,
        promised.at,
      ),
    );
  } else if (!decided && promptDays >= 0 && days.countAfter(cal, evaluatedOn, promisedDay) <= promptDays) {
    findings.push(
      finding(
        licensingRuleIds.decisionTimeLimit,
        'prompt',
        timeLimitBasis(matter),
        `Promised time limit for the decision (${promised.date}) is approaching${provisionalNote(promised)}.`,
        promised.at,
      ),
    );
  }

  const nextCheckAt = frozenMillis !== null ? null : nextChange(cal, asOfMillis, promisedDay, statutoryDay, promptDays);
  if (procedure !== null) findings.push(procedure);
  return { findings: sortByRule(findings), nextCheckAt, deadlines };
}

/**
 * The first instant after `asOfMillis` at which the decision time-limit finding changes: the
 * start of the first day the prompt applies, then the day after each deadline.
 */
function nextChange(cal: WorkingDayCalendar, asOfMillis: number, promisedDay: number, statutoryDay: number, promptDays: number): string | null {
  const changes = new ChangeDays(dayOf(asOfMillis));
  changes.consider(statutoryDay + 1);
  // After the statutory deadline it is a correction whatever the promise says.
  if (promisedDay < statutoryDay) changes.consider(promisedDay + 1);
  if (promptDays >= 0) {
    const promptFrom = days.firstWithin(cal, promisedDay, promptDays);
    if (promptFrom <= statutoryDay) changes.consider(promptFrom);
  }
  return changes.instant();
}
