/**
 * The thresholds of a special report's detection (专项报告, Art. 21 ¶2), in the words a supervisor
 * sets them: how many departments or districts make a rule's breach widespread, and what makes a
 * rise sharp — against the mean of how many previous periods, by how many percent, and from what
 * count on (so that 1 → 2 is not a rise). Each has a default and a range; a request may set any.
 */
import * as z from 'zod';
import type { Bilingual } from '../bilingual.ts';

const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: `应为整数 / must be a whole number` })
    .int(`应为整数 / must be a whole number`)
    .min(min, `${what}至少为 ${min} / at least ${min}`)
    .max(max, `${what}至多为 ${max} / at most ${max}`);

export const PatternThresholds = z.strictObject({
  /** A rule broken in at least this many departments of the scope is widespread. */
  departments: whole(2, 1000, '部门数').default(5),
  /** …or in at least this many districts (a city's report only). */
  districts: whole(2, 100, '区（县、市）数').default(3),
  /** The rise is measured against the mean of this many previous periods of the same length. */
  previousPeriods: whole(1, 12, '对比期数').default(3),
  /** A count at least this many percent above that mean is a sharp rise… */
  risePercent: whole(1, 1000, '上升百分比').default(50),
  /** …if it is also at least this count. */
  minimumCount: whole(1, 100_000, '最低信号数').default(5),
});
export type PatternThresholds = z.infer<typeof PatternThresholds>;

/** The thresholds when a request sets none. */
export const defaultThresholds: PatternThresholds = PatternThresholds.parse({});

/** The thresholds in words, as the report states them. */
export function thresholdsInWords(t: PatternThresholds): Bilingual {
  return {
    zh:
      `判定标准：同一规则在至少 ${t.departments} 个部门或至少 ${t.districts} 个区（县、市）被违反为普遍性问题；` +
      `本期信号数比前 ${t.previousPeriods} 期平均数高出至少 ${t.risePercent}%，且不少于 ${t.minimumCount} 条，为明显上升。`,
    en:
      `Thresholds: a rule broken in at least ${t.departments} departments or at least ${t.districts} districts is widespread; ` +
      `a count at least ${t.risePercent}% above the mean of the previous ${t.previousPeriods} periods, and at least ${t.minimumCount}, is a sharp rise.`,
  };
}
