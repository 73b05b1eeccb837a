import { describe, expect, it } from 'vitest';
import { parseStatisticsPeriod, type StatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';
import type { SharpRiseFinding, WidespreadFinding } from '#shared/domain/special-reports/detect-patterns.ts';
import { chineseNumber, draftSpecialReport, periodInWords } from '#shared/domain/special-reports/draft-special-report.ts';
import { defaultThresholds } from '#shared/domain/special-reports/pattern-thresholds.ts';
import { editedReport, issuedReport, SpecialReportAlreadyIssued, type SpecialReport } from '#shared/domain/special-reports/special-report.ts';

const november = parseStatisticsPeriod('2026-11') as StatisticsPeriod;

const widespread: WidespreadFinding = {
  kind: 'widespread',
  ruleId: 'licensing.decision-time-limit',
  article: '《中华人民共和国行政许可法》第四十二条',
  count: 9,
  departments: [
    { department: 'haishu-housing', name: '海曙区住房和城乡建设局', jurisdiction: 'haishu', count: 6 },
    { department: 'yinzhou-market-regulation', name: '鄞州区市场监督管理局', jurisdiction: 'yinzhou', count: 3 },
  ],
  districts: [
    { jurisdiction: 'haishu', departments: 1, count: 6 },
    { jurisdiction: 'yinzhou', departments: 1, count: 3 },
  ],
  met: { departments: false, districts: true },
};

const rise: SharpRiseFinding = {
  kind: 'sharpRise',
  scope: { level: 'owner', owner: 'city' },
  ruleId: null,
  article: null,
  current: 9,
  previous: [
    { period: '2026-10', count: 2 },
    { period: '2026-09', count: 4 },
    { period: '2026-08', count: 0 },
  ],
  baseline: 2,
  risePercent: 350,
};

const draft = (findings: (WidespreadFinding | SharpRiseFinding)[]) =>
  draftSpecialReport({
    owner: 'city',
    ownerName: '宁波市',
    period: november,
    thresholds: { ...defaultThresholds, districts: 2 },
    findings,
    omittedFindings: 0,
    districtNames: { haishu: '海曙区', yinzhou: '鄞州区' },
  });

describe('the draft of a special report', () => {
  it('has a Chinese title and summary with the thresholds, and one section per finding with its figures', () => {
    const content = draft([widespread, rise]);

    expect(content.title).toBe('关于宁波市2026年11月行政行为普遍性、突出性问题的专项报告');
    expect(content.summary).toContain('发现普遍性问题 1 项、明显上升 1 项');
    expect(content.summary).toContain('至少 5 个部门或至少 2 个区（县、市）');
    expect(content.sections).toHaveLength(2);
    expect(content.sections[0]?.heading).toBe('一、licensing.decision-time-limit 在 2 个部门被违反');
    expect(content.sections[0]?.body).toBe(
      '2026年11月，规则 licensing.decision-time-limit（依据《中华人民共和国行政许可法》第四十二条）共产生监察信号 9 条，涉及 2 个部门：' +
        '海曙区住房和城乡建设局（6 条）、鄞州区市场监督管理局（3 条），分布于 2 个区（县、市）：海曙区（1 个部门，6 条）、鄞州区（1 个部门，3 条）。' +
        '达到“至少 2 个区（县、市）”的普遍性问题判定标准。',
    );
    expect(content.sections[1]?.heading).toBe('二、全市（宁波市）监察信号总数明显上升');
    expect(content.sections[1]?.body).toContain('监察信号总数为 9 条；前 3 期分别为 2026-10 2 条、2026-09 4 条、2026-08 0 条，平均 2 条，本期上升 350%');
    expect(content.measures[0]).toContain('组织海曙区住房和城乡建设局、鄞州区市场监督管理局对照《中华人民共和国行政许可法》第四十二条开展专项自查');
  });

  it('says so when nothing met a threshold', () => {
    const content = draft([]);
    expect(content.sections).toEqual([]);
    expect(content.summary).toContain('未在宁波市各部门的监察信号中发现达到判定标准的普遍性问题或明显上升');
    expect(content.measures).toHaveLength(1);
  });

  it('says a period and a section number in Chinese', () => {
    expect(periodInWords(parseStatisticsPeriod('2026-Q4') as StatisticsPeriod)).toBe('2026年第四季度');
    expect(periodInWords(parseStatisticsPeriod('2026') as StatisticsPeriod)).toBe('2026年');
    expect([1, 10, 12, 20, 99].map(chineseNumber)).toEqual(['一', '十', '十二', '二十', '九十九']);
  });
});

describe('editing and issuing', () => {
  const report: SpecialReport = {
    owner: 'city',
    period: '2026-11',
    id: 1,
    version: 1,
    status: 'draft',
    thresholds: defaultThresholds,
    comparedWith: ['2026-10', '2026-09', '2026-08'],
    findings: [widespread],
    omittedFindings: 0,
    content: draft([widespread]),
    draftedAt: '2026-12-01T02:00:00.000Z',
    draftedBy: 'citySupervisor:city-1',
  };

  it('moves a draft to the next version with its new words, then issues it, after which it is final', () => {
    const edited = editedReport(report, { ...report.content, title: '专项报告' }, 'citySupervisor:city-2', '2026-12-02T02:00:00.000Z');
    const issued = issuedReport(edited, 'citySupervisor:city-1', '2026-12-03T02:00:00.000Z');

    expect(edited).toMatchObject({ version: 2, status: 'draft', content: { title: '专项报告' }, editedBy: 'citySupervisor:city-2' });
    expect(issued).toMatchObject({ version: 3, status: 'issued', issuedAt: '2026-12-03T02:00:00.000Z', issuedBy: 'citySupervisor:city-1' });
    expect(() => editedReport(issued, report.content, 'citySupervisor:city-1', '2026-12-04T02:00:00.000Z')).toThrow(SpecialReportAlreadyIssued);
    expect(() => issuedReport(issued, 'citySupervisor:city-1', '2026-12-04T02:00:00.000Z')).toThrow(SpecialReportAlreadyIssued);
  });
});
