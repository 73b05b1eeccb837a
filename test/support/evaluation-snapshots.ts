/**
 * Object mothers for stored evaluations, as reports are drawn from them: January 2027 of four
 * departments under the city's model (`cityScoringModel`), two of the city and two of Haishu, with
 * figures chosen so that every part of the model shows (a tie, a capped deduction, a share over
 * nothing, a department that took longer than the law allows). The totals, hand-computed:
 * - city-market: 40 + 30 + 10 × 500/1000 + 20 + 5 (0.1 × 50, the cap) = 100 (excellent);
 * - city-tax: nothing concluded, nothing reported: 40 + 30 + 10 + 20 = 100 (excellent);
 * - haishu-housing: 39.2 + 28.5 + 3.5 + 20 − 6 − 5 − 0.75 + 1.5 = 80.95 (good);
 * - haishu-transport: 32 + 18 + 0 + 6.67 − 3 − 10 − 10 − 10 (0.5 × 25, capped) = 23.67 (fail).
 */
import { evaluatePeriod, type PeriodEvaluation } from '#shared/domain/evaluation/evaluate-period.ts';
import type { ReportNames, ReportSource } from '#shared/domain/evaluation/evaluation-report.ts';
import type { ScoringModel, ScoringModelDefinition } from '#shared/domain/evaluation/scoring-model.ts';
import { cityScoringModel, departmentMonth } from './evaluation-models.ts';

export const januaryMetrics = [
  departmentMonth({
    department: 'city-market',
    jurisdiction: 'city',
    concludedActs: 100,
    concludedWithinLegalLimit: 100,
    concludedWithinPromisedLimit: 100,
    concludedEarly: 50,
    legalLimitWorkingDays: 1000,
    usedWorkingDays: 500,
    signalsRaised: { prompt: 0, warning: 0, correction: 0 },
    signalsToCorrect: 0,
    signalsCorrected: 0,
    recordsReported: 100,
    recordsLateOrIncomplete: 0,
  }),
  departmentMonth({
    department: 'city-tax',
    jurisdiction: 'city',
    concludedActs: 0,
    concludedWithinLegalLimit: 0,
    concludedWithinPromisedLimit: 0,
    concludedEarly: 0,
    legalLimitWorkingDays: 0,
    usedWorkingDays: 0,
    signalsRaised: { prompt: 0, warning: 0, correction: 0 },
    signalsToCorrect: 0,
    signalsCorrected: 0,
    recordsReported: 0,
    recordsLateOrIncomplete: 0,
  }),
  // 196/200 legal, 190/200 promised, 30 early, 1400 of 4000 working days saved, 2 prompts and 1 warning, 6 of 400 records late.
  departmentMonth(),
  departmentMonth({
    department: 'haishu-transport',
    concludedActs: 10,
    concludedWithinLegalLimit: 8,
    concludedWithinPromisedLimit: 6,
    concludedEarly: 0,
    legalLimitWorkingDays: 100,
    usedWorkingDays: 120,
    signalsRaised: { prompt: 1, warning: 2, correction: 1 },
    signalsToCorrect: 3,
    signalsCorrected: 1,
    recordsReported: 20,
    recordsLateOrIncomplete: 5,
  }),
];

const stored = (definition: ScoringModelDefinition): ScoringModel => ({
  ...definition,
  version: 2,
  recordedAt: '2026-12-20T02:00:00.000Z',
  recordedBy: 'citySupervisor:city-1',
});

/** The evaluation as `evaluatePeriod` freezes it (the scoring is tested on its own; here it only makes a consistent snapshot). */
export function januaryEvaluation(owner: 'city' | 'haishu' = 'city'): PeriodEvaluation {
  const model = stored(cityScoringModel({ owner, name: owner === 'city' ? '宁波市部门效能评估办法' : '海曙区部门效能评估办法' }));
  const metrics = owner === 'city' ? januaryMetrics : januaryMetrics.filter((entry) => entry.jurisdiction === owner);
  const outcome = evaluatePeriod([model], '2027-01', metrics);
  if (!outcome.ok) throw new Error(`the mother's evaluation does not hold: ${JSON.stringify(outcome.problems)}`);
  return outcome.evaluation;
}

/** Version 3 of January 2027, run on 2 February and approved on 3 February (Shanghai: 10:15 and 09:30). */
export function januarySource(owner: 'city' | 'haishu' = 'city', approved = true): ReportSource {
  return {
    evaluation: januaryEvaluation(owner),
    version: 3,
    evaluatedAt: '2027-02-02T02:15:00.000Z',
    approvedAt: approved ? '2027-02-03T01:30:00.000Z' : null,
    unmeasuredInputs: ['recordsReported'],
  };
}

export const januaryNames: ReportNames = {
  departments: new Map([
    ['city-market', '宁波市市场监督管理局'],
    ['city-tax', '宁波市税务局'],
    ['haishu-housing', '海曙区住房和城乡建设局'],
    ['haishu-transport', '海曙区交通运输局'],
  ]),
  jurisdictions: new Map([
    ['city', '宁波市'],
    ['haishu', '海曙区'],
  ]),
};
