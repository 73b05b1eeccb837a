/**
 * Counting periods in working days. "The day an event happens is not counted" and a period ends
 * on a working day, so `addWorkingDays(from, n)` is the n-th working day after `from`.
 *
 * Each calendar gets, lazily and once per year, an index of that year (see `YearIndex`): counting,
 * adding and searching inside a year are then array reads, and a period crossing years steps a
 * year at a time (a time limit spans one or two).
 */
import { memoByEpochDay } from './epoch-day-memo.ts';
import { epochDayOf, localDateOfEpochDay, yearOfEpochDay, type LocalDate } from './local-date.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';

/** One year of a calendar, indexed. Days are counted from 1 January (day 0). */
interface YearIndex {
  readonly year: number;
  /** Epoch day of 1 January. */
  readonly firstDay: number;
  /** Days in the year. */
  readonly length: number;
  /** `countThrough[i]` = working days among the year's days `0..i` (inclusive). */
  readonly countThrough: Uint16Array;
  /** `nth[k]` = the day of the year of its (k+1)-th working day. */
  readonly nth: Uint16Array;
  /** Working days in the year. */
  readonly total: number;
  /** Whether the calendar has the year's official holiday arrangement. */
  readonly arranged: boolean;
}

function indexYear(cal: WorkingDayCalendar, year: number): YearIndex {
  const firstDay = epochDayOf(`${String(year).padStart(4, '0')}-01-01`);
  const length = epochDayOf(`${String(year + 1).padStart(4, '0')}-01-01`) - firstDay;
  const countThrough = new Uint16Array(length);
  const workingDays: number[] = [];
  for (let i = 0; i < length; i++) {
    if (cal.isWorkingDay(localDateOfEpochDay(firstDay + i))) workingDays.push(i);
    countThrough[i] = workingDays.length;
  }
  return { year, firstDay, length, countThrough, nth: Uint16Array.from(workingDays), total: workingDays.length, arranged: cal.hasArrangement(year) };
}

/** The year indexes of one calendar, built as they are first needed. */
class CalendarIndex {
  private readonly years = new Map<number, YearIndex>();
  /** The year used last: the days of one evaluation mostly fall in one year. */
  private recent: YearIndex | undefined;

  constructor(private readonly cal: WorkingDayCalendar) {}

  ofYear(year: number): YearIndex {
    let index = this.years.get(year);
    if (index === undefined) {
      index = indexYear(this.cal, year);
      this.years.set(year, index);
    }
    return index;
  }

  ofDay(day: number): YearIndex {
    const recent = this.recent;
    if (recent !== undefined && day >= recent.firstDay && day < recent.firstDay + recent.length) return recent;
    const index = this.ofYear(yearOfEpochDay(day));
    this.recent = index;
    return index;
  }

  /** True when some year from the one of `from` to the one of `to` has no arrangement. */
  isProvisional(from: number, to: number): boolean {
    // Most periods lie within one year: one lookup.
    const year = this.ofDay(from);
    if (to >= year.firstDay && to < year.firstDay + year.length) return !year.arranged;
    const first = this.ofDay(Math.min(from, to));
    const last = this.ofDay(Math.max(from, to));
    if (!first.arranged || !last.arranged) return true;
    for (let year = first.year + 1; year < last.year; year++) if (!this.cal.hasArrangement(year)) return true;
    return false;
  }
}

const indexes = new WeakMap<WorkingDayCalendar, CalendarIndex>();
/** The calendar used last and its index: one process mostly uses one calendar. */
let recentCalendar: WorkingDayCalendar | undefined;
let recentIndex: CalendarIndex | undefined;

function indexOf(cal: WorkingDayCalendar): CalendarIndex {
  if (cal === recentCalendar && recentIndex !== undefined) return recentIndex;
  let index = indexes.get(cal);
  if (index === undefined) {
    index = new CalendarIndex(cal);
    indexes.set(cal, index);
  }
  recentCalendar = cal;
  recentIndex = index;
  return index;
}

/** Working days among the days of `index`'s year up to and including `day`. */
function countThrough(index: YearIndex, day: number): number {
  return index.countThrough[day - index.firstDay] as number;
}

/** The epoch day of the `k`-th working day of `index`'s year (requires 1 <= k <= total). */
function nthWorkingDay(index: YearIndex, k: number): number {
  return index.firstDay + (index.nth[k - 1] as number);
}

/** Guards searches against a calendar with no working days at all (they would never end). */
const maxYearsSearched = 1000;

function requireCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** The deadline ending on an epoch day; 23:59:59.999 in Shanghai is 15:59:59.999 UTC on the same calendar date. */
function deadlineOn(day: number, provisional: boolean): WorkingDayDeadline {
  const date = localDateOfEpochDay(day);
  return Object.freeze({ date, at: `${date}T15:59:59.999Z`, provisional });
}

/**
 * Deadlines are values: one frozen object per day (and provisional flag) serves every evaluation,
 * instead of building the same two texts and object for each.
 */
const settledDeadlineOn = memoByEpochDay((day) => deadlineOn(day, false));
const provisionalDeadlineOn = memoByEpochDay((day) => deadlineOn(day, true));

/**
 * Epoch-day forms of the functions below, for hot paths that already hold epoch days (see
 * `epochDayOf`): the same rules without parsing and formatting dates.
 */
export const workingDayArithmetic = {
  /** Working days d with `from < d <= to` (0 when `to <= from`). */
  countAfter(cal: WorkingDayCalendar, from: number, to: number): number {
    if (to <= from) return 0;
    const index = indexOf(cal);
    const fromYear = index.ofDay(from);
    const toYear = index.ofDay(to);
    if (fromYear === toYear) return countThrough(toYear, to) - countThrough(fromYear, from);
    let count = fromYear.total - countThrough(fromYear, from);
    for (let year = fromYear.year + 1; year < toYear.year; year++) count += index.ofYear(year).total;
    return count + countThrough(toYear, to);
  },

  /** The n-th working day after `from` (`from` not counted); `from` itself for n = 0. */
  add(cal: WorkingDayCalendar, from: number, n: number): number {
    requireCount(n, 'n');
    if (n === 0) return from;
    const index = indexOf(cal);
    let year = index.ofDay(from);
    // The n-th working day after `from` is the k-th of some year, counting from the start of `from`'s.
    let k = countThrough(year, from) + n;
    let searched = 0;
    while (k > year.total) {
      k -= year.total;
      if (++searched > maxYearsSearched) throw new RangeError(`no ${n} working days within ${maxYearsSearched} years`);
      year = index.ofYear(year.year + 1);
    }
    return nthWorkingDay(year, k);
  },

  /** The earliest day d with `countAfter(cal, d, until) <= n`. */
  firstWithin(cal: WorkingDayCalendar, until: number, n: number): number {
    requireCount(n, 'n');
    const index = indexOf(cal);
    let year = index.ofDay(until);
    // The first day with at most n working days after it up to `until` is the k-th working day
    // of its year, k counted from the start of `until`'s year (or the first day of a later year
    // when k <= 0 there, hence the steps back).
    let k = countThrough(year, until) - n;
    let searched = 0;
    while (k <= 0) {
      if (++searched > maxYearsSearched) throw new RangeError(`no working day within ${maxYearsSearched} years`);
      year = index.ofYear(year.year - 1);
      k += year.total;
    }
    return nthWorkingDay(year, k);
  },

  /** True when `day` is a working day: `cal.isWorkingDay` read from the year's index. */
  isWorking(cal: WorkingDayCalendar, day: number): boolean {
    const year = indexOf(cal).ofDay(day);
    const i = day - year.firstDay;
    return (year.countThrough[i] as number) - (i === 0 ? 0 : (year.countThrough[i - 1] as number)) === 1;
  },

  /** True when some year from the one of `from` to the one of `to` has no arrangement. */
  isProvisional(cal: WorkingDayCalendar, from: number, to: number): boolean {
    return indexOf(cal).isProvisional(from, to);
  },

  /** The deadline ending on `day`, for a period counted from `countedFrom`. */
  deadline(cal: WorkingDayCalendar, countedFrom: number, day: number): WorkingDayDeadline {
    return indexOf(cal).isProvisional(countedFrom, day) ? provisionalDeadlineOn(day) : settledDeadlineOn(day);
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
