/**
 * What a complaint counts in the statistics, computed by hand. October 2026: National Day and
 * Mid-Autumn off 1–7 October (Saturday 10 October a working day); November has no holiday.
 */
import { describe, expect, it } from 'vitest';
import { applyDecision, applyResult, applyReview } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { complaintContribution, complaintStatisticsOwner, jurisdictionStatisticsOwner } from '#shared/domain/statistics/complaint-contribution.ts';
import { statisticsFigures, summedCounters } from '#shared/domain/statistics/statistics-figures.ts';
import { aFiledComplaint, aForwardedComplaint, clockContext } from '../complaints/complaint-mother.ts';

/** Forwarded on 12 October (due 23 October), the department's result on 20 October, accepted on Monday 2 November. */
const concludedLate = (finding?: 'upheld' | 'partlyUpheld' | 'notUpheld') => {
  const reported = applyResult(
    aForwardedComplaint(),
    { by: 'department', department: 'haishu-housing', summary: '已责成窗口限期办结。', evidence: [], ...(finding === undefined ? {} : { finding }) },
    clockContext('2026-10-20T02:00:00.000Z', 'departmentLiaison:liaison-1'),
  ).complaint;
  return applyReview(reported, { verdict: 'accept' }, clockContext('2026-11-02T03:00:00.000Z')).complaint;
};

describe('a complaint in the statistics', () => {
  it('counts a filed complaint as received in the Shanghai month of its receipt: 23:30 on 31 October is October', () => {
    // Act
    const contribution = complaintContribution(aFiledComplaint({ receivedAt: '2026-10-31T15:30:00.000Z' }));

    // Assess
    expect(contribution).toEqual({ '2026-10': { complaintsReceived: 1 } });
  });

  it('counts a complaint received at midnight starting 1 November, Shanghai (16:00 UTC the day before), in November', () => {
    // Act
    const contribution = complaintContribution(aFiledComplaint({ receivedAt: '2026-10-31T16:00:00.000Z' }));

    // Assess
    expect(contribution).toEqual({ '2026-11': { complaintsReceived: 1 } });
  });

  it('counts the decision in its month, in time when taken by the acceptance clock’s last day', () => {
    // Act: received Friday 9 October, due Thursday 15 October (9 Oct + 5 working days: 10, 12, 13, 14, 15); decided on the 12th.
    const contribution = complaintContribution(aForwardedComplaint());

    // Assess
    expect(contribution).toEqual({ '2026-10': { complaintsReceived: 1, complaintsAccepted: 1, complaintsDecidedInTime: 1 } });
  });

  it('counts a late refusal to accept as not accepted and not in time, and never as concluded', () => {
    // Prepare: received Saturday 31 October (Shanghai), due Friday 6 November; refused Monday 9 November.
    const filed = aFiledComplaint({ receivedAt: '2026-10-31T02:00:00.000Z' });

    // Act
    const refused = applyDecision(filed, { accepted: false, reasons: '不属于本机关受理范围。' }, clockContext('2026-11-09T02:00:00.000Z')).complaint;

    // Assess
    expect(filed.acceptanceDeadline.date).toBe('2026-11-06');
    expect(complaintContribution(refused)).toEqual({ '2026-10': { complaintsReceived: 1 }, '2026-11': { complaintsNotAccepted: 1 } });
  });

  it('counts the conclusion in its month: late against the handling deadline, upheld in part, 24 days after receipt', () => {
    // Act
    const contribution = complaintContribution(concludedLate('partlyUpheld'));

    // Assess
    expect(contribution).toEqual({
      '2026-10': { complaintsReceived: 1, complaintsAccepted: 1, complaintsDecidedInTime: 1 },
      '2026-11': { complaintsConcluded: 1, complaintsWithFinding: 1, complaintsUpheld: 1, complaintHandlingDays: 24 },
    });
  });

  it('counts a finding of not upheld among the findings, and a result without a finding in neither', () => {
    // Act
    const notUpheld = complaintContribution(concludedLate('notUpheld'))['2026-11'];
    const withoutFinding = complaintContribution(concludedLate())['2026-11'];

    // Assess
    expect(notUpheld).toEqual({ complaintsConcluded: 1, complaintsWithFinding: 1, complaintHandlingDays: 24 });
    expect(withoutFinding).toEqual({ complaintsConcluded: 1, complaintHandlingDays: 24 });
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
    });
  });
});
