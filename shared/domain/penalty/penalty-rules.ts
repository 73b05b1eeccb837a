/**
 * Supervision rules for administrative penalty cases (行政处罚): the decision time limit, the
 * discretion benchmark, the hearing notice, publication of decisions and the order of the
 * procedure. Pure: the same state, matter, instant and calendar always give the same evaluation.
 */
import type { Finding } from '../alerts/alert.ts';
import { epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import { ChangeDays } from '../records/change-days.ts';
import { provisionalParam, ruleFinding, sortByRule } from '../records/rule-finding.ts';
import { wholeDays } from '../records/whole-days.ts';
import type { PenaltyAnomalyKind, PenaltyCaseState, PenaltyDecision } from './penalty-case.ts';
import type { PenaltyMatter } from './penalty-matter.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';

/** Identifiers of the penalty rules; an alert is kept per (case, rule). */
export const penaltyRuleIds = {
  decisionTimeLimit: 'penalty.decision-time-limit',
  fineWithinBand: 'penalty.fine-within-band',
  hearingNotice: 'penalty.hearing-notice',
  procedureOrder: 'penalty.procedure-order',
  publication: 'penalty.publication',
} as const;

/** Version of the penalty rules' logic, cited by every finding. */
export const penaltyRuleVersion = 1;

const finding = ruleFinding(penaltyRuleVersion);

/** Articles of the Administrative Penalty Law (2021) each rule enforces. */
const legalBasis = {
  decisionTimeLimit: '《中华人民共和国行政处罚法》第六十条',
  fineWithinBand: '《中华人民共和国行政处罚法》第三十四条',
  hearingNotice: '《中华人民共和国行政处罚法》第六十三条、第六十四条',
  procedureOrder: '《中华人民共和国行政处罚法》第四十四条、第五十四条、第六十二条、第六十六条',
  publication: '《中华人民共和国行政处罚法》第四十八条',
} as const;

/** The national decision period (Art. 60); a matter with another figure cites its own legal basis. */
const nationalDecisionCalendarDays = 90;

/** The limits that apply to a case, as known at evaluation (a type alias, not an interface, so that it fits `FamilyEvaluation.deadlines` without a copy). */
export type PenaltyDeadlines = {
  /** Date of case filing; the decision period is counted from the day after. */
  readonly filedOn: LocalDate | null;
  /** Calendar days allowed for the decision: the matter's period plus approved extensions. */
  readonly decisionCalendarDays: number;
  /** The last calendar day of that period, before a non-working last day moves to the next working day. */
  readonly decisionPeriodEndsOn: LocalDate | null;
  /** When the decision is due: the period's end, or the next working day after it. */
  readonly decision: WorkingDayDeadline | null;
  /** When a decision that must be made public is due to be published; null when none is required. */
  readonly publication: WorkingDayDeadline | null;
};

/** The outcome of evaluating one penalty case. */
export interface PenaltyEvaluation {
  /** Conditions that hold, at most one per rule, ordered by rule id. */
  readonly findings: Finding[];
  /**
   * The earliest instant (ISO, UTC, `YYYY-MM-DDTHH:mm:ss.sssZ`) after `asOf` at which a
   * time-driven finding changes if no new event arrives: the start of a Shanghai day. Null when
   * neither the decision nor a required publication is outstanding with a change still ahead.
   */
  readonly nextCheckAt: string | null;
  readonly deadlines: PenaltyDeadlines;
}

/** The anomalies the procedure-order rule reports (its message words them). */
const procedureProblems: ReadonlySet<PenaltyAnomalyKind> = new Set<PenaltyAnomalyKind>([
  'decidedWithoutFiling',
  'decidedWithoutPriorNotice',
  'executedWithoutDecision',
]);

/** Filing and prior notice before the decision, a decision before execution. */
function procedureOrderFinding(state: PenaltyCaseState): Finding | null {
  const found = new Set<string>();
  for (const anomaly of state.anomalies) if (procedureProblems.has(anomaly.kind)) found.add(anomaly.kind);
  if (found.size === 0) return null;
  // In the order the anomalies happened.
  return finding(penaltyRuleIds.procedureOrder, 'correction', legalBasis.procedureOrder, {
    key: 'penalty.procedure-order',
    params: { problems: [...found].join(',') },
  });
}

/** The decided fine against the discretion benchmark's band for its violation and circumstance. */
function fineWithinBandFinding(decision: PenaltyDecision, matter: PenaltyMatter): Finding | null {
  const band = matter.discretionBands.find(
    (candidate) => candidate.violationCode === decision.violationCode && candidate.circumstance === decision.circumstance,
  );
  const matterBasis = matter.legalBasis.trim();
  const basis = matterBasis === '' ? legalBasis.fineWithinBand : `${legalBasis.fineWithinBand}；${matterBasis}`;
  const subject = { violation: decision.violationCode, circumstance: decision.circumstance };
  if (band === undefined) {
    return finding(penaltyRuleIds.fineWithinBand, 'warning', basis, { key: 'penalty.fine-within-band.no-band', params: subject });
  }
  if (decision.fineYuan >= band.minFineYuan && decision.fineYuan <= band.maxFineYuan) return null;
  return finding(penaltyRuleIds.fineWithinBand, 'correction', basis, {
    key: 'penalty.fine-within-band.outside',
    params: { fine: decision.fineYuan, min: band.minFineYuan, max: band.maxFineYuan, ...subject },
  });
}

/** A fine at or above the hearing threshold, proposed or decided, needs a hearing notice before the decision. */
function hearingNoticeFinding(state: PenaltyCaseState, decision: PenaltyDecision, matter: PenaltyMatter): Finding | null {
  const threshold = matter.hearingThresholdYuan;
  if (!(Number.isFinite(threshold) && threshold > 0)) return null;
  const notified = state.hearingNoticeIssued !== null && state.hearingNoticeIssued.sequence < decision.sequence;
  if (notified) return null;
  const proposed = state.priorNotices.find((notice) => notice.sequence < decision.sequence && notice.proposedFineYuan >= threshold);
  const fine = decision.fineYuan >= threshold ? decision.fineYuan : proposed?.proposedFineYuan;
  if (fine === undefined) return null;
  return finding(penaltyRuleIds.hearingNotice, 'correction', legalBasis.hearingNotice, {
    key: decision.fineYuan >= threshold ? 'penalty.hearing-notice.fine' : 'penalty.hearing-notice.proposed-fine',
    params: { fine, threshold },
  });
}

/**
 * The decision period (Art. 60): calendar days from filing (the day of filing not counted), plus
 * approved extensions; a period ending on a non-working day ends on the next working day.
 * Judged as of the decision, or of closure for a case closed without one.
 */
function decisionTimeLimit(
  state: PenaltyCaseState,
  matter: PenaltyMatter,
  cal: WorkingDayCalendar,
  changes: ChangeDays,
  asOfDay: number,
): { finding: Finding | null; deadlines: Pick<PenaltyDeadlines, 'filedOn' | 'decisionCalendarDays' | 'decisionPeriodEndsOn' | 'decision'> } {
  const allowed = wholeDays(matter.decisionCalendarDays) + wholeDays(state.extensionCalendarDays);
  if (state.filed === null) {
    return { finding: null, deadlines: { filedOn: null, decisionCalendarDays: allowed, decisionPeriodEndsOn: null, decision: null } };
  }
  const filedDay = dayOf(state.filed.at);
  const periodEnd = filedDay + allowed;
  // The first working day on or after the period's last calendar day.
  const dueDay = days.add(cal, periodEnd - 1, 1);
  const due = days.deadline(cal, periodEnd, dueDay);
  const deadlines = {
    filedOn: localDateOfEpochDay(filedDay),
    decisionCalendarDays: allowed,
    decisionPeriodEndsOn: localDateOfEpochDay(periodEnd),
    decision: due,
  };

  const frozen = state.decision ?? state.closed;
  const evaluatedOn = frozen === null ? asOfDay : dayOf(frozen.at);
  const promptDays =
    Number.isFinite(matter.promptCalendarDaysBefore) && matter.promptCalendarDaysBefore >= 0 ? Math.floor(matter.promptCalendarDaysBefore) : -1;
  if (frozen === null) {
    if (promptDays >= 0) changes.consider(dueDay - promptDays);
    changes.consider(dueDay + 1);
  }
  const matterBasis = matter.legalBasis.trim();
  const basis = matter.decisionCalendarDays === nationalDecisionCalendarDays || matterBasis === '' ? legalBasis.decisionTimeLimit : matterBasis;
  const limit = { limit: due.date, ...provisionalParam(due) };

  if (evaluatedOn > dueDay) {
    const key =
      state.decision !== null
        ? 'penalty.decision-time-limit.late'
        : state.closed !== null
          ? 'penalty.decision-time-limit.closed-late'
          : 'penalty.decision-time-limit.overdue';
    return { finding: finding(penaltyRuleIds.decisionTimeLimit, 'warning', basis, { key, params: limit }, due.at), deadlines };
  }
  if (frozen === null && promptDays >= 0 && dueDay - evaluatedOn <= promptDays) {
    return {
      finding: finding(penaltyRuleIds.decisionTimeLimit, 'prompt', basis, { key: 'penalty.decision-time-limit.approaching', params: limit }, due.at),
      deadlines,
    };
  }
  return { finding: null, deadlines };
}

/**
 * Publication of a decision that must be made public (Art. 48), within the matter's working days
 * after the decision (the day of decision not counted): prompt on the last day, warning after it.
 * Judged as of the publication once published.
 */
function publication(
  state: PenaltyCaseState,
  matter: PenaltyMatter,
  cal: WorkingDayCalendar,
  changes: ChangeDays,
  asOfDay: number,
): { finding: Finding | null; deadline: WorkingDayDeadline | null } {
  const decision = state.decision;
  if (decision === null || !decision.publicationRequired) return { finding: null, deadline: null };
  const decisionDay = dayOf(decision.at);
  const dueDay = days.add(cal, decisionDay, wholeDays(matter.publicationWorkingDays));
  const due = days.deadline(cal, decisionDay, dueDay);
  const publishedDay = state.published === null ? null : dayOf(state.published.at);
  if (publishedDay === null) {
    changes.consider(dueDay);
    changes.consider(dueDay + 1);
  }
  const evaluatedOn = publishedDay ?? asOfDay;
  const limit = { limit: due.date, ...provisionalParam(due) };
  if (evaluatedOn > dueDay) {
    const key = publishedDay === null ? 'penalty.publication.overdue' : 'penalty.publication.late';
    return {
      finding: finding(penaltyRuleIds.publication, 'warning', legalBasis.publication, { key, params: limit }, due.at),
      deadline: due,
    };
  }
  if (publishedDay === null && evaluatedOn === dueDay) {
    return {
      finding: finding(penaltyRuleIds.publication, 'prompt', legalBasis.publication, { key: 'penalty.publication.last-day', params: limit }, due.at),
      deadline: due,
    };
  }
  return { finding: null, deadline: due };
}

/**
 * Evaluates a penalty case against its catalogue matter as of `asOf`. A decided case is judged
 * on its time limit as of its decision, a published decision on publication as of its publication.
 */
export function evaluatePenaltyCase(state: PenaltyCaseState, matter: PenaltyMatter, asOf: Date, cal: WorkingDayCalendar): PenaltyEvaluation {
  const asOfDay = dayOf(epochMillisOf(asOf));
  const changes = new ChangeDays(asOfDay);
  const timeLimit = decisionTimeLimit(state, matter, cal, changes, asOfDay);
  const published = publication(state, matter, cal, changes, asOfDay);
  const decision = state.decision;
  const candidates = [
    procedureOrderFinding(state),
    timeLimit.finding,
    published.finding,
    decision === null ? null : fineWithinBandFinding(decision, matter),
    decision === null ? null : hearingNoticeFinding(state, decision, matter),
  ];
  const findings = candidates.filter((candidate): candidate is Finding => candidate !== null);
  return {
    findings: sortByRule(findings),
    nextCheckAt: changes.instant(),
    deadlines: {
      filedOn: timeLimit.deadlines.filedOn,
      decisionCalendarDays: timeLimit.deadlines.decisionCalendarDays,
      decisionPeriodEndsOn: timeLimit.deadlines.decisionPeriodEndsOn,
      decision: timeLimit.deadlines.decision,
      publication: published.deadline,
    },
  };
}

/** The article each of these rules cites by default (special reports name it). */
export const penaltyRuleArticles = ruleArticles(penaltyRuleIds, legalBasis);
