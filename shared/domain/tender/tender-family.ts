/** Public resource trading (公共资源交易) as a record family: schema, matter, fold and rules wired together. */
import type { RecordFamily } from '../records/record-family.ts';
import { foldTenderCase, type TenderCaseState } from './tender-case.ts';
import { TenderEvent, tenderKind } from './tender-event.ts';
import { TenderMatter } from './tender-matter.ts';
import { evaluateTenderCase } from './tender-rules.ts';
import { tenderStage } from './tender-stage.ts';
import { tenderCrossCase } from './tender-cross-case.ts';

/** The tender family (`kind: 'publicResourceTrading'`). */
export const tenderFamily: RecordFamily<TenderEvent, TenderCaseState, TenderMatter> = {
  kind: tenderKind,
  eventSchema: TenderEvent,
  matterSchema: TenderMatter,
  fold: foldTenderCase,
  summarize: (state) => ({
    matterCode: state.matterCode,
    lastSequence: state.lastSequence,
    eventCount: state.eventCount,
    stage: tenderStage(state),
  }),
  evaluate: evaluateTenderCase,
  crossCase: tenderCrossCase,
};
