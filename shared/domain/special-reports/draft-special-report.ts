/**
 * The words of a special report's draft, in Chinese (the administration's language): a title, a
 * summary with the thresholds, one section per finding with its figures, and suggested measures.
 * The supervisor edits them before issuing; the findings stay beside them as data.
 */
import { cityJurisdiction } from '../records/identifiers.ts';
import type { StatisticsPeriod } from '../statistics/statistics-period.ts';
import type { PatternFinding, SharpRiseFinding, WidespreadFinding } from './detect-patterns.ts';
import { thresholdsInWords, type PatternThresholds } from './pattern-thresholds.ts';
import type { SpecialReportContent } from './special-report.ts';

export interface DraftInput {
  readonly owner: string;
  /** The owner's name (`宁波市`, `海曙区`). */
  readonly ownerName: string;
  readonly period: StatisticsPeriod;
  readonly thresholds: PatternThresholds;
  readonly findings: readonly PatternFinding[];
  /** Findings found but not kept in the report. */
  readonly omittedFindings: number;
  /** District names by id, for the districts a finding names. */
  readonly districtNames: Readonly<Record<string, string>>;
}

const quarterNames = ['一', '二', '三', '四'];
const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** `2026-11` → `2026年11月`, `2026-Q4` → `2026年第四季度`, `2026` → `2026年`. */
export function periodInWords(period: StatisticsPeriod): string {
  const year = period.text.slice(0, 4);
  if (period.granularity === 'month') return `${year}年${Number(period.text.slice(5))}月`;
  if (period.granularity === 'quarter') return `${year}年第${quarterNames[Number(period.text.slice(6)) - 1]}季度`;
  return `${year}年`;
}

/** 1 → 一, 12 → 十二, 40 → 四十, 99 → 九十九 (sections number up to 200: beyond 99, in figures). */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n] as string;
  if (n >= 100) return String(n);
  const [tens, units] = [Math.floor(n / 10), n % 10];
  return `${tens === 1 ? '' : digits[tens]}十${units === 0 ? '' : digits[units]}`;
}

const ruleWords = (ruleId: string, article: string | null): string => `规则 ${ruleId}${article === null ? '' : `（依据${article}）`}`;

const districtName = (input: DraftInput, jurisdiction: string): string => input.districtNames[jurisdiction] ?? jurisdiction;

function widespreadSection(input: DraftInput, f: WidespreadFinding, index: number): { heading: string; body: string } {
  const criteria = [
    f.met.departments ? `至少 ${input.thresholds.departments} 个部门` : null,
    f.met.districts ? `至少 ${input.thresholds.districts} 个区（县、市）` : null,
  ].filter((c) => c !== null);
  const districts =
    f.districts.length === 0
      ? ''
      : `，分布于 ${f.districts.length} 个区（县、市）：${f.districts.map((d) => `${districtName(input, d.jurisdiction)}（${d.departments} 个部门，${d.count} 条）`).join('、')}`;
  return {
    heading: `${chineseNumber(index)}、${f.ruleId} 在 ${f.departments.length} 个部门被违反`,
    body:
      `${periodInWords(input.period)}，${ruleWords(f.ruleId, f.article)}共产生监察信号 ${f.count} 条，涉及 ${f.departments.length} 个部门：` +
      `${f.departments.map((d) => `${d.name}（${d.count} 条）`).join('、')}${districts}。` +
      `达到“${criteria.join('或')}”的普遍性问题判定标准。`,
  };
}

const scopeWords = (input: DraftInput, f: SharpRiseFinding): string =>
  f.scope.level === 'owner' ? (input.owner === cityJurisdiction ? `全市（${input.ownerName}）` : input.ownerName) : f.scope.name;

function riseSection(input: DraftInput, f: SharpRiseFinding, index: number): { heading: string; body: string } {
  const what = f.ruleId === null ? '监察信号总数' : `${ruleWords(f.ruleId, f.article)}的监察信号`;
  const before = f.previous.every((p) => p.count === 0)
    ? `前 ${f.previous.length} 期均为 0 条，本期新出现`
    : `前 ${f.previous.length} 期分别为 ${f.previous.map((p) => `${p.period} ${p.count} 条`).join('、')}，平均 ${f.baseline} 条，本期上升 ${f.risePercent}%`;
  return {
    heading: `${chineseNumber(index)}、${scopeWords(input, f)}${f.ruleId === null ? '监察信号总数' : ` ${f.ruleId} 信号`}明显上升`,
    body:
      `${scopeWords(input, f)}${periodInWords(input.period)}${what}为 ${f.current} 条；${before}。` +
      `达到“比前 ${input.thresholds.previousPeriods} 期平均数高出至少 ${input.thresholds.risePercent}% 且不少于 ${input.thresholds.minimumCount} 条”的明显上升判定标准。`,
  };
}

function measures(input: DraftInput): string[] {
  const widespread = input.findings.filter((f): f is WidespreadFinding => f.kind === 'widespread');
  const rises = input.findings.filter((f): f is SharpRiseFinding => f.kind === 'sharpRise');
  if (widespread.length === 0 && rises.length === 0) return ['本期未发现达到判定标准的问题，继续做好日常电子监察，下一期再行分析。'];
  return [
    ...widespread.map(
      (f) =>
        `针对 ${f.ruleId} 在多个部门被违反的情况，建议组织${f.departments.map((d) => d.name).join('、')}对照${f.article ?? '相关规定'}开展专项自查，查明原因，限期整改并报送整改情况。`,
    ),
    ...(rises.length === 0
      ? []
      : [
          `对监察信号明显上升的${[...new Set(rises.map((f) => scopeWords(input, f)))].join('、')}，建议分析上升原因，提醒有关部门负责人；对情节严重的，依照本办法启动督办。`,
        ]),
    '建议将上述问题及整改情况纳入本期效能评估结果和绩效考核情况通报（《办法》第二十一条、第二十二条）。',
  ];
}

/** The draft's words for the findings; see the module comment. */
export function draftSpecialReport(input: DraftInput): SpecialReportContent {
  const widespread = input.findings.filter((f) => f.kind === 'widespread').length;
  const rises = input.findings.length - widespread;
  const when = periodInWords(input.period);
  const found =
    input.findings.length === 0
      ? `${when}，电子监察系统未在${input.ownerName}各部门的监察信号中发现达到判定标准的普遍性问题或明显上升。`
      : `${when}，电子监察系统在${input.ownerName}各部门的监察信号中发现普遍性问题 ${widespread} 项、明显上升 ${rises} 项${
          input.omittedFindings > 0 ? `（另有 ${input.omittedFindings} 项较小的上升未逐项列出）` : ''
        }，现报告如下。`;
  return {
    title: `关于${input.ownerName}${when}行政行为普遍性、突出性问题的专项报告`,
    summary: `${found}${thresholdsInWords(input.thresholds).zh}`,
    sections: input.findings.map((f, i) => (f.kind === 'widespread' ? widespreadSection(input, f, i + 1) : riseSection(input, f, i + 1))),
    measures: measures(input),
  };
}
