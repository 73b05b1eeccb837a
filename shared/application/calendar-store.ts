/**
 * Port: the years of holiday arrangements supervisors have loaded. Implemented by
 * `DynamoDbCalendarStore` (reference table, items `pk=CALENDAR, sk=YEAR#<yyyy>`).
 */
import type { YearArrangement } from '../domain/calendar/calendar-overlay.ts';

/** A loaded year with its optimistic-concurrency version and who loaded it. */
export interface StoredYearArrangement extends YearArrangement {
  /** 1 for the first load, then +1 on each replacement. */
  readonly version: number;
  readonly updatedAt: string;
  /** `role:subject` of the supervisor; never a name. */
  readonly updatedBy: string;
}

/** Who stores a year, when, and the version they read (0: the year is new). */
export interface YearArrangementChange {
  readonly expectedVersion: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface CalendarStore {
  /** Every loaded year, ascending. */
  list(): Promise<StoredYearArrangement[]>;
  get(year: number): Promise<StoredYearArrangement | undefined>;
  /** Stores the year if its version is still `expectedVersion`; else throws `CalendarVersionChanged`. */
  put(arrangement: YearArrangement, change: YearArrangementChange): Promise<StoredYearArrangement>;
}
