import { describe, expect, it } from 'vitest';
import { parseStatisticsPeriod, type StatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import { previousPeriods } from '#shared/domain/special-reports/comparison-periods.ts';
import {
  detectPatterns,
  isSharpRise,
  sharpRises,
  signalCountsOf,
  widespreadBreaches,
  type DepartmentSignals,
  type PatternInput,
  type SignalCounts,
} from '#shared/domain/special-reports/detect-patterns.ts';
import { defaultThresholds, PatternThresholds } from '#shared/domain/special-reports/pattern-thresholds.ts';

const late = 'licensing.decision-time-limit';
const fee = 'licensing.fee';
const articles = { [late]: '《中华人民共和国行政许可法》第四十二条' };

/** Signals of a period: the rules' counts, the total their sum unless given. */
const counts = (byRule: Record<string, number>, total?: number): SignalCounts => ({
  total: total ?? Object.values(byRule).reduce((a, b) => a + b, 0),
  byRule,
});
const none = counts({});

/** A department with this period's and the three previous periods' counts. */
const department = (id: string, jurisdiction: string, current: SignalCounts, previous: SignalCounts[] = [none, none, none]): DepartmentSignals => ({
  department: id,
  name: `${id} 局`,
  jurisdiction,
  current,
  previous,
});

const input = (owner: string, departments: DepartmentSignals[]): PatternInput => ({
  owner,
  previousPeriods: ['2026-10', '2026-09', '2026-08'],
  departments,
  articles,
});

/** One signal of `rule` in each of `n` departments spread over the districts named. */
const spread = (n: number, districts: string[], rule = late): DepartmentSignals[] =>
  Array.from({ length: n }, (_unused, i) => department(`d${i}`, districts[i % districts.length] as string, counts({ [rule]: 1 })));

describe('a rule broken in many departments or districts', () => {
  it('is widespread when exactly the threshold of departments broke it, and not one fewer', () => {
    const thresholds = { ...defaultThresholds, departments: 5, districts: 3 };

    const met = widespreadBreaches(input('haishu', spread(5, ['haishu'])), thresholds);
    const missed = widespreadBreaches(input('haishu', spread(4, ['haishu'])), thresholds);

    expect(met).toHaveLength(1);
    expect(met[0]).toMatchObject({ kind: 'widespread', ruleId: late, article: articles[late], count: 5, met: { departments: true, districts: false } });
    expect(met[0]?.departments.map((d) => d.department)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    expect(missed).toEqual([]);
  });

  it('is widespread in a city report when exactly the threshold of districts broke it, however few departments', () => {
    const thresholds = { ...defaultThresholds, departments: 5, districts: 3 };

    const three = widespreadBreaches(input('city', spread(3, ['haishu', 'yinzhou', 'jiangbei'])), thresholds);
    // Two districts and a city department: the city is no district.
    const two = widespreadBreaches(input('city', spread(3, ['haishu', 'yinzhou', 'city'])), thresholds);

    expect(three[0]).toMatchObject({ met: { departments: false, districts: true }, count: 3 });
    expect(three[0]?.districts.map((d) => d.jurisdiction).sort()).toEqual(['haishu', 'jiangbei', 'yinzhou']);
    expect(two).toEqual([]);
  });

  it('does not count districts in a district report, which covers one district', () => {
    const thresholds = { ...defaultThresholds, departments: 5, districts: 2 };
    expect(widespreadBreaches(input('haishu', spread(3, ['haishu', 'yinzhou', 'jiangbei'])), thresholds)).toEqual([]);
  });

  it('sums the signals and lists the departments most signals first, with their districts', () => {
    const departments = [
      department('a', 'haishu', counts({ [late]: 2, [fee]: 1 })),
      department('b', 'haishu', counts({ [late]: 7 })),
      department('c', 'yinzhou', counts({ [late]: 3 })),
    ];

    const [finding] = widespreadBreaches(input('city', departments), { ...defaultThresholds, departments: 3, districts: 2 });

    expect(finding).toEqual({
      kind: 'widespread',
      ruleId: late,
      article: articles[late],
      count: 12,
      departments: [
        { department: 'b', name: 'b 局', jurisdiction: 'haishu', count: 7 },
        { department: 'c', name: 'c 局', jurisdiction: 'yinzhou', count: 3 },
        { department: 'a', name: 'a 局', jurisdiction: 'haishu', count: 2 },
      ],
      districts: [
        { jurisdiction: 'haishu', departments: 2, count: 9 },
        { jurisdiction: 'yinzhou', departments: 1, count: 3 },
      ],
      met: { departments: true, districts: true },
    });
  });

  it('names a rule without a known article by its id only', () => {
    const [finding] = widespreadBreaches(input('haishu', spread(2, ['haishu'], 'permit.custom-rule')), { ...defaultThresholds, departments: 2 });
    expect(finding).toMatchObject({ ruleId: 'permit.custom-rule', article: null });
  });
});

describe('a sharp rise', () => {
  const t = { ...defaultThresholds, previousPeriods: 3, risePercent: 50, minimumCount: 5 };

  it('is a count at least 50% above the mean of the previous periods: 6 over 4, 4, 4 is; 5 is not', () => {
    expect(isSharpRise(6, [4, 4, 4], t)).toBe(true);
    expect(isSharpRise(5, [4, 4, 4], t)).toBe(false);
    // Mean 10/3: 1.5 × 10/3 = 5 exactly.
    expect(isSharpRise(5, [2, 4, 4], t)).toBe(true);
    expect(isSharpRise(4, [2, 4, 4], t)).toBe(false);
  });

  it('needs the minimum count, so that 1 → 2 is no rise, and counts a rise from a zero baseline once it reaches it', () => {
    expect(isSharpRise(2, [1, 1, 1], t)).toBe(false);
    expect(isSharpRise(4, [0, 0, 0], t)).toBe(false);
    expect(isSharpRise(5, [0, 0, 0], t)).toBe(true);
  });

  it("finds the owner's and a department's rise, in total and per rule, with the figures of each period", () => {
    const departments = [
      department('a', 'haishu', counts({ [late]: 6 }), [counts({ [late]: 1 }), counts({ [late]: 2 }), counts({ [late]: 1 })]),
      department('b', 'haishu', counts({ [fee]: 1 }), [counts({ [fee]: 1 }), none, counts({ [fee]: 2 })]),
    ];

    const rises = sharpRises(input('haishu', departments), t);

    // The district: 7 against 2, 2, 3 (mean 7/3): +200%; its late decisions 6 against 1, 2, 1 (mean 4/3): +350%.
    expect(rises).toEqual([
      {
        kind: 'sharpRise',
        scope: { level: 'owner', owner: 'haishu' },
        ruleId: null,
        article: null,
        current: 7,
        previous: [
          { period: '2026-10', count: 2 },
          { period: '2026-09', count: 2 },
          { period: '2026-08', count: 3 },
        ],
        baseline: 2.33,
        risePercent: 200,
      },
      expect.objectContaining({
        scope: { level: 'owner', owner: 'haishu' },
        ruleId: late,
        article: articles[late],
        current: 6,
        baseline: 1.33,
        risePercent: 350,
      }),
      expect.objectContaining({ scope: { level: 'department', department: 'a', name: 'a 局', jurisdiction: 'haishu' }, ruleId: null, current: 6 }),
      expect.objectContaining({ scope: { level: 'department', department: 'a', name: 'a 局', jurisdiction: 'haishu' }, ruleId: late, current: 6 }),
    ]);
  });

  it('says a rise from nothing has no percentage', () => {
    const [rise] = sharpRises(input('city', [department('a', 'haishu', counts({ [late]: 5 }))]), t);
    expect(rise).toMatchObject({ current: 5, baseline: 0, risePercent: null });
  });

  it('compares with missing previous periods as zero', () => {
    const departments = [department('a', 'haishu', counts({ [late]: 5 }), [])];
    expect(sharpRises(input('haishu', departments), t)[0]).toMatchObject({ current: 5, previous: [{ count: 0 }, { count: 0 }, { count: 0 }] });
  });
});

describe('every pattern of a period', () => {
  it('lists the widespread breaches before the rises, and nothing when no threshold is met', () => {
    const departments = spread(5, ['haishu', 'yinzhou', 'jiangbei']);
    const found = detectPatterns(input('city', departments), defaultThresholds);
    expect(found.map((f) => f.kind)).toEqual(['widespread', 'sharpRise', 'sharpRise']);
    expect(detectPatterns(input('city', spread(2, ['haishu'])), defaultThresholds)).toEqual([]);
  });
});

describe("the signal counts of a period's counters", () => {
  it('sums the levels and reads each rule from its counter', () => {
    expect(signalCountsOf({ received: 9, signalsPrompt: 1, signalsWarning: 2, signalsCorrection: 3, [`rule:${late}`]: 4, [`rule:${fee}`]: 2 })).toEqual({
      total: 6,
      byRule: { [late]: 4, [fee]: 2 },
    });
  });
});

describe('the periods compared with', () => {
  const period = (text: string): StatisticsPeriod => parseStatisticsPeriod(text) as StatisticsPeriod;

  it('are the previous months, quarters or years, nearest first, across a year boundary', () => {
    expect(previousPeriods(period('2027-02'), 3).map((p) => p.text)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(previousPeriods(period('2027-Q1'), 3).map((p) => p.text)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
    expect(previousPeriods(period('2027'), 2).map((p) => p.text)).toEqual(['2026', '2025']);
  });
});

describe('the thresholds', () => {
  it('default to 5 departments, 3 districts, 3 previous periods, 50% and 5 signals', () => {
    expect(defaultThresholds).toEqual({ departments: 5, districts: 3, previousPeriods: 3, risePercent: 50, minimumCount: 5 });
  });

  it('refuse each value out of range, naming it', () => {
    const parsed = PatternThresholds.safeParse({ departments: 1, districts: 101, previousPeriods: 0, risePercent: 2.5, minimumCount: 0 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('/')).sort()).toEqual([
      'departments',
      'districts',
      'minimumCount',
      'previousPeriods',
      'risePercent',
    ]);
  });
});
