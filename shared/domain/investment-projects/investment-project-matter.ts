/**
 * A government investment project matter in a department's catalogue (事项目录): the parameters
 * its projects are judged by. Defaults are the figures of the law; a catalogue version may be
 * stricter (lower tendering thresholds, a shorter final-accounts limit) but never looser, and it
 * may not allow investment above the approved estimate: 《政府投资条例》第二十三条 allows none. A
 * looser figure is refused, naming the field and the article.
 */
import * as z from 'zod';
import { DepartmentId, MatterCode } from '../records/identifiers.ts';
import { investmentProjectLaw } from './investment-project-law.ts';

const { finalAccounts, tendering } = investmentProjectLaw;

export const InvestmentProjectMatter = z.strictObject({
  department: DepartmentId,
  matterCode: MatterCode,
  kind: z.literal('investmentProject'),
  name: z.string().min(1).max(200),
  /** Legal basis of the matter itself; each rule cites its own article. */
  legalBasis: z.string().min(1).max(500),
  /** Whether its projects need a project proposal approval before the feasibility study (true unless local rules let the study stand in for it). */
  proposalRequired: z.boolean().default(true),
  /**
   * Investment allowed above the approved estimate, in basis points: none. The field exists so
   * that a catalogue asking for a tolerance is told why it cannot have one.
   */
  overrunToleranceBasisPoints: z
    .number()
    .int()
    .min(0)
    .max(
      0,
      `${investmentProjectLaw.estimate}：建设投资不得超过经核定的投资概算，确需增加的应报批调整，不得设定超概算容差 / investment may not exceed the approved estimate without an approved adjustment: no tolerance may be set (${investmentProjectLaw.estimate})`,
    )
    .default(0),
  /** A `prompt` is raised once investment to date reaches this share of the estimate, in basis points (9 500 = 95 %). */
  estimatePromptBasisPoints: z.number().int().min(5_000).max(10_000).default(9_500),
  /** Construction contracts estimated at or above this figure, in fen, must be tendered (4 000 000 yuan). */
  constructionTenderThresholdFen: z
    .number()
    .int()
    .min(1)
    .max(
      tendering.constructionThresholdFen,
      `${tendering.article}：施工单项合同估算价 400 万元以上的必须招标，不得提高该标准 / construction contracts of 4,000,000 yuan or more must be tendered: the threshold may not be raised (${tendering.article})`,
    )
    .default(tendering.constructionThresholdFen),
  /** Contracts for important equipment, materials and other goods estimated at or above this figure, in fen, must be tendered (2 000 000 yuan). */
  goodsTenderThresholdFen: z
    .number()
    .int()
    .min(1)
    .max(
      tendering.goodsThresholdFen,
      `${tendering.article}：重要设备、材料等货物采购单项合同估算价 200 万元以上的必须招标，不得提高该标准 / goods contracts of 2,000,000 yuan or more must be tendered: the threshold may not be raised (${tendering.article})`,
    )
    .default(tendering.goodsThresholdFen),
  /** Contracts for survey, design, supervision and other services estimated at or above this figure, in fen, must be tendered (1 000 000 yuan). */
  servicesTenderThresholdFen: z
    .number()
    .int()
    .min(1)
    .max(
      tendering.servicesThresholdFen,
      `${tendering.article}：勘察、设计、监理等服务采购单项合同估算价 100 万元以上的必须招标，不得提高该标准 / services contracts of 1,000,000 yuan or more must be tendered: the threshold may not be raised (${tendering.article})`,
    )
    .default(tendering.servicesThresholdFen),
  /**
   * Days (日) from construction completion for the completion acceptance. No law sets a number of
   * days (《政府投资条例》第二十五条 says only 按照国家有关规定): a catalogue setting, and without
   * it the acceptance is not timed.
   */
  acceptanceDays: z.number().int().min(1).max(3_650).optional(),
  /** Months from construction completion for the final accounts (3). */
  finalAccountsMonths: z
    .number()
    .int()
    .min(1)
    .max(
      finalAccounts.months,
      `${finalAccounts.article}：竣工财务决算应在 ${finalAccounts.months} 个月内编报 / final accounts are due within ${finalAccounts.months} months (${finalAccounts.article})`,
    )
    .default(finalAccounts.months),
  /** Most months an approved extension may add: 2 for small and medium projects, 6 for large ones (at most 6). */
  maxFinalAccountsExtensionMonths: z
    .number()
    .int()
    .min(0)
    .max(
      finalAccounts.maxExtensionMonths,
      `${finalAccounts.article}：竣工财务决算延长期限大型项目不得超过 ${finalAccounts.maxExtensionMonths} 个月 / an extension may not exceed ${finalAccounts.maxExtensionMonths} months (${finalAccounts.article})`,
    )
    .default(2),
  /** A `prompt` is raised when this many days (or fewer) remain of a pending limit. */
  promptDaysBefore: z.number().int().min(0).max(60).default(15),
});
/** A parsed investment project matter, defaults filled in. */
export type InvestmentProjectMatter = z.output<typeof InvestmentProjectMatter>;
