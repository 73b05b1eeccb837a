import { describe, expect, it } from 'vitest';
import {
  departmentReport,
  governmentReport,
  percentOf,
  periodWordsOf,
  readableInstant,
  reportColumns,
  type ReportDepartment,
} from '#shared/domain/evaluation/evaluation-report.ts';
import { januaryNames, januarySource } from '../../../support/evaluation-snapshots.ts';

const byId = (rows: readonly ReportDepartment[], department: string): ReportDepartment => rows.find((row) => row.department === department) as ReportDepartment;

describe('the report to the government', () => {
  it('lists every department best first with its hand-computed total, grade, shared ranks and deductions', () => {
    // Act
    const report = governmentReport(januarySource(), januaryNames);

    // Assess
    expect(
      report.departments.map((row) => [row.department, row.total, row.grade, row.rank, row.jurisdictionRank, row.jurisdictionDepartments, row.deducted]),
    ).toEqual([
      ['city-market', 100, 'excellent', 1, 1, 2, 0],
      ['city-tax', 100, 'excellent', 1, 1, 2, 0],
      ['haishu-housing', 80.95, 'good', 3, 1, 2, -11.75],
      ['haishu-transport', 23.67, 'fail', 4, 2, 2, -33],
    ]);
    expect(report.rankedDepartments).toBe(4);
    expect(byId(report.departments, 'haishu-housing')).toMatchObject({ departmentName: '海曙区住房和城乡建设局', jurisdictionName: '海曙区' });
  });

  it("sums the scope's figures exactly: a mean rounded half-up, grade counts, signals and acts", () => {
    // Act
    const report = governmentReport(januarySource(), januaryNames);

    // Assess: (100 + 100 + 80.95 + 23.67) / 4 = 76.155 → 76.16.
    expect(report.summary).toEqual({
      departments: 4,
      averageTotal: 76.16,
      highestTotal: 100,
      lowestTotal: 23.67,
      gradeCounts: [
        { grade: 'excellent', count: 2 },
        { grade: 'good', count: 1 },
        { grade: 'pass', count: 0 },
        { grade: 'fail', count: 1 },
      ],
      signalsRaised: { prompt: 3, warning: 3, correction: 1 },
      concludedActs: 310,
    });
  });

  it("gives each jurisdiction of a city's evaluation its own figures, the city's first", () => {
    // Act
    const report = governmentReport(januarySource(), januaryNames);

    // Assess: Haishu (80.95 + 23.67) / 2 = 52.31.
    expect(report.jurisdictions.map((entry) => [entry.jurisdiction, entry.jurisdictionName, entry.departments, entry.averageTotal, entry.lowestTotal])).toEqual(
      [
        ['city', '宁波市', 2, 100, 100],
        ['haishu', '海曙区', 2, 52.31, 23.67],
      ],
    );
  });

  it("says what each part came from, from the version's own inputs and model", () => {
    // Act
    const report = governmentReport(januarySource(), januaryNames);

    // Assess
    const housing = byId(report.departments, 'haishu-housing').parts.map((part) => [part.points, part.basis.zh]);
    expect(housing).toEqual([
      [39.2, '基础分 100 × 权重 40% × 法定时限内办结 196 / 200（98.00%）'],
      [28.5, '基础分 100 × 权重 30% × 承诺时限内办结 190 / 200（95.00%）'],
      [3.5, '基础分 100 × 权重 10% × 节省法定工作日 1400 / 4000（35.00%）'],
      [20, '基础分 100 × 权重 20% × 按时纠正或说明的信号 1 / 1（100.00%）'],
      [-6, '提示信号 2 条 × 每条 3 分'],
      [-5, '警戒信号 1 条 × 每条 5 分'],
      [0, '纠错信号 0 条 × 每条 10 分'],
      [-0.75, '迟报或不完整的记录 6 / 400（1.50%）× 每百分点 0.5 分，上限 10 分'],
      [1.5, '提前办结 30 / 200（15.00%）× 每百分点 0.1 分，上限 5 分'],
    ]);
    const transport = byId(report.departments, 'haishu-transport').parts;
    expect(transport[2]!.basis.zh).toBe('基础分 100 × 权重 10% × 节省法定工作日 0 / 100（0.00%）');
    expect(transport[3]).toMatchObject({ points: 6.67, basis: { zh: '基础分 100 × 权重 20% × 按时纠正或说明的信号 1 / 3（33.33%）' } });
    expect(transport[7]).toMatchObject({ points: -10, basis: { zh: '迟报或不完整的记录 5 / 20（25.00%）× 每百分点 0.5 分，上限 10 分' } });
    const tax = byId(report.departments, 'city-tax').parts;
    expect(tax[0]!.basis.zh).toBe('基础分 100 × 权重 40% × 本期无办结件，按 100% 计');
    expect(tax[7]!.basis).toEqual({ zh: '本期未报送记录，不计分', en: 'no record reported: no points' });
  });

  it("titles the report with the owner's name and the period, and carries the version it was drawn from", () => {
    // Act
    const report = governmentReport(januarySource(), januaryNames);

    // Assess
    expect(report).toMatchObject({
      audience: 'government',
      title: { zh: '宁波市2027年1月效能评估报告' },
      owner: 'city',
      period: '2027-01',
      version: 3,
      modelVersion: 2,
      modelName: '宁波市部门效能评估办法',
      basePoints: 100,
      evaluatedAt: '2027-02-02T02:15:00.000Z',
      approvedAt: '2027-02-03T01:30:00.000Z',
      unmeasuredInputs: ['recordsReported'],
    });
    expect(report.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(report.formula.zh[0]).toBe('宁波市部门效能评估办法（市级）。');
  });

  it("ranks a district's own evaluation among its departments only, with no jurisdiction breakdown", () => {
    // Act
    const report = governmentReport(januarySource('haishu'), januaryNames);

    // Assess
    expect(report.departments.map((row) => [row.department, row.rank, row.jurisdictionRank])).toEqual([
      ['haishu-housing', 1, 1],
      ['haishu-transport', 2, 2],
    ]);
    expect(report.rankedDepartments).toBe(2);
    expect(report.jurisdictions).toEqual([]);
    expect(report.title.zh).toBe('海曙区2027年1月效能评估报告');
  });

  it('prints an id where the city structure no longer names a department', () => {
    // Act
    const report = governmentReport(januarySource(), { departments: new Map(), jurisdictions: new Map() });

    // Assess
    expect(report.departments[0]).toMatchObject({ departmentName: 'city-market', jurisdictionName: 'city' });
  });

  it('draws the same report from the same version, however often', () => {
    // Act
    const first = governmentReport(januarySource(), januaryNames);
    const second = governmentReport(januarySource(), januaryNames);

    // Assess
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describe('the report to a department', () => {
  it('holds its own figures, ranks and parts only, with the number of departments ranked', () => {
    // Act
    const report = departmentReport(januarySource(), januaryNames, 'haishu-transport');

    // Assess
    expect(report).toMatchObject({ audience: 'department', title: { zh: '海曙区交通运输局2027年1月效能评估结果通报' }, rankedDepartments: 4 });
    expect(report?.summary).toBeNull();
    expect(report?.jurisdictions).toEqual([]);
    expect(report?.departments.map((row) => [row.department, row.total, row.rank, row.jurisdictionRank, row.deducted])).toEqual([
      ['haishu-transport', 23.67, 4, 2, -33],
    ]);
    expect(JSON.stringify(report)).not.toContain('city-market');
    expect(JSON.stringify(report)).not.toContain('80.95');
  });

  it('is none for a department the version did not evaluate', () => {
    // Act
    const report = departmentReport(januarySource('haishu'), januaryNames, 'city-market');

    // Assess
    expect(report).toBeUndefined();
  });
});

describe("the report's table and words", () => {
  it('has one column per figure and, for each part, its points beside what they came from', () => {
    // Act
    const report = departmentReport(januarySource(), januaryNames, 'haishu-housing')!;
    const columns = reportColumns(report);

    // Assess
    expect(columns.map((column) => column.header).slice(0, 16)).toEqual([
      '评估主体',
      '评估期间',
      '结果版本',
      '批准时间',
      '部门编号',
      '部门',
      '辖区',
      '排名',
      '参评部门数',
      '辖区排名',
      '辖区参评部门数',
      '总分',
      '等级',
      '扣分合计',
      '法定时限内办结率得分',
      '法定时限内办结率得分依据',
    ]);
    expect(columns).toHaveLength(14 + 2 * 9);
    expect(columns.map((column) => column.cell(report.departments[0]!)).slice(3, 14)).toEqual([
      { text: '2027-02-03 09:30（北京时间）' },
      { text: 'haishu-housing' },
      { text: '海曙区住房和城乡建设局' },
      { text: '海曙区' },
      { count: 3 },
      { count: 4 },
      { count: 1 },
      { count: 2 },
      { points: 80.95 },
      { text: '良好' },
      { points: -11.75 },
    ]);
  });

  it('says a period, a share and an instant as a reader does', () => {
    // Act & Assess
    expect([periodWordsOf('2027-01').zh, periodWordsOf('2027-Q3').zh, periodWordsOf('2027').zh]).toEqual(['2027年1月', '2027年第三季度', '2027年度']);
    expect([percentOf(1, 3), percentOf(2, 3), percentOf(1, 8), percentOf(0, 5)]).toEqual(['33.33%', '66.67%', '12.50%', '0.00%']);
    expect(readableInstant('2027-01-31T16:30:00.000Z')).toBe('2027-02-01 00:30（北京时间）');
  });
});
