import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endOfShanghaiDay,
  epochDayOf,
  epochMillisOf,
  nextLocalDate,
  previousLocalDate,
  shanghaiDate,
  startOfShanghaiDay,
} from '#shared/domain/calendar/local-date.ts';

describe('Shanghai calendar dates', () => {
  it('dates a receipt at 23:30 Shanghai time on that Shanghai day, though it is 15:30 UTC', () => {
    // Prepare
    const withOffset = '2026-03-02T23:30:00+08:00';
    const inUtc = '2026-03-02T15:30:00Z';

    // Act
    const dates = [shanghaiDate(withOffset), shanghaiDate(inUtc), shanghaiDate(new Date(inUtc))];

    // Assess
    expect(dates).toEqual(['2026-03-02', '2026-03-02', '2026-03-02']);
  });

  it('moves to the next Shanghai day at 16:00 UTC', () => {
    // Prepare
    const lastMillisecond = '2026-03-02T15:59:59.999Z';
    const midnightInShanghai = '2026-03-02T16:00:00Z';

    // Act
    const before = shanghaiDate(lastMillisecond);
    const after = shanghaiDate(midnightInShanghai);

    // Assess
    expect(before).toBe('2026-03-02');
    expect(after).toBe('2026-03-03');
  });

  it('dates New Year’s Eve evening in UTC as New Year’s Day in Shanghai', () => {
    // Prepare
    const newYearsEveUtc = '2025-12-31T17:00:00Z';

    // Act
    const date = shanghaiDate(newYearsEveUtc);

    // Assess
    expect(date).toBe('2026-01-01');
  });

  it('starts and ends a Shanghai day at 16:00 UTC on the previous and same day', () => {
    // Prepare
    const day = '2026-03-02';

    // Act
    const start = startOfShanghaiDay(day).toISOString();
    const end = endOfShanghaiDay(day).toISOString();

    // Assess
    expect(start).toBe('2026-03-01T16:00:00.000Z');
    expect(end).toBe('2026-03-02T15:59:59.999Z');
  });

  it('steps across month, leap-day and year boundaries', () => {
    // Act
    const steps = [
      nextLocalDate('2024-02-28'),
      nextLocalDate('2024-02-29'),
      nextLocalDate('2025-12-31'),
      previousLocalDate('2026-01-01'),
      previousLocalDate('2026-03-01'),
    ];

    // Assess
    expect(steps).toEqual(['2024-02-29', '2024-03-01', '2026-01-01', '2025-12-31', '2026-02-28']);
  });

  it('refuses instants without an explicit offset rather than reading them in the host zone', () => {
    // Act / Assess
    expect(() => shanghaiDate('2026-03-02T23:30:00')).toThrow(RangeError);
    expect(() => shanghaiDate('not a time')).toThrow(RangeError);
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('refuses strings that are not real calendar dates', () => {
    // Act / Assess
    expect(() => epochDayOf('2025-02-29')).toThrow(RangeError);
    expect(() => epochDayOf('2025-13-01')).toThrow(RangeError);
    expect(() => epochDayOf('2025-1-01')).toThrow(RangeError);
    expect(epochDayOf('1970-01-01')).toBe(0);
    expect(epochDayOf('2024-02-29')).toBe(19_782);
  });
});

describe('reading instants', () => {
  const anInstant = fc.record({
    millis: fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T23:59:59Z') }),
    offsetMinutes: fc.integer({ min: -12 * 60, max: 14 * 60 }),
    // V8's Date.parse misreads more than nine fraction digits; those are tested apart.
    fractionDigits: fc.integer({ min: 0, max: 9 }),
    utc: fc.boolean(),
  });

  /** Writes `millis` as local time at the offset, with `fractionDigits` fraction digits. */
  const written = ({ millis, offsetMinutes, fractionDigits, utc }: { millis: number; offsetMinutes: number; fractionDigits: number; utc: boolean }) => {
    const offset = utc ? 0 : offsetMinutes;
    const local = new Date(millis + offset * 60_000).toISOString().slice(0, 19);
    const fraction = fractionDigits === 0 ? '' : `.${String(millis % 1000).padStart(3, '0')}${'7'.repeat(12)}`.slice(0, fractionDigits + 1);
    const sign = offset < 0 ? '-' : '+';
    const zone = utc ? 'Z' : `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    return `${local}${fraction}${zone}`;
  };

  it('reads any ISO instant with an offset as Date.parse does', () => {
    fc.assert(
      fc.property(anInstant, (instant) => {
        // Prepare
        const text = written(instant);

        // Act
        const millis = epochMillisOf(text);

        // Assess
        expect(millis).toBe(Date.parse(text));
      }),
    );
  });

  it('reads the milliseconds of a fraction longer than nine digits, which zod accepts', () => {
    // Act
    const millis = epochMillisOf('2000-01-01T00:00:00.0007777777Z');

    // Assess
    expect(millis).toBe(Date.parse('2000-01-01T00:00:00Z'));
  });

  it('refuses impossible dates and times that Date.parse would roll over or misread', () => {
    // Act / Assess
    for (const text of [
      '2025-09-23T10:00:',
      '2025-09-23T10:00:5',
      '2025-09-23T10:00:00.',
      '2025-02-30T10:00:00Z',
      '2025-09-23T24:00:00Z',
      '2025-09-23T10:60:00Z',
      '2025-09-23T10:00:00+08',
      '2025-09-23 10:00:00Z',
    ]) {
      expect(() => epochMillisOf(text), text).toThrow(RangeError);
    }
  });
});
