/**
 * Counting periods in days (日), not working days (工作日): where a law says 日, every calendar
 * day counts, holidays and weekends included. The Civil Code sets how such a period runs
 * (《中华人民共和国民法典》第二百零一条至第二百零三条):
 *
 * - the day the period starts is not counted: counting begins the next day (Art. 201);
 * - when the last day is a statutory day off (法定休假日: a rest day or a public holiday), the
 *   period ends on the day after the day off ends (Art. 203(1)), i.e. the next working day of the
 *   calendar, a make-up working day (调休上班) included;
 * - the last day ends at 24:00 (Art. 203(2)).
 *
 * The days off are those of the same working-day calendar the working-day periods use: in a year
 * without a published arrangement it falls back to Monday–Friday, and a period whose last day
 * depends on such a year is `provisional` (it moves once the arrangement is published).
 */
import { memoByEpochDay } from './epoch-day-memo.ts';
import { epochDayOf, localDateOfEpochDay, type LocalDate } from './local-date.ts';
import type { WorkingDayCalendar } from './working-day-calendar.ts';
import { workingDayArithmetic as workingDays, type WorkingDayDeadline } from './working-days.ts';

/** A period in days ends at the end of its date, Shanghai time: the same shape as a working-day deadline. */
export type DayPeriodDeadline = WorkingDayDeadline;

/** Longest run of consecutive days off searched (the longest statutory break is under a fortnight). */
const maxDaysOffInARow = 60;

function deadlineOn(day: number, provisional: boolean): DayPeriodDeadline {
  const date = localDateOfEpochDay(day);
  return Object.freeze({ date, at: `${date}T15:59:59.999Z`, provisional });
}

const settledOn = memoByEpochDay((day) => deadlineOn(day, false));
const provisionalOn = memoByEpochDay((day) => deadlineOn(day, true));

/** Epoch-day forms, for rules that already hold epoch days. */
export const calendarDayArithmetic = {
  /**
   * The last day of a period of `n` days counted from `from` (not counted, Art. 201): day
   * `from + n`, moved to the next working day when that is a day off (Art. 203). `from` itself
   * for n = 0.
   */
  periodEnd(cal: WorkingDayCalendar, from: number, n: number): number {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    if (n === 0) return from;
    const nominal = from + n;
    for (let day = nominal; day <= nominal + maxDaysOffInARow; day++) if (workingDays.isWorking(cal, day)) return day;
    throw new RangeError(`no working day within ${maxDaysOffInARow} days of ${localDateOfEpochDay(nominal)}`);
  },

  /**
   * True when the end of a period of `n` days from `from` rests on a year without an arrangement:
   * the year of its nominal last day or of the day it was moved to. (The days in between count
   * whatever the arrangement: only the end day's rest or work depends on it.)
   */
  isProvisional(cal: WorkingDayCalendar, from: number, n: number, end: number): boolean {
    return workingDays.isProvisional(cal, from + n, end);
  },

  /**
   * The deadline of a period of `n` days counted from `from` whose last day is `end` (as
   * {@link periodEnd} gives it): one frozen object per day and flag, shared by every evaluation.
   */
  deadlineEnding(cal: WorkingDayCalendar, from: number, n: number, end: number): DayPeriodDeadline {
    return calendarDayArithmetic.isProvisional(cal, from, n, end) ? provisionalOn(end) : settledOn(end);
  },

  /** The deadline of a period of `n` days counted from `from`. */
  deadline(cal: WorkingDayCalendar, from: number, n: number): DayPeriodDeadline {
    return calendarDayArithmetic.deadlineEnding(cal, from, n, calendarDayArithmetic.periodEnd(cal, from, n));
  },
};

/** The last day of a period of `n` days (日) counted from `from`, by the Civil Code's rules (see above). */
export function addCalendarDays(cal: WorkingDayCalendar, from: LocalDate, n: number): LocalDate {
  return localDateOfEpochDay(calendarDayArithmetic.periodEnd(cal, epochDayOf(from), n));
}

/** The period of `n` days counted from `from` as a deadline: its last day, that day's last instant, whether provisional. */
export function calendarDayDeadline(cal: WorkingDayCalendar, from: LocalDate, n: number): DayPeriodDeadline {
  return calendarDayArithmetic.deadline(cal, epochDayOf(from), n);
}
