/**
 * The wire contract for administrative penalty (行政处罚) lifecycle events pushed by departments.
 * Objects are strict: a server-owned or unknown field is refused (mass assignment), never ignored.
 * No event names a person: the party (当事人) is not on the wire at all, and amounts are whole yuan.
 */
import * as z from 'zod';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('penalty');

/**
 * Seriousness of the facts as graded by the department's discretion benchmark (裁量基准):
 * `minor` 情节轻微, `ordinary` 一般, `serious` 情节严重. Mitigation and aggravation (从轻/从重)
 * are expressed by the band a benchmark attaches to each grade, not by extra grades.
 */
export const PenaltyCircumstance = z.enum(['minor', 'ordinary', 'serious']);
export type PenaltyCircumstance = z.infer<typeof PenaltyCircumstance>;

/** Code of the violated provision in the department's discretion benchmark (违法行为编码). */
export const ViolationCode = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    '应为字母、数字、点、下划线或连字符，至多 64 个字符 / letters, digits, dot, underscore, hyphen; up to 64 characters',
  );

/** An amount of money in whole yuan (元); 0 for a penalty that is not a fine. */
export const AmountYuan = z
  .number()
  .int()
  .min(0)
  .max(10 ** 12);

export const PenaltyEvent = z.discriminatedUnion('event', [
  /** 立案: the 90-day decision period (Administrative Penalty Law Art. 60) runs from the day after. */
  z.strictObject({ ...common, event: z.literal('caseFiled') }),
  /** 调查终结 (Art. 57). */
  z.strictObject({ ...common, event: z.literal('investigationConcluded') }),
  /** 行政处罚事先告知 (Art. 44): the penalty the department proposes. */
  z.strictObject({
    ...common,
    event: z.literal('priorNoticeIssued'),
    proposedFineYuan: AmountYuan,
    violationCode: ViolationCode,
    circumstance: PenaltyCircumstance,
  }),
  /** The party asked for a hearing (Art. 63). */
  z.strictObject({ ...common, event: z.literal('hearingRequested') }),
  /** 听证告知/通知: the party was given written notice concerning a hearing (Art. 63, 64). */
  z.strictObject({ ...common, event: z.literal('hearingNoticeIssued') }),
  z.strictObject({ ...common, event: z.literal('hearingHeld') }),
  /**
   * An approved extension of the decision period (Art. 60: 法律、法规、规章另有规定的，从其规定).
   * `approvedBy` names the approving office or role (e.g. `bureau head`), never a person.
   */
  z.strictObject({
    ...common,
    event: z.literal('extended'),
    additionalCalendarDays: z.number().int().min(1).max(365),
    approvedBy: z.string().min(1).max(100),
  }),
  /** 行政处罚决定 (Art. 57, 59). */
  z.strictObject({
    ...common,
    event: z.literal('decided'),
    /** The fine imposed, whole yuan; 0 for a non-monetary penalty (warning, confiscation, ...). */
    fineYuan: AmountYuan,
    violationCode: ViolationCode,
    circumstance: PenaltyCircumstance,
    /** Whether the decision must be made public (Art. 48: decisions with a certain social impact). */
    publicationRequired: z.boolean(),
  }),
  /** The decision was made public (Art. 48). */
  z.strictObject({ ...common, event: z.literal('published') }),
  /** The penalty was carried out (fine paid, enforcement completed; Art. 66–73). */
  z.strictObject({ ...common, event: z.literal('executed') }),
  /** 结案. */
  z.strictObject({ ...common, event: z.literal('closed') }),
]);
export type PenaltyEvent = z.infer<typeof PenaltyEvent>;
export type PenaltyEventType = PenaltyEvent['event'];
