/** Administrative penalty (行政处罚) as a record family: schema, catalogue parameters, fold and rules. */
import type { RecordFamily } from '../records/record-family.ts';
import { foldPenaltyCase, type PenaltyCaseState } from './penalty-case.ts';
import { PenaltyEvent } from './penalty-event.ts';
import { PenaltyMatter } from './penalty-matter.ts';
import { evaluatePenaltyCase } from './penalty-rules.ts';
import { penaltyStage } from './penalty-stage.ts';

/** The penalty family as ingest, processing and the sweep use it; register it in `record-families.ts`. */
export const penaltyFamily: RecordFamily<PenaltyEvent, PenaltyCaseState, PenaltyMatter> = {
  kind: 'penalty',
  eventSchema: PenaltyEvent,
  matterSchema: PenaltyMatter,
  fold: foldPenaltyCase,
  summarize: (state) => ({ matterCode: state.matterCode, lastSequence: state.lastSequence, eventCount: state.eventCount, stage: penaltyStage(state) }),
  evaluate: evaluatePenaltyCase,
};
