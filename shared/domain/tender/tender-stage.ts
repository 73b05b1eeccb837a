import type { TenderCaseState } from './tender-case.ts';

export type TenderStage =
  | 'noticePending'
  | 'noticePublished'
  | 'bidsOpened'
  | 'evaluated'
  | 'candidatesPublicized'
  | 'awarded'
  | 'contractSigned'
  | 'closed'
  | 'cancelled';

/** Where a tender stands (the furthest step reached), for lists and timelines. */
export function tenderStage(state: TenderCaseState): TenderStage {
  if (state.cancelledAt) return 'cancelled';
  if (state.closedAt) return 'closed';
  if (state.contractSignedAt) return 'contractSigned';
  if (state.awardedAt) return 'awarded';
  if (state.candidatesPublicizedAt) return 'candidatesPublicized';
  if (state.evaluationCompletedAt) return 'evaluated';
  if (state.bidsOpenedAt) return 'bidsOpened';
  if (state.noticePublishedAt) return 'noticePublished';
  return 'noticePending';
}
