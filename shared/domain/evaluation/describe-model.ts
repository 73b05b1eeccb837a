/**
 * The formula of a model in words (Art. 21: results are published with how they were reached):
 * one sentence per step, Chinese first. The model itself is the formula as data; these sentences
 * are generated from it, so the two cannot disagree.
 */
import type { Bilingual } from '../bilingual.ts';
import type { EvaluationMetric } from './department-period-metrics.ts';
import { gradeWords, type ScoringModelDefinition } from './scoring-model.ts';

export const metricWords: Readonly<Record<EvaluationMetric, Bilingual>> = {
  legalLimitOnTimeRate: { zh: '法定时限内办结率', en: 'share concluded within the statutory limit' },
  promisedLimitOnTimeRate: { zh: '承诺时限内办结率', en: 'share concluded within the promised limit' },
  speedUpRate: { zh: '提速率（节省的法定工作日占比）', en: 'speed-up rate (share of statutory working days saved)' },
  earlyCompletionRate: { zh: '提前办结率', en: 'share concluded early' },
  signalCorrectionRate: { zh: '预警信号按时纠正率', en: 'share of signals corrected in time' },
};

/** A model's formula, sentence by sentence, in both languages. */
export interface ModelDescription {
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

const periodWords = (model: ScoringModelDefinition): Bilingual =>
  model.effectiveUntil === undefined
    ? { zh: `自 ${model.effectiveFrom} 起适用，至下一版本生效为止。`, en: `Applies from ${model.effectiveFrom} until the next version.` }
    : { zh: `适用于 ${model.effectiveFrom} 至 ${model.effectiveUntil}。`, en: `Applies from ${model.effectiveFrom} to ${model.effectiveUntil}.` };

function gradeSentence(model: ScoringModelDefinition): Bilingual {
  const zh = model.grades.map((band, index) => {
    const above = model.grades[index - 1];
    if (above === undefined) return `${band.minimum} 分及以上为${gradeWords[band.grade].zh}`;
    return band.minimum === 0
      ? `不足 ${above.minimum} 分为${gradeWords[band.grade].zh}`
      : `${band.minimum} 分及以上、不足 ${above.minimum} 分为${gradeWords[band.grade].zh}`;
  });
  const en = model.grades.map((band, index) => {
    const above = model.grades[index - 1];
    if (above === undefined) return `${band.minimum} or more is ${gradeWords[band.grade].en}`;
    return band.minimum === 0
      ? `below ${above.minimum} is ${gradeWords[band.grade].en}`
      : `${band.minimum} to below ${above.minimum} is ${gradeWords[band.grade].en}`;
  });
  return { zh: `等级：${zh.join('；')}。`, en: `Grades: ${en.join('; ')}.` };
}

/** The formula of a model in words: what is scored, deducted and added, how it is rounded, and the grades. */
export function describeModel(model: ScoringModelDefinition): ModelDescription {
  const { signalDeductions: signals, lateOrIncompleteDataDeduction: data, earlyCompletionBonus: bonus } = model;
  const sentences: Bilingual[] = [
    {
      zh: `${model.name}（${model.owner === 'city' ? '市级' : `${model.owner} 辖区`}）。`,
      en: `${model.name} (${model.owner === 'city' ? 'the city' : `jurisdiction ${model.owner}`}).`,
    },
    periodWords(model),
    {
      zh: `基础分 ${model.basePoints} 分，按各维度计分：${model.dimensions.map((d) => `${metricWords[d.metric].zh} × ${d.weight}%`).join('，')}；各维度得分 = 基础分 × 权重 × 该比率。`,
      en: `Base points ${model.basePoints}, scored by dimension: ${model.dimensions.map((d) => `${metricWords[d.metric].en} × ${d.weight}%`).join(', ')}; each dimension scores base points × weight × its share.`,
    },
    {
      zh: '无办结件或无须纠正的信号时，相应比率按 100% 计。',
      en: 'A share over nothing (no acts concluded, no signal to correct) counts as 100%.',
    },
    {
      zh: `每条提示信号扣 ${signals.prompt} 分，每条警戒信号扣 ${signals.warning} 分，每条纠错信号扣 ${signals.correction} 分。`,
      en: `Each prompt signal deducts ${signals.prompt} points, each warning ${signals.warning}, each correction ${signals.correction}.`,
    },
    {
      zh: `迟报或不完整的数据占报送数据的比例每 1 个百分点扣 ${data.pointsPerPercent} 分，最多扣 ${data.cap} 分。`,
      en: `Each percentage point of records reported late or incomplete deducts ${data.pointsPerPercent} points, at most ${data.cap} in all.`,
    },
    {
      zh: `提前办结率每 1 个百分点加 ${bonus.pointsPerPercent} 分，最多加 ${bonus.cap} 分。`,
      en: `Each percentage point of acts concluded early adds ${bonus.pointsPerPercent} points, at most ${bonus.cap} in all.`,
    },
    {
      zh: '各项得分先按上限封顶，再四舍五入至 0.01 分；总分为各项得分之和，最低为 0 分（扣完为止）。',
      en: 'Each part is capped, then rounded half-up to 0.01 points; the total is the sum of the parts, never below 0.',
    },
    gradeSentence(model),
    {
      zh: '总分相同的部门名次并列，其后的名次顺延（如 1、2、2、4）。',
      en: 'Departments with equal totals share a rank, and the next rank skips accordingly (1, 2, 2, 4).',
    },
  ];
  return { zh: sentences.map((s) => s.zh), en: sentences.map((s) => s.en) };
}
