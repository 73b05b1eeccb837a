import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { configuredFamily } from '#shared/domain/configured-kinds/configured-family.ts';
import type { ConfiguredEvent } from '#shared/domain/configured-kinds/configured-event.ts';
import { KindDefinition } from '#shared/domain/configured-kinds/kind-definition.ts';
import { anInspectionCase, anInspectionDefinition, anInspectionMatter, aReportClockDefinition } from './kind-definition-mother.ts';

const inspection = configuredFamily(KindDefinition.parse(anInspectionDefinition()));
const reportClockDefinition = KindDefinition.parse(aReportClockDefinition());
const reportClock = configuredFamily(reportClockDefinition);

/** Evaluates `events` with the inspection family as of `asOf` (Shanghai time unless the text says otherwise). */
function evaluate(events: ConfiguredEvent[], asOf: string, family = inspection) {
  return family.evaluate(family.fold(events), anInspectionMatter, new Date(asOf), cal);
}

const levelsOf = (evaluation: ReturnType<typeof evaluate>) => Object.fromEntries(evaluation.findings.map((finding) => [finding.ruleId, finding.level]));

describe('configured clock in working days', () => {
  // Started Friday 2025-09-26; 5 working days skip National Day (1-8 Oct) and count the make-up
  // working day Sunday 28 Sep: 28, 29, 30 Sep, 9, 10 Oct.
  const started = () => anInspectionCase().started('2025-09-26T10:00:00+08:00').build();

  it('counts the limit across National Day 2025 and waits quietly until the prompt day', () => {
    // Prepare
    const events = started();

    // Act
    const evaluation = evaluate(events, '2025-10-08T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.deadlines['inspection.report-time-limit']).toEqual({ date: '2025-10-10', at: '2025-10-10T15:59:59.999Z', provisional: false });
    expect(evaluation.nextCheckAt).toBe('2025-10-08T16:00:00.000Z');
  });

  it('prompts when one working day or fewer remain before the report is due', () => {
    // Prepare
    const events = started();

    // Act
    const evaluation = evaluate(events, '2025-10-09T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'inspection.report-time-limit',
        ruleVersion: 2,
        level: 'prompt',
        legalBasis: '《某市行政检查办法》第十条',
        summary: "Time limit for 'reported' (2025-10-10, 5 working days after 'started') is approaching.",
        message: { key: 'configured.clock.approaching', params: { count: 5, from: 'started', limit: '2025-10-10', to: 'reported', unit: 'working' } },
        deadline: '2025-10-10T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-10-10T16:00:00.000Z');
  });

  it('warns once the limit has passed without a report, and has nothing left to wait for', () => {
    // Prepare
    const events = started();

    // Act
    const evaluation = evaluate(events, '2025-10-11T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'inspection.report-time-limit',
        ruleVersion: 2,
        level: 'warning',
        legalBasis: '《某市行政检查办法》第十条',
        summary: "'reported' did not happen by the time limit of 2025-10-10 (5 working days after 'started').",
        message: { key: 'configured.clock.overdue', params: { count: 5, from: 'started', limit: '2025-10-10', to: 'reported', unit: 'working' } },
        deadline: '2025-10-10T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('judges the clock as of the report: a late report keeps its warning, a timely one clears the prompt', () => {
    // Prepare
    const late = anInspectionCase().started('2025-09-26T10:00:00+08:00').reported('2025-10-11T09:00:00+08:00').build();
    const onTime = anInspectionCase().started('2025-09-26T10:00:00+08:00').reported('2025-10-10T17:00:00+08:00').build();

    // Act
    const lateEvaluation = evaluate(late, '2025-12-01T09:00:00+08:00');
    const onTimeEvaluation = evaluate(onTime, '2025-12-01T09:00:00+08:00');

    // Assess
    expect(lateEvaluation.findings.map((finding) => [finding.ruleId, finding.level, finding.summary])).toContainEqual([
      'inspection.report-time-limit',
      'warning',
      "'reported' happened after the time limit of 2025-10-10 (5 working days after 'started').",
    ]);
    expect(levelsOf(onTimeEvaluation)['inspection.report-time-limit']).toBeUndefined();
  });

  it('sets no deadline before the clock starts', () => {
    // Prepare
    const events = anInspectionCase().closed('2025-09-26T10:00:00+08:00').build();

    // Act
    const evaluation = evaluate(events, '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation).toEqual({
      findings: [],
      nextCheckAt: null,
      deadlines: { 'inspection.report-time-limit': null, 'inspection.closure-time-limit': null },
    });
  });
});

describe('configured clock in calendar days', () => {
  it('ends a period whose last day falls in the National Day holiday on the next working day', () => {
    // Prepare: reported Thursday 25 Sep; 7 calendar days end on 2 Oct, a holiday.
    const events = anInspectionCase().started('2025-09-24T10:00:00+08:00').reported('2025-09-25T10:00:00+08:00').build();

    // Act
    const evaluation = evaluate(events, '2025-10-06T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines['inspection.closure-time-limit']).toEqual({ date: '2025-10-09', at: '2025-10-09T15:59:59.999Z', provisional: false });
    expect(evaluation.findings).toEqual([]);
    // The prompt starts two calendar days before the moved last day.
    expect(evaluation.nextCheckAt).toBe('2025-10-06T16:00:00.000Z');
  });

  it('counts plain calendar days when the last day is a working day, and prompts two days before', () => {
    // Prepare: reported Monday 3 Nov 2025; the 7th day is Monday 10 Nov.
    const events = anInspectionCase().started('2025-10-31T10:00:00+08:00').reported('2025-11-03T10:00:00+08:00').build();

    // Act
    const before = evaluate(events, '2025-11-07T23:59:59+08:00');
    const prompted = evaluate(events, '2025-11-08T00:00:00+08:00');

    // Assess
    expect(before.deadlines['inspection.closure-time-limit']).toMatchObject({ date: '2025-11-10' });
    expect(levelsOf(before)).toEqual({});
    expect(levelsOf(prompted)).toEqual({ 'inspection.closure-time-limit': 'prompt' });
  });

  it('states a passed limit with the supervisor’s summary template, at the rule’s level', () => {
    // Prepare
    const events = anInspectionCase().started('2025-10-31T10:00:00+08:00').reported('2025-11-03T10:00:00+08:00').build();

    // Act
    const evaluation = evaluate(events, '2025-11-11T08:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'inspection.closure-time-limit',
        ruleVersion: 2,
        level: 'correction',
        legalBasis: '《某市行政检查办法》第十二条',
        summary: "Inspection not closed by 2025-11-10 (7 calendar days after 'reported'); 'closed' is missing.",
        message: {
          key: 'configured.clock.own-words',
          params: {
            count: 7,
            deadline: '2025-11-10',
            from: 'reported',
            template: "Inspection not closed by {deadline} ({limit}); '{to}' is missing.",
            to: 'closed',
            unit: 'calendar',
          },
        },
        deadline: '2025-11-10T15:59:59.999Z',
      },
    ]);
  });

  it('marks a deadline moved across a year with no published holiday arrangement as provisional', () => {
    // Prepare: 7 calendar days after 30 Dec 2026 end in 2027, which the packaged calendar does not know.
    const events = anInspectionCase().started('2026-12-28T10:00:00+08:00').reported('2026-12-30T10:00:00+08:00').build();

    // Act
    const evaluation = evaluate(events, '2026-12-31T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines['inspection.closure-time-limit']).toMatchObject({ provisional: true });
  });
});

describe('configured band', () => {
  it('raises the rule’s level when a value falls outside its band, and nothing inside it', () => {
    // Prepare
    const alone = anInspectionCase().started('2025-11-03T10:00:00+08:00', 1).reported('2025-11-04T10:00:00+08:00', 80_000).build();
    const lawful = anInspectionCase().started('2025-11-03T10:00:00+08:00', 2).reported('2025-11-04T10:00:00+08:00', 50_000).build();

    // Act
    const outside = evaluate(alone, '2025-11-05T09:00:00+08:00');
    const inside = evaluate(lawful, '2025-11-05T09:00:00+08:00');

    // Assess
    expect(outside.findings.map(({ ruleId, level, summary, deadline }) => ({ ruleId, level, summary, deadline }))).toEqual([
      { ruleId: 'inspection.fine-band', level: 'warning', summary: "'fineYuan' of 'reported' is 80000, outside the band 0 to 50000.", deadline: undefined },
      {
        ruleId: 'inspection.inspector-count',
        level: 'correction',
        summary: "'inspectorCount' of 'started' is 1, outside the minimum of 2.",
        deadline: undefined,
      },
    ]);
    expect(outside.findings.every((finding) => !('deadline' in finding))).toBe(true);
    expect(inside.findings).toEqual([]);
  });

  it('judges the first occurrence of the event, not a later repeat', () => {
    // Prepare
    const events = anInspectionCase()
      .started('2025-11-03T10:00:00+08:00')
      .reported('2025-11-04T10:00:00+08:00', 100)
      .reported('2025-11-05T10:00:00+08:00', -5)
      .build();

    // Act
    const evaluation = evaluate(events, '2025-11-05T12:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation)['inspection.fine-band']).toBeUndefined();
  });
});

describe('configured evaluation: next check', () => {
  const day = 86_400_000;
  const from = Date.parse('2024-01-01T00:00:00+08:00');
  const to = Date.parse('2026-12-31T00:00:00+08:00');
  const instant = (millis: number) => new Date(millis).toISOString();
  /** A case started at `startMillis`, reported at `reportMillis` when given. */
  const aCase = (startMillis: number, reportMillis: number | null) => {
    const builder = anInspectionCase({}, reportClockDefinition).started(instant(startMillis));
    if (reportMillis !== null) builder.reported(instant(reportMillis));
    return builder.build();
  };
  const arbitraryCase = fc.record({
    start: fc.integer({ min: from, max: to - 60 * day }),
    reportAfter: fc.option(fc.integer({ min: 0, max: 40 * day }), { nil: null }),
    asOfAfter: fc.integer({ min: 0, max: 40 * day }),
    fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  });

  it('keeps the findings constant from the evaluation until the next check, and changes them at the next check', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ start, reportAfter, asOfAfter, fraction }) => {
        // Prepare
        const events = aCase(start, reportAfter === null ? null : start + reportAfter);
        const asOf = start + asOfAfter;

        // Act
        const evaluation = evaluate(events, instant(asOf), reportClock);

        // Assess
        const horizon = evaluation.nextCheckAt === null ? asOf + 400 * day : Date.parse(evaluation.nextCheckAt);
        expect(horizon).toBeGreaterThan(asOf);
        const within = asOf + Math.floor((horizon - asOf) * fraction);
        expect(evaluate(events, instant(within), reportClock).findings).toEqual(evaluation.findings);
        if (evaluation.nextCheckAt !== null) {
          expect(evaluate(events, evaluation.nextCheckAt, reportClock).findings).not.toEqual(evaluation.findings);
        }
      }),
    );
  });

  it('has no next check once the report has come, whatever the time', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ start, reportAfter, asOfAfter }) => {
        // Prepare
        const events = aCase(start, start + (reportAfter ?? 0));

        // Act
        const evaluation = evaluate(events, instant(start + asOfAfter), reportClock);

        // Assess
        expect(evaluation.nextCheckAt).toBeNull();
      }),
    );
  });
});
