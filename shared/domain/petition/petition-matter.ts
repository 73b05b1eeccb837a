/**
 * A petition matter in a department's catalogue (事项目录): the limits its letters and visits are
 * judged by, in days (日) as the regulation counts them, never in working days. Defaults are the
 * figures of 《信访工作条例》 (2022); a catalogue version may set shorter limits (local rules are
 * often stricter) but never longer ones: a longer limit than the law allows is refused, naming the
 * field.
 */
import * as z from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';
import { petitionLimits } from './petition-law.ts';

/** Days (日) up to the legal `max`, with the article that sets it in the refusal. */
const daysUpTo = (max: number, article: string, what: { zh: string; en: string }) =>
  z.number().int().min(0).max(max, `${article}：${what.zh}不得超过 ${max} 日 / ${what.en} may not exceed ${max} days (${article})`);

export const PetitionMatter = z
  .strictObject({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal('petition'),
    name: z.string().min(1).max(200),
    /** Legal basis of the matter itself; each rule cites its own article. */
    legalBasis: z.string().min(1).max(500),
    /** Days from receipt for the written notice of acceptance (15). */
    acceptanceNoticeDays: daysUpTo(petitionLimits.acceptanceNotice.days, petitionLimits.acceptanceNotice.article, {
      zh: '受理告知期限',
      en: 'the acceptance notice period',
    })
      .min(1)
      .default(petitionLimits.acceptanceNotice.days),
    /** Days from acceptance for the handling opinion (60). */
    handlingDays: daysUpTo(petitionLimits.handling.days, petitionLimits.handling.article, { zh: '办理期限', en: 'the handling period' })
      .min(1)
      .default(petitionLimits.handling.days),
    /** Most days the one approved extension may add (30). */
    maxExtensionDays: daysUpTo(petitionLimits.extension.days, petitionLimits.extension.article, { zh: '延长办理期限', en: 'the extension' }).default(
      petitionLimits.extension.days,
    ),
    /** Days from the review request for the review opinion (30). */
    reviewDays: daysUpTo(petitionLimits.review.days, petitionLimits.review.article, { zh: '复查期限', en: 'the review period' })
      .min(1)
      .default(petitionLimits.review.days),
    /** Days from the re-review request for the re-review opinion (30). */
    reReviewDays: daysUpTo(petitionLimits.reReview.days, petitionLimits.reReview.article, { zh: '复核期限', en: 'the re-review period' })
      .min(1)
      .default(petitionLimits.reReview.days),
    /** A `prompt` is raised when this many days (or fewer) remain of a pending limit. */
    promptDaysBefore: z.number().int().min(0).max(30).default(3),
  })
  .superRefine((matter, context) => {
    if (matter.promptDaysBefore >= matter.acceptanceNoticeDays) {
      context.addIssue({
        code: 'custom',
        path: ['promptDaysBefore'],
        message: `promptDaysBefore（${matter.promptDaysBefore}）应小于 acceptanceNoticeDays（${matter.acceptanceNoticeDays}） / promptDaysBefore (${matter.promptDaysBefore}) must be less than acceptanceNoticeDays (${matter.acceptanceNoticeDays})`,
      });
    }
  });
/** A parsed petition matter, defaults filled in. */
export type PetitionMatter = z.output<typeof PetitionMatter>;
