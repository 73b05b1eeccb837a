import { describe, expect, it } from 'vitest';
import { rankDepartments } from '#shared/domain/evaluation/rank-departments.ts';
import type { DepartmentScore } from '#shared/domain/evaluation/score-department.ts';

const score = (department: string, jurisdiction: string, total: number): DepartmentScore => ({
  department,
  jurisdiction,
  period: '2027-01',
  total,
  parts: [],
  grade: 'pass',
});

describe('ranking departments', () => {
  it('ranks higher totals first; equal totals share a rank and the next rank skips (1, 2, 2, 4)', () => {
    // Act
    const ranked = rankDepartments([
      score('yinzhou-transport', 'yinzhou', 85),
      score('city-housing', 'city', 90.5),
      score('haishu-housing', 'haishu', 85),
      score('haishu-market', 'haishu', 80.25),
    ]);

    // Assess
    expect(ranked.map((entry) => [entry.score.department, entry.cityRank])).toEqual([
      ['city-housing', 1],
      ['haishu-housing', 2], // tied with yinzhou-transport, listed by department id
      ['yinzhou-transport', 2],
      ['haishu-market', 4],
    ]);
  });

  it('ranks each jurisdiction on its own, ties included', () => {
    // Act
    const ranked = rankDepartments([
      score('haishu-market', 'haishu', 70),
      score('haishu-housing', 'haishu', 70),
      score('haishu-tax', 'haishu', 95),
      score('yinzhou-transport', 'yinzhou', 60),
      score('haishu-water', 'haishu', 65),
    ]);

    // Assess
    expect(Object.fromEntries(ranked.map((entry) => [entry.score.department, [entry.cityRank, entry.jurisdictionRank]]))).toEqual({
      'haishu-tax': [1, 1],
      'haishu-housing': [2, 2],
      'haishu-market': [2, 2],
      'haishu-water': [4, 4],
      'yinzhou-transport': [5, 1],
    });
  });

  it('gives the same order whatever order the scores come in', () => {
    // Prepare
    const scores = [score('b', 'city', 80), score('a', 'city', 80), score('c', 'city', 81)];

    // Act
    const forwards = rankDepartments(scores).map((entry) => entry.score.department);
    const backwards = rankDepartments([...scores].reverse()).map((entry) => entry.score.department);

    // Assess
    expect(forwards).toEqual(['c', 'a', 'b']);
    expect(backwards).toEqual(forwards);
  });
});
