/**
 * A department's written report requesting supervision of a major, complex or specific matter
 * (Art. 18 ¶2), and the supervisor's decision on it: open a case, or decline with reasons. The
 * decision is due within a configured number of working days after the day of filing; the
 * supervisors are prompted when one working day remains and warned once the deadline passed.
 */
import { epochMillisOf, shanghaiDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays, workingDayDeadline, type WorkingDayDeadline } from '../calendar/working-days.ts';
import type { SupervisionPolicy } from './supervision-policy.ts';
import { supervisionQueues, type SupervisionQueuePlacement } from './supervision-queues.ts';
import { refused, type Transition } from './supervision-refusal.ts';
import { supervisionRules, type SupervisionSignal } from './supervision-signals.ts';
import { numberSteps, type NewStep, type SupervisionAggregate, type TimelineStep } from './supervision-timeline.ts';
import { deadlinePassedAt, timersDueAt, workingDaysRemainFrom, type PendingTimer, type SupervisionTimerFiring } from './supervision-timers.ts';

/** An alert a request or case refers to, by its case key and rule. */
export interface AlertLink {
  readonly department: string;
  readonly kind: string;
  readonly caseId: string;
  readonly ruleId: string;
}

/** What a request or case refers to: an alert, a complaint (by receipt number), both or neither. */
export interface SupervisionLinks {
  readonly alert?: AlertLink;
  readonly complaint?: string;
}

export type SupervisionRequestStatus = 'pending' | 'caseOpened' | 'declined';

export interface RequestDecision {
  readonly outcome: 'caseOpened' | 'declined';
  readonly at: string;
  /** `role:subject` of the supervisor. */
  readonly by: string;
  readonly reasons: string | null;
  /** The case opened, when one was. */
  readonly caseNumber: string | null;
}

/** What the department files: the request's own particulars. */
export interface SupervisionRequestFiling {
  readonly requestNumber: string;
  /** The department that filed it (the liaison's own). */
  readonly requester: string;
  /** The requester's jurisdiction: whose supervisors decide. */
  readonly jurisdiction: string;
  readonly subject: string;
  /** The matter reported. */
  readonly matter: string;
  /** What the department asks the supervisor to do. */
  readonly asks: string;
  readonly links: SupervisionLinks;
  readonly filedAt: string;
  readonly filedBy: string;
}

export interface SupervisionRequest extends SupervisionRequestFiling, SupervisionAggregate {
  readonly status: SupervisionRequestStatus;
  readonly decisionDue: WorkingDayDeadline;
  readonly decision: RequestDecision | null;
}

/** Working days left when the supervisors are prompted to decide. */
const decisionPromptWorkingDays = 1;

/** A new request: its decision deadline and timers, and the `requestFiled` step. */
export function fileSupervisionRequest(
  filing: SupervisionRequestFiling,
  cal: WorkingDayCalendar,
  policy: SupervisionPolicy,
): { state: SupervisionRequest; steps: TimelineStep[] } {
  const filedOn = shanghaiDate(filing.filedAt);
  const dueDate = addWorkingDays(cal, filedOn, policy.decisionWorkingDays);
  const decisionDue = workingDayDeadline(cal, filedOn, dueDate);
  const promptAt = workingDaysRemainFrom(cal, dueDate, decisionPromptWorkingDays);
  const timers: PendingTimer[] = [
    // A prompt already due when the request arrives would only repeat what the filing says.
    ...(epochMillisOf(promptAt) > epochMillisOf(filing.filedAt) ? [{ timer: 'decisionPrompt' as const, dueAt: promptAt, deadline: dueDate }] : []),
    { timer: 'decisionWarning', dueAt: deadlinePassedAt(dueDate), deadline: dueDate },
  ];
  const steps = numberSteps(0, [
    {
      at: filing.filedAt,
      actor: filing.filedBy,
      action: 'requestFiled',
      details: { requester: filing.requester, subject: filing.subject, links: filing.links, decisionDue: decisionDue.date },
      internal: false,
    },
  ]);
  const state: SupervisionRequest = { ...filing, version: 1, status: 'pending', decisionDue, decision: null, timers, signals: [], stepCount: steps.length };
  return { state, steps };
}

export type RequestDecisionInput =
  { readonly outcome: 'caseOpened'; readonly caseNumber: string; readonly reasons: string | null } | { readonly outcome: 'declined'; readonly reasons: string };

/** The supervisor decides: the request leaves the supervisors' queue and its timers are cancelled. */
export function decideSupervisionRequest(request: SupervisionRequest, decision: RequestDecisionInput, by: string, at: string): Transition<SupervisionRequest> {
  if (request.status !== 'pending') return refused({ refusal: 'notAllowedInStage', action: 'decide', stage: request.status, allowedIn: ['pending'] });
  if (decision.outcome === 'declined' && decision.reasons.trim() === '')
    return refused({ refusal: 'reasonsRequired', detail: { zh: '不予督办须说明理由', en: 'declining a request requires reasons' } });
  const recorded: RequestDecision = {
    outcome: decision.outcome,
    at,
    by,
    reasons: decision.reasons,
    caseNumber: decision.outcome === 'caseOpened' ? decision.caseNumber : null,
  };
  const steps = numberSteps(request.stepCount, [
    {
      at,
      actor: by,
      action: 'requestDecided',
      details: {
        outcome: recorded.outcome,
        ...(recorded.caseNumber ? { caseNumber: recorded.caseNumber } : {}),
        ...(recorded.reasons ? { reasons: recorded.reasons } : {}),
        decidedInTime: epochMillisOf(at) <= epochMillisOf(request.decisionDue.at),
        cancelledTimers: request.timers.map((timer) => timer.timer),
      },
      internal: false,
    },
  ]);
  const state: SupervisionRequest = {
    ...request,
    version: request.version + 1,
    status: decision.outcome,
    decision: recorded,
    timers: [],
    stepCount: request.stepCount + steps.length,
  };
  return { ok: true, state, steps };
}

/** Fires the request's timers due at `asOf`: signals to the jurisdiction's supervisors. */
export function fireRequestTimers(
  request: SupervisionRequest,
  asOf: string,
): { state: SupervisionRequest; steps: TimelineStep[]; fired: number; firing?: SupervisionTimerFiring } {
  const due = timersDueAt(request.timers, asOf);
  if (due.length === 0) return { state: request, steps: [], fired: 0 };
  const firing: SupervisionTimerFiring = { at: asOf, fired: due, timers: request.timers.filter((timer) => !due.includes(timer)) };
  return { ...applyRequestFiring(request, firing), fired: due.length, firing };
}

/** The firing applied to the request as it was before it (see `SupervisionTimerFiring`). */
export function applyRequestFiring(request: SupervisionRequest, firing: SupervisionTimerFiring): { state: SupervisionRequest; steps: TimelineStep[] } {
  const { at: asOf, fired: due } = firing;
  const signals: SupervisionSignal[] = due.map((timer) => ({
    rule: supervisionRules.decisionDeadline,
    level: timer.timer === 'decisionPrompt' ? 'prompt' : 'warning',
    audience: { kind: 'supervisor', jurisdiction: request.jurisdiction },
    raisedAt: asOf,
    deadline: timer.deadline,
  }));
  const newSteps: NewStep[] = signals.map((signal, index) => ({
    at: asOf,
    actor: 'system',
    action: 'signalRaised',
    details: { rule: signal.rule, level: signal.level, audience: signal.audience, deadline: signal.deadline, dueAt: due[index]?.dueAt },
    // A reminder to the supervisors, not part of what the department is told.
    internal: true,
  }));
  const steps = numberSteps(request.stepCount, newSteps);
  const state: SupervisionRequest = {
    ...request,
    version: request.version + 1,
    timers: firing.timers,
    signals: [...request.signals, ...signals],
    stepCount: request.stepCount + steps.length,
  };
  return { state, steps };
}

/** Pending requests wait in their jurisdiction's supervisors' queue; the requester sees all of its own. */
export function requestQueuePlacement(request: SupervisionRequest): SupervisionQueuePlacement {
  return {
    supervisorQueue: request.status === 'pending' ? supervisionQueues.pendingRequests : null,
    jurisdiction: request.jurisdiction,
    departmentQueue: { department: request.requester, queue: supervisionQueues.departmentRequests },
    deadline: request.decisionDue.at,
  };
}
