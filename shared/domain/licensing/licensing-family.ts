/** Licensing (行政许可) as a record family: schema, catalogue parameters, fold and rules. */
import type { RecordFamily } from '../records/record-family.ts';
import { foldLicensingCase, type LicensingCaseState } from './licensing-case.ts';
import { LicensingEvent } from './licensing-event.ts';
import { LicensingMatter } from './licensing-matter.ts';
import { evaluateLicensingCase } from './licensing-rules.ts';
import { licensingStage } from './licensing-stage.ts';

export const licensingFamily: RecordFamily<LicensingEvent, LicensingCaseState, LicensingMatter> = {
  kind: 'licensing',
  eventSchema: LicensingEvent,
  matterSchema: LicensingMatter,
  fold: foldLicensingCase,
  summarize: (state) => ({
    matterCode: state.matterCode,
    lastSequence: state.lastSequence,
    eventCount: state.eventCount,
    stage: licensingStage(state),
    ...(state.decidedAt === null ? {} : { completedAt: new Date(state.decidedAt).toISOString() }),
  }),
  evaluate: evaluateLicensingCase,
};
