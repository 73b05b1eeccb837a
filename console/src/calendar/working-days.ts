/**
 * Working days as the city counts them: the State Council's holiday arrangement (the data of the
 * `chinese-days` package, as the API uses), with any year a supervisor loaded through
 * `GET /v1/calendar/years/{year}` replacing the packaged one, Monday–Friday for a year neither
 * covers. Dates are Shanghai calendar dates `YYYY-MM-DD`.
 */
import arrangementData from 'chinese-days/dist/chinese-days.json';

export type LocalDate = string;

/** A year's arrangement: its days off and its weekend make-up working days (调休上班). */
export interface YearArrangement {
  readonly holidays: readonly LocalDate[];
  readonly makeUpWorkingDays: readonly LocalDate[];
}

const dayMs = 86_400_000;
const epochDay = (date: LocalDate): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / dayMs);
const dateOf = (day: number): LocalDate => new Date(day * dayMs).toISOString().slice(0, 10);

const packagedDaysOff = new Set(Object.keys(arrangementData.holidays));
const packagedWorkdays = new Set(Object.keys(arrangementData.workdays));

/** Whether a date is a working day, with `loaded` years (by year) replacing the packaged data. */
export function workingDayCalendar(loaded: ReadonlyMap<number, YearArrangement>): (date: LocalDate) => boolean {
  const loadedSets = new Map(
    [...loaded].map(([year, arrangement]) => [year, { off: new Set(arrangement.holidays), on: new Set(arrangement.makeUpWorkingDays) }]),
  );
  return (date) => {
    const year = loadedSets.get(Number(date.slice(0, 4)));
    const off = year ? year.off : packagedDaysOff;
    const on = year ? year.on : packagedWorkdays;
    if (on.has(date)) return true;
    if (off.has(date)) return false;
    const weekday = new Date(epochDay(date) * dayMs).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  };
}

/** Where today stands against a deadline, in working days. */
export type DeadlineStanding =
  { readonly state: 'left'; readonly days: number } | { readonly state: 'lastDay' } | { readonly state: 'overdue'; readonly days: number };

/**
 * Working days left: those from today to the deadline, both counted (today only if it is one).
 * On the deadline itself, the last day. Past it: the working days since, today included.
 */
export function deadlineStanding(today: LocalDate, deadline: LocalDate, isWorkingDay: (date: LocalDate) => boolean): DeadlineStanding {
  const from = epochDay(today);
  const to = epochDay(deadline);
  if (from === to) return { state: 'lastDay' };
  const [first, last] = from < to ? [from, to] : [to + 1, from];
  let days = 0;
  for (let day = first; day <= last; day += 1) if (isWorkingDay(dateOf(day))) days += 1;
  return from < to ? { state: 'left', days } : { state: 'overdue', days };
}

/** The years from `first` to `last` inclusive, at most `limit` of them (the most recent). */
export function yearsBetween(first: LocalDate, last: LocalDate, limit = 5): number[] {
  const [a, b] = [Number(first.slice(0, 4)), Number(last.slice(0, 4))].sort((x, y) => x - y) as [number, number];
  const years: number[] = [];
  for (let year = Math.max(a, b - limit + 1); year <= b; year += 1) years.push(year);
  return years;
}
