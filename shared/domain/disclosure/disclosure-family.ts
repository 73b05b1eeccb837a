/**
 * The government information disclosure family (政务信息公开, Measures Art. 17(4)): requests and
 * their reply limit, proactive disclosure and its publication limit.
 */
import type { RecordFamily } from '../records/record-family.ts';
import { foldDisclosureCase, type DisclosureCaseState } from './disclosure-case.ts';
import { DisclosureEvent } from './disclosure-event.ts';
import { DisclosureMatter } from './disclosure-matter.ts';
import { evaluateDisclosureCase } from './disclosure-rules.ts';
import { disclosureStage } from './disclosure-stage.ts';

export const disclosureFamily: RecordFamily<DisclosureEvent, DisclosureCaseState, DisclosureMatter> = {
  kind: 'disclosure',
  eventSchema: DisclosureEvent,
  matterSchema: DisclosureMatter,
  fold: foldDisclosureCase,
  summarize: (state) => ({
    matterCode: state.matterCode,
    lastSequence: state.lastSequence,
    eventCount: state.eventCount,
    stage: disclosureStage(state),
  }),
  evaluate: evaluateDisclosureCase,
};
