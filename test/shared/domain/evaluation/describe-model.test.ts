import { describe, expect, it } from 'vitest';
import { describeModel } from '#shared/domain/evaluation/describe-model.ts';
import { cityScoringModel } from '../../../support/evaluation-models.ts';

describe("a model's formula in words", () => {
  it('says each step of the formula in Chinese, from the model itself', () => {
    // Act
    const words = describeModel(cityScoringModel({ effectiveUntil: '2027-12' }));

    // Assess
    expect(words.zh).toEqual([
      '部门效能评估办法（市级）。',
      '适用于 2027-01 至 2027-12。',
      '基础分 100 分，按各维度计分：法定时限内办结率 × 40%，承诺时限内办结率 × 30%，提速率（节省的法定工作日占比） × 10%，预警信号按时纠正率 × 20%；各维度得分 = 基础分 × 权重 × 该比率。',
      '无办结件或无须纠正的信号时，相应比率按 100% 计。',
      '每条提示信号扣 3 分，每条警戒信号扣 5 分，每条纠错信号扣 10 分。',
      '迟报或不完整的数据占报送数据的比例每 1 个百分点扣 0.5 分，最多扣 10 分。',
      '提前办结率每 1 个百分点加 0.1 分，最多加 5 分。',
      '各项得分先按上限封顶，再四舍五入至 0.01 分；总分为各项得分之和，最低为 0 分（扣完为止）。',
      '等级：90 分及以上为优秀；80 分及以上、不足 90 分为良好；60 分及以上、不足 80 分为合格；不足 60 分为不合格。',
      '总分相同的部门名次并列，其后的名次顺延（如 1、2、2、4）。',
    ]);
  });

  it('says the same in English, sentence for sentence, and names a district model and an open end', () => {
    // Act
    const words = describeModel(cityScoringModel({ owner: 'haishu', name: '海曙区部门效能评估办法' }));

    // Assess
    expect(words.en).toHaveLength(words.zh.length);
    expect(words.zh[0]).toBe('海曙区部门效能评估办法（haishu 辖区）。');
    expect(words.zh[1]).toBe('自 2027-01 起适用，至下一版本生效为止。');
    expect(words.en[4]).toBe('Each prompt signal deducts 3 points, each warning 5, each correction 10.');
    expect(words.en[8]).toBe('Grades: 90 or more is excellent; 80 to below 90 is good; 60 to below 80 is pass; below 60 is fail.');
  });
});
