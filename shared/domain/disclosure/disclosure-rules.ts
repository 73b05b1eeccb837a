/**
 * Supervision rules for government information disclosure (政务信息公开): the reply time limit of
 * a request, its one-time completion request, reasons for a refusal, the extension cap, and the
 * time limit of proactive disclosure. Pure: the same state, matter, instant and calendar always
 * give the same evaluation.
 *
 * Levels of the reply time limit (Art. 33): `prompt` while `promptWorkingDaysBefore` working days
 * or fewer remain; `warning` once the limit (with any approved extension, counted up to the
 * maximum) has passed; `correction` once even the longest lawful extension could not cover the
 * delay, i.e. past `replyWorkingDays + maxExtensionWorkingDays`. With the full extension approved
 * the two limits coincide and a miss is a correction at once.
 */
import { alertLevelRank, type AlertLevel, type Finding } from '../alerts/alert.ts';
import { epochMillisOf, localDateOfEpochDay, shanghaiEpochDayOfMillis as dayOf, type EpochMillis, type LocalDate } from '../calendar/local-date.ts';
import { clockStops, stoppedClockPeriodEnd, stoppedWorkingDaysAfter } from '../calendar/stopped-clock.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import { ChangeDays } from '../records/change-days.ts';
import type { FamilyEvaluation } from '../records/record-family.ts';
import { provisionalParam, ruleFinding, sortByRule, type RuleMessage } from '../records/rule-finding.ts';
import { wholeDays } from '../records/whole-days.ts';
import type { DisclosureCaseState, DisclosureRequestState, ProactiveDisclosureCycle, ProactiveDisclosureState } from './disclosure-case.ts';
import type { DisclosureMatter } from './disclosure-matter.ts';
import { ruleArticles } from '../alerts/rule-articles.ts';

/** Identifiers of the disclosure rules; an alert is kept per (case, rule). */
export const disclosureRuleIds = {
  replyTimeLimit: 'disclosure.reply-time-limit',
  completionRequest: 'disclosure.completion-request',
  refusalReasons: 'disclosure.refusal-reasons',
  extensionLimit: 'disclosure.extension-limit',
  proactiveTimeLimit: 'disclosure.proactive-time-limit',
} as const;

/** Version of the disclosure rules' logic, cited by every finding. */
export const disclosureRuleVersion = 1;

const finding = ruleFinding(disclosureRuleVersion);

const regulations = '《中华人民共和国政府信息公开条例》';
const legalBasis = {
  replyTimeLimit: `${regulations}第三十三条`,
  completionRequest: `${regulations}第三十条`,
  refusalReasons: `${regulations}第三十六条、第三十七条`,
  extensionLimit: `${regulations}第三十三条`,
  proactiveTimeLimit: `${regulations}第二十六条`,
} as const;

/** The limits that apply to a disclosure request, as known at evaluation. */
export type DisclosureRequestDeadlines = {
  readonly caseType: 'request';
  /** Date the reply period is counted from (not itself counted); null until it starts. */
  readonly clockStart: LocalDate | null;
  /** Receipt, or the arrival of the completed request after a timely completion request (Art. 30). */
  readonly clockStartBasis: 'requestReceived' | 'completionReceived' | null;
  /** Last day for the one-time completion request, counted from receipt. */
  readonly completionRequest: WorkingDayDeadline | null;
  /** Reply limit plus the approved extension (counted up to the maximum), pushed out by consultations. */
  readonly reply: WorkingDayDeadline | null;
  /** Reply limit plus the maximum extension: past it, a correction. */
  readonly outermost: WorkingDayDeadline | null;
  /** Approved extension counted in `reply` (never more than the maximum). */
  readonly extensionWorkingDays: number;
  /** Working days after the clock started that fell inside closed consultations. */
  readonly consultationWorkingDays: number;
  /** True while a consultation is open: the clock stands still (Art. 33). */
  readonly clockStopped: boolean;
};

/** The limit that applies to proactive disclosure, as known at evaluation. */
export type ProactiveDisclosureDeadlines = {
  readonly caseType: 'proactive';
  /** Publication limit of the latest formation or change; null when none was reported. */
  readonly publication: WorkingDayDeadline | null;
};

/** The outcome of evaluating one disclosure case. */
export interface DisclosureEvaluation extends FamilyEvaluation {
  /** Conditions that hold, at most one per rule, ordered by rule id. */
  readonly findings: Finding[];
  readonly deadlines: DisclosureRequestDeadlines | ProactiveDisclosureDeadlines;
}

/** One-time, timely completion request (补正, Art. 30). */
function completionRequestFinding(requests: number, late: boolean, limit: WorkingDayDeadline | null): Finding | null {
  const repeated = requests > 1;
  if (!late && !repeated) return null;
  return finding(
    disclosureRuleIds.completionRequest,
    'warning',
    legalBasis.completionRequest,
    { key: 'disclosure.completion-request', params: late && limit !== null ? { requests, limit: limit.date } : { requests } },
    late && limit !== null ? limit.at : undefined,
  );
}

/** A refusal, whole or in part, must give reasons (Art. 36(3), 37). */
function refusalReasonsFinding(state: DisclosureRequestState): Finding | null {
  if (state.repliedAt === null || state.reasonsGiven) return null;
  if (state.outcome !== 'refused' && state.outcome !== 'partlyDisclosed') return null;
  return finding(disclosureRuleIds.refusalReasons, 'warning', legalBasis.refusalReasons, {
    key: state.outcome === 'refused' ? 'disclosure.refusal-reasons.refused' : 'disclosure.refusal-reasons.partly',
    params: {},
  });
}

/** Extensions may add at most the maximum, in all (Art. 33). */
function extensionLimitFinding(total: number, max: number): Finding | null {
  if (total <= max) return null;
  return finding(disclosureRuleIds.extensionLimit, 'correction', legalBasis.extensionLimit, { key: 'disclosure.extension-limit', params: { total, max } });
}

/** The earlier of two instants, either of which may be missing. */
function earliestOf(a: EpochMillis | null, b: EpochMillis | null): EpochMillis | null {
  return a === null ? b : b === null || a <= b ? a : b;
}

function evaluateRequest(state: DisclosureRequestState, matter: DisclosureMatter, asOfMillis: number, cal: WorkingDayCalendar): DisclosureEvaluation {
  const receiptDay = state.receivedAt === null ? null : dayOf(state.receivedAt);
  const completionLimitDay = receiptDay === null ? null : days.add(cal, receiptDay, wholeDays(matter.completionRequestWorkingDays));
  const completionLimit = receiptDay === null || completionLimitDay === null ? null : days.deadline(cal, receiptDay, completionLimitDay);
  // Only a lawful (timely, first) completion request moves the start to the completed request (Art. 30).
  let restarted = false;
  let lateRequest = false;
  if (completionLimitDay !== null) {
    const requests = state.completionRequestedAt;
    for (let i = 0; i < requests.length; i++) {
      const timely = dayOf(requests[i] as EpochMillis) <= completionLimitDay;
      if (i === 0) restarted = timely;
      if (!timely) lateRequest = true;
    }
  }
  const clockStart = restarted ? (state.completionReceivedAt === null ? null : dayOf(state.completionReceivedAt)) : receiptDay;
  const clockStartBasis = clockStart === null ? null : restarted ? 'completionReceived' : 'requestReceived';

  const { open, closed } = clockStops(state.consultations);

  const maxExtension = wholeDays(matter.maxExtensionWorkingDays);
  const approvedExtension = wholeDays(state.extensionWorkingDays);
  const findings: Finding[] = [];
  for (const found of [
    completionRequestFinding(state.completionRequestedAt.length, lateRequest, completionLimit),
    refusalReasonsFinding(state),
    extensionLimitFinding(approvedExtension, maxExtension),
  ]) {
    if (found !== null) findings.push(found);
  }

  if (clockStart === null) {
    const noClock: DisclosureRequestDeadlines = {
      caseType: 'request',
      clockStart: null,
      clockStartBasis: null,
      completionRequest: completionLimit,
      reply: null,
      outermost: null,
      extensionWorkingDays: 0,
      consultationWorkingDays: 0,
      clockStopped: open !== null,
    };
    return { findings: sortByRule(findings), nextCheckAt: null, deadlines: noClock };
  }

  // An extension beyond the maximum is unlawful: it cannot push the limit further out.
  const extension = Math.min(approvedExtension, maxExtension);
  const replyLimit = wholeDays(matter.replyWorkingDays);
  const replyDay = stoppedClockPeriodEnd(cal, clockStart, replyLimit + extension, closed);
  const outermostDay = stoppedClockPeriodEnd(cal, clockStart, replyLimit + maxExtension, closed);
  const reply = days.deadline(cal, clockStart, replyDay);
  const outermost = days.deadline(cal, clockStart, outermostDay);
  const deadlines: DisclosureRequestDeadlines = {
    caseType: 'request',
    clockStart: localDateOfEpochDay(clockStart),
    clockStartBasis,
    completionRequest: completionLimit,
    reply,
    outermost,
    extensionWorkingDays: extension,
    consultationWorkingDays: closed.length === 0 ? 0 : stoppedWorkingDaysAfter(cal, clockStart, closed),
    clockStopped: open !== null,
  };

  // The clock is read at the reply, the closure (a withdrawn request), the start of an open consultation, or now.
  const frozenMillis = earliestOf(earliestOf(state.repliedAt, state.closedAt), open);
  const evaluatedOn = dayOf(frozenMillis ?? asOfMillis);
  const answered = state.repliedAt !== null;
  const pending = !answered && state.closedAt === null;
  const promptDays = Number.isFinite(matter.promptWorkingDaysBefore) ? Math.floor(matter.promptWorkingDaysBefore) : -1;

  if (evaluatedOn > outermostDay) {
    findings.push(
      finding(
        disclosureRuleIds.replyTimeLimit,
        'correction',
        legalBasis.replyTimeLimit,
        {
          key: answered ? 'disclosure.reply-time-limit.outermost-late' : 'disclosure.reply-time-limit.outermost-overdue',
          params: { limit: outermost.date, maxExtension, ...provisionalParam(outermost) },
        },
        outermost.at,
      ),
    );
  } else if (evaluatedOn > replyDay) {
    findings.push(
      finding(
        disclosureRuleIds.replyTimeLimit,
        'warning',
        legalBasis.replyTimeLimit,
        {
          key: answered ? 'disclosure.reply-time-limit.late' : 'disclosure.reply-time-limit.overdue',
          params: { limit: reply.date, ...provisionalParam(reply) },
        },
        reply.at,
      ),
    );
  } else if (pending && promptDays >= 0 && days.countAfter(cal, evaluatedOn, replyDay) <= promptDays) {
    findings.push(
      finding(
        disclosureRuleIds.replyTimeLimit,
        'prompt',
        legalBasis.replyTimeLimit,
        { key: 'disclosure.reply-time-limit.approaching', params: { limit: reply.date, ...provisionalParam(reply) } },
        reply.at,
      ),
    );
  }

  const nextCheckAt = frozenMillis !== null ? null : nextReplyChange(cal, asOfMillis, replyDay, outermostDay, promptDays);
  return { findings: sortByRule(findings), nextCheckAt, deadlines };
}

/** The first instant after `asOfMillis` at which the reply finding changes: prompt, warning, correction. */
function nextReplyChange(cal: WorkingDayCalendar, asOfMillis: number, replyDay: number, outermostDay: number, promptDays: number): string | null {
  const changes = new ChangeDays(dayOf(asOfMillis));
  changes.consider(outermostDay + 1);
  if (replyDay < outermostDay) changes.consider(replyDay + 1);
  if (promptDays >= 0) changes.consider(days.firstWithin(cal, replyDay, promptDays));
  return changes.instant();
}

/** One formation or change of information, judged against its publication limit. */
interface JudgedCycle {
  readonly cycle: ProactiveDisclosureCycle;
  readonly due: WorkingDayDeadline;
  readonly dueDay: number;
  /** First day with no working day left after it: the prompt (last day) starts here. */
  readonly promptFrom: number;
  /** True while nothing ended the cycle: neither a publication nor a later change. */
  readonly live: boolean;
  readonly level: AlertLevel | null;
}

function judgeCycle(
  cal: WorkingDayCalendar,
  cycle: ProactiveDisclosureCycle,
  next: ProactiveDisclosureCycle | undefined,
  limit: number,
  asOfMillis: number,
): JudgedCycle {
  const formedDay = dayOf(cycle.formedAt);
  const dueDay = days.add(cal, formedDay, limit);
  const promptFrom = days.firstWithin(cal, dueDay, 0);
  // Judged as of its publication or, unpublished, as of the change that superseded it.
  const ended = earliestOf(cycle.publishedAt, next === undefined ? null : next.formedAt);
  const live = ended === null;
  const judgedOn = dayOf(ended ?? asOfMillis);
  const level = judgedOn > dueDay ? 'warning' : live && judgedOn >= promptFrom ? 'prompt' : null;
  return { cycle, due: days.deadline(cal, formedDay, dueDay), dueDay, promptFrom, live, level };
}

function proactiveMessage({ cycle, due, level }: JudgedCycle): RuleMessage {
  const params = { change: cycle.change, formedOn: localDateOfEpochDay(dayOf(cycle.formedAt)), limit: due.date, ...provisionalParam(due) };
  if (level === 'prompt') return { key: 'disclosure.proactive-time-limit.last-day', params };
  return { key: cycle.publishedAt !== null ? 'disclosure.proactive-time-limit.late' : 'disclosure.proactive-time-limit.overdue', params };
}

function evaluateProactive(state: ProactiveDisclosureState, matter: DisclosureMatter, asOfMillis: number, cal: WorkingDayCalendar): DisclosureEvaluation {
  const limit = wholeDays(matter.proactiveWorkingDays);
  const judged: JudgedCycle[] = [];
  for (let i = 0; i < state.cycles.length; i++)
    judged.push(judgeCycle(cal, state.cycles[i] as ProactiveDisclosureCycle, state.cycles[i + 1], limit, asOfMillis));
  // The worst cycle speaks for the case; among equals the latest, so a new lapse is reported.
  let worst: { cycle: JudgedCycle; level: AlertLevel } | null = null;
  let earlierWarning = false;
  for (const cycle of judged) {
    if (cycle.level !== null && (worst === null || alertLevelRank[cycle.level] >= alertLevelRank[worst.level])) worst = { cycle, level: cycle.level };
    if (!cycle.live && cycle.level === 'warning') earlierWarning = true;
  }
  const findings =
    worst === null
      ? []
      : [finding(disclosureRuleIds.proactiveTimeLimit, worst.level, legalBasis.proactiveTimeLimit, proactiveMessage(worst.cycle), worst.cycle.due.at)];

  // Only the latest cycle can still be live; earlier ones were ended by the change after them.
  const current = judged.at(-1);
  let nextCheckAt: string | null = null;
  if (current !== undefined && current.live) {
    const changes = new ChangeDays(dayOf(asOfMillis));
    changes.consider(current.dueDay + 1);
    // A prompt would not change the finding while an earlier lapse is reported.
    if (!earlierWarning) changes.consider(current.promptFrom);
    nextCheckAt = changes.instant();
  }
  return { findings, nextCheckAt, deadlines: { caseType: 'proactive', publication: current?.due ?? null } };
}

/**
 * Evaluates a disclosure case against its catalogue matter as of `asOf`. A replied (or closed)
 * request is judged as of its reply; a request in consultation as of the start of the
 * consultation (the clock stands still, Art. 33); published information as of its publication.
 */
export function evaluateDisclosureCase(state: DisclosureCaseState, matter: DisclosureMatter, asOf: Date, cal: WorkingDayCalendar): DisclosureEvaluation {
  const asOfMillis = epochMillisOf(asOf);
  return state.caseType === 'proactive' ? evaluateProactive(state, matter, asOfMillis, cal) : evaluateRequest(state, matter, asOfMillis, cal);
}

/** The article each of these rules cites by default (special reports name it). */
export const disclosureRuleArticles = ruleArticles(disclosureRuleIds, legalBasis);
