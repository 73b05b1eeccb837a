/**
 * Function configuration, parsed from the environment once at cold start. The domain never reads
 * `process.env`; a missing or malformed variable stops the cold start with the variable named.
 */
import * as z from 'zod';
import { environmentNames } from '../topology.ts';
import { markersFromEnvironment, numberFromEnvironment, required, settingRules } from './setting-rules.ts';

const tableName = z.string().min(3).max(255);

export const tablesEnvironment = {
  cases: z.object({ [environmentNames.tables.cases]: tableName }),
  reference: z.object({ [environmentNames.tables.reference]: tableName }),
  audit: z.object({ [environmentNames.tables.audit]: tableName }),
  oversight: z.object({ [environmentNames.tables.oversight]: tableName }),
  security: z.object({ [environmentNames.tables.security]: tableName }),
};

/** A key reference: a KMS key ARN in the cloud, `local:<file>` in the local runtime. */
const keyReference = z.string().regex(/^(arn:aws(-cn)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}|local:.+)$/, 'a KMS key ARN or local:<file>');

/**
 * Functions that seal or verify stored act records: the HMAC_256 KMS key the hour keys are
 * derived from (`INTEGRITY_KEY_ID`). Always a KMS key (the local runtime serves the template's).
 */
export const RecordSealEnvironment = z.object({
  [environmentNames.integrityKeyId]: z.string().regex(/^arn:aws(-cn)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, 'a KMS key ARN'),
});
/** The alias prefix of the personal-data keys per period: `alias/<prefix>-pd-`. */
export const periodKeyAliasPrefix = z.string().regex(/^alias\/[a-z][a-z0-9-]{1,200}[a-z0-9]-pd-$/, 'alias/<prefix>-pd-');

/** Complaints and supervision cases: the oversight table and what they read beside it. */
export const OversightEnvironment = z.object({
  [environmentNames.tables.oversight]: tableName,
  [environmentNames.tables.reference]: tableName,
  [environmentNames.tables.audit]: tableName,
  /** The cases table, whose statistics aggregates the changes of complaints and supervision cases add to. */
  [environmentNames.tables.cases]: tableName,
});

/**
 * The complainant's side of complaints (filing, and the holder of a query token): the oversight
 * table and the reference data beside it; no audit store.
 */
export const PublicComplaintEnvironment = z.object({
  [environmentNames.tables.oversight]: tableName,
  [environmentNames.tables.reference]: tableName,
  /** The cases table, whose statistics aggregates the complaints' changes add to; absent for functions whose writes never move them. */
  [environmentNames.tables.cases]: tableName.optional(),
});

/** Functions that seal (and may open) complainants' personal data. */
export const PersonalDataEnvironment = z.object({
  [environmentNames.personalDataKey]: keyReference,
  [environmentNames.lookupHashKey]: keyReference,
  /** Beside KMS keys (the protector requires it there); absent with `local:` keys. */
  [environmentNames.personalDataPeriodKeys]: periodKeyAliasPrefix.optional(),
});

/** Functions that set written notices: the font bundled beside their code (`rendersNotices`). */
export const NoticeRenderingEnvironment = z.object({
  /** Absent: the font in the repository's `assets/fonts` (use-case tests without a bundle). */
  [environmentNames.noticeFont]: z.string().min(1).optional(),
});

/** Functions that serve a department's business system beside staff: the prefix of the departments' role names. */
export const DepartmentRoleEnvironment = z.object({
  [environmentNames.departmentRolePrefix]: z.string().min(1).max(64),
});

/**
 * Every function that reads request bodies: the deployment's extra classified markers,
 * comma-separated (`classifiedContent.markers` of the configuration; may be empty).
 */
export const ClassifiedMarkersEnvironment = z.object({
  [environmentNames.settings.classifiedMarkers]: markersFromEnvironment,
});

export const IngestEnvironment = z.object({
  [environmentNames.tables.cases]: tableName,
  [environmentNames.tables.reference]: tableName,
  [environmentNames.tables.audit]: tableName,
  [environmentNames.queues.records]: z.url(),
  [environmentNames.departmentRolePrefix]: z.string().min(1).max(64),
  ...ClassifiedMarkersEnvironment.shape,
});

const eventBusName = z.string().min(1).max(256);

/** Functions that publish on the deployment's event bus beside their own tables (`publishesSignalEvents`). */
export const EventBusEnvironment = z.object({ [environmentNames.alertEventBus]: eventBusName });

export const CaseProcessingEnvironment = z.object({
  [environmentNames.tables.cases]: tableName,
  [environmentNames.tables.reference]: tableName,
  [environmentNames.alertEventBus]: eventBusName,
});

export const ConsoleEnvironment = z.object({
  [environmentNames.tables.cases]: tableName,
  [environmentNames.tables.reference]: tableName,
  [environmentNames.tables.audit]: tableName,
  [environmentNames.alertEventBus]: eventBusName,
  // Departments' business systems read and answer their own alerts through the same function.
  [environmentNames.departmentRolePrefix]: z.string().min(1).max(64),
});

/** Catalogue management and back-tests: reads stored cases, writes reference data, audits. */
export const CatalogueEnvironment = z.object({
  [environmentNames.tables.cases]: tableName,
  [environmentNames.tables.reference]: tableName,
  [environmentNames.tables.audit]: tableName,
});

/** Hours without any push after which a department's feed counts as stale (`supervision.feedStaleAfterHours`). */
export const FeedEnvironment = z.object({
  [environmentNames.settings.feedStaleAfterHours]: numberFromEnvironment(required(settingRules.supervision.feedStaleAfterHours)),
});

/** Connection health (`connectionHealth.*`): working hours of silence before a warning, working days of grace for each connected kind, the refused share of the data standard, the hour a manifest is due. */
export const ConnectionHealthEnvironment = z.object({
  [environmentNames.settings.connectionSilentAfterWorkingHours]: numberFromEnvironment(required(settingRules.connectionHealth.silentAfterWorkingHours)),
  [environmentNames.settings.connectionGraceWorkingDays]: numberFromEnvironment(required(settingRules.connectionHealth.graceWorkingDays)),
  [environmentNames.settings.refusedPercentLimit]: numberFromEnvironment(required(settingRules.connectionHealth.refusedPercentLimit)),
  [environmentNames.settings.refusedWindowDays]: numberFromEnvironment(required(settingRules.connectionHealth.refusedWindowDays)),
  [environmentNames.settings.refusedMinimumRecords]: numberFromEnvironment(required(settingRules.connectionHealth.refusedMinimumRecords)),
  [environmentNames.settings.reconciliationManifestDueHour]: numberFromEnvironment(required(settingRules.connectionHealth.manifestDueHour)),
});

/** Working days an overdue order to correct waits before its warning becomes a correction signal (`accountability.orderEscalateAfterWorkingDays`). */
export const AccountabilityEnvironment = z.object({
  [environmentNames.settings.accountabilityOrderEscalateAfterWorkingDays]: numberFromEnvironment(
    required(settingRules.accountability.orderEscalateAfterWorkingDays),
  ),
});

/** Hours after an act within which its record must arrive (`reporting.lateAfterHours`). */
export const ReportingEnvironment = z.object({
  [environmentNames.settings.reportingLateAfterHours]: numberFromEnvironment(required(settingRules.reporting.lateAfterHours)),
});

/** Working days an unanswered prompt / warning waits before it escalates, 0: never (`supervision.escalate*`). */
export const EscalationEnvironment = z.object({
  [environmentNames.settings.escalatePromptAfterWorkingDays]: numberFromEnvironment(required(settingRules.supervision.escalatePromptAfterWorkingDays)),
  [environmentNames.settings.escalateWarningAfterWorkingDays]: numberFromEnvironment(required(settingRules.supervision.escalateWarningAfterWorkingDays)),
});

export class ConfigurationError extends Error {}

export function readEnvironment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    // Each variable with the rule it breaks (zod's messages state rules, never the value).
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigurationError(`function environment invalid: ${problems}`);
  }
  return parsed.data;
}
