/**
 * Test-data builders ("object mothers") for petition cases. Events come out wire-valid (parsed
 * with the zod contract) and numbered 1, 2, 3… in the order the builder calls were made.
 *
 *   aPetitionCase().received().accepted('2025-09-05T10:00:00+08:00').handled('2025-10-20T10:00:00+08:00').build();
 */
import { PetitionEvent, type AcceptanceDecision, type PetitionOpinion } from '#shared/domain/petition/petition-event.ts';
import { PetitionMatter } from '#shared/domain/petition/petition-matter.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

export interface PetitionCaseBuilder {
  received(at?: string): PetitionCaseBuilder;
  notified(at: string, decision: AcceptanceDecision): PetitionCaseBuilder;
  accepted(at: string): PetitionCaseBuilder;
  extended(at: string, additionalDays: number, petitionerNotified?: boolean): PetitionCaseBuilder;
  handled(at: string, opinion?: PetitionOpinion): PetitionCaseBuilder;
  reviewRequested(at: string): PetitionCaseBuilder;
  reviewDecided(at: string, opinion?: PetitionOpinion): PetitionCaseBuilder;
  reReviewRequested(at: string): PetitionCaseBuilder;
  reReviewDecided(at: string, opinion?: PetitionOpinion): PetitionCaseBuilder;
  hearingStarted(at: string, hearingId?: string): PetitionCaseBuilder;
  hearingEnded(at: string, hearingId?: string): PetitionCaseBuilder;
  /** Events as built, sequence 1..n. */
  build(): PetitionEvent[];
}

export const defaultPetitionCase = {
  department: 'housing',
  caseId: 'XF-2025-000117',
  matterCode: 'XF-001',
  receivedAt: '2025-09-01T09:00:00+08:00',
} as const;

/** Starts a case; default: received Monday 2025-09-01 09:00 Shanghai time. */
export function aPetitionCase(seed: RecordSeed & { readonly receivedAt?: string } = {}): PetitionCaseBuilder {
  const log = recordLog(PetitionEvent, 'petition', seed, defaultPetitionCase);
  const push = (occurredAt: string, body: Record<string, unknown>): PetitionCaseBuilder => {
    log.append(occurredAt, body);
    return builder;
  };
  const builder: PetitionCaseBuilder = {
    received: (at = seed.receivedAt ?? defaultPetitionCase.receivedAt) => push(at, { event: 'received', channel: 'letter' }),
    notified: (at, decision) => push(at, { event: 'acceptanceNotified', decision }),
    accepted: (at) => push(at, { event: 'acceptanceNotified', decision: 'accepted' }),
    extended: (at, additionalDays, petitionerNotified = true) =>
      push(at, { event: 'extended', additionalDays, approvedBy: 'head of the housing bureau', petitionerNotified }),
    handled: (at, opinion = 'supported') => push(at, { event: 'handled', opinion }),
    reviewRequested: (at) => push(at, { event: 'reviewRequested' }),
    reviewDecided: (at, opinion = 'supported') => push(at, { event: 'reviewDecided', opinion }),
    reReviewRequested: (at) => push(at, { event: 'reReviewRequested' }),
    reReviewDecided: (at, opinion = 'supported') => push(at, { event: 'reReviewDecided', opinion }),
    hearingStarted: (at, hearingId = 'TZ-1') => push(at, { event: 'reReviewHearingStarted', hearingId }),
    hearingEnded: (at, hearingId = 'TZ-1') => push(at, { event: 'reReviewHearingEnded', hearingId }),
    build: () => log.build(),
  };
  return builder;
}

/** A catalogue matter with the regulation's figures (parsed, so defaults apply): notice 15 日, handling 60 + 30 日, review and re-review 30 日, prompt at 3 日. */
export function aPetitionMatter(overrides: Partial<PetitionMatter> = {}): PetitionMatter {
  return PetitionMatter.parse({
    department: defaultPetitionCase.department,
    matterCode: defaultPetitionCase.matterCode,
    kind: 'petition',
    name: 'Letters and visits about housing',
    legalBasis: '《信访工作条例》',
    ...overrides,
  });
}
