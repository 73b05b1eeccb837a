/**
 * The deployment settings as environment variables, for the functions that read them: each
 * group of `FunctionSpec.settings` maps configuration fields to the variables its functions
 * check at cold start (`shared/config/`). The types make sure every variable of a group is set.
 */
import type { z } from 'zod';
import type { ComplaintEnvironment } from '#shared/config/complaint-environment.ts';
import type {
  AccountabilityEnvironment,
  ClassifiedMarkersEnvironment,
  ConnectionHealthEnvironment,
  EscalationEnvironment,
  FeedEnvironment,
  ReportingEnvironment,
} from '#shared/config/function-environment.ts';
import type { StaffAccessEnvironment } from '#shared/config/staff-access-environment.ts';
import type { SupervisionEnvironment } from '#shared/config/supervision-environment.ts';
import type { AuditSealingEnvironment } from '#shared/config/audit-environment.ts';
import type { WebhookDeliverySettingsEnvironment } from '#shared/config/webhook-environment.ts';
import { environmentNames, type SettingGroup } from '#shared/topology.ts';
import type { PersonalDataKeySettingsEnvironment } from '#shared/config/personal-data-key-environment.ts';
import { backupWindowDaysOf, type DeploymentConfig } from './deployment-config.ts';

type VariablesOf<S extends z.ZodType> = Record<keyof z.input<S>, string>;

const names = environmentNames.settings;

/** The variables of one settings group, from a validated configuration. */
export function settingVariables(group: SettingGroup, config: DeploymentConfig): Readonly<Record<string, string>> {
  switch (group) {
    case 'escalation':
      return {
        [names.escalatePromptAfterWorkingDays]: String(config.supervision.escalatePromptAfterWorkingDays),
        [names.escalateWarningAfterWorkingDays]: String(config.supervision.escalateWarningAfterWorkingDays),
      } satisfies VariablesOf<typeof EscalationEnvironment>;
    case 'feedStaleness':
      return { [names.feedStaleAfterHours]: String(config.supervision.feedStaleAfterHours) } satisfies VariablesOf<typeof FeedEnvironment>;
    case 'connectionHealth':
      return {
        [names.connectionSilentAfterWorkingHours]: String(config.connectionHealth.silentAfterWorkingHours),
        [names.connectionGraceWorkingDays]: String(config.connectionHealth.graceWorkingDays),
        [names.refusedPercentLimit]: String(config.connectionHealth.refusedPercentLimit),
        [names.refusedWindowDays]: String(config.connectionHealth.refusedWindowDays),
        [names.refusedMinimumRecords]: String(config.connectionHealth.refusedMinimumRecords),
        [names.reconciliationManifestDueHour]: String(config.connectionHealth.manifestDueHour),
      } satisfies VariablesOf<typeof ConnectionHealthEnvironment>;
    case 'reporting':
      return { [names.reportingLateAfterHours]: String(config.reporting.lateAfterHours) } satisfies VariablesOf<typeof ReportingEnvironment>;
    case 'accountability':
      return {
        [names.accountabilityOrderEscalateAfterWorkingDays]: String(config.accountability.orderEscalateAfterWorkingDays),
      } satisfies VariablesOf<typeof AccountabilityEnvironment>;
    case 'complaintClocks':
      return {
        [names.complaintEscalateAfterWorkingDays]: String(config.complaints.escalateAfterWorkingDays),
        [names.complaintHandlingPromptWorkingDays]: String(config.complaints.handlingPromptWorkingDays),
        [names.complaintReopeningDays]: String(config.complaints.reopeningDays),
        [names.complaintPersonalDataRetentionDays]: String(config.complaints.personalDataRetentionDays),
      } satisfies VariablesOf<typeof ComplaintEnvironment>;
    case 'supervisionClocks':
      return {
        [names.supervisionDecisionWorkingDays]: String(config.supervisionCases.decisionWorkingDays),
        [names.supervisionPromptWorkingDaysBefore]: String(config.supervisionCases.promptWorkingDaysBefore),
        [names.supervisionEscalateAfterWorkingDays]: String(config.supervisionCases.escalateAfterWorkingDays),
      } satisfies VariablesOf<typeof SupervisionEnvironment>;
    case 'classifiedMarkers':
      return { [names.classifiedMarkers]: config.classifiedContent.markers.join(',') } satisfies VariablesOf<typeof ClassifiedMarkersEnvironment>;
    case 'staffAccess':
      return {
        [names.staffMaxSessionHours]: String(config.staffAccess.maxSessionHours),
        [names.staffFailuresBeforeLockout]: String(config.staffAccess.failuresBeforeLockout),
        [names.staffLockoutWindowMinutes]: String(config.staffAccess.lockoutWindowMinutes),
      } satisfies VariablesOf<typeof StaffAccessEnvironment>;
    case 'personalDataKeys':
      return {
        [names.complaintPersonalDataRetentionDays]: String(config.complaints.personalDataRetentionDays),
        [names.personalDataBackupWindowDays]: String(backupWindowDaysOf(config)),
        [names.personalDataKeyPendingWindowDays]: String(config.personalDataKeys.pendingWindowDays),
      } satisfies VariablesOf<typeof PersonalDataKeySettingsEnvironment>;
    case 'auditSealing':
      return { [names.auditSealGraceSeconds]: String(config.audit.sealGraceSeconds) } satisfies VariablesOf<typeof AuditSealingEnvironment>;
    case 'webhookDelivery':
      return {
        [names.webhookDisableAfterFailingHours]: String(config.webhooks.disableAfterFailingHours),
      } satisfies VariablesOf<typeof WebhookDeliverySettingsEnvironment>;
  }
}
