/**
 * The time limits of supervision cases (督办), read from the environment once at cold start by
 * the supervision API and the oversight sweep. Absent variables take the defaults.
 */
import { z } from 'zod';
import type { SupervisionPolicy } from '../domain/supervision-cases/supervision-policy.ts';

const workingDays = (min: number, fallback: number) => z.coerce.number().int().min(min).max(60).default(fallback);

export const SupervisionEnvironment = z.object({
  /** Working days after the day a request is filed within which the supervisor decides (default 3). */
  SUPERVISION_DECISION_WORKING_DAYS: workingDays(1, 3),
  /** The department is prompted when this many working days remain before a case's deadline (default 2). */
  SUPERVISION_PROMPT_WORKING_DAYS_BEFORE: workingDays(0, 2),
  /** Working days overdue after which a case escalates to the superior level (default 3). */
  SUPERVISION_ESCALATE_AFTER_WORKING_DAYS: workingDays(0, 3),
});
export type SupervisionEnvironment = z.infer<typeof SupervisionEnvironment>;

export function supervisionPolicyFrom(env: SupervisionEnvironment): SupervisionPolicy {
  return {
    decisionWorkingDays: env.SUPERVISION_DECISION_WORKING_DAYS,
    promptWorkingDaysBefore: env.SUPERVISION_PROMPT_WORKING_DAYS_BEFORE,
    escalateAfterWorkingDays: env.SUPERVISION_ESCALATE_AFTER_WORKING_DAYS,
  };
}
