import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDayDeadline } from '#shared/domain/calendar/calendar-days.ts';
import { overlayCalendar } from '#shared/domain/calendar/calendar-overlay.ts';
import { epochDayOf, localDateOfEpochDay } from '#shared/domain/calendar/local-date.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { addWorkingDays } from '#shared/domain/calendar/working-days.ts';
import { anArrangementFor2027 } from './year-arrangement-mother.ts';

describe('periods in days (日), Civil Code Art. 201–203', () => {
  it('does not count the start day: fifteen days from a Monday end on the Tuesday two weeks later', () => {
    expect(calendarDayDeadline(cal, '2025-09-01', 15)).toEqual({ date: '2025-09-16', at: '2025-09-16T15:59:59.999Z', provisional: false });
  });

  it('counts holidays and weekends inside the period, unlike working days', () => {
    // Fifteen days from Wednesday 24 September run through National Day to 9 October; fifteen working days, the
    // make-up Sunday 28 September and Saturday 11 October among them, run to Tuesday 21 October.
    expect(addCalendarDays(cal, '2025-09-24', 15)).toBe('2025-10-09');
    expect(addWorkingDays(cal, '2025-09-24', 15)).toBe('2025-10-21');
  });

  it.each([
    ['2025-09-16', 15, '2025-10-01'],
    ['2025-09-19', 15, '2025-10-04'],
    ['2025-09-23', 15, '2025-10-08'],
    ['2025-09-01', 30, '2025-10-01'],
    ['2025-08-02', 60, '2025-10-01'],
  ])('ends a period from %s of %i days, whose last day %s falls in the National Day holiday, on Thursday 9 October', (from, n) => {
    expect(calendarDayDeadline(cal, from, n)).toEqual({ date: '2025-10-09', at: '2025-10-09T15:59:59.999Z', provisional: false });
  });

  it('ends on a weekend make-up working day: the last day is a working day, not a day off', () => {
    // Fifteen days from Saturday 13 September: Sunday 28 September, a make-up working day before National Day.
    expect(addCalendarDays(cal, '2025-09-13', 15)).toBe('2025-09-28');
  });

  it('moves a last day on an ordinary Saturday to the Monday', () => {
    expect(addCalendarDays(cal, '2025-11-07', 15)).toBe('2025-11-24');
  });

  it('moves a last day in the 2026 Spring Festival holiday (15–23 February) to Tuesday 24 February', () => {
    // 60 days from 17 December 2025: Sunday 15 February 2026, the first day of the holiday.
    expect(calendarDayDeadline(cal, '2025-12-17', 60)).toEqual({ date: '2026-02-24', at: '2026-02-24T15:59:59.999Z', provisional: false });
    // Saturday 14 February 2026 is a make-up working day: a period ending then stays there.
    expect(addCalendarDays(cal, '2025-12-16', 60)).toBe('2026-02-14');
  });

  it('crosses New Year into a year with an arrangement and ends on its make-up Sunday', () => {
    // Fifteen days from 20 December 2025: Sunday 4 January 2026, a make-up working day.
    expect(calendarDayDeadline(cal, '2025-12-20', 15)).toEqual({ date: '2026-01-04', at: '2026-01-04T15:59:59.999Z', provisional: false });
  });

  it('marks a period ending in a year without a published arrangement provisional, its weekends off meanwhile', () => {
    // Thirty days from 3 December 2026: Saturday 2 January 2027; without an arrangement, Monday 4 January.
    expect(calendarDayDeadline(cal, '2026-12-03', 30)).toEqual({ date: '2027-01-04', at: '2027-01-04T15:59:59.999Z', provisional: true });
    // A period that ends before the year without an arrangement begins is settled.
    expect(calendarDayDeadline(cal, '2026-12-01', 30)).toEqual({ date: '2026-12-31', at: '2026-12-31T15:59:59.999Z', provisional: false });
  });

  it('moves the provisional end to its real date once the year is arranged', () => {
    // With 1–3 January 2027 off (an invented arrangement), 30 days from 2 December 2026 end on Monday 4 January.
    const arranged = overlayCalendar(cal, [anArrangementFor2027()]);
    expect(calendarDayDeadline(arranged, '2026-12-02', 30)).toEqual({ date: '2027-01-04', at: '2027-01-04T15:59:59.999Z', provisional: false });
    // Without it, Friday 1 January 2027 is taken for a working day, provisionally.
    expect(calendarDayDeadline(cal, '2026-12-02', 30)).toEqual({ date: '2027-01-01', at: '2027-01-01T15:59:59.999Z', provisional: true });
  });

  it('returns the start day for a period of no days', () => {
    expect(addCalendarDays(cal, '2025-10-01', 0)).toBe('2025-10-01');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addCalendarDays(cal, '2025-10-01', -1)).toThrow(RangeError);
    expect(() => addCalendarDays(cal, '2025-10-01', 1.5)).toThrow(RangeError);
  });

  it('always ends on a working day no earlier than the nominal last day, and within a fortnight of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDayOf('2024-01-01'), max: epochDayOf('2027-06-30') }), fc.integer({ min: 1, max: 120 }), (from, n) => {
        const end = epochDayOf(addCalendarDays(cal, localDateOfEpochDay(from), n));
        expect(cal.isWorkingDay(localDateOfEpochDay(end))).toBe(true);
        expect(end).toBeGreaterThanOrEqual(from + n);
        expect(end - (from + n)).toBeLessThan(14);
        for (let day = from + n; day < end; day++) expect(cal.isWorkingDay(localDateOfEpochDay(day))).toBe(false);
      }),
    );
  });
});
