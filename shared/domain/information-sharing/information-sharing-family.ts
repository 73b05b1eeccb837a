/**
 * Information sharing between departments (政务信息共享, Measures Art. 17(4)) as a record family:
 * share requests for resources of a providing department's catalogue, answered within the limit
 * the catalogue sets (at most the legal one, in working days), delivered after a grant, and used
 * only for the purpose stated.
 */
import type { RecordFamily } from '../records/record-family.ts';
import { foldInformationSharingCase, type InformationSharingCaseState } from './information-sharing-case.ts';
import { InformationSharingEvent } from './information-sharing-event.ts';
import { InformationSharingMatter } from './information-sharing-matter.ts';
import { evaluateInformationSharingCase } from './information-sharing-rules.ts';
import { informationSharingStage } from './information-sharing-stage.ts';

export const informationSharingFamily: RecordFamily<InformationSharingEvent, InformationSharingCaseState, InformationSharingMatter> = {
  kind: 'informationSharing',
  eventSchema: InformationSharingEvent,
  matterSchema: InformationSharingMatter,
  fold: foldInformationSharingCase,
  summarize: (state) => ({
    matterCode: state.matterCode,
    lastSequence: state.lastSequence,
    eventCount: state.eventCount,
    stage: informationSharingStage(state),
    ...(state.answeredAt === null ? {} : { completedAt: new Date(state.answeredAt).toISOString() }),
  }),
  evaluate: evaluateInformationSharingCase,
};
