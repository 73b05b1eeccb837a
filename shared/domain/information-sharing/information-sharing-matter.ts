/**
 * A shared resource in the providing department's catalogue (政务信息资源目录): its sharing type
 * (共享属性) and the limits its share requests are judged by. A catalogue version is in force from
 * its `effectiveFrom`, so a resource may change type or limit from one date on.
 *
 * Every limit is in working days (工作日), as the law counts the answer limit: a matter in any
 * other unit, or with a field in days (`answerDays`), is refused, and so is an answer limit longer
 * than the legal one, naming the field and the article.
 */
import * as z from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';
import { informationSharingLimits } from './information-sharing-law.ts';

/**
 * 共享属性 (2016 measures Art. 9; 2025 regulation: UNVERIFIED article): unconditional (无条件共享, any
 * department may obtain it), conditional (有条件共享, on request, answered by the provider), or not
 * shared (不予共享, only with a basis in law or policy).
 */
export const SharingType = z.enum(['unconditional', 'conditional', 'notShared']);
export type SharingType = z.infer<typeof SharingType>;

const workingDays = (max: number) => z.number().int().min(0).max(max);
const legal = informationSharingLimits.answer;

/** Figures used where a matter says nothing. */
export const informationSharingMatterDefaults = {
  /** The legal answer limit. */
  answerWorkingDays: legal.workingDays,
  /** A prompt while one working day or fewer remains before the answer limit. */
  promptWorkingDaysBefore: 1,
} as const;

export const InformationSharingMatter = z
  .strictObject({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal('informationSharing'),
    /** The resource's name (信息资源名称). */
    name: z.string().min(1).max(200),
    /** The law or policy behind the resource's sharing type (不予共享、有条件共享须有依据). */
    legalBasis: z.string().min(1).max(500),
    sharingType: SharingType,
    /** The unit of every limit of the resource: working days only. */
    limitUnit: z
      .literal('workingDays', {
        error:
          '信息共享的答复时限以工作日计，limitUnit 只能为 workingDays / information sharing limits are counted in working days: limitUnit must be workingDays',
      })
      .default('workingDays'),
    /** Working days from the request for the provider's answer; never longer than the legal limit. */
    answerWorkingDays: workingDays(365)
      .min(1)
      .max(
        legal.workingDays,
        `${legal.article}：答复时限不得超过 ${legal.workingDays} 个工作日 / the answer limit may not exceed ${legal.workingDays} working days (${legal.article})`,
      )
      .default(informationSharingMatterDefaults.answerWorkingDays),
    /** A prompt is raised when this many working days or fewer remain before the answer limit. */
    promptWorkingDaysBefore: workingDays(30).default(informationSharingMatterDefaults.promptWorkingDaysBefore),
    /** Working days from a grant to the delivery of the data (及时提供); absent: the catalogue sets no delivery limit. */
    deliveryWorkingDays: workingDays(60).min(1).optional(),
  })
  .superRefine((matter, context) => {
    if (matter.promptWorkingDaysBefore >= matter.answerWorkingDays) {
      context.addIssue({
        code: 'custom',
        path: ['promptWorkingDaysBefore'],
        message: `promptWorkingDaysBefore（${matter.promptWorkingDaysBefore}）应小于 answerWorkingDays（${matter.answerWorkingDays}） / promptWorkingDaysBefore (${matter.promptWorkingDaysBefore}) must be less than answerWorkingDays (${matter.answerWorkingDays})`,
      });
    }
  });
/** A parsed shared resource, defaults filled in. */
export type InformationSharingMatter = z.output<typeof InformationSharingMatter>;
