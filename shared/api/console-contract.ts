/** Wire contract of the console routes; the OpenAPI document is generated from these schemas. */
import * as z from 'zod';
import { alertLevels, alertStatuses } from '../domain/alerts/alert.ts';
import { renderMessage, type AlertMessage } from '../domain/alerts/alert-messages.ts';
import type { Language } from '../http/language.ts';
import { CaseId, DepartmentId, StaffId } from '../domain/records/identifiers.ts';
import { InstantView } from './instant-view.ts';
/** A record kind: built-in (`licensing`, ...) or defined by configuration; unknown ones simply match nothing. */
const RecordKind = z.string().regex(/^[a-z][a-zA-Z0-9]{2,40}$/, '应为记录类别，如 licensing 或 penalty / a record kind such as licensing or penalty');

export const alertPageLimits = { default: 50, max: 100 } as const;

export const ListAlertsQuery = z.strictObject({
  department: DepartmentId.optional(),
  level: z.enum(alertLevels).optional(),
  status: z.enum(alertStatuses).optional(),
  kind: RecordKind.optional(),
  /** Only the signals naming this responsible official (经办人) by staff id. */
  official: StaffId.optional(),
  /** Clamped to 1..100 rather than refused: a page size is a wish, not a contract. */
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
    .optional(),
});
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;

/** A department's own alerts (its machine API): the department is the path's, which must be the caller's. */
export const ListDepartmentAlertsQuery = ListAlertsQuery.omit({ department: true });

export const CaseTimelinePath = z.strictObject({ department: DepartmentId, kind: RecordKind, caseId: CaseId });

export const AlertPath = CaseTimelinePath.extend({
  ruleId: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{1,100}$/, '应为规则标识，如 licensing.decision-time-limit / a rule identifier such as licensing.decision-time-limit'),
});

/** An alert's action route names the alert as its read route does. */
export const AlertActionPath = AlertPath;

const note = z.string().trim().min(1, '必填 / required').max(2000);
const expectedVersion = z.number().int().min(1);

/** Body of an action on an alert; `expectedVersion` is the version the caller read. */
export const AlertActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('acknowledge'), expectedVersion, note: note.optional() }),
  z.strictObject({
    action: z.literal('respond'),
    expectedVersion,
    response: z.enum(['corrected', 'explained']),
    note,
    evidence: z.array(z.string().min(1).max(200)).max(20).optional(),
  }),
  z.strictObject({ action: z.literal('dispute'), expectedVersion, note }),
  z.strictObject({ action: z.literal('ruleOnDispute'), expectedVersion, ruling: z.enum(['upheld', 'rejected']), note }),
  z.strictObject({ action: z.literal('close'), expectedVersion, note }),
]);

export const alertActionLimits = { maxBodyBytes: 16 * 1024 } as const;

export const AlertView = z.object({
  department: z.string(),
  jurisdiction: z.string(),
  caseId: z.string(),
  kind: z.string(),
  matterCode: z.string(),
  /** Staff id of the responsible official (经办人) the signal concerns, when the department named one: opaque, never the name. */
  officialStaffId: z.string().optional(),
  /**
   * The responsible official with their name (personal data), on a read of one alert naming one:
   * taken from the case's latest record naming that official, for readers of the case only.
   */
  official: z.object({ staffId: z.string(), name: z.string() }).optional(),
  ruleId: z.string(),
  ruleVersion: z.number(),
  /** The level shown: the finding's, or higher once the signal went unanswered too long. */
  level: z.enum(alertLevels),
  /** The level the rule's finding asserts (absent on alerts raised before escalation existed: then `level`). */
  findingLevel: z.enum(alertLevels).optional(),
  /** Set when time escalated the signal above its finding. */
  escalatedLevel: z.enum(alertLevels).optional(),
  /** When `level` last changed: escalation counts the unanswered period from here. */
  levelSince: InstantView.optional(),
  status: z.enum(alertStatuses),
  legalBasis: z.string(),
  summary: z.string(),
  /** The last millisecond of the day the department must answer by. */
  deadline: InstantView.optional(),
  raisedAt: InstantView,
  updatedAt: InstantView,
  resolvedAt: InstantView.optional(),
  /** A warning or correction signal: the first instant past the time set for correcting or explaining it (counted in the statistics of signals answered in time). */
  answerDueAt: InstantView.optional(),
  version: z.number(),
  history: z.array(
    z.object({
      at: InstantView,
      change: z.string(),
      level: z.enum(alertLevels),
      summary: z.string(),
      actor: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
});

/** A stored sentence and the message it came from (absent on alerts and entries stored before messages). */
interface Summarized {
  readonly summary: string;
  readonly message?: AlertMessage;
}

function summaryIn(entry: Summarized, language: Language): string {
  if (entry.message === undefined) return entry.summary;
  return renderMessage(entry.message, language === 'en' ? 'en' : 'zh') ?? entry.summary;
}

/**
 * An alert as its reader sees it: its summary and each history entry's rendered in `language`
 * from their messages; the stored (English) sentence where there is no message, or one this
 * version cannot render. The message itself stays out of the view.
 */
export function alertInLanguage<A extends Summarized & { readonly history: readonly Summarized[] }>(alert: A, language: Language): A {
  return { ...alert, summary: summaryIn(alert, language), history: alert.history.map((entry) => ({ ...entry, summary: summaryIn(entry, language) })) };
}

export const AlertPageResponse = z.object({ items: z.array(AlertView), nextCursor: z.string().optional() });

export const CaseTimelineResponse = z.object({
  case: z.object({
    department: z.string(),
    kind: z.string(),
    caseId: z.string(),
    jurisdiction: z.string(),
    matterCode: z.string(),
    stage: z.string(),
    nextCheckAt: InstantView.nullable(),
    deadlines: z.record(z.string(), z.unknown()),
  }),
  events: z.array(
    z.object({ sequence: z.number(), event: z.string(), occurredAt: InstantView, receivedAt: InstantView, record: z.record(z.string(), z.unknown()) }),
  ),
  alerts: z.array(AlertView),
});
