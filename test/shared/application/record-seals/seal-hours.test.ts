import { describe, expect, it } from 'vitest';
import { scheduledSealHours, sealHoursBetween, sealRecheck } from '#shared/application/record-seals/seal-hours.ts';

const hourMs = 3_600_000;
const hourNumber = (hour: string): number => Date.parse(`${hour}:00:00Z`) / hourMs;

describe('the hours a scheduled verification checks', () => {
  it('checks the hour that just ended first, then older hours, newest first', () => {
    // Act
    const hours = scheduledSealHours(new Date('2026-03-02T10:05:00Z'));

    // Assess
    expect(hours[0]).toBe('2026-03-02T09');
    const older = hours.slice(1).map(hourNumber);
    expect(older).toEqual([...older].sort((a, b) => b - a));
    expect(hours).toHaveLength(sealRecheck.horizonHours / sealRecheck.cycleHours + 1);
  });

  it('checks every hour of the horizon again within one cycle of runs', () => {
    // Prepare
    const start = hourNumber('2026-03-02T10');
    const checked = new Map<number, number[]>();

    // Act: one run an hour, for a cycle and a half
    for (let run = start; run < start + sealRecheck.cycleHours * 1.5; run += 1) {
      for (const hour of scheduledSealHours(new Date(run * hourMs + 5 * 60_000)).map(hourNumber)) checked.set(hour, [...(checked.get(hour) ?? []), run]);
    }

    // Assess: each hour old enough is checked, and never more than one cycle apart
    const end = start + sealRecheck.cycleHours * 1.5 - 1;
    for (let hour = end - sealRecheck.horizonHours + sealRecheck.cycleHours; hour <= end - sealRecheck.cycleHours; hour += 1) {
      const runs = checked.get(hour) ?? [];
      expect(runs.length, `hour ${hour}`).toBeGreaterThan(0);
      for (let i = 1; i < runs.length; i += 1) expect((runs[i] ?? 0) - (runs[i - 1] ?? 0)).toBeLessThanOrEqual(sealRecheck.cycleHours);
    }
  });

  it("lists an operator's range hour by hour, both ends included", () => {
    // Act / Assess
    expect(sealHoursBetween('2026-03-01T22', '2026-03-02T01')).toEqual(['2026-03-01T22', '2026-03-01T23', '2026-03-02T00', '2026-03-02T01']);
    expect(sealHoursBetween('2026-03-02T01', '2026-03-02T00')).toEqual([]);
    expect(() => sealHoursBetween('2026-03-02', '2026-03-02T01')).toThrow(RangeError);
  });
});
