/**
 * Settings of the complaint clocks a deployment may change, parsed once at cold start. The
 * acceptance period itself (5 working days, Art. 19) is law, not configuration.
 */
import * as z from 'zod';
import type { ComplaintSettings } from '../application/complaints/complaint-dependencies.ts';
import { environmentNames } from '../topology.ts';
import { readEnvironment } from './function-environment.ts';
import { numberFromEnvironment, required, retentionOutlastsReopening, retentionOutlastsReopeningMessage, settingRules } from './setting-rules.ts';

const { complaints } = settingRules;

export const ComplaintEnvironment = z
  .object({
    /** Working days after a missed deadline before the correction escalates (`complaints.escalateAfterWorkingDays`). */
    [environmentNames.settings.complaintEscalateAfterWorkingDays]: numberFromEnvironment(required(complaints.escalateAfterWorkingDays)),
    /** A handling prompt when this many working days remain before the deadline (`complaints.handlingPromptWorkingDays`). */
    [environmentNames.settings.complaintHandlingPromptWorkingDays]: numberFromEnvironment(required(complaints.handlingPromptWorkingDays)),
    /** Calendar days after a complaint is finished within which it may be re-opened (`complaints.reopeningDays`). */
    [environmentNames.settings.complaintReopeningDays]: numberFromEnvironment(required(complaints.reopeningDays)),
    /** Calendar days after a complaint is finished before its personal data is erased (`complaints.personalDataRetentionDays`). */
    [environmentNames.settings.complaintPersonalDataRetentionDays]: numberFromEnvironment(required(complaints.personalDataRetentionDays)),
  })
  .refine((env) => retentionOutlastsReopening(env.COMPLAINT_PERSONAL_DATA_RETENTION_DAYS, env.COMPLAINT_REOPENING_DAYS), {
    path: [environmentNames.settings.complaintPersonalDataRetentionDays],
    error: `${retentionOutlastsReopeningMessage} (COMPLAINT_REOPENING_DAYS)`,
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
