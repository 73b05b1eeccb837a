/**
 * What the statistics deliver for one department and one period, and what a scoring model scores:
 * counts only, never rates, so every share is an exact fraction until the scoring rounds it. The
 * statistics count each act once, in the period it concluded; each signal once, in the period it
 * was raised; each record once, in the period it was pushed.
 */
import * as z from 'zod';
import { DepartmentId, JurisdictionId } from '../records/identifiers.ts';
import { EvaluationPeriod } from './evaluation-period.ts';

/** The metrics a dimension of a model scores, each a share from 0 to 1 of the department's period. */
export const evaluationMetrics = ['legalLimitOnTimeRate', 'promisedLimitOnTimeRate', 'speedUpRate', 'earlyCompletionRate', 'signalCorrectionRate'] as const;
export type EvaluationMetric = (typeof evaluationMetrics)[number];

/** A department's period, as the statistics count it. */
export interface DepartmentPeriodMetrics {
  readonly department: string;
  /** The department's jurisdiction: `city` or a district's id (rankings within it). */
  readonly jurisdiction: string;
  readonly period: EvaluationPeriod;
  /** Acts (of every record kind) concluded in the period. */
  readonly concludedActs: number;
  /** Of those, concluded within their statutory limit (法定时限). */
  readonly concludedWithinLegalLimit: number;
  /** Of those, concluded within the limit the department promised (承诺时限). */
  readonly concludedWithinPromisedLimit: number;
  /** Of those, concluded before the promised limit's last working day (提前办结). */
  readonly concludedEarly: number;
  /** Sum over the concluded acts of their statutory limits, in working days. */
  readonly legalLimitWorkingDays: number;
  /** Sum over the concluded acts of the working days each took (suspensions not counted). */
  readonly usedWorkingDays: number;
  /** Signals raised on the department's acts in the period, by level (提示 / 警戒 / 纠错). */
  readonly signalsRaised: { readonly prompt: number; readonly warning: number; readonly correction: number };
  /** Warning and correction signals of the period that called for a correction or an explanation. */
  readonly signalsToCorrect: number;
  /** Of those, corrected or explained within the time set. */
  readonly signalsCorrected: number;
  /** Records the department pushed in the period. */
  readonly recordsReported: number;
  /** Of those, late or incomplete (Art. 24(4)), each counted once. */
  readonly recordsLateOrIncomplete: number;
}

const count = z.number().int('应为整数 / an integer').min(0, '不能为负数 / must not be negative').max(1_000_000_000, '不能超过 10 亿 / at most 1,000,000,000');
const workingDays = z
  .number()
  .int('应为整数 / an integer')
  .min(0, '不能为负数 / must not be negative')
  .max(1_000_000_000_000, '不能超过一万亿 / at most 1,000,000,000,000');

/** The wire and storage form of {@link DepartmentPeriodMetrics}; the counts must agree with each other. */
export const DepartmentPeriodMetricsSchema = z
  .strictObject({
    department: DepartmentId,
    jurisdiction: JurisdictionId,
    period: EvaluationPeriod,
    concludedActs: count,
    concludedWithinLegalLimit: count,
    concludedWithinPromisedLimit: count,
    concludedEarly: count,
    legalLimitWorkingDays: workingDays,
    usedWorkingDays: workingDays,
    signalsRaised: z.strictObject({ prompt: count, warning: count, correction: count }),
    signalsToCorrect: count,
    signalsCorrected: count,
    recordsReported: count,
    recordsLateOrIncomplete: count,
  })
  .superRefine((metrics, context) => {
    const partOf = (field: keyof DepartmentPeriodMetrics, whole: keyof DepartmentPeriodMetrics, zhWhole: string) => {
      if ((metrics[field] as number) > (metrics[whole] as number)) {
        context.addIssue({ code: 'custom', path: [field], message: `不能多于 ${zhWhole}（${whole}） / must not exceed ${whole}` });
      }
    };
    partOf('concludedWithinLegalLimit', 'concludedActs', '办结件数');
    partOf('concludedWithinPromisedLimit', 'concludedActs', '办结件数');
    partOf('concludedEarly', 'concludedWithinPromisedLimit', '承诺时限内办结件数');
    partOf('signalsCorrected', 'signalsToCorrect', '须纠正的信号数');
    partOf('recordsLateOrIncomplete', 'recordsReported', '报送记录数');
    if (metrics.signalsToCorrect > metrics.signalsRaised.warning + metrics.signalsRaised.correction) {
      context.addIssue({
        code: 'custom',
        path: ['signalsToCorrect'],
        message: '不能多于警戒与纠错信号之和 / must not exceed the warning and correction signals raised',
      });
    }
  });

/** A share as an exact fraction: `numerator / denominator`, denominator > 0. */
export interface Share {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * The share a metric measures. A share over nothing (no acts concluded, no signal to correct)
 * counts as fully met: a department is not marked down for what did not happen.
 */
export function shareOf(metric: EvaluationMetric, metrics: DepartmentPeriodMetrics): Share {
  const of = (numerator: number, denominator: number): Share =>
    denominator === 0 ? { numerator: 1n, denominator: 1n } : { numerator: BigInt(numerator), denominator: BigInt(denominator) };
  switch (metric) {
    case 'legalLimitOnTimeRate':
      return of(metrics.concludedWithinLegalLimit, metrics.concludedActs);
    case 'promisedLimitOnTimeRate':
      return of(metrics.concludedWithinPromisedLimit, metrics.concludedActs);
    case 'speedUpRate':
      // 提速率: the share of the statutory working days not used; taking longer than the law allows saves nothing.
      return of(Math.max(0, metrics.legalLimitWorkingDays - metrics.usedWorkingDays), metrics.legalLimitWorkingDays);
    case 'earlyCompletionRate':
      return of(metrics.concludedEarly, metrics.concludedActs);
    case 'signalCorrectionRate':
      return of(metrics.signalsCorrected, metrics.signalsToCorrect);
  }
}
