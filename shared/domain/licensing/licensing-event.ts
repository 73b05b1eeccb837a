/**
 * The wire contract for licensing (行政许可) lifecycle events pushed by departments. Objects are
 * strict: a server-owned or unknown field is refused (mass assignment), never ignored.
 */
import { z } from 'zod';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('licensing');

/** Grounds on which a licensing time limit stops running (Administrative Licensing Law Art. 45). */
export const SuspensionReason = z.enum(['hearing', 'testing', 'expertReview', 'publicNotice', 'quarantine', 'inspection']);
export type SuspensionReason = z.infer<typeof SuspensionReason>;

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
  z.strictObject({ ...common, event: z.literal('suspended'), reason: SuspensionReason }),
  z.strictObject({ ...common, event: z.literal('resumed') }),
  z.strictObject({
    ...common,
    event: z.literal('extended'),
    /** Working days added with the approval of the organ's head (Art. 42: at most 10). */
    additionalWorkingDays: z.number().int().min(1).max(10),
    approvedBy: z.string().min(1).max(100),
  }),
  z.strictObject({
    ...common,
    event: z.literal('decided'),
    outcome: z.enum(['granted', 'refused']),
    reasons: shortText.optional(),
  }),
  z.strictObject({ ...common, event: z.literal('concluded') }),
]);
export type LicensingEvent = z.infer<typeof LicensingEvent>;
export type LicensingEventType = LicensingEvent['event'];
