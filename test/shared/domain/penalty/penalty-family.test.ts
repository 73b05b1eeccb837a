import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { penaltyFamily } from '#shared/domain/penalty/penalty-family.ts';
import { aPenaltyCase, aPenaltyMatter, aRawPenaltyMatter, type PenaltyCaseBuilder } from './penalty-event-mother.ts';

const stageOf = (builder: PenaltyCaseBuilder) => penaltyFamily.summarize(penaltyFamily.fold(builder.build())).stage;

describe('penalty as a record family', () => {
  it('parses records and matters of kind penalty through the family', () => {
    // Prepare
    const [filed] = aPenaltyCase().caseFiled().build();

    // Act
    const record = penaltyFamily.eventSchema.safeParse(filed);
    const otherKind = penaltyFamily.eventSchema.safeParse({ ...filed, kind: 'licensing' });
    const matter = penaltyFamily.matterSchema.parse(aRawPenaltyMatter());

    // Assess
    expect(penaltyFamily.kind).toBe('penalty');
    expect(record.success).toBe(true);
    expect(otherKind.success).toBe(false);
    expect(matter.decisionCalendarDays).toBe(90);
  });

  it('summarises a folded case with its matter, last sequence, event count and stage', () => {
    // Prepare
    const events = aPenaltyCase().caseFiled().priorNoticeIssued('2025-04-22T10:00:00+08:00').decided('2025-05-20T16:00:00+08:00').build();

    // Act
    const summary = penaltyFamily.summarize(penaltyFamily.fold([events[2]!, events[0]!, events[1]!, events[0]!]));

    // Assess
    expect(summary).toEqual({ matterCode: 'CF-FOOD-124', lastSequence: 3, eventCount: 3, stage: 'decided' });
  });

  it('names the furthest step a case has reached', () => {
    // Prepare
    const at = '2025-04-22T10:00:00+08:00';

    // Act
    const stages = [
      stageOf(aPenaltyCase().extended(at, 10)),
      stageOf(aPenaltyCase().caseFiled()),
      stageOf(aPenaltyCase().caseFiled().investigationConcluded(at)),
      stageOf(aPenaltyCase().caseFiled().priorNoticeIssued(at)),
      stageOf(aPenaltyCase().caseFiled().priorNoticeIssued(at).hearingRequested(at)),
      stageOf(aPenaltyCase().caseFiled().priorNoticeIssued(at).decided(at)),
      stageOf(aPenaltyCase().caseFiled().priorNoticeIssued(at).decided(at, { publicationRequired: true }).published(at)),
      stageOf(aPenaltyCase().caseFiled().priorNoticeIssued(at).decided(at).executed(at)),
      stageOf(aPenaltyCase().caseFiled().priorNoticeIssued(at).decided(at).executed(at).closed(at)),
    ];

    // Assess
    expect(stages).toEqual(['notFiled', 'filed', 'investigated', 'priorNoticeIssued', 'hearing', 'decided', 'published', 'executed', 'closed']);
  });

  it('evaluates with the penalty rules and JSON-serialisable deadlines', () => {
    // Prepare
    const state = penaltyFamily.fold(aPenaltyCase().caseFiled().priorNoticeIssued('2025-04-22T10:00:00+08:00').build());

    // Act
    const evaluation = penaltyFamily.evaluate(state, aPenaltyMatter(), new Date('2025-07-01T09:00:00+08:00'), cal);

    // Assess
    expect(evaluation.findings.map((finding) => `${finding.ruleId}:${finding.level}`)).toEqual(['penalty.decision-time-limit:warning']);
    expect(evaluation.nextCheckAt).toBeNull();
    expect(JSON.parse(JSON.stringify(evaluation.deadlines))).toEqual(evaluation.deadlines);
    expect(evaluation.deadlines).toMatchObject({ filedOn: '2025-04-01', decisionPeriodEndsOn: '2025-06-30', publication: null });
  });
});
