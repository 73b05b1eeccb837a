import { describe, expect, it } from 'vitest';
import { evaluatePeriod } from '#shared/domain/evaluation/evaluate-period.ts';
import type { ScoringModel } from '#shared/domain/evaluation/scoring-model.ts';
import { cityScoringModel, departmentMonth } from '../../../support/evaluation-models.ts';

const stored = (version: number, overrides: Parameters<typeof cityScoringModel>[0] = {}): ScoringModel => ({
  ...cityScoringModel(overrides),
  version,
  recordedAt: '2026-12-01T02:00:00.000Z',
  recordedBy: 'citySupervisor:sup-c',
});

const versions = [stored(1, { effectiveFrom: '2026-01', effectiveUntil: '2026-12', basePoints: 90 }), stored(2, { effectiveFrom: '2027-01' })];
const month = [
  departmentMonth({ department: 'haishu-housing', jurisdiction: 'haishu' }),
  departmentMonth({ department: 'yinzhou-transport', jurisdiction: 'yinzhou', recordsLateOrIncomplete: 0 }),
];

describe("a period's evaluation", () => {
  it('scores the period under the version in force for it, ranks the results and keeps model and inputs', () => {
    // Act
    const outcome = evaluatePeriod(versions, '2027-01', month);

    // Assess
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.evaluation.model.version).toBe(2);
    expect(outcome.evaluation.results.map((r) => [r.department, r.total, r.cityRank, r.jurisdictionRank])).toEqual([
      ['yinzhou-transport', 81.7, 1, 1],
      ['haishu-housing', 80.95, 2, 1],
    ]);
    expect(outcome.evaluation.inputs.map((m) => m.department)).toEqual(['haishu-housing', 'yinzhou-transport']);
    expect(outcome.evaluation.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same results and digest when run again, in any order of inputs, and another digest for other inputs', () => {
    // Act
    const first = evaluatePeriod(versions, '2027-01', month);
    const again = evaluatePeriod([...versions].reverse(), '2027-01', [...month].reverse());
    const other = evaluatePeriod(versions, '2027-01', [month[0]!, { ...month[1]!, recordsLateOrIncomplete: 1 }]);

    // Assess
    expect(again).toEqual(first);
    expect(first.ok && other.ok && first.evaluation.inputsDigest !== other.evaluation.inputsDigest).toBe(true);
  });

  it("names every input of another period, another district's or a repeated department, and a period no version applies to", () => {
    // Act
    const district = evaluatePeriod([stored(1, { owner: 'haishu' })], '2027-02', [
      departmentMonth({ period: '2027-01' }),
      departmentMonth({ department: 'yinzhou-transport', jurisdiction: 'yinzhou', period: '2027-02' }),
      departmentMonth({ period: '2027-02' }),
    ]);
    const gap = evaluatePeriod(versions, '2025-12', month);

    // Assess
    expect(district.ok ? [] : district.problems.map((p) => [p.index, p.words.en])).toEqual([
      [0, 'must be of 2027-02, not 2027-01'],
      [1, "the model of haishu scores that jurisdiction's departments only"],
      [2, 'department haishu-housing appears twice'],
    ]);
    expect(gap).toEqual({ ok: false, problems: [{ words: { zh: '2025-12 没有适用的评估模型版本', en: 'no version of the model applies to 2025-12' } }] });
  });

  it('scores a quarter under the one version in force for all its months, and names the months of a gap or of two versions', () => {
    // Prepare
    const quarter = month.map((metrics) => ({ ...metrics, period: '2027-Q1' }));

    // Act
    const scored = evaluatePeriod(versions, '2027-Q1', quarter, ['2027-01', '2027-02', '2027-03']);
    const split = evaluatePeriod(versions, '2026-Q4', quarter, ['2026-10', '2026-11', '2026-12']).ok;
    const twoVersions = evaluatePeriod(versions, '2027', quarter, ['2026-12', '2027-01']);
    const gap = evaluatePeriod(versions, '2025-Q4', quarter, ['2025-12', '2026-01']);

    // Assess
    expect(scored.ok && scored.evaluation.model.version).toBe(2);
    expect(scored.ok && scored.evaluation.period).toBe('2027-Q1');
    expect(split).toBe(false); // the metrics say 2027-Q1, not 2026-Q4
    expect(twoVersions.ok ? [] : twoVersions.problems.map((p) => p.words.zh)).toEqual(['2027 的月份分属评估模型第 1、2 版，应按各版本的适用期间分别评估']);
    expect(gap.ok ? [] : gap.problems.map((p) => p.words.zh)).toEqual(['2025-12 没有适用的评估模型版本']);
  });
});
