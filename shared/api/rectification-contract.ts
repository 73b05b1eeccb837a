/**
 * Wire contract of the rectification suggestion routes (整改建议, Art. 21, 23); the OpenAPI
 * document is generated from these schemas.
 */
import * as z from 'zod';
import { alertLevels } from '../domain/alerts/alert.ts';
import { EvaluatedPeriod, evaluatedPeriodWords } from '../domain/evaluation/evaluated-period.ts';
import { DepartmentId } from '../domain/records/identifiers.ts';
import { rectificationLimits, rectificationStatuses } from '../domain/rectification/rectification-suggestion.ts';
import { InstantView } from './instant-view.ts';

export const rectificationPageLimits = { default: 20, max: 100 } as const;
/** A step's body: the longest text and its evidence references, with room. */
export const rectificationBodyLimits = { maxBodyBytes: 128 * 1024 } as const;

/**
 * A suggestion's identifier: `<department>.<period>`, e.g. `haishu-housing.2026-12` (a department
 * has no dot). Each part is checked on its own, so a refusal says which is wrong.
 */
export const SuggestionId = z
  .string()
  .max(100, '至多 100 个字符 / at most 100 characters')
  .transform((value, context) => {
    const dot = value.lastIndexOf('.');
    const department = dot < 0 ? value : value.slice(0, dot);
    const period = dot < 0 ? '' : value.slice(dot + 1);
    if (!DepartmentId.safeParse(department).success) {
      context.addIssue({
        code: 'custom',
        message:
          '部门部分应为部门编号（小写字母、数字和连字符），如 haishu-housing.2026-12 / the department part must be a department id, e.g. haishu-housing.2026-12',
      });
    }
    if (!EvaluatedPeriod.safeParse(period).success) {
      context.addIssue({ code: 'custom', message: `期间部分${evaluatedPeriodWords.zh} / the period part must be ${evaluatedPeriodWords.en}` });
    }
    return { department, period };
  })
  .meta({ description: '整改建议编号“部门.期间”，如 haishu-housing.2026-12 / The suggestion id `<department>.<period>`, e.g. haishu-housing.2026-12' });

export const RectificationPath = z.strictObject({ suggestion: SuggestionId });

const text = (max: number) => z.string().trim().min(1, '必填，不能为空 / required, not empty').max(max, `至多 ${max} 个字符 / at most ${max} characters`);
const expectedVersion = z.number().int().min(1);

/** A step on a suggestion; `expectedVersion` is the version the caller read (a draft has none: it makes version 1). */
export const RectificationStepBody = z.discriminatedUnion('step', [
  /** Drafts the suggestion its id names from the department's signals of the period. */
  z.strictObject({ step: z.literal('draft') }),
  z.strictObject({ step: z.literal('edit'), expectedVersion, text: text(rectificationLimits.maxTextLength) }),
  z.strictObject({ step: z.literal('send'), expectedVersion }),
  z.strictObject({
    step: z.literal('report'),
    expectedVersion,
    text: text(rectificationLimits.maxReportLength),
    /** References to the evidence (document numbers, file names), not the documents themselves. */
    evidence: z.array(text(rectificationLimits.maxEvidenceLength)).max(rectificationLimits.maxEvidence).default([]),
  }),
  z.strictObject({ step: z.literal('accept'), expectedVersion, note: text(rectificationLimits.maxReportLength).optional() }),
  z.strictObject({ step: z.literal('return'), expectedVersion, reasons: text(rectificationLimits.maxReportLength) }),
]);

export const ListRectificationsQuery = z.strictObject({
  department: DepartmentId.optional(),
  status: z.enum(rectificationStatuses).optional(),
  /** Clamped to 1..100 rather than refused. */
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
    .optional(),
});
export type ListRectificationsQuery = z.infer<typeof ListRectificationsQuery>;

const counts = z.object(Object.fromEntries(alertLevels.map((level) => [level, z.number().int()])) as Record<(typeof alertLevels)[number], z.ZodNumber>);

export const RectificationView = z.object({
  suggestion: z.string().describe('编号“部门.期间” / The id, `<department>.<period>`'),
  department: z.string(),
  jurisdiction: z.string(),
  period: z.string(),
  status: z.enum(rectificationStatuses).describe('drafted 草稿 / sent 已下发 / reported 已整改报告 / accepted 已验收 / returned 退回'),
  text: z.string().describe('整改建议正文（中文） / The suggestion as the department reads it, in Chinese'),
  draft: z.object({
    departmentName: z.string(),
    draftedAt: InstantView,
    signalCount: z.number().int(),
    complete: z
      .boolean()
      .describe('为 false 时，信号过多，仅归纳了最早的部分 / False: the period held more signals than a draft reads; the groups cover the earliest'),
    groups: z.array(
      z.object({
        ruleId: z.string(),
        legalBasis: z.string(),
        counts,
        total: z.number().int(),
        exampleCaseIds: z.array(z.string()),
        typicalFinding: z.string(),
        openOverdueCaseIds: z.array(z.string()),
        openOverdueCount: z.number().int(),
        suggestedAction: z.string(),
      }),
    ),
  }),
  draftedBy: z.string(),
  updatedAt: InstantView,
  version: z.number().int(),
  history: z.array(
    z.object({
      at: InstantView,
      change: z.enum(['drafted', 'edited', 'sent', 'reported', 'accepted', 'returned']),
      actor: z.string(),
      note: z.string().optional(),
      evidence: z.array(z.string()).optional(),
    }),
  ),
});

export const RectificationPageView = z.object({ items: z.array(RectificationView), nextCursor: z.string().optional() });
