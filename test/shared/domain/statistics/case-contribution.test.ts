import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWeekday, type WorkingDayCalendar } from '#shared/domain/calendar/working-day-calendar.ts';
import {
  caseContribution,
  commitDeltas,
  contributionDelta,
  sumOfContributions,
  timeLimitOf,
  type CaseStatisticsInput,
  type CaseTimeLimit,
  type StatisticsContribution,
} from '#shared/domain/statistics/case-contribution.ts';
import { openOverdueAtEndOf, statisticsFigures, summedCounters } from '#shared/domain/statistics/statistics-figures.ts';
import { monthOfInstant, parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { anAlert } from '../alerts/alert-mother.ts';

/** Monday to Friday, no holidays: the working days below are counted by hand on it. */
const weekdays: WorkingDayCalendar = { isWorkingDay: isWeekday, hasArrangement: () => true };

/** Counted from Monday 2 November 2026: the 10th working day after it is Mon 16 Nov, the 20th Mon 30 Nov. */
const novemberLimit: CaseTimeLimit = {
  clockStart: '2026-11-02',
  promisedDue: '2026-11-16',
  legalDue: '2026-11-30',
  suspendedWorkingDays: 0,
  clockStopped: false,
};
/** Counted from Friday 23 October 2026: legal limit Fri 20 Nov (5 days in October + 15 in November = 20), promised Fri 13 Nov. */
const octoberLimit: CaseTimeLimit = {
  clockStart: '2026-10-23',
  promisedDue: '2026-11-13',
  legalDue: '2026-11-20',
  suspendedWorkingDays: 0,
  clockStopped: false,
};

const input = (overrides: Partial<CaseStatisticsInput>): CaseStatisticsInput => ({
  startedOn: '2026-11-02',
  completedAt: null,
  timeLimit: novemberLimit,
  alerts: [],
  asOf: '2026-11-02T02:00:00.000Z',
  records: [],
  ...overrides,
});

/** Decided Thu 12 Nov 10:00 Shanghai: 8 working days taken (3, 4, 5, 6, 9, 10, 11, 12 Nov). */
const decidedEarly = input({ completedAt: '2026-11-12T02:00:00.000Z', asOf: '2026-11-12T02:00:00.000Z' });
/** Decided at 23:30 Shanghai on 30 November (15:30 UTC the same day): the legal limit's last day, 20 working days. */
const decidedAtTheLastMinute = input({ completedAt: '2026-11-30T15:30:00.000Z', asOf: '2026-11-30T15:30:00.000Z' });
/** Received 23 October, still open on Saturday 21 November 09:00 Shanghai: overdue since 21 November. */
const openOverdue = input({ startedOn: '2026-10-23', timeLimit: octoberLimit, asOf: '2026-11-21T01:00:00.000Z' });
/** The same case decided Tue 5 January 2027: 5 + 21 + 23 + 3 (1, 4, 5 Jan) = 52 working days after 23 October. */
const overdueDecided = { ...openOverdue, completedAt: '2027-01-05T02:00:00.000Z', asOf: '2027-01-05T02:00:00.000Z' };

describe('statistics periods in Shanghai time', () => {
  it('puts 23:30 on the last day of a month in that month, and midnight after it in the next', () => {
    expect(monthOfInstant('2026-11-30T15:30:00.000Z')).toBe('2026-11');
    expect(monthOfInstant('2026-11-30T23:30:00+08:00')).toBe('2026-11');
    expect(monthOfInstant('2026-11-30T16:00:00.000Z')).toBe('2026-12');
  });

  it('reads months, quarters and years, and nothing else', () => {
    expect(parseStatisticsPeriod('2026-11')?.months).toEqual(['2026-11']);
    expect(parseStatisticsPeriod('2026-Q4')?.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(parseStatisticsPeriod('2026')?.months).toHaveLength(12);
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '26', '2026-11-01', '', 'november']) expect(parseStatisticsPeriod(bad)).toBeUndefined();
  });
});

describe('what one case contributes', () => {
  it('counts a case decided early: received and decided in November, 8 working days of 20', () => {
    expect(caseContribution(decidedEarly, weekdays)).toEqual({
      '2026-11': {
        received: 1,
        completed: 1,
        timed: 1,
        withinLegal: 1,
        withinPromised: 1,
        early: 1,
        workingDays: 8,
        legalWorkingDays: 20,
        days08: 1,
        // (20 − 8) ÷ 20 = 0.6
        speedUpMillionths: 600_000,
      },
    });
  });

  it('counts a decision at 23:30 Shanghai on 30 November in November, within the legal limit but past the promised one', () => {
    expect(caseContribution(decidedAtTheLastMinute, weekdays)).toEqual({
      '2026-11': { received: 1, completed: 1, timed: 1, withinLegal: 1, workingDays: 20, legalWorkingDays: 20, days20: 1 },
    });
  });

  it('counts an open case past its legal limit as overdue from the day after the limit, until it is decided', () => {
    expect(caseContribution(openOverdue, weekdays)).toEqual({ '2026-10': { received: 1 }, '2026-11': { overdueOpened: 1 } });
    // Still open in December: the same contribution (it stays counted, it does not vanish).
    expect(caseContribution({ ...openOverdue, asOf: '2026-12-20T02:00:00.000Z' }, weekdays)).toEqual(caseContribution(openOverdue, weekdays));
    expect(caseContribution(overdueDecided, weekdays)).toEqual({
      '2026-10': { received: 1 },
      '2026-11': { overdueOpened: 1 },
      // (20 − 52) ÷ 20 = −1.6
      '2027-01': { completed: 1, timed: 1, workingDays: 52, legalWorkingDays: 20, days60: 1, speedUpMillionths: -1_600_000, overdueClosed: 1 },
    });
  });

  it('does not count an open case as overdue on its limit’s last day, nor while a suspension stops its clock', () => {
    expect(caseContribution({ ...openOverdue, asOf: '2026-11-20T15:59:00.000Z' }, weekdays)).toEqual({ '2026-10': { received: 1 } });
    expect(caseContribution({ ...openOverdue, timeLimit: { ...octoberLimit, clockStopped: true } }, weekdays)).toEqual({ '2026-10': { received: 1 } });
  });

  it('counts signals by level and by rule in the month raised, the corrected ones with their minutes, and not the withdrawn', () => {
    const alerts = [
      anAlert({ level: 'warning', status: 'resolved', resolvedAt: '2026-11-12T02:00:00.000Z' }, '2026-11-10T02:00:00.000Z'),
      anAlert({ ruleId: 'licensing.fee', level: 'correction' }, '2026-11-20T16:00:00.000Z'),
      anAlert({ ruleId: 'licensing.extension', level: 'prompt', status: 'withdrawn' }, '2026-11-03T02:00:00.000Z'),
      // 00:00 on 1 December in Shanghai.
      anAlert({ ruleId: 'licensing.suspension', level: 'prompt' }, '2026-11-30T16:00:00.000Z'),
    ];
    expect(caseContribution(input({ alerts }), weekdays)).toEqual({
      // Raised 10 Nov 10:00, cleared 12 Nov 10:00: 48 hours = 2880 minutes.
      '2026-11': {
        received: 1,
        signalsWarning: 1,
        signalsCorrection: 1,
        corrected: 1,
        correctionMinutes: 2880,
        'rule:licensing.decision-time-limit': 1,
        'rule:licensing.fee': 1,
      },
      '2026-12': { signalsPrompt: 1, 'rule:licensing.suspension': 1 },
    });
  });

  it('counts the reporting signals every family shares by level only, without a counter per rule', () => {
    const alerts = [
      anAlert({ ruleId: 'reporting.late', level: 'prompt' }, '2026-11-10T02:00:00.000Z'),
      anAlert({ ruleId: 'reporting.incomplete', level: 'warning' }, '2026-11-11T02:00:00.000Z'),
    ];
    expect(caseContribution(input({ alerts }), weekdays)).toEqual({ '2026-11': { received: 1, signalsPrompt: 1, signalsWarning: 1 } });
  });

  it('counts each record in the month it was received, late when received more than 24 hours after the act', () => {
    const records = [
      // Exactly 24 hours: in time.
      { occurredAt: '2026-11-02T09:00:00+08:00', receivedAt: '2026-11-03T01:00:00.000Z' },
      // 24 hours and a millisecond: late.
      { occurredAt: '2026-11-02T09:00:00+08:00', receivedAt: '2026-11-03T01:00:00.001Z' },
      // Received at 00:30 on 1 December in Shanghai: December's, and late (nine days).
      { occurredAt: '2026-11-22T10:00:00+08:00', receivedAt: '2026-11-30T16:30:00.000Z' },
    ];
    expect(caseContribution(input({ records }), weekdays)).toEqual({
      '2026-11': { received: 1, records: 2, late: 1 },
      '2026-12': { records: 1, late: 1 },
    });
  });

  it('contributes volume and signals only for a family without working-day limits', () => {
    expect(timeLimitOf({ caseType: 'proactive', publication: null })).toBeNull();
    expect(caseContribution(input({ timeLimit: null, completedAt: '2026-11-12T02:00:00.000Z' }), weekdays)).toEqual({
      '2026-11': { received: 1, completed: 1 },
    });
  });

  it('reads the limits licensing states in its deadlines', () => {
    expect(
      timeLimitOf({
        clockStart: '2026-11-02',
        promised: { date: '2026-11-16', at: '2026-11-16T15:59:59.999Z', provisional: false },
        statutory: { date: '2026-11-30', at: '2026-11-30T15:59:59.999Z', provisional: false },
        suspendedWorkingDays: 2,
        clockStopped: false,
      }),
    ).toEqual({ ...novemberLimit, suspendedWorkingDays: 2 });
    expect(timeLimitOf({ clockStart: null, promised: null, statutory: null })).toBeNull();
  });
});

describe('the figures of a period', () => {
  const november = parseStatisticsPeriod('2026-11')!.months;
  const all = (...contributions: StatisticsContribution[]) => contributions.reduce(sumOfContributions, {});

  it('gives the hand-computed November figures of three cases', () => {
    const byMonth = all(caseContribution(decidedEarly, weekdays), caseContribution(decidedAtTheLastMinute, weekdays), caseContribution(openOverdue, weekdays));
    const figures = statisticsFigures(summedCounters(byMonth, november), openOverdueAtEndOf(byMonth, '2026-11'));
    expect(figures).toMatchObject({
      // The overdue case was received in October.
      received: 2,
      completed: 2,
      onTimeLegal: { numerator: 2, denominator: 2, value: 1 },
      onTimePromised: { numerator: 1, denominator: 2, value: 0.5 },
      earlyCompletion: { numerator: 1, denominator: 2, value: 0.5 },
      // (8 + 20) ÷ 2 = 14; p50 is the 1st of 2 (8), p90 the ⌈1.8⌉ = 2nd (20).
      processingWorkingDays: { mean: 14, p50: 8, p90: 20 },
      // (0.6 + 0) ÷ 2
      speedUpRate: 0.3,
      overdue: { opened: 1, closed: 0, openAtPeriodEnd: 1 },
    });
  });

  it('keeps an open overdue case at the end of the next month, and drops it once decided', () => {
    const open = caseContribution(openOverdue, weekdays);
    expect(openOverdueAtEndOf(open, '2026-10')).toBe(0);
    expect(openOverdueAtEndOf(open, '2026-11')).toBe(1);
    expect(openOverdueAtEndOf(open, '2026-12')).toBe(1);
    // Its decision, applied as a delta to what was counted.
    const after = sumOfContributions(open, contributionDelta(open, caseContribution(overdueDecided, weekdays)));
    expect(openOverdueAtEndOf(after, '2026-11')).toBe(1);
    expect(openOverdueAtEndOf(after, '2026-12')).toBe(1);
    expect(openOverdueAtEndOf(after, '2027-01')).toBe(0);
    expect(statisticsFigures(summedCounters(after, ['2027-01']), 0)).toMatchObject({
      onTimeLegal: { numerator: 0, denominator: 1, value: 0 },
      speedUpRate: -1.6,
    });
  });

  it('has no rates or times when nothing was decided', () => {
    expect(statisticsFigures({}, 0)).toMatchObject({
      onTimeLegal: { value: null },
      processingWorkingDays: { mean: null, p50: null, p90: null },
      speedUpRate: null,
    });
  });
});

describe('deltas', () => {
  const date = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10));
  const instant = fc.integer({ min: 0, max: 120 * 24 }).map((h) => new Date(Date.UTC(2026, 9, 1) + h * 3_600_000).toISOString());
  const state: fc.Arbitrary<CaseStatisticsInput> = fc.record({
    startedOn: date,
    completedAt: fc.option(instant, { nil: null }),
    timeLimit: fc.option(
      fc.record({ clockStart: date, promisedDue: date, legalDue: date, suspendedWorkingDays: fc.integer({ min: 0, max: 5 }), clockStopped: fc.boolean() }),
      { nil: null },
    ),
    alerts: fc
      .array(
        fc.record({ level: fc.constantFrom('prompt', 'warning', 'correction'), status: fc.constantFrom('open', 'resolved', 'withdrawn'), raisedAt: instant }),
        {
          maxLength: 3,
        },
      )
      .map((alerts) =>
        alerts.map((a, i) =>
          anAlert({ ruleId: `rule-${i}`, level: a.level, status: a.status, ...(a.status === 'resolved' ? { resolvedAt: a.raisedAt } : {}) }, a.raisedAt),
        ),
      ),
    asOf: instant,
    records: fc.array(fc.record({ occurredAt: instant, receivedAt: instant }), { maxLength: 4 }),
  });

  it("sum, over a case's successive commits, to the contribution of its final state", () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 6 }), (states) => {
        let applied: StatisticsContribution = {};
        let before: StatisticsContribution | undefined;
        for (const s of states) {
          const after = caseContribution(s, weekdays);
          applied = sumOfContributions(applied, contributionDelta(before, after));
          before = after;
        }
        expect(applied).toEqual(caseContribution(states.at(-1)!, weekdays));
      }),
    );
  });

  it('are empty when a commit changes nothing the statistics count', () => {
    expect(contributionDelta(caseContribution(decidedEarly, weekdays), caseContribution(decidedEarly, weekdays))).toEqual({});
  });
});

describe('the deltas of a commit, per matter', () => {
  const early = caseContribution(decidedEarly, weekdays);
  const open = caseContribution(input({}), weekdays);

  it('adds a new case under its matter, and the change of a counted one under the same', () => {
    expect(commitDeltas(undefined, { matterCode: 'permit', statistics: open })).toEqual([{ matterCode: 'permit', delta: { '2026-11': { received: 1 } } }]);
    expect(commitDeltas({ matterCode: 'permit', statistics: open }, { matterCode: 'permit', statistics: early })).toEqual([
      {
        matterCode: 'permit',
        delta: {
          '2026-11': {
            completed: 1,
            timed: 1,
            withinLegal: 1,
            withinPromised: 1,
            early: 1,
            workingDays: 8,
            legalWorkingDays: 20,
            days08: 1,
            speedUpMillionths: 600_000,
          },
        },
      },
    ]);
    expect(commitDeltas({ matterCode: 'permit', statistics: early }, { matterCode: 'permit', statistics: early })).toEqual([]);
  });

  it('moves what a case counted to its new matter when a record changes the matter', () => {
    expect(commitDeltas({ matterCode: 'permit', statistics: open }, { matterCode: 'licence', statistics: open })).toEqual([
      { matterCode: 'permit', delta: { '2026-11': { received: -1 } } },
      { matterCode: 'licence', delta: { '2026-11': { received: 1 } } },
    ]);
  });

  it('counts a case stored before statistics existed in full at its next commit', () => {
    expect(commitDeltas({ matterCode: 'permit' }, { matterCode: 'permit', statistics: open })).toEqual([{ matterCode: 'permit', delta: open }]);
  });
});
