/** Catalogue parameters of a licensing matter, checked whenever a matter is loaded. */
import { z } from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';

const workingDays = z.number().int().min(0).max(365);

export const LicensingMatter = z
  .object({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal('licensing'),
    name: z.string().min(1).max(200),
    legalBasis: z.string().min(1).max(500),
    /** The department's public promise (承诺时限), working days from acceptance. */
    promisedWorkingDays: workingDays.min(1),
    /** The legal limit (法定时限), working days from acceptance (Licensing Law Art. 42: 20). */
    statutoryWorkingDays: workingDays.min(1).default(20),
    /** A prompt is raised when this many working days or fewer remain before the promised limit. */
    promptWorkingDaysBefore: workingDays.default(1),
    /** Limit for the one-time notice to complete materials, working days from receipt (Art. 32: 5). */
    completionNoticeWorkingDays: workingDays.min(1).default(5),
  })
  .refine((m) => m.promisedWorkingDays <= m.statutoryWorkingDays, {
    path: ['promisedWorkingDays'],
    message: 'the promised limit cannot exceed the statutory limit',
  });
export type LicensingMatter = z.infer<typeof LicensingMatter>;
