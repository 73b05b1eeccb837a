/**
 * A city supervisor loads a year's holiday arrangement, or corrects one.
 * Primary course: check the caller is a city supervisor, check the body names the path's year,
 * store it under the version the supervisor read (a stale one is refused with 409, never a lost
 * update), audit it. Processors pick the year up within a minute (`CalendarProvider`).
 */
import type { StaffPrincipal } from '../access/principal.ts';
import type { YearArrangement } from '../domain/calendar/calendar-overlay.ts';
import { RoleNotPermitted } from '../domain/access-refusals.ts';
import { BodyDisagreesWithPath, invalidRequest } from '../domain/refusal.ts';
import { VersionChanged } from './store-refusals.ts';
import type { CalendarStore, StoredYearArrangement } from './calendar-store.ts';
import type { AuditLog, Clock } from './ports.ts';

export interface ArrangeCalendarYearDependencies {
  readonly calendar: Pick<CalendarStore, 'put'>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export type ArrangeCalendarYearRequest = YearArrangement & { readonly expectedVersion: number };

export async function arrangeCalendarYear(
  principal: StaffPrincipal,
  year: number,
  request: ArrangeCalendarYearRequest,
  deps: ArrangeCalendarYearDependencies,
): Promise<StoredYearArrangement> {
  const actor = `${principal.role}:${principal.subject}`;
  const target = `calendar:${year}`;
  const action = 'calendar.arrange';
  // The calendar is citywide: only the city's supervisors set it (the route says so too).
  if (principal.role !== 'citySupervisor') {
    await deps.audit.append({ action, outcome: 'denied', actor, target, reason: 'not a city supervisor' });
    throw new RoleNotPermitted({ zh: '只有市级监督机构可以载入节假日安排', en: 'Only a city supervisor may load a holiday arrangement' });
  }
  if (request.year !== year) {
    throw new BodyDisagreesWithPath(invalidRequest, undefined, [
      { pointer: '/year', detail: { zh: `应为 ${year}，与路径中的年份一致`, en: `must be ${year}, the year of the path` } },
    ]);
  }
  const { expectedVersion, ...arrangement } = request;
  let stored: StoredYearArrangement;
  try {
    stored = await deps.calendar.put(arrangement, { expectedVersion, updatedAt: deps.clock().toISOString(), updatedBy: actor });
  } catch (error) {
    if (error instanceof VersionChanged) await deps.audit.append({ action, outcome: 'refused', actor, target, reason: 'stale version' });
    throw error;
  }
  await deps.audit.append({ action, outcome: 'allowed', actor, target, reason: `version ${stored.version}` });
  return stored;
}
