/**
 * The working days an alert's deadline leaves, as the console counts them: the State Council's
 * arrangement (National Day 2025: 1–8 October off, Saturday 11 October worked), a year a
 * supervisor loaded replacing it, and the deadline day itself.
 */
import { describe, expect, it } from 'vitest';
import { deadlineStanding, workingDayCalendar, yearsBetween } from '../../console/src/calendar/working-days.ts';

const packaged = workingDayCalendar(new Map());

describe('working days to a deadline', () => {
  it('skips the National Day holiday when counting the days left', () => {
    // Monday 29 and Tuesday 30 September, then Thursday 9 October.
    expect(deadlineStanding('2025-09-29', '2025-10-09', packaged)).toEqual({ state: 'left', days: 3 });
  });

  it('counts a make-up Saturday among the days a case is overdue', () => {
    // Friday 10, Saturday 11 (worked) and Monday 13 October.
    expect(deadlineStanding('2025-10-13', '2025-10-09', packaged)).toEqual({ state: 'overdue', days: 3 });
  });

  it('says the deadline day is the last one', () => {
    expect(deadlineStanding('2025-10-09', '2025-10-09', packaged)).toEqual({ state: 'lastDay' });
  });

  it('lets a loaded year replace the packaged arrangement', () => {
    const noHolidays = workingDayCalendar(new Map([[2025, { holidays: [], makeUpWorkingDays: [] }]]));
    expect(deadlineStanding('2025-09-29', '2025-10-09', noHolidays)).toEqual({ state: 'left', days: 9 });
  });

  it('asks for the years between today and the deadline, the latest five at most', () => {
    expect(yearsBetween('2026-12-05', '2025-09-28')).toEqual([2025, 2026]);
    expect(yearsBetween('2030-01-01', '2020-01-01')).toEqual([2026, 2027, 2028, 2029, 2030]);
  });
});
