import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkday as packageIsWorkday } from 'chinese-days';
import arrangementData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { epochDayOf, localDateOfEpochDay, type LocalDate } from '#shared/domain/calendar/local-date.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import type { WorkingDayCalendar } from '#shared/domain/calendar/working-day-calendar.ts';
import { addWorkingDays, firstDateWithinWorkingDaysOf, isProvisional, workingDayDeadline, workingDaysAfter } from '#shared/domain/calendar/working-days.ts';

const datesBetween = (from: LocalDate, to: LocalDate): LocalDate[] => {
  const dates: LocalDate[] = [];
  for (let day = epochDayOf(from); day <= epochDayOf(to); day++) dates.push(localDateOfEpochDay(day));
  return dates;
};

/** Arbitrary date from 2024-01-01 to 2027-06-30. */
const aDate = fc.integer({ min: epochDayOf('2024-01-01'), max: epochDayOf('2027-06-30') }).map(localDateOfEpochDay);

describe('State Council working-day calendar', () => {
  it('gives National Day 2025 off from 1 to 8 October and works the Sunday before and Saturday after', () => {
    // Prepare
    const holiday = datesBetween('2025-10-01', '2025-10-08');

    // Act
    const off = holiday.filter((date) => !cal.isWorkingDay(date));

    // Assess
    expect(off).toEqual(holiday);
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up working day
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up working day
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-09-27')).toBe(false); // an ordinary Saturday
  });

  it('gives Spring Festival 2026 off from 15 to 23 February and works Saturdays 14 and 28 February', () => {
    // Prepare
    const holiday = datesBetween('2026-02-15', '2026-02-23');

    // Act
    const off = holiday.filter((date) => !cal.isWorkingDay(date));

    // Assess
    expect(off).toEqual(holiday);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('takes its days off and make-up days from the chinese-days data', () => {
    // Prepare
    const daysOff = Object.keys(arrangementData.holidays).filter((date) => date >= '2024' && date < '2027');
    const makeUpDays = Object.keys(arrangementData.workdays).filter((date) => date >= '2024' && date < '2027');

    // Act
    const wronglyWorking = daysOff.filter((date) => cal.isWorkingDay(date));
    const wronglyOff = makeUpDays.filter((date) => !cal.isWorkingDay(date));

    // Assess
    expect(daysOff.length).toBeGreaterThan(80);
    expect(makeUpDays.length).toBeGreaterThan(15);
    expect(wronglyWorking).toEqual([]);
    expect(wronglyOff).toEqual([]);
  });

  // chinese-days' own functions read dates in the host zone; they are only a reference east of UTC.
  it.skipIf(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset() > 0)('agrees with chinese-days on every day of 2024 to 2026', () => {
    // Prepare
    const dates = datesBetween('2024-01-01', '2026-12-31');

    // Act
    const disagreements = dates.filter((date) => cal.isWorkingDay(date) !== packageIsWorkday(date));

    // Assess
    expect(disagreements).toEqual([]);
  });

  it('knows the arrangements of 2024 to 2026 and none for 2027', () => {
    // Act / Assess
    expect([2024, 2025, 2026].every((year) => cal.hasArrangement(year))).toBe(true);
    expect(cal.hasArrangement(2027)).toBe(false);
    expect(cal.arrangedYears.at(-1)).toBe(2026);
  });

  it('falls back to Monday to Friday in 2027, even on New Year’s Day', () => {
    // Act / Assess
    expect(cal.isWorkingDay('2027-01-01')).toBe(true); // a Friday; no arrangement published yet
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
  });
});

describe('adding working days', () => {
  it('does not count the starting day and counts the make-up Sunday before National Day', () => {
    // Act
    const first = addWorkingDays(cal, '2025-09-26', 1);

    // Assess
    expect(first).toBe('2025-09-28');
  });

  it('skips the National Day holiday and counts the make-up Saturday after it', () => {
    // Act
    const days = [1, 2, 3].map((n) => addWorkingDays(cal, '2025-09-30', n));

    // Assess
    expect(days).toEqual(['2025-10-09', '2025-10-10', '2025-10-11']);
  });

  it('counts ten working days from a receipt on 22 September 2025 to 11 October', () => {
    // Act
    const tenth = addWorkingDays(cal, '2025-09-22', 10);
    const twentieth = addWorkingDays(cal, '2025-09-22', 20);

    // Assess
    expect(tenth).toBe('2025-10-11');
    expect(twentieth).toBe('2025-10-24');
  });

  it('skips Spring Festival 2026 after its make-up Saturday', () => {
    // Act
    const days = [1, 2].map((n) => addWorkingDays(cal, '2026-02-13', n));

    // Assess
    expect(days).toEqual(['2026-02-14', '2026-02-24']);
  });

  it('crosses New Year 2025 to 2026 onto the make-up Sunday of 4 January', () => {
    // Act
    const days = [1, 2].map((n) => addWorkingDays(cal, '2025-12-31', n));

    // Assess
    expect(days).toEqual(['2026-01-04', '2026-01-05']);
  });

  it('returns the starting day for zero days and refuses negative or fractional counts', () => {
    // Act / Assess
    expect(addWorkingDays(cal, '2025-10-01', 0)).toBe('2025-10-01');
    expect(() => addWorkingDays(cal, '2025-10-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2025-10-01', 1.5)).toThrow(RangeError);
  });

  it('gives up instead of looping on a calendar without working days', () => {
    // Prepare
    const neverWorking: WorkingDayCalendar = { isWorkingDay: () => false, hasArrangement: () => true };

    // Act / Assess
    expect(() => addWorkingDays(neverWorking, '2025-10-01', 1)).toThrow(RangeError);
  });
});

describe('counting working days between dates', () => {
  it('counts the days after the first date up to and including the second', () => {
    // Act
    const count = workingDaysAfter(cal, '2025-09-30', '2025-10-11');

    // Assess
    expect(count).toBe(3);
  });

  it('counts nothing when the second date is not after the first', () => {
    // Act / Assess
    expect(workingDaysAfter(cal, '2025-10-09', '2025-10-09')).toBe(0);
    expect(workingDaysAfter(cal, '2025-10-10', '2025-10-09')).toBe(0);
  });

  it('counts across New Year 2025 to 2026', () => {
    // Act
    const count = workingDaysAfter(cal, '2025-12-30', '2026-01-05');

    // Assess: 31 Dec, 4 Jan (make-up Sunday), 5 Jan
    expect(count).toBe(3);
  });

  it('finds the first day on which three working days or fewer remain before a deadline', () => {
    // Act
    const first = firstDateWithinWorkingDaysOf(cal, '2025-10-10', 3);

    // Assess: 29 Sep, then 30 Sep, 9 Oct and 10 Oct remain
    expect(first).toBe('2025-09-29');
    expect(workingDaysAfter(cal, '2025-09-29', '2025-10-10')).toBe(3);
    expect(workingDaysAfter(cal, '2025-09-28', '2025-10-10')).toBe(4);
  });

  it('agrees with a day-by-day count for any dates', () => {
    fc.assert(
      fc.property(aDate, aDate, (from, to) => {
        let expected = 0;
        for (let day = epochDayOf(from) + 1; day <= epochDayOf(to); day++) if (cal.isWorkingDay(localDateOfEpochDay(day))) expected++;
        expect(workingDaysAfter(cal, from, to)).toBe(expected);
      }),
    );
  });

  it('lands the n-th working day on a working day exactly n working days later', () => {
    fc.assert(
      fc.property(aDate, fc.integer({ min: 1, max: 80 }), (from, n) => {
        const date = addWorkingDays(cal, from, n);
        expect(cal.isWorkingDay(date)).toBe(true);
        expect(workingDaysAfter(cal, from, date)).toBe(n);
      }),
    );
  });

  it('finds the earliest day with at most n working days remaining', () => {
    fc.assert(
      fc.property(aDate, fc.integer({ min: 0, max: 40 }), (until, n) => {
        const first = firstDateWithinWorkingDaysOf(cal, until, n);
        expect(workingDaysAfter(cal, first, until)).toBeLessThanOrEqual(n);
        expect(workingDaysAfter(cal, localDateOfEpochDay(epochDayOf(first) - 1), until)).toBeGreaterThan(n);
      }),
    );
  });
});

describe('provisional deadlines', () => {
  it('marks a deadline that runs into 2027 as provisional', () => {
    // Prepare
    const date = addWorkingDays(cal, '2026-12-20', 20);

    // Act
    const deadline = workingDayDeadline(cal, '2026-12-20', date);

    // Assess
    expect(date).toBe('2027-01-15');
    expect(deadline.provisional).toBe(true);
    expect(isProvisional(cal, '2027-03-01')).toBe(true);
  });

  it('does not mark a deadline within 2025 as provisional, and ends it at midnight Shanghai time', () => {
    // Act
    const deadline = workingDayDeadline(cal, '2025-09-22', '2025-10-24');

    // Assess
    expect(deadline).toEqual({ date: '2025-10-24', at: '2025-10-24T15:59:59.999Z', provisional: false });
  });
});
