/**
 * The wire contract for government information disclosure (政务信息公开) events pushed by
 * departments. Two kinds of case share the family, told apart by their first event: a disclosure
 * request (依申请公开, Regulations on Open Government Information 2019, Art. 29–33) and proactive
 * disclosure (主动公开, Art. 26). Objects are strict: an unknown field is refused, never ignored.
 * No field carries personal data: the applicant is never named, third parties are not named.
 */
import * as z from 'zod';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('disclosure');

/** Whose opinion is sought: a third party (Art. 32) or another authority (Art. 34). */
export const ConsultedParty = z.enum(['thirdParty', 'otherAuthority']);
export type ConsultedParty = z.infer<typeof ConsultedParty>;

/**
 * How a request was answered (Art. 36): disclosed, partly disclosed (Art. 37), refused, the
 * information does not exist or is not held by this organ, or another answer (not ours to
 * disclose, repeated request, …).
 */
export const DisclosureOutcome = z.enum(['disclosed', 'partlyDisclosed', 'refused', 'notHeld', 'other']);
export type DisclosureOutcome = z.infer<typeof DisclosureOutcome>;

const shortText = z.string().min(1).max(2000);

export const DisclosureEvent = z.discriminatedUnion('event', [
  // A. Disclosure on request.
  z.strictObject({ ...common, event: z.literal('requestReceived') }),
  z.strictObject({
    ...common,
    event: z.literal('completionRequested'),
    /** What the applicant must clarify or complete, all at once (one-time notice, Art. 30). */
    items: z.array(z.string().min(1).max(200)).min(1).max(50),
  }),
  z.strictObject({ ...common, event: z.literal('completionReceived') }),
  z.strictObject({ ...common, event: z.literal('consultationStarted'), party: ConsultedParty }),
  z.strictObject({ ...common, event: z.literal('consultationEnded') }),
  z.strictObject({
    ...common,
    event: z.literal('extended'),
    /** Working days added (Art. 33: at most 20 in all). */
    additionalWorkingDays: z.number().int().min(1).max(20),
    /** The approving office or role (政府信息公开工作机构负责人), never a person's name. */
    approvedBy: z.string().min(1).max(100),
  }),
  z.strictObject({
    ...common,
    event: z.literal('replied'),
    outcome: DisclosureOutcome,
    /** Reasons given to the applicant; required by law when refused or partly disclosed (Art. 36, 37). */
    reasons: shortText.optional(),
  }),
  z.strictObject({ ...common, event: z.literal('closed') }),
  // B. Proactive disclosure.
  z.strictObject({
    ...common,
    event: z.literal('informationFormed'),
    /** Whether the information was first formed or changed (形成或者变更, Art. 26). */
    change: z.enum(['formed', 'changed']),
  }),
  z.strictObject({
    ...common,
    event: z.literal('published'),
    /** Where it was published (Art. 23). */
    channel: z.enum(['governmentWebsite', 'gazette', 'pressConference', 'media', 'other']).optional(),
  }),
]);
export type DisclosureEvent = z.infer<typeof DisclosureEvent>;
export type DisclosureEventType = DisclosureEvent['event'];

/** The two kinds of disclosure case. */
export type DisclosureCaseType = 'request' | 'proactive';

const proactiveEvents: ReadonlySet<DisclosureEventType> = new Set(['informationFormed', 'published']);

/** The kind of case an event belongs to; a case's type is that of its first event. */
export function disclosureCaseTypeOf(event: DisclosureEventType): DisclosureCaseType {
  return proactiveEvents.has(event) ? 'proactive' : 'request';
}
