/**
 * A special report (专项报告, Art. 21 ¶2) on major or widespread problems: drafted by the system
 * from the patterns it found, edited by the supervisor, then issued. A draft changes only at the
 * version its editor read (optimistic); an issued report never changes.
 */
import * as z from 'zod';
import { Refusal } from '../refusal.ts';
import type { PatternFinding } from './detect-patterns.ts';
import type { PatternThresholds } from './pattern-thresholds.ts';

const text = (max: number) =>
  z.string({ error: '应为文本 / must be text' }).trim().min(1, '不能为空 / must not be empty').max(max, `至多 ${max} 个字符 / at most ${max} characters`);

/** What a supervisor reads and edits: the report's words. */
export const SpecialReportContent = z.strictObject({
  title: text(200),
  summary: text(5000),
  /** One section per finding (the supervisor may add, merge or drop). */
  sections: z.array(z.strictObject({ heading: text(200), body: text(10_000) })).max(200, '至多 200 节 / at most 200 sections'),
  /** Suggested measures, one a line. */
  measures: z.array(text(2000)).max(50, '至多 50 条 / at most 50 measures'),
});
export type SpecialReportContent = z.infer<typeof SpecialReportContent>;

export const specialReportStatuses = ['draft', 'issued'] as const;
export type SpecialReportStatus = (typeof specialReportStatuses)[number];

export interface SpecialReport {
  /** `city`, or the district whose report it is. */
  readonly owner: string;
  /** `YYYY-MM`, `YYYY-Qn` or `YYYY`. */
  readonly period: string;
  /** Numbered within the owner's period from 1. */
  readonly id: number;
  /** 1 when drafted; each edit and the issue add 1. */
  readonly version: number;
  readonly status: SpecialReportStatus;
  readonly thresholds: PatternThresholds;
  /** The previous periods the period was compared with, nearest first. */
  readonly comparedWith: readonly string[];
  /** The patterns found, as detected (kept as they were when edited). */
  readonly findings: readonly PatternFinding[];
  /** Findings beyond those kept (the least significant rises). */
  readonly omittedFindings: number;
  readonly content: SpecialReportContent;
  readonly draftedAt: string;
  /** `role:subject`. */
  readonly draftedBy: string;
  readonly editedAt?: string;
  readonly editedBy?: string;
  readonly issuedAt?: string;
  readonly issuedBy?: string;
}

/** An issued report is final: it is neither edited nor issued again. */
export class SpecialReportAlreadyIssued extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
  constructor(report: Pick<SpecialReport, 'owner' | 'period' | 'id' | 'issuedAt'>) {
    super(
      { zh: '专项报告已印发，不能再修改', en: 'The special report has been issued' },
      {
        zh: `${report.owner} ${report.period} 第 ${report.id} 号专项报告已于 ${report.issuedAt ?? ''} 印发；如需更正，请另行起草。`,
        en: `Special report ${report.id} of ${report.owner} for ${report.period} was issued at ${report.issuedAt ?? ''}; draft a new one to correct it.`,
      },
    );
  }
}

/** The report with new words, at the next version. */
export function editedReport(report: SpecialReport, content: SpecialReportContent, actor: string, at: string): SpecialReport {
  if (report.status === 'issued') throw new SpecialReportAlreadyIssued(report);
  return { ...report, content, version: report.version + 1, editedAt: at, editedBy: actor };
}

/** The report issued, at the next version: final from then on. */
export function issuedReport(report: SpecialReport, actor: string, at: string): SpecialReport {
  if (report.status === 'issued') throw new SpecialReportAlreadyIssued(report);
  return { ...report, status: 'issued', version: report.version + 1, issuedAt: at, issuedBy: actor };
}
