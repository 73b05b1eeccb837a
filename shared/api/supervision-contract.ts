/**
 * Wire contract of the supervision routes (督办, Art. 18 ¶2): strict bodies (unknown fields
 * refused), every string bounded, and the views answered. The OpenAPI document is generated from
 * these schemas.
 */
import * as z from 'zod';
import { alertLevels } from '../domain/alerts/alert.ts';
import { CalendarDate } from '../domain/calendar/calendar-overlay.ts';
import { CaseId, DepartmentId, JurisdictionId } from '../domain/records/identifiers.ts';
import type { SupervisionCase } from '../domain/supervision-cases/supervision-case.ts';
import { supervisionCaseNumberPattern, supervisionRequestNumberPattern } from '../domain/supervision-cases/supervision-numbers.ts';
import type { SupervisionRequest } from '../domain/supervision-cases/supervision-request.ts';
import { InstantView } from './instant-view.ts';
import type { TimelineStep } from '../domain/supervision-cases/supervision-timeline.ts';

export const supervisionLimits = {
  maxBodyBytes: 32 * 1024,
  subject: 200,
  text: 4000,
  reasons: 2000,
  maxEvidence: 20,
  evidenceTitle: 200,
  evidenceReference: 500,
} as const;

// Tabs and line breaks are text; other control characters are not.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '必填 / required')
    .max(max, `至多 ${max} 个字符 / at most ${max} characters`)
    .refine((value) => !controlCharacters.test(value), '不得含控制字符 / no control characters');

export const RequestNumber = z
  .string()
  .regex(supervisionRequestNumberPattern, '应为督办申请编号，如 DQ20261009K7M2Q9 / a supervision request number such as DQ20261009K7M2Q9');
export const CaseNumber = z
  .string()
  .regex(supervisionCaseNumberPattern, '应为督办件编号，如 DB20261009K7M2Q9 / a supervision case number such as DB20261009K7M2Q9');
const ReceiptNumber = z
  .string()
  .regex(/^TS\d{8}[0-9A-HJKMNP-TV-Z]{8}$/, '应为投诉受理编号，如 TS20261009K7M2Q9XA / a complaint receipt number such as TS20261009K7M2Q9XA');
const RecordKind = z.string().regex(/^[a-z][a-zA-Z0-9]{2,40}$/, '应为记录类别，如 licensing 或 penalty / a record kind such as licensing or penalty');
const RuleId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9.-]{1,100}$/, '应为规则标识，如 licensing.decision-time-limit / a rule identifier such as licensing.decision-time-limit');
const expectedVersion = z.number().int('应为整数 / an integer').min(1).max(1_000_000_000);
/** A Shanghai date; the use case refuses one in the past. */
const Deadline = CalendarDate;

export const AlertLinkSchema = z.strictObject({ department: DepartmentId, kind: RecordKind, caseId: CaseId, ruleId: RuleId });
const Links = z.strictObject({ alert: AlertLinkSchema.optional(), complaint: ReceiptNumber.optional() });

export const SupervisionRequestBody = z.strictObject({
  /** Optional: the liaison's own department (another one is refused with 403). */
  department: DepartmentId.optional(),
  subject: text(supervisionLimits.subject),
  matter: text(supervisionLimits.text),
  asks: text(supervisionLimits.text),
  links: Links.optional(),
});

export const SupervisionListQuery = z.strictObject({
  jurisdiction: JurisdictionId.optional(),
  /** Clamped to 1..100. */
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
    .optional(),
});

export const SupervisionCaseListQuery = SupervisionListQuery.extend({ state: z.enum(['active', 'closed']).optional() });

export const RequestNumberPath = z.strictObject({ requestNumber: RequestNumber });
export const CaseNumberPath = z.strictObject({ caseNumber: CaseNumber });

const caseFields = {
  responsibleDepartment: DepartmentId.optional(),
  subject: text(supervisionLimits.subject),
  instructions: text(supervisionLimits.text),
  deadline: Deadline,
  reasons: text(supervisionLimits.reasons).optional(),
};

export const SupervisionDecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('openCase'), expectedVersion, ...caseFields, subject: caseFields.subject.optional() }),
  z.strictObject({ decision: z.literal('decline'), expectedVersion, reasons: text(supervisionLimits.reasons) }),
]);

export const SupervisionCaseBody = z.discriminatedUnion('origin', [
  z.strictObject({ origin: z.literal('initiative'), ...caseFields }),
  z.strictObject({ origin: z.literal('alert'), alert: AlertLinkSchema, ...caseFields }),
  z.strictObject({ origin: z.literal('complaint'), complaint: ReceiptNumber, ...caseFields }),
]);

export const EvidenceSchema = z.strictObject({
  title: text(supervisionLimits.evidenceTitle),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制数字 / 64 hexadecimal digits')
    .transform((digest) => digest.toLowerCase()),
  reference: text(supervisionLimits.evidenceReference),
});

export const SupervisionProgressBody = z.discriminatedUnion('report', [
  z.strictObject({
    report: z.literal('progress'),
    expectedVersion,
    summary: text(supervisionLimits.text),
    evidence: z.array(EvidenceSchema).max(supervisionLimits.maxEvidence).optional(),
  }),
  z.strictObject({
    report: z.literal('completion'),
    expectedVersion,
    summary: text(supervisionLimits.text),
    evidence: z.array(EvidenceSchema).min(1, '办结报告须附证据 / a completion report requires evidence').max(supervisionLimits.maxEvidence),
  }),
]);

export const SupervisionExtensionBody = z.strictObject({ expectedVersion, deadline: Deadline, reasons: text(supervisionLimits.reasons) });

export const SupervisionClosureBody = z.discriminatedUnion('action', [
  /** Reasons are required when no completion report was made. */
  z.strictObject({ action: z.literal('close'), expectedVersion, reasons: text(supervisionLimits.reasons).optional() }),
  z.strictObject({ action: z.literal('sendBack'), expectedVersion, reasons: text(supervisionLimits.reasons) }),
]);

// ---- Views --------------------------------------------------------------------------------

const SignalView = z.object({
  rule: z.string(),
  level: z.enum(alertLevels),
  audience: z.union([
    z.object({ kind: z.literal('department'), department: z.string() }),
    z.object({ kind: z.literal('supervisor'), jurisdiction: z.string() }),
    z.object({ kind: z.literal('superior'), superior: z.enum(['city', 'cityGovernment']) }),
  ]),
  raisedAt: InstantView,
  /** A Shanghai date. */
  deadline: z.string(),
});
const PendingTimerView = z.object({ timer: z.string(), dueAt: InstantView });
const LinksView = z.object({
  alert: z.object({ department: z.string(), kind: z.string(), caseId: z.string(), ruleId: z.string() }).optional(),
  complaint: z.string().optional(),
});

export const SupervisionRequestView = z.object({
  requestNumber: z.string(),
  version: z.number(),
  status: z.enum(['pending', 'caseOpened', 'declined']),
  requester: z.string(),
  jurisdiction: z.string(),
  subject: z.string(),
  matter: z.string(),
  asks: z.string(),
  links: LinksView,
  filedAt: InstantView,
  filedBy: z.string(),
  decisionDue: z.object({ date: z.string(), at: InstantView, provisional: z.boolean() }),
  decision: z
    .object({ outcome: z.enum(['caseOpened', 'declined']), at: InstantView, by: z.string(), reasons: z.string().nullable(), caseNumber: z.string().nullable() })
    .nullable(),
  signals: z.array(SignalView),
  pendingTimers: z.array(PendingTimerView),
});

export const SupervisionCaseView = z.object({
  caseNumber: z.string(),
  version: z.number(),
  stage: z.enum(['open', 'completionReported', 'closed']),
  origin: z.object({ kind: z.enum(['request', 'initiative', 'alert', 'complaint']), requestNumber: z.string().optional(), requester: z.string().optional() }),
  links: LinksView,
  responsibleDepartment: z.string(),
  jurisdiction: z.string(),
  subject: z.string(),
  instructions: z.string(),
  deadline: z.object({ date: z.string(), at: InstantView }),
  originalDeadline: z.string(),
  extensions: z.number(),
  openedAt: InstantView,
  openedBy: z.string(),
  progressReports: z.number(),
  completionReportedAt: InstantView.nullable(),
  closure: z.object({ at: InstantView, by: z.string(), reasons: z.string().nullable(), afterCompletionReport: z.boolean() }).nullable(),
  /** Kept after an extension or closure: what a department's evaluation counts. */
  overdue: z.object({ overdueSince: InstantView, escalatedAt: InstantView.nullable() }).nullable(),
  signals: z.array(SignalView),
  pendingTimers: z.array(PendingTimerView),
});

export const TimelineStepView = z.object({
  sequence: z.number(),
  at: InstantView,
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  internal: z.boolean(),
});

export const SupervisionRequestPage = z.object({ items: z.array(SupervisionRequestView), nextCursor: z.string().optional() });
export const SupervisionCasePage = z.object({ items: z.array(SupervisionCaseView), nextCursor: z.string().optional() });
export const SupervisionCaseDetailView = z.object({ case: SupervisionCaseView, timeline: z.array(TimelineStepView) });
export const SupervisionDecisionView = z.object({ request: SupervisionRequestView, case: SupervisionCaseView.optional() });

const pendingTimers = (timers: SupervisionRequest['timers']) => timers.map(({ timer, dueAt }) => ({ timer, dueAt }));

export function supervisionRequestView(request: SupervisionRequest): z.infer<typeof SupervisionRequestView> {
  const { timers, stepCount: _steps, ...rest } = request;
  return SupervisionRequestView.parse({ ...rest, signals: [...rest.signals], pendingTimers: pendingTimers(timers) });
}

export function supervisionCaseView(c: SupervisionCase): z.infer<typeof SupervisionCaseView> {
  const { timers, stepCount: _steps, ...rest } = c;
  return SupervisionCaseView.parse({ ...rest, signals: [...rest.signals], pendingTimers: pendingTimers(timers) });
}

export const timelineStepView = (step: TimelineStep): z.infer<typeof TimelineStepView> => TimelineStepView.parse({ ...step, details: { ...step.details } });
