/** Object mothers for scoring models and a department's period metrics. */
import type { DepartmentPeriodMetrics } from '#shared/domain/evaluation/department-period-metrics.ts';
import type { ScoringModelDefinition } from '#shared/domain/evaluation/scoring-model.ts';

/** The city's model: base 100; 40/30/10/20 weights; −3/−5/−10 per signal; −0.5 per point of bad data (≤ 10); +0.1 per point of early completion (≤ 5). */
export function cityScoringModel(overrides: Partial<ScoringModelDefinition> = {}): ScoringModelDefinition {
  return {
    owner: 'city',
    name: '部门效能评估办法',
    effectiveFrom: '2027-01',
    basePoints: 100,
    dimensions: [
      { metric: 'legalLimitOnTimeRate', weight: 40 },
      { metric: 'promisedLimitOnTimeRate', weight: 30 },
      { metric: 'speedUpRate', weight: 10 },
      { metric: 'signalCorrectionRate', weight: 20 },
    ],
    signalDeductions: { prompt: 3, warning: 5, correction: 10 },
    lateOrIncompleteDataDeduction: { pointsPerPercent: 0.5, cap: 10 },
    earlyCompletionBonus: { pointsPerPercent: 0.1, cap: 5 },
    grades: [
      { grade: 'excellent', minimum: 90 },
      { grade: 'good', minimum: 80 },
      { grade: 'pass', minimum: 60 },
      { grade: 'fail', minimum: 0 },
    ],
    ...overrides,
  };
}

/** A department's month: 200 acts (196 within the legal limit, 190 within the promised, 30 early), 2 prompts and 1 warning, 6 of 400 records late. */
export function departmentMonth(overrides: Partial<DepartmentPeriodMetrics> = {}): DepartmentPeriodMetrics {
  return {
    department: 'haishu-housing',
    jurisdiction: 'haishu',
    period: '2027-01',
    concludedActs: 200,
    concludedWithinLegalLimit: 196,
    concludedWithinPromisedLimit: 190,
    concludedEarly: 30,
    legalLimitWorkingDays: 4000,
    usedWorkingDays: 2600,
    signalsRaised: { prompt: 2, warning: 1, correction: 0 },
    signalsToCorrect: 1,
    signalsCorrected: 1,
    recordsReported: 400,
    recordsLateOrIncomplete: 6,
    ...overrides,
  };
}
