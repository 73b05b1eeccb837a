import type { LocalDate } from './local-date.ts';

/**
 * Which days are working days (工作日). Periods in working days (Licensing Law Art. 82,
 * Measures Art. 19) are counted against such a calendar.
 */
export interface WorkingDayCalendar {
  /** True when `date` is a working day, including a weekend make-up working day (调休上班). */
  isWorkingDay(date: LocalDate): boolean;
  /**
   * True when the calendar knows the official holiday arrangement for `year`. Without one, the
   * calendar falls back to Monday–Friday, and deadlines computed across that year are provisional.
   */
  hasArrangement(year: number): boolean;
}
