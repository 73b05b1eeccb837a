import { describe, expect, it } from 'vitest';
import { scoreDepartment } from '#shared/domain/evaluation/score-department.ts';
import { cityScoringModel, departmentMonth } from '../../../support/evaluation-models.ts';

const pointsByPart = (score: ReturnType<typeof scoreDepartment>) => score.parts.map((part) => [part.kind, part.item ?? null, part.points]);

describe('scoring a department', () => {
  it('adds the weighted dimensions, deducts signals and late data, adds the early-completion bonus, and grades the total', () => {
    // Act
    const score = scoreDepartment(cityScoringModel(), departmentMonth());

    // Assess
    expect(pointsByPart(score)).toEqual([
      ['dimension', 'legalLimitOnTimeRate', 39.2], // 100 × 40% × 196/200
      ['dimension', 'promisedLimitOnTimeRate', 28.5], // 100 × 30% × 190/200
      ['dimension', 'speedUpRate', 3.5], // 100 × 10% × (4000 − 2600)/4000
      ['dimension', 'signalCorrectionRate', 20], // 100 × 20% × 1/1
      ['signalDeduction', 'prompt', -6], // 2 × 3
      ['signalDeduction', 'warning', -5], // 1 × 5
      ['signalDeduction', 'correction', 0],
      ['dataDeduction', null, -0.75], // 6/400 = 1.5 points of percent × 0.5
      ['earlyCompletionBonus', null, 1.5], // 30/200 = 15 points of percent × 0.1
    ]);
    // 39.2 + 28.5 + 3.5 + 20 − 6 − 5 − 0.75 + 1.5 = 80.95
    expect(score.total).toBe(80.95);
    expect(score.grade).toBe('good');
    expect(score).toMatchObject({ department: 'haishu-housing', jurisdiction: 'haishu', period: '2027-01' });
  });

  it('rounds each part half-up to the hundredth: thirds, and an exact half of a hundredth', () => {
    // Prepare: a third and two thirds of the acts on time, at 50% each
    const model = cityScoringModel({
      dimensions: [
        { metric: 'legalLimitOnTimeRate', weight: 50 },
        { metric: 'promisedLimitOnTimeRate', weight: 50 },
      ],
      earlyCompletionBonus: { pointsPerPercent: 0.67, cap: 5 },
    });
    const quiet = {
      signalsRaised: { prompt: 0, warning: 0, correction: 0 },
      signalsToCorrect: 0,
      signalsCorrected: 0,
      recordsLateOrIncomplete: 0,
    };
    const thirds = departmentMonth({ ...quiet, concludedActs: 300, concludedWithinLegalLimit: 100, concludedWithinPromisedLimit: 200, concludedEarly: 3 });
    // 3 of 200 concluded early = 1.5 points of percent × 0.67 = 1.005 exactly, rounded half-up
    const half = departmentMonth({ ...quiet, concludedActs: 200, concludedWithinLegalLimit: 200, concludedWithinPromisedLimit: 200, concludedEarly: 3 });

    // Act
    const thirdsScore = scoreDepartment(model, thirds);
    const halfScore = scoreDepartment(model, half);

    // Assess
    expect(pointsByPart(thirdsScore).filter(([kind]) => kind !== 'signalDeduction')).toEqual([
      ['dimension', 'legalLimitOnTimeRate', 16.67], // 50 × 1/3 = 16.666…
      ['dimension', 'promisedLimitOnTimeRate', 33.33], // 50 × 2/3 = 33.333…
      ['dataDeduction', null, 0],
      ['earlyCompletionBonus', null, 0.67], // 3/300 = 1 point of percent × 0.67
    ]);
    // 16.67 + 33.33 + 0.67: the published parts add up to the total
    expect(thirdsScore.total).toBe(50.67);
    expect(halfScore.parts.find((part) => part.kind === 'earlyCompletionBonus')?.points).toBe(1.01);
    // 50 + 50 + 1.01
    expect(halfScore.total).toBe(101.01);
  });

  it('counts in exact hundredths where floating point drifts', () => {
    // Prepare: 0.1 a prompt; in floating point 0.1 × 3 is 0.30000000000000004
    const model = cityScoringModel({ signalDeductions: { prompt: 0.1, warning: 0.2, correction: 0.3 } });

    // Act
    const score = scoreDepartment(
      model,
      departmentMonth({ signalsRaised: { prompt: 3, warning: 0, correction: 0 }, signalsToCorrect: 0, signalsCorrected: 0 }),
    );

    // Assess
    expect(score.parts.find((part) => part.item === 'prompt')?.points).toBe(-0.3);
    // 39.2 + 28.5 + 3.5 + 20 − 0.3 − 0.75 + 1.5
    expect(score.total).toBe(91.65);
  });

  it('caps the data deduction and the bonus at their limits', () => {
    // Act: 100 of 400 records late = 25% × 0.5 = 12.5 → capped at 10; 190 of 200 early = 95% × 0.1 = 9.5 → capped at 5
    const score = scoreDepartment(cityScoringModel(), departmentMonth({ recordsLateOrIncomplete: 100, concludedEarly: 190 }));

    // Assess
    expect(score.parts.find((part) => part.kind === 'dataDeduction')?.points).toBe(-10);
    expect(score.parts.find((part) => part.kind === 'earlyCompletionBonus')?.points).toBe(5);
    // 91.2 − 11 − 10 + 5
    expect(score.total).toBe(75.2);
    expect(score.grade).toBe('pass');
  });

  it('never goes below 0, however many signals were raised, and grades it as failing', () => {
    // Act: 12 correction signals cost 120 points
    const score = scoreDepartment(
      cityScoringModel(),
      departmentMonth({ signalsRaised: { prompt: 0, warning: 0, correction: 12 }, signalsToCorrect: 12, signalsCorrected: 0 }),
    );

    // Assess
    expect(score.parts.find((part) => part.item === 'correction')?.points).toBe(-120);
    expect(score.total).toBe(0);
    expect(score.grade).toBe('fail');
  });

  it('scores a period without acts or signals in full, with neither bonus nor data deduction', () => {
    // Act
    const score = scoreDepartment(
      cityScoringModel(),
      departmentMonth({
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
    );

    // Assess
    expect(score.total).toBe(100);
    expect(score.grade).toBe('excellent');
  });

  it('gives no speed-up for acts that took longer than the law allows', () => {
    // Act
    const score = scoreDepartment(cityScoringModel(), departmentMonth({ usedWorkingDays: 4500 }));

    // Assess
    expect(score.parts.find((part) => part.item === 'speedUpRate')?.points).toBe(0);
  });

  it('gives the same numbers every time it is run on the same inputs', () => {
    // Act
    const runs = Array.from({ length: 3 }, () => scoreDepartment(cityScoringModel(), departmentMonth()));

    // Assess
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});
