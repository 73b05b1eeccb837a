/**
 * The periods a special report compares a period with: the previous periods of the same length
 * (months before a month, quarters before a quarter, years before a year), nearest first.
 */
import type { StatisticsPeriod } from '../statistics/statistics-period.ts';
import { parseStatisticsPeriod } from '../statistics/statistics-period.ts';

const monthText = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The period `steps` periods before `period` (a month, quarter or year). */
export function periodBefore(period: StatisticsPeriod, steps: number): StatisticsPeriod {
  const [year, part] = [Number(period.text.slice(0, 4)), period.text.slice(5)];
  switch (period.granularity) {
    case 'month':
      return parseStatisticsPeriod(monthText(year * 12 + Number(part) - 1 - steps)) as StatisticsPeriod;
    case 'quarter': {
      const index = year * 4 + Number(part.slice(1)) - 1 - steps;
      return parseStatisticsPeriod(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`) as StatisticsPeriod;
    }
    case 'year':
      return parseStatisticsPeriod(String(year - steps)) as StatisticsPeriod;
  }
}

/** The `count` periods before `period`, nearest first. */
export const previousPeriods = (period: StatisticsPeriod, count: number): StatisticsPeriod[] =>
  Array.from({ length: count }, (_unused, i) => periodBefore(period, i + 1));
