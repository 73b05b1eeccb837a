import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldPenaltyCase } from '#shared/domain/penalty/penalty-case.ts';
import type { PenaltyCircumstance } from '#shared/domain/penalty/penalty-event.ts';
import type { PenaltyMatter } from '#shared/domain/penalty/penalty-matter.ts';
import { evaluatePenaltyCase, penaltyRuleIds } from '#shared/domain/penalty/penalty-rules.ts';
import { aPenaltyCase, aPenaltyMatter, type PenaltyCaseBuilder } from './penalty-event-mother.ts';

// 90 calendar days, prompt 7 days before, publication within 7 working days, hearing from 10 000
// yuan; the default violation's ordinary band is 1 000–20 000 yuan.
const matter = aPenaltyMatter();

/** Filed Tuesday 2025-04-01; the 90th day, Monday 2025-06-30, is a working day. */
const filedCase = (filedAt = '2025-04-01T09:00:00+08:00'): PenaltyCaseBuilder =>
  aPenaltyCase({ filedAt }).caseFiled().priorNoticeIssued('2025-04-22T10:00:00+08:00');

const evaluate = (builder: PenaltyCaseBuilder, asOf: string, caseMatter: PenaltyMatter = matter) =>
  evaluatePenaltyCase(foldPenaltyCase(builder.build()), caseMatter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);

describe('penalty decision time limit', () => {
  it('counts 90 calendar days from the day after filing', () => {
    // Act
    const { deadlines, findings, nextCheckAt } = evaluate(filedCase(), '2025-05-15T12:00:00+08:00');

    // Assess: the prompt starts seven days before the limit, on 23 June
    expect(deadlines).toMatchObject({
      filedOn: '2025-04-01',
      decisionCalendarDays: 90,
      decisionPeriodEndsOn: '2025-06-30',
      decision: { date: '2025-06-30', at: '2025-06-30T15:59:59.999Z', provisional: false },
    });
    expect(findings).toEqual([]);
    expect(nextCheckAt).toBe('2025-06-22T16:00:00.000Z');
  });

  it('prompts when seven calendar days or fewer remain', () => {
    // Act
    const evaluation = evaluate(filedCase(), '2025-06-23T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'penalty.decision-time-limit',
        ruleVersion: 1,
        level: 'prompt',
        legalBasis: '《中华人民共和国行政处罚法》第六十条',
        summary: 'Time limit for the penalty decision (2025-06-30) is approaching.',
        message: { key: 'penalty.decision-time-limit.approaching', params: { limit: '2025-06-30' } },
        deadline: '2025-06-30T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-06-30T16:00:00.000Z');
  });

  it('raises nothing eight days before the limit and still prompts in its last minute', () => {
    // Act
    const early = evaluate(filedCase(), '2025-06-22T23:59:59+08:00');
    const late = evaluate(filedCase(), '2025-06-30T23:59:59+08:00');

    // Assess
    expect(early.findings).toEqual([]);
    expect(levelsOf(late.findings)).toEqual(['penalty.decision-time-limit:prompt']);
  });

  it('warns when a penalty decision is not made by the limit, with nothing left to check', () => {
    // Act
    const evaluation = evaluate(filedCase(), '2025-07-01T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: penaltyRuleIds.decisionTimeLimit,
        level: 'warning',
        summary: 'Penalty decision not made by the time limit of 2025-06-30.',
        message: { key: 'penalty.decision-time-limit.overdue', params: { limit: '2025-06-30' } },
        deadline: '2025-06-30T15:59:59.999Z',
      }),
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('moves a limit ending in the National Day holiday to the next working day', () => {
    // Prepare: filed Friday 4 July; the 90th day is Thursday 2 October, a public holiday
    const holidayEnd = filedCase('2025-07-04T09:00:00+08:00');

    // Act
    const duringHoliday = evaluate(holidayEnd, '2025-10-08T12:00:00+08:00');
    const afterHoliday = evaluate(holidayEnd, '2025-10-10T00:00:00+08:00');

    // Assess
    expect(duringHoliday.deadlines.decisionPeriodEndsOn).toBe('2025-10-02');
    expect(duringHoliday.deadlines.decision?.date).toBe('2025-10-09');
    expect(levelsOf(duringHoliday.findings)).toEqual(['penalty.decision-time-limit:prompt']);
    expect(duringHoliday.nextCheckAt).toBe('2025-10-09T16:00:00.000Z');
    expect(levelsOf(afterHoliday.findings)).toEqual(['penalty.decision-time-limit:warning']);
  });

  it('keeps a limit ending on a weekend make-up working day on that day', () => {
    // Prepare: filed Monday 30 June; the 90th day is Sunday 28 September, a make-up working day
    const makeUpEnd = filedCase('2025-06-30T09:00:00+08:00');

    // Act
    const evaluation = evaluate(makeUpEnd, '2025-09-29T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.decision?.date).toBe('2025-09-28');
    expect(evaluation.findings).toEqual([expect.objectContaining({ level: 'warning', summary: 'Penalty decision not made by the time limit of 2025-09-28.' })]);
  });

  it('adds approved extensions in calendar days', () => {
    // Prepare
    const extended = filedCase().extended('2025-06-20T09:00:00+08:00', 20).extended('2025-06-25T09:00:00+08:00', 10);

    // Act
    const evaluation = evaluate(extended, '2025-07-01T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.decisionCalendarDays).toBe(120);
    expect(evaluation.deadlines.decision?.date).toBe('2025-07-30');
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBe('2025-07-22T16:00:00.000Z');
  });

  it('counts the period from the first filing when the case is filed again', () => {
    // Prepare
    const refiled = filedCase().caseFiled('2025-05-06T09:00:00+08:00');

    // Act
    const evaluation = evaluate(refiled, '2025-07-01T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.filedOn).toBe('2025-04-01');
    expect(levelsOf(evaluation.findings)).toEqual(['penalty.decision-time-limit:warning']);
  });

  it('finds nothing for a case decided on the last day of its limit, however late it is evaluated', () => {
    // Prepare
    const decided = filedCase().decided('2025-06-30T23:00:00+08:00');

    // Act
    const evaluation = evaluate(decided, '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('keeps the warning for a decision made after the limit, judged as of the decision', () => {
    // Prepare
    const decided = filedCase().decided('2025-07-01T09:00:00+08:00');

    // Act
    const evaluation = evaluate(decided, '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([expect.objectContaining({ level: 'warning', summary: 'Penalty decision made after the time limit of 2025-06-30.' })]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('stops the clock when a case is closed without a decision, and warns if that was late', () => {
    // Prepare
    const closedInTime = filedCase().closed('2025-06-01T09:00:00+08:00');
    const closedLate = filedCase().closed('2025-07-02T09:00:00+08:00');

    // Act
    const inTime = evaluate(closedInTime, '2025-08-01T09:00:00+08:00');
    const late = evaluate(closedLate, '2025-08-01T09:00:00+08:00');

    // Assess
    expect(inTime.findings).toEqual([]);
    expect(inTime.nextCheckAt).toBeNull();
    expect(late.findings).toEqual([
      expect.objectContaining({ level: 'warning', summary: 'Case closed without a decision after the time limit of 2025-06-30.' }),
    ]);
  });

  it('prompts only on the last day when the matter asks for no earlier prompt', () => {
    // Prepare
    const lastDayOnly = aPenaltyMatter({ promptCalendarDaysBefore: 0 });

    // Act
    const before = evaluate(filedCase(), '2025-06-29T12:00:00+08:00', lastDayOnly);
    const onTheDay = evaluate(filedCase(), '2025-06-30T00:00:00+08:00', lastDayOnly);

    // Assess
    expect(before.findings).toEqual([]);
    expect(before.nextCheckAt).toBe('2025-06-29T16:00:00.000Z');
    expect(levelsOf(onTheDay.findings)).toEqual(['penalty.decision-time-limit:prompt']);
  });

  it('cites the matter legal basis when the matter sets a period other than the national one', () => {
    // Prepare
    const special = aPenaltyMatter({ decisionCalendarDays: 60, legalBasis: '《市场监督管理行政处罚程序规定》第六十四条' });

    // Act
    const evaluation = evaluate(filedCase(), '2025-06-01T09:00:00+08:00', special);

    // Assess: 60 days from 1 April end on Saturday 31 May; Dragon Boat runs to 2 June
    expect(evaluation.deadlines.decision?.date).toBe('2025-06-03');
    expect(evaluation.findings).toEqual([expect.objectContaining({ level: 'prompt', legalBasis: '《市场监督管理行政处罚程序规定》第六十四条' })]);
  });

  it('marks a limit running into 2027 as provisional and says so', () => {
    // Prepare: filed 2026-10-15; the 90th day is 2027-01-13, a year without an arrangement yet
    const december = filedCase('2026-10-15T09:00:00+08:00');

    // Act
    const evaluation = evaluate(december, '2027-01-10T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.decision).toEqual({ date: '2027-01-13', at: '2027-01-13T15:59:59.999Z', provisional: true });
    expect(evaluation.findings[0]?.summary).toContain('provisional');
  });
});

describe('penalty fine within the discretion band', () => {
  const decidedWith = (fineYuan: number, circumstance: PenaltyCircumstance = 'ordinary', violationCode?: string) =>
    evaluate(
      filedCase()
        .hearingNoticeIssued('2025-04-23T10:00:00+08:00')
        .decided('2025-05-20T16:00:00+08:00', { fineYuan, circumstance, ...(violationCode === undefined ? {} : { violationCode }) }),
      '2025-05-21T09:00:00+08:00',
    );

  it('accepts fines exactly at either end of the band', () => {
    // Act
    const atMinimum = decidedWith(1000);
    const atMaximum = decidedWith(20_000);

    // Assess
    expect(atMinimum.findings).toEqual([]);
    expect(atMaximum.findings).toEqual([]);
  });

  it('calls for correction when a fine falls one yuan outside its band', () => {
    // Act
    const below = decidedWith(999);
    const above = decidedWith(20_001);

    // Assess
    expect(below.findings).toEqual([
      {
        ruleId: 'penalty.fine-within-band',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政处罚法》第三十四条；《中华人民共和国食品安全法》第一百二十四条',
        summary: 'Fine of 999 yuan is outside the discretion band of 1000-20000 yuan for violation FSL-124 (ordinary).',
        message: { key: 'penalty.fine-within-band.outside', params: { circumstance: 'ordinary', fine: 999, max: 20000, min: 1000, violation: 'FSL-124' } },
      },
    ]);
    expect(levelsOf(above.findings)).toEqual(['penalty.fine-within-band:correction']);
  });

  it('judges the fine against the band of the decided circumstance', () => {
    // Act
    const minor = decidedWith(0, 'minor');
    const serious = decidedWith(5000, 'serious');

    // Assess
    expect(minor.findings).toEqual([]);
    expect(serious.findings).toEqual([
      expect.objectContaining({ summary: 'Fine of 5000 yuan is outside the discretion band of 20000-100000 yuan for violation FSL-124 (serious).' }),
    ]);
  });

  it('warns when the matter has no band for the decided violation and circumstance', () => {
    // Act
    const evaluation = decidedWith(5000, 'ordinary', 'FSL-999');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: 'penalty.fine-within-band',
        level: 'warning',
        summary: 'No discretion band configured for violation FSL-999 (ordinary).',
        message: { key: 'penalty.fine-within-band.no-band', params: { circumstance: 'ordinary', violation: 'FSL-999' } },
      }),
    ]);
  });
});

describe('penalty hearing notice', () => {
  it('calls for correction when a fine at the threshold is decided without a hearing notice', () => {
    // Prepare
    const decided = filedCase().decided('2025-05-20T16:00:00+08:00', { fineYuan: 10_000 });

    // Act
    const evaluation = evaluate(decided, '2025-05-21T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'penalty.hearing-notice',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政处罚法》第六十三条、第六十四条',
        summary: 'Fine of 10000 yuan reaches the hearing threshold of 10000 yuan, but no hearing notice was issued before the decision.',
        message: { key: 'penalty.hearing-notice.fine', params: { fine: 10000, threshold: 10000 } },
      },
    ]);
  });

  it('finds nothing for a fine one yuan below the threshold', () => {
    // Prepare
    const decided = filedCase().decided('2025-05-20T16:00:00+08:00', { fineYuan: 9999 });

    // Act
    const evaluation = evaluate(decided, '2025-05-21T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('calls for correction when the prior notice proposed a fine at the threshold, even if less was decided', () => {
    // Prepare
    const decided = aPenaltyCase()
      .caseFiled()
      .priorNoticeIssued('2025-04-22T10:00:00+08:00', { proposedFineYuan: 12_000 })
      .decided('2025-05-20T16:00:00+08:00', { fineYuan: 9000 });

    // Act
    const evaluation = evaluate(decided, '2025-05-21T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: penaltyRuleIds.hearingNotice,
        summary: 'Proposed fine of 12000 yuan reaches the hearing threshold of 10000 yuan, but no hearing notice was issued before the decision.',
        message: { key: 'penalty.hearing-notice.proposed-fine', params: { fine: 12000, threshold: 10000 } },
      }),
    ]);
  });

  it('finds nothing when the hearing notice came before the decision', () => {
    // Prepare
    const decided = filedCase()
      .hearingNoticeIssued('2025-04-23T10:00:00+08:00')
      .hearingRequested('2025-04-25T10:00:00+08:00')
      .hearingHeld('2025-05-08T10:00:00+08:00')
      .decided('2025-05-20T16:00:00+08:00', { fineYuan: 15_000 });

    // Act
    const evaluation = evaluate(decided, '2025-05-21T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('does not accept a hearing notice sent after the decision', () => {
    // Prepare
    const decided = filedCase().decided('2025-05-20T16:00:00+08:00', { fineYuan: 15_000 }).hearingNoticeIssued('2025-05-21T10:00:00+08:00');

    // Act
    const evaluation = evaluate(decided, '2025-05-22T09:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['penalty.hearing-notice:correction']);
  });

  it('raises nothing before the decision, however large the proposed fine', () => {
    // Prepare
    const proposed = aPenaltyCase().caseFiled().priorNoticeIssued('2025-04-22T10:00:00+08:00', { proposedFineYuan: 50_000 });

    // Act
    const evaluation = evaluate(proposed, '2025-05-21T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });
});

describe('penalty publication', () => {
  /** Decided Friday 26 September 2025; seven working days run over National Day to Monday 13 October. */
  const decidedForPublication = (publicationRequired = true) =>
    aPenaltyCase({ filedAt: '2025-09-01T09:00:00+08:00' })
      .caseFiled()
      .priorNoticeIssued('2025-09-15T10:00:00+08:00')
      .decided('2025-09-26T16:00:00+08:00', { publicationRequired });

  it('counts seven working days after the decision, with make-up days and without the holiday', () => {
    // Act
    const evaluation = evaluate(decidedForPublication(), '2025-10-12T12:00:00+08:00');

    // Assess: 28, 29, 30 September, 9, 10, 11 (make-up Saturday) and 13 October
    expect(evaluation.deadlines.publication).toEqual({ date: '2025-10-13', at: '2025-10-13T15:59:59.999Z', provisional: false });
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBe('2025-10-12T16:00:00.000Z');
  });

  it('prompts on the last day to publish', () => {
    // Act
    const evaluation = evaluate(decidedForPublication(), '2025-10-13T08:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'penalty.publication',
        ruleVersion: 1,
        level: 'prompt',
        legalBasis: '《中华人民共和国行政处罚法》第四十八条',
        summary: 'Today is the last day to publish the penalty decision (2025-10-13).',
        message: { key: 'penalty.publication.last-day', params: { limit: '2025-10-13' } },
        deadline: '2025-10-13T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-10-13T16:00:00.000Z');
  });

  it('warns when a decision to be made public is not published in time', () => {
    // Act
    const evaluation = evaluate(decidedForPublication(), '2025-10-14T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: penaltyRuleIds.publication,
        level: 'warning',
        summary: 'Penalty decision not published by the publication limit of 2025-10-13.',
        message: { key: 'penalty.publication.overdue', params: { limit: '2025-10-13' } },
      }),
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('finds nothing for a decision published on the last day, however late it is evaluated', () => {
    // Prepare
    const published = decidedForPublication().published('2025-10-13T18:00:00+08:00');

    // Act
    const evaluation = evaluate(published, '2026-03-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('keeps the warning for a decision published late, judged as of its publication', () => {
    // Prepare
    const published = decidedForPublication().published('2025-10-14T09:00:00+08:00');

    // Act
    const evaluation = evaluate(published, '2026-03-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ level: 'warning', summary: 'Penalty decision published after the publication limit of 2025-10-13.' }),
    ]);
  });

  it('expects no publication of a decision that need not be made public', () => {
    // Act
    const evaluation = evaluate(decidedForPublication(false), '2026-03-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.deadlines.publication).toBeNull();
    expect(evaluation.nextCheckAt).toBeNull();
  });
});

describe('penalty procedure order', () => {
  it('calls for correction when a penalty is decided without filing or prior notice', () => {
    // Prepare
    const unfiled = aPenaltyCase().decided('2025-05-20T16:00:00+08:00');

    // Act
    const evaluation = evaluate(unfiled, '2025-05-21T09:00:00+08:00');

    // Assess: without a filing there is no decision period to judge
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'penalty.procedure-order',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政处罚法》第四十四条、第五十四条、第六十二条、第六十六条',
        summary: 'Case decided without prior case filing and decided without prior notice of the proposed penalty.',
        message: { key: 'penalty.procedure-order', params: { problems: 'decidedWithoutFiling,decidedWithoutPriorNotice' } },
      },
    ]);
    expect(evaluation.deadlines.decision).toBeNull();
  });

  it('calls for correction when a penalty is executed without a decision', () => {
    // Prepare
    const executed = filedCase().executed('2025-05-20T16:00:00+08:00');

    // Act
    const evaluation = evaluate(executed, '2025-05-21T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ ruleId: penaltyRuleIds.procedureOrder, level: 'correction', summary: 'Case executed without a decision.' }),
    ]);
  });

  it('lists findings of several rules ordered by rule id', () => {
    // Prepare: late, without prior notice, above the band and the hearing threshold
    const everything = aPenaltyCase().caseFiled().decided('2025-07-01T09:00:00+08:00', { fineYuan: 25_000, publicationRequired: true });

    // Act
    const evaluation = evaluate(everything, '2025-07-20T09:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual([
      'penalty.decision-time-limit:warning',
      'penalty.fine-within-band:correction',
      'penalty.hearing-notice:correction',
      'penalty.procedure-order:correction',
      'penalty.publication:warning',
    ]);
  });
});

describe('when to check a penalty case again', () => {
  const steps = ['priorNoticeIssued', 'hearingNoticeIssued', 'extended', 'decided', 'published', 'closed', 'executed'] as const;
  type StepKind = (typeof steps)[number];
  const aStep = fc.record({
    kind: fc.constantFrom(...steps),
    afterMinutes: fc.integer({ min: 0, max: 40 * 24 * 60 }),
    days: fc.integer({ min: 1, max: 60 }),
    fineYuan: fc.constantFrom(0, 999, 1000, 9999, 10_000, 20_000, 20_001),
    publicationRequired: fc.boolean(),
  });
  type CaseStep = { kind: StepKind; afterMinutes: number; days: number; fineYuan: number; publicationRequired: boolean };
  const aCase = fc.record({
    filedMinute: fc.integer({ min: 0, max: 600 * 24 * 60 }), // from 2025-01-01 into late 2026
    filed: fc.boolean(),
    steps: fc.array(aStep, { maxLength: 6 }),
  });
  const aMatter = fc
    .record({
      decisionCalendarDays: fc.integer({ min: 1, max: 120 }),
      promptCalendarDaysBefore: fc.integer({ min: 0, max: 10 }),
      publicationWorkingDays: fc.integer({ min: 0, max: 10 }),
    })
    .filter((limits) => limits.promptCalendarDaysBefore < limits.decisionCalendarDays);
  const base = Date.parse('2025-01-01T00:00:00+08:00');
  const minute = 60_000;
  const iso = (millis: number): string => new Date(millis).toISOString();

  const buildCase = (spec: { filedMinute: number; filed: boolean; steps: readonly CaseStep[] }) => {
    let at = base + spec.filedMinute * minute;
    const builder = aPenaltyCase({ filedAt: iso(at) });
    if (spec.filed) builder.caseFiled();
    for (const step of spec.steps) {
      at += step.afterMinutes * minute;
      if (step.kind === 'priorNoticeIssued') builder.priorNoticeIssued(iso(at), { proposedFineYuan: step.fineYuan });
      else if (step.kind === 'hearingNoticeIssued') builder.hearingNoticeIssued(iso(at));
      else if (step.kind === 'extended') builder.extended(iso(at), step.days);
      else if (step.kind === 'decided') builder.decided(iso(at), { fineYuan: step.fineYuan, publicationRequired: step.publicationRequired });
      else if (step.kind === 'published') builder.published(iso(at));
      else if (step.kind === 'closed') builder.closed(iso(at));
      else builder.executed(iso(at));
    }
    return { state: foldPenaltyCase(builder.build()), filedMillis: base + spec.filedMinute * minute, lastMillis: at };
  };
  /** An instant relative to the filing, or shortly after the last event, where publication limits fall. */
  const anInstant = fc.oneof(
    fc.record({ from: fc.constant<'filing'>('filing'), minutes: fc.integer({ min: -5 * 24 * 60, max: 200 * 24 * 60 }) }),
    fc.record({ from: fc.constant<'lastEvent'>('lastEvent'), minutes: fc.integer({ min: 0, max: 20 * 24 * 60 }) }),
  );

  it('keeps the same findings from any instant until the next check, and changes them at it', () => {
    fc.assert(
      fc.property(
        aCase.filter((spec) => spec.filed || spec.steps.length > 0),
        aMatter,
        anInstant,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (spec, limits, instant, fractions) => {
          // Prepare
          const { state, filedMillis, lastMillis } = buildCase(spec);
          const caseMatter = aPenaltyMatter(limits);
          const asOf = (instant.from === 'filing' ? filedMillis : lastMillis) + instant.minutes * minute;
          const at = (millis: number) => evaluatePenaltyCase(state, caseMatter, new Date(millis), cal);

          // Act
          const evaluation = at(asOf);

          // Assess
          const until = evaluation.nextCheckAt === null ? asOf + 400 * 24 * 60 * minute : Date.parse(evaluation.nextCheckAt);
          expect(until).toBeGreaterThan(asOf);
          if (evaluation.nextCheckAt !== null) expect(evaluation.nextCheckAt).toBe(iso(until));
          const probes = [asOf, until - 1, ...fractions.map((fraction) => asOf + Math.floor(fraction * (until - 1 - asOf)))];
          for (const probe of probes) expect(at(probe).findings).toEqual(evaluation.findings);
          if (evaluation.nextCheckAt !== null) expect(at(until).findings).not.toEqual(evaluation.findings);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
