/**
 * A step on a request's or case's timeline, stored beside its state in the same write. Details
 * carry no personal data; `internal` steps are for supervisors only (a liaison never sees them).
 */
import type { SupervisionSignal } from './supervision-signals.ts';
import type { PendingTimer } from './supervision-timers.ts';

export type SupervisionAction =
  | 'requestFiled'
  | 'requestDecided'
  | 'caseOpened'
  | 'progressReported'
  | 'completionReported'
  | 'deadlineExtended'
  | 'sentBack'
  | 'caseClosed'
  | 'signalRaised'
  | 'escalated';

export interface TimelineStep {
  /** 1, 2, ... in the order written; the STEP# sort key. */
  readonly sequence: number;
  readonly at: string;
  /** `role:subject` of a staff member, or `system` for a timer. */
  readonly actor: string;
  readonly action: SupervisionAction;
  readonly details: Readonly<Record<string, unknown>>;
  readonly internal: boolean;
}

/** A step before it is numbered. */
export type NewStep = Omit<TimelineStep, 'sequence'>;

/** Numbers new steps after the `written` ones already stored. */
export function numberSteps(written: number, steps: readonly NewStep[]): TimelineStep[] {
  return steps.map((step, index) => ({ sequence: written + index + 1, ...step }));
}

/** What requests and cases share: a version for conditional writes, timers, signals and their timeline. */
export interface SupervisionAggregate {
  readonly version: number;
  readonly timers: readonly PendingTimer[];
  readonly signals: readonly SupervisionSignal[];
  /** Timeline steps written so far. */
  readonly stepCount: number;
}
