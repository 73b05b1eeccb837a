/**
 * The periodic reports of an evaluated period (Art. 21 ¶1): one to the government, over the whole
 * scope the evaluation ranks (the city, or a district), and one to each department, with its own
 * figures only — its score, its ranks, and each deduction or bonus with what it came from.
 *
 * A report is drawn from a stored version of the evaluation, never recomputed: every figure is
 * read from the frozen results and inputs (or summed from them exactly), so the same version gives
 * the same report. Only the names of departments and jurisdictions come from the city structure
 * (the snapshot holds ids); a name not found is printed as its id.
 */
import type { Bilingual } from '../bilingual.ts';
import { inShanghaiOffset } from '../calendar/local-date.ts';
import { cityJurisdiction } from '../records/identifiers.ts';
import type { DepartmentPeriodMetrics } from './department-period-metrics.ts';
import { metricWords, type ModelDescription } from './describe-model.ts';
import type { PeriodEvaluation } from './evaluate-period.ts';
import { hundredthsOf, pointsOf, roundHalfUp } from './exact-points.ts';
import type { ScorePart, ScorePartKind } from './score-department.ts';
import { gradeWords, type Grade, type ScoringModelDefinition } from './scoring-model.ts';

export type ReportAudience = 'government' | 'department';

/** What a report is drawn from: one stored version of a period's evaluation, with its approval if any. */
export interface ReportSource {
  readonly evaluation: PeriodEvaluation;
  readonly version: number;
  readonly evaluatedAt: string;
  readonly approvedAt: string | null;
  readonly unmeasuredInputs: readonly string[];
}

/** Chinese names by id, from the city structure. */
export interface ReportNames {
  readonly departments: ReadonlyMap<string, string>;
  readonly jurisdictions: ReadonlyMap<string, string>;
}

/** One part of a department's total, with the figures it was computed from. */
export interface ReportPart {
  readonly kind: ScorePartKind;
  readonly item?: ScorePart['item'];
  readonly words: Bilingual;
  /** Points added (negative: deducted), as stored. */
  readonly points: number;
  /** What the points came from: the counts of the department's period and the model's figures. */
  readonly basis: Bilingual;
}

/** One department as a report shows it. */
export interface ReportDepartment {
  readonly department: string;
  readonly departmentName: string;
  readonly jurisdiction: string;
  readonly jurisdictionName: string;
  readonly total: number;
  readonly grade: Grade;
  /** Rank among every department the evaluation ranks. */
  readonly rank: number;
  /** Rank among the departments of its jurisdiction (the same as `rank` in a district's evaluation). */
  readonly jurisdictionRank: number;
  /** Departments of its jurisdiction in the evaluation. */
  readonly jurisdictionDepartments: number;
  /** The sum of the deductions (signals, late or incomplete data), as a negative number or 0. */
  readonly deducted: number;
  readonly signalsRaised: DepartmentPeriodMetrics['signalsRaised'];
  readonly concludedActs: number;
  readonly parts: readonly ReportPart[];
}

export interface GradeCount {
  readonly grade: Grade;
  readonly count: number;
}

/** The figures of a group of departments (the whole scope, or one jurisdiction of a city's evaluation). */
export interface GroupFigures {
  readonly departments: number;
  /** Mean of the totals, rounded half-up to 0.01 (0 with no department). */
  readonly averageTotal: number;
  readonly highestTotal: number;
  readonly lowestTotal: number;
  readonly gradeCounts: readonly GradeCount[];
  readonly signalsRaised: DepartmentPeriodMetrics['signalsRaised'];
  readonly concludedActs: number;
}

export interface JurisdictionFigures extends GroupFigures {
  readonly jurisdiction: string;
  readonly jurisdictionName: string;
}

export interface EvaluationReport {
  readonly audience: ReportAudience;
  readonly title: Bilingual;
  readonly owner: string;
  readonly ownerName: string;
  readonly period: string;
  readonly periodWords: Bilingual;
  readonly version: number;
  readonly modelVersion: number;
  readonly modelName: string;
  /** The model's base points: a department meeting every dimension in full scores them. */
  readonly basePoints: number;
  readonly evaluatedAt: string;
  readonly approvedAt: string | null;
  readonly inputsDigest: string;
  readonly formula: ModelDescription;
  readonly unmeasuredInputs: readonly string[];
  /** Departments the evaluation ranks (the denominator of every rank). */
  readonly rankedDepartments: number;
  /** The whole scope (government report only). */
  readonly summary: GroupFigures | null;
  /** Each jurisdiction of a city's evaluation, the city's own departments first (government report only; empty otherwise). */
  readonly jurisdictions: readonly JurisdictionFigures[];
  /** Best first (government report), or the one department (department report). */
  readonly departments: readonly ReportDepartment[];
}

/** A period as a reader says it: 2026年11月, 2026年第一季度, 2026年度. */
export function periodWordsOf(period: string): Bilingual {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return { zh: `${quarter[1]}年第${'一二三四'[Number(quarter[2]) - 1]}季度`, en: `Q${quarter[2]} ${quarter[1]}` };
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return { zh: `${month[1]}年${Number(month[2])}月`, en: period };
  return { zh: `${period}年度`, en: `the year ${period}` };
}

/** A share as a percentage with two decimals, rounded half-up (`12.50%`); exact, from the counts. */
export function percentOf(part: number, whole: number): string {
  const hundredths = roundHalfUp(BigInt(part) * 10_000n, BigInt(whole));
  return `${(Number(hundredths) / 100).toFixed(2)}%`;
}

const signalLevelWords = { prompt: '提示信号', warning: '警戒信号', correction: '纠错信号' } as const;
const signalLevelEnglish = { prompt: 'prompt signals', warning: 'warning signals', correction: 'correction signals' } as const;

/** The counts behind a dimension's share, in words; a share over nothing counts in full. */
function shareBasis(metric: DimensionMetric, m: DepartmentPeriodMetrics): Bilingual {
  const counted = (zhPart: string, enPart: string, part: number, whole: number, zhNothing: string, enNothing: string): Bilingual =>
    whole === 0
      ? { zh: `${zhNothing}，按 100% 计`, en: `${enNothing}: counts as 100%` }
      : { zh: `${zhPart} ${part} / ${whole}（${percentOf(part, whole)}）`, en: `${enPart} ${part} / ${whole} (${percentOf(part, whole)})` };
  switch (metric) {
    case 'legalLimitOnTimeRate':
      return counted('法定时限内办结', 'within the statutory limit', m.concludedWithinLegalLimit, m.concludedActs, '本期无办结件', 'no act concluded');
    case 'promisedLimitOnTimeRate':
      return counted('承诺时限内办结', 'within the promised limit', m.concludedWithinPromisedLimit, m.concludedActs, '本期无办结件', 'no act concluded');
    case 'speedUpRate': {
      const saved = Math.max(0, m.legalLimitWorkingDays - m.usedWorkingDays);
      return counted('节省法定工作日', 'statutory working days saved', saved, m.legalLimitWorkingDays, '本期无法定时限工作日', 'no statutory working day');
    }
    case 'earlyCompletionRate':
      return counted('提前办结', 'concluded early', m.concludedEarly, m.concludedActs, '本期无办结件', 'no act concluded');
    case 'signalCorrectionRate':
      return counted('按时纠正或说明的信号', 'signals corrected in time', m.signalsCorrected, m.signalsToCorrect, '本期无须纠正的信号', 'no signal to correct');
  }
}

type DimensionMetric = ScoringModelDefinition['dimensions'][number]['metric'];

/** A capped rate's counts and figures in words: `part / whole (p%) × r per point, at most c`. */
function cappedRateBasis(
  rate: ScoringModelDefinition['earlyCompletionBonus'],
  words: { zh: string; en: string; zhNothing: string; enNothing: string },
  part: number,
  whole: number,
): Bilingual {
  if (whole === 0) return { zh: `${words.zhNothing}，不计分`, en: `${words.enNothing}: no points` };
  return {
    zh: `${words.zh} ${part} / ${whole}（${percentOf(part, whole)}）× 每百分点 ${rate.pointsPerPercent} 分，上限 ${rate.cap} 分`,
    en: `${words.en} ${part} / ${whole} (${percentOf(part, whole)}) × ${rate.pointsPerPercent} per percentage point, at most ${rate.cap}`,
  };
}

/** What a stored part came from, from the model and the department's inputs of the same version. */
export function partBasis(model: ScoringModelDefinition, inputs: DepartmentPeriodMetrics, part: ScorePart): Bilingual {
  switch (part.kind) {
    case 'dimension': {
      const metric = part.item as DimensionMetric;
      const weight = model.dimensions.find((dimension) => dimension.metric === metric)?.weight ?? 0;
      const share = shareBasis(metric, inputs);
      return {
        zh: `基础分 ${model.basePoints} × 权重 ${weight}% × ${share.zh}`,
        en: `base points ${model.basePoints} × weight ${weight}% × ${share.en}`,
      };
    }
    case 'signalDeduction': {
      const level = part.item as keyof typeof signalLevelWords;
      const raised = inputs.signalsRaised[level];
      return {
        zh: `${signalLevelWords[level]} ${raised} 条 × 每条 ${model.signalDeductions[level]} 分`,
        en: `${raised} ${signalLevelEnglish[level]} × ${model.signalDeductions[level]} each`,
      };
    }
    case 'dataDeduction':
      return cappedRateBasis(
        model.lateOrIncompleteDataDeduction,
        { zh: '迟报或不完整的记录', en: 'records late or incomplete', zhNothing: '本期未报送记录', enNothing: 'no record reported' },
        inputs.recordsLateOrIncomplete,
        inputs.recordsReported,
      );
    case 'earlyCompletionBonus':
      return cappedRateBasis(
        model.earlyCompletionBonus,
        { zh: '提前办结', en: 'concluded early', zhNothing: '本期无办结件', enNothing: 'no act concluded' },
        inputs.concludedEarly,
        inputs.concludedActs,
      );
  }
}

/** The sum of points exactly, in hundredths, as published. */
const sumOf = (values: readonly number[]): number => pointsOf(values.reduce((sum, value) => sum + hundredthsOf(value), 0n));

function figuresOf(model: ScoringModelDefinition, rows: readonly ReportDepartment[]): GroupFigures {
  const totals = rows.map((row) => row.total);
  const sum = totals.reduce((total, value) => total + hundredthsOf(value), 0n);
  return {
    departments: rows.length,
    averageTotal: rows.length === 0 ? 0 : pointsOf(roundHalfUp(sum, BigInt(rows.length))),
    highestTotal: rows.length === 0 ? 0 : Math.max(...totals),
    lowestTotal: rows.length === 0 ? 0 : Math.min(...totals),
    gradeCounts: model.grades.map(({ grade }) => ({ grade, count: rows.filter((row) => row.grade === grade).length })),
    signalsRaised: {
      prompt: rows.reduce((sum, row) => sum + row.signalsRaised.prompt, 0),
      warning: rows.reduce((sum, row) => sum + row.signalsRaised.warning, 0),
      correction: rows.reduce((sum, row) => sum + row.signalsRaised.correction, 0),
    },
    concludedActs: rows.reduce((total, row) => total + row.concludedActs, 0),
  };
}

const nameOr = (names: ReadonlyMap<string, string>, id: string): string => names.get(id) ?? id;

/** Every department of the version, best first, with its parts' bases. */
function departmentRows(source: ReportSource, names: ReportNames): ReportDepartment[] {
  const { model, inputs, results } = source.evaluation;
  const perJurisdiction = new Map<string, number>();
  for (const result of results) perJurisdiction.set(result.jurisdiction, (perJurisdiction.get(result.jurisdiction) ?? 0) + 1);
  return results.map((result) => {
    const metrics = inputs.find((entry) => entry.department === result.department) as DepartmentPeriodMetrics;
    return {
      department: result.department,
      departmentName: nameOr(names.departments, result.department),
      jurisdiction: result.jurisdiction,
      jurisdictionName: nameOr(names.jurisdictions, result.jurisdiction),
      total: result.total,
      grade: result.grade,
      rank: result.cityRank,
      jurisdictionRank: result.jurisdictionRank,
      jurisdictionDepartments: perJurisdiction.get(result.jurisdiction) ?? 0,
      deducted: sumOf(result.parts.filter((part) => part.kind === 'signalDeduction' || part.kind === 'dataDeduction').map((part) => part.points)),
      signalsRaised: metrics.signalsRaised,
      concludedActs: metrics.concludedActs,
      parts: result.parts.map((part) => ({
        kind: part.kind,
        ...(part.item === undefined ? {} : { item: part.item }),
        words: part.words,
        points: part.points,
        basis: partBasis(model, metrics, part),
      })),
    };
  });
}

function heading(source: ReportSource, names: ReportNames, audience: ReportAudience, department?: ReportDepartment) {
  const { evaluation } = source;
  const ownerName = nameOr(names.jurisdictions, evaluation.owner);
  const periodWords = periodWordsOf(evaluation.period);
  const title: Bilingual =
    audience === 'government'
      ? { zh: `${ownerName}${periodWords.zh}效能评估报告`, en: `Efficiency evaluation report of ${ownerName}, ${periodWords.en}` }
      : {
          zh: `${department?.departmentName ?? ''}${periodWords.zh}效能评估结果通报`,
          en: `Efficiency evaluation of ${department?.departmentName ?? ''}, ${periodWords.en}`,
        };
  return {
    audience,
    title,
    owner: evaluation.owner,
    ownerName,
    period: evaluation.period,
    periodWords,
    version: source.version,
    modelVersion: evaluation.model.version,
    modelName: evaluation.model.name,
    basePoints: evaluation.model.basePoints,
    evaluatedAt: source.evaluatedAt,
    approvedAt: source.approvedAt,
    inputsDigest: evaluation.inputsDigest,
    formula: evaluation.formula,
    unmeasuredInputs: source.unmeasuredInputs,
    rankedDepartments: evaluation.results.length,
  };
}

/**
 * The report to the government: the whole scope's figures, each jurisdiction's (in a city's
 * evaluation), and every department ranked, best first, with its parts.
 */
export function governmentReport(source: ReportSource, names: ReportNames): EvaluationReport {
  const rows = departmentRows(source, names);
  const model = source.evaluation.model;
  const jurisdictionIds = [...new Set(rows.map((row) => row.jurisdiction))].sort((a, b) =>
    a === cityJurisdiction ? -1 : b === cityJurisdiction ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return {
    ...heading(source, names, 'government'),
    summary: figuresOf(model, rows),
    jurisdictions:
      source.evaluation.owner === cityJurisdiction
        ? jurisdictionIds.map((jurisdiction) => ({
            jurisdiction,
            jurisdictionName: nameOr(names.jurisdictions, jurisdiction),
            ...figuresOf(
              model,
              rows.filter((row) => row.jurisdiction === jurisdiction),
            ),
          }))
        : [],
    departments: rows,
  };
}

/** The report to one department: its own figures, ranks and parts only; undefined when the version did not evaluate it. */
export function departmentReport(source: ReportSource, names: ReportNames, department: string): EvaluationReport | undefined {
  const row = departmentRows(source, names).find((candidate) => candidate.department === department);
  if (row === undefined) return undefined;
  return { ...heading(source, names, 'department', row), summary: null, jurisdictions: [], departments: [row] };
}

/** The grade in Chinese, as every report prints it. */
export const gradeName = (grade: Grade): string => gradeWords[grade].zh;

const signalColumnWords = { prompt: '提示信号扣分', warning: '警戒信号扣分', correction: '纠错信号扣分' } as const;

/** The column label of a part in a report's tables: the same for every department of one version. */
export function partLabel(part: Pick<ScorePart, 'kind' | 'item'>): string {
  switch (part.kind) {
    case 'dimension':
      return `${metricWords[part.item as DimensionMetric].zh}得分`;
    case 'signalDeduction':
      return signalColumnWords[part.item as keyof typeof signalColumnWords];
    case 'dataDeduction':
      return '迟报或不完整数据扣分';
    case 'earlyCompletionBonus':
      return '提前办结加分';
  }
}

/** An instant as a reader of a report sees it: Shanghai time to the minute, `2026-12-02 10:15（北京时间）`. */
export const readableInstant = (instant: string): string => `${inShanghaiOffset(instant).slice(0, 16).replace('T', ' ')}（北京时间）`;

/** What a cell of a report's department table holds: text, a count, or points (printed with two decimals). */
export type ReportCell = { readonly text: string } | { readonly count: number } | { readonly points: number };

/** A column of the department table: its Chinese header and its cell for a department. */
export interface ReportColumn {
  readonly header: string;
  readonly cell: (row: ReportDepartment) => ReportCell;
}

/**
 * The department table every format of a report carries (CSV and Excel in full, the PDF in part):
 * identity, ranks, total, grade and deductions, then each part's points beside what they came
 * from. The parts are the same for every department of one version.
 */
export function reportColumns(report: EvaluationReport): ReportColumn[] {
  const text = (value: string): ReportCell => ({ text: value });
  const parts = report.departments[0]?.parts ?? [];
  return [
    { header: '评估主体', cell: () => text(report.ownerName) },
    { header: '评估期间', cell: () => text(report.periodWords.zh) },
    { header: '结果版本', cell: () => ({ count: report.version }) },
    { header: '批准时间', cell: () => text(report.approvedAt === null ? '未批准' : readableInstant(report.approvedAt)) },
    { header: '部门编号', cell: (row) => text(row.department) },
    { header: '部门', cell: (row) => text(row.departmentName) },
    { header: '辖区', cell: (row) => text(row.jurisdictionName) },
    { header: '排名', cell: (row) => ({ count: row.rank }) },
    { header: '参评部门数', cell: () => ({ count: report.rankedDepartments }) },
    { header: '辖区排名', cell: (row) => ({ count: row.jurisdictionRank }) },
    { header: '辖区参评部门数', cell: (row) => ({ count: row.jurisdictionDepartments }) },
    { header: '总分', cell: (row) => ({ points: row.total }) },
    { header: '等级', cell: (row) => text(gradeName(row.grade)) },
    { header: '扣分合计', cell: (row) => ({ points: row.deducted }) },
    ...parts.flatMap((part, index): ReportColumn[] => [
      { header: partLabel(part), cell: (row) => ({ points: row.parts[index]?.points ?? 0 }) },
      { header: `${partLabel(part)}依据`, cell: (row) => text(row.parts[index]?.basis.zh ?? '') },
    ]),
  ];
}
