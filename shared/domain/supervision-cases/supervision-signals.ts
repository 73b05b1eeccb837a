/**
 * Signals raised by supervision timers. They are kept on the aggregate (shown in its detail and
 * queue rows) and each is recorded as a timeline step; notification channels read them there.
 */
import type { AlertLevel } from '../alerts/alert.ts';
import type { LocalDate } from '../calendar/local-date.ts';
import { cityJurisdiction } from '../records/identifiers.ts';

export const supervisionRules = {
  /** A department's request awaits the supervisor's decision. */
  decisionDeadline: 'supervision.decision-deadline',
  /** A case's deadline approaches or has passed. */
  caseDeadline: 'supervision.case-deadline',
  /** A case stayed overdue: correction to the department, signal to the superior level. */
  caseOverdue: 'supervision.case-overdue',
} as const;
export type SupervisionRule = (typeof supervisionRules)[keyof typeof supervisionRules];

/** The level above a jurisdiction's supervisors: the city above a district, the city government above the city. */
export type SuperiorLevel = 'city' | 'cityGovernment';

/** Who a signal is for. */
export type SignalAudience =
  | { readonly kind: 'department'; readonly department: string }
  | { readonly kind: 'supervisor'; readonly jurisdiction: string }
  | { readonly kind: 'superior'; readonly superior: SuperiorLevel };

export interface SupervisionSignal {
  readonly rule: SupervisionRule;
  readonly level: AlertLevel;
  readonly audience: SignalAudience;
  /** When it was raised: the firing instant (late after downtime, never early). */
  readonly raisedAt: string;
  /** The deadline (Shanghai date) the signal is about. */
  readonly deadline: LocalDate;
}

export function superiorOf(jurisdiction: string): SuperiorLevel {
  return jurisdiction === cityJurisdiction ? 'cityGovernment' : 'city';
}
