import { describe, expect, it } from 'vitest';
import { parseScoringModel, type ScoringModelIssue } from '#shared/domain/evaluation/scoring-model.ts';
import { cityScoringModel } from '../../../support/evaluation-models.ts';

const problems = (raw: unknown): { path: string; zh: string; en: string }[] => {
  const parsed = parseScoringModel(raw);
  if (parsed.ok) return [];
  return parsed.issues.map((issue: ScoringModelIssue) => ({ path: issue.path.join('/'), zh: issue.words.zh, en: issue.words.en }));
};

describe('validating a scoring model', () => {
  it('accepts a model whose weights add up to 100 and whose grades descend', () => {
    // Act
    const parsed = parseScoringModel(cityScoringModel({ effectiveUntil: '2027-12' }));

    // Assess
    expect(parsed).toEqual({ ok: true, model: cityScoringModel({ effectiveUntil: '2027-12' }) });
  });

  it('refuses weights that do not add up to 100, naming their sum', () => {
    // Act
    const found = problems(
      cityScoringModel({
        dimensions: [
          { metric: 'legalLimitOnTimeRate', weight: 40 },
          { metric: 'promisedLimitOnTimeRate', weight: 30 },
          { metric: 'signalCorrectionRate', weight: 20 },
        ],
      }),
    );

    // Assess
    expect(found).toEqual([{ path: 'dimensions', zh: '各维度权重之和应为 100，现为 90', en: 'the weights must add up to 100; they add up to 90' }]);
  });

  it('refuses overlapping grade thresholds, naming the grade that overlaps', () => {
    // Act
    const found = problems(
      cityScoringModel({
        grades: [
          { grade: 'excellent', minimum: 90 },
          { grade: 'good', minimum: 90 },
          { grade: 'pass', minimum: 60 },
          { grade: 'fail', minimum: 0 },
        ],
      }),
    );

    // Assess
    expect(found).toEqual([{ path: 'grades/1/minimum', zh: '应低于上一等级的下限 90，否则两个等级重叠', en: expect.stringContaining('overlap') }]);
  });

  it('names every problem at once: fields that fail their own schema and rules across fields', () => {
    // Act
    const found = problems({
      ...cityScoringModel(),
      effectiveFrom: '2027-06',
      effectiveUntil: '2027-03',
      basePoints: 100.005,
      dimensions: [
        { metric: 'legalLimitOnTimeRate', weight: 60 },
        { metric: 'legalLimitOnTimeRate', weight: 30 },
      ],
      signalDeductions: { prompt: 10, warning: 5, correction: 3 },
      grades: [
        { grade: 'good', minimum: 80 },
        { grade: 'excellent', minimum: 90 },
        { grade: 'pass', minimum: 60 },
        { grade: 'fail', minimum: 10 },
      ],
      bonus: 5,
    });

    // Assess
    expect(found.map((problem) => problem.path).sort()).toEqual(
      [
        'bonus', // not a field of a model
        'basePoints', // three decimals
        'dimensions', // 90, not 100
        'dimensions/1/metric', // the same metric twice
        'effectiveUntil', // before effectiveFrom
        'grades/0/grade', // not best first
        'grades/1/grade',
        'grades/1/minimum', // 90 above 80
        'grades/3/minimum', // the lowest grade must start at 0
        'signalDeductions/correction', // a correction costs less than a warning
        'signalDeductions/warning', // a warning costs less than a prompt
      ].sort(),
    );
  });

  it('refuses an unknown period, an unknown metric and a fractional weight with words in both languages', () => {
    // Act
    const found = problems({ ...cityScoringModel(), effectiveFrom: '2027-13', dimensions: [{ metric: 'happiness', weight: 99.5 }] });

    // Assess
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'effectiveFrom', zh: expect.stringContaining('YYYY-MM'), en: expect.stringContaining('YYYY-MM') },
        { path: 'dimensions/0/metric', zh: expect.stringContaining('legalLimitOnTimeRate'), en: expect.stringContaining('legalLimitOnTimeRate') },
        { path: 'dimensions/0/weight', zh: expect.stringContaining('权重应为整数百分比'), en: expect.stringContaining('whole percentage') },
      ]),
    );
  });

  it('refuses a top grade no department can reach', () => {
    // Act: 100 base points and at most 5 of bonus
    const found = problems(
      cityScoringModel({
        grades: [
          { grade: 'excellent', minimum: 105.01 },
          { grade: 'good', minimum: 80 },
          { grade: 'pass', minimum: 60 },
          { grade: 'fail', minimum: 0 },
        ],
      }),
    );

    // Assess
    expect(found).toEqual([{ path: 'grades/0/minimum', zh: expect.stringContaining('最高可得 105 分'), en: expect.stringContaining('105') }]);
  });
});
