import type { PetitionCaseState } from './petition-case.ts';

export type PetitionStage =
  'received' | 'notAccepted' | 'redirected' | 'accepted' | 'extended' | 'handled' | 'inReview' | 'reviewed' | 'inReReview' | 'reReviewed';

/** Where a case stands, for lists and timelines: the latest stage reached. */
export function petitionStage(state: PetitionCaseState): PetitionStage {
  if (state.reReviewDecidedAt !== null) return 'reReviewed';
  if (state.reReviewRequestedAt !== null) return 'inReReview';
  if (state.reviewDecidedAt !== null) return 'reviewed';
  if (state.reviewRequestedAt !== null) return 'inReview';
  if (state.handledAt !== null) return 'handled';
  if (state.decision === 'accepted') return state.extensions.length > 0 ? 'extended' : 'accepted';
  if (state.decision === 'notAccepted') return 'notAccepted';
  if (state.decision === 'redirected') return 'redirected';
  return 'received';
}
