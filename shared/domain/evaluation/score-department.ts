/**
 * Scoring one department's period under a model (pure). The parts, in order:
 * 1. each dimension: base points × weight% × the metric's share;
 * 2. each signal level: − deduction × signals raised;
 * 3. late or incomplete data: − points per percentage point × its share in percent, capped;
 * 4. early completion: + points per percentage point × its share in percent, capped.
 * Each part is computed exactly and rounded half-up to 0.01 once, after its cap; the total is the
 * exact sum of the rounded parts (so the published parts add up to it), but never below 0 (扣完为止).
 * The grade is the best whose minimum the total reaches.
 */
import type { Bilingual } from '../bilingual.ts';
import { shareOf, type DepartmentPeriodMetrics, type EvaluationMetric } from './department-period-metrics.ts';
import { cappedHundredths, hundredthsOf, pointsOf, roundHalfUp, type Hundredths } from './exact-points.ts';
import { metricWords } from './describe-model.ts';
import type { Grade, ScoringModelDefinition } from './scoring-model.ts';

/** The kinds of part a total is made of. */
export type ScorePartKind = 'dimension' | 'signalDeduction' | 'dataDeduction' | 'earlyCompletionBonus';

/** One part of a department's total, with the points it adds (negative: deducted). */
export interface ScorePart {
  readonly kind: ScorePartKind;
  /** The dimension's metric, or the signal level. */
  readonly item?: EvaluationMetric | 'prompt' | 'warning' | 'correction';
  readonly words: Bilingual;
  readonly points: number;
}

export interface DepartmentScore {
  readonly department: string;
  readonly jurisdiction: string;
  readonly period: string;
  readonly total: number;
  readonly parts: readonly ScorePart[];
  readonly grade: Grade;
}

const signalLevels = [
  { level: 'prompt', words: { zh: '提示信号', en: 'prompt signals' } },
  { level: 'warning', words: { zh: '警戒信号', en: 'warning signals' } },
  { level: 'correction', words: { zh: '纠错信号', en: 'correction signals' } },
] as const;

interface ExactPart {
  readonly part: Omit<ScorePart, 'points'>;
  readonly hundredths: Hundredths;
}

function dimensionParts(model: ScoringModelDefinition, metrics: DepartmentPeriodMetrics): ExactPart[] {
  const base = hundredthsOf(model.basePoints);
  return model.dimensions.map(({ metric, weight }) => {
    const share = shareOf(metric, metrics);
    return {
      part: {
        kind: 'dimension',
        item: metric,
        words: { zh: `${metricWords[metric].zh}（权重 ${weight}%）`, en: `${metricWords[metric].en} (weight ${weight}%)` },
      },
      hundredths: roundHalfUp(base * BigInt(weight) * share.numerator, 100n * share.denominator),
    };
  });
}

function signalParts(model: ScoringModelDefinition, metrics: DepartmentPeriodMetrics): ExactPart[] {
  return signalLevels.map(({ level, words }) => {
    const raised = metrics.signalsRaised[level];
    return {
      part: { kind: 'signalDeduction', item: level, words: { zh: `${words.zh} ${raised} 条`, en: `${raised} ${words.en}` } },
      hundredths: -hundredthsOf(model.signalDeductions[level]) * BigInt(raised),
    };
  });
}

/** Points per percentage point × (part / whole × 100), capped; nothing over an empty whole. */
function cappedRatePart(rate: ScoringModelDefinition['earlyCompletionBonus'], part: number, whole: number): Hundredths {
  if (whole === 0) return 0n;
  return cappedHundredths(hundredthsOf(rate.pointsPerPercent) * 100n * BigInt(part), BigInt(whole), hundredthsOf(rate.cap));
}

/** The grade of a total: the best band whose minimum it reaches. */
export function gradeOf(model: ScoringModelDefinition, total: Hundredths): Grade {
  return (model.grades.find((band) => total >= hundredthsOf(band.minimum)) ?? model.grades[model.grades.length - 1]!).grade;
}

/** Scores one department's period; see the module comment for the parts and the rounding. */
export function scoreDepartment(model: ScoringModelDefinition, metrics: DepartmentPeriodMetrics): DepartmentScore {
  const parts: ExactPart[] = [
    ...dimensionParts(model, metrics),
    ...signalParts(model, metrics),
    {
      part: { kind: 'dataDeduction', words: { zh: '迟报或不完整的数据', en: 'late or incomplete data' } },
      hundredths: -cappedRatePart(model.lateOrIncompleteDataDeduction, metrics.recordsLateOrIncomplete, metrics.recordsReported),
    },
    {
      part: { kind: 'earlyCompletionBonus', words: { zh: '提前办结', en: 'early completion' } },
      hundredths: cappedRatePart(model.earlyCompletionBonus, metrics.concludedEarly, metrics.concludedActs),
    },
  ];
  const sum = parts.reduce((total, { hundredths }) => total + hundredths, 0n);
  const total = sum < 0n ? 0n : sum;
  return {
    department: metrics.department,
    jurisdiction: metrics.jurisdiction,
    period: metrics.period,
    total: pointsOf(total),
    parts: parts.map(({ part, hundredths }) => ({ ...part, points: pointsOf(hundredths) })),
    grade: gradeOf(model, total),
  };
}
