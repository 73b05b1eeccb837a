import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import arrangementData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { overlayCalendar, YearArrangement } from '#shared/domain/calendar/calendar-overlay.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { addWorkingDays, workingDayDeadline, workingDaysAfter } from '#shared/domain/calendar/working-days.ts';
import { aCorrected2026, anArrangementFor2027 } from './year-arrangement-mother.ts';
import { wordsOfMessage } from '#shared/http/problem.ts';

describe('a calendar with loaded years laid over the State Council data', () => {
  it('makes deadlines counted across a loaded 2027 final instead of provisional', () => {
    // Prepare
    const calendar = overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]);

    // Act
    const withPackageOnly = workingDayDeadline(stateCouncilCalendar, '2026-12-20', addWorkingDays(stateCouncilCalendar, '2026-12-20', 20));
    const withLoaded2027 = workingDayDeadline(calendar, '2026-12-20', addWorkingDays(calendar, '2026-12-20', 20));

    // Assess
    expect(stateCouncilCalendar.hasArrangement(2027)).toBe(false);
    expect(calendar.hasArrangement(2027)).toBe(true);
    expect(withPackageOnly.provisional).toBe(true);
    expect(withLoaded2027.provisional).toBe(false);
    expect(calendar.hasArrangement(2028)).toBe(false);
  });

  it("honours a loaded year's holidays and weekend make-up working days", () => {
    // Prepare
    const calendar = overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]);

    // Act
    const afterSpringFestivalEve = addWorkingDays(calendar, '2027-02-04', 1);
    const february = workingDaysAfter(calendar, '2027-01-31', '2027-02-28');

    // Assess
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true); // a Saturday worked
    expect(stateCouncilCalendar.isWorkingDay('2027-02-20')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // a Monday off
    expect(calendar.isWorkingDay('2027-02-14')).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay('2027-03-01')).toBe(true); // an ordinary Monday
    expect(afterSpringFestivalEve).toBe('2027-02-15');
    expect(addWorkingDays(stateCouncilCalendar, '2027-02-04', 1)).toBe('2027-02-05');
    // 20 weekdays in February 2027, 6 of them off (5, 8–12 Feb), plus Saturday 20 Feb worked.
    expect(february).toBe(20 - 6 + 1);
  });

  it("leaves years that are not loaded to the package's data", () => {
    // Prepare
    const calendar = overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]);

    // Act
    const dates = ['2026-10-01', '2026-10-10', '2026-02-14', '2025-10-08', '2026-06-19'];

    // Assess
    expect(dates.map((date) => calendar.isWorkingDay(date))).toEqual(dates.map((date) => stateCouncilCalendar.isWorkingDay(date)));
    expect(calendar.hasArrangement(2026)).toBe(true);
  });

  it("lets a corrected 2026 replace the package's 2026 entirely", () => {
    // Prepare
    const calendar = overlayCalendar(stateCouncilCalendar, [aCorrected2026()]);

    // Act
    const nationalDayWeek = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-10'].map((date) => calendar.isWorkingDay(date));

    // Assess
    expect(['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-10'].map((date) => stateCouncilCalendar.isWorkingDay(date))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(nationalDayWeek).toEqual([false, true, true, false]);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(true); // off in the package, not in the correction
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // the correction's make-up Sunday
    expect(calendar.overlaidYears).toEqual([2026]);
  });

  it('refuses two arrangements for the same year', () => {
    // Act
    const build = () => overlayCalendar(stateCouncilCalendar, [anArrangementFor2027(), anArrangementFor2027()]);

    // Assess
    expect(build).toThrow(RangeError);
  });

  it('computes the same working days and deadlines in every host time zone', { timeout: 60_000 }, () => {
    // Prepare
    const probe = fileURLToPath(new URL('./calendar-overlay-probe.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const probeIn = (timeZone: string): unknown => JSON.parse(execFileSync(tsx, [probe], { env: { ...process.env, TZ: timeZone }, encoding: 'utf8' }));

    // Act
    const utc = probeIn('UTC') as { workingDays: string[]; deadlines: { date: string; provisional: boolean }[] };
    const newYork = probeIn('America/New_York');

    // Assess
    expect(newYork).toEqual(utc);
    expect(utc.workingDays).toContain('2027-02-20');
    expect(utc.workingDays).not.toContain('2027-02-08');
    expect(utc.deadlines.every((deadline) => !deadline.provisional)).toBe(true);
  });
});

describe('the wire schema of a year arrangement', () => {
  const pointersOf = (value: unknown): string[] => {
    const parsed = YearArrangement.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `/${issue.path.join('/')}: ${wordsOfMessage(issue.message).en}`);
  };

  it('accepts a well-formed year', () => {
    // Act
    const parsed = YearArrangement.safeParse(anArrangementFor2027());

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('accepts every year of the packaged State Council data', () => {
    // Prepare
    const years = stateCouncilCalendar.arrangedYears;
    const datesOf = (table: Record<string, string>, year: number) => Object.keys(table).filter((date) => date.startsWith(`${year}-`));

    // Act
    const refused = years.filter(
      (year) =>
        !YearArrangement.safeParse({
          year,
          holidays: datesOf(arrangementData.holidays, year),
          makeUpWorkingDays: datesOf(arrangementData.workdays, year),
          source: 'chinese-days',
        }).success,
    );

    // Assess
    expect(years.length).toBeGreaterThan(10);
    expect(refused).toEqual([]);
  });

  it('names an impossible date by its place in the list', () => {
    // Act
    const issues = pointersOf(anArrangementFor2027({ holidays: ['2027-01-01', '2027-02-30', '27-10-01'] }));

    // Assess
    expect(issues).toEqual(['/holidays/1: a calendar date YYYY-MM-DD', '/holidays/2: a calendar date YYYY-MM-DD']);
  });

  it('names a date outside the year, a date listed twice and a make-up day that is also a holiday', () => {
    // Act
    const issues = pointersOf(anArrangementFor2027({ holidays: ['2027-01-01', '2026-12-31', '2027-01-01', '2027-02-06'], makeUpWorkingDays: ['2027-02-06'] }));

    // Assess
    expect(issues).toEqual(['/holidays/1: must be a date in 2027', '/holidays/2: listed twice', '/makeUpWorkingDays/0: also listed as a holiday']);
  });

  it('refuses a make-up working day on a weekday', () => {
    // Act
    const issues = pointersOf(anArrangementFor2027({ makeUpWorkingDays: ['2027-01-31', '2027-02-15'] }));

    // Assess
    expect(issues).toEqual(['/makeUpWorkingDays/1: a make-up working day must be a Saturday or Sunday']);
  });

  it('refuses holidays that fall only on weekends, and an empty list', () => {
    // Act
    const weekendsOnly = pointersOf(anArrangementFor2027({ holidays: ['2027-01-02', '2027-01-03'] }));
    const none = pointersOf(anArrangementFor2027({ holidays: [] }));

    // Assess
    expect(weekendsOnly).toEqual(['/holidays: at least one holiday must fall on a weekday']);
    expect(none).toEqual(['/holidays: at least one holiday']);
  });

  it('refuses a year out of range, a missing source and unknown fields', () => {
    // Act
    const issues = pointersOf({ ...anArrangementFor2027(), year: 1999, source: ' ', approvedBy: 'me' });

    // Assess
    expect(issues.map((issue) => issue.split(':')[0])).toEqual(expect.arrayContaining(['/year', '/source']));
    expect(YearArrangement.safeParse({ ...anArrangementFor2027(), approvedBy: 'me' }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
