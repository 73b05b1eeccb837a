/**
 * Wire contract of the accountability measure routes (问责措施, Art. 23, 24): strict bodies
 * (unknown fields refused), every string bounded, and the views answered. The OpenAPI document is
 * generated from these schemas.
 */
import * as z from 'zod';
import {
  isOverdue,
  measureLimits,
  measureNumberPattern,
  measureStatuses,
  measureTypes,
  referralOutcomes,
  sanctionKinds,
  type AccountabilityMeasure,
} from '../domain/accountability/accountability-measure.ts';
import { CalendarDate } from '../domain/calendar/calendar-overlay.ts';
import { DepartmentId } from '../domain/records/identifiers.ts';
import { InstantView } from './instant-view.ts';
import { AlertLinkSchema } from './supervision-contract.ts';

export const accountabilityLimits = { maxBodyBytes: 64 * 1024 } as const;

// Tabs and line breaks are text; other control characters are not.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '必填，不能为空 / required, not empty')
    .max(max, `至多 ${max} 个字符 / at most ${max} characters`)
    .refine((value) => !controlCharacters.test(value), '不得含控制字符 / no control characters');
const expectedVersion = z.number().int('应为整数 / an integer').min(1).max(1_000_000_000);

export const MeasureNumber = z
  .string()
  .regex(measureNumberPattern, '应为问责措施编号，如 WZ20261205K7M2Q9 / an accountability measure number such as WZ20261205K7M2Q9');
export const MeasurePath = z.strictObject({ measureNumber: MeasureNumber });
export const DepartmentMeasurePath = z.strictObject({ department: DepartmentId, measureNumber: MeasureNumber });

const Deadline = z.union([
  z.strictObject({
    workingDays: z
      .number()
      .int('应为整数 / an integer')
      .min(1, '至少 1 个工作日 / at least 1 working day')
      .max(measureLimits.maxWorkingDays, `至多 ${measureLimits.maxWorkingDays} 个工作日 / at most ${measureLimits.maxWorkingDays} working days`)
      .describe('自下达之日（不计）起的工作日数，按本市工作日历 / Working days after the day of issue (not counted), by the city calendar'),
  }),
  z.strictObject({ date: CalendarDate.describe('改正期限（北京时间日期） / The last day to correct (Shanghai date)') }),
]);

export const IssueMeasureBody = z.strictObject({
  department: DepartmentId,
  article24Item: z
    .number()
    .int()
    .min(1, '应为 1–6（第二十四条第一款各项） / 1–6, the items of Art. 24 ¶1')
    .max(6, '应为 1–6（第二十四条第一款各项） / 1–6, the items of Art. 24 ¶1')
    .describe('第二十四条第一款第几项 / The item of Art. 24 ¶1 the department failed'),
  facts: text(measureLimits.maxFactsLength).describe('查明的事实 / The facts found'),
  signals: z
    .array(AlertLinkSchema)
    .min(1, '至少引用一条预警 / cite at least one signal')
    .max(measureLimits.maxSignals, `至多 ${measureLimits.maxSignals} 条 / at most ${measureLimits.maxSignals}`)
    .describe('所依据的预警（含数据报送等发现），须为该部门的 / The signals (findings of reporting included) it is based on, of that department'),
  measure: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('correctionOrder'), deadline: Deadline, requirements: text(measureLimits.maxTextLength) }),
    z.strictObject({
      type: z.literal('circulatedCriticism'),
      circulatedText: text(measureLimits.maxTextLength),
      circulatedTo: text(measureLimits.maxBodyNameLength).describe('通报范围，如 全市各部门 / Where it is circulated'),
    }),
    z.strictObject({
      type: z.literal('accountabilityReferral'),
      referredTo: text(measureLimits.maxBodyNameLength).describe('移送机关，如 宁波市海曙区纪委监委 / The body it is referred to'),
    }),
  ]),
});

export const MeasureStepBody = z.discriminatedUnion('step', [
  z.strictObject({
    step: z.literal('reportCorrection'),
    expectedVersion,
    text: text(measureLimits.maxTextLength),
    /** References to the evidence (document numbers, file names), not the documents themselves. */
    evidence: z.array(text(measureLimits.maxEvidenceLength)).max(measureLimits.maxEvidence).default([]),
  }),
  z.strictObject({ step: z.literal('acceptCorrection'), expectedVersion, note: text(measureLimits.maxTextLength).optional() }),
  z.strictObject({ step: z.literal('rejectCorrection'), expectedVersion, reasons: text(measureLimits.maxTextLength) }),
  z.strictObject({ step: z.literal('recordCirculation'), expectedVersion, note: text(measureLimits.maxTextLength) }),
  z.strictObject({
    step: z.literal('recordDecision'),
    expectedVersion,
    decision: z.strictObject({
      outcome: z.enum(referralOutcomes).describe('sanctioned 给予处分 / otherHandling 其他处理 / notPursued 不予追究'),
      sanction: z.enum(sanctionKinds).optional().describe('处分种类（政务处分法第七条） / The sanction (Law on Administrative Discipline Art. 7)'),
      documentNumber: text(measureLimits.maxBodyNameLength).optional(),
      decidedOn: CalendarDate,
      text: text(measureLimits.maxTextLength),
    }),
  }),
]);

const cursor = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
  .optional();

export const ListMeasuresQuery = z.strictObject({
  department: DepartmentId.optional(),
  type: z.enum(measureTypes).optional(),
  status: z.enum(measureStatuses).optional(),
  overdue: z
    .enum(['true', 'false'], '应为 true 或 false / true or false')
    .transform((value) => value === 'true')
    .optional()
    .describe('true：仅逾期未改正的责令改正 / true: only the orders to correct past their deadline with no correction in hand'),
  /** Clamped to 1..100 rather than refused. */
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor,
});

/** A department's own listing: the department is the path's. */
export const ListDepartmentMeasuresQuery = ListMeasuresQuery.omit({ department: true });

const SignalView = z.object({
  department: z.string(),
  kind: z.string(),
  caseId: z.string(),
  ruleId: z.string(),
  level: z.string(),
  legalBasis: z.string(),
  summaryZh: z.string(),
  raisedAt: InstantView,
});

export const MeasureView = z.object({
  measureNumber: z.string(),
  type: z.enum(measureTypes).describe('correctionOrder 责令改正 / circulatedCriticism 通报批评 / accountabilityReferral 追究责任'),
  status: z
    .enum(measureStatuses)
    .describe(
      'issued 已下达 / correctionReported 已报告改正情况 / correctionRejected 改正未通过 / corrected 已改正 / circulated 已通报 / decided 已作出处理决定',
    ),
  overdue: z.boolean().describe('责令改正逾期未改正（未报告或被退回） / A correction order past its deadline without a correction in hand'),
  department: z.string(),
  departmentName: z.string(),
  jurisdiction: z.string(),
  issuer: z.object({ jurisdiction: z.string(), organ: z.string(), by: z.string() }),
  issuedAt: InstantView,
  article24Item: z.number().int(),
  legalBasis: z.string(),
  facts: z.string(),
  deadline: z.string().optional().describe('改正期限（北京时间日期） / The last day to correct'),
  requirements: z.string().optional(),
  circulatedText: z.string().optional(),
  circulatedTo: z.string().optional(),
  referredTo: z.string().optional(),
  decision: z
    .object({
      outcome: z.enum(referralOutcomes),
      sanction: z.enum(sanctionKinds).optional(),
      documentNumber: z.string().optional(),
      decidedOn: z.string(),
      text: z.string(),
    })
    .optional(),
  signals: z.array(SignalView),
  document: z.object({
    title: z.string(),
    reference: z.string(),
    addressee: z.string(),
    paragraphs: z.array(z.string()),
    organ: z.string(),
    issuedOn: z.string(),
  }),
  updatedAt: InstantView,
  version: z.number().int(),
  history: z.array(
    z.object({
      at: InstantView,
      change: z.enum(['issued', 'correctionReported', 'correctionAccepted', 'correctionRejected', 'circulationRecorded', 'decisionRecorded']),
      actor: z.string(),
      note: z.string().optional(),
      evidence: z.array(z.string()).optional(),
    }),
  ),
});

export const MeasurePageView = z.object({ items: z.array(MeasureView), nextCursor: z.string().optional() });

/** A measure as answered: the order's fields beside the rest, and whether it is overdue at `now`. */
export function measureView(measure: AccountabilityMeasure, now: Date): z.infer<typeof MeasureView> {
  const { order, document, ...rest } = measure;
  const { kind: _kind, ...documentFields } = document;
  return MeasureView.parse({
    ...rest,
    ...order,
    overdue: isOverdue(measure, now),
    document: { ...documentFields, paragraphs: [...documentFields.paragraphs] },
  });
}
