/**
 * A public resource trading matter in a department's catalogue (事项目录): the periods and
 * thresholds its tenders are judged by. Defaults are the national figures; a department may set
 * stricter ones (a longer bid period, say) per matter.
 */
import * as z from 'zod';
import { alertLevels } from '../alerts/alert.ts';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';
import { AmountYuan, tenderKind } from './tender-event.ts';

const days = (max: number) => z.number().int().min(1).max(max);

export const TenderMatter = z
  .strictObject({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal(tenderKind),
    name: z.string().min(1).max(200),
    /** Cited when a rule has no more specific article. */
    legalBasis: z.string().min(1).max(500),
    /** Calendar days from the notice to the bid deadline, at least (Bidding Law Art. 24: 20). */
    minBidDays: days(365).default(20),
    /** Calendar days between an amendment and the bid deadline, at least (Bidding Law Art. 23: 15). */
    minAmendmentNoticeDays: days(365).default(15),
    /** Calendar days the candidates are publicized, at least (Implementing Regulations Art. 54: 3). */
    minPublicityDays: days(60).default(3),
    /** Calendar days after the award notice within which the contract is signed (Bidding Law Art. 46: 30). */
    contractCalendarDays: days(365).default(30),
    /** A `prompt` is raised when this many calendar days (or fewer) remain to sign the contract. */
    promptCalendarDaysBefore: z.number().int().min(0).max(365).default(3),
    /**
     * Estimated amount from which tendering is mandatory, in yuan. Default 4 000 000: construction
     * contracts (《必须招标的工程项目规定》, NDRC Order No. 16 (2018), Art. 5; goods 2 000 000,
     * services 1 000 000). Used by `detectTenderPatterns` for splitting to avoid tendering.
     */
    tenderThresholdYuan: AmountYuan.min(1).default(4_000_000),
    /** Level of the single-bidder finding (a tender awarded with fewer than three bidders). */
    singleBidderLevel: z.enum(alertLevels).default('warning'),
    /** Largest allowed difference between contract and awarded amount, in percent of the award. */
    contractDeviationPercent: z.number().min(0).max(100).default(10),
  })
  .superRefine((matter, context) => {
    if (matter.promptCalendarDaysBefore >= matter.contractCalendarDays) {
      context.addIssue({
        code: 'custom',
        path: ['promptCalendarDaysBefore'],
        message: `应小于 contractCalendarDays（${matter.contractCalendarDays}）：否则提示将早于中标 / must be less than contractCalendarDays (${matter.contractCalendarDays}): the prompt would start before the award`,
      });
    }
    if (matter.minAmendmentNoticeDays > matter.minBidDays) {
      context.addIssue({
        code: 'custom',
        path: ['minAmendmentNoticeDays'],
        message: `不能超过 minBidDays（${matter.minBidDays}）：澄清修改期长于投标期是配置错误 / must not exceed minBidDays (${matter.minBidDays}): an amendment period longer than the bid period is a configuration error`,
      });
    }
  });
/** A validated tender matter, defaults applied. */
export type TenderMatter = z.infer<typeof TenderMatter>;
/** A tender matter as configured (defaults may be omitted). */
export type TenderMatterInput = z.input<typeof TenderMatter>;
