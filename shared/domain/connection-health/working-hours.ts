/**
 * Working hours (工作时间) as the connection-health rules count them: 09:00 to 17:00 Shanghai time
 * on each working day of the city's calendar (make-up working days included, holidays and
 * weekends excluded), eight working hours a day. A department's business system is expected to
 * push during the administration's working hours; a night, a weekend or a Spring Festival week
 * without records is not silence, and 16 working hours are two full working days.
 */
import { epochDayOf, localDateOfEpochDay, shanghaiEpochDayOfMillis, startOfShanghaiEpochDay, type LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

const hourMs = 3_600_000;
/** Opening and closing of a working day, hours after Shanghai midnight. */
export const workingDayOpens = 9;
export const workingDayCloses = 17;

/** Calendar days searched at most for the working hours asked (a year's holidays never add this many). */
const searchLimitDays = 3660;

/**
 * The instant at which `hours` working hours have passed since `from` (epoch ms): counting starts
 * at `from` if it falls within working hours, else at the next opening. `hours` 0 is `from`.
 */
export function instantAfterWorkingHours(calendar: WorkingDayCalendar, from: number, hours: number): number {
  let remainingMs = hours * hourMs;
  if (remainingMs <= 0) return from;
  const firstDay = shanghaiEpochDayOfMillis(from);
  for (let day = firstDay; day < firstDay + searchLimitDays + Math.ceil(hours / 8) * 2; day += 1) {
    if (!calendar.isWorkingDay(localDateOfEpochDay(day))) continue;
    const midnight = startOfShanghaiEpochDay(day);
    const opens = Math.max(midnight + workingDayOpens * hourMs, from);
    const closes = midnight + workingDayCloses * hourMs;
    if (opens >= closes) continue;
    if (closes - opens >= remainingMs) return opens + remainingMs;
    remainingMs -= closes - opens;
  }
  throw new RangeError(`no ${hours} working hours within ${searchLimitDays} days of the calendar`);
}

/** The working hours between two instants (epoch ms), 0 when `to` is not after `from`. */
export function workingHoursBetween(calendar: WorkingDayCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let totalMs = 0;
  for (let day = shanghaiEpochDayOfMillis(from); day <= shanghaiEpochDayOfMillis(to); day += 1) {
    if (!calendar.isWorkingDay(localDateOfEpochDay(day))) continue;
    const midnight = startOfShanghaiEpochDay(day);
    const opens = Math.max(midnight + workingDayOpens * hourMs, from);
    const closes = Math.min(midnight + workingDayCloses * hourMs, to);
    if (closes > opens) totalMs += closes - opens;
  }
  return totalMs / hourMs;
}

/** The first instant (00:00 Shanghai) of a date, in epoch ms. */
export const startOfDateMs = (date: LocalDate): number => startOfShanghaiEpochDay(epochDayOf(date));
