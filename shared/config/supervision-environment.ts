/**
 * The time limits of supervision cases (督办), read from the environment once at cold start by
 * the supervision API and the oversight sweep; the stack sets them from the configuration.
 */
import * as z from 'zod';
import type { SupervisionPolicy } from '../domain/supervision-cases/supervision-policy.ts';
import { environmentNames } from '../topology.ts';
import { numberFromEnvironment, required, settingRules } from './setting-rules.ts';

const { supervisionCases } = settingRules;

export const SupervisionEnvironment = z.object({
  /** Working days after the day a request is filed within which the supervisor decides (`supervisionCases.decisionWorkingDays`). */
  [environmentNames.settings.supervisionDecisionWorkingDays]: numberFromEnvironment(required(supervisionCases.decisionWorkingDays)),
  /** The department is prompted when this many working days remain (`supervisionCases.promptWorkingDaysBefore`). */
  [environmentNames.settings.supervisionPromptWorkingDaysBefore]: numberFromEnvironment(required(supervisionCases.promptWorkingDaysBefore)),
  /** Working days overdue after which a case escalates (`supervisionCases.escalateAfterWorkingDays`). */
  [environmentNames.settings.supervisionEscalateAfterWorkingDays]: numberFromEnvironment(required(supervisionCases.escalateAfterWorkingDays)),
});
export type SupervisionEnvironment = z.infer<typeof SupervisionEnvironment>;

export function supervisionPolicyFrom(env: SupervisionEnvironment): SupervisionPolicy {
  return {
    decisionWorkingDays: env.SUPERVISION_DECISION_WORKING_DAYS,
    promptWorkingDaysBefore: env.SUPERVISION_PROMPT_WORKING_DAYS_BEFORE,
    escalateAfterWorkingDays: env.SUPERVISION_ESCALATE_AFTER_WORKING_DAYS,
  };
}
