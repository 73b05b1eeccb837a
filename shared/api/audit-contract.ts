/** Wire contract of the auditor's routes (`/v1/audit/...`); the OpenAPI document is generated from these schemas. */
import * as z from 'zod';
import { InstantView } from './instant-view.ts';

export const auditPageLimits = { default: 100, max: 500 } as const;

/** A UTC day, as entries are partitioned. */
const AuditDay = z
  .string()
  .regex(/^\d{4}-\d\d-\d\d$/, '应为 UTC 日期 YYYY-MM-DD / a UTC day YYYY-MM-DD')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), '应为实际存在的日期 / a real date');
const filter = z.string().trim().min(1).max(200);

/** `GET /v1/audit/entries`: one day's entries, filtered by actor, action (or its start, `complaint.`) and object. */
export const ListAuditEntriesQuery = z.strictObject({
  day: AuditDay,
  /** Who acted: `<role>:<subject>`, `department:<id>`, or a function's own name. */
  actor: filter.optional(),
  /** An action, or its start: `complaint.` lists every complaint action. */
  action: filter.optional(),
  /** What was acted on (an entry's `target`), e.g. `complaint:TS20260302K7M2Q9XA`. */
  object: filter.optional(),
  /** Clamped to 1..500 rather than refused. */
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
    .optional(),
});
export type ListAuditEntriesQuery = z.infer<typeof ListAuditEntriesQuery>;

export const AuditEntryView = z.object({
  /** The entry's key: its instant, a counter and a random id. */
  id: z.string(),
  at: InstantView,
  action: z.string(),
  outcome: z.string(),
  actor: z.string(),
  target: z.string().optional(),
  reason: z.string().optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditEntryPageResponse = z.object({ items: z.array(AuditEntryView), nextCursor: z.string().optional() });

/** `GET /v1/audit/verifications`: a day checked against its sealed digests. */
export const AuditVerificationQuery = z.strictObject({ day: AuditDay });

export const AuditFindingView = z.object({
  kind: z.enum(['entryMissing', 'entryAltered', 'entryInserted', 'digestMissing', 'digestBroken', 'chainBroken']),
  at: InstantView,
  /** The entry's key (entry findings). */
  entry: z.string().optional(),
  /** The digest's object key (digest and chain findings). */
  digest: z.string().optional(),
  span: z.object({ start: InstantView, end: InstantView }).optional(),
  reason: z.string().optional(),
  /** Entries the finding leaves unverified (missing and broken digests). */
  entries: z.number().optional(),
  /** What it means, Chinese first. */
  description: z.string(),
});

export const AuditVerificationResponse = z.object({
  day: z.string(),
  /** `intact`: every sealed entry as sealed; `broken`: see the findings; entries after `sealedUntil` await the next seal. */
  status: z.enum(['intact', 'broken']),
  entries: z.number(),
  digests: z.number(),
  sealedUntil: InstantView.optional(),
  unsealed: z.object({ beforeChain: z.number(), pending: z.number() }),
  findings: z.number(),
  firstFinding: AuditFindingView.optional(),
  /** The first findings in time order (at most 100). */
  listed: z.array(AuditFindingView),
  /** The KMS key whose signatures were checked. */
  signingKey: z.string(),
});
