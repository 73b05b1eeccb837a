/**
 * What the keeper of the personal-data keys per period reads at cold start: the settings of the
 * `personalDataKeys` group (the retention in force, the backup window, the pending window of a
 * deletion) and the keys' alias prefix and key policy the stack sets.
 */
import * as z from 'zod';
import { environmentNames } from '../topology.ts';
import { periodKeyAliasPrefix, tablesEnvironment } from './function-environment.ts';
import { numberFromEnvironment, required, settingRules } from './setting-rules.ts';

const names = environmentNames.settings;

/** The `personalDataKeys` settings group, as the stack sets it (`infra/cdk/function-settings.ts`). */
export const PersonalDataKeySettingsEnvironment = z.object({
  /** Calendar days a finished complaint's personal data is kept (`complaints.personalDataRetentionDays`). */
  [names.complaintPersonalDataRetentionDays]: numberFromEnvironment(required(settingRules.complaints.personalDataRetentionDays)),
  /** Days the longest-kept copy of a table lives (point-in-time recovery and the recovery points of `retention`). */
  [names.personalDataBackupWindowDays]: numberFromEnvironment(z.number().int().min(35).max(36_500)),
  /** Days between a key's scheduled deletion and the deletion (`personalDataKeys.pendingWindowDays`). */
  [names.personalDataKeyPendingWindowDays]: numberFromEnvironment(required(settingRules.personalDataKeys.pendingWindowDays)),
});

/** A key policy document: a JSON object with statements. */
const keyPolicy = z.string().transform((text, context) => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Array.isArray((parsed as Record<string, unknown>)['Statement']))
      return parsed as Record<string, unknown>;
  } catch {
    // Named below.
  }
  context.addIssue({ code: 'custom', message: 'a JSON key policy with a Statement list' });
  return z.NEVER;
});

export const PersonalDataKeyKeeperEnvironment = z.object({
  ...tablesEnvironment.oversight.shape,
  ...tablesEnvironment.audit.shape,
  ...PersonalDataKeySettingsEnvironment.shape,
  [environmentNames.personalDataPeriodKeys]: periodKeyAliasPrefix,
  [environmentNames.personalDataPeriodKeyPolicy]: keyPolicy,
});
export type PersonalDataKeyKeeperEnvironment = z.infer<typeof PersonalDataKeyKeeperEnvironment>;
