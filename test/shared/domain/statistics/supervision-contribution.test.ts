/** What a supervision case counts in the statistics, computed by hand. */
import { describe, expect, it } from 'vitest';
import type { SupervisionCase } from '#shared/domain/supervision-cases/supervision-case.ts';
import { supervisionContribution } from '#shared/domain/statistics/supervision-contribution.ts';

/** Only what the contribution reads; the rest of a case does not matter to it. */
const aCase = (overrides: Partial<SupervisionCase>): SupervisionCase =>
  ({ stage: 'open', openedAt: '2026-10-31T15:30:00.000Z', closure: null, overdue: null, ...overrides }) as SupervisionCase;
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

    // Assess
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
