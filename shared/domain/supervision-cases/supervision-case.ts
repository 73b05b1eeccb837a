/**
 * A supervision case (督办, Art. 18 ¶2): the responsible department, what it must do and by
 * when. The department reports progress and completion with evidence; the supervisor closes the
 * case, sends a completion report back, or extends the deadline with reasons. Stages:
 *
 *   open ──completion report──▶ completionReported ──close──▶ closed
 *    │  ◀────────send back──────────┘
 *    └──close with reasons (no completion report)──▶ closed
 *
 * Timers while `open`: a prompt to the department when `promptWorkingDaysBefore` working days
 * remain, a warning once the deadline passed (the case is overdue), and after
 * `escalateAfterWorkingDays` working days overdue a correction to the department and a signal to
 * the supervisors' superior level. A completion report or closure cancels them; an extension or a
 * send-back arms them for the deadline then in force.
 */
import { endOfShanghaiDay, epochDayOf, epochMillisOf, localDateOfEpochDay, shanghaiDate, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { maxDeadlineHorizonDays, type SupervisionPolicy } from './supervision-policy.ts';
import { supervisionQueues, type SupervisionQueuePlacement } from './supervision-queues.ts';
import { refused, type SupervisionRefusal, type Transition } from './supervision-refusal.ts';
import type { SupervisionLinks } from './supervision-request.ts';
import { superiorOf, supervisionRules, type SupervisionSignal } from './supervision-signals.ts';
import { numberSteps, type NewStep, type SupervisionAggregate, type TimelineStep } from './supervision-timeline.ts';
import {
  deadlinePassedAt,
  overdueForWorkingDaysAt,
  timersDueAt,
  workingDaysRemainFrom,
  type PendingTimer,
  type SupervisionTimerFiring,
} from './supervision-timers.ts';

export type SupervisionCaseStage = 'open' | 'completionReported' | 'closed';

/** Why the case exists: a department's request, or the supervisor's own initiative (from an alert, a complaint or nothing). */
export type CaseOrigin =
  | { readonly kind: 'request'; readonly requestNumber: string; readonly requester: string }
  | { readonly kind: 'initiative' }
  | { readonly kind: 'alert' }
  | { readonly kind: 'complaint' };

export interface CaseDeadline {
  readonly date: LocalDate;
  /** Its last millisecond: 23:59:59.999 Shanghai time on `date`. */
  readonly at: string;
}

/**
 * Facts of lateness, kept after an extension or closure so that the responsible department's
 * evaluation can count its overdue and escalated cases later. Set the first time each happens.
 */
export interface OverdueFacts {
  /** When the case first went overdue: its deadline passed without a completion report. */
  readonly overdueSince: string;
  /** When it was first escalated to the superior level; null while it was not. */
  readonly escalatedAt: string | null;
}

export interface CaseClosure {
  readonly at: string;
  readonly by: string;
  readonly reasons: string | null;
  /** False when the supervisor closed it without a completion report (reasons then given). */
  readonly afterCompletionReport: boolean;
}

/** What a case names whichever way it is opened. */
interface CaseParticulars {
  readonly caseNumber: string;
  readonly origin: CaseOrigin;
  readonly links: SupervisionLinks;
  readonly responsibleDepartment: string;
  /** The responsible department's jurisdiction: whose supervisors own the case. */
  readonly jurisdiction: string;
  readonly subject: string;
  /** What the department must do. */
  readonly instructions: string;
  readonly openedAt: string;
  readonly openedBy: string;
}

export interface SupervisionCase extends CaseParticulars, SupervisionAggregate {
  readonly stage: SupervisionCaseStage;
  readonly deadline: CaseDeadline;
  readonly originalDeadline: LocalDate;
  readonly extensions: number;
  readonly progressReports: number;
  readonly completionReportedAt: string | null;
  readonly closure: CaseClosure | null;
  readonly overdue: OverdueFacts | null;
}

export interface SupervisionCaseOpening extends CaseParticulars {
  readonly deadline: LocalDate;
  readonly reasons: string | null;
}

/** A piece of evidence: a document identified by its digest and where it can be found. */
export interface Evidence {
  readonly title: string;
  /** SHA-256 of the document, 64 hex digits. */
  readonly sha256: string;
  /** A document number or URL. */
  readonly reference: string;
}

export interface ProgressReport {
  readonly kind: 'progress' | 'completion';
  readonly summary: string;
  readonly evidence: readonly Evidence[];
}

const caseDeadline = (date: LocalDate): CaseDeadline => ({ date, at: endOfShanghaiDay(date).toISOString() });

/** A deadline a supervisor sets at `at`: not before today (Shanghai), not absurdly far, later than `current`. */
export function checkCaseDeadline(date: LocalDate, at: string, current?: LocalDate): SupervisionRefusal | null {
  const today = shanghaiDate(at);
  if (date < today) return { refusal: 'deadlineInPast', today };
  const latest = localDateOfEpochDay(epochDayOf(today) + maxDeadlineHorizonDays);
  if (date > latest) return { refusal: 'deadlineTooFar', latest };
  if (current !== undefined && date <= current) return { refusal: 'deadlineNotLater', current };
  return null;
}

const firedFor = (c: SupervisionCase, deadline: LocalDate, rule: string, level?: string): boolean =>
  c.signals.some((signal) => signal.deadline === deadline && signal.rule === rule && (level === undefined || signal.level === level));

/**
 * The timers of the deadline in force, armed at `armedAt`: those not yet fired for that deadline.
 * A prompt that would already be due is not armed (the department has just been told the deadline).
 */
function armDeadlineTimers(c: SupervisionCase, cal: WorkingDayCalendar, policy: SupervisionPolicy, armedAt: string): PendingTimer[] {
  const date = c.deadline.date;
  const timers: PendingTimer[] = [];
  const promptAt = workingDaysRemainFrom(cal, date, policy.promptWorkingDaysBefore);
  if (!firedFor(c, date, supervisionRules.caseDeadline, 'prompt') && epochMillisOf(promptAt) > epochMillisOf(armedAt)) {
    timers.push({ timer: 'deadlinePrompt', dueAt: promptAt, deadline: date });
  }
  if (!firedFor(c, date, supervisionRules.caseDeadline, 'warning')) {
    timers.push({ timer: 'deadlineWarning', dueAt: deadlinePassedAt(date), deadline: date });
  } else if (!firedFor(c, date, supervisionRules.caseOverdue)) {
    timers.push({ timer: 'overdueEscalation', dueAt: overdueForWorkingDaysAt(cal, date, policy.escalateAfterWorkingDays), deadline: date });
  }
  return timers;
}

const notInStage = (action: string, stage: SupervisionCaseStage, allowedIn: readonly SupervisionCaseStage[]): SupervisionRefusal => ({
  refusal: 'notAllowedInStage',
  action,
  stage,
  allowedIn,
});
const timerNames = (timers: readonly PendingTimer[]) => timers.map((timer) => ({ timer: timer.timer, dueAt: timer.dueAt }));

/** Opens a case with its deadline timers armed. */
export function openSupervisionCase(opening: SupervisionCaseOpening, cal: WorkingDayCalendar, policy: SupervisionPolicy): Transition<SupervisionCase> {
  const deadlineRefusal = checkCaseDeadline(opening.deadline, opening.openedAt);
  if (deadlineRefusal) return refused(deadlineRefusal);
  const { reasons, deadline, ...rest } = opening;
  const opened: SupervisionCase = {
    ...rest,
    version: 1,
    stage: 'open',
    deadline: caseDeadline(deadline),
    originalDeadline: deadline,
    extensions: 0,
    progressReports: 0,
    completionReportedAt: null,
    closure: null,
    overdue: null,
    timers: [],
    signals: [],
    stepCount: 0,
  };
  const timers = armDeadlineTimers(opened, cal, policy, opening.openedAt);
  const steps = numberSteps(0, [
    {
      at: opening.openedAt,
      actor: opening.openedBy,
      action: 'caseOpened',
      details: {
        origin: opening.origin,
        links: opening.links,
        responsibleDepartment: opening.responsibleDepartment,
        subject: opening.subject,
        instructions: opening.instructions,
        deadline,
        ...(reasons ? { reasons } : {}),
        armedTimers: timerNames(timers),
      },
      internal: false,
    },
  ]);
  return { ok: true, state: { ...opened, timers, stepCount: steps.length }, steps };
}

/** The responsible department reports progress, or completion (which cancels the deadline timers). */
export function reportCaseProgress(c: SupervisionCase, report: ProgressReport, by: string, at: string): Transition<SupervisionCase> {
  if (c.stage !== 'open') return refused(notInStage(`report ${report.kind}`, c.stage, ['open']));
  if (report.kind === 'completion' && report.evidence.length === 0) return refused({ refusal: 'evidenceRequired' });
  const completion = report.kind === 'completion';
  const steps = numberSteps(c.stepCount, [
    {
      at,
      actor: by,
      action: completion ? 'completionReported' : 'progressReported',
      details: {
        summary: report.summary,
        evidence: report.evidence,
        withinDeadline: epochMillisOf(at) <= epochMillisOf(c.deadline.at),
        ...(completion ? { cancelledTimers: timerNames(c.timers) } : {}),
      },
      internal: false,
    },
  ]);
  const state: SupervisionCase = completion
    ? { ...c, stage: 'completionReported', completionReportedAt: at, timers: [] }
    : { ...c, progressReports: c.progressReports + 1 };
  return { ok: true, state: { ...state, version: c.version + 1, stepCount: c.stepCount + steps.length }, steps };
}

/** The supervisor moves the deadline later, with reasons; the timers move with it. */
export function extendSupervisionCase(
  c: SupervisionCase,
  extension: { readonly deadline: LocalDate; readonly reasons: string },
  by: string,
  at: string,
  cal: WorkingDayCalendar,
  policy: SupervisionPolicy,
): Transition<SupervisionCase> {
  if (c.stage !== 'open') return refused(notInStage('extend', c.stage, ['open']));
  if (extension.reasons.trim() === '')
    return refused({ refusal: 'reasonsRequired', detail: { zh: '延长期限须说明理由', en: 'an extension requires reasons' } });
  const deadlineRefusal = checkCaseDeadline(extension.deadline, at, c.deadline.date);
  if (deadlineRefusal) return refused(deadlineRefusal);
  const extended: SupervisionCase = { ...c, deadline: caseDeadline(extension.deadline), extensions: c.extensions + 1 };
  const timers = armDeadlineTimers(extended, cal, policy, at);
  const steps = numberSteps(c.stepCount, [
    {
      at,
      actor: by,
      action: 'deadlineExtended',
      details: {
        from: c.deadline.date,
        to: extension.deadline,
        reasons: extension.reasons,
        cancelledTimers: timerNames(c.timers),
        armedTimers: timerNames(timers),
      },
      internal: false,
    },
  ]);
  return { ok: true, state: { ...extended, timers, version: c.version + 1, stepCount: c.stepCount + steps.length }, steps };
}

/**
 * The supervisor closes the case: after a completion report, or before one only with reasons
 * (e.g. the matter became moot). Pending timers are cancelled.
 */
export function closeSupervisionCase(c: SupervisionCase, closing: { readonly reasons: string | null }, by: string, at: string): Transition<SupervisionCase> {
  if (c.stage === 'closed') return refused(notInStage('close', c.stage, ['open', 'completionReported']));
  const afterCompletionReport = c.stage === 'completionReported';
  const reasons = closing.reasons?.trim() ? closing.reasons : null;
  if (!afterCompletionReport && reasons === null) {
    return refused({
      refusal: 'reasonsRequired',
      detail: { zh: '未经办结报告办结案件须说明理由', en: 'closing a case without a completion report requires reasons' },
    });
  }
  const steps = numberSteps(c.stepCount, [
    {
      at,
      actor: by,
      action: 'caseClosed',
      details: { afterCompletionReport, ...(reasons ? { reasons } : {}), cancelledTimers: timerNames(c.timers) },
      internal: false,
    },
  ]);
  const state: SupervisionCase = {
    ...c,
    stage: 'closed',
    closure: { at, by, reasons, afterCompletionReport },
    timers: [],
    version: c.version + 1,
    stepCount: c.stepCount + steps.length,
  };
  return { ok: true, state, steps };
}

/** The supervisor finds a completion report insufficient: the case is open again, its timers re-armed. */
export function sendBackSupervisionCase(
  c: SupervisionCase,
  sending: { readonly reasons: string },
  by: string,
  at: string,
  cal: WorkingDayCalendar,
  policy: SupervisionPolicy,
): Transition<SupervisionCase> {
  if (c.stage !== 'completionReported') return refused(notInStage('send back', c.stage, ['completionReported']));
  if (sending.reasons.trim() === '')
    return refused({ refusal: 'reasonsRequired', detail: { zh: '退回办结报告须说明理由', en: 'sending a completion report back requires reasons' } });
  const reopened: SupervisionCase = { ...c, stage: 'open', completionReportedAt: null };
  const timers = armDeadlineTimers(reopened, cal, policy, at);
  const steps = numberSteps(c.stepCount, [
    { at, actor: by, action: 'sentBack', details: { reasons: sending.reasons, armedTimers: timerNames(timers) }, internal: false },
  ]);
  return { ok: true, state: { ...reopened, timers, version: c.version + 1, stepCount: c.stepCount + steps.length }, steps };
}

/**
 * Fires every timer due at `asOf`, earliest first; a warning arms the escalation, which fires in
 * the same call when it is due too (catch-up after downtime: late, but each exactly once).
 */
export function fireCaseTimers(
  c: SupervisionCase,
  asOf: string,
  cal: WorkingDayCalendar,
  policy: SupervisionPolicy,
): { state: SupervisionCase; steps: TimelineStep[]; fired: number; firing?: SupervisionTimerFiring } {
  let timers = c.timers;
  const fired: PendingTimer[] = [];
  for (let timer = timersDueAt(timers, asOf)[0]; timer !== undefined; timer = timersDueAt(timers, asOf)[0]) {
    const due = timer;
    fired.push(due);
    timers = timers.filter((t) => t !== due);
    if (due.timer === 'deadlineWarning') {
      timers = [
        ...timers,
        { timer: 'overdueEscalation', dueAt: overdueForWorkingDaysAt(cal, due.deadline, policy.escalateAfterWorkingDays), deadline: due.deadline },
      ];
    }
  }
  if (fired.length === 0) return { state: c, steps: [], fired: 0 };
  const firing: SupervisionTimerFiring = { at: asOf, fired, timers };
  return { ...applyCaseFiring(c, firing), fired: fired.length, firing };
}

/** The firing applied to the case as it was before it: signals, steps, overdue facts, the timers left and the next version. */
export function applyCaseFiring(c: SupervisionCase, firing: SupervisionTimerFiring): { state: SupervisionCase; steps: TimelineStep[] } {
  const asOf = firing.at;
  let state = c;
  const newSteps: NewStep[] = [];
  for (const due of firing.fired) {
    const department = { kind: 'department', department: state.responsibleDepartment } as const;
    const facts = { deadline: due.deadline, dueAt: due.dueAt };
    if (due.timer === 'overdueEscalation') {
      const signals: SupervisionSignal[] = [
        { rule: supervisionRules.caseOverdue, level: 'correction', audience: department, raisedAt: asOf, deadline: due.deadline },
        {
          rule: supervisionRules.caseOverdue,
          level: 'correction',
          audience: { kind: 'superior', superior: superiorOf(state.jurisdiction) },
          raisedAt: asOf,
          deadline: due.deadline,
        },
      ];
      const overdue: OverdueFacts = {
        overdueSince: state.overdue?.overdueSince ?? deadlinePassedAt(due.deadline),
        escalatedAt: state.overdue?.escalatedAt ?? asOf,
      };
      newSteps.push({
        at: asOf,
        actor: 'system',
        action: 'escalated',
        details: {
          rule: supervisionRules.caseOverdue,
          level: 'correction',
          audiences: signals.map((s) => s.audience),
          overdueSince: overdue.overdueSince,
          ...facts,
        },
        internal: false,
      });
      state = { ...state, signals: [...state.signals, ...signals], overdue };
      continue;
    }
    const level = due.timer === 'deadlinePrompt' ? 'prompt' : 'warning';
    const signal: SupervisionSignal = { rule: supervisionRules.caseDeadline, level, audience: department, raisedAt: asOf, deadline: due.deadline };
    newSteps.push({
      at: asOf,
      actor: 'system',
      action: 'signalRaised',
      details: { rule: signal.rule, level, audience: department, ...facts },
      internal: false,
    });
    state = { ...state, signals: [...state.signals, signal] };
    // Overdue from the moment the deadline passed, not from a late sweep.
    if (due.timer === 'deadlineWarning') state = { ...state, overdue: state.overdue ?? { overdueSince: due.dueAt, escalatedAt: null } };
  }
  const steps = numberSteps(c.stepCount, newSteps);
  return { state: { ...state, timers: firing.timers, version: c.version + 1, stepCount: c.stepCount + steps.length }, steps };
}

/** Open cases wait in the jurisdiction's and the responsible department's queues; closed ones move to the closed queues. */
export function caseQueuePlacement(c: SupervisionCase): SupervisionQueuePlacement {
  const queue = c.stage === 'closed' ? supervisionQueues.closedCases : supervisionQueues.activeCases;
  return { supervisorQueue: queue, jurisdiction: c.jurisdiction, departmentQueue: { department: c.responsibleDepartment, queue }, deadline: c.deadline.at };
}
