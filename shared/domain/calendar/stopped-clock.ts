/**
 * Working-day periods whose clock stands still at times: a licensing suspension (Licensing Law
 * Art. 45) or a disclosure consultation (Regulations on Open Government Information Art. 33).
 */
import type { WorkingDayCalendar } from './working-day-calendar.ts';
import { workingDayArithmetic as days } from './working-days.ts';

/** A closed stop of the clock as Shanghai epoch days: from its start date to its end date. */
export interface DaySpan {
  readonly from: number;
  readonly to: number;
}

/**
 * The last day of a period of `limit` working days counted from `start`, where working days
 * inside stops (start date exclusive .. end date inclusive) do not count. `stops` are ordered by
 * `from`. A stop that starts after the period has run out does not move it.
 */
export function stoppedClockPeriodEnd(cal: WorkingDayCalendar, start: number, limit: number, stops: readonly DaySpan[]): number {
  let cursor = start;
  let remaining = limit;
  // An indexed loop: most periods have no stops, and an iterator costs more than the rest.
  for (let i = 0; i < stops.length; i++) {
    const stop = stops[i] as DaySpan;
    if (stop.to <= cursor) continue;
    const countedBefore = days.countAfter(cal, cursor, Math.max(stop.from, cursor));
    if (countedBefore >= remaining) break;
    remaining -= countedBefore;
    cursor = stop.to;
  }
  return days.add(cal, cursor, remaining);
}

/** Working days after `start` that fell inside the stops. */
export function stoppedWorkingDaysAfter(cal: WorkingDayCalendar, start: number, stops: readonly DaySpan[]): number {
  let total = 0;
  for (const { from, to } of stops) total += days.countAfter(cal, Math.max(from, start), to);
  return total;
}
