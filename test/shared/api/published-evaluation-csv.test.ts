import { describe, expect, it } from 'vitest';
import { publishedEvaluationCsv } from '#shared/api/published-evaluation-csv.ts';
import { evaluatePeriod } from '#shared/domain/evaluation/evaluate-period.ts';
import type { ScoringModel } from '#shared/domain/evaluation/scoring-model.ts';
import { cityScoringModel, departmentMonth } from '../../support/evaluation-models.ts';

const model: ScoringModel = { ...cityScoringModel(), version: 1, recordedAt: '2027-01-01T00:00:00.000Z', recordedBy: 'citySupervisor:c' };

describe('a published evaluation as CSV', () => {
  it('writes UTF-8 with a byte-order mark, Chinese headers and one row per department, best first', () => {
    // Arrange
    const outcome = evaluatePeriod([model], '2027-01', [
      departmentMonth({ department: 'haishu-housing' }),
      departmentMonth({
        department: 'yinzhou-transport',
        jurisdiction: 'yinzhou',
        signalsRaised: { prompt: 0, warning: 0, correction: 0 },
        signalsToCorrect: 0,
        signalsCorrected: 0,
      }),
    ]);
    if (!outcome.ok) throw new Error('not evaluated');

    // Act
    const csv = publishedEvaluationCsv({
      owner: 'city',
      period: '2027-01',
      version: 2,
      corrects: 1,
      approvedAt: '2027-02-03T10:00:00.000+08:00',
      results: outcome.evaluation.results,
    });

    // Assess
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '评估主体,评估月份,结果版本,更正版本,批准时间,部门,辖区,全市排名,辖区排名,总分,等级,法定时限内办结率得分,承诺时限内办结率得分,提速率（节省的法定工作日占比）得分,预警信号按时纠正率得分,提示信号扣分,警戒信号扣分,纠错信号扣分,迟报或不完整数据扣分,提前办结加分',
    );
    expect(lines[1]).toMatch(/^city,2027-01,2,1,2027-02-03T10:00:00\.000\+08:00,yinzhou-transport,yinzhou,1,1,91\.95,优秀,/);
    expect(lines[2]).toMatch(/^city,2027-01,2,1,2027-02-03T10:00:00\.000\+08:00,haishu-housing,haishu,2,1,80\.95,良好,/);
    expect(lines[3]).toBe('');
  });
});
