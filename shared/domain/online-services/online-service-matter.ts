/**
 * An online service matter in a department's catalogue (事项目录): the limits its cases are
 * judged by. Every limit is counted in working days (工作日), as the law and the catalogue's
 * promise count them: a matter in any other unit is refused, and so is a promised limit
 * (承诺时限) longer than the legal one (法定时限), which would promise nothing.
 */
import * as z from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';

const workingDays = (max: number) => z.number().int().min(0).max(max);

/** Figures used where a matter says nothing. */
export const onlineServiceMatterDefaults = {
  /** A prompt while one working day or fewer remains before the promised limit. */
  promptWorkingDaysBefore: 1,
  /** Licensing Law Art. 32: the one-time notice to complete materials within five days. */
  supplementNoticeWorkingDays: 5,
} as const;

export const OnlineServiceMatter = z
  .strictObject({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal('onlineService'),
    name: z.string().min(1).max(200),
    /** The law that sets the matter's legal limit; the time-limit findings cite it. */
    legalBasis: z.string().min(1).max(500),
    /** The unit of every limit of the matter: working days only. */
    limitUnit: z
      .literal('workingDays', {
        error:
          '网上行政服务事项的时限以工作日计，limitUnit 只能为 workingDays / online service limits are counted in working days: limitUnit must be workingDays',
      })
      .default('workingDays'),
    /** The legal limit (法定时限), working days from acceptance to completion. */
    statutoryWorkingDays: workingDays(365).min(1),
    /** The department's public promise (承诺时限), working days from acceptance to completion; never longer than the legal limit. */
    promisedWorkingDays: workingDays(365).min(1),
    /** A prompt is raised when this many working days or fewer remain before the promised limit. */
    promptWorkingDaysBefore: workingDays(30).default(onlineServiceMatterDefaults.promptWorkingDaysBefore),
    /** Working days from the application (or the supplemented materials) to acceptance; absent: the catalogue sets no acceptance limit. */
    acceptanceWorkingDays: workingDays(60).min(1).optional(),
    /** Working days from the completion to the delivery of its result; absent: the catalogue sets no delivery limit. */
    deliveryWorkingDays: workingDays(60).min(1).optional(),
    /** Working days from the application within which a notice to supplement materials must be given, all at once. */
    supplementNoticeWorkingDays: workingDays(60).min(1).default(onlineServiceMatterDefaults.supplementNoticeWorkingDays),
    /** Whole process online (全程网办): the result is delivered online. */
    fullyOnline: z.boolean().default(false),
    /** An approved result is issued as an electronic certificate (电子证照). */
    electronicCertificate: z.boolean().default(false),
  })
  .superRefine((matter, context) => {
    if (matter.promisedWorkingDays > matter.statutoryWorkingDays) {
      context.addIssue({
        code: 'custom',
        path: ['promisedWorkingDays'],
        message: `承诺时限（${matter.promisedWorkingDays} 个工作日）不能超过法定时限（${matter.statutoryWorkingDays} 个工作日） / the promised limit (${matter.promisedWorkingDays} working days) cannot exceed the legal limit (${matter.statutoryWorkingDays} working days)`,
      });
    }
  });
/** A parsed online service matter, defaults filled in. */
export type OnlineServiceMatter = z.output<typeof OnlineServiceMatter>;
