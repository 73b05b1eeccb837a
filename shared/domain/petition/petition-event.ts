/**
 * The wire contract for letters and visits (信访) a department receives and handles (Measures
 * Art. 17(5); 《信访工作条例》, 2022). A case runs: received and registered (登记) → written notice
 * of whether it is accepted (受理告知) → handling, with at most one approved extension → the written
 * handling opinion (信访处理意见书) → review (复查) and re-review (复核) on the petitioner's request,
 * the re-review possibly with a hearing (听证) whose time is not counted.
 * Objects are strict: an unknown field is refused, never ignored. No field carries personal data:
 * the petitioner is never named.
 */
import * as z from 'zod';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('petition');

/** How the petition came in (书信、电子邮件、网上信访、走访、电话…, 条例第十七条). */
export const PetitionChannel = z.enum(['letter', 'online', 'visit', 'phone', 'other']);
export type PetitionChannel = z.infer<typeof PetitionChannel>;

/**
 * What the written notice told the petitioner: accepted (受理), not accepted (不予受理), or to take
 * the matter to the body that may handle it (告知向有权处理的机关、单位提出).
 */
export const AcceptanceDecision = z.enum(['accepted', 'notAccepted', 'redirected']);
export type AcceptanceDecision = z.infer<typeof AcceptanceDecision>;

/** What a handling, review or re-review opinion concluded. */
export const PetitionOpinion = z.enum(['supported', 'partlySupported', 'notSupported', 'explained']);
export type PetitionOpinion = z.infer<typeof PetitionOpinion>;

/** The approving office or role (本机关、单位负责人), never a person's name. */
const approvedBy = z.string().min(1).max(100);

export const PetitionEvent = z.discriminatedUnion('event', [
  z.strictObject({ ...common, event: z.literal('received'), channel: PetitionChannel.optional() }),
  z.strictObject({ ...common, event: z.literal('acceptanceNotified'), decision: AcceptanceDecision }),
  z.strictObject({
    ...common,
    event: z.literal('extended'),
    /** Days (日, not working days) added to the handling limit; the law allows one extension of at most 30. */
    additionalDays: z.number().int().min(1).max(366),
    approvedBy,
    /** Whether the petitioner was told the reason for the extension (告知信访人延期理由). */
    petitionerNotified: z.boolean(),
  }),
  z.strictObject({ ...common, event: z.literal('handled'), opinion: PetitionOpinion }),
  z.strictObject({ ...common, event: z.literal('reviewRequested') }),
  z.strictObject({ ...common, event: z.literal('reviewDecided'), opinion: PetitionOpinion }),
  z.strictObject({ ...common, event: z.literal('reReviewRequested') }),
  z.strictObject({ ...common, event: z.literal('reReviewDecided'), opinion: PetitionOpinion }),
  /**
   * A re-review hearing (听证, 条例第三十六条第二款) opened and closed: its time is not counted in the
   * re-review limit. `hearingId` pairs the two; the days after the opening day up to the closing day
   * do not count.
   */
  z.strictObject({ ...common, event: z.literal('reReviewHearingStarted'), hearingId: z.string().min(1).max(64) }),
  z.strictObject({ ...common, event: z.literal('reReviewHearingEnded'), hearingId: z.string().min(1).max(64) }),
]);
export type PetitionEvent = z.infer<typeof PetitionEvent>;
export type PetitionEventType = PetitionEvent['event'];
