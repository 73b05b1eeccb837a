/**
 * Wire contract of the scoring model routes (效能评估模型, Art. 20-22, 25); the OpenAPI document is
 * generated from these schemas. A proposed model is checked by its domain schema in the use case,
 * which names every problem at once (the rules across fields included).
 */
import * as z from 'zod';
import { DepartmentPeriodMetricsSchema, evaluationMetrics } from '../domain/evaluation/department-period-metrics.ts';
import { EvaluatedPeriod } from '../domain/evaluation/evaluated-period.ts';
import { EvaluationPeriod } from '../domain/evaluation/evaluation-period.ts';
import { grades, ModelOwner, ScoringModelFields } from '../domain/evaluation/scoring-model.ts';
import { InstantView } from './instant-view.ts';

export const evaluationLimits = {
  maxBodyBytes: 256 * 1024,
  /** Departments a trial scores at once: a city's departments, with room. */
  maxTrialDepartments: 500,
} as const;

export const ScoringModelOwnerPath = z.strictObject({ owner: ModelOwner });

export const ScoringModelPath = ScoringModelOwnerPath.extend({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, '应为版本号（正整数） / a version number (a positive integer)')
    .transform(Number),
});

export const ListScoringModelsQuery = z.strictObject({
  owner: ModelOwner,
  /** The period whose version in force is named; the current month (Asia/Shanghai) when absent. */
  period: EvaluationPeriod.optional(),
});

/** The body of a new version: the model as data (its version number is the next one, given by the store). */
export const ScoringModelBody = ScoringModelFields.describe(
  '评估模型：权重为整数百分比，合计 100；等级由高到低，下限递减 / A scoring model: weights are whole percentages adding up to 100; grades best first with descending minimums',
);

export const TrialBody = z.strictObject({
  /** Sample metrics, one per department, in the form the statistics will deliver. */
  departments: z.array(DepartmentPeriodMetricsSchema).min(1).max(evaluationLimits.maxTrialDepartments),
});

const FormulaView = z
  .object({ zh: z.array(z.string()), en: z.array(z.string()) })
  .describe('公式的文字说明，逐句，中文在前 / The formula in words, sentence by sentence, Chinese first');

export const ScoringModelView = ScoringModelFields.extend({
  version: z.number().int(),
  recordedAt: InstantView,
  recordedBy: z.string(),
});

export const PublishedScoringModelView = z.object({ model: ScoringModelView, formula: FormulaView });

export const ScoringModelVersionsView = z.object({
  owner: z.string(),
  period: z.string(),
  inForceVersion: z.number().int().nullable(),
  versions: z.array(ScoringModelView),
});

const ScorePartView = z.object({
  kind: z.enum(['dimension', 'signalDeduction', 'dataDeduction', 'earlyCompletionBonus']),
  item: z.enum([...evaluationMetrics, 'prompt', 'warning', 'correction']).optional(),
  words: z.object({ zh: z.string(), en: z.string() }),
  points: z.number().describe('本项得分（扣分为负），两位小数 / Points of the part (negative: deducted), two decimals'),
});

export const ScoringTrialView = z.object({
  owner: z.string(),
  version: z.number().int(),
  formula: FormulaView,
  results: z.array(
    z.object({
      department: z.string(),
      jurisdiction: z.string(),
      period: z.string(),
      total: z.number().describe('总分，两位小数，为各项之和（最低 0） / Total, two decimals, the sum of the parts (at least 0)'),
      parts: z.array(ScorePartView),
      grade: z.enum(grades),
      cityRank: z.number().int(),
      jurisdictionRank: z.number().int(),
    }),
  ),
});

/** The body of a run: whose evaluation, and which complete month, quarter or year. Checked in the use case, which names every problem. */
export const RunEvaluationBody = z
  .strictObject({ owner: ModelOwner, period: EvaluatedPeriod })
  .describe(
    '评估：`city` 或区（县、市）的编号，及已结束的月份、季度或年份 / Whose evaluation (`city` or a district) and which complete month, quarter or year',
  );

export const EvaluationPeriodPath = z.strictObject({ owner: ModelOwner, period: EvaluatedPeriod });

export const EvaluationVersionPath = EvaluationPeriodPath.extend({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, '应为版本号（正整数） / a version number (a positive integer)')
    .transform(Number),
});

/** `?format=csv` (or `Accept: text/csv`): the results as CSV. */
export const PublishedEvaluationQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

const ApprovalView = z.object({ version: z.number().int(), approvedAt: InstantView, approvedBy: z.string() });

const RankedResultView = ScoringTrialView.shape.results.element;

const InputView = z
  .object({ ...DepartmentPeriodMetricsSchema.shape, period: EvaluatedPeriod })
  .describe('部门该期间的评估数据（来自统计） / A department’s metrics of the period, from the statistics');

const UnmeasuredInputsView = z.array(z.string()).describe('统计尚未计量、按 0 计入的输入项 / Inputs the statistics do not measure yet, given as zero');

export const EvaluationVersionView = z.object({
  owner: z.string(),
  period: z.string(),
  version: z.number().int(),
  newVersion: z
    .boolean()
    .optional()
    .describe('本次运行是否存储了新版本（否：数据未变，即为该版本） / Whether this run stored a new version (no: the inputs are unchanged and this is it)'),
  evaluatedAt: InstantView,
  evaluatedBy: z.string(),
  model: ScoringModelView,
  formula: FormulaView,
  inputsDigest: z.string().describe('模型与输入的 SHA-256：相同摘要，相同结果 / SHA-256 of model and inputs: the same digest, the same results'),
  inputs: z.array(InputView),
  unmeasuredInputs: UnmeasuredInputsView,
  results: z.array(RankedResultView),
  approval: ApprovalView.nullable(),
});

export const EvaluationVersionsView = z.object({
  owner: z.string(),
  period: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      inputsDigest: z.string(),
      modelVersion: z.number().int(),
      evaluatedAt: InstantView,
      evaluatedBy: z.string(),
      approval: ApprovalView.nullable(),
    }),
  ),
});

export const PublishedEvaluationView = z.object({
  owner: z.string(),
  period: z.string(),
  version: z.number().int(),
  approvedAt: InstantView,
  evaluatedAt: InstantView,
  formula: z.object({ words: FormulaView, data: ScoringModelView }).describe('公式：文字说明及模型数据 / The formula in words and as data'),
  inputsDigest: z.string(),
  inputs: z.array(InputView),
  unmeasuredInputs: UnmeasuredInputsView,
  results: z.array(RankedResultView),
  corrects: z.number().int().optional().describe('本版更正的前一公布版本 / The earlier published version this one corrects'),
  superseded: z
    .array(z.object({ version: z.number().int(), approvedAt: InstantView }))
    .describe('被更正的早先公布版本，由新到旧 / Earlier published versions, superseded, newest first'),
});
