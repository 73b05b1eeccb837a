import { describe, expect, it } from 'vitest';
import { batchHealthOf, healthTotalsOf, lagClassOf, type DailyHealth } from '#shared/domain/connection-health/batch-health.ts';

const hour = 3_600_000;

describe("a batch's health figures", () => {
  it('classes lags at one hour, one day and one week, a clock ahead as within the hour', () => {
    expect([-5 * hour, hour, hour + 1, 24 * hour, 24 * hour + 1, 7 * 24 * hour, 7 * 24 * hour + 1].map(lagClassOf)).toEqual([
      'withinHour',
      'withinHour',
      'withinDay',
      'withinDay',
      'withinWeek',
      'withinWeek',
      'overWeek',
    ]);
  });

  it('counts the accepted records by lag and kind on the Shanghai day of receipt', () => {
    // Received 2026-12-05 23:30 Shanghai (15:30Z): the Shanghai day is 2026-12-05; 00:30 on the 6th would be the next.
    const batch = batchHealthOf(
      { department: 'haishu-housing', accepted: 3, duplicates: 1, refused: { schema: 2, unknownMatter: 0 } },
      [
        { kind: 'licensing', occurredAt: '2026-12-05T15:00:00Z' },
        { kind: 'penalty', occurredAt: '2026-12-04T10:00:00Z' },
        { kind: 'licensing', occurredAt: '2026-11-20T10:00:00Z' },
      ],
      '2026-12-05T15:30:00.000Z',
    );
    expect(batch).toEqual({
      department: 'haishu-housing',
      day: '2026-12-05',
      receivedAt: '2026-12-05T15:30:00.000Z',
      accepted: 3,
      duplicates: 1,
      refused: { schema: 2 },
      lag: { withinHour: 1, withinWeek: 1, overWeek: 1 },
      kinds: ['licensing', 'penalty'],
    });
    expect(batchHealthOf({ department: 'd', accepted: 0, duplicates: 0, refused: {} }, [], '2026-12-05T16:30:00.000Z').day).toBe('2026-12-06');
  });

  it('totals days: refusal rate over everything that arrived, and records over 24 hours late', () => {
    const day = (accepted: number, duplicates: number, refused: Record<string, number>, withinWeek: number, overWeek: number): DailyHealth => ({
      day: '2026-12-01',
      accepted,
      duplicates,
      refused,
      lag: { withinHour: accepted - withinWeek - overWeek, withinDay: 0, withinWeek, overWeek },
    });
    // 30 accepted + 5 duplicates + 5 refused = 40 arrived; 5/40 = 0.125.
    const totals = healthTotalsOf([day(20, 5, { schema: 3 }, 2, 1), day(10, 0, { schema: 1, classified: 1 }, 0, 4)]);
    expect(totals).toEqual({
      accepted: 30,
      duplicates: 5,
      refused: 5,
      refusedByReason: { schema: 4, classified: 1 },
      refusalRate: 0.125,
      lag: { withinHour: 23, withinDay: 0, withinWeek: 2, overWeek: 5 },
      receivedOver24Hours: 7,
    });
    expect(healthTotalsOf([]).refusalRate).toBe(0);
  });
});
