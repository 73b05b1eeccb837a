/**
 * Drafting a rectification suggestion (整改建议, Art. 21, 23): a department's signals of a period,
 * grouped by the rule they found broken, each group with its article, its count by level, a few
 * example cases, the cases still open past their limit, and a suggested action in Chinese chosen
 * by the group's highest level. Withdrawn and held signals do not count. Pure: the same signals and instant give the same draft, word for word.
 */
import { alertLevelRank, activeAlertStatuses, type AlertLevel, type AlertStatus } from '../alerts/alert.ts';
import { endOfShanghaiDay, startOfShanghaiDay } from '../calendar/local-date.ts';

/** One signal of the period as drafting reads it (no personal data: case ids and the rule's own words). */
export interface PeriodSignal {
  readonly caseId: string;
  readonly kind: string;
  readonly ruleId: string;
  readonly level: AlertLevel;
  readonly status: AlertStatus;
  /** The article the rule cites, e.g. `《行政许可法》第四十二条`. */
  readonly legalBasis: string;
  /** What the finding says, in Chinese. */
  readonly summaryZh: string;
  readonly deadline?: string;
  readonly raisedAt: string;
}

/** Signals of one rule in the period. */
export interface RuleGroup {
  readonly ruleId: string;
  readonly legalBasis: string;
  readonly counts: Readonly<Record<AlertLevel, number>>;
  readonly total: number;
  /** The earliest raised cases, at most {@link draftLimits.examples}. */
  readonly exampleCaseIds: readonly string[];
  /** What the earliest signal said: the rule's own words for a typical case. */
  readonly typicalFinding: string;
  /** Cases whose signal is still active and past its limit at drafting, earliest limit first, at most {@link draftLimits.openOverdue}. */
  readonly openOverdueCaseIds: readonly string[];
  /** How many such cases there are (the list above may be cut). */
  readonly openOverdueCount: number;
  /** The suggested action, in Chinese. */
  readonly suggestedAction: string;
}

export interface RectificationDraft {
  readonly department: string;
  readonly departmentName: string;
  /** `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
  readonly period: string;
  readonly draftedAt: string;
  readonly signalCount: number;
  /** False when the period held more signals than a draft reads: the groups cover the earliest ones. */
  readonly complete: boolean;
  /** Most serious first: by correction, warning, prompt counts, then rule id. */
  readonly groups: readonly RuleGroup[];
  /** The suggestion's text as drafted, for the supervisor to edit. */
  readonly text: string;
}

export const draftLimits = { examples: 5, openOverdue: 20 } as const;

const levelNames: Record<AlertLevel, string> = { prompt: '提示', warning: '警戒', correction: '纠错' };

/** The action a group's highest level calls for (a template per level; the rule's own words come from the signals). */
const actionByLevel: Record<AlertLevel, string> = {
  correction: '请对上述纠错事项逐件依法纠正，查明原因，依规追究相关人员责任，并书面报告整改结果。',
  warning: '请对上述警戒事项逐件核查处理，完善办理流程和时限管理，防止问题升级为纠错。',
  prompt: '请关注上述提示事项，加强时限提醒和过程管理，确保在期限内依法办结。',
};

const highestLevel = (counts: Readonly<Record<AlertLevel, number>>): AlertLevel =>
  counts.correction > 0 ? 'correction' : counts.warning > 0 ? 'warning' : 'prompt';

const chineseOrdinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 一 … 十, then the number itself. */
const ordinal = (index: number): string => chineseOrdinals[index] ?? String(index + 1);

/** The period as a Chinese reader names it: 2026年12月, 2026年第四季度, 2026年度. */
export function periodInChinese(period: string): string {
  const [year, part] = period.split('-');
  if (part === undefined) return `${year}年度`;
  if (part.startsWith('Q')) return `${year}年第${ordinal(Number(part.slice(1)) - 1)}季度`;
  return `${year}年${Number(part)}月`;
}

const byRaised = (a: PeriodSignal, b: PeriodSignal): number => a.raisedAt.localeCompare(b.raisedAt) || a.caseId.localeCompare(b.caseId);

/** Active and past its limit at `at`: the department still owes an answer it should have given. */
const isOpenOverdue = (signal: PeriodSignal, at: string): boolean =>
  activeAlertStatuses.includes(signal.status) && signal.deadline !== undefined && Date.parse(signal.deadline) < Date.parse(at);

function groupOf(ruleId: string, signals: readonly PeriodSignal[], at: string): RuleGroup {
  const ordered = [...signals].sort(byRaised);
  const counts: Record<AlertLevel, number> = { prompt: 0, warning: 0, correction: 0 };
  for (const signal of ordered) counts[signal.level] += 1;
  const overdue = ordered
    .filter((signal) => isOpenOverdue(signal, at))
    .sort((a, b) => (a.deadline as string).localeCompare(b.deadline as string) || a.caseId.localeCompare(b.caseId));
  const first = ordered[0] as PeriodSignal;
  const overdueWords =
    overdue.length === 0
      ? ''
      : `其中 ${overdue.length} 件至今未处理完毕且已超过期限（${overdue
          .slice(0, draftLimits.openOverdue)
          .map((signal) => signal.caseId)
          .join('、')}${overdue.length > draftLimits.openOverdue ? '等' : ''}），请立即办理。`;
  return {
    ruleId,
    legalBasis: first.legalBasis,
    counts,
    total: ordered.length,
    exampleCaseIds: ordered.slice(0, draftLimits.examples).map((signal) => signal.caseId),
    typicalFinding: first.summaryZh,
    openOverdueCaseIds: overdue.slice(0, draftLimits.openOverdue).map((signal) => signal.caseId),
    openOverdueCount: overdue.length,
    suggestedAction: `${actionByLevel[highestLevel(counts)]}${overdueWords}`,
  };
}

const moreSerious = (a: RuleGroup, b: RuleGroup): number =>
  b.counts.correction - a.counts.correction || b.counts.warning - a.counts.warning || b.counts.prompt - a.counts.prompt || a.ruleId.localeCompare(b.ruleId);

function countsInWords(counts: Readonly<Record<AlertLevel, number>>): string {
  const levels = (Object.keys(levelNames) as AlertLevel[]).sort((a, b) => alertLevelRank[b] - alertLevelRank[a]);
  return levels
    .filter((level) => counts[level] > 0)
    .map((level) => `${levelNames[level]} ${counts[level]} 件`)
    .join('、');
}

function paragraphOf(group: RuleGroup, index: number): string {
  return (
    `${ordinal(index)}、${group.ruleId}（依据：${group.legalBasis}）。本期共 ${group.total} 件，其中${countsInWords(group.counts)}，` +
    `如案件 ${group.exampleCaseIds.join('、')}${group.total > group.exampleCaseIds.length ? ' 等' : ''}。典型情形：${group.typicalFinding}\n${group.suggestedAction}`
  );
}

/** The whole text: a salutation, one paragraph per rule, a closing with what the department must report. */
export function draftText(draft: Omit<RectificationDraft, 'text'>): string {
  const period = periodInChinese(draft.period);
  if (draft.groups.length === 0) {
    return `${draft.departmentName}：\n${period}，电子监察系统未向你单位发出预警信号。请继续保持依法、按时办理行政事项。`;
  }
  const partial = draft.complete ? '' : '（本期信号较多，以下按最早发出的信号归纳）';
  return [
    `${draft.departmentName}：`,
    `根据《宁波市行政电子监察管理办法》第二十一条、第二十三条，经对${period}电子监察信号的分析，你单位共收到预警信号 ${draft.signalCount} 件${partial}，涉及 ${draft.groups.length} 项规则。现提出以下整改建议：`,
    ...draft.groups.map(paragraphOf),
    '请于收到本建议后认真整改，并在整改完成后通过电子监察系统报告整改情况，附相关证明材料。',
  ].join('\n');
}

/** Drafts the suggestion of a department's period from its signals (see the module comment). */
export function draftRectification(input: {
  readonly department: string;
  readonly departmentName: string;
  readonly period: string;
  readonly signals: readonly PeriodSignal[];
  readonly complete: boolean;
  readonly at: string;
}): RectificationDraft {
  // A withdrawn signal was shown wrong by later data; a held one never reached the department.
  const counted = input.signals.filter((signal) => signal.status !== 'withdrawn' && signal.status !== 'held');
  const byRule = new Map<string, PeriodSignal[]>();
  for (const signal of counted) byRule.set(signal.ruleId, [...(byRule.get(signal.ruleId) ?? []), signal]);
  const groups = [...byRule].map(([ruleId, signals]) => groupOf(ruleId, signals, input.at)).sort(moreSerious);
  const draft = {
    department: input.department,
    departmentName: input.departmentName,
    period: input.period,
    draftedAt: input.at,
    signalCount: counted.length,
    complete: input.complete,
    groups,
  };
  return { ...draft, text: draftText(draft) };
}

/**
 * The instants a period's signals were raised between, both included: from 00:00 of its first day
 * to 23:59:59.999 of its last day, Shanghai time (a signal at 23:30 on the last day is the period's).
 */
export function raisedWithin(months: readonly string[]): { readonly from: string; readonly until: string } {
  const first = months[0] as string;
  const last = months.at(-1) as string;
  const [year, month] = last.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: startOfShanghaiDay(`${first}-01`).toISOString(), until: endOfShanghaiDay(`${last}-${String(lastDay).padStart(2, '0')}`).toISOString() };
}
