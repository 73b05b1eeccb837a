import { describe, expect, it } from 'vitest';
import { clockStops } from '#shared/domain/calendar/stopped-clock.ts';
import { epochDayOf } from '#shared/domain/calendar/local-date.ts';

const at = (instant: string): number => new Date(instant).getTime();

describe('splitting a case’s clock stops', () => {
  it('gives the open stop’s start and the closed ones as Shanghai days, ordered by start', () => {
    // Prepare: a late-evening UTC instant is the next day in Shanghai.
    const stops = [
      { from: at('2025-10-20T09:00:00+08:00'), to: at('2025-10-24T09:00:00+08:00') },
      { from: at('2025-09-29T17:00:00Z'), to: at('2025-10-09T09:00:00+08:00') },
      { from: at('2025-11-03T10:00:00+08:00') },
    ];

    // Act
    const { open, closed } = clockStops(stops);

    // Assess
    expect(open).toBe(at('2025-11-03T10:00:00+08:00'));
    expect(closed).toEqual([
      { from: epochDayOf('2025-09-30'), to: epochDayOf('2025-10-09') },
      { from: epochDayOf('2025-10-20'), to: epochDayOf('2025-10-24') },
    ]);
  });

  it('answers no open stop and no closed ones for a clock that never stopped', () => {
    // Act
    const { open, closed } = clockStops([]);

    // Assess
    expect(open).toBeNull();
    expect(closed).toEqual([]);
  });
});
