import type { OnlineServiceCaseState } from './online-service-case.ts';

export type OnlineServiceStage = 'applied' | 'awaitingSupplement' | 'accepted' | 'suspended' | 'notAccepted' | 'completed' | 'delivered';

/** Where a case stands, for lists and timelines. */
export function onlineServiceStage(state: OnlineServiceCaseState): OnlineServiceStage {
  if (state.deliveredAt !== null && state.completedAt !== null) return 'delivered';
  if (state.completedAt !== null) return 'completed';
  if (state.notAcceptedAt !== null) return 'notAccepted';
  const lastStop = state.clockStops.at(-1);
  if (state.acceptedAt !== null) return lastStop !== undefined && lastStop.to === undefined ? 'suspended' : 'accepted';
  if (state.supplementRequestedAt.length > 0 && state.supplementedAt === null) return 'awaitingSupplement';
  return 'applied';
}
