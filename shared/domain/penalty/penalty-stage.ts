import type { PenaltyCaseState } from './penalty-case.ts';

export type PenaltyStage = 'notFiled' | 'filed' | 'investigated' | 'priorNoticeIssued' | 'hearing' | 'decided' | 'published' | 'executed' | 'closed';

/** Where a penalty case stands, for lists and timelines: the furthest step reached. */
export function penaltyStage(state: PenaltyCaseState): PenaltyStage {
  if (state.closed !== null) return 'closed';
  if (state.executed !== null) return 'executed';
  if (state.decision !== null && state.published !== null) return 'published';
  if (state.decision !== null) return 'decided';
  if (state.hearingRequested !== null || state.hearingNoticeIssued !== null || state.hearingHeld !== null) return 'hearing';
  if (state.priorNotices.length > 0) return 'priorNoticeIssued';
  if (state.investigationConcluded !== null) return 'investigated';
  if (state.filed !== null) return 'filed';
  return 'notFiled';
}
