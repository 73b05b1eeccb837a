/**
 * The wire contract for government investment projects (政府投资项目, Measures Art. 17(3);
 * 《政府投资条例》, 2019). A project runs: project proposal approved (项目建议书审批) → feasibility
 * study report approved (可行性研究报告审批) → preliminary design and budget estimate approved
 * (初步设计及概算审批) → tendering where required (招标) → construction started (开工) → investment
 * reported as it goes, estimate adjustments requested and approved (概算调整), changes of site,
 * scale, content or standard made and approved (建设地点、规模、内容、标准变更) → construction
 * completed (完工) → completion acceptance (竣工验收) → final accounts (竣工财务决算).
 * Money is in fen (分), whole and never negative. Objects are strict: an unknown field is refused.
 */
import * as z from 'zod';
import { CaseId } from '../records/identifiers.ts';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('investmentProject');

/** An amount in fen (分): a whole number, zero or more, up to 10^15 (ten trillion yuan). */
export const Fen = z.number().int().min(0).max(1_000_000_000_000_000);

/** The approving body's approval document number (批复文号), never a person's name. */
const approvalNumber = z.string().min(1).max(100);

/** A change's or an adjustment's own identifier, chosen by the department. */
const itemId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, '应为字母、数字、点、下划线、冒号或连字符，至多 64 个字符 / up to 64 letters, digits, . _ : -');

/** What a change alters (《政府投资条例》第二十一条: 建设地点、建设规模、建设内容; 标准 as the catalogue of changes names it). */
export const ChangeAspect = z.enum(['site', 'scale', 'content', 'standard']);
export type ChangeAspect = z.infer<typeof ChangeAspect>;

/** What a tendered contract buys (《必须招标的工程项目规定》第五条). */
export const ContractKind = z.enum(['construction', 'goods', 'services']);
export type ContractKind = z.infer<typeof ContractKind>;

/** Why an estimate must grow (第二十三条: 国家政策调整、价格上涨、地质条件发生重大变化等). */
export const AdjustmentReason = z.enum(['policy', 'prices', 'geology', 'other']);

export const InvestmentProjectEvent = z.discriminatedUnion('event', [
  z.strictObject({ ...common, event: z.literal('proposalApproved'), approvalNumber: approvalNumber.optional() }),
  z.strictObject({
    ...common,
    event: z.literal('feasibilityApproved'),
    approvalNumber: approvalNumber.optional(),
    /** Investment estimate (投资估算) of the approved feasibility study, in fen. */
    investmentEstimateFen: Fen,
  }),
  z.strictObject({
    ...common,
    event: z.literal('designApproved'),
    approvalNumber: approvalNumber.optional(),
    /** Approved budget estimate (核定的投资概算), in fen: what total investment may not exceed. */
    approvedEstimateFen: Fen,
  }),
  z.strictObject({
    ...common,
    event: z.literal('tendered'),
    contractKind: ContractKind,
    method: z.enum(['open', 'invited']),
    /** Estimated price of the single contract (单项合同估算价), in fen. */
    contractEstimateFen: Fen,
    /** The case id of the tender in the public resource trading family, when it was traded there. */
    tradingCaseId: CaseId.optional(),
  }),
  z.strictObject({
    ...common,
    event: z.literal('constructionStarted'),
    /** Estimated price of the construction contract (施工单项合同估算价), in fen, when known. */
    constructionContractFen: Fen.optional(),
  }),
  z.strictObject({
    ...common,
    event: z.literal('investmentReported'),
    /** Investment completed to date (累计完成投资), in fen. */
    investmentToDateFen: Fen,
  }),
  z.strictObject({
    ...common,
    event: z.literal('estimateAdjustmentRequested'),
    adjustmentId: itemId,
    requestedEstimateFen: Fen,
    reason: AdjustmentReason,
  }),
  z.strictObject({
    ...common,
    event: z.literal('estimateAdjustmentApproved'),
    adjustmentId: itemId,
    approvalNumber: approvalNumber.optional(),
    /** The estimate as adjusted and approved (核定), in fen. */
    approvedEstimateFen: Fen,
  }),
  z.strictObject({
    ...common,
    event: z.literal('changeMade'),
    changeId: itemId,
    aspect: ChangeAspect,
    /** A major change (较大变更), which needs the original approver's approval. */
    major: z.boolean(),
  }),
  z.strictObject({ ...common, event: z.literal('changeApproved'), changeId: itemId, approvalNumber: approvalNumber.optional() }),
  z.strictObject({ ...common, event: z.literal('constructionCompleted') }),
  z.strictObject({ ...common, event: z.literal('completionAccepted'), passed: z.boolean() }),
  z.strictObject({
    ...common,
    event: z.literal('finalAccountsExtended'),
    /** Months added to the final-accounts limit, as approved. */
    additionalMonths: z.number().int().min(1).max(24),
    approvedBy: z.string().min(1).max(100),
  }),
  z.strictObject({
    ...common,
    event: z.literal('finalAccountsCompleted'),
    /** Total cost in the final accounts (竣工财务决算总投资), in fen. */
    finalCostFen: Fen,
  }),
]);
export type InvestmentProjectEvent = z.infer<typeof InvestmentProjectEvent>;
export type InvestmentProjectEventType = InvestmentProjectEvent['event'];
