import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldLicensingCase } from '#shared/domain/licensing/licensing-case.ts';
import { evaluateLicensingCase, licensingRuleIds } from '#shared/domain/licensing/licensing-rules.ts';
import { aCatalogueMatter, aLicensingCase, type LicensingCaseBuilder } from './licensing-event-mother.ts';

// Promise 10 working days, statute 20, prompt at 3 remaining, completion notice within 5.
const matter = aCatalogueMatter();

/** Received Monday 2025-09-22, accepted Tuesday 2025-09-23: promised 2025-10-13, statutory 2025-10-27. */
const acceptedCase = (): LicensingCaseBuilder => aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' }).received().accepted('2025-09-23T10:00:00+08:00');

const evaluate = (builder: LicensingCaseBuilder, asOf: string) => evaluateLicensingCase(foldLicensingCase(builder.build()), matter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);

describe('licensing decision time limit', () => {
  it('counts the promised and statutory limits in working days from acceptance, across National Day', () => {
    // Act
    const { deadlines } = evaluate(acceptedCase(), '2025-09-30T12:00:00+08:00');

    // Assess
    expect(deadlines.clockStart).toBe('2025-09-23');
    expect(deadlines.clockStartBasis).toBe('accepted');
    expect(deadlines.promised).toEqual({ date: '2025-10-13', at: '2025-10-13T15:59:59.999Z', provisional: false });
    expect(deadlines.statutory).toEqual({ date: '2025-10-27', at: '2025-10-27T15:59:59.999Z', provisional: false });
  });

  it('raises nothing while more than three working days remain, and checks again when the prompt starts', () => {
    // Act
    const evaluation = evaluate(acceptedCase(), '2025-09-30T12:00:00+08:00');

    // Assess: four working days remain (9, 10, 11, 13 October); the prompt starts on 9 October
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBe('2025-10-08T16:00:00.000Z');
  });

  it('prompts when three working days or fewer remain before the promised limit', () => {
    // Act
    const evaluation = evaluate(acceptedCase(), '2025-10-09T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'licensing.decision-time-limit',
        ruleVersion: 1,
        level: 'prompt',
        legalBasis: '《中华人民共和国行政许可法》第四十二条',
        summary: 'Promised time limit for the decision (2025-10-13) is approaching.',
        message: { key: 'licensing.decision-time-limit.approaching', params: { limit: '2025-10-13' } },
        deadline: '2025-10-13T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-10-13T16:00:00.000Z');
  });

  it('still prompts in the last minute of the promised limit', () => {
    // Act
    const evaluation = evaluate(acceptedCase(), '2025-10-13T23:59:59+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['licensing.decision-time-limit:prompt']);
  });

  it('warns when a licence decision passes its promised limit', () => {
    // Act
    const evaluation = evaluate(acceptedCase(), '2025-10-14T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.decisionTimeLimit,
        level: 'warning',
        summary: 'Decision not made by the promised time limit of 2025-10-13.',
        message: { key: 'licensing.decision-time-limit.promised-overdue', params: { limit: '2025-10-13' } },
        deadline: '2025-10-13T15:59:59.999Z',
      }),
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-10-27T16:00:00.000Z');
  });

  it('calls for correction when the statutory limit passes, with nothing left to check', () => {
    // Act
    const evaluation = evaluate(acceptedCase(), '2025-10-28T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.decisionTimeLimit,
        level: 'correction',
        summary: 'Decision not made by the statutory time limit of 2025-10-27.',
        message: { key: 'licensing.decision-time-limit.statutory-overdue', params: { limit: '2025-10-27' } },
        deadline: '2025-10-27T15:59:59.999Z',
      }),
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('finds nothing for a case decided within its promised limit, however late it is evaluated', () => {
    // Prepare: the licence is delivered within ten working days too
    const decided = acceptedCase().decided('2025-10-10T15:00:00+08:00').concluded('2025-10-13T10:00:00+08:00');

    // Act
    const evaluation = evaluate(decided, '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('judges a late decision as of the day it was made', () => {
    // Prepare
    const decided = acceptedCase().decided('2025-10-20T15:00:00+08:00').concluded('2025-10-21T10:00:00+08:00');

    // Act
    const evaluation = evaluate(decided, '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([expect.objectContaining({ level: 'warning', summary: 'Decision made after the promised time limit of 2025-10-13.' })]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('adds approved extensions to both limits', () => {
    // Prepare
    const extended = acceptedCase().extended('2025-10-09T09:00:00+08:00', 5);

    // Act
    const { deadlines } = evaluate(extended, '2025-10-09T12:00:00+08:00');

    // Assess
    expect(deadlines.promised?.date).toBe('2025-10-20');
    expect(deadlines.statutory?.date).toBe('2025-11-03');
  });

  it('does not count working days inside a suspension', () => {
    // Prepare: suspended Mon 29 Sep (still counted), resumed Fri 10 Oct (not counted)
    const suspended = acceptedCase().suspended('2025-09-29T11:00:00+08:00', 'testing').resumed('2025-10-10T09:00:00+08:00');

    // Act
    const { deadlines, findings } = evaluate(suspended, '2025-10-14T09:00:00+08:00');

    // Assess: 30 Sep, 9 Oct and 10 Oct do not count, so the promise moves from 13 to 16 October
    expect(deadlines.suspendedWorkingDays).toBe(3);
    expect(deadlines.promised?.date).toBe('2025-10-16');
    expect(levelsOf(findings)).toEqual(['licensing.decision-time-limit:prompt']);
  });

  it('ignores a suspension that started after the limit had already run out', () => {
    // Prepare
    const lateSuspension = acceptedCase().suspended('2025-10-15T09:00:00+08:00', 'hearing').resumed('2025-10-22T09:00:00+08:00');

    // Act
    const { deadlines } = evaluate(lateSuspension, '2025-10-23T09:00:00+08:00');

    // Assess: the promise (13 Oct) ran out before; the statutory limit moves by 16, 17, 20, 21, 22 Oct
    expect(deadlines.promised?.date).toBe('2025-10-13');
    expect(deadlines.statutory?.date).toBe('2025-11-03');
  });

  it('stops the clock while a suspension is open, checking again only when the suspension grows too long', () => {
    // Prepare
    const suspended = acceptedCase().suspended('2025-09-29T11:00:00+08:00', 'expertReview');

    // Act
    const evaluation = evaluate(suspended, '2025-11-20T09:00:00+08:00');

    // Assess: 29 September + 60 calendar days is 28 November; longer from 29 November
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBe('2025-11-28T16:00:00.000Z');
    expect(evaluation.deadlines.clockStopped).toBe(true);
  });

  it('keeps a warning reached before a suspension while the suspension is open', () => {
    // Prepare
    const suspended = acceptedCase().suspended('2025-10-15T11:00:00+08:00', 'hearing');

    // Act
    const evaluation = evaluate(suspended, '2025-12-01T09:00:00+08:00');

    // Assess: nothing changes before the suspension passes 60 calendar days (from 15 December)
    expect(levelsOf(evaluation.findings)).toEqual(['licensing.decision-time-limit:warning']);
    expect(evaluation.nextCheckAt).toBe('2025-12-14T16:00:00.000Z');
  });

  it('deems an application accepted on receipt when no completion notice came within five working days', () => {
    // Prepare
    const receivedOnly = aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' }).received();

    // Act
    const { deadlines } = evaluate(receivedOnly, '2025-09-30T09:00:00+08:00');

    // Assess
    expect(deadlines.clockStart).toBe('2025-09-22');
    expect(deadlines.clockStartBasis).toBe('deemedAcceptedOnReceipt');
    expect(deadlines.promised?.date).toBe('2025-10-11');
  });

  it('starts no clock while a timely completion notice awaits the applicant', () => {
    // Prepare
    const awaiting = aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' }).received().completionRequested('2025-09-24T09:00:00+08:00');

    // Act
    const evaluation = evaluate(awaiting, '2025-12-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
    expect(evaluation.deadlines.clockStart).toBeNull();
  });

  it('marks a limit running into 2027 as provisional and says so', () => {
    // Prepare
    const december = aLicensingCase({ receivedAt: '2026-12-21T09:00:00+08:00' }).received().accepted('2026-12-22T09:00:00+08:00');

    // Act
    const evaluation = evaluate(december, '2026-12-31T09:00:00+08:00');

    // Assess: 2027 has no published arrangement yet, so 1 January 2027 (a Friday) counts for now
    expect(evaluation.deadlines.promised).toEqual({ date: '2027-01-05', at: '2027-01-05T15:59:59.999Z', provisional: true });
    expect(levelsOf(evaluation.findings)).toEqual(['licensing.decision-time-limit:prompt']);
    expect(evaluation.findings[0]?.summary).toContain('provisional');
  });

  it('cites the legal basis configured for the matter', () => {
    // Prepare
    const specific = aCatalogueMatter({ legalBasis: '《食品经营许可和备案管理办法》第二十四条' });

    // Act
    const evaluation = evaluateLicensingCase(foldLicensingCase(acceptedCase().build()), specific, new Date('2025-10-14T09:00:00+08:00'), cal);

    // Assess
    expect(evaluation.findings[0]?.legalBasis).toBe('《食品经营许可和备案管理办法》第二十四条');
  });
});

describe('licensing procedure order', () => {
  it('calls for correction when a licence is decided without prior acceptance', () => {
    // Prepare: the completion notice was timely, so nothing was deemed accepted either
    const unaccepted = aLicensingCase().received().completionRequested('2025-09-23T09:00:00+08:00').decided('2025-09-30T09:00:00+08:00');

    // Act
    const evaluation = evaluate(unaccepted, '2025-10-09T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'licensing.procedure-order',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政许可法》第三十二条、第三十七条、第四十四条',
        summary: 'Case decided without prior acceptance.',
        message: { key: 'licensing.procedure-order.without-acceptance', params: {} },
      },
    ]);
  });

  it('calls for correction when a case is concluded without a decision', () => {
    // Prepare
    const concluded = acceptedCase().concluded('2025-09-30T09:00:00+08:00');

    // Act
    const evaluation = evaluate(concluded, '2025-09-30T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ ruleId: 'licensing.procedure-order', level: 'correction', summary: 'Case concluded without a decision.' }),
    ]);
  });
});

describe('licensing completion notice', () => {
  it('warns when the notice to complete materials comes after five working days', () => {
    // Prepare: five working days after Mon 22 Sep end on Sun 28 Sep, a make-up working day
    const late = aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' }).received().completionRequested('2025-09-29T09:00:00+08:00');

    // Act
    const evaluation = evaluate(late, '2025-09-29T12:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.completionNotice?.date).toBe('2025-09-28');
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'licensing.completion-notice',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国行政许可法》第三十二条',
        summary: 'Notice to complete materials issued after the limit of 2025-09-28.',
        message: { key: 'licensing.completion-notice', params: { limit: '2025-09-28', requests: 1 } },
        deadline: '2025-09-28T15:59:59.999Z',
      },
    ]);
    // No timely notice: deemed accepted on receipt, so the decision clock runs from 22 September
    expect(evaluation.deadlines.clockStartBasis).toBe('deemedAcceptedOnReceipt');
  });

  it('accepts a notice on the last day of the limit', () => {
    // Prepare
    const onTime = aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' }).received().completionRequested('2025-09-28T17:00:00+08:00');

    // Act
    const evaluation = evaluate(onTime, '2025-09-29T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('warns when materials are requested more than once', () => {
    // Prepare
    const twice = aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' })
      .received()
      .completionRequested('2025-09-23T09:00:00+08:00', ['floor plan'])
      .completionRequested('2025-09-25T09:00:00+08:00', ['staff health certificates']);

    // Act
    const evaluation = evaluate(twice, '2025-09-26T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: 'licensing.completion-notice',
        level: 'warning',
        summary: 'Notice to complete materials issued 2 times instead of once, all at once.',
        message: { key: 'licensing.completion-notice', params: { requests: 2 } },
      }),
    ]);
  });
});
