/** The periods the 统计 and 效能评估 pages offer: Shanghai months, quarters and years, named in Chinese. */
import { describe, expect, it } from 'vitest';
import { choicesWith, lastCompleteMonth, periodName, periodsOf, unitOf } from '../../console/src/statistics/statistics-periods.ts';

describe('the periods of the statistics and evaluation pages', () => {
  it('takes the last ended month in Shanghai, where the year has already turned at 16:30 UTC on 31 December', () => {
    expect(lastCompleteMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12');
    expect(lastCompleteMonth(new Date('2026-12-31T15:30:00Z'))).toBe('2026-11');
    expect(lastCompleteMonth(new Date('2027-01-15T04:00:00Z'))).toBe('2026-12');
  });

  it('lists ended quarters and years newest first across a year, and the one under way only when asked', () => {
    const february = new Date('2027-02-10T04:00:00Z');
    expect(periodsOf('quarter', 3, false, february).map((choice) => choice.value)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
    expect(periodsOf('month', 3, true, february)).toEqual([
      { value: '2027-02', label: '2027年2月（进行中）' },
      { value: '2027-01', label: '2027年1月' },
      { value: '2026-12', label: '2026年12月' },
    ]);
    expect(periodsOf('year', 2, false, february).map((choice) => choice.value)).toEqual(['2026', '2025']);
  });

  it('names periods in Chinese and keeps a period named by the address among the choices', () => {
    expect([periodName('2026-11'), periodName('2026-Q4'), periodName('2026')]).toEqual(['2026年11月', '2026年第四季度', '2026年度']);
    expect([unitOf('2026-11'), unitOf('2026-Q4'), unitOf('2026')]).toEqual(['month', 'quarter', 'year']);
    expect(choicesWith([{ value: '2027-01', label: '2027年1月' }], '2024-03').map((choice) => choice.value)).toEqual(['2027-01', '2024-03']);
  });
});
