/**
 * Statistics periods (Art. 20): a month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`, in
 * Shanghai time. Counters are kept per month; a quarter or a year is the sum of its months.
 */
import { shanghaiDate, type LocalDate } from '../calendar/local-date.ts';

/** A Shanghai calendar month, `YYYY-MM`. */
export type StatisticsMonth = string;

export interface StatisticsPeriod {
  /** As asked: `2026-11`, `2026-Q4` or `2026`. */
  readonly text: string;
  readonly granularity: 'month' | 'quarter' | 'year';
  /** Its months in order. */
  readonly months: readonly StatisticsMonth[];
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const quarterPattern = /^(\d{4})-Q([1-4])$/;
const yearPattern = /^(\d{4})$/;

const monthOf = (year: string, month: number): StatisticsMonth => `${year}-${String(month).padStart(2, '0')}`;

/** The period a text names, or undefined when it names none (`2026-13`, `2026-Q5`, `26`, `2026-11-01`). */
export function parseStatisticsPeriod(text: string): StatisticsPeriod | undefined {
  const month = monthPattern.exec(text);
  if (month) return { text, granularity: 'month', months: [text] };
  const quarter = quarterPattern.exec(text);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { text, granularity: 'quarter', months: [0, 1, 2].map((i) => monthOf(quarter[1] as string, first + i)) };
  }
  const year = yearPattern.exec(text);
  if (year) return { text, granularity: 'year', months: Array.from({ length: 12 }, (_unused, i) => monthOf(text, i + 1)) };
  return undefined;
}

/** The Shanghai month an instant falls in: `2026-11-30T15:30:00Z` (23:30 on 30 November in Shanghai) is `2026-11`. */
export const monthOfInstant = (instant: string): StatisticsMonth => shanghaiDate(instant).slice(0, 7);

/** The month of a Shanghai calendar date. */
export const monthOfDate = (date: LocalDate): StatisticsMonth => date.slice(0, 7);
