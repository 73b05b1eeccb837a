/**
 * A rectification suggestion (整改建议, Art. 21, 23) and what people do with it: a supervisor edits
 * the drafted text and sends it (已下发, from then on its text never changes); the department
 * reports its rectification with evidence (已整改报告); the supervisor accepts it (已验收) or
 * returns it with reasons (退回), and the department reports again. Pure: each step yields the
 * next version or is refused by name.
 */
import { StepNotAllowed, StepNotYours, statusRefusalWords, type ProcedureSide, type ProcedureWords } from '../two-sided-procedure.ts';
import type { RectificationDraft } from './draft-rectification.ts';

export const rectificationStatuses = ['drafted', 'sent', 'reported', 'accepted', 'returned'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];

/** How the console names each status. */
export const rectificationStatusNames: Record<RectificationStatus, string> = {
  drafted: '草稿',
  sent: '已下发',
  reported: '已整改报告',
  accepted: '已验收',
  returned: '退回',
};

export const rectificationLimits = {
  /** The suggestion's text: a few pages. */
  maxTextLength: 20_000,
  /** A report's text and a return's reasons. */
  maxReportLength: 5_000,
  maxEvidence: 20,
  maxEvidenceLength: 200,
} as const;

export type RectificationStep =
  | { readonly step: 'edit'; readonly text: string }
  | { readonly step: 'send' }
  | { readonly step: 'report'; readonly text: string; readonly evidence: readonly string[] }
  | { readonly step: 'accept'; readonly note?: string }
  | { readonly step: 'return'; readonly reasons: string };

export type RectificationSide = ProcedureSide;

export interface RectificationEntry {
  readonly at: string;
  readonly change: 'drafted' | 'edited' | 'sent' | 'reported' | 'accepted' | 'returned';
  /** `role:subject`. */
  readonly actor: string;
  /** A report's text, the reasons of a return, an acceptance's note. */
  readonly note?: string;
  readonly evidence?: readonly string[];
}

export interface RectificationSuggestion {
  readonly department: string;
  /** The department's jurisdiction when drafted: whose supervisors keep it. */
  readonly jurisdiction: string;
  readonly period: string;
  readonly status: RectificationStatus;
  /** The text the department reads once sent. */
  readonly text: string;
  /** What the system drafted from the period's signals (never edited). */
  readonly draft: Omit<RectificationDraft, 'text'>;
  readonly draftedBy: string;
  readonly updatedAt: string;
  readonly history: readonly RectificationEntry[];
  /** Incremented on every change; optimistic concurrency. */
  readonly version: number;
}

/** The suggestion's identifier: its department and period, `haishu-housing.2026-12`. */
export const suggestionId = (department: string, period: string): string => `${department}.${period}`;

interface StepRule {
  readonly side: RectificationSide;
  readonly from: readonly RectificationStatus[];
  readonly to: RectificationStatus;
  readonly change: RectificationEntry['change'];
  readonly name: string;
}

const rules: Record<RectificationStep['step'], StepRule> = {
  edit: { side: 'supervisor', from: ['drafted'], to: 'drafted', change: 'edited', name: '修改' },
  send: { side: 'supervisor', from: ['drafted'], to: 'sent', change: 'sent', name: '下发' },
  report: { side: 'department', from: ['sent', 'returned'], to: 'reported', change: 'reported', name: '报告整改情况' },
  accept: { side: 'supervisor', from: ['reported'], to: 'accepted', change: 'accepted', name: '验收' },
  return: { side: 'supervisor', from: ['reported'], to: 'returned', change: 'returned', name: '退回' },
};

const words: ProcedureWords<RectificationStatus> = {
  procedure: { zh: '整改建议', en: 'suggestion' },
  statusNames: rectificationStatusNames,
  sides: {
    supervisor: { zh: '监察机关', en: 'the supervisor' },
    department: { zh: '被建议部门', en: 'the department' },
  },
};

/** The step is the other side's to take (a department sending, a supervisor reporting). */
export class RectificationStepNotYours extends StepNotYours {
  constructor(step: RectificationStep['step']) {
    super(step, rules[step], words);
  }
}

/** The step is not possible in the suggestion's status (editing once sent, accepting before a report). */
export class RectificationStepNotAllowed extends StepNotAllowed {
  constructor(step: RectificationStep['step'], status: RectificationStatus) {
    const said = statusRefusalWords(step, status, rules[step], words);
    super(
      step,
      status,
      status === 'drafted'
        ? said
        : {
            title: said.title,
            detail: { zh: `${said.detail.zh}已下发的整改建议内容不可更改。`, en: `${said.detail.en} A suggestion sent never changes its text.` },
          },
    );
  }
}

function entryOf(step: RectificationStep, at: string, actor: string): RectificationEntry {
  const change = rules[step.step].change;
  switch (step.step) {
    case 'report':
      return { at, change, actor, note: step.text, evidence: step.evidence };
    case 'return':
      return { at, change, actor, note: step.reasons };
    case 'accept':
      return step.note ? { at, change, actor, note: step.note } : { at, change, actor };
    default:
      return { at, change, actor };
  }
}

/** The suggestion after `step`, or the refusal naming why not. */
export function applyRectificationStep(
  suggestion: RectificationSuggestion,
  step: RectificationStep,
  actor: { readonly side: RectificationSide; readonly id: string },
  at: string,
): RectificationSuggestion {
  const rule = rules[step.step];
  if (rule.side !== actor.side) throw new RectificationStepNotYours(step.step);
  if (!rule.from.includes(suggestion.status)) throw new RectificationStepNotAllowed(step.step, suggestion.status);
  return {
    ...suggestion,
    status: rule.to,
    ...(step.step === 'edit' ? { text: step.text } : {}),
    updatedAt: at,
    history: [...suggestion.history, entryOf(step, at, actor.id)],
    version: suggestion.version + 1,
  };
}

/** A new suggestion from a draft: version 1, status drafted, its text the drafted one. */
export function newSuggestion(draft: RectificationDraft, jurisdiction: string, draftedBy: string): RectificationSuggestion {
  const { text, ...drafted } = draft;
  return {
    department: draft.department,
    jurisdiction,
    period: draft.period,
    status: 'drafted',
    text,
    draft: drafted,
    draftedBy,
    updatedAt: draft.draftedAt,
    history: [{ at: draft.draftedAt, change: 'drafted', actor: draftedBy }],
    version: 1,
  };
}
