/** Catalogue parameters of a licensing matter, checked whenever a matter is loaded. */
import * as z from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';
import { isWholeFen } from './licensing-event.ts';

const workingDays = z.number().int().min(0).max(365);

/**
 * Figures the Licensing Law sets where a matter says nothing. The rules read them too: a matter
 * built in code (`CatalogueMatter`) may leave these fields out, as matters stored before they
 * existed do.
 */
export const licensingMatterDefaults = {
  /** Art. 42(1): ten more working days with the approval of the organ's head. */
  statutoryExtensionWorkingDays: 10,
  /** Beyond this many calendar days a suspension is flagged as unusually long. */
  suspensionWarningCalendarDays: 60,
  /** From receipt (or from the completed materials) to acceptance; Art. 32 sets five days for the notice to complete. */
  acceptanceWorkingDays: 5,
  /** Art. 44: the licence is issued and delivered within ten days of the decision to grant it. */
  deliveryWorkingDays: 10,
} as const;

/** A fee standard: yuan, whole fen (at most two decimals), up to 10 000 000 000. */
const FeeStandardYuan = z
  .number()
  .min(0, '收费标准应不低于 0 元 / a fee standard of 0 yuan or more')
  .max(1e10, '收费标准至多 10000000000 元 / a fee standard of at most 10000000000 yuan')
  .refine(isWholeFen, '以元计，至多两位小数（精确到分） / yuan with at most two decimals (whole fen)');

export const LicensingMatter = z
  .object({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal('licensing'),
    name: z.string().min(1).max(200),
    legalBasis: z.string().min(1).max(500),
    /** The department's public promise (承诺时限), working days from acceptance. */
    promisedWorkingDays: workingDays.min(1),
    /** The legal limit (法定时限), working days from acceptance (Licensing Law Art. 42: 20; joint or centralised handling, Art. 42(2): 45). */
    statutoryWorkingDays: workingDays.min(1).default(20),
    /** A prompt is raised when this many working days or fewer remain before the promised limit. */
    promptWorkingDaysBefore: workingDays.default(1),
    /** Limit for the one-time notice to complete materials, working days from receipt (Art. 32: 5). */
    completionNoticeWorkingDays: workingDays.min(1).default(5),
    /** Most working days that approved extensions may add (Art. 42: 10; joint or centralised handling: 15). */
    statutoryExtensionWorkingDays: workingDays.default(licensingMatterDefaults.statutoryExtensionWorkingDays),
    /**
     * Fee standard per case, in yuan (Art. 58, 59). Absent: the matter charges no fee, as Art. 58
     * requires unless a law or administrative regulation provides for one.
     */
    feeStandardYuan: FeeStandardYuan.optional(),
    /** A suspension longer than this many calendar days is flagged (Art. 45: the time it takes must be stated). */
    suspensionWarningCalendarDays: z.number().int().min(1).max(3650).default(licensingMatterDefaults.suspensionWarningCalendarDays),
    /** Working days from receipt, or from the completed materials after a timely notice, to acceptance. */
    acceptanceWorkingDays: workingDays.min(1).default(licensingMatterDefaults.acceptanceWorkingDays),
    /** Working days from a decision to grant to the delivery of the licence (Art. 44: 10). */
    deliveryWorkingDays: workingDays.min(1).default(licensingMatterDefaults.deliveryWorkingDays),
  })
  .refine((m) => m.promisedWorkingDays <= m.statutoryWorkingDays, {
    path: ['promisedWorkingDays'],
    message: '承诺期限不能超过法定期限 / the promised limit cannot exceed the statutory limit',
  });
export type LicensingMatter = z.infer<typeof LicensingMatter>;
