/**
 * A published evaluation as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet
 * programs read the Chinese headers): one row per department, best first, with the period, the
 * version, the approval date, its ranks, total, grade and each part's points. The formula in words
 * and as data goes with the JSON form.
 */
import type { DepartmentScore, ScorePart } from '../domain/evaluation/score-department.ts';
import { metricWords } from '../domain/evaluation/describe-model.ts';
import { gradeWords } from '../domain/evaluation/scoring-model.ts';

export interface CsvEvaluation {
  readonly owner: string;
  readonly period: string;
  readonly version: number;
  /** Already rendered in Shanghai time. */
  readonly approvedAt: string;
  readonly corrects?: number;
  readonly results: readonly (DepartmentScore & { readonly cityRank: number; readonly jurisdictionRank: number })[];
}

const signalHeaders = { prompt: '提示信号扣分', warning: '警戒信号扣分', correction: '纠错信号扣分' } as const;

/** The column header of a part: the same for every department of one model. */
function partHeader(part: ScorePart): string {
  switch (part.kind) {
    case 'dimension':
      return `${metricWords[part.item as keyof typeof metricWords].zh}得分`;
    case 'signalDeduction':
      return signalHeaders[part.item as keyof typeof signalHeaders];
    case 'dataDeduction':
      return '迟报或不完整数据扣分';
    case 'earlyCompletionBonus':
      return '提前办结加分';
  }
}

/** A field quoted when it holds a comma, quote or line break; a leading formula character is defused (CSV injection). */
function field(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function publishedEvaluationCsv(evaluation: CsvEvaluation): string {
  const parts = evaluation.results[0]?.parts ?? [];
  const header = ['评估主体', '评估月份', '结果版本', '更正版本', '批准时间', '部门', '辖区', '全市排名', '辖区排名', '总分', '等级', ...parts.map(partHeader)];
  const rows = evaluation.results.map((result) => [
    evaluation.owner,
    evaluation.period,
    evaluation.version,
    evaluation.corrects ?? '',
    evaluation.approvedAt,
    result.department,
    result.jurisdiction,
    result.cityRank,
    result.jurisdictionRank,
    result.total.toFixed(2),
    gradeWords[result.grade].zh,
    ...result.parts.map((part) => part.points.toFixed(2)),
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
