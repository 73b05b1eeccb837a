/**
 * The `nextCheckAt` of an evaluation: findings change only at the start of a Shanghai day, so
 * each rule names the days on which its finding would change and the earliest one after today
 * is when the case must be evaluated again.
 */
import { memoByEpochDay } from '../calendar/epoch-day-memo.ts';
import { localDateOfEpochDay } from '../calendar/local-date.ts';

/**
 * ISO instant (UTC, `YYYY-MM-DDTHH:mm:ss.sssZ`) of 00:00 Shanghai time on an epoch day: 16:00 UTC
 * the day before. Built as text, in `Date#toISOString` format, because formatting a `Date` costs
 * more than a whole rule; memoised per day for the same reason.
 */
export const startOfShanghaiDayIso: (day: number) => string = memoByEpochDay((day) => `${localDateOfEpochDay(day - 1)}T16:00:00.000Z`);

/** Collects the days at whose start some time-driven finding changes. */
export class ChangeDays {
  private next = Number.POSITIVE_INFINITY;
  constructor(private readonly today: number) {}

  /** A finding changes at the start of `day`; only days after today matter. */
  consider(day: number): void {
    if (day > this.today && day < this.next) this.next = day;
  }

  /** 00:00 Shanghai time of the first change, or null when none was considered. */
  instant(): string | null {
    return this.next === Number.POSITIVE_INFINITY ? null : startOfShanghaiDayIso(this.next);
  }
}
