/** The wire contract of the security administrator's view (`GET /v1/security-events`). */
import * as z from 'zod';
import { securityEventKinds } from '../application/security-events.ts';
import { InstantView } from './instant-view.ts';

/** Page sizes of the listing: asked-for sizes are clamped to `max`. */
export const securityEventPageLimits = { default: 50, max: 200 } as const;

export const ListSecurityEventsQuery = z.strictObject({
  /** A calendar day in Asia/Shanghai. */
  day: z.iso.date('a calendar day, yyyy-mm-dd (Asia/Shanghai)'),
  kind: z.enum(securityEventKinds, `one of ${securityEventKinds.join(', ')}`).optional(),
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
    .optional(),
});
export type ListSecurityEventsQuery = z.infer<typeof ListSecurityEventsQuery>;

export const SecurityEventView = z.object({
  id: z.string(),
  kind: z.enum(securityEventKinds),
  at: InstantView,
  source: z.string(),
  subject: z.string().optional(),
  detail: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const SecurityEventPageResponse = z.object({
  day: z.string(),
  kind: z.enum(securityEventKinds).optional(),
  items: z.array(SecurityEventView),
  nextCursor: z.string().optional(),
});
export type SecurityEventPageResponse = z.infer<typeof SecurityEventPageResponse>;
