/**
 * The working-day arithmetic reads a per-year index of each calendar; these properties hold it to
 * the plain definition, a walk day by day, on the State Council calendar, on calendars with loaded
 * years laid over it, on random holiday tables and on calendars of arbitrary shape, across years
 * with and without an arrangement.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlayCalendar, type YearArrangement } from '#shared/domain/calendar/calendar-overlay.ts';
import { epochDayOf, localDateOfEpochDay, weekdayOfEpochDay, yearOfEpochDay } from '#shared/domain/calendar/local-date.ts';
import { holidayArrangementCalendar, stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import type { WorkingDayCalendar } from '#shared/domain/calendar/working-day-calendar.ts';
import {
  addWorkingDays,
  firstDateWithinWorkingDaysOf,
  isProvisional,
  workingDayArithmetic as days,
  workingDayDeadline,
  workingDaysAfter,
} from '#shared/domain/calendar/working-days.ts';
import { aCorrected2026, anArrangementFor2027 } from './year-arrangement-mother.ts';

// ---------------------------------------------------------------------------------------------
// The definitions, walked day by day.

const working = (cal: WorkingDayCalendar, day: number): boolean => cal.isWorkingDay(localDateOfEpochDay(day));

function walkCountAfter(cal: WorkingDayCalendar, from: number, to: number): number {
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (working(cal, day)) count++;
  return count;
}

function walkAdd(cal: WorkingDayCalendar, from: number, n: number): number {
  let day = from;
  for (let counted = 0; counted < n;) if (working(cal, ++day)) counted++;
  return day;
}

/** The earliest d with at most n working days in (d, until]: step back while one more day still fits. */
function walkFirstWithin(cal: WorkingDayCalendar, until: number, n: number): number {
  let day = until;
  let count = 0;
  for (;;) {
    const before = count + (working(cal, day) ? 1 : 0);
    if (before > n) return day;
    count = before;
    day--;
  }
}

function walkIsProvisional(cal: WorkingDayCalendar, from: number, to: number): boolean {
  for (let year = yearOfEpochDay(Math.min(from, to)); year <= yearOfEpochDay(Math.max(from, to)); year++) if (!cal.hasArrangement(year)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Calendars.

/** 2025 to 2029: arranged years (2025, 2026), the packaged data's end, loaded and unloaded years. */
const aDay = fc.integer({ min: epochDayOf('2025-01-01'), max: epochDayOf('2029-12-31') });
const aCount = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 600 }));

/** A random year arrangement: some weekdays off, some weekend days worked. */
function anArrangement(year: number): fc.Arbitrary<YearArrangement> {
  const first = epochDayOf(`${year}-01-01`);
  const daysOfYear = fc.integer({ min: first, max: epochDayOf(`${year}-12-31`) });
  return fc.tuple(fc.uniqueArray(daysOfYear, { minLength: 1, maxLength: 40 }), fc.uniqueArray(daysOfYear, { maxLength: 12 })).map(([off, worked]) => {
    const weekend = (day: number): boolean => weekdayOfEpochDay(day) === 0 || weekdayOfEpochDay(day) === 6;
    const holidays = [first + 1, ...off.filter((day) => !weekend(day) || off.length % 2 === 0)];
    const makeUp = worked.filter((day) => weekend(day) && !holidays.includes(day));
    return { year, holidays: [...new Set(holidays)].map(localDateOfEpochDay), makeUpWorkingDays: makeUp.map(localDateOfEpochDay), source: 'random test data' };
  });
}

/** Calendars of every kind the system builds, each a fresh object (so its index is built anew). */
const aCalendar: fc.Arbitrary<{ readonly name: string; readonly cal: WorkingDayCalendar }> = fc.oneof(
  fc.constant({ name: 'State Council', cal: stateCouncilCalendar }),
  fc.constant(null).map(() => ({ name: 'State Council with 2027 loaded', cal: overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]) })),
  fc.constant(null).map(() => ({ name: 'State Council with 2026 corrected', cal: overlayCalendar(stateCouncilCalendar, [aCorrected2026()]) })),
  fc
    .tuple(fc.subarray([2026, 2027, 2028, 2029], { minLength: 1 }).chain((years) => fc.tuple(...years.map(anArrangement))))
    .map(([arrangements]) => ({ name: 'random years loaded', cal: overlayCalendar(stateCouncilCalendar, arrangements) })),
  fc.tuple(anArrangement(2025), anArrangement(2026), anArrangement(2027)).map((arrangements) => {
    const table = { holidays: {} as Record<string, string>, workdays: {} as Record<string, string> };
    for (const { holidays, makeUpWorkingDays } of arrangements) {
      for (const date of holidays) table.holidays[date] = 'holiday';
      for (const date of makeUpWorkingDays) table.workdays[date] = 'make-up';
    }
    return { name: 'random holiday table', cal: holidayArrangementCalendar(table) };
  }),
  fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 8 })).map(([period, phase]) => ({
    name: `a working day every ${period} days, arranged in even years`,
    cal: {
      isWorkingDay: (date: string) => (epochDayOf(date) + phase) % period === 0,
      hasArrangement: (year: number) => year % 2 === 0,
    } satisfies WorkingDayCalendar,
  })),
);

// ---------------------------------------------------------------------------------------------

describe('working-day arithmetic on the index, against a walk day by day', () => {
  it('counts the working days between two days as the walk does', () => {
    fc.assert(
      fc.property(aCalendar, aDay, aDay, ({ cal }, from, to) => {
        expect(days.countAfter(cal, from, to)).toBe(walkCountAfter(cal, from, to));
        expect(workingDaysAfter(cal, localDateOfEpochDay(from), localDateOfEpochDay(to))).toBe(walkCountAfter(cal, from, to));
      }),
      { numRuns: 400 },
    );
  });

  it('adds working days as the walk does, across years with and without an arrangement', () => {
    fc.assert(
      fc.property(aCalendar, aDay, aCount, ({ cal }, from, n) => {
        expect(days.add(cal, from, n)).toBe(walkAdd(cal, from, n));
        expect(addWorkingDays(cal, localDateOfEpochDay(from), n)).toBe(localDateOfEpochDay(walkAdd(cal, from, n)));
      }),
      { numRuns: 400 },
    );
  });

  it('finds the first day within n working days of a limit as the walk does', () => {
    fc.assert(
      fc.property(aCalendar, aDay, aCount, ({ cal }, until, n) => {
        expect(days.firstWithin(cal, until, n)).toBe(walkFirstWithin(cal, until, n));
        expect(firstDateWithinWorkingDaysOf(cal, localDateOfEpochDay(until), n)).toBe(localDateOfEpochDay(walkFirstWithin(cal, until, n)));
      }),
      { numRuns: 400 },
    );
  });

  it('marks a period provisional exactly when it touches a year without an arrangement', () => {
    fc.assert(
      fc.property(aCalendar, aDay, aDay, ({ cal }, from, to) => {
        const expected = walkIsProvisional(cal, from, to);
        expect(days.isProvisional(cal, from, to)).toBe(expected);
        expect(isProvisional(cal, localDateOfEpochDay(from), localDateOfEpochDay(to))).toBe(expected);
        expect(days.deadline(cal, from, to)).toEqual({ date: localDateOfEpochDay(to), at: `${localDateOfEpochDay(to)}T15:59:59.999Z`, provisional: expected });
        expect(workingDayDeadline(cal, localDateOfEpochDay(from), localDateOfEpochDay(to)).provisional).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('gives every calendar its own answers when several are used in turn', () => {
    // Prepare: the same questions to calendars that disagree, interleaved.
    const calendars = [
      stateCouncilCalendar,
      overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]),
      overlayCalendar(stateCouncilCalendar, [aCorrected2026()]),
    ];

    // Act / Assess
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(calendars.length - 1), aDay, aCount), { minLength: 1, maxLength: 20 }), (questions) => {
        for (const [which, from, n] of questions) {
          const cal = calendars[which] as WorkingDayCalendar;
          expect(days.add(cal, from, n)).toBe(walkAdd(cal, from, n));
          expect(days.isProvisional(cal, from, from + n)).toBe(walkIsProvisional(cal, from, from + n));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts across many years at once, far from the years with data', () => {
    // Prepare
    const from = epochDayOf('1995-06-30');
    const to = epochDayOf('2031-02-01');

    // Act
    const counted = days.countAfter(stateCouncilCalendar, from, to);
    const added = days.add(stateCouncilCalendar, from, counted);

    // Assess
    expect(counted).toBe(walkCountAfter(stateCouncilCalendar, from, to));
    expect(added).toBe(walkAdd(stateCouncilCalendar, from, counted));
    expect(days.firstWithin(stateCouncilCalendar, to, counted)).toBe(walkFirstWithin(stateCouncilCalendar, to, counted));
  });
});
