/**
 * A year's State Council holiday arrangement as data, loaded by a supervisor, and a calendar that
 * lays such years over the packaged one. The package (`chinese-days`) stops at the last year it
 * was released with; a supervisor loads the next year when the State Council publishes it, or
 * corrects a year the package has wrong. A loaded year replaces the package's data for that year
 * entirely.
 */
import * as z from 'zod';
import { epochDayOf, weekdayOfEpochDay, type LocalDate } from './local-date.ts';
import { isWeekday, memoisedWorkingDay, type WorkingDayCalendar } from './working-day-calendar.ts';

/** Bounds of an arrangement; generous, but a list longer than a year's holidays is a data error. */
export const yearArrangementLimits = {
  minYear: 2000,
  maxYear: 2099,
  maxHolidays: 80,
  maxMakeUpWorkingDays: 20,
  maxSourceLength: 500,
} as const;

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    epochDayOf(text);
    return true;
  } catch {
    return false;
  }
}

const isWeekend = (date: LocalDate): boolean => {
  const weekday = weekdayOfEpochDay(epochDayOf(date));
  return weekday === 0 || weekday === 6;
};

/** A calendar date `YYYY-MM-DD` that exists (`2027-02-30` does not). */
export const CalendarDate = z.string().refine(isCalendarDate, '应为日历日期 YYYY-MM-DD / a calendar date YYYY-MM-DD');

/** The fields of an arrangement, without the cross-field rules (for schemas that extend it). */
export const YearArrangementFields = z.strictObject({
  year: z.number().int('应为整数 / an integer').min(yearArrangementLimits.minYear).max(yearArrangementLimits.maxYear),
  /** Days off, including the weekend days inside a holiday period (as the notice lists them). */
  holidays: z.array(CalendarDate).min(1, '至少一个节假日 / at least one holiday').max(yearArrangementLimits.maxHolidays),
  /** Weekend days that are working days (调休上班). */
  makeUpWorkingDays: z.array(CalendarDate).max(yearArrangementLimits.maxMakeUpWorkingDays),
  /** Where the data comes from, e.g. the notice's document number (国办发明电〔2026〕…号). */
  source: z.string().trim().min(1, '必填 / required').max(yearArrangementLimits.maxSourceLength),
});

interface ArrangementLists {
  readonly year: number;
  readonly holidays: readonly string[];
  readonly makeUpWorkingDays: readonly string[];
}

/**
 * The rules across fields, each issue naming the offending entry (`/holidays/3`): dates inside
 * the year, no date twice, no date both off and worked, make-up days on weekends, and at least
 * one holiday on a weekday (a list of weekend days alone changes nothing, so it is a mistake).
 */
export function checkYearArrangement(arrangement: ArrangementLists, context: z.RefinementCtx): void {
  const { year } = arrangement;
  const holidaySet = new Set(arrangement.holidays);
  const lists = [
    ['holidays', arrangement.holidays],
    ['makeUpWorkingDays', arrangement.makeUpWorkingDays],
  ] as const;
  for (const [field, dates] of lists) {
    const seen = new Set<string>();
    dates.forEach((date, index) => {
      const issue = (message: string): void => context.addIssue({ code: 'custom', path: [field, index], message, input: date });
      if (!isCalendarDate(date)) return; // already reported by the element schema
      if (Number(date.slice(0, 4)) !== year) issue(`must be a date in ${year}`);
      if (seen.has(date)) issue('listed twice');
      seen.add(date);
      if (field === 'makeUpWorkingDays' && holidaySet.has(date)) issue('also listed as a holiday');
      if (field === 'makeUpWorkingDays' && !isWeekend(date)) issue('a make-up working day must be a Saturday or Sunday');
    });
  }
  const validHolidays = arrangement.holidays.filter(isCalendarDate);
  if (validHolidays.length > 0 && validHolidays.every(isWeekend)) {
    context.addIssue({
      code: 'custom',
      path: ['holidays'],
      message: '至少一个节假日应在工作日（周一至周五） / at least one holiday must fall on a weekday',
      input: arrangement.holidays,
    });
  }
}

/** A year's holiday arrangement (国务院办公厅关于部分节假日安排的通知) as data. */
export const YearArrangement = YearArrangementFields.superRefine(checkYearArrangement);

/** A year's holiday arrangement: days off and make-up working days, and where they come from. */
export interface YearArrangement {
  readonly year: number;
  readonly holidays: readonly LocalDate[];
  readonly makeUpWorkingDays: readonly LocalDate[];
  readonly source: string;
}

/** A calendar built by {@link overlayCalendar}. */
export interface OverlaidCalendar extends WorkingDayCalendar {
  /** Years taken from the loaded arrangements, ascending. */
  readonly overlaidYears: readonly number[];
}

interface LoadedYear {
  readonly daysOff: ReadonlySet<LocalDate>;
  readonly makeUpWorkingDays: ReadonlySet<LocalDate>;
}

/**
 * A calendar where each loaded year replaces `base` for that year: its holidays are days off,
 * its make-up days are working days, other days follow Monday–Friday. Other years are `base`'s.
 * `hasArrangement(year)` is true for a loaded year, so deadlines crossing it stop being
 * provisional. Throws a `RangeError` when two arrangements name the same year.
 */
export function overlayCalendar(base: WorkingDayCalendar, arrangements: readonly YearArrangement[]): OverlaidCalendar {
  const loaded = new Map<number, LoadedYear>();
  for (const arrangement of arrangements) {
    if (loaded.has(arrangement.year)) throw new RangeError(`two arrangements for ${arrangement.year}`);
    loaded.set(arrangement.year, { daysOff: new Set(arrangement.holidays), makeUpWorkingDays: new Set(arrangement.makeUpWorkingDays) });
  }
  function computeIsWorkingDay(date: LocalDate): boolean {
    const year = loaded.get(Number(date.slice(0, 4)));
    if (year === undefined) return base.isWorkingDay(date);
    return year.makeUpWorkingDays.has(date) || (!year.daysOff.has(date) && isWeekday(date));
  }

  return {
    overlaidYears: [...loaded.keys()].sort((a, b) => a - b),
    isWorkingDay: memoisedWorkingDay(computeIsWorkingDay),
    hasArrangement(year: number): boolean {
      return loaded.has(year) || base.hasArrangement(year);
    },
  };
}
