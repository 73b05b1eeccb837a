/**
 * Settings of the complaint clocks a deployment may change, parsed once at cold start. The
 * acceptance period itself (5 working days, Art. 19) is law, not configuration.
 */
import { z } from 'zod';
import type { ComplaintSettings } from '../application/complaints/complaint-dependencies.ts';
import { defaultPersonalDataRetentionDays, minimumPersonalDataRetentionDays } from '../domain/complaints/personal-data-retention.ts';
import { readEnvironment } from './function-environment.ts';

const retentionRule = `a whole number of calendar days from ${minimumPersonalDataRetentionDays} to 36500`;

export const ComplaintEnvironment = z
  .object({
    /** Working days after a missed deadline before the correction escalates (default 1). */
    COMPLAINT_ESCALATE_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(1),
    /** A handling prompt when this many working days remain before the deadline (default 2). */
    COMPLAINT_HANDLING_PROMPT_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
    /** Calendar days after a complaint is finished within which the complainant may re-open it (default 30). */
    COMPLAINT_REOPENING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Calendar days after a complaint is finished before its personal data is erased (default 1095, 3 years). */
    COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: z.coerce
      .number({ error: retentionRule })
      .int({ error: retentionRule })
      .min(minimumPersonalDataRetentionDays, { error: retentionRule })
      .max(36_500, { error: retentionRule })
      .default(defaultPersonalDataRetentionDays),
  })
  // Re-opening copies the personal data to the new complaint: it must still be there.
  .refine((env) => env.COMPLAINT_PERSONAL_DATA_RETENTION_DAYS > env.COMPLAINT_REOPENING_DAYS, {
    path: ['COMPLAINT_PERSONAL_DATA_RETENTION_DAYS'],
    error: 'must be longer than COMPLAINT_REOPENING_DAYS (the personal data must outlast the re-opening window)',
  });
export type ComplaintEnvironment = z.infer<typeof ComplaintEnvironment>;

export function complaintSettingsFrom(env: ComplaintEnvironment): ComplaintSettings {
  return {
    clock: {
      escalateAfterWorkingDays: env.COMPLAINT_ESCALATE_AFTER_WORKING_DAYS,
      handlingPromptWorkingDays: env.COMPLAINT_HANDLING_PROMPT_WORKING_DAYS,
      personalDataRetentionDays: env.COMPLAINT_PERSONAL_DATA_RETENTION_DAYS,
    },
    reopeningWindowDays: env.COMPLAINT_REOPENING_DAYS,
  };
}

/**
 * The complaint settings of a function environment; an invalid value stops the cold start with a
 * `ConfigurationError` naming the variable and the rule it breaks.
 */
export function readComplaintSettings(environment: NodeJS.ProcessEnv = process.env): ComplaintSettings {
  return complaintSettingsFrom(readEnvironment(ComplaintEnvironment, environment));
}
