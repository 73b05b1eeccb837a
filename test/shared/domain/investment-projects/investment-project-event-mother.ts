/**
 * Test-data builders ("object mothers") for government investment projects. Events come out
 * wire-valid (parsed with the zod contract) and numbered 1, 2, 3… in the order the builder calls
 * were made. Amounts are in fen.
 *
 *   anInvestmentProject().approvedThroughDesign().tendered('2024-08-01T10:00:00+08:00').started('2024-09-02T09:00:00+08:00').build();
 */
import type { ChangeAspect, ContractKind } from '#shared/domain/investment-projects/investment-project-event.ts';
import { InvestmentProjectEvent } from '#shared/domain/investment-projects/investment-project-event.ts';
import { InvestmentProjectMatter } from '#shared/domain/investment-projects/investment-project-matter.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

/** 10 000 000.00 yuan: the default approved estimate. */
export const defaultEstimateFen = 1_000_000_000;

export interface InvestmentProjectBuilder {
  proposalApproved(at?: string): InvestmentProjectBuilder;
  feasibilityApproved(at?: string, investmentEstimateFen?: number): InvestmentProjectBuilder;
  designApproved(at?: string, approvedEstimateFen?: number): InvestmentProjectBuilder;
  /** Proposal 2024-03-01, feasibility 2024-05-06, design 2024-07-01 with the default estimate. */
  approvedThroughDesign(): InvestmentProjectBuilder;
  tendered(at: string, options?: { contractKind?: ContractKind; contractEstimateFen?: number; tradingCaseId?: string | null }): InvestmentProjectBuilder;
  started(at: string, constructionContractFen?: number): InvestmentProjectBuilder;
  investmentReported(at: string, investmentToDateFen: number): InvestmentProjectBuilder;
  adjustmentRequested(at: string, adjustmentId: string, requestedEstimateFen: number): InvestmentProjectBuilder;
  adjustmentApproved(at: string, adjustmentId: string, approvedEstimateFen: number): InvestmentProjectBuilder;
  changeMade(at: string, changeId: string, aspect: ChangeAspect, major?: boolean): InvestmentProjectBuilder;
  changeApproved(at: string, changeId: string): InvestmentProjectBuilder;
  completed(at: string): InvestmentProjectBuilder;
  accepted(at: string, passed?: boolean): InvestmentProjectBuilder;
  finalAccountsExtended(at: string, additionalMonths: number): InvestmentProjectBuilder;
  finalAccounts(at: string, finalCostFen?: number): InvestmentProjectBuilder;
  /** Events as built, sequence 1..n. */
  build(): InvestmentProjectEvent[];
}

export const defaultInvestmentProject = {
  department: 'development-reform',
  caseId: 'ZFTZ-2024-0007',
  matterCode: 'ZFTZ-001',
} as const;

export function anInvestmentProject(seed: RecordSeed = {}): InvestmentProjectBuilder {
  const log = recordLog(InvestmentProjectEvent, 'investmentProject', seed, defaultInvestmentProject);
  const push = (occurredAt: string, body: Record<string, unknown>): InvestmentProjectBuilder => {
    log.append(occurredAt, body);
    return builder;
  };
  const builder: InvestmentProjectBuilder = {
    proposalApproved: (at = '2024-03-01T10:00:00+08:00') => push(at, { event: 'proposalApproved', approvalNumber: '甬发改投资〔2024〕12号' }),
    feasibilityApproved: (at = '2024-05-06T10:00:00+08:00', investmentEstimateFen = 980_000_000) =>
      push(at, { event: 'feasibilityApproved', investmentEstimateFen }),
    designApproved: (at = '2024-07-01T10:00:00+08:00', approvedEstimateFen = defaultEstimateFen) => push(at, { event: 'designApproved', approvedEstimateFen }),
    approvedThroughDesign: () => builder.proposalApproved().feasibilityApproved().designApproved(),
    tendered: (at, options = {}) =>
      push(at, {
        event: 'tendered',
        contractKind: options.contractKind ?? 'construction',
        method: 'open',
        contractEstimateFen: options.contractEstimateFen ?? 800_000_000,
        ...(options.tradingCaseId === null ? {} : { tradingCaseId: options.tradingCaseId ?? 'ZB-2024-0031' }),
      }),
    started: (at, constructionContractFen) =>
      push(at, { event: 'constructionStarted', ...(constructionContractFen === undefined ? {} : { constructionContractFen }) }),
    investmentReported: (at, investmentToDateFen) => push(at, { event: 'investmentReported', investmentToDateFen }),
    adjustmentRequested: (at, adjustmentId, requestedEstimateFen) =>
      push(at, { event: 'estimateAdjustmentRequested', adjustmentId, requestedEstimateFen, reason: 'prices' }),
    adjustmentApproved: (at, adjustmentId, approvedEstimateFen) => push(at, { event: 'estimateAdjustmentApproved', adjustmentId, approvedEstimateFen }),
    changeMade: (at, changeId, aspect, major = true) => push(at, { event: 'changeMade', changeId, aspect, major }),
    changeApproved: (at, changeId) => push(at, { event: 'changeApproved', changeId }),
    completed: (at) => push(at, { event: 'constructionCompleted' }),
    accepted: (at, passed = true) => push(at, { event: 'completionAccepted', passed }),
    finalAccountsExtended: (at, additionalMonths) => push(at, { event: 'finalAccountsExtended', additionalMonths, approvedBy: 'municipal finance bureau' }),
    finalAccounts: (at, finalCostFen = 970_000_000) => push(at, { event: 'finalAccountsCompleted', finalCostFen }),
    build: () => log.build(),
  };
  return builder;
}

/** A catalogue matter with the law's figures (parsed, so defaults apply): threshold 4 000 000 yuan, final accounts 3 + 2 months, prompt at 15 日 and 95 %. */
export function anInvestmentProjectMatter(overrides: Partial<InvestmentProjectMatter> = {}): InvestmentProjectMatter {
  return InvestmentProjectMatter.parse({
    department: defaultInvestmentProject.department,
    matterCode: defaultInvestmentProject.matterCode,
    kind: 'investmentProject',
    name: 'Government investment projects of the development and reform commission',
    legalBasis: '《政府投资条例》',
    ...overrides,
  });
}
