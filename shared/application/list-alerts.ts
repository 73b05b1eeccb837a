/**
 * List alerts for a staff member.
 * Primary course: pick the index for the caller's scope (or the department asked for, if the
 * caller may see it), read one page newest first with the level/status filters, and hand back an
 * opaque cursor bound to that scope. A department outside the caller's jurisdiction answers as
 * if it did not exist.
 */
import { alertPageLimits, type ListAlertsQuery } from '../api/console-contract.ts';
import { canSeeDepartment, defaultAlertListing } from '../access/jurisdiction-scope.ts';
import { actorIdOf, type Principal } from '../access/principal.ts';
import type { Alert } from '../domain/alerts/alert.ts';
import { departmentNotFound, DepartmentNotFound } from '../domain/access-refusals.ts';
import { CursorNotRecognised } from './store-refusals.ts';
import { decodeIndexCursor, encodeIndexCursor } from './index-cursor.ts';
import type { AlertPageQuery, AlertReader, AuditLog, ReferenceReader } from './ports.ts';

export interface ListAlertsDependencies {
  readonly alerts: AlertReader;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
}

export interface AlertListPage {
  readonly items: readonly Alert[];
  readonly nextCursor?: string;
}

const partitionAttribute: Record<AlertPageQuery['index'], string> = {
  department: 'alertDepartment',
  jurisdiction: 'alertJurisdiction',
  citywide: 'alertCitywide',
};

/** A cursor is only ever a key of the same index partition; anything else is the caller's error. */
function decodeCursor(cursor: string, index: AlertPageQuery['index'], partition: string): Record<string, string> {
  const attribute = partitionAttribute[index];
  const key = decodeIndexCursor(cursor, ['pk', 'sk', attribute, 'alertOrder'], attribute, partition);
  if (!key) throw new CursorNotRecognised({ zh: '不是本列表的分页游标', en: 'not a cursor of this listing' });
  return key;
}

export async function listAlerts(principal: Principal, query: ListAlertsQuery, deps: ListAlertsDependencies): Promise<AlertListPage> {
  const limit = Math.min(Math.max(query.limit ?? alertPageLimits.default, 1), alertPageLimits.max);
  let index: AlertPageQuery['index'];
  let partition: string;
  if (query.department !== undefined) {
    const profile = await deps.reference.department(query.department);
    if (!profile || !canSeeDepartment(principal, profile)) {
      if (profile)
        await deps.audit.append({
          action: 'alerts.list',
          outcome: 'denied',
          actor: actorIdOf(principal),
          target: `department:${query.department}`,
          reason: 'outside jurisdiction',
        });
      throw new DepartmentNotFound(departmentNotFound, undefined, [
        { pointer: '/query/department', detail: { zh: '您的辖区内没有该部门', en: 'no such department in your jurisdiction' } },
      ]);
    }
    index = 'department';
    partition = profile.department;
  } else {
    const listing = defaultAlertListing(principal);
    if (listing.index === 'none') return { items: [] };
    index = listing.index;
    partition = listing.partition;
  }
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, index, partition);
  const page = await deps.alerts.page({
    index,
    partition,
    limit,
    ...(query.level ? { level: query.level } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.official ? { official: query.official } : {}),
    ...(cursor ? { cursor } : {}),
  });
  return page.cursor ? { items: page.alerts, nextCursor: encodeIndexCursor(page.cursor) } : { items: page.alerts };
}
