/**
 * The letters-and-visits family (信访, Measures Art. 17(5)): departments' handling of the
 * petitions they receive, judged by 《信访工作条例》 (2022) in days (日).
 */
import type { RecordFamily } from '../records/record-family.ts';
import { foldPetitionCase, type PetitionCaseState } from './petition-case.ts';
import { PetitionEvent } from './petition-event.ts';
import { PetitionMatter } from './petition-matter.ts';
import { evaluatePetitionCase } from './petition-rules.ts';
import { petitionStage } from './petition-stage.ts';

export const petitionFamily: RecordFamily<PetitionEvent, PetitionCaseState, PetitionMatter> = {
  kind: 'petition',
  eventSchema: PetitionEvent,
  matterSchema: PetitionMatter,
  fold: foldPetitionCase,
  summarize: (state) => ({
    matterCode: state.matterCode,
    lastSequence: state.lastSequence,
    eventCount: state.eventCount,
    stage: petitionStage(state),
    ...(state.handledAt === null ? {} : { completedAt: new Date(state.handledAt).toISOString() }),
  }),
  evaluate: evaluatePetitionCase,
};
