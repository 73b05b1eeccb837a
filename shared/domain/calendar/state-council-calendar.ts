/**
 * The working-day calendar of the State Council's annual holiday arrangements (国务院办公厅
 * 关于部分节假日安排的通知), from the data shipped in the `chinese-days` package.
 *
 * The package's own functions (`isWorkday`…) are not used: they read dates in the host's time
 * zone and give wrong answers on hosts west of UTC even for `YYYY-MM-DD` strings. Its data table
 * (days off and make-up working days, keyed by `YYYY-MM-DD`) is zone-free, so this module reads
 * that table and does the weekday arithmetic itself.
 */
import arrangementData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isWeekday, memoisedWorkingDay, type WorkingDayCalendar } from './working-day-calendar.ts';

interface HolidayArrangementTable {
  /** Days off, including weekend days inside a holiday: `date -> "name,名称,days"`. */
  readonly holidays: Readonly<Record<string, string>>;
  /** Weekend days that are working days (调休上班). */
  readonly workdays: Readonly<Record<string, string>>;
}

/** Builds a calendar from a holiday-arrangement table shaped like the `chinese-days` data. */
export function holidayArrangementCalendar(table: HolidayArrangementTable): WorkingDayCalendar & {
  /** Years the table holds an arrangement for, ascending. */
  readonly arrangedYears: readonly number[];
} {
  const daysOff = new Set(Object.keys(table.holidays));
  const makeUpWorkingDays = new Set(Object.keys(table.workdays));
  const arrangedYears = [...new Set([...daysOff, ...makeUpWorkingDays].map((date) => Number(date.slice(0, 4))))].sort((a, b) => a - b);
  const arranged = new Set(arrangedYears);
  return {
    arrangedYears,
    isWorkingDay: memoisedWorkingDay((date) => makeUpWorkingDays.has(date) || (!daysOff.has(date) && isWeekday(date))),
    hasArrangement(year: number): boolean {
      return arranged.has(year);
    },
  };
}

/**
 * The State Council calendar (Asia/Shanghai dates). Years without a published arrangement in the
 * package's data (2027 onwards for `chinese-days` 1.5.7) fall back to Monday–Friday and report
 * `hasArrangement(year) === false`.
 */
export const stateCouncilCalendar = holidayArrangementCalendar(arrangementData as HolidayArrangementTable);
