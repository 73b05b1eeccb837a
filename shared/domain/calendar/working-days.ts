/**
 * Counting periods in working days. "The day an event happens is not counted" and a period ends
 * on a working day, so `addWorkingDays(from, n)` is the n-th working day after `from`.
 *
 * Each calendar gets, lazily and once per year, a prefix table of working-day counts; sums and
 * searches over long spans then cost a table lookup or a binary search instead of a day loop.
 */
import { epochDayOf, localDateOfEpochDay, yearOfEpochDay, type LocalDate } from './local-date.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

interface YearTable {
  /** Epoch day of 1 January. */
  readonly firstDay: number;
  /** `prefix[i]` = working days among the year's days `0..i` (inclusive). */
  readonly prefix: Uint16Array;
  readonly total: number;
}

/** Guards searches against a calendar with no working days at all (they would never end). */
const maxYearsSearched = 1000;

const tablesByCalendar = new WeakMap<WorkingDayCalendar, Map<number, YearTable>>();

function yearTable(cal: WorkingDayCalendar, year: number): YearTable {
  let tables = tablesByCalendar.get(cal);
  if (tables === undefined) {
    tables = new Map();
    tablesByCalendar.set(cal, tables);
  }
  const cached = tables.get(year);
  if (cached !== undefined) return cached;
  const firstDay = epochDayOf(`${String(year).padStart(4, '0')}-01-01`);
  const length = epochDayOf(`${String(year + 1).padStart(4, '0')}-01-01`) - firstDay;
  const prefix = new Uint16Array(length);
  let count = 0;
  for (let i = 0; i < length; i++) {
    if (cal.isWorkingDay(localDateOfEpochDay(firstDay + i))) count++;
    prefix[i] = count;
  }
  const table: YearTable = { firstDay, prefix, total: count };
  tables.set(year, table);
  return table;
}

/** Working days among days 0..index of the table's year. */
function prefixAt(table: YearTable, index: number): number {
  return table.prefix[index] ?? table.total;
}

/** Smallest index in the year with `prefix[index] >= target` (requires 1 <= target <= total). */
function firstIndexReaching(table: YearTable, target: number): number {
  let low = 0;
  let high = table.prefix.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (prefixAt(table, mid) >= target) high = mid;
    else low = mid + 1;
  }
  return low;
}

function requireCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/**
 * Epoch-day forms of the functions below, for hot paths that already hold epoch days (see
 * `epochDayOf`): the same rules without parsing and formatting dates.
 */
export const workingDayArithmetic = {
  /** Working days d with `from < d <= to` (0 when `to <= from`). */
  countAfter(cal: WorkingDayCalendar, from: number, to: number): number {
    if (to <= from) return 0;
    const fromYear = yearOfEpochDay(from);
    const toYear = yearOfEpochDay(to);
    const fromTable = yearTable(cal, fromYear);
    const toTable = fromYear === toYear ? fromTable : yearTable(cal, toYear);
    if (fromYear === toYear) return prefixAt(toTable, to - toTable.firstDay) - prefixAt(fromTable, from - fromTable.firstDay);
    let count = fromTable.total - prefixAt(fromTable, from - fromTable.firstDay);
    for (let year = fromYear + 1; year < toYear; year++) count += yearTable(cal, year).total;
    return count + prefixAt(toTable, to - toTable.firstDay);
  },

  /** The n-th working day after `from` (`from` not counted); `from` itself for n = 0. */
  add(cal: WorkingDayCalendar, from: number, n: number): number {
    requireCount(n, 'n');
    if (n === 0) return from;
    let year = yearOfEpochDay(from);
    let table = yearTable(cal, year);
    let target = prefixAt(table, from - table.firstDay) + n;
    let searched = 0;
    while (target > table.total) {
      target -= table.total;
      year++;
      if (++searched > maxYearsSearched) throw new RangeError(`no ${n} working days within ${maxYearsSearched} years`);
      table = yearTable(cal, year);
    }
    return table.firstDay + firstIndexReaching(table, target);
  },

  /** The earliest day d with `countAfter(cal, d, until) <= n`. */
  firstWithin(cal: WorkingDayCalendar, until: number, n: number): number {
    requireCount(n, 'n');
    let year = yearOfEpochDay(until);
    let table = yearTable(cal, year);
    // Working days counted from the start of `year`: find the first day whose count reaches it.
    let target = prefixAt(table, until - table.firstDay) - n;
    let searched = 0;
    while (target <= 0) {
      year--;
      if (++searched > maxYearsSearched) throw new RangeError(`no working day within ${maxYearsSearched} years`);
      table = yearTable(cal, year);
      target += table.total;
    }
    return table.firstDay + firstIndexReaching(table, target);
  },

  /** True when some year from the one of `from` to the one of `to` has no arrangement. */
  isProvisional(cal: WorkingDayCalendar, from: number, to: number): boolean {
    const first = yearOfEpochDay(Math.min(from, to));
    const last = yearOfEpochDay(Math.max(from, to));
    for (let year = first; year <= last; year++) if (!cal.hasArrangement(year)) return true;
    return false;
  },

  /** The deadline ending on `day`, for a period counted from `countedFrom`. */
  deadline(cal: WorkingDayCalendar, countedFrom: number, day: number): WorkingDayDeadline {
    const date = localDateOfEpochDay(day);
    // 23:59:59.999 in Shanghai is 15:59:59.999 UTC on the same calendar date.
    return { date, at: `${date}T15:59:59.999Z`, provisional: workingDayArithmetic.isProvisional(cal, countedFrom, day) };
  },
};

/**
 * The date of the n-th working day after `from` (`from` itself is not counted); `n = 0` returns
 * `from`. Make-up working days count, holidays do not.
 */
export function addWorkingDays(cal: WorkingDayCalendar, from: LocalDate, n: number): LocalDate {
  return localDateOfEpochDay(workingDayArithmetic.add(cal, epochDayOf(from), n));
}

/** The number of working days d with `from < d <= to` (0 when `to <= from`). */
export function workingDaysAfter(cal: WorkingDayCalendar, from: LocalDate, to: LocalDate): number {
  return workingDayArithmetic.countAfter(cal, epochDayOf(from), epochDayOf(to));
}

/**
 * The earliest date d such that at most `n` working days remain after it up to `until`
 * (`workingDaysAfter(cal, d, until) <= n`). With `until` a working day, that is the n-th
 * working day before `until` (`until` itself for n = 0): the first day a "n working days or
 * fewer remain" condition holds.
 */
export function firstDateWithinWorkingDaysOf(cal: WorkingDayCalendar, until: LocalDate, n: number): LocalDate {
  return localDateOfEpochDay(workingDayArithmetic.firstWithin(cal, epochDayOf(until), n));
}

/**
 * True when a computation spanning `dates` crossed a year for which the calendar has no official
 * arrangement: its result may move once the State Council publishes that year's arrangement.
 */
export function isProvisional(cal: WorkingDayCalendar, ...dates: readonly LocalDate[]): boolean {
  if (dates.length === 0) return false;
  const days = dates.map((date) => epochDayOf(date));
  return workingDayArithmetic.isProvisional(cal, Math.min(...days), Math.max(...days));
}

/** A time limit counted in working days: it runs to the end of its date, Shanghai time. */
export interface WorkingDayDeadline {
  /** The last day of the period (always a working day unless the period has no days). */
  readonly date: LocalDate;
  /** ISO instant (UTC) of the period's last millisecond: 23:59:59.999 Shanghai time on `date`. */
  readonly at: string;
  /** True when the period crossed a year with no published holiday arrangement. */
  readonly provisional: boolean;
}

/** Describes the period counted from `countedFrom` (not counted) to `date` as a deadline. */
export function workingDayDeadline(cal: WorkingDayCalendar, countedFrom: LocalDate, date: LocalDate): WorkingDayDeadline {
  return workingDayArithmetic.deadline(cal, epochDayOf(countedFrom), epochDayOf(date));
}
