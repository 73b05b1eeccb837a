/**
 * The complaint clocks (Art. 19), pure: the acceptance decision is due by the end of the 5th
 * working day after the Shanghai date of receipt (that day not counted); a handling deadline is
 * set by the supervisor. Each clock carries its timers, computed once when it starts:
 *
 * - acceptance: `prompt` to the supervisor at the start of the 5th working day (one working day
 *   remains), `warning` at the deadline, `correction` escalated to the superior level (district →
 *   city) after `escalateAfterWorkingDays` more working days;
 * - handling: `prompt` to whoever must act when `handlingPromptWorkingDays` working days remain,
 *   `warning` at the deadline, `correction` after it — to the superior level when the supervisor
 *   handles it, to the supervisor when a department does.
 *
 * A timer fires once: firing records `firedAt` on it, and the sweep's conditional write on the
 * complaint's version makes a second or overlapping sweep fire nothing. Stopping or replacing the
 * clock (a decision, a result) cancels the timers it had.
 */
import { cityJurisdiction } from '../records/identifiers.ts';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays, firstDateWithinWorkingDaysOf, workingDayDeadline, type WorkingDayDeadline } from '../calendar/working-days.ts';
import type { ClockActor, ClockTimer, Complaint, ComplaintChangeSet, ComplaintClock, ComplaintSignal, ComplaintStep, SignalAddressee } from './complaint.ts';
import { defaultPersonalDataRetentionDays, personalDataErasureDueAt } from './personal-data-retention.ts';

/** Working days within which the decision on acceptance is due (Art. 19). */
export const acceptanceWorkingDays = 5;

/**
 * Settings of the clocks a deployment may change (see `shared/config/complaint-environment.ts`),
 * the last one included: how long the personal data is kept after the end.
 */
export interface ComplaintClockPolicy {
  /** Working days after a missed deadline before the correction escalates (≥ 1; default 1). */
  readonly escalateAfterWorkingDays: number;
  /** A handling prompt when this many working days remain, the deadline's own day included (≥ 1; default 2). */
  readonly handlingPromptWorkingDays: number;
  /** Calendar days a finished complaint's personal data is kept before it is erased (≥ 31; default 1095). */
  readonly personalDataRetentionDays: number;
}

export const defaultComplaintClockPolicy: ComplaintClockPolicy = {
  escalateAfterWorkingDays: 1,
  handlingPromptWorkingDays: 2,
  personalDataRetentionDays: defaultPersonalDataRetentionDays,
};

/** The level a correction is escalated to: the city above a district; the city has none above it in this system. */
export const superiorJurisdictionOf = (_jurisdiction: string): string => cityJurisdiction;

/** The acceptance deadline of a complaint received at `receivedAt`. */
export function acceptanceDeadline(cal: WorkingDayCalendar, receivedAt: Date | string): WorkingDayDeadline {
  const receivedOn = shanghaiDate(receivedAt);
  return workingDayDeadline(cal, receivedOn, addWorkingDays(cal, receivedOn, acceptanceWorkingDays));
}

/** Start of the first day on which at most `remaining` working days are left until `deadline` (its own day counted). */
function promptAt(cal: WorkingDayCalendar, deadline: LocalDate, remaining: number): string {
  return startOfShanghaiDay(firstDateWithinWorkingDaysOf(cal, deadline, Math.max(remaining - 1, 0))).toISOString();
}

function correctionAt(cal: WorkingDayCalendar, deadline: LocalDate, policy: ComplaintClockPolicy): string {
  return endOfShanghaiDay(addWorkingDays(cal, deadline, Math.max(policy.escalateAfterWorkingDays, 1))).toISOString();
}

interface TimerPlan {
  readonly name: ComplaintClock['name'];
  readonly round: number;
  readonly startedAt: string;
  readonly promptAt: string;
  readonly deadline: WorkingDayDeadline;
  readonly correctionAt: string;
  readonly actor: ClockActor;
  readonly correctionTo: SignalAddressee;
}

function timersOf(plan: TimerPlan): ClockTimer[] {
  const id = (level: string) => `${plan.name}-${plan.round}:${level}`;
  const actorAddressee: SignalAddressee = plan.actor === 'department' ? 'department' : 'supervisor';
  const timers: ClockTimer[] = [];
  // A prompt that would be due before the clock starts has nothing to announce: the assignment itself does.
  if (plan.promptAt > plan.startedAt) timers.push({ id: id('prompt'), level: 'prompt', addressee: actorAddressee, dueAt: plan.promptAt });
  timers.push({ id: id('warning'), level: 'warning', addressee: actorAddressee, dueAt: plan.deadline.at });
  timers.push({ id: id('correction'), level: 'correction', addressee: plan.correctionTo, dueAt: plan.correctionAt });
  return timers;
}

/** The acceptance clock of a complaint received at `receivedAt`. */
export function acceptanceClock(cal: WorkingDayCalendar, receivedAt: string, policy: ComplaintClockPolicy): ComplaintClock {
  const deadline = acceptanceDeadline(cal, receivedAt);
  const timers = timersOf({
    name: 'acceptance',
    round: 1,
    startedAt: receivedAt,
    promptAt: promptAt(cal, deadline.date, 1),
    deadline,
    correctionAt: correctionAt(cal, deadline.date, policy),
    actor: 'supervisor',
    correctionTo: 'superior',
  });
  return { name: 'acceptance', round: 1, actor: 'supervisor', startedAt: receivedAt, deadline, timers };
}

/** A handling clock running from `startedAt` to the end of `deadlineDate` (Shanghai). */
export function handlingClock(
  cal: WorkingDayCalendar,
  startedAt: string,
  deadlineDate: LocalDate,
  round: number,
  actor: { readonly by: ClockActor; readonly department?: string },
  policy: ComplaintClockPolicy,
): ComplaintClock {
  const deadline = workingDayDeadline(cal, shanghaiDate(startedAt), deadlineDate);
  const timers = timersOf({
    name: 'handling',
    round,
    startedAt,
    promptAt: promptAt(cal, deadlineDate, Math.max(policy.handlingPromptWorkingDays, 1)),
    deadline,
    correctionAt: correctionAt(cal, deadlineDate, policy),
    actor: actor.by,
    correctionTo: actor.by === 'department' ? 'supervisor' : 'superior',
  });
  return {
    name: 'handling',
    round,
    actor: actor.by,
    ...(actor.department === undefined ? {} : { department: actor.department }),
    startedAt,
    deadline,
    timers,
  };
}

/**
 * The earliest pending timer (the STATE item's `dueAt`), or null when none: the running clock's
 * timers and, for a finished complaint whose personal data is not erased yet, its retention end.
 */
export function nextDueAt(complaint: Pick<Complaint, 'clock' | 'stage' | 'personalDataRetainedUntil' | 'personalDataErasedAt'>): string | null {
  const pending = (complaint.clock?.timers ?? []).filter((timer) => timer.firedAt === undefined).map((timer) => timer.dueAt);
  const erasure = personalDataErasureDueAt(complaint);
  if (erasure !== null) pending.push(erasure);
  return pending.length === 0 ? null : pending.reduce((a, b) => (a < b ? a : b));
}

/** Timers of the running clock due at `asOf` and not fired yet, earliest first. */
export function dueTimers(complaint: Pick<Complaint, 'clock'>, asOf: Date): ClockTimer[] {
  const now = asOf.toISOString();
  return (complaint.clock?.timers ?? [])
    .filter((timer) => timer.firedAt === undefined && timer.dueAt <= now)
    .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}

/** The signal level a queue row shows: the highest raised by the running clock. */
export function currentSignalLevel(complaint: Pick<Complaint, 'clock' | 'signals'>): ComplaintSignal['level'] | null {
  const clock = complaint.clock;
  if (!clock) return null;
  const rank = { prompt: 1, warning: 2, correction: 3 } as const;
  let level: ComplaintSignal['level'] | null = null;
  for (const signal of complaint.signals) {
    if (signal.clock !== clock.name || signal.round !== clock.round) continue;
    if (level === null || rank[signal.level] > rank[level]) level = signal.level;
  }
  return level;
}

/**
 * What one firing did, compactly: the instant and the timers it fired, earliest first. With the
 * complaint as it was, it gives back every signal and step of the firing (`applyTimerFiring`), so
 * this is all a firing needs to store.
 */
export interface ComplaintTimerFiring {
  readonly at: string;
  readonly timers: readonly string[];
}

/**
 * Fires every due timer of the running clock once (late but surely after downtime): each becomes
 * a signal on the complaint and a step on its timeline. With nothing due, the complaint is
 * returned unchanged and `fired` is empty.
 */
export function fireDueTimers(
  complaint: Complaint,
  asOf: Date,
): ComplaintChangeSet & { readonly fired: readonly ComplaintSignal[]; readonly firing?: ComplaintTimerFiring } {
  const due = dueTimers(complaint, asOf);
  if (due.length === 0 || complaint.clock === null) return { complaint, steps: [], fired: [] };
  const firing: ComplaintTimerFiring = { at: asOf.toISOString(), timers: due.map((timer) => timer.id) };
  return { ...applyTimerFiring(complaint, firing), firing };
}

/** The firing applied to the complaint as it was before it: its signals, steps, timers marked fired and the next version. */
export function applyTimerFiring(complaint: Complaint, firing: ComplaintTimerFiring): ComplaintChangeSet & { readonly fired: readonly ComplaintSignal[] } {
  const clock = complaint.clock;
  const due = firing.timers.flatMap((id) => clock?.timers.filter((timer) => timer.id === id) ?? []);
  if (due.length === 0 || clock === null) return { complaint, steps: [], fired: [] };
  const raisedAt = firing.at;
  const dueIds = new Set(due.map((timer) => timer.id));
  const fired: ComplaintSignal[] = due.map((timer) => ({
    timerId: timer.id,
    clock: clock.name,
    round: clock.round,
    level: timer.level,
    addressee: timer.addressee,
    ...(clock.department === undefined ? {} : { department: clock.department }),
    ...(timer.addressee === 'superior'
      ? { escalatedTo: superiorJurisdictionOf(complaint.jurisdiction) }
      : timer.addressee === 'supervisor' && clock.actor === 'department'
        ? { escalatedTo: complaint.jurisdiction }
        : {}),
    deadline: clock.deadline.date,
    dueAt: timer.dueAt,
    raisedAt,
  }));
  const steps: ComplaintStep[] = fired.map((signal, index) => ({
    sequence: complaint.stepCount + index + 1,
    at: raisedAt,
    actor: 'system',
    action: signal.level === 'correction' ? 'signalEscalated' : 'signalRaised',
    details: {
      clock: signal.clock,
      round: signal.round,
      level: signal.level,
      addressee: signal.addressee,
      deadline: signal.deadline,
      dueAt: signal.dueAt,
      ...(signal.department === undefined ? {} : { department: signal.department }),
      ...(signal.escalatedTo === undefined ? {} : { escalatedTo: signal.escalatedTo }),
    },
    internal: true,
  }));
  const next: Complaint = {
    ...complaint,
    version: complaint.version + 1,
    clock: { ...clock, timers: clock.timers.map((timer) => (dueIds.has(timer.id) ? { ...timer, firedAt: raisedAt } : timer)) },
    signals: [...complaint.signals, ...fired],
    stepCount: complaint.stepCount + steps.length,
    updatedAt: raisedAt,
  };
  return { complaint: next, steps, fired };
}
