/**
 * The security administrator lists a day's security events, of every kind or of one.
 * Primary course: clamp the page size, read one page from the store, audit the read (who read
 * which day and kind), answer the page with the cursor of the next. The route admits the security
 * administrator only; the role is checked again here, so no other role can ever read the store.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { securityEventPageLimits, type ListSecurityEventsQuery, type SecurityEventPageResponse } from '../../api/security-contract.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { CursorNotRecognised } from '../store-refusals.ts';
import type { AuditLog } from '../ports.ts';
import { InvalidSecurityEventCursorError, type SecurityEventReader } from './security-event-reader.ts';

export interface ListSecurityEventsDependencies {
  readonly events: SecurityEventReader;
  readonly audit: AuditLog;
}

export async function listSecurityEvents(
  principal: StaffPrincipal,
  query: ListSecurityEventsQuery,
  deps: ListSecurityEventsDependencies,
): Promise<SecurityEventPageResponse> {
  const actor = `${principal.role}:${principal.subject}`;
  const target = `securityEvents:${query.day}${query.kind === undefined ? '' : `/${query.kind}`}`;
  if (principal.role !== 'securityAdministrator') {
    await deps.audit.append({ action: 'securityEvents.list', outcome: 'denied', actor, target, reason: 'not the security administrator' });
    throw new RoleNotPermitted(
      { zh: '该角色无权访问此接口', en: 'Role not allowed here' },
      { zh: `角色 ${principal.role} 无权查阅安全事件。`, en: `The role ${principal.role} may not read security events.` },
    );
  }
  const limit = Math.min(Math.max(query.limit ?? securityEventPageLimits.default, 1), securityEventPageLimits.max);
  let page;
  try {
    page = await deps.events.page({ day: query.day, limit, ...(query.kind ? { kind: query.kind } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
  } catch (error) {
    if (error instanceof InvalidSecurityEventCursorError) {
      throw new CursorNotRecognised({ zh: '不是该日期和类别的分页游标', en: 'not a cursor of this day and kind' });
    }
    throw error;
  }
  await deps.audit.append({ action: 'securityEvents.list', outcome: 'allowed', actor, target, reason: `${page.items.length} events` });
  return {
    day: query.day,
    ...(query.kind ? { kind: query.kind } : {}),
    items: page.items.map((event) => ({ ...event, detail: { ...event.detail } })),
    ...(page.next === undefined ? {} : { nextCursor: page.next }),
  };
}
