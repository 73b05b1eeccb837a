import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldDisclosureCase } from '#shared/domain/disclosure/disclosure-case.ts';
import type { WorkingDayDeadline } from '#shared/domain/calendar/working-days.ts';
import type { DisclosureOutcome } from '#shared/domain/disclosure/disclosure-event.ts';
import type { DisclosureMatter } from '#shared/domain/disclosure/disclosure-matter.ts';
import { disclosureRuleIds, evaluateDisclosureCase } from '#shared/domain/disclosure/disclosure-rules.ts';
import { aDisclosureCase, aDisclosureMatter, type DisclosureCaseBuilder } from './disclosure-event-mother.ts';

// Reply in 20 working days, +20 with approval, prompt at 1 remaining, completion request within 7.
const matter = aDisclosureMatter();

/**
 * Received Monday 2025-09-01: the reply limit is Sunday 28 September (a make-up working day before
 * National Day), the limit with the longest extension Friday 31 October.
 */
const aRequest = (): DisclosureCaseBuilder => aDisclosureCase().requestReceived('2025-09-01T09:00:00+08:00');

const evaluate = (builder: DisclosureCaseBuilder, asOf: string, caseMatter: DisclosureMatter = matter) =>
  evaluateDisclosureCase(foldDisclosureCase(builder.build()), caseMatter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);

describe('disclosure reply time limit', () => {
  it('counts twenty working days from receipt, ending on a weekend make-up working day', () => {
    // Act
    const { deadlines } = evaluate(aRequest(), '2025-09-10T12:00:00+08:00');

    // Assess
    expect(deadlines).toEqual({
      caseType: 'request',
      clockStart: '2025-09-01',
      clockStartBasis: 'requestReceived',
      completionRequest: { date: '2025-09-10', at: '2025-09-10T15:59:59.999Z', provisional: false },
      reply: { date: '2025-09-28', at: '2025-09-28T15:59:59.999Z', provisional: false },
      outermost: { date: '2025-10-31', at: '2025-10-31T15:59:59.999Z', provisional: false },
      extensionWorkingDays: 0,
      consultationWorkingDays: 0,
      clockStopped: false,
    });
  });

  it('ends a period whose last day falls in the National Day holiday on the next working day', () => {
    // Prepare: received Thursday 4 September; the twentieth working day after it would fall on 1 October
    const received = aDisclosureCase().requestReceived('2025-09-04T17:00:00+08:00');

    // Act
    const { deadlines } = evaluate(received, '2025-09-10T12:00:00+08:00');

    // Assess
    expect(deadlines.caseType === 'request' && deadlines.reply?.date).toBe('2025-10-09');
  });

  it('raises nothing while more than one working day remains, and checks again when the prompt starts', () => {
    // Act
    const evaluation = evaluate(aRequest(), '2025-09-25T23:59:59+08:00');

    // Assess: Friday 26 September leaves only Sunday 28 September
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBe('2025-09-25T16:00:00.000Z');
  });

  it('prompts when one working day or fewer remains, through the weekend to the make-up working day', () => {
    // Act
    const friday = evaluate(aRequest(), '2025-09-26T00:00:00+08:00');
    const saturday = evaluate(aRequest(), '2025-09-27T12:00:00+08:00');

    // Assess
    expect(friday.findings).toEqual([
      {
        ruleId: 'disclosure.reply-time-limit',
        ruleVersion: 1,
        level: 'prompt',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十三条',
        summary: 'Time limit for the reply to a disclosure request (2025-09-28) is approaching.',
        message: { key: 'disclosure.reply-time-limit.approaching', params: { limit: '2025-09-28' } },
        deadline: '2025-09-28T15:59:59.999Z',
      },
    ]);
    expect(saturday.findings).toEqual(friday.findings);
    expect(friday.nextCheckAt).toBe('2025-09-28T16:00:00.000Z');
  });

  it('warns when a disclosure request passes its reply limit without a reply', () => {
    // Act
    const evaluation = evaluate(aRequest(), '2025-09-29T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'disclosure.reply-time-limit',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十三条',
        summary: 'Reply not given by the time limit of 2025-09-28.',
        message: { key: 'disclosure.reply-time-limit.overdue', params: { limit: '2025-09-28' } },
        deadline: '2025-09-28T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-10-31T16:00:00.000Z');
  });

  it('keeps the warning to the last minute of the longest possible extension', () => {
    // Act
    const evaluation = evaluate(aRequest(), '2025-10-31T23:59:59.999+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['disclosure.reply-time-limit:warning']);
  });

  it('calls for correction when even the longest extension could not cover the delay', () => {
    // Act
    const evaluation = evaluate(aRequest(), '2025-11-01T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: disclosureRuleIds.replyTimeLimit,
        level: 'correction',
        summary: 'Reply not given by 2025-10-31, beyond the limit even with the longest extension allowed (20 working days).',
        message: { key: 'disclosure.reply-time-limit.outermost-overdue', params: { limit: '2025-10-31', maxExtension: 20 } },
        deadline: '2025-10-31T15:59:59.999Z',
      }),
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('finds nothing for a request answered in time, however late it is evaluated', () => {
    // Prepare
    const replied = aRequest().replied('2025-09-28T17:00:00+08:00', 'disclosed');

    // Act
    const evaluation = evaluate(replied, '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('judges a late reply as of the day it was given', () => {
    // Prepare
    const replied = aRequest().replied('2025-10-10T15:00:00+08:00', 'notHeld');

    // Act
    const evaluation = evaluate(replied, '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([expect.objectContaining({ level: 'warning', summary: 'Reply given after the time limit of 2025-09-28.' })]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('adds an approved extension to the reply limit, with the make-up Saturday counted', () => {
    // Prepare
    const extended = aRequest().extended('2025-09-25T09:00:00+08:00', 10);

    // Act
    const evaluation = evaluate(extended, '2025-10-20T09:00:00+08:00');

    // Assess: 29, 30 Sep, 9, 10, 11 (Saturday, worked) and 13–17 Oct
    expect(evaluation.deadlines).toMatchObject({ reply: { date: '2025-10-17' }, outermost: { date: '2025-10-31' }, extensionWorkingDays: 10 });
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ level: 'warning', summary: 'Reply not given by the time limit of 2025-10-17.', deadline: '2025-10-17T15:59:59.999Z' }),
    ]);
  });

  it('goes from prompt straight to correction when the full extension was approved', () => {
    // Prepare
    const extended = aRequest().extended('2025-09-25T09:00:00+08:00', 20);

    // Act
    const lastDay = evaluate(extended, '2025-10-31T09:00:00+08:00');
    const dayAfter = evaluate(extended, '2025-11-01T09:00:00+08:00');

    // Assess
    expect(levelsOf(lastDay.findings)).toEqual(['disclosure.reply-time-limit:prompt']);
    expect(lastDay.nextCheckAt).toBe('2025-10-31T16:00:00.000Z');
    expect(levelsOf(dayAfter.findings)).toEqual(['disclosure.reply-time-limit:correction']);
  });

  it('counts an extension only up to the maximum', () => {
    // Prepare
    const overExtended = aRequest().extended('2025-09-25T09:00:00+08:00', 15).extended('2025-10-20T09:00:00+08:00', 10);

    // Act
    const evaluation = evaluate(overExtended, '2025-11-03T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines).toMatchObject({ reply: { date: '2025-10-31' }, extensionWorkingDays: 20 });
    expect(levelsOf(evaluation.findings)).toEqual(['disclosure.extension-limit:correction', 'disclosure.reply-time-limit:correction']);
  });

  it('restarts the clock when the completed request arrives after a timely completion request', () => {
    // Prepare
    const completed = aRequest().completionRequested('2025-09-05T09:00:00+08:00').completionReceived('2025-09-10T11:00:00+08:00');

    // Act
    const evaluation = evaluate(completed, '2025-09-30T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines).toMatchObject({ clockStart: '2025-09-10', clockStartBasis: 'completionReceived', reply: { date: '2025-10-14' } });
    expect(evaluation.findings).toEqual([]);
  });

  it('starts no clock while the applicant has not completed the request', () => {
    // Prepare
    const awaiting = aRequest().completionRequested('2025-09-05T09:00:00+08:00');

    // Act
    const evaluation = evaluate(awaiting, '2025-12-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
    expect(evaluation.deadlines).toMatchObject({ clockStart: null, reply: null });
  });

  it('keeps the clock running from receipt after a late completion request', () => {
    // Prepare
    const late = aRequest().completionRequested('2025-09-11T09:00:00+08:00').completionReceived('2025-09-15T09:00:00+08:00');

    // Act
    const evaluation = evaluate(late, '2025-09-29T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines).toMatchObject({ clockStart: '2025-09-01', clockStartBasis: 'requestReceived', reply: { date: '2025-09-28' } });
    expect(levelsOf(evaluation.findings)).toEqual(['disclosure.completion-request:warning', 'disclosure.reply-time-limit:warning']);
  });

  it('does not count working days inside a consultation', () => {
    // Prepare: started Monday 15 September (still counted), ended Friday 19 September (not counted)
    const consulted = aRequest().consultationStarted('2025-09-15T11:00:00+08:00', 'thirdParty').consultationEnded('2025-09-19T09:00:00+08:00');

    // Act
    const evaluation = evaluate(consulted, '2025-10-09T09:00:00+08:00');

    // Assess: 16–19 September do not count, so the limit moves from 28 September to 10 October
    expect(evaluation.deadlines).toMatchObject({ consultationWorkingDays: 4, reply: { date: '2025-10-10' } });
    expect(levelsOf(evaluation.findings)).toEqual(['disclosure.reply-time-limit:prompt']);
  });

  it('stops the clock while a consultation is open', () => {
    // Prepare
    const consulting = aRequest().consultationStarted('2025-09-15T11:00:00+08:00', 'otherAuthority');

    // Act
    const evaluation = evaluate(consulting, '2025-12-31T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
    expect(evaluation.deadlines).toMatchObject({ clockStopped: true });
  });

  it('keeps a warning reached before a consultation while the consultation is open', () => {
    // Prepare
    const consulting = aRequest().consultationStarted('2025-09-30T11:00:00+08:00', 'thirdParty');

    // Act
    const evaluation = evaluate(consulting, '2025-12-31T09:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['disclosure.reply-time-limit:warning']);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('judges a request closed without a reply (withdrawn) as of its closure, without a prompt', () => {
    // Prepare
    const withdrawn = aRequest().closed('2025-09-26T10:00:00+08:00');

    // Act
    const evaluation = evaluate(withdrawn, '2025-12-31T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('prompts only on the last day when configured with no working days of notice', () => {
    // Prepare
    const lastDayOnly = aDisclosureMatter({ promptWorkingDaysBefore: 0 });

    // Act
    const friday = evaluate(aRequest(), '2025-09-26T09:00:00+08:00', lastDayOnly);
    const sunday = evaluate(aRequest(), '2025-09-28T09:00:00+08:00', lastDayOnly);

    // Assess
    expect(friday.findings).toEqual([]);
    expect(friday.nextCheckAt).toBe('2025-09-27T16:00:00.000Z');
    expect(levelsOf(sunday.findings)).toEqual(['disclosure.reply-time-limit:prompt']);
  });

  it('applies the limits of the regulations before 2019 when the matter carries them', () => {
    // Prepare
    const before2019 = aDisclosureMatter({ replyWorkingDays: 15, maxExtensionWorkingDays: 15 });

    // Act
    const { deadlines } = evaluate(aRequest(), '2025-09-10T09:00:00+08:00', before2019);

    // Assess
    expect(deadlines).toMatchObject({ reply: { date: '2025-09-22' }, outermost: { date: '2025-10-17' } });
  });

  it('marks a limit running into 2027 as provisional', () => {
    // Prepare
    const december = aDisclosureCase().requestReceived('2026-12-01T09:00:00+08:00');

    // Act
    const evaluation = evaluate(december, '2026-12-30T09:00:00+08:00');

    // Assess: 2027 has no published arrangement yet
    expect(evaluation.deadlines).toMatchObject({
      reply: { date: '2026-12-29', provisional: false },
      outermost: { date: '2027-01-26', provisional: true },
    });
    expect(levelsOf(evaluation.findings)).toEqual(['disclosure.reply-time-limit:warning']);
  });
});

describe('disclosure completion request', () => {
  it('accepts a completion request on the seventh working day after receipt', () => {
    // Prepare
    const onTime = aRequest().completionRequested('2025-09-10T17:00:00+08:00');

    // Act
    const evaluation = evaluate(onTime, '2025-09-11T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('warns when the completion request comes after seven working days', () => {
    // Prepare
    const late = aRequest().completionRequested('2025-09-11T09:00:00+08:00');

    // Act
    const evaluation = evaluate(late, '2025-09-11T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'disclosure.completion-request',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十条',
        summary: 'Request to complete the disclosure request made after the limit of 2025-09-10.',
        message: { key: 'disclosure.completion-request', params: { limit: '2025-09-10', requests: 1 } },
        deadline: '2025-09-10T15:59:59.999Z',
      },
    ]);
  });

  it('warns when the applicant is asked to complete the request more than once', () => {
    // Prepare
    const twice = aRequest()
      .completionRequested('2025-09-02T09:00:00+08:00', ['the period covered'])
      .completionReceived('2025-09-03T09:00:00+08:00')
      .completionRequested('2025-09-04T09:00:00+08:00', ['the parcel concerned']);

    // Act
    const evaluation = evaluate(twice, '2025-09-05T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: disclosureRuleIds.completionRequest,
        level: 'warning',
        summary: 'Request to complete the disclosure request made 2 times instead of once, all at once.',
        message: { key: 'disclosure.completion-request', params: { requests: 2 } },
      }),
    ]);
    expect(evaluation.findings[0]).not.toHaveProperty('deadline');
  });
});

describe('disclosure refusal reasons', () => {
  const replied = (outcome: DisclosureOutcome, reasons?: string) =>
    evaluate(aRequest().replied('2025-09-20T09:00:00+08:00', outcome, reasons), '2025-09-22T09:00:00+08:00').findings;

  it('warns when a refusal gives no reasons', () => {
    // Act
    const findings = replied('refused');

    // Assess
    expect(findings).toEqual([
      {
        ruleId: 'disclosure.refusal-reasons',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十六条、第三十七条',
        summary: 'Disclosure refused without reasons.',
        message: { key: 'disclosure.refusal-reasons.refused', params: {} },
      },
    ]);
  });

  it('warns when a partial disclosure gives no reasons for what was withheld', () => {
    // Act
    const findings = replied('partlyDisclosed');

    // Assess
    expect(findings).toEqual([expect.objectContaining({ summary: 'Information withheld from a partial disclosure without reasons.' })]);
  });

  it('finds nothing when reasons are given, or when nothing was withheld', () => {
    // Act
    const reasoned = replied('refused', 'the information is a process record exempt under Art. 16');
    const disclosed = replied('disclosed');
    const notHeld = replied('notHeld');

    // Assess
    expect([...reasoned, ...disclosed, ...notHeld]).toEqual([]);
  });
});

describe('disclosure extension limit', () => {
  it('accepts extensions totalling exactly the maximum', () => {
    // Prepare
    const exactly = aRequest().extended('2025-09-20T09:00:00+08:00', 12).extended('2025-10-10T09:00:00+08:00', 8);

    // Act
    const evaluation = evaluate(exactly, '2025-10-10T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('calls for correction when extensions total more than the maximum', () => {
    // Prepare
    const tooLong = aRequest().extended('2025-09-20T09:00:00+08:00', 12).extended('2025-10-10T09:00:00+08:00', 9);

    // Act
    const evaluation = evaluate(tooLong, '2025-10-10T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'disclosure.extension-limit',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十三条',
        summary: 'Reply limit extended by 21 working days in all, more than the 20 allowed.',
        message: { key: 'disclosure.extension-limit', params: { max: 20, total: 21 } },
      },
    ]);
  });

  it('measures extensions against the maximum the matter configures', () => {
    // Prepare
    const stricter = aDisclosureMatter({ maxExtensionWorkingDays: 15 });

    // Act
    const fifteen = evaluate(aRequest().extended('2025-09-20T09:00:00+08:00', 15), '2025-09-22T09:00:00+08:00', stricter);
    const sixteen = evaluate(aRequest().extended('2025-09-20T09:00:00+08:00', 16), '2025-09-22T09:00:00+08:00', stricter);

    // Assess
    expect(fifteen.findings).toEqual([]);
    expect(levelsOf(sixteen.findings)).toEqual(['disclosure.extension-limit:correction']);
  });
});

describe('proactive disclosure time limit', () => {
  /** Formed Monday 21 April 2025: the limit runs over the Sunday 27 April make-up day and Labour Day to 21 May. */
  const formed = (): DisclosureCaseBuilder => aDisclosureCase().informationFormed('2025-04-21T10:00:00+08:00', 'formed');

  it('counts twenty working days from formation across the Labour Day holiday', () => {
    // Act
    const evaluation = evaluate(formed(), '2025-05-20T12:00:00+08:00');

    // Assess
    expect(evaluation.deadlines).toEqual({
      caseType: 'proactive',
      publication: { date: '2025-05-21', at: '2025-05-21T15:59:59.999Z', provisional: false },
    });
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBe('2025-05-20T16:00:00.000Z');
  });

  it('prompts on the last day of the limit', () => {
    // Act
    const evaluation = evaluate(formed(), '2025-05-21T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'disclosure.proactive-time-limit',
        ruleVersion: 1,
        level: 'prompt',
        legalBasis: '《中华人民共和国政府信息公开条例》第二十六条',
        summary: 'Information formed on 2025-04-21 must be published by 2025-05-21, the last day of its time limit.',
        message: { key: 'disclosure.proactive-time-limit.last-day', params: { change: 'formed', formedOn: '2025-04-21', limit: '2025-05-21' } },
        deadline: '2025-05-21T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-05-21T16:00:00.000Z');
  });

  it('warns when formed information is not published within twenty working days', () => {
    // Act
    const evaluation = evaluate(formed(), '2025-05-22T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: disclosureRuleIds.proactiveTimeLimit,
        level: 'warning',
        summary: 'Information formed on 2025-04-21 not published by the time limit of 2025-05-21.',
        message: { key: 'disclosure.proactive-time-limit.overdue', params: { change: 'formed', formedOn: '2025-04-21', limit: '2025-05-21' } },
      }),
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('finds nothing for information published on the last day', () => {
    // Act
    const evaluation = evaluate(formed().published('2025-05-21T23:00:00+08:00'), '2025-12-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('judges a late publication as of the day it happened', () => {
    // Act
    const evaluation = evaluate(formed().published('2025-05-22T09:00:00+08:00'), '2025-12-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ level: 'warning', summary: 'Information formed on 2025-04-21 published after the time limit of 2025-05-21.' }),
    ]);
  });

  it('restarts the limit when published information changes', () => {
    // Prepare: changed Tuesday 3 June, after the Dragon Boat Festival
    const changed = formed().published('2025-05-06T09:00:00+08:00').informationFormed('2025-06-03T09:00:00+08:00', 'changed');

    // Act
    const evaluation = evaluate(changed, '2025-06-30T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines).toMatchObject({ publication: { date: '2025-07-01' } });
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBe('2025-06-30T16:00:00.000Z');
  });

  it('lets a change within the limit supersede unpublished information', () => {
    // Prepare
    const changedInTime = formed().informationFormed('2025-05-20T09:00:00+08:00', 'changed');

    // Act
    const evaluation = evaluate(changedInTime, '2025-06-03T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.deadlines).toMatchObject({ publication: { date: '2025-06-18' } });
  });

  it('keeps reporting information left unpublished past its limit after it changed, until the change lapses too', () => {
    // Prepare
    const changedLate = formed().informationFormed('2025-05-26T09:00:00+08:00', 'changed');

    // Act
    const before = evaluate(changedLate, '2025-06-20T09:00:00+08:00');
    const after = evaluate(changedLate, '2025-06-25T00:00:00+08:00');

    // Assess
    expect(before.findings).toEqual([
      expect.objectContaining({ level: 'warning', summary: 'Information formed on 2025-04-21 not published by the time limit of 2025-05-21.' }),
    ]);
    expect(before.deadlines).toMatchObject({ publication: { date: '2025-06-24' } });
    expect(before.nextCheckAt).toBe('2025-06-24T16:00:00.000Z');
    expect(after.findings).toEqual([
      expect.objectContaining({ level: 'warning', summary: 'Information changed on 2025-05-26 not published by the time limit of 2025-06-24.' }),
    ]);
  });
});

describe('when to check a disclosure case again', () => {
  const minute = 60_000;
  const base = Date.parse('2025-01-01T00:00:00+08:00');
  const iso = (millis: number): string => new Date(millis).toISOString();
  const requestSteps = ['completionRequested', 'completionReceived', 'consultationStarted', 'consultationEnded', 'extended', 'replied', 'closed'] as const;
  const proactiveSteps = ['informationFormed', 'published'] as const;
  type Step = { kind: string; afterMinutes: number; days: number; outcome: DisclosureOutcome };
  const aStep = (kinds: readonly string[]) =>
    fc.record({
      kind: fc.constantFrom(...kinds),
      afterMinutes: fc.integer({ min: 0, max: 15 * 24 * 60 }),
      days: fc.integer({ min: 1, max: 20 }),
      outcome: fc.constantFrom<DisclosureOutcome>('disclosed', 'partlyDisclosed', 'refused'),
    });
  const aCase = fc.oneof(
    fc.record({
      type: fc.constant('request' as const),
      startMinute: fc.integer({ min: 0, max: 640 * 24 * 60 }),
      steps: fc.array(aStep(requestSteps), { maxLength: 6 }),
    }),
    fc.record({
      type: fc.constant('proactive' as const),
      startMinute: fc.integer({ min: 0, max: 640 * 24 * 60 }),
      steps: fc.array(aStep(proactiveSteps), { maxLength: 5 }),
    }),
  );
  const aMatter = fc
    .record({
      replyWorkingDays: fc.integer({ min: 1, max: 30 }),
      maxExtensionWorkingDays: fc.integer({ min: 0, max: 20 }),
      proactiveWorkingDays: fc.integer({ min: 1, max: 30 }),
      promptWorkingDaysBefore: fc.integer({ min: 0, max: 5 }),
      completionRequestWorkingDays: fc.integer({ min: 1, max: 10 }),
    })
    .map((limits) => {
      const replyWorkingDays = Math.max(limits.replyWorkingDays, limits.promptWorkingDaysBefore + 1, limits.completionRequestWorkingDays);
      return aDisclosureMatter({ ...limits, replyWorkingDays });
    });

  const buildCase = (spec: { type: 'request' | 'proactive'; startMinute: number; steps: readonly Step[] }) => {
    let at = base + spec.startMinute * minute;
    const builder = aDisclosureCase();
    if (spec.type === 'request') builder.requestReceived(iso(at));
    else builder.informationFormed(iso(at));
    for (const step of spec.steps) {
      at += step.afterMinutes * minute;
      if (step.kind === 'completionRequested') builder.completionRequested(iso(at));
      else if (step.kind === 'completionReceived') builder.completionReceived(iso(at));
      else if (step.kind === 'consultationStarted') builder.consultationStarted(iso(at));
      else if (step.kind === 'consultationEnded') builder.consultationEnded(iso(at));
      else if (step.kind === 'extended') builder.extended(iso(at), step.days);
      else if (step.kind === 'replied') builder.replied(iso(at), step.outcome);
      else if (step.kind === 'closed') builder.closed(iso(at));
      else if (step.kind === 'informationFormed') builder.informationFormed(iso(at), 'changed');
      else builder.published(iso(at));
    }
    return { state: foldDisclosureCase(builder.build()), startMillis: base + spec.startMinute * minute };
  };

  it('keeps the same findings from any instant until the next check, and changes them at it', () => {
    fc.assert(
      fc.property(
        aCase,
        aMatter,
        fc.integer({ min: -5 * 24 * 60, max: 150 * 24 * 60 }),
        fc.constantFrom('start', 'reply', 'outermost', 'publication'),
        fc.integer({ min: -4 * 24 * 60, max: 2 * 24 * 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (spec, caseMatter, asOfMinutes, anchor, nearMinutes, fractions) => {
          // Prepare: an instant anywhere after the start, or close to one of the case's limits
          const { state, startMillis } = buildCase(spec);
          const at = (millis: number) => evaluateDisclosureCase(state, caseMatter, new Date(millis), cal);
          const deadlines: Readonly<Record<string, unknown>> = at(startMillis).deadlines;
          const limit = deadlines[anchor] as WorkingDayDeadline | null | undefined;
          const asOf = limit ? Date.parse(limit.at) + nearMinutes * minute : startMillis + asOfMinutes * minute;

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
      { numRuns: 800 },
    );
  });
});
