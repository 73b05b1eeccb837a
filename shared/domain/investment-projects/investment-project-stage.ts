import type { InvestmentProjectState } from './investment-project-case.ts';

export type InvestmentProjectStage =
  | 'registered'
  | 'proposalApproved'
  | 'feasibilityApproved'
  | 'designApproved'
  | 'tendering'
  | 'underConstruction'
  | 'constructionCompleted'
  | 'acceptanceFailed'
  | 'accepted'
  | 'closed';

/** Where a project stands, for lists and timelines: the latest stage reached. */
export function investmentProjectStage(state: InvestmentProjectState): InvestmentProjectStage {
  if (state.finalAccountsAt !== null) return 'closed';
  if (state.acceptancePassed === true) return 'accepted';
  if (state.acceptancePassed === false) return 'acceptanceFailed';
  if (state.completedAt !== null) return 'constructionCompleted';
  if (state.startedAt !== null) return 'underConstruction';
  if (state.tenders.length > 0) return 'tendering';
  if (state.designApprovedAt !== null) return 'designApproved';
  if (state.feasibilityApprovedAt !== null) return 'feasibilityApproved';
  if (state.proposalApprovedAt !== null) return 'proposalApproved';
  return 'registered';
}
