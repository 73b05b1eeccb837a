/**
 * Test data: arrangements for years the packaged data lacks or gets wrong. The 2027 dates are
 * invented for tests (the State Council had not published 2027 when this was written).
 */
import type { YearArrangement } from '#shared/domain/calendar/calendar-overlay.ts';

/** An invented 2027: New Year (Fri–Sun), Spring Festival 5–13 Feb with make-up days, National Day 1–7 Oct. */
export function anArrangementFor2027(overrides: Partial<YearArrangement> = {}): YearArrangement {
  return {
    year: 2027,
    holidays: [
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
      '2027-02-13',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
      '2027-10-04',
      '2027-10-05',
      '2027-10-06',
      '2027-10-07',
    ],
    makeUpWorkingDays: ['2027-01-31', '2027-02-20', '2027-09-26', '2027-10-09'],
    source: 'test data: invented 2027 arrangement',
    ...overrides,
  };
}

/** A corrected 2026: National Day shortened to 1–5 Oct, no make-up Saturday on 10 Oct. */
export function aCorrected2026(): YearArrangement {
  return {
    year: 2026,
    holidays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05'],
    makeUpWorkingDays: ['2026-09-20'],
    source: 'test data: a correction of 2026',
  };
}
