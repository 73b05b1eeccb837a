/**
 * The settings a deployment chooses for its functions, each with its rule and default, declared
 * once: the deployment configuration validates its fields with these rules (and fills in the
 * defaults), the stack hands the values to the functions that read them, and each function checks
 * its variables against the same rules at cold start. A function never falls back to a default of
 * its own: a variable the stack does not set stops its cold start.
 */
import * as z from 'zod';
import { defaultPersonalDataRetentionDays, minimumPersonalDataRetentionDays } from '../domain/complaints/personal-data-retention.ts';

const retentionRule = `a whole number of calendar days from ${minimumPersonalDataRetentionDays} to 36500`;
const pendingWindowRule = '7 到 30 之间的整天数（KMS 的删除等待期）/ a whole number of days from 7 to 30 (the pending window KMS allows)';
const workingDays = (min: number, max: number) => z.number().int().min(min).max(max);

/** Markers that make content classified besides the marking forms of 秘密 / 机密 / 绝密 (Art. 14). */
const classifiedMarker = z
  .string()
  .trim()
  .min(1, 'a marker of at least one character')
  .max(32, 'a marker of at most 32 characters')
  .refine((marker) => !marker.includes(','), 'a marker without a comma (markers travel comma-separated)');

/** Rules and defaults of every setting, by section of the deployment configuration. */
export const settingRules = {
  supervision: {
    /** Working days an unanswered prompt waits before it escalates to a warning (0: never). */
    escalatePromptAfterWorkingDays: workingDays(0, 60).default(3),
    /** Working days an unanswered warning waits before it escalates to a correction (0: never). */
    escalateWarningAfterWorkingDays: workingDays(0, 60).default(5),
    /** Hours without any push after which a department's feed counts as stale (time-driven signals are held). */
    feedStaleAfterHours: z
      .number()
      .positive()
      .max(24 * 365)
      .default(72),
  },
  connectionHealth: {
    /**
     * Working hours (09:00-17:00 Shanghai on working days, 8 a day) without an accepted record after
     * which a connected department's feed is silent (警戒, Art. 7(1), 10): 16 is two working days.
     */
    silentAfterWorkingHours: z
      .number()
      .int()
      .min(1)
      .max(8 * 60)
      .default(16),
    /** Working days after the connection date within which each connected kind must produce a record (Art. 24(3)). */
    graceWorkingDays: workingDays(1, 250).default(20),
    /**
     * Share of a department's pushed records refused (schema, unknown matter, reused sequence) over
     * the window, in percent, at or above which it departs from the data standard (Art. 24(2)).
     */
    refusedPercentLimit: z.number().min(0.1).max(100).default(5),
    /** Shanghai days the refused share is counted over, today included. */
    refusedWindowDays: z.number().int().min(1).max(92).default(7),
    /** Records pushed in the window below which the share is not judged (too few to say). */
    refusedMinimumRecords: z.number().int().min(1).max(1_000_000).default(20),
    /**
     * Hour (Shanghai, 0-23) of the next working day by which a department that reconciles (from the
     * day of its first manifest) must have submitted each working day's manifest (Art. 7(2)).
     */
    manifestDueHour: z.number().int().min(0).max(23).default(10),
  },
  accountability: {
    /**
     * Working days after an order to correct (责令改正) passed its deadline with no correction reported
     * before its warning (警戒) becomes a correction signal (纠错) (Art. 23, 24).
     */
    orderEscalateAfterWorkingDays: workingDays(1, 60).default(5),
  },
  reporting: {
    /**
     * Hours after an act within which its record must arrive, past which it is reported late
     * (Art. 24(4)); also the grace after a later stage's record before a missing earlier stage is
     * incomplete. 24 hours is the common standard.
     */
    lateAfterHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
  },
  complaints: {
    /** Working days after a missed deadline before the correction escalates. */
    escalateAfterWorkingDays: workingDays(1, 30).default(1),
    /** A handling prompt when this many working days remain before the deadline. */
    handlingPromptWorkingDays: workingDays(1, 30).default(2),
    /** Calendar days after a complaint is finished within which the complainant may re-open it. */
    reopeningDays: z.number().int().min(1).max(365).default(30),
    /** Calendar days after a complaint is finished before its personal data is erased. */
    personalDataRetentionDays: z
      .number({ error: retentionRule })
      .int({ error: retentionRule })
      .min(minimumPersonalDataRetentionDays, { error: retentionRule })
      .max(36_500, { error: retentionRule })
      .default(defaultPersonalDataRetentionDays),
  },
  supervisionCases: {
    /** Working days after the day a request is filed within which the supervisor decides. */
    decisionWorkingDays: workingDays(1, 60).default(3),
    /** The department is prompted when this many working days remain before a case's deadline. */
    promptWorkingDaysBefore: workingDays(0, 60).default(2),
    /** Working days overdue after which a case escalates to the superior level. */
    escalateAfterWorkingDays: workingDays(0, 60).default(3),
  },
  classifiedContent: {
    /**
     * Extra classified markers, set by the security administrator through the configuration:
     * every request body of every route carrying one is refused (422), as a marking is.
     */
    markers: z.array(classifiedMarker).max(50).default([]),
  },
  staffAccess: {
    /**
     * Hours a staff sign-in lasts (session timeout): the longest a token may live (`exp` − `iat`)
     * and, for privileged roles, the longest since the sign-in itself (`auth_time`).
     */
    maxSessionHours: z.number().int().min(1).max(24).default(12),
    /** Failed authentications from one source address within a window that lock the address out. */
    failuresBeforeLockout: z.number().int().min(3).max(1000).default(10),
    /** Minutes of a counting window; a locked-out address stays locked for the rest of it and the whole next one. */
    lockoutWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
  },
  personalDataKeys: {
    /**
     * Days KMS waits between the scheduling of a personal-data key's deletion and the deletion
     * (KMS allows 7 to 30): the time an operator has to cancel a mistaken one; the data is
     * unreadable from the scheduling on.
     */
    pendingWindowDays: z
      .number({ error: pendingWindowRule })
      .int({ error: pendingWindowRule })
      .min(7, { error: pendingWindowRule })
      .max(30, { error: pendingWindowRule })
      .default(30),
  },
  audit: {
    /**
     * Seconds the sealer stays behind the clock, so that no entry is still being appended to a
     * span it seals. A deployment must keep it above the longest function timeout
     * (`deployment-config.ts` checks); 6 minutes by default, above the 5 of the longest.
     */
    sealGraceSeconds: z.number().int().min(0).max(86_400).default(360),
    /**
     * A CloudTrail trail of every write to the deployment's tables (DynamoDB data events), the
     * evidence of who changed an item outside the application. Off only where an organisation
     * trail already logs those data events.
     */
    tableWriteTrail: z.boolean().default(true),
  },
  webhooks: {
    /**
     * Hours a webhook subscriber may keep failing (no successful delivery since its first failed
     * one) before it is disabled and its owner told (`WebhookSubscriptionDisabled`); a day by default.
     */
    disableAfterFailingHours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(24),
  },
} as const;

/** Re-opening copies the personal data to the new complaint: it must still be there. */
export const retentionOutlastsReopening = (retentionDays: number, reopeningDays: number): boolean => retentionDays > reopeningDays;
export const retentionOutlastsReopeningMessage = 'must be longer than the re-opening window (the personal data must outlast it)';

/**
 * The rule of a setting as a function reads it from its environment: a number written as text is
 * read as a number, and the variable must be there (no default on this side).
 */
export const numberFromEnvironment = <T extends z.ZodType<number>>(rule: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value), rule);

/** The markers of a comma-separated variable (possibly empty: no extra markers). */
export const markersFromEnvironment = z.string().transform((value) =>
  value
    .split(',')
    .map((marker) => marker.trim())
    .filter((marker) => marker.length > 0),
);

/** The part of a rule that is the rule itself, without the configuration's default. */
export const required = <T extends z.ZodType>(rule: z.ZodDefault<T>): T => rule.unwrap() as T;
