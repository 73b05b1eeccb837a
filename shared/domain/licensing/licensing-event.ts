/**
 * The wire contract for licensing (行政许可) lifecycle events pushed by departments. Objects are
 * strict: a server-owned or unknown field is refused (mass assignment), never ignored.
 */
import * as z from 'zod';
import { Instant } from '../records/identifiers.ts';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('licensing');

/**
 * Why a case was paused. The grounds of Administrative Licensing Law Art. 45 (hearing, testing,
 * expert review, public notice, quarantine, inspection) stop the decision time limit; `other` is a
 * pause on no such ground: its days still count, and the pause itself is flagged.
 */
export const SuspensionReason = z.enum(['hearing', 'testing', 'expertReview', 'publicNotice', 'quarantine', 'inspection', 'other']);
export type SuspensionReason = z.infer<typeof SuspensionReason>;

/**
 * True when `yuan` is a whole number of fen (at most two decimals). Decimal text with two
 * decimals reads as the double nearest to n/100, which `Math.round(yuan * 100) / 100` gives back
 * exactly; a third decimal, or float residue such as 0.1 + 0.2, does not survive the round trip.
 */
export function isWholeFen(yuan: number): boolean {
  return Math.round(yuan * 100) / 100 === yuan;
}

/** An amount charged, in yuan with at most two decimals: above 0, up to 10 000 000 000. */
const FeeYuan = z
  .number()
  .gt(0, '金额应大于 0 元 / an amount above 0 yuan')
  .max(1e10, '金额至多 10000000000 元 / an amount of at most 10000000000 yuan')
  .refine(isWholeFen, '以元计，至多两位小数（精确到分） / yuan with at most two decimals (whole fen)');

const shortText = z.string().min(1).max(2000);

export const LicensingEvent = z.discriminatedUnion('event', [
  z.strictObject({ ...common, event: z.literal('received') }),
  z.strictObject({ ...common, event: z.literal('accepted') }),
  z.strictObject({
    ...common,
    event: z.literal('completionRequested'),
    /** Materials the applicant must add: all at once (one-time notice, Art. 32). */
    materials: z.array(z.string().min(1).max(200)).min(1).max(50),
  }),
  z.strictObject({ ...common, event: z.literal('completionReceived') }),
  z.strictObject({
    ...common,
    event: z.literal('suspended'),
    reason: SuspensionReason,
    /** When the applicant was told in writing how long the suspension takes (Art. 45). */
    applicantNotifiedAt: Instant.optional(),
  }),
  z.strictObject({ ...common, event: z.literal('resumed') }),
  z.strictObject({
    ...common,
    event: z.literal('extended'),
    /**
     * Working days added with the approval of the organ's head (Art. 42: at most 10 in all; 15
     * for joint or centralised handling). Each event is capped at 15; the total is judged
     * against the matter's cap by the extension rule.
     */
    additionalWorkingDays: z.number().int().min(1).max(15),
    approvedBy: z.string().min(1).max(100),
  }),
  z.strictObject({
    ...common,
    event: z.literal('decided'),
    outcome: z.enum(['granted', 'refused']),
    /** Written reasons; a refusal must give them (Art. 38(2)). */
    reasons: shortText.optional(),
  }),
  z.strictObject({ ...common, event: z.literal('concluded') }),
  z.strictObject({
    ...common,
    event: z.literal('feeCharged'),
    /** Fee charged to the applicant (Art. 58, 59); several events add up. */
    amountYuan: FeeYuan,
  }),
]);
export type LicensingEvent = z.infer<typeof LicensingEvent>;
export type LicensingEventType = LicensingEvent['event'];
