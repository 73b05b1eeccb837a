import { epochDayOf, weekdayOfEpochDay, type LocalDate } from './local-date.ts';

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

/** Monday to Friday: the rule for any day an arrangement does not name. */
export function isWeekday(date: LocalDate): boolean {
  const weekday = weekdayOfEpochDay(epochDayOf(date));
  return weekday >= 1 && weekday <= 5;
}

/** Entries a per-date memo keeps at most, so that hostile dates cannot grow it without limit. */
const memoLimit = 200_000;

/** `isWorkingDay` computed once per date and remembered (the memo is bounded). */
export function memoisedWorkingDay(compute: (date: LocalDate) => boolean): (date: LocalDate) => boolean {
  const memo = new Map<LocalDate, boolean>();
  return (date) => {
    const known = memo.get(date);
    if (known !== undefined) return known;
    const working = compute(date);
    if (memo.size >= memoLimit) memo.clear();
    memo.set(date, working);
    return working;
  };
}
