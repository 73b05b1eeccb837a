/**
 * The shortcuts the rules take through dates and instants (a Shanghai day read straight from an
 * instant's text, month starts from a table, memoised texts of days) against the long way round.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  epochDayOf,
  epochMillisOf,
  localDateOfEpochDay,
  shanghaiEpochDayOfInstant,
  shanghaiEpochDayOfMillis,
  startOfShanghaiEpochDay,
} from '#shared/domain/calendar/local-date.ts';
import { startOfShanghaiDayIso } from '#shared/domain/records/change-days.ts';

const millisPerDay = 86_400_000;

/** Epoch days from year 1 to 9999, with extra weight inside and at the edges of 1990–2109 (memoised) and 1900–2199 (tabled). */
const anEpochDay = fc.oneof(
  fc.integer({ min: epochDayOf('0001-01-01'), max: epochDayOf('9999-12-31') }),
  fc.integer({ min: epochDayOf('1985-01-01'), max: epochDayOf('2115-12-31') }),
  fc.constantFrom(epochDayOf('1899-12-31'), epochDayOf('1900-01-01'), epochDayOf('1989-12-31'), epochDayOf('1990-01-01')),
  fc.constantFrom(epochDayOf('2109-12-31'), epochDayOf('2110-01-01'), epochDayOf('2199-12-31'), epochDayOf('2200-01-01')),
);

/** The date of an epoch day as `Date` writes it (UTC, so no host zone is involved). */
const dateByDate = (day: number): string => new Date(day * millisPerDay).toISOString().slice(0, 10);

/** Text close to an ISO instant: valid ones in every offset, and every way of being slightly off. */
const anInstantLike = fc
  .record({
    day: anEpochDay,
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    fraction: fc.option(fc.stringMatching(/^\d{0,10}$/)),
    zone: fc.oneof(
      fc.constantFrom('Z', 'z', '', '+0800', '+8:00', 'Z '),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }))
        .map(([sign, hours, minutes]) => `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`),
    ),
    separator: fc.constantFrom('T', 'T', 't', ' '),
  })
  .map(({ day, hour, minute, second, fraction, zone, separator }) => {
    const two = (n: number): string => String(n).padStart(2, '0');
    const seconds = second === null ? '' : `:${two(second)}${fraction === null ? '' : `.${fraction}`}`;
    return `${dateByDate(day)}${separator}${two(hour)}:${two(minute)}${seconds}${zone}`;
  });

describe('dates of epoch days', () => {
  it('writes every epoch day as Date writes it, inside and outside the memoised years', () => {
    fc.assert(
      fc.property(anEpochDay, (day) => {
        expect(localDateOfEpochDay(day)).toBe(dateByDate(day));
        expect(localDateOfEpochDay(day)).toBe(dateByDate(day)); // and again, from the memo
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every date back to its epoch day, inside and outside the tabled years', () => {
    fc.assert(
      fc.property(anEpochDay, (day) => {
        expect(epochDayOf(dateByDate(day))).toBe(day);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes the start of every Shanghai day as Date does', () => {
    fc.assert(
      fc.property(anEpochDay, (day) => {
        expect(startOfShanghaiDayIso(day)).toBe(new Date(startOfShanghaiEpochDay(day)).toISOString());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the Shanghai day of an instant', () => {
  it('is the day of its epoch milliseconds, and refuses what they refuse', () => {
    fc.assert(
      fc.property(anInstantLike, (text) => {
        // Act
        const viaMillis = (): number => shanghaiEpochDayOfMillis(epochMillisOf(text));
        const direct = (): number => shanghaiEpochDayOfInstant(text);

        // Assess
        let expected: number | RangeError;
        try {
          expected = viaMillis();
        } catch (error) {
          expected = error as RangeError;
        }
        if (expected instanceof RangeError) expect(direct).toThrow(expected.message);
        else expect(direct()).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('moves across midnight with the offset, one day either way and two at the extremes', () => {
    // Act / Assess
    expect(shanghaiEpochDayOfInstant('2025-09-22T15:59:59.999Z')).toBe(epochDayOf('2025-09-22'));
    expect(shanghaiEpochDayOfInstant('2025-09-22T16:00:00Z')).toBe(epochDayOf('2025-09-23'));
    expect(shanghaiEpochDayOfInstant('2025-09-22T00:00:00+09:00')).toBe(epochDayOf('2025-09-21'));
    expect(shanghaiEpochDayOfInstant('2025-09-22T00:00:00+08:01')).toBe(epochDayOf('2025-09-21'));
    expect(shanghaiEpochDayOfInstant('2025-09-22T00:00:00+08:00')).toBe(epochDayOf('2025-09-22'));
    expect(shanghaiEpochDayOfInstant('2025-09-22T23:59:00-23:59')).toBe(epochDayOf('2025-09-24'));
    expect(shanghaiEpochDayOfInstant('2025-09-22T00:00:00+23:59')).toBe(epochDayOf('2025-09-21'));
  });
});
