/**
 * Staff read the holiday arrangements in force.
 * Primary course: list the years supervisors loaded, beside the years the package covers; or
 * read one loaded year (404 when none is loaded: the package's data, if any, applies).
 */
import { stateCouncilCalendar } from '../domain/calendar/state-council-calendar.ts';
import { Refusal } from '../domain/refusal.ts';
import type { CalendarStore, StoredYearArrangement } from './calendar-store.ts';

export interface CalendarYears {
  readonly items: readonly StoredYearArrangement[];
  readonly packagedYears: readonly number[];
}

/** Every loaded year, ascending, and the years the packaged State Council data covers. */
export async function listCalendarYears(store: Pick<CalendarStore, 'list'>): Promise<CalendarYears> {
  return { items: await store.list(), packagedYears: stateCouncilCalendar.arrangedYears };
}

/** No supervisor has loaded an arrangement for the year. */
export class CalendarYearNotLoaded extends Refusal {
  readonly kind = 'not-found';
  readonly slug = 'not-found';
}

/** One loaded year; {@link CalendarYearNotLoaded} when no supervisor has loaded it. */
export async function readCalendarYear(store: Pick<CalendarStore, 'get'>, year: number): Promise<StoredYearArrangement> {
  const stored = await store.get(year);
  if (!stored) {
    throw new CalendarYearNotLoaded(
      { zh: `尚未载入 ${year} 年的节假日安排`, en: `No arrangement loaded for ${year}` },
      { zh: '该年份适用系统内置的国务院节假日安排（如已涵盖）。', en: 'The packaged State Council data applies to this year, if it covers it.' },
    );
  }
  return stored;
}
