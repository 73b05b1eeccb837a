import type { LicensingCaseState } from './licensing-case.ts';

export type LicensingStage = 'received' | 'awaitingCompletion' | 'accepted' | 'suspended' | 'decided' | 'concluded';

/** Where a case stands, for lists and timelines. */
export function licensingStage(state: LicensingCaseState): LicensingStage {
  if (state.concludedAt !== null) return 'concluded';
  if (state.decidedAt !== null) return 'decided';
  if (state.suspensions.some((s) => s.to === undefined)) return 'suspended';
  if (state.acceptedAt !== null) return 'accepted';
  const lastRequest = state.completionRequestedAt.at(-1);
  if (lastRequest !== undefined && (state.completionReceivedAt === null || state.completionReceivedAt < lastRequest)) return 'awaitingCompletion';
  return 'received';
}
