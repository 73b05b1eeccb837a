/**
 * A disclosure matter in a department's catalogue (事项目录): the limits its cases are judged by.
 * Defaults are the Regulations on Open Government Information (2019). The limits are parameters,
 * not constants: the regulations before 2019 gave 15 + 15 working days, and local rules may be
 * stricter.
 */
import * as z from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';

const workingDays = (max: number) => z.number().int().min(0).max(max);

export const DisclosureMatter = z
  .strictObject({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal('disclosure'),
    name: z.string().min(1).max(200),
    /** Legal basis of the matter itself; each rule cites its own article of the regulations. */
    legalBasis: z.string().min(1).max(500),
    /** Reply limit, in working days from receipt or from the completed request (Art. 33: 20). */
    replyWorkingDays: workingDays(60).min(1).default(20),
    /** Most working days an approved extension may add (Art. 33: 20). */
    maxExtensionWorkingDays: workingDays(60).default(20),
    /** Limit for publishing formed or changed information, in working days (Art. 26: 20). */
    proactiveWorkingDays: workingDays(60).min(1).default(20),
    /** A reply `prompt` is raised when this many working days (or fewer) remain. */
    promptWorkingDaysBefore: workingDays(30).default(1),
    /** Limit for the one-time request to complete an unclear request, from receipt (Art. 30: 7). */
    completionRequestWorkingDays: workingDays(60).min(1).default(7),
  })
  .superRefine((matter, context) => {
    if (matter.promptWorkingDaysBefore >= matter.replyWorkingDays) {
      context.addIssue({
        code: 'custom',
        path: ['promptWorkingDaysBefore'],
        message: `promptWorkingDaysBefore（${matter.promptWorkingDaysBefore}）应小于 replyWorkingDays（${matter.replyWorkingDays}） / promptWorkingDaysBefore (${matter.promptWorkingDaysBefore}) must be less than replyWorkingDays (${matter.replyWorkingDays})`,
      });
    }
    if (matter.completionRequestWorkingDays > matter.replyWorkingDays) {
      context.addIssue({
        code: 'custom',
        path: ['completionRequestWorkingDays'],
        message: `completionRequestWorkingDays（${matter.completionRequestWorkingDays}）不能超过 replyWorkingDays（${matter.replyWorkingDays}） / completionRequestWorkingDays (${matter.completionRequestWorkingDays}) must not exceed replyWorkingDays (${matter.replyWorkingDays})`,
      });
    }
  });
/** A parsed disclosure matter, defaults filled in. */
export type DisclosureMatter = z.output<typeof DisclosureMatter>;
