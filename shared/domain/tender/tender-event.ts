/**
 * The wire contract for public resource trading (公共资源交易) events: the lifecycle of one tender
 * project of a buyer (招标人), pushed by the trading centre or the supervising department. Objects
 * are strict: an unknown field is refused, never ignored. Parties appear only as opaque
 * organisation identifiers; no field carries a person's name, ID number or phone.
 */
import * as z from 'zod';
import { Instant } from '../records/identifiers.ts';
import { recordFields } from '../records/record-fields.ts';

/** The `kind` of tender records and matters (glossary: 公共资源交易). */
export const tenderKind = 'publicResourceTrading';

/** An organisation (buyer, bidder, winner) as an opaque identifier from the trading platform. */
export const OrganisationId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
    '应为字母、数字、点、下划线、冒号或连字符，至多 64 个字符 / letters, digits, dot, underscore, colon, hyphen; up to 64 characters',
  );
export type OrganisationId = z.infer<typeof OrganisationId>;

/** An amount of money in whole yuan (元), up to one trillion. */
export const AmountYuan = z
  .number()
  .int()
  .min(0)
  .max(10 ** 12);

/** Why a tender was cancelled (终止招标). */
export const TenderCancellationReason = z.enum([
  /** Fewer than three bidders: the law requires a new tender (Bidding Law Art. 28). */
  'fewerThanThreeBidders',
  /** The evaluation committee rejected every bid (Bidding Law Art. 42). */
  'allBidsRejected',
  'projectWithdrawn',
  'requirementsChanged',
  /** A complaint or objection was upheld by the supervising department. */
  'complaintUpheld',
  'other',
]);
export type TenderCancellationReason = z.infer<typeof TenderCancellationReason>;

const common = recordFields(tenderKind);

export const TenderEvent = z.discriminatedUnion('event', [
  z.strictObject({
    ...common,
    /** 招标公告 published; `occurredAt` is the day the tender documents start to be issued. */
    event: z.literal('noticePublished'),
    /** Deadline for submitting bids (投标截止时间). */
    bidDeadline: Instant,
    buyerId: OrganisationId,
    estimatedAmountYuan: AmountYuan,
  }),
  z.strictObject({
    ...common,
    /** Clarification or amendment of the tender documents (澄清或修改, Art. 23). */
    event: z.literal('noticeAmended'),
    /** The bid deadline in force after the amendment (repeat it when unchanged). */
    bidDeadline: Instant,
  }),
  z.strictObject({ ...common, event: z.literal('bidsOpened'), bidderCount: z.number().int().min(0).max(10_000) }),
  z.strictObject({ ...common, event: z.literal('evaluationCompleted') }),
  z.strictObject({
    ...common,
    /** 中标候选人公示 started at `occurredAt`. */
    event: z.literal('candidatesPublicized'),
    publicityEndsAt: Instant,
  }),
  z.strictObject({
    ...common,
    /** Award notice issued (中标通知书发出). */
    event: z.literal('awarded'),
    winnerId: OrganisationId,
    amountYuan: AmountYuan,
  }),
  z.strictObject({ ...common, event: z.literal('contractSigned'), amountYuan: AmountYuan }),
  z.strictObject({ ...common, event: z.literal('closed') }),
  z.strictObject({ ...common, event: z.literal('cancelled'), reason: TenderCancellationReason }),
]);
export type TenderEvent = z.infer<typeof TenderEvent>;
export type TenderEventType = TenderEvent['event'];
