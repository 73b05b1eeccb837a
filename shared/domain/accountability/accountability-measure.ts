/**
 * Accountability measures (问责措施) a supervisor takes on what electronic supervision found
 * (《宁波市行政电子监察管理办法》第二十三条: 发现违纪违法行为，应当及时督促其整改，并依法追究责任;
 * 第二十四条: 视其情节轻重责令改正或通报批评；情节严重或造成严重后果的……依法追究责任):
 * - 责令改正 (`correctionOrder`): a deadline; the department reports its correction, the issuing
 *   organ accepts it (已改正) or rejects it with reasons, and the department reports again;
 * - 通报批评 (`circulatedCriticism`): the circulated text; its outcome is that it was circulated;
 * - 追究责任 (`accountabilityReferral`): referred to a named body; its outcome is the decision that
 *   body took (a sanction of the Law on Administrative Discipline of Public Officials Art. 7,
 *   other handling, or no accountability), recorded by the issuing organ.
 * Pure: each step yields the next version or is refused by name.
 */
import type { LocalDate } from '../calendar/local-date.ts';
import { shanghaiDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { formatChineseDate } from '../notices/complaint-notices.ts';
import type { WrittenNotice } from '../notices/written-notice.ts';
import { Refusal } from '../refusal.ts';
import { StepNotAllowed, StepNotYours, statusRefusalWords, type ProcedureSide, type ProcedureWords } from '../two-sided-procedure.ts';

export const measureTypes = ['correctionOrder', 'circulatedCriticism', 'accountabilityReferral'] as const;
export type MeasureType = (typeof measureTypes)[number];

export const measureTypeNames: Record<MeasureType, string> = {
  correctionOrder: '责令改正',
  circulatedCriticism: '通报批评',
  accountabilityReferral: '追究责任',
};

export const measureStatuses = ['issued', 'correctionReported', 'correctionRejected', 'corrected', 'circulated', 'decided'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export const measureStatusNames: Record<MeasureStatus, string> = {
  issued: '已下达',
  correctionReported: '已报告改正情况',
  correctionRejected: '改正未通过',
  corrected: '已改正',
  circulated: '已通报',
  decided: '已作出处理决定',
};

/** Statuses in which nothing more is awaited. */
export const finishedStatuses: readonly MeasureStatus[] = ['corrected', 'circulated', 'decided'];

/** The failings of Art. 24 ¶1 (一)–(六), by their item number. */
export const article24Items: Record<1 | 2 | 3 | 4 | 5 | 6, string> = {
  1: '不遵守国家、省、市行政电子监察系统建设的规划、建设、运行、安全制度',
  2: '不遵守国家、省、市电子监察系统数据采集标准的业务要求及技术规范',
  3: '推诿、拖延或拒绝将已明确要求纳入市行政电子监察系统的行政事项接入电子监察系统',
  4: '未及时上报行政电子监察信息或上报的信息不完整、不准确',
  5: '违反有关保密制度规定，擅自泄露涉及国家秘密、商业秘密、个人隐私的信息',
  6: '其他违反本办法的行为',
};
export type Article24Item = keyof typeof article24Items;

const chineseItemNumbers = ['一', '二', '三', '四', '五', '六'] as const;

/** The measure's legal basis as its document cites it. */
export function legalBasisOf(item: Article24Item): string {
  return `《宁波市行政电子监察管理办法》第二十三条、第二十四条第一款第（${chineseItemNumbers[item - 1]}）项`;
}

/** 处分 of the Law on Administrative Discipline of Public Officials (公职人员政务处分法) Art. 7. */
export const sanctionKinds = ['warning', 'demerit', 'majorDemerit', 'demotion', 'dismissalFromPost', 'expulsion'] as const;
export type SanctionKind = (typeof sanctionKinds)[number];
export const sanctionNames: Record<SanctionKind, string> = {
  warning: '警告',
  demerit: '记过',
  majorDemerit: '记大过',
  demotion: '降级',
  dismissalFromPost: '撤职',
  expulsion: '开除',
};

/** What the body a referral went to decided. */
export const referralOutcomes = ['sanctioned', 'otherHandling', 'notPursued'] as const;
export type ReferralOutcome = (typeof referralOutcomes)[number];
export const referralOutcomeNames: Record<ReferralOutcome, string> = {
  sanctioned: '给予处分',
  otherHandling: '其他处理（组织处理、诫勉等）',
  notPursued: '不予追究',
};

export const measureLimits = {
  maxSignals: 20,
  maxFactsLength: 5_000,
  maxTextLength: 5_000,
  maxEvidence: 20,
  maxEvidenceLength: 200,
  maxBodyNameLength: 100,
  /** A correction's deadline: at most this many working days, or calendar days ahead for a date. */
  maxWorkingDays: 120,
  maxDeadlineHorizonDays: 365,
} as const;

/** A signal a measure is based on: an alert's key. */
export interface SignalLink {
  readonly department: string;
  readonly kind: string;
  readonly caseId: string;
  readonly ruleId: string;
}

/** A cited signal as the measure keeps it: its key and what it said when the measure was issued. */
export interface CitedSignal extends SignalLink {
  readonly level: string;
  readonly legalBasis: string;
  readonly summaryZh: string;
  readonly raisedAt: string;
}

/** A correction's deadline as asked: a number of working days from the day of issue (not counted), or a date. */
export type DeadlineRequest = { readonly workingDays: number } | { readonly date: LocalDate };

export interface ReferralDecision {
  readonly outcome: ReferralOutcome;
  /** The sanction, when `outcome` is `sanctioned`. */
  readonly sanction?: SanctionKind;
  /** The decision's document number (文号), as the deciding body gave it. */
  readonly documentNumber?: string;
  readonly decidedOn: LocalDate;
  readonly text: string;
}

/** What the supervisor writes when issuing a measure, by type. */
export type MeasureOrder =
  | { readonly type: 'correctionOrder'; readonly deadline: LocalDate; readonly requirements: string }
  | { readonly type: 'circulatedCriticism'; readonly circulatedText: string; readonly circulatedTo: string }
  | { readonly type: 'accountabilityReferral'; readonly referredTo: string };

export type MeasureStep =
  | { readonly step: 'reportCorrection'; readonly text: string; readonly evidence: readonly string[] }
  | { readonly step: 'acceptCorrection'; readonly note?: string }
  | { readonly step: 'rejectCorrection'; readonly reasons: string }
  | { readonly step: 'recordCirculation'; readonly note: string }
  | { readonly step: 'recordDecision'; readonly decision: ReferralDecision };

export type MeasureSide = ProcedureSide;

export interface MeasureEntry {
  readonly at: string;
  readonly change: 'issued' | 'correctionReported' | 'correctionAccepted' | 'correctionRejected' | 'circulationRecorded' | 'decisionRecorded';
  /** `role:subject`. */
  readonly actor: string;
  readonly note?: string;
  readonly evidence?: readonly string[];
}

export interface AccountabilityMeasure {
  /** `WZ<yyyymmdd><6>`. */
  readonly measureNumber: string;
  readonly department: string;
  readonly departmentName: string;
  /** The department's jurisdiction when issued: whose supervisors see it. */
  readonly jurisdiction: string;
  /** The issuing organ's jurisdiction (the city, or the department's district) and name. */
  readonly issuer: { readonly jurisdiction: string; readonly organ: string; readonly by: string };
  readonly issuedAt: string;
  readonly order: MeasureOrder;
  readonly article24Item: Article24Item;
  readonly legalBasis: string;
  /** The facts found, in the supervisor's words. */
  readonly facts: string;
  readonly signals: readonly CitedSignal[];
  /** The written document as issued; never changes. */
  readonly document: WrittenNotice;
  readonly status: MeasureStatus;
  readonly decision?: ReferralDecision;
  readonly updatedAt: string;
  readonly history: readonly MeasureEntry[];
  readonly version: number;
}

const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A measure's number: `WZ` (问责), the Shanghai date of issue, six Crockford base32 characters drawn at random. */
export const measureNumberPattern = /^WZ\d{8}[0-9A-HJKMNP-TV-Z]{6}$/;

/** A new measure number for an issue at `at`; `randomBelow(n)` is a uniform integer in `0..n-1` (the application passes `crypto.randomInt`). */
export function measureNumber(at: string, randomBelow: (n: number) => number): string {
  let random = '';
  for (let i = 0; i < 6; i += 1) random += crockfordAlphabet[randomBelow(crockfordAlphabet.length)];
  return `WZ${shanghaiDate(at).replaceAll('-', '')}${random}`;
}

/** A correction's deadline outside what may be set. */
export class MeasureDeadlineRefused extends Refusal {
  readonly kind = 'invalid';
  readonly slug = 'invalid-request';
}

/** The deadline of a correction order: `workingDays` after the day of issue by the city's calendar, or the date given (not before tomorrow, within a year). */
export function correctionDeadline(request: DeadlineRequest, issuedOn: LocalDate, cal: WorkingDayCalendar): LocalDate {
  if ('workingDays' in request) return addWorkingDays(cal, issuedOn, request.workingDays);
  const latest = shanghaiDate(new Date(Date.parse(`${issuedOn}T00:00:00+08:00`) + measureLimits.maxDeadlineHorizonDays * 86_400_000));
  if (request.date <= issuedOn) {
    throw new MeasureDeadlineRefused({ zh: '改正期限应晚于下达之日', en: 'The deadline must be after the day of issue' }, undefined, [
      { pointer: '/measure/deadline/date', detail: { zh: `应晚于 ${issuedOn}（今日，北京时间）`, en: `must be after ${issuedOn} (today, Shanghai)` } },
    ]);
  }
  if (request.date > latest) {
    throw new MeasureDeadlineRefused({ zh: '改正期限过远', en: 'Deadline too far ahead' }, undefined, [
      { pointer: '/measure/deadline/date', detail: { zh: `应不晚于 ${latest}`, en: `must be ${latest} or earlier` } },
    ]);
  }
  return request.date;
}

/** Whether a correction order's deadline has passed at `now` with no accepted correction (a report in hand is not overdue). */
export function isOverdue(measure: AccountabilityMeasure, now: Date): boolean {
  if (measure.order.type !== 'correctionOrder') return false;
  if (measure.status !== 'issued' && measure.status !== 'correctionRejected') return false;
  return shanghaiDate(now) > measure.order.deadline;
}

const titles: Record<MeasureType, string> = {
  correctionOrder: '责令改正通知书',
  circulatedCriticism: '通报批评决定书',
  accountabilityReferral: '追究责任移送函',
};

/** What an issue takes, once the department, the signals, the organ, the number and the deadline are settled. */
export interface MeasureIssue {
  readonly measureNumber: string;
  readonly department: { readonly department: string; readonly name: string; readonly jurisdiction: string };
  readonly issuer: { readonly jurisdiction: string; readonly organ: string; readonly by: string };
  readonly at: string;
  readonly order: MeasureOrder;
  readonly article24Item: Article24Item;
  readonly facts: string;
  readonly signals: readonly CitedSignal[];
}

/** The document's paragraphs: the facts, the signals cited, the basis and what is ordered. */
function paragraphsOf(issue: MeasureIssue, legalBasis: string): string[] {
  const name = issue.department.name;
  const found = issue.signals.length === 0 ? '' : `经行政电子监察系统监察，${name}存在以下问题：`;
  const signalLines = issue.signals.map(
    (signal, i) => `${i + 1}. ${signal.summaryZh.replace(/[。.]$/u, '')}（案件 ${signal.caseId}，规则 ${signal.ruleId}，依据：${signal.legalBasis}）。`,
  );
  const failing = `上述行为属于《宁波市行政电子监察管理办法》第二十四条第一款第（${chineseItemNumbers[issue.article24Item - 1]}）项规定的“${article24Items[issue.article24Item]}”情形。`;
  const head = [...(found ? [found] : []), ...signalLines, issue.facts, failing];
  switch (issue.order.type) {
    case 'correctionOrder':
      return [
        ...head,
        `根据${legalBasis}的规定，现责令你单位于${formatChineseDate(issue.order.deadline)}前改正，并将改正情况书面报送本机关。`,
        issue.order.requirements,
      ];
    case 'circulatedCriticism':
      return [...head, `根据${legalBasis}的规定，决定对${name}予以通报批评，通报范围：${issue.order.circulatedTo}。`, issue.order.circulatedText];
    case 'accountabilityReferral':
      return [
        ...head,
        `上述行为情节严重或造成严重后果。根据${legalBasis}的规定，应对直接负责的主管人员和其他责任人员依法追究责任，现移送你机关依法处理，并请将处理结果书面反馈本机关。`,
      ];
  }
}

/** A new measure, version 1, issued, with its document. */
export function issueMeasure(issue: MeasureIssue): AccountabilityMeasure {
  const legalBasis = legalBasisOf(issue.article24Item);
  const document: WrittenNotice = {
    kind: 'accountabilityMeasure',
    title: titles[issue.order.type],
    reference: issue.measureNumber,
    addressee: issue.order.type === 'accountabilityReferral' ? issue.order.referredTo : issue.department.name,
    paragraphs: paragraphsOf(issue, legalBasis),
    organ: issue.issuer.organ,
    issuedOn: shanghaiDate(issue.at),
  };
  return {
    measureNumber: issue.measureNumber,
    department: issue.department.department,
    departmentName: issue.department.name,
    jurisdiction: issue.department.jurisdiction,
    issuer: issue.issuer,
    issuedAt: issue.at,
    order: issue.order,
    article24Item: issue.article24Item,
    legalBasis,
    facts: issue.facts,
    signals: issue.signals,
    document,
    status: 'issued',
    updatedAt: issue.at,
    history: [{ at: issue.at, change: 'issued', actor: issue.issuer.by }],
    version: 1,
  };
}

interface StepRule {
  readonly type: MeasureType;
  readonly side: MeasureSide;
  readonly from: readonly MeasureStatus[];
  readonly to: MeasureStatus;
  readonly change: MeasureEntry['change'];
  readonly name: string;
}

const rules: Record<MeasureStep['step'], StepRule> = {
  reportCorrection: {
    type: 'correctionOrder',
    side: 'department',
    from: ['issued', 'correctionRejected'],
    to: 'correctionReported',
    change: 'correctionReported',
    name: '报告改正情况',
  },
  acceptCorrection: {
    type: 'correctionOrder',
    side: 'supervisor',
    from: ['correctionReported'],
    to: 'corrected',
    change: 'correctionAccepted',
    name: '确认改正',
  },
  rejectCorrection: {
    type: 'correctionOrder',
    side: 'supervisor',
    from: ['correctionReported'],
    to: 'correctionRejected',
    change: 'correctionRejected',
    name: '退回改正情况',
  },
  recordCirculation: { type: 'circulatedCriticism', side: 'supervisor', from: ['issued'], to: 'circulated', change: 'circulationRecorded', name: '登记已通报' },
  recordDecision: { type: 'accountabilityReferral', side: 'supervisor', from: ['issued'], to: 'decided', change: 'decisionRecorded', name: '登记处理决定' },
};

const words: ProcedureWords<MeasureStatus> = {
  procedure: { zh: '问责措施', en: 'measure' },
  statusNames: measureStatusNames,
  sides: {
    supervisor: { zh: '发文的监察机关', en: 'the issuing supervisor' },
    department: { zh: '被问责部门', en: 'the department' },
  },
};

/** The step is the other side's (a department accepting, a supervisor reporting). */
export class MeasureStepNotYours extends StepNotYours {
  constructor(step: MeasureStep['step']) {
    super(step, rules[step], words);
  }
}

/** The step does not fit the measure's type or status. */
export class MeasureStepNotAllowed extends StepNotAllowed {
  constructor(step: MeasureStep['step'], measure: Pick<AccountabilityMeasure, 'order' | 'status'>) {
    const rule = rules[step];
    const type = measure.order.type;
    super(
      step,
      measure.status,
      rule.type === type
        ? statusRefusalWords(step, measure.status, rule, words)
        : {
            title: { zh: `${measureTypeNames[type]}不能${rule.name}`, en: `A ${type} takes no ${step}` },
            detail: { zh: `“${rule.name}”仅适用于${measureTypeNames[rule.type]}。`, en: `${step} applies to a ${rule.type} only.` },
          },
    );
  }
}

/** A decision's sanction is given exactly when the outcome is a sanction. */
export class DecisionSanctionMismatch extends Refusal {
  readonly kind = 'invalid';
  readonly slug = 'invalid-request';
}

function entryOf(step: MeasureStep, at: string, actor: string): MeasureEntry {
  const change = rules[step.step].change;
  switch (step.step) {
    case 'reportCorrection':
      return { at, change, actor, note: step.text, evidence: step.evidence };
    case 'rejectCorrection':
      return { at, change, actor, note: step.reasons };
    case 'acceptCorrection':
      return step.note ? { at, change, actor, note: step.note } : { at, change, actor };
    case 'recordCirculation':
      return { at, change, actor, note: step.note };
    case 'recordDecision': {
      const d = step.decision;
      const what =
        d.outcome === 'sanctioned' && d.sanction ? `${referralOutcomeNames[d.outcome]}（${sanctionNames[d.sanction]}）` : referralOutcomeNames[d.outcome];
      return { at, change, actor, note: `${what}：${d.text}` };
    }
  }
}

/** The measure after `step`, or the refusal naming why not. */
export function applyMeasureStep(
  measure: AccountabilityMeasure,
  step: MeasureStep,
  actor: { readonly side: MeasureSide; readonly id: string },
  at: string,
): AccountabilityMeasure {
  const rule = rules[step.step];
  if (rule.side !== actor.side) throw new MeasureStepNotYours(step.step);
  if (rule.type !== measure.order.type || !rule.from.includes(measure.status)) throw new MeasureStepNotAllowed(step.step, measure);
  if (step.step === 'recordDecision' && (step.decision.outcome === 'sanctioned') !== (step.decision.sanction !== undefined)) {
    throw new DecisionSanctionMismatch({ zh: '处分种类与处理结果不符', en: 'Sanction does not match the outcome' }, undefined, [
      {
        pointer: '/decision/sanction',
        detail: { zh: '给予处分时必须填写处分种类，其他结果不得填写', en: 'required when the outcome is sanctioned, not allowed otherwise' },
      },
    ]);
  }
  return {
    ...measure,
    status: rule.to,
    ...(step.step === 'recordDecision' ? { decision: step.decision } : {}),
    updatedAt: at,
    history: [...measure.history, entryOf(step, at, actor.id)],
    version: measure.version + 1,
  };
}
