import type { InformationSharingCaseState } from './information-sharing-case.ts';

export type InformationSharingStage = 'requested' | 'granted' | 'grantedWithConditions' | 'refused' | 'delivered' | 'revoked';

/** Where a share request stands, for lists and timelines: the latest stage reached. */
export function informationSharingStage(state: InformationSharingCaseState): InformationSharingStage {
  if (state.revokedAt !== null) return 'revoked';
  if (state.deliveredAt !== null && state.answer !== 'refused') return 'delivered';
  if (state.answer !== null) return state.answer;
  return 'requested';
}
