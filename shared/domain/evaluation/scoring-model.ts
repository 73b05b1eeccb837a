/**
 * A scoring model (效能评估办法, Art. 20-22, 25): how a department's period becomes points and a
 * grade. The city supervisor keeps the city's model; a district supervisor may keep its own for its
 * departments (Art. 25). Each version is in force over a range of periods and never changes once
 * stored: a correction is a new version.
 *
 * Weights are whole percentages that add up to exactly 100: an integer sum is checked exactly
 * (weights as fractions of 1 would be compared in floating point), and 考核 schemes state weights
 * as percentages (权重 40%). Every other figure has at most two decimals.
 */
import * as z from 'zod';
import type { Bilingual } from '../bilingual.ts';
import { JurisdictionId } from '../records/identifiers.ts';
import { evaluationMetrics } from './department-period-metrics.ts';
import { EvaluationPeriod } from './evaluation-period.ts';
import { hasAtMostTwoDecimals, hundredthsOf } from './exact-points.ts';

/** Grades, best first (优秀 / 良好 / 合格 / 不合格). */
export const grades = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof grades)[number];

export const gradeWords: Readonly<Record<Grade, Bilingual>> = {
  excellent: { zh: '优秀', en: 'excellent' },
  good: { zh: '良好', en: 'good' },
  pass: { zh: '合格', en: 'pass' },
  fail: { zh: '不合格', en: 'fail' },
};

/** The owner of a model: `city`, or a district's id for the district's own model. */
export const ModelOwner = JurisdictionId;

const points = (max: number) =>
  z
    .number()
    .min(0, '不能为负数 / must not be negative')
    .max(max, `不能超过 ${max} / at most ${max}`)
    .refine(hasAtMostTwoDecimals, '至多两位小数 / at most two decimals');

const Dimension = z.strictObject({
  metric: z.enum(evaluationMetrics, `应为 ${evaluationMetrics.join('、')} 之一 / one of ${evaluationMetrics.join(', ')}`),
  weight: z.number().int('权重应为整数百分比 / a weight is a whole percentage').min(1, '权重至少为 1 / at least 1').max(100, '权重至多为 100 / at most 100'),
});

const CappedRate = z.strictObject({
  /** Points per percentage point of the share. */
  pointsPerPercent: points(100),
  /** At most this many points in all. */
  cap: points(1000),
});

const GradeBand = z.strictObject({
  grade: z.enum(grades, '应为 excellent、good、pass、fail 之一 / one of excellent, good, pass, fail'),
  /** The lowest total of the band (inclusive). */
  minimum: points(2000),
});

/** The fields of a model as a supervisor writes them; checks that involve several fields follow in {@link parseScoringModel}. */
export const ScoringModelFields = z.strictObject({
  owner: ModelOwner,
  /** What the model is called where it is published, e.g. `2027 年度部门效能评估办法`. */
  name: z.string().trim().min(1, '不能为空 / must not be empty').max(100, '至多 100 个字符 / at most 100 characters'),
  effectiveFrom: EvaluationPeriod,
  /** The last period it is in force for (inclusive); absent: until the next version. */
  effectiveUntil: EvaluationPeriod.optional(),
  /** Points of a department that meets every dimension in full (基础分). */
  basePoints: points(1000).refine((value) => value > 0, '应大于 0 / must be more than 0'),
  dimensions: z
    .array(Dimension)
    .min(1, '至少一个评分维度 / at least one dimension')
    .max(evaluationMetrics.length, `至多 ${evaluationMetrics.length} 个维度 / at most ${evaluationMetrics.length} dimensions`),
  /** Points deducted per signal raised in the period, by level. */
  signalDeductions: z.strictObject({ prompt: points(100), warning: points(100), correction: points(100) }),
  /** Points per percentage point of records late or incomplete, up to a cap. */
  lateOrIncompleteDataDeduction: CappedRate,
  /** Points per percentage point of acts concluded early, up to a cap. */
  earlyCompletionBonus: CappedRate,
  /** The four grades, best first, each from its minimum up to the next one's. */
  grades: z.array(GradeBand).length(grades.length, '应列出优秀、良好、合格、不合格四个等级 / the four grades excellent, good, pass, fail'),
});

export type ScoringModelDefinition = z.infer<typeof ScoringModelFields>;

/** A stored version of a model. */
export type ScoringModel = ScoringModelDefinition & {
  readonly version: number;
  readonly recordedAt: string;
  /** `role:subject` of the supervisor who recorded it. */
  readonly recordedBy: string;
};

/** A problem with a proposed model: where (path in the body) and what, in both languages. */
export interface ScoringModelIssue {
  readonly path: readonly (string | number)[];
  readonly words: Bilingual;
  /** The schema's issue, when a field's own schema refused it (worded again in Chinese by the edge). */
  readonly schemaIssue?: z.core.$ZodIssue;
}

export type ScoringModelParse =
  { readonly ok: true; readonly model: ScoringModelDefinition } | { readonly ok: false; readonly issues: readonly ScoringModelIssue[] };

const issuesOf = (error: z.ZodError): ScoringModelIssue[] =>
  error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? {
          path: [...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)), ...issue.keys.slice(0, 1)],
          words: { zh: `不允许的字段：${issue.keys.join('、')}`, en: `field not allowed: ${issue.keys.join(', ')}` },
        }
      : {
          path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
          words: { zh: issue.message, en: issue.message },
          schemaIssue: issue,
        },
  );

/** The parts of a raw model that pass their own schema, so the checks across fields run even when other fields fail. */
function validPart<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const Dimensions = ScoringModelFields.shape.dimensions;
const Grades = ScoringModelFields.shape.grades;
const SignalDeductions = ScoringModelFields.shape.signalDeductions;

function dimensionIssues(dimensions: z.infer<typeof Dimensions>): ScoringModelIssue[] {
  const issues: ScoringModelIssue[] = [];
  const sum = dimensions.reduce((total, dimension) => total + dimension.weight, 0);
  if (sum !== 100) {
    issues.push({ path: ['dimensions'], words: { zh: `各维度权重之和应为 100，现为 ${sum}`, en: `the weights must add up to 100; they add up to ${sum}` } });
  }
  dimensions.forEach((dimension, index) => {
    const first = dimensions.findIndex((other) => other.metric === dimension.metric);
    if (first !== index) {
      issues.push({
        path: ['dimensions', index, 'metric'],
        words: {
          zh: `指标 ${dimension.metric} 已由第 ${first + 1} 个维度计分`,
          en: `the metric ${dimension.metric} is already scored by dimension ${first + 1}`,
        },
      });
    }
  });
  return issues;
}

function gradeIssues(bands: z.infer<typeof Grades>, highestTotal: number | undefined): ScoringModelIssue[] {
  const issues: ScoringModelIssue[] = [];
  bands.forEach((band, index) => {
    const expected = grades[index]!;
    if (band.grade !== expected) {
      issues.push({
        path: ['grades', index, 'grade'],
        words: {
          zh: `第 ${index + 1} 个等级应为 ${expected}（${gradeWords[expected].zh}）：等级由高到低排列`,
          en: `grade ${index + 1} must be ${expected}: grades go from best to worst`,
        },
      });
    }
    const above = bands[index - 1];
    if (above !== undefined && band.minimum >= above.minimum) {
      issues.push({
        path: ['grades', index, 'minimum'],
        words: {
          zh: `应低于上一等级的下限 ${above.minimum}，否则两个等级重叠`,
          en: `must be below the minimum of the grade above (${above.minimum}), or the two grades overlap`,
        },
      });
    }
  });
  const lowest = bands[bands.length - 1];
  if (lowest !== undefined && lowest.minimum !== 0) {
    issues.push({
      path: ['grades', bands.length - 1, 'minimum'],
      words: { zh: '最低等级的下限应为 0，使每个总分都有等级', en: 'the lowest grade must start at 0, so every total has a grade' },
    });
  }
  const top = bands[0];
  if (top !== undefined && highestTotal !== undefined && top.minimum > highestTotal) {
    issues.push({
      path: ['grades', 0, 'minimum'],
      words: {
        zh: `最高可得 ${highestTotal} 分（基础分加奖励上限），该等级无法达到`,
        en: `no department can reach it: the highest total is ${highestTotal} (base points plus the bonus cap)`,
      },
    });
  }
  return issues;
}

function signalIssues(deductions: z.infer<typeof SignalDeductions>): ScoringModelIssue[] {
  // The signals escalate (Art. 18); a model that deducts less for a graver signal is a slip.
  const issues: ScoringModelIssue[] = [];
  if (deductions.warning < deductions.prompt) {
    issues.push({ path: ['signalDeductions', 'warning'], words: { zh: '警戒信号的扣分不应少于提示信号', en: 'a warning must not cost less than a prompt' } });
  }
  if (deductions.correction < deductions.warning) {
    issues.push({
      path: ['signalDeductions', 'correction'],
      words: { zh: '纠错信号的扣分不应少于警戒信号', en: 'a correction must not cost less than a warning' },
    });
  }
  return issues;
}

/**
 * Checks a proposed model and names every problem at once: each field by its schema, then the
 * rules across fields (weights add up to 100, one dimension per metric, grades best first without
 * overlap, the top grade reachable, escalating signal deductions, the periods in order) on every
 * part that is valid on its own.
 */
export function parseScoringModel(raw: unknown): ScoringModelParse {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: [], words: { zh: '应为评估模型对象', en: 'a scoring model object' } }] };
  }
  const body = raw as Record<string, unknown>;
  const parsed = ScoringModelFields.safeParse(body, { reportInput: true });
  const issues: ScoringModelIssue[] = parsed.success ? [] : issuesOf(parsed.error);

  const dimensions = validPart(Dimensions, body['dimensions']);
  if (dimensions) issues.push(...dimensionIssues(dimensions));
  const bands = validPart(Grades, body['grades']);
  const base = validPart(ScoringModelFields.shape.basePoints, body['basePoints']);
  const bonus = validPart(ScoringModelFields.shape.earlyCompletionBonus, body['earlyCompletionBonus']);
  const highestTotal = base !== undefined && bonus !== undefined ? Number(hundredthsOf(base) + hundredthsOf(bonus.cap)) / 100 : undefined;
  if (bands) issues.push(...gradeIssues(bands, highestTotal));
  const signals = validPart(SignalDeductions, body['signalDeductions']);
  if (signals) issues.push(...signalIssues(signals));
  const from = validPart(EvaluationPeriod, body['effectiveFrom']);
  const until = validPart(EvaluationPeriod, body['effectiveUntil']);
  if (from !== undefined && until !== undefined && until < from) {
    issues.push({ path: ['effectiveUntil'], words: { zh: `不能早于生效起始月份 ${from}`, en: `must not be before effectiveFrom (${from})` } });
  }

  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  const { effectiveUntil, ...rest } = parsed.data;
  return { ok: true, model: { ...rest, ...(effectiveUntil === undefined ? {} : { effectiveUntil }) } };
}
