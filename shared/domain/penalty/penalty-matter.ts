/**
 * Catalogue parameters of an administrative penalty matter (行政处罚事项), checked whenever a
 * matter is loaded. Defaults are the national figures of the Administrative Penalty Law (2021).
 * Like the licensing matter, unknown properties (storage keys) are stripped, not refused.
 */
import * as z from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';
import { AmountYuan, PenaltyCircumstance, ViolationCode } from './penalty-event.ts';

/** One line of the department's discretion benchmark (裁量基准, Art. 34): the fine range for a violation and grade. */
export const DiscretionBand = z.object({
  violationCode: ViolationCode,
  circumstance: PenaltyCircumstance,
  /** Lowest fine, whole yuan. A band that allows a non-monetary penalty starts at 0. */
  minFineYuan: AmountYuan,
  /** Highest fine, whole yuan. */
  maxFineYuan: AmountYuan,
});
export type DiscretionBand = z.infer<typeof DiscretionBand>;

export const PenaltyMatter = z
  .object({
    department: DepartmentId,
    matterCode: MatterCode,
    kind: z.literal('penalty'),
    name: z.string().min(1).max(200),
    legalBasis: z.string().min(1).max(500),
    /** Calendar days from case filing to the decision (Art. 60: 90); the day of filing is not counted. */
    decisionCalendarDays: z.number().int().min(1).max(3650).default(90),
    /** A prompt is raised when this many calendar days or fewer remain before the decision is due. */
    promptCalendarDaysBefore: z.number().int().min(0).max(365).default(7),
    /** The benchmark's bands; unique per (violationCode, circumstance). */
    discretionBands: z.array(DiscretionBand).max(2000).default([]),
    /**
     * Fines at or above this many yuan need a hearing notice before the decision (Art. 63,
     * 较大数额罚款). Provinces set the figure, per party type (often 10 000 yuan for individuals and
     * 100 000 for organisations); a matter carries one figure, so a department that needs both
     * configures the stricter one or separate matters. No national default exists, so it is required.
     */
    hearingThresholdYuan: AmountYuan.min(1),
    /** Working days after the decision within which a decision to be made public is published (Art. 48; commonly 7). */
    publicationWorkingDays: z.number().int().min(0).max(60).default(7),
  })
  .superRefine((matter, ctx) => {
    if (matter.promptCalendarDaysBefore >= matter.decisionCalendarDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['promptCalendarDaysBefore'],
        message: `promptCalendarDaysBefore（${matter.promptCalendarDaysBefore}）应小于 decisionCalendarDays（${matter.decisionCalendarDays}） / promptCalendarDaysBefore (${matter.promptCalendarDaysBefore}) must be less than decisionCalendarDays (${matter.decisionCalendarDays})`,
      });
    }
    const seen = new Map<string, number>();
    matter.discretionBands.forEach((band, index) => {
      if (band.minFineYuan > band.maxFineYuan) {
        ctx.addIssue({
          code: 'custom',
          path: ['discretionBands', index, 'minFineYuan'],
          message: `minFineYuan（${band.minFineYuan}）不能超过 maxFineYuan（${band.maxFineYuan}） / minFineYuan (${band.minFineYuan}) must not exceed maxFineYuan (${band.maxFineYuan})`,
        });
      }
      const key = `${band.violationCode}\u0000${band.circumstance}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
      } else {
        ctx.addIssue({
          code: 'custom',
          path: ['discretionBands', index, 'circumstance'],
          message: `违法行为 ${band.violationCode}、情节 ${band.circumstance} 的裁量档次已在 discretionBands[${first}] / a band for violation ${band.violationCode} and circumstance ${band.circumstance} is already at discretionBands[${first}]`,
        });
      }
    });
  });
export type PenaltyMatter = z.infer<typeof PenaltyMatter>;
