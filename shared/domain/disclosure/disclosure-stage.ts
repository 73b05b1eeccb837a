import type { DisclosureCaseState } from './disclosure-case.ts';

export type DisclosureStage = 'received' | 'awaitingCompletion' | 'inConsultation' | 'replied' | 'closed' | 'awaitingPublication' | 'published';

/** Where a case stands, for lists and timelines. */
export function disclosureStage(state: DisclosureCaseState): DisclosureStage {
  if (state.caseType === 'proactive') {
    const current = state.cycles.at(-1);
    return current !== undefined && current.publishedAt === null ? 'awaitingPublication' : 'published';
  }
  if (state.closedAt !== null) return 'closed';
  if (state.repliedAt !== null) return 'replied';
  if (state.consultations.some((consultation) => consultation.to === undefined)) return 'inConsultation';
  if (state.completionRequestedAt.length > 0 && state.completionReceivedAt === null) return 'awaitingCompletion';
  return 'received';
}
