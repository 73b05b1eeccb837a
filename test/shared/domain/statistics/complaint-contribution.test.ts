/**
 * What a complaint counts in the statistics, computed by hand. October 2026: National Day and
 * Mid-Autumn off 1–7 October (Saturday 10 October a working day); November has no holiday.
 */
import { describe, expect, it } from 'vitest';
import type { Complaint } from '#shared/domain/complaints/complaint.ts';
import { applyDecision, applyResult, applyReview } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { contributionDelta, type StatisticsContribution } from '#shared/domain/statistics/case-contribution.ts';
import {
  complaintContribution,
  complaintOverdueCounters,
  complaintStatisticsOwner,
  jurisdictionStatisticsOwner,
} from '#shared/domain/statistics/complaint-contribution.ts';
import { openOverdueAtEndOf, statisticsFigures, summedCounters } from '#shared/domain/statistics/statistics-figures.ts';
import { aFiledComplaint, aForwardedComplaint, clockContext } from '../complaints/complaint-mother.ts';

/** Forwarded on 12 October (due 23 October), the department's result on 20 October. */
const reportedOn20October = (finding?: 'upheld' | 'partlyUpheld' | 'notUpheld') =>
  applyResult(
    aForwardedComplaint(),
    { by: 'department', department: 'haishu-housing', summary: '已责成窗口限期办结。', evidence: [], ...(finding === undefined ? {} : { finding }) },
    clockContext('2026-10-20T02:00:00.000Z', 'departmentLiaison:liaison-1'),
  ).complaint;

/** Forwarded on 12 October (due 23 October), the department's result on 20 October, accepted on Monday 2 November. */
const concludedLate = (finding?: 'upheld' | 'partlyUpheld' | 'notUpheld') =>
  applyReview(reportedOn20October(finding), { verdict: 'accept' }, clockContext('2026-11-02T03:00:00.000Z')).complaint;

/** The complaints open and overdue at the end of `month`, of these complaints. */
const openOverdueAtEnd = (month: string, ...complaints: Complaint[]): number =>
  complaints.reduce((sum, complaint) => sum + openOverdueAtEndOf(complaintContribution(complaint), month, complaintOverdueCounters), 0);
const overdueCountersOf = (contribution: StatisticsContribution) =>
  Object.fromEntries(
    Object.entries(contribution).flatMap(([month, counters]) => {
      const overdue = Object.entries(counters).filter(([counter]) => counter.startsWith('complaintsOverdue'));
      return overdue.length === 0 ? [] : [[month, Object.fromEntries(overdue)]];
    }),
  );

/** Received Friday 23 October 2026, 10:00 Shanghai: the acceptance clock's last day is Friday 30 October (26–30 October). */
const receivedOn23October = () => aFiledComplaint({ receivedAt: '2026-10-23T02:00:00.000Z' });

describe('a complaint in the statistics', () => {
  it('counts a filed complaint as received in the Shanghai month of its receipt: 23:30 on 31 October is October', () => {
    // Act
    const contribution = complaintContribution(aFiledComplaint({ receivedAt: '2026-10-31T15:30:00.000Z' }));

    // Assess: undecided, it also counts as overdue from 7 November, the day after its acceptance clock's last day (Friday 6 November).
    expect(contribution).toEqual({ '2026-10': { complaintsReceived: 1 }, '2026-11': { complaintsOverdueOpened: 1 } });
  });

  it('counts a complaint received at midnight starting 1 November, Shanghai (16:00 UTC the day before), in November', () => {
    // Act
    const contribution = complaintContribution(aFiledComplaint({ receivedAt: '2026-10-31T16:00:00.000Z' }));

    // Assess
    expect(contribution).toEqual({ '2026-11': { complaintsReceived: 1, complaintsOverdueOpened: 1 } });
  });

  it('counts the decision in its month, in time when taken by the acceptance clock’s last day', () => {
    // Act: received Friday 9 October, due Thursday 15 October (9 Oct + 5 working days: 10, 12, 13, 14, 15); decided on the 12th.
    const contribution = complaintContribution(aForwardedComplaint());

    // Assess: forwarded and due 23 October, it counts as overdue from the 24th while it is not concluded.
    expect(contribution).toEqual({ '2026-10': { complaintsReceived: 1, complaintsAccepted: 1, complaintsDecidedInTime: 1, complaintsOverdueOpened: 1 } });
  });

  it('counts a late refusal to accept as not accepted and not in time, and never as concluded', () => {
    // Prepare: received Saturday 31 October (Shanghai), due Friday 6 November; refused Monday 9 November.
    const filed = aFiledComplaint({ receivedAt: '2026-10-31T02:00:00.000Z' });

    // Act
    const refused = applyDecision(filed, { accepted: false, reasons: '不属于本机关受理范围。' }, clockContext('2026-11-09T02:00:00.000Z')).complaint;

    // Assess
    expect(filed.acceptanceDeadline.date).toBe('2026-11-06');
    expect(complaintContribution(refused)).toEqual({
      '2026-10': { complaintsReceived: 1 },
      // Overdue from Saturday 7 November until the refusal on the 9th.
      '2026-11': { complaintsNotAccepted: 1, complaintsOverdueOpened: 1, complaintsOverdueClosed: 1 },
    });
  });

  it('counts the conclusion in its month: late against the handling deadline, upheld in part, 24 days after receipt', () => {
    // Act
    const contribution = complaintContribution(concludedLate('partlyUpheld'));

    // Assess
    expect(contribution).toEqual({
      // Overdue from 24 October, the day after its handling deadline, until its conclusion on 2 November.
      '2026-10': { complaintsReceived: 1, complaintsAccepted: 1, complaintsDecidedInTime: 1, complaintsOverdueOpened: 1 },
      '2026-11': { complaintsConcluded: 1, complaintsWithFinding: 1, complaintsUpheld: 1, complaintHandlingDays: 24, complaintsOverdueClosed: 1 },
    });
  });

  it('counts a finding of not upheld among the findings, and a result without a finding in neither', () => {
    // Act
    const notUpheld = complaintContribution(concludedLate('notUpheld'))['2026-11'];
    const withoutFinding = complaintContribution(concludedLate())['2026-11'];

    // Assess
    expect(notUpheld).toEqual({ complaintsConcluded: 1, complaintsWithFinding: 1, complaintHandlingDays: 24, complaintsOverdueClosed: 1 });
    expect(withoutFinding).toEqual({ complaintsConcluded: 1, complaintHandlingDays: 24, complaintsOverdueClosed: 1 });
  });

  it('counts a complaint under the department it is about, or its jurisdiction when it names none', () => {
    // Act / Assess
    expect(complaintStatisticsOwner(aFiledComplaint())).toBe('haishu-housing');
    expect(complaintStatisticsOwner(aFiledComplaint({ subject: { kind: 'jurisdiction', jurisdiction: 'yinzhou' } }))).toBe(
      jurisdictionStatisticsOwner('yinzhou'),
    );
    expect(jurisdictionStatisticsOwner('yinzhou')).toBe('jurisdiction:yinzhou');
  });
});

describe('the complaint figures of a period', () => {
  it('reads rates and the mean handling time from the summed counters', () => {
    // Prepare: the late, upheld-in-part complaint and the late refusal, over October and November.
    const refused = applyDecision(
      aFiledComplaint({ receivedAt: '2026-10-31T02:00:00.000Z' }),
      { accepted: false, reasons: '不属于本机关受理范围。' },
      clockContext('2026-11-09T02:00:00.000Z'),
    ).complaint;
    const byMonth: Record<string, Record<string, number>> = {};
    for (const contribution of [complaintContribution(concludedLate('partlyUpheld')), complaintContribution(refused)])
      for (const [month, counters] of Object.entries(contribution))
        for (const [counter, value] of Object.entries(counters)) (byMonth[month] ??= {})[counter] = (byMonth[month]?.[counter] ?? 0) + value;

    // Act
    const october = statisticsFigures(summedCounters(byMonth, ['2026-10']), 0).complaints;
    const autumn = statisticsFigures(summedCounters(byMonth, ['2026-10', '2026-11']), 0).complaints;

    // Assess
    expect(october).toEqual({
      received: 2,
      accepted: 1,
      notAccepted: 0,
      decidedInTime: { numerator: 1, denominator: 1, value: 1 },
      concluded: 0,
      concludedInTime: { numerator: 0, denominator: 0, value: null },
      upheld: { numerator: 0, denominator: 0, value: null },
      meanHandlingDays: null,
      openOverdueAtPeriodEnd: null,
    });
    expect(autumn).toEqual({
      received: 2,
      accepted: 1,
      notAccepted: 1,
      decidedInTime: { numerator: 1, denominator: 2, value: 0.5 },
      concluded: 1,
      concludedInTime: { numerator: 0, denominator: 1, value: 0 },
      upheld: { numerator: 1, denominator: 1, value: 1 },
      meanHandlingDays: 24,
      openOverdueAtPeriodEnd: null,
    });
  });

  it('gives the open overdue complaints at the period end it is told, null for a period that has not ended', () => {
    expect(statisticsFigures({}, 0, { complaints: 3, supervision: 0 }).complaints.openOverdueAtPeriodEnd).toBe(3);
    expect(statisticsFigures({}, 0).complaints.openOverdueAtPeriodEnd).toBeNull();
  });
});

describe('complaints open and overdue at the end of a month', () => {
  it('counts an undecided complaint from the day after its acceptance clock, and in every later month while it stays undecided', () => {
    // Prepare
    const undecided = receivedOn23October();

    // Act
    const contribution = complaintContribution(undecided);

    // Assess
    expect(undecided.acceptanceDeadline.date).toBe('2026-10-30');
    expect(overdueCountersOf(contribution)).toEqual({ '2026-10': { complaintsOverdueOpened: 1 } });
    expect([openOverdueAtEnd('2026-09', undecided), openOverdueAtEnd('2026-10', undecided), openOverdueAtEnd('2026-12', undecided)]).toEqual([0, 1, 1]);
  });

  it('ends the lateness of a late decision on its Shanghai day: 23:30 on 31 October is October, 00:30 on 1 November is November', () => {
    // Prepare
    const refuse = (at: string) => applyDecision(receivedOn23October(), { accepted: false, reasons: '不属于本机关受理范围。' }, clockContext(at)).complaint;

    // Act
    const lastEvening = refuse('2026-10-31T15:30:00.000Z');
    const nextMorning = refuse('2026-10-31T16:30:00.000Z');

    // Assess
    expect(overdueCountersOf(complaintContribution(lastEvening))).toEqual({ '2026-10': { complaintsOverdueOpened: 1, complaintsOverdueClosed: 1 } });
    expect(overdueCountersOf(complaintContribution(nextMorning))).toEqual({
      '2026-10': { complaintsOverdueOpened: 1 },
      '2026-11': { complaintsOverdueClosed: 1 },
    });
    expect([openOverdueAtEnd('2026-10', lastEvening), openOverdueAtEnd('2026-10', nextMorning), openOverdueAtEnd('2026-11', nextMorning)]).toEqual([0, 1, 0]);
  });

  it('keeps a complaint concluded after its handling deadline open at the end of the month it went overdue, and closes it in the month of conclusion', () => {
    // Act: due 23 October, concluded 2 November.
    const late = concludedLate('upheld');

    // Assess
    expect([openOverdueAtEnd('2026-09', late), openOverdueAtEnd('2026-10', late), openOverdueAtEnd('2026-11', late)]).toEqual([0, 1, 0]);
  });

  it('counts a complaint concluded by its handling deadline in neither', () => {
    // Act: due Friday 23 October, the result accepted on the 22nd.
    const inTime = applyReview(reportedOn20October('upheld'), { verdict: 'accept' }, clockContext('2026-10-22T03:00:00.000Z')).complaint;

    // Assess
    expect(overdueCountersOf(complaintContribution(inTime))).toEqual({});
  });

  it('moves a complaint whose result is sent back with a deadline past the month’s end to the new deadline’s month, taking October back', () => {
    // Prepare: awaiting review on 22 October, still due the 23rd.
    const awaitingReview = reportedOn20October('notUpheld');

    // Act: sent back on the 22nd, due Thursday 5 November.
    const sentBack = applyReview(
      awaitingReview,
      { verdict: 'sendBack', reasons: '核查不充分。', deadline: '2026-11-05' },
      clockContext('2026-10-22T03:00:00.000Z'),
    ).complaint;

    // Assess
    expect(overdueCountersOf(complaintContribution(awaitingReview))).toEqual({ '2026-10': { complaintsOverdueOpened: 1 } });
    expect(contributionDelta(complaintContribution(awaitingReview), complaintContribution(sentBack))).toEqual({
      '2026-10': { complaintsOverdueOpened: -1 },
      '2026-11': { complaintsOverdueOpened: 1 },
    });
    expect([openOverdueAtEnd('2026-10', sentBack), openOverdueAtEnd('2026-11', sentBack)]).toEqual([0, 1]);
  });

  it('counts a handling deadline on the last day of a month from the first day of the next', () => {
    // Prepare: received Friday 13 November, accepted on the 16th and handled by the supervisor until Monday 30 November.
    const accepted = applyDecision(
      aFiledComplaint({ receivedAt: '2026-11-13T02:00:00.000Z' }),
      { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-11-30' },
      clockContext('2026-11-16T02:00:00.000Z'),
    ).complaint;
    const conclude = (at: string) =>
      applyResult(accepted, { by: 'supervisor', summary: '已核查处理。', finding: 'notUpheld', evidence: [] }, clockContext(at)).complaint;

    // Act
    const onTheLastEvening = conclude('2026-11-30T15:30:00.000Z');
    const justAfterMidnight = conclude('2026-11-30T16:30:00.000Z');

    // Assess
    expect(overdueCountersOf(complaintContribution(accepted))).toEqual({ '2026-12': { complaintsOverdueOpened: 1 } });
    expect([openOverdueAtEnd('2026-11', accepted), openOverdueAtEnd('2026-12', accepted)]).toEqual([0, 1]);
    expect(overdueCountersOf(complaintContribution(onTheLastEvening))).toEqual({});
    expect(overdueCountersOf(complaintContribution(justAfterMidnight))).toEqual({ '2026-12': { complaintsOverdueOpened: 1, complaintsOverdueClosed: 1 } });
  });
});
