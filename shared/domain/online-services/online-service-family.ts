/**
 * Online administrative services (网上行政服务, Measures Art. 9) as a record family: applications
 * on the online platform, their acceptance and completion within the limits the catalogue
 * promises per matter, and results delivered online.
 */
import type { RecordFamily } from '../records/record-family.ts';
import { foldOnlineServiceCase, type OnlineServiceCaseState } from './online-service-case.ts';
import { OnlineServiceEvent } from './online-service-event.ts';
import { OnlineServiceMatter } from './online-service-matter.ts';
import { evaluateOnlineServiceCase } from './online-service-rules.ts';
import { onlineServiceStage } from './online-service-stage.ts';

export const onlineServiceFamily: RecordFamily<OnlineServiceEvent, OnlineServiceCaseState, OnlineServiceMatter> = {
  kind: 'onlineService',
  eventSchema: OnlineServiceEvent,
  matterSchema: OnlineServiceMatter,
  fold: foldOnlineServiceCase,
  summarize: (state) => ({
    matterCode: state.matterCode,
    lastSequence: state.lastSequence,
    eventCount: state.eventCount,
    stage: onlineServiceStage(state),
    ...(state.completedAt === null ? {} : { completedAt: new Date(state.completedAt).toISOString() }),
  }),
  evaluate: evaluateOnlineServiceCase,
};
