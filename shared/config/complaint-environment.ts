/**
 * Settings of the complaint clocks a deployment may change, parsed once at cold start. The
 * acceptance period itself (5 working days, Art. 19) is law, not configuration.
 */
import { z } from 'zod';
import type { ComplaintSettings } from '../application/complaints/complaint-dependencies.ts';

export const ComplaintEnvironment = z.object({
  /** Working days after a missed deadline before the correction escalates (default 1). */
  COMPLAINT_ESCALATE_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(1),
  /** A handling prompt when this many working days remain before the deadline (default 2). */
  COMPLAINT_HANDLING_PROMPT_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
  /** Calendar days after a complaint is finished within which the complainant may re-open it (default 30). */
  COMPLAINT_REOPENING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});
export type ComplaintEnvironment = z.infer<typeof ComplaintEnvironment>;

export function complaintSettingsFrom(env: ComplaintEnvironment): ComplaintSettings {
  return {
    clock: { escalateAfterWorkingDays: env.COMPLAINT_ESCALATE_AFTER_WORKING_DAYS, handlingPromptWorkingDays: env.COMPLAINT_HANDLING_PROMPT_WORKING_DAYS },
    reopeningWindowDays: env.COMPLAINT_REOPENING_DAYS,
  };
}
