import type { PenaltyCaseState } from './penalty-case.ts';

export type PenaltyStage =
  | 'notFiled'
  | 'filed'
  | 'investigated'
  | 'priorNoticeIssued'
  | 'hearing'
  | 'decided'
  | 'published'
  | 'executed'
  | 'closed';

/** Where a penalty case stands, for lists and timelines: the furthest step reached. */
export function penaltyStage(state: PenaltyCaseState): PenaltyStage {
  if (state.closed) return 'closed';
  if (state.executed) return 'executed';
  if (state.decision && state.published) return 'published';
  if (state.decision) return 'decided';
  if (state.hearingRequested || state.hearingNoticeIssued || state.hearingHeld) return 'hearing';
  if (state.priorNotices.length > 0) return 'priorNoticeIssued';
  if (state.investigationConcluded) return 'investigated';
  if (state.filed) return 'filed';
  return 'notFiled';
}
