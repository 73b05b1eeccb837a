/**
 * The periods a person chooses for the statistics and the evaluations: Shanghai months, quarters
 * and years as the API names them (`2026-11`, `2026-Q4`, `2026`), newest first, and how they read.
 */
import { shanghaiDate } from '../shanghai-time';

export type PeriodUnit = 'month' | 'quarter' | 'year';

export interface PeriodChoice {
  readonly value: string;
  readonly label: string;
}

const quarterNames = ['一', '二', '三', '四'] as const;

/** `2026-11` → 2026年11月, `2026-Q4` → 2026年第四季度, `2026` → 2026年度. */
export function periodName(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarterNames[Number(quarter[2]) - 1]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return /^\d{4}$/.test(period) ? `${period}年度` : period;
}

/** The unit a period is in. */
export const unitOf = (period: string): PeriodUnit => (period.includes('-Q') ? 'quarter' : period.includes('-') ? 'month' : 'year');

/** The Shanghai month an instant falls in, `2026-12`. */
const shanghaiMonth = (now: Date): { readonly year: number; readonly month: number } => {
  const [year, month] = shanghaiDate(now.toISOString()).split('-').map(Number);
  return { year: year!, month: month! };
};

/** The last month that has ended in Shanghai: what a page shows first. */
export function lastCompleteMonth(now: Date = new Date()): string {
  const { year, month } = shanghaiMonth(now);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * The periods of a unit, newest first: `count` complete ones, preceded by the one under way when
 * `includeCurrent` (the statistics of the running month are read as they grow; an evaluation needs an ended period).
 */
export function periodsOf(unit: PeriodUnit, count: number, includeCurrent: boolean, now: Date = new Date()): readonly PeriodChoice[] {
  const { year, month } = shanghaiMonth(now);
  const start = includeCurrent ? 0 : 1;
  const periods: string[] = [];
  for (let back = start; back < start + count; back += 1) {
    if (unit === 'month') {
      const index = year * 12 + (month - 1) - back;
      periods.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
    } else if (unit === 'quarter') {
      const index = year * 4 + Math.floor((month - 1) / 3) - back;
      periods.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
    } else periods.push(String(year - back));
  }
  return periods.map((value, index) => ({ value, label: includeCurrent && index === 0 ? `${periodName(value)}（进行中）` : periodName(value) }));
}

/** The choices of a unit, with `chosen` kept among them when it is older than the list reaches (an address naming it). */
export function choicesWith(choices: readonly PeriodChoice[], chosen: string): readonly PeriodChoice[] {
  return choices.some((choice) => choice.value === chosen) ? choices : [...choices, { value: chosen, label: periodName(chosen) }];
}

export const unitNames: Record<PeriodUnit, string> = { month: '月度', quarter: '季度', year: '年度' };

/** A period written in an address is used only when the API would accept it. */
export const periodPattern = /^20\d{2}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;
