/**
 * Wire contract of the evaluation reports (Art. 21 ¶1): which report and in which format, and the
 * report as JSON. The PDF, CSV and Excel forms carry the same figures (`shared/adapters/reports`).
 */
import * as z from 'zod';
import { evaluationMetrics } from '../domain/evaluation/department-period-metrics.ts';
import { grades } from '../domain/evaluation/scoring-model.ts';
import { DepartmentId } from '../domain/records/identifiers.ts';
import { InstantView } from './instant-view.ts';

/** The formats a report is drawn in. */
export const reportFormats = ['pdf', 'csv', 'xlsx', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The media types of the formats (PDF and Excel are binary: the API lists them as such). */
export const reportMediaTypes = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const satisfies Record<ReportFormat, string>;

export const EvaluationReportQuery = z.strictObject({
  format: z.enum(reportFormats, { error: `应为 ${reportFormats.join('、')} 之一 / one of ${reportFormats.join(', ')}` }),
  /** A department's report; absent: the report to the government (a liaison's is always its own department's). */
  department: DepartmentId.optional(),
});

const Words = z.object({ zh: z.string(), en: z.string() });
const SignalCounts = z.object({ prompt: z.number().int(), warning: z.number().int(), correction: z.number().int() });

const GroupFiguresView = z.object({
  departments: z.number().int(),
  averageTotal: z.number().describe('平均总分，四舍五入至 0.01 / Mean total, rounded half-up to 0.01'),
  highestTotal: z.number(),
  lowestTotal: z.number(),
  gradeCounts: z.array(z.object({ grade: z.enum(grades), count: z.number().int() })),
  signalsRaised: SignalCounts,
  concludedActs: z.number().int(),
});

const ReportDepartmentView = z.object({
  department: z.string(),
  departmentName: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  total: z.number(),
  grade: z.enum(grades),
  rank: z.number().int().describe('在本次评估全部部门中的名次 / Rank among every department of the evaluation'),
  jurisdictionRank: z.number().int().describe('在本辖区部门中的名次 / Rank among the departments of its jurisdiction'),
  jurisdictionDepartments: z.number().int(),
  deducted: z.number().describe('扣分合计（负数或 0） / The deductions in all (negative or 0)'),
  signalsRaised: SignalCounts,
  concludedActs: z.number().int(),
  parts: z.array(
    z.object({
      kind: z.enum(['dimension', 'signalDeduction', 'dataDeduction', 'earlyCompletionBonus']),
      item: z.enum([...evaluationMetrics, 'prompt', 'warning', 'correction']).optional(),
      words: Words,
      points: z.number(),
      basis: Words.describe('该项得分的计算依据 / What the points came from'),
    }),
  ),
});

export const EvaluationReportView = z.object({
  audience: z
    .enum(['government', 'department'])
    .describe('报政府（全辖区）或报部门（仅本部门） / To the government (the whole scope) or to a department (its own figures)'),
  title: Words,
  owner: z.string(),
  ownerName: z.string(),
  period: z.string(),
  periodWords: Words,
  version: z.number().int(),
  modelVersion: z.number().int(),
  modelName: z.string(),
  basePoints: z.number(),
  evaluatedAt: InstantView,
  approvedAt: InstantView.nullable(),
  inputsDigest: z.string(),
  formula: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
  unmeasuredInputs: z.array(z.string()),
  rankedDepartments: z.number().int(),
  summary: GroupFiguresView.nullable(),
  jurisdictions: z.array(GroupFiguresView.extend({ jurisdiction: z.string(), jurisdictionName: z.string() })),
  departments: z.array(ReportDepartmentView),
});
