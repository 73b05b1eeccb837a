/** How an evaluation reads in the console (Art. 21-22): grades, the metrics scored and each department's parts. */
import type { components } from '../api/schema';

export type EvaluationVersion = components['schemas']['EvaluationVersion'];
export type EvaluationVersions = components['schemas']['EvaluationVersions'];
export type RankedResult = EvaluationVersion['results'][number];
export type ScorePart = RankedResult['parts'][number];
export type Grade = RankedResult['grade'];

export const gradeNames: Record<Grade, { readonly name: string; readonly color: string }> = {
  excellent: { name: '优秀', color: 'success' },
  good: { name: '良好', color: 'processing' },
  pass: { name: '合格', color: 'warning' },
  fail: { name: '不合格', color: 'error' },
};

export const metricNames: Record<string, string> = {
  legalLimitOnTimeRate: '法定时限内办结率',
  promisedLimitOnTimeRate: '承诺时限内办结率',
  speedUpRate: '提速率',
  earlyCompletionRate: '提前办结率',
  signalCorrectionRate: '预警纠正率',
};

/** A department's points on one dimension of the model; undefined when the model has no such dimension. */
export const dimensionPoints = (result: RankedResult, metric: string): number | undefined =>
  result.parts.find((part) => part.kind === 'dimension' && part.item === metric)?.points;

/** The deductions (signals, late or incomplete data): negative points. */
export const deductions = (result: RankedResult): readonly ScorePart[] =>
  result.parts.filter((part) => part.kind === 'signalDeduction' || part.kind === 'dataDeduction');

/** The sum of a list of parts' points, to the hundredth as the model rounds them. */
export const pointsOf = (parts: readonly ScorePart[]): number => Math.round(parts.reduce((sum, part) => sum + part.points, 0) * 100) / 100;

/** Points to two decimals, as the results are published. */
export const pointsText = (points: number | undefined): string => (points === undefined ? '—' : points.toFixed(2));

/** The rank that counts for the owner: within the city for the city's evaluation, within the district for a district's. */
export const rankFor = (owner: string, result: RankedResult): number => (owner === 'city' ? result.cityRank : result.jurisdictionRank);

/** What the evaluation's inputs the statistics do not measure yet are called. */
export const inputNames: Record<string, string> = {
  signalsToCorrect: '应纠正的预警信号',
  signalsCorrected: '已纠正的预警信号',
  recordsReported: '报送的数据',
  recordsLateOrIncomplete: '迟报或不完整的数据',
};
