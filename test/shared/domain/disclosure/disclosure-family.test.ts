import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { disclosureFamily } from '#shared/domain/disclosure/disclosure-family.ts';
import { aDisclosureCase, aDisclosureMatter } from './disclosure-event-mother.ts';

describe('disclosure record family', () => {
  it('parses, folds, summarizes and evaluates a disclosure request through the family interface', () => {
    // Prepare
    const wire = aDisclosureCase().requestReceived().consultationStarted('2025-09-10T09:00:00+08:00').build();
    const matter = disclosureFamily.matterSchema.parse({ ...aDisclosureMatter(), promptWorkingDaysBefore: 2 });

    // Act
    const events = wire.map((record) => disclosureFamily.eventSchema.parse(record));
    const state = disclosureFamily.fold(events);
    const summary = disclosureFamily.summarize(state);
    const evaluation = disclosureFamily.evaluate(state, matter, new Date('2025-09-11T09:00:00+08:00'), cal);

    // Assess
    expect(disclosureFamily.kind).toBe('disclosure');
    expect(summary).toEqual({ matterCode: 'GK-REQ-001', lastSequence: 2, eventCount: 2, stage: 'inConsultation' });
    expect(evaluation).toMatchObject({ findings: [], nextCheckAt: null, deadlines: { clockStopped: true } });
  });

  it('names the stage of a request from receipt to closure', () => {
    // Prepare
    const stageAfter = (build: (builder: ReturnType<typeof aDisclosureCase>) => unknown) => {
      const builder = aDisclosureCase().requestReceived();
      build(builder);
      return disclosureFamily.summarize(disclosureFamily.fold(builder.build())).stage;
    };

    // Act
    const stages = [
      stageAfter(() => undefined),
      stageAfter((builder) => builder.completionRequested('2025-09-02T09:00:00+08:00')),
      stageAfter((builder) => builder.completionRequested('2025-09-02T09:00:00+08:00').completionReceived('2025-09-03T09:00:00+08:00')),
      stageAfter((builder) => builder.replied('2025-09-20T09:00:00+08:00')),
      stageAfter((builder) => builder.replied('2025-09-20T09:00:00+08:00').closed('2025-09-21T09:00:00+08:00')),
    ];

    // Assess
    expect(stages).toEqual(['received', 'awaitingCompletion', 'received', 'replied', 'closed']);
  });

  it('names the stage of proactive disclosure as awaiting publication until the latest change is published', () => {
    // Prepare
    const formed = aDisclosureCase().informationFormed();
    const published = aDisclosureCase().informationFormed().published('2025-05-06T09:00:00+08:00');
    const changed = aDisclosureCase().informationFormed().published('2025-05-06T09:00:00+08:00').informationFormed('2025-06-03T09:00:00+08:00', 'changed');

    // Act
    const stages = [formed, published, changed].map((builder) => disclosureFamily.summarize(disclosureFamily.fold(builder.build())).stage);

    // Assess
    expect(stages).toEqual(['awaitingPublication', 'published', 'awaitingPublication']);
  });
});
