/** What a supervision case counts in the statistics, computed by hand. */
import { describe, expect, it } from 'vitest';
import { closeSupervisionCase, extendSupervisionCase, reportCaseProgress, type SupervisionCase } from '#shared/domain/supervision-cases/supervision-case.ts';
import { contributionDelta, type StatisticsContribution } from '#shared/domain/statistics/case-contribution.ts';
import { openOverdueAtEndOf } from '#shared/domain/statistics/statistics-figures.ts';
import { supervisionContribution, supervisionOverdueCounters } from '#shared/domain/statistics/supervision-contribution.ts';
import { anOpenCase, calendar, evidence, policy } from '../supervision-cases/supervision-mother.ts';

/** Only what the contribution reads; the rest of a case does not matter to it. Closed in time: reported before its deadline, 30 November. */
const aCase = (overrides: Partial<SupervisionCase>): SupervisionCase =>
  ({
    stage: 'open',
    openedAt: '2026-10-31T15:30:00.000Z',
    deadline: { date: '2026-11-30', at: '2026-11-30T15:59:59.999Z' },
    completionReportedAt: '2026-11-10T02:00:00.000Z',
    closure: null,
    overdue: null,
    ...overrides,
  }) as SupervisionCase;
const closure = (at: string) => ({ at, by: 'districtSupervisor:s', reasons: null, afterCompletionReport: true });

describe('a supervision case in the statistics', () => {
  it('counts an open case as opened in the Shanghai month it was opened: 23:30 on 31 October is October', () => {
    expect(supervisionContribution(aCase({}))).toEqual({ '2026-10': { supervisionOpened: 1 } });
  });

  it('counts a case closed at midnight starting 1 December (16:00 UTC on 30 November) in December, on time when it never went overdue', () => {
    // Act
    const contribution = supervisionContribution(aCase({ stage: 'closed', closure: closure('2026-11-30T16:00:00.000Z') }));

    // Assess
    expect(contribution).toEqual({ '2026-10': { supervisionOpened: 1 }, '2026-12': { supervisionClosed: 1, supervisionClosedOnTime: 1 } });
  });

  it('counts a case that went overdue and was escalated as closed late and escalated, whatever its deadline became later', () => {
    // Act
    const contribution = supervisionContribution(
      aCase({
        stage: 'closed',
        closure: closure('2026-11-20T02:00:00.000Z'),
        overdue: { overdueSince: '2026-11-10T16:00:00.000Z', escalatedAt: '2026-11-17T16:00:00.000Z' },
      }),
    );

    // Assess: its completion was reported by the deadline in force (extended to 30 November), so it is not open overdue.
    expect(contribution['2026-11']).toEqual({ supervisionClosed: 1, supervisionClosedEscalated: 1 });
  });

  it('counts an overdue case not escalated as closed late only', () => {
    expect(
      supervisionContribution(
        aCase({ stage: 'closed', closure: closure('2026-11-20T02:00:00.000Z'), overdue: { overdueSince: '2026-11-10T16:00:00.000Z', escalatedAt: null } }),
      )['2026-11'],
    ).toEqual({ supervisionClosed: 1 });
  });
});

/** Opened Tuesday 20 October 2026, 10:00 Shanghai, due Friday 30 October. */
const openedOn20October = (deadline = '2026-10-30') => anOpenCase({ openedAt: '2026-10-20T02:00:00.000Z', deadline });
const done = <T>(transition: { ok: true; state: T } | { ok: false }): T => {
  if (!transition.ok) throw new Error('refused');
  return transition.state;
};
const reported = (c: SupervisionCase, at: string) =>
  done(reportCaseProgress(c, { kind: 'completion', summary: '已整改完毕。', evidence }, 'departmentLiaison:liaison-1', at));
const closed = (c: SupervisionCase, at: string, reasons: string | null = null) =>
  done(closeSupervisionCase(c, { reasons }, 'districtSupervisor:supervisor-1', at));
const overdueCountersOf = (contribution: StatisticsContribution) =>
  Object.fromEntries(
    Object.entries(contribution).flatMap(([month, counters]) => {
      const overdue = Object.entries(counters).filter(([counter]) => counter.startsWith('supervisionOverdue'));
      return overdue.length === 0 ? [] : [[month, Object.fromEntries(overdue)]];
    }),
  );
const openOverdueAtEnd = (month: string, c: SupervisionCase): number => openOverdueAtEndOf(supervisionContribution(c), month, supervisionOverdueCounters);

describe('supervision cases open and overdue at the end of a month', () => {
  it('counts an open case from the day after its deadline, 31 October, and in every later month while it stays open', () => {
    // Act
    const open = openedOn20October();

    // Assess
    expect(overdueCountersOf(supervisionContribution(open))).toEqual({ '2026-10': { supervisionOverdueOpened: 1 } });
    expect([openOverdueAtEnd('2026-09', open), openOverdueAtEnd('2026-10', open), openOverdueAtEnd('2027-01', open)]).toEqual([0, 1, 1]);
  });

  it('counts a completion reported at 23:59 on its last day, Shanghai, in time, and one a minute past midnight late until the case is closed', () => {
    // Act
    const inTime = reported(openedOn20October(), '2026-10-30T15:59:00.000Z');
    const late = reported(openedOn20October(), '2026-10-30T16:01:00.000Z');
    const lateClosed = closed(late, '2026-11-03T02:00:00.000Z');

    // Assess
    expect(overdueCountersOf(supervisionContribution(inTime))).toEqual({});
    expect(overdueCountersOf(supervisionContribution(closed(inTime, '2026-11-03T02:00:00.000Z')))).toEqual({});
    // Reported late, the case waits for its closure: still open and overdue at the end of October.
    expect(overdueCountersOf(supervisionContribution(late))).toEqual({ '2026-10': { supervisionOverdueOpened: 1 } });
    expect(overdueCountersOf(supervisionContribution(lateClosed))).toEqual({
      '2026-10': { supervisionOverdueOpened: 1 },
      '2026-11': { supervisionOverdueClosed: 1 },
    });
    expect([openOverdueAtEnd('2026-10', lateClosed), openOverdueAtEnd('2026-11', lateClosed)]).toEqual([1, 0]);
  });

  it('closes a case closed late with reasons and no completion report in the Shanghai month of its closure: 00:30 on 1 December is December', () => {
    // Act
    const c = closed(openedOn20October(), '2026-11-30T16:30:00.000Z', '事项已由上级统一处理。');

    // Assess
    expect(overdueCountersOf(supervisionContribution(c))).toEqual({
      '2026-10': { supervisionOverdueOpened: 1 },
      '2026-12': { supervisionOverdueClosed: 1 },
    });
    expect([openOverdueAtEnd('2026-10', c), openOverdueAtEnd('2026-11', c), openOverdueAtEnd('2026-12', c)]).toEqual([1, 1, 0]);
  });

  it('counts a case closed with reasons before its deadline in neither', () => {
    expect(overdueCountersOf(supervisionContribution(closed(openedOn20October(), '2026-10-29T02:00:00.000Z', '事项已由上级统一处理。')))).toEqual({});
  });

  it('moves a case extended past the month’s end to its new deadline’s month, the extension’s save taking October back', () => {
    // Prepare
    const open = openedOn20October();

    // Act: on 28 October, extended to Friday 6 November.
    const extended = done(
      extendSupervisionCase(
        open,
        { deadline: '2026-11-06', reasons: '需等待专家论证。' },
        'districtSupervisor:s',
        '2026-10-28T02:00:00.000Z',
        calendar,
        policy,
      ),
    );

    // Assess
    expect(contributionDelta(supervisionContribution(open), supervisionContribution(extended))).toEqual({
      '2026-10': { supervisionOverdueOpened: -1 },
      '2026-11': { supervisionOverdueOpened: 1 },
    });
    expect([openOverdueAtEnd('2026-10', extended), openOverdueAtEnd('2026-11', extended)]).toEqual([0, 1]);
  });

  it('counts a deadline on the last day of a month from the first day of the next', () => {
    // Act: due Saturday 31 October.
    const open = openedOn20October('2026-10-31');

    // Assess
    expect(overdueCountersOf(supervisionContribution(open))).toEqual({ '2026-11': { supervisionOverdueOpened: 1 } });
    expect([openOverdueAtEnd('2026-10', open), openOverdueAtEnd('2026-11', open)]).toEqual([0, 1]);
  });
});
