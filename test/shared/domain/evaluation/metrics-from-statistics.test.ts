import { describe, expect, it } from 'vitest';
import { DepartmentPeriodMetricsSchema } from '#shared/domain/evaluation/department-period-metrics.ts';
import { metricsFromCounters, unmeasuredInputs } from '#shared/domain/evaluation/metrics-from-statistics.ts';

const housing = { department: 'haishu-housing', jurisdiction: 'haishu' };

describe('metrics from the statistics counters', () => {
  it('maps the counters of timed acts and signals, the signals answered in time, and gives the unmeasured inputs as zero', () => {
    // Arrange: 5 decided, 4 of them with a limit in working days; 1 untimed; histogram buckets ignored.
    const counters = {
      received: 7,
      completed: 5,
      timed: 4,
      withinLegal: 4,
      withinPromised: 3,
      early: 2,
      workingDays: 30,
      legalWorkingDays: 80,
      speedUpMillionths: 2_500_000,
      days08: 2,
      signalsPrompt: 3,
      signalsWarning: 1,
      signalsCorrection: 1,
      corrected: 2,
      correctionMinutes: 600,
      overdueOpened: 1,
      toCorrect: 2,
      answeredInTime: 1,
      records: 40,
      late: 3,
    };

    // Act
    const metrics = metricsFromCounters(housing, '2026-11', counters);

    // Assess
    expect(metrics).toEqual({
      department: 'haishu-housing',
      jurisdiction: 'haishu',
      period: '2026-11',
      concludedActs: 4,
      concludedWithinLegalLimit: 4,
      concludedWithinPromisedLimit: 3,
      concludedEarly: 2,
      legalLimitWorkingDays: 80,
      usedWorkingDays: 30,
      signalsRaised: { prompt: 3, warning: 1, correction: 1 },
      signalsToCorrect: 2,
      signalsCorrected: 1,
      recordsReported: 40,
      recordsLateOrIncomplete: 3,
    });
    expect(DepartmentPeriodMetricsSchema.safeParse(metrics).success).toBe(true);
  });

  it('gives a department with no activity zeros that the metrics schema accepts', () => {
    // Act
    const metrics = metricsFromCounters({ department: 'yinzhou-transport', jurisdiction: 'yinzhou' }, '2026-10', {});

    // Assess
    expect(metrics).toMatchObject({ department: 'yinzhou-transport', jurisdiction: 'yinzhou', period: '2026-10', concludedActs: 0, usedWorkingDays: 0 });
    expect(metrics.signalsRaised).toEqual({ prompt: 0, warning: 0, correction: 0 });
    expect(DepartmentPeriodMetricsSchema.safeParse(metrics).success).toBe(true);
  });

  it('names every input it cannot measure yet', () => {
    expect(unmeasuredInputs).toEqual([]);
  });
});
