/**
 * Working-day periods whose clock stands still at times: a licensing suspension (Licensing Law
 * Art. 45) or a disclosure consultation (Regulations on Open Government Information Art. 33).
 */
import { shanghaiEpochDayOfMillis as dayOf, type EpochMillis } from './local-date.ts';
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

/** A stop of the clock as a case records it: instants; `to` absent while it lasts. */
export interface ClockStop {
  readonly from: EpochMillis;
  readonly to?: EpochMillis;
}

/** A case's stops, split: the one still open (its start), and the closed ones as day spans ordered by start. */
export interface ClockStops {
  readonly open: EpochMillis | null;
  readonly closed: readonly DaySpan[];
}

/** Most cases never stopped their clock: they share this answer instead of allocating one. */
const noStops: ClockStops = Object.freeze({ open: null, closed: Object.freeze([]) as readonly DaySpan[] });

function byStart(a: DaySpan, b: DaySpan): number {
  return a.from - b.from;
}

/** Splits a case's stops (suspensions, consultations) into the open one and the closed ones as Shanghai day spans. */
export function clockStops(stops: readonly ClockStop[]): ClockStops {
  if (stops.length === 0) return noStops;
  let open: EpochMillis | null = null;
  const closed: DaySpan[] = [];
  for (let i = 0; i < stops.length; i++) {
    const stop = stops[i] as ClockStop;
    if (stop.to === undefined) open = stop.from;
    else closed.push({ from: dayOf(stop.from), to: dayOf(stop.to) });
  }
  return { open, closed: closed.length > 1 ? closed.sort(byStart) : closed };
}
