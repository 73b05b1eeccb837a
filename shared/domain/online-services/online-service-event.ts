/**
 * The wire contract for online administrative service (网上行政服务, Measures Art. 9) events
 * pushed by departments: an application made on the integrated online platform, its acceptance,
 * its completion and the delivery of its result. Objects are strict: a server-owned or unknown
 * field is refused (mass assignment), never ignored. No field carries personal data: the
 * applicant is never named.
 */
import * as z from 'zod';
import { Instant } from '../records/identifiers.ts';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('onlineService');

/** How a result reached the applicant: online (网上送达), by post (邮寄) or at a counter (窗口领取). */
export const DeliveryChannel = z.enum(['online', 'postal', 'counter']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

/** How a matter ended: the service or licence granted, or refused. */
export const OnlineServiceOutcome = z.enum(['approved', 'refused']);
export type OnlineServiceOutcome = z.infer<typeof OnlineServiceOutcome>;

const shortText = z.string().min(1).max(2000);

/**
 * The steps 《中华人民共和国行政许可法》第四十五条 leaves out of the handling limit: hearing (听证),
 * tendering (招标), auction (拍卖), inspection (检验), testing (检测), quarantine (检疫), appraisal
 * (鉴定) and expert review (专家评审). While one runs the completion clock stands still.
 */
export const ExcludedPeriodReason = z.enum(['hearing', 'tendering', 'auction', 'inspection', 'testing', 'quarantine', 'appraisal', 'expertReview']);
export type ExcludedPeriodReason = z.infer<typeof ExcludedPeriodReason>;

export const OnlineServiceEvent = z.discriminatedUnion('event', [
  /** The application was submitted online (网上申请). */
  z.strictObject({ ...common, event: z.literal('applied') }),
  /**
   * The applicant is asked to supplement materials: before acceptance, the one-time notice
   * (一次性告知补正); after acceptance, a request to complete materials (补齐补正) that stops the
   * completion clock until the applicant answers.
   */
  z.strictObject({
    ...common,
    event: z.literal('supplementRequested'),
    /** Materials the applicant must add, all at once (一次性告知补正). */
    materials: z.array(z.string().min(1).max(200)).min(1).max(50),
  }),
  /** The applicant supplied the materials; after acceptance the completion clock runs again. */
  z.strictObject({ ...common, event: z.literal('supplemented') }),
  /** The application was accepted (受理). */
  z.strictObject({ ...common, event: z.literal('accepted') }),
  z.strictObject({
    ...common,
    event: z.literal('notAccepted'),
    /** Why the application was not accepted; the applicant must be told. */
    reasons: shortText,
  }),
  /** A step the law leaves out of the handling limit began (特别程序开始): the completion clock stops. */
  z.strictObject({
    ...common,
    event: z.literal('suspended'),
    reason: ExcludedPeriodReason,
    /** When the applicant was told in writing how long the step takes (Art. 45). */
    applicantNotifiedAt: Instant.optional(),
  }),
  /** The step ended (特别程序结束): the completion clock runs again. */
  z.strictObject({ ...common, event: z.literal('resumed') }),
  /** The matter was completed (办结). */
  z.strictObject({ ...common, event: z.literal('completed'), outcome: OnlineServiceOutcome, reasons: shortText.optional() }),
  z.strictObject({
    ...common,
    event: z.literal('resultDelivered'),
    channel: DeliveryChannel,
    /** Whether the result came with an electronic certificate (电子证照). */
    electronicCertificate: z.boolean().optional(),
  }),
]);
export type OnlineServiceEvent = z.infer<typeof OnlineServiceEvent>;
export type OnlineServiceEventType = OnlineServiceEvent['event'];
