import type { TenderCaseState } from './tender-case.ts';

export type TenderStage =
  'noticePending' | 'noticePublished' | 'bidsOpened' | 'evaluated' | 'candidatesPublicized' | 'awarded' | 'contractSigned' | 'closed' | 'cancelled';

/** Where a tender stands (the furthest step reached), for lists and timelines. */
export function tenderStage(state: TenderCaseState): TenderStage {
  if (state.cancelledAt !== null) return 'cancelled';
  if (state.closedAt !== null) return 'closed';
  if (state.contractSignedAt !== null) return 'contractSigned';
  if (state.awardedAt !== null) return 'awarded';
  if (state.candidatesPublicizedAt !== null) return 'candidatesPublicized';
  if (state.evaluationCompletedAt !== null) return 'evaluated';
  if (state.bidsOpenedAt !== null) return 'bidsOpened';
  if (state.noticePublishedAt !== null) return 'noticePublished';
  return 'noticePending';
}
