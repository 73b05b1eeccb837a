import { describe, expect, it } from 'vitest';
import { overlayCalendar } from '#shared/domain/calendar/calendar-overlay.ts';
import { awaitsArrangementOf, firstAwaitedYear, provisionalDeadlines } from '#shared/domain/calendar/provisional-deadlines.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { addWorkingDays, workingDayDeadline } from '#shared/domain/calendar/working-days.ts';
import { anArrangementFor2027 } from './year-arrangement-mother.ts';

/** Stored deadlines shaped like a licensing case's: a clock start and two working-day deadlines. */
function licensingDeadlines(clockStart: string, promisedDays: number, statutoryDays: number): Record<string, unknown> {
  const cal = stateCouncilCalendar;
  return {
    clockStart,
    clockStartBasis: 'accepted',
    promised: workingDayDeadline(cal, clockStart, addWorkingDays(cal, clockStart, promisedDays)),
    statutory: workingDayDeadline(cal, clockStart, addWorkingDays(cal, clockStart, statutoryDays)),
    suspendedWorkingDays: 0,
  };
}

describe("a case's deadlines waiting for a year's holiday arrangement", () => {
  it('finds the provisional deadlines of a case whose periods run into 2027', () => {
    // Prepare
    const deadlines = licensingDeadlines('2026-12-10', 5, 20);

    // Act
    const found = provisionalDeadlines(deadlines);

    // Assess
    expect(found.map((deadline) => deadline.name)).toEqual(['statutory']);
    expect(found[0]?.date.startsWith('2027-')).toBe(true);
  });

  it('says the case awaits 2027 and not 2028, and nothing for a case inside 2026', () => {
    // Prepare
    const crossing = licensingDeadlines('2026-12-10', 5, 20);
    const inside2026 = licensingDeadlines('2026-03-02', 5, 20);

    // Act
    const awaits = [awaitsArrangementOf(crossing, 2027), awaitsArrangementOf(crossing, 2028), awaitsArrangementOf(inside2026, 2027)];

    // Assess
    expect(awaits).toEqual([true, false, false]);
  });

  it('names the first year without an arrangement, and none once that year is loaded', () => {
    // Prepare
    const deadlines = licensingDeadlines('2026-12-10', 5, 20);
    const with2027 = overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]);

    // Act
    const before = firstAwaitedYear(stateCouncilCalendar, deadlines, 2026);
    const after = firstAwaitedYear(with2027, deadlines, 2026);

    // Assess
    expect(before).toBe(2027);
    expect(after).toBeUndefined();
  });

  it('finds provisional deadlines nested in family-specific shapes and ignores look-alikes', () => {
    // Prepare
    const deadlines = {
      stages: { hearing: { date: '2027-03-01', at: '2027-03-01T15:59:59.999Z', provisional: true } },
      publicity: [
        { date: '2026-05-01', provisional: false },
        { date: '2028-01-04', provisional: true },
      ],
      note: { date: 'soon', provisional: true },
    };

    // Act
    const found = provisionalDeadlines(deadlines);

    // Assess
    expect(found).toEqual([
      { name: 'stages.hearing', date: '2027-03-01' },
      { name: 'publicity[1]', date: '2028-01-04' },
    ]);
  });
});
