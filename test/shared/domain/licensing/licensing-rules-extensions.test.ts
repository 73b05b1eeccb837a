/**
 * The licensing rules added for the rest of the licensing list: refusal reasons, fees,
 * extension caps, suspensions themselves and the acceptance and delivery stages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import type { CatalogueMatter } from '#shared/domain/catalogue/catalogue-matter.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldLicensingCase } from '#shared/domain/licensing/licensing-case.ts';
import type { SuspensionReason } from '#shared/domain/licensing/licensing-event.ts';
import { evaluateLicensingCase, licensingRuleIds } from '#shared/domain/licensing/licensing-rules.ts';
import { aCatalogueMatter, aLicensingCase, type LicensingCaseBuilder } from './licensing-event-mother.ts';

// Promise 10 working days, statute 20, prompt at 3 remaining, completion notice within 5.
const matter = aCatalogueMatter();

/** Received Monday 2025-09-22, accepted Tuesday 2025-09-23: promised 2025-10-13, statutory 2025-10-27. */
const acceptedCase = (): LicensingCaseBuilder => aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' }).received().accepted('2025-09-23T10:00:00+08:00');

/** Decided and delivered within every limit: nothing else to find. */
const deliveredCase = (outcome: 'granted' | 'refused' = 'granted', reasons?: string): LicensingCaseBuilder =>
  acceptedCase().decided('2025-10-09T16:00:00+08:00', outcome, reasons).concluded('2025-10-10T10:00:00+08:00');

const evaluate = (builder: LicensingCaseBuilder, asOf: string, caseMatter: CatalogueMatter = matter) =>
  evaluateLicensingCase(foldLicensingCase(builder.build()), caseMatter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);
const findingOf = (findings: readonly Finding[], ruleId: string) => findings.find((finding) => finding.ruleId === ruleId);

describe('licensing refusal reasons', () => {
  it('calls for correction when an application is refused without written reasons', () => {
    // Act
    const evaluation = evaluate(deliveredCase('refused'), '2025-10-20T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'licensing.refusal-reasons',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政许可法》第三十八条第二款',
        summary: 'Application refused without written reasons.',
        message: { key: 'licensing.refusal-reasons', params: {} },
      },
    ]);
  });

  it('takes blank reasons for none', () => {
    // Act
    const evaluation = evaluate(deliveredCase('refused', '   '), '2025-10-20T09:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['licensing.refusal-reasons:correction']);
  });

  it('finds nothing for a refusal with reasons or a grant without them', () => {
    // Act
    const refused = evaluate(deliveredCase('refused', 'premises do not meet hygiene standards'), '2025-10-20T09:00:00+08:00');
    const granted = evaluate(deliveredCase('granted'), '2025-10-20T09:00:00+08:00');

    // Assess
    expect(refused.findings).toEqual([]);
    expect(granted.findings).toEqual([]);
  });
});

describe('licensing fees', () => {
  const withStandard = aCatalogueMatter({ feeStandardYuan: 50 });

  it('finds nothing when the fees charged add up to exactly the standard, float residue included', () => {
    // Prepare: 0.1 + 0.2 is 0.30000000000000004 in floating point, 30 fen in fen
    const charged = deliveredCase()
      .feeCharged('2025-10-10T09:00:00+08:00', 49.7)
      .feeCharged('2025-10-10T09:05:00+08:00', 0.1)
      .feeCharged('2025-10-10T09:10:00+08:00', 0.2);

    // Act
    const evaluation = evaluate(charged, '2025-10-20T09:00:00+08:00', withStandard);

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('calls for correction when the fees charged exceed the standard by one fen', () => {
    // Prepare
    const charged = deliveredCase().feeCharged('2025-10-10T09:00:00+08:00', 30).feeCharged('2025-10-10T09:05:00+08:00', 20.01);

    // Act
    const evaluation = evaluate(charged, '2025-10-20T09:00:00+08:00', withStandard);

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'licensing.fee',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政许可法》第五十八条、第五十九条',
        summary: 'Fees of 50.01 yuan charged, above the catalogue standard of 50.00 yuan.',
        message: { key: 'licensing.fee.above-standard', params: { chargedFen: 5001, standardFen: 5000 } },
      },
    ]);
  });

  it('calls for correction for any fee on a matter whose catalogue sets no fee', () => {
    // Prepare
    const charged = deliveredCase().feeCharged('2025-10-10T09:00:00+08:00', 0.01);

    // Act
    const evaluation = evaluate(charged, '2025-10-20T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.fee,
        level: 'correction',
        summary: 'Fees of 0.01 yuan charged for a matter whose catalogue sets no fee.',
        message: { key: 'licensing.fee.no-standard', params: { chargedFen: 1 } },
      }),
    ]);
  });

  it('calls for correction for any fee on a matter whose standard is zero', () => {
    // Prepare
    const charged = deliveredCase().feeCharged('2025-10-10T09:00:00+08:00', 12);

    // Act
    const evaluation = evaluate(charged, '2025-10-20T09:00:00+08:00', aCatalogueMatter({ feeStandardYuan: 0 }));

    // Assess
    expect(findingOf(evaluation.findings, licensingRuleIds.fee)?.summary).toBe('Fees of 12.00 yuan charged, above the catalogue standard of 0.00 yuan.');
  });

  it('counts a fee delivered twice under the same sequence once', () => {
    // Prepare
    const events = deliveredCase().feeCharged('2025-10-10T09:00:00+08:00', 50).build();
    const redelivered = [...events, events[events.length - 1] as (typeof events)[number]];

    // Act
    const evaluation = evaluateLicensingCase(foldLicensingCase(redelivered), withStandard, new Date('2025-10-20T09:00:00+08:00'), cal);

    // Assess
    expect(evaluation.findings).toEqual([]);
  });
});

describe('licensing extension caps', () => {
  it('accepts extensions of ten working days in all and counts them in both limits', () => {
    // Prepare
    const extended = acceptedCase().extended('2025-10-09T09:00:00+08:00', 4).extended('2025-10-10T09:00:00+08:00', 6);

    // Act
    const evaluation = evaluate(extended, '2025-10-10T12:00:00+08:00');

    // Assess
    expect(findingOf(evaluation.findings, licensingRuleIds.extension)).toBeUndefined();
    expect(evaluation.deadlines.promised?.date).toBe('2025-10-27');
    expect(evaluation.deadlines.statutory?.date).toBe('2025-11-10');
  });

  it('calls for correction past ten working days and counts only ten in either limit', () => {
    // Prepare
    const extended = acceptedCase().extended('2025-10-09T09:00:00+08:00', 6).extended('2025-10-10T09:00:00+08:00', 5);

    // Act
    const evaluation = evaluate(extended, '2025-10-10T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'licensing.extension',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政许可法》第四十二条',
        summary: 'Extensions of 11 working days exceed the cap of 10 working days; only 10 count towards the time limits.',
        message: { key: 'licensing.extension', params: { cap: 10, total: 11 } },
      },
    ]);
    expect(evaluation.deadlines.promised?.date).toBe('2025-10-27');
    expect(evaluation.deadlines.statutory?.date).toBe('2025-11-10');
  });

  it('allows fifteen more working days on a joint-handling matter of forty-five', () => {
    // Prepare
    const joint = aCatalogueMatter({ promisedWorkingDays: 30, statutoryWorkingDays: 45, statutoryExtensionWorkingDays: 15 });
    const fifteen = acceptedCase().extended('2025-10-09T09:00:00+08:00', 15);
    const sixteen = acceptedCase().extended('2025-10-09T09:00:00+08:00', 15).extended('2025-10-10T09:00:00+08:00', 1);

    // Act
    const lawful = evaluate(fifteen, '2025-10-10T12:00:00+08:00', joint);
    const beyond = evaluate(sixteen, '2025-10-10T12:00:00+08:00', joint);

    // Assess
    expect(lawful.findings).toEqual([]);
    expect(lawful.deadlines.promised?.date).toBe('2025-12-01');
    expect(lawful.deadlines.statutory?.date).toBe('2025-12-22');
    expect(levelsOf(beyond.findings)).toEqual(['licensing.extension:correction']);
    expect(beyond.findings[0]?.summary).toContain('cap of 15 working days');
    expect(beyond.deadlines.statutory?.date).toBe('2025-12-22');
  });

  it('lets a single extension of fifteen working days exceed the cap of an ordinary matter', () => {
    // Act
    const evaluation = evaluate(acceptedCase().extended('2025-10-09T09:00:00+08:00', 15), '2025-10-10T12:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['licensing.extension:correction']);
    expect(evaluation.deadlines.statutory?.date).toBe('2025-11-10');
  });
});

describe('licensing suspensions themselves', () => {
  it('calls for correction for a pause on no legal ground and counts its days', () => {
    // Prepare: the same dates as a suspension for testing, which moves the promise to 16 October
    const paused = acceptedCase().suspended('2025-09-29T11:00:00+08:00', 'other').resumed('2025-10-10T09:00:00+08:00');

    // Act
    const evaluation = evaluate(paused, '2025-10-14T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.suspendedWorkingDays).toBe(0);
    expect(evaluation.deadlines.promised?.date).toBe('2025-10-13');
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ ruleId: licensingRuleIds.decisionTimeLimit, level: 'warning' }),
      {
        ruleId: 'licensing.suspension',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国行政许可法》第四十五条',
        summary: 'Case suspended on no legal ground of Article 45 (from 2025-09-29; such days count towards the time limits).',
        message: { key: 'licensing.suspension', params: { limitDays: 60, unfoundedCount: 1, unfoundedFrom: '2025-09-29' } },
      },
    ]);
  });

  it('keeps the clock running through an open pause on no legal ground', () => {
    // Prepare
    const paused = acceptedCase().suspended('2025-09-29T11:00:00+08:00', 'other');

    // Act
    const evaluation = evaluate(paused, '2025-10-14T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.clockStopped).toBe(false);
    expect(levelsOf(evaluation.findings)).toEqual(['licensing.decision-time-limit:warning', 'licensing.suspension:correction']);
    expect(evaluation.nextCheckAt).toBe('2025-10-27T16:00:00.000Z');
  });

  it('warns when the applicant was not told in writing how long a suspension takes', () => {
    // Prepare
    const unnotified = acceptedCase().suspended('2025-09-29T11:00:00+08:00', 'expertReview', null).resumed('2025-10-10T09:00:00+08:00');

    // Act
    const evaluation = evaluate(unnotified, '2025-10-10T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.suspension,
        level: 'warning',
        summary: 'Case suspended without written notice to the applicant of how long it takes (from 2025-09-29).',
        message: { key: 'licensing.suspension', params: { limitDays: 60, unnotifiedCount: 1, unnotifiedFrom: '2025-09-29' } },
      }),
    ]);
    // The ground is lawful, so the clock still stood still
    expect(evaluation.deadlines.suspendedWorkingDays).toBe(3);
  });

  it('finds nothing for a suspension of sixty calendar days and warns at sixty-one', () => {
    // Prepare
    const sixty = acceptedCase().suspended('2025-09-24T11:00:00+08:00', 'hearing').resumed('2025-11-23T09:00:00+08:00');
    const sixtyOne = acceptedCase().suspended('2025-09-24T11:00:00+08:00', 'hearing').resumed('2025-11-24T09:00:00+08:00');

    // Act
    const within = evaluate(sixty, '2025-11-24T12:00:00+08:00');
    const beyond = evaluate(sixtyOne, '2025-11-24T12:00:00+08:00');

    // Assess
    expect(findingOf(within.findings, licensingRuleIds.suspension)).toBeUndefined();
    expect(findingOf(beyond.findings, licensingRuleIds.suspension)).toEqual(
      expect.objectContaining({ level: 'warning', summary: 'Case suspended for more than 60 calendar days (from 2025-09-24, 61 days).' }),
    );
  });

  it('checks an open suspension again on the day it grows too long, and warns from then on', () => {
    // Prepare
    const open = acceptedCase().suspended('2025-09-24T11:00:00+08:00', 'hearing');

    // Act
    const lastDayWithin = evaluate(open, '2025-11-23T23:59:59+08:00');
    const firstDayBeyond = evaluate(open, '2025-11-24T00:00:00+08:00');

    // Assess
    expect(lastDayWithin.findings).toEqual([]);
    expect(lastDayWithin.nextCheckAt).toBe('2025-11-23T16:00:00.000Z');
    expect(firstDayBeyond.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.suspension,
        level: 'warning',
        summary: 'Case suspended for more than 60 calendar days (from 2025-09-24, still suspended).',
        message: { key: 'licensing.suspension', params: { limitDays: 60, longCount: 1, longFrom: '2025-09-24', longOpen: 1 } },
      }),
    ]);
    expect(firstDayBeyond.nextCheckAt).toBeNull();
  });

  it('takes the length limit from the matter', () => {
    // Prepare
    const open = acceptedCase().suspended('2025-09-24T11:00:00+08:00', 'publicNotice');

    // Act
    const evaluation = evaluate(open, '2025-10-25T09:00:00+08:00', aCatalogueMatter({ suspensionWarningCalendarDays: 30 }));

    // Assess
    expect(evaluation.findings[0]?.summary).toBe('Case suspended for more than 30 calendar days (from 2025-09-24, still suspended).');
  });

  it('stops measuring an open suspension when the case is decided', () => {
    // Prepare
    const decided = acceptedCase().suspended('2025-09-24T11:00:00+08:00', 'hearing').decided('2025-10-09T09:00:00+08:00', 'refused', 'failed the hearing');

    // Act
    const evaluation = evaluate(decided, '2026-03-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('names every problem of the suspensions in one finding at the highest level', () => {
    // Prepare
    const troubled = acceptedCase()
      .suspended('2025-09-24T11:00:00+08:00', 'testing', null)
      .resumed('2025-09-26T09:00:00+08:00')
      .suspended('2025-09-29T11:00:00+08:00', 'other')
      .resumed('2025-09-30T09:00:00+08:00')
      .suspended('2025-10-09T11:00:00+08:00', 'expertReview', null);

    // Act
    const evaluation = evaluate(troubled, '2025-12-10T09:00:00+08:00');

    // Assess
    expect(findingOf(evaluation.findings, licensingRuleIds.suspension)).toEqual(
      expect.objectContaining({
        level: 'correction',
        summary:
          'Case suspended on no legal ground of Article 45 (from 2025-09-29; such days count towards the time limits); ' +
          'without written notice to the applicant of how long it takes (2 suspensions, the first from 2025-09-24); ' +
          'for more than 60 calendar days (from 2025-10-09, still suspended).',
      }),
    );
  });
});

describe('licensing stage time limits', () => {
  /** Received Mon 1 Sep, a timely notice on 2 Sep, materials completed Wed 3 Sep: acceptance due by Wed 10 Sep. */
  const completedCase = (): LicensingCaseBuilder =>
    aLicensingCase({ receivedAt: '2025-09-01T09:00:00+08:00' })
      .received()
      .completionRequested('2025-09-02T09:00:00+08:00')
      .completionReceived('2025-09-03T15:00:00+08:00');

  it('finds nothing for acceptance on the fifth working day after the materials were completed', () => {
    // Act
    const evaluation = evaluate(completedCase().accepted('2025-09-10T17:00:00+08:00'), '2025-09-11T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.deadlines.acceptance).toEqual({ date: '2025-09-10', at: '2025-09-10T15:59:59.999Z', provisional: false });
  });

  it('warns when acceptance comes on the sixth working day', () => {
    // Act
    const evaluation = evaluate(completedCase().accepted('2025-09-11T09:00:00+08:00'), '2025-09-11T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'licensing.stage-time-limit',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国行政许可法》第三十二条、第四十四条',
        summary: 'Stage time limit passed: application accepted after the limit of 2025-09-10.',
        message: { key: 'licensing.stage-time-limit', params: { acceptance: '2025-09-10', acceptanceEnded: 1 } },
        deadline: '2025-09-10T15:59:59.999Z',
      },
    ]);
  });

  it('counts the acceptance limit across National Day, make-up working days included', () => {
    // Prepare: materials completed Fri 26 Sep; 28 Sep (a Sunday) works, 1-8 October do not
    const acrossHoliday = () =>
      aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' })
        .received()
        .completionRequested('2025-09-23T09:00:00+08:00')
        .completionReceived('2025-09-26T15:00:00+08:00');

    // Act
    const onTime = evaluate(acrossHoliday().accepted('2025-10-10T16:00:00+08:00'), '2025-10-10T17:00:00+08:00');
    const late = evaluate(acrossHoliday().accepted('2025-10-11T10:00:00+08:00'), '2025-10-11T12:00:00+08:00');

    // Assess
    expect(onTime.deadlines.acceptance?.date).toBe('2025-10-10');
    expect(onTime.findings).toEqual([]);
    expect(late.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.stageTimeLimit,
        summary: 'Stage time limit passed: application accepted after the limit of 2025-10-10.',
        message: { key: 'licensing.stage-time-limit', params: { acceptance: '2025-10-10', acceptanceEnded: 1 } },
      }),
    ]);
  });

  it('warns, without a new event, when the completed materials are still not accepted after the limit', () => {
    // Act
    const lastDay = evaluate(completedCase(), '2025-09-10T23:00:00+08:00');
    const dayAfter = evaluate(completedCase(), '2025-09-11T00:00:00+08:00');

    // Assess: no decision clock runs before acceptance, so only the stage is time-driven
    expect(lastDay.findings).toEqual([]);
    expect(lastDay.deadlines.clockStart).toBeNull();
    expect(lastDay.nextCheckAt).toBe('2025-09-10T16:00:00.000Z');
    expect(dayAfter.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.stageTimeLimit,
        summary: 'Stage time limit passed: application not accepted by the limit of 2025-09-10.',
        message: { key: 'licensing.stage-time-limit', params: { acceptance: '2025-09-10' } },
      }),
    ]);
    expect(dayAfter.nextCheckAt).toBeNull();
  });

  it('counts acceptance from receipt when no notice to complete materials came', () => {
    // Prepare: five working days after Mon 1 Sep end on Mon 8 Sep
    const received = () => aLicensingCase({ receivedAt: '2025-09-01T09:00:00+08:00' }).received();

    // Act
    const onTime = evaluate(received().accepted('2025-09-08T16:00:00+08:00'), '2025-09-09T09:00:00+08:00');
    const late = evaluate(received().accepted('2025-09-09T09:00:00+08:00'), '2025-09-09T12:00:00+08:00');

    // Assess
    expect(onTime.findings).toEqual([]);
    expect(levelsOf(late.findings)).toEqual(['licensing.stage-time-limit:warning']);
  });

  it('does not flag a missing acceptance where the law deems the application accepted on receipt', () => {
    // Prepare: no notice to complete materials within five working days (Art. 32)
    const deemed = aLicensingCase({ receivedAt: '2025-09-01T09:00:00+08:00' }).received();

    // Act
    const evaluation = evaluate(deemed, '2025-09-10T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.clockStartBasis).toBe('deemedAcceptedOnReceipt');
    expect(evaluation.deadlines.acceptance?.date).toBe('2025-09-08');
    expect(findingOf(evaluation.findings, licensingRuleIds.stageTimeLimit)).toBeUndefined();
  });

  it('finds nothing for a licence delivered on the tenth working day after the grant, and warns on the eleventh', () => {
    // Prepare: granted Thu 9 Oct; ten working days later (Sat 11 Oct works) is Wed 22 Oct
    const granted = () => acceptedCase().decided('2025-10-09T16:00:00+08:00');

    // Act
    const onTime = evaluate(granted().concluded('2025-10-22T17:00:00+08:00'), '2025-10-23T09:00:00+08:00');
    const late = evaluate(granted().concluded('2025-10-23T09:00:00+08:00'), '2025-10-23T12:00:00+08:00');

    // Assess
    expect(onTime.findings).toEqual([]);
    expect(onTime.deadlines.delivery).toEqual({ date: '2025-10-22', at: '2025-10-22T15:59:59.999Z', provisional: false });
    expect(late.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.stageTimeLimit,
        level: 'warning',
        summary: 'Stage time limit passed: licence delivered after the limit of 2025-10-22.',
        message: { key: 'licensing.stage-time-limit', params: { delivery: '2025-10-22', deliveryEnded: 1 } },
        deadline: '2025-10-22T15:59:59.999Z',
      }),
    ]);
  });

  it('warns, without a new event, when a granted licence is still not delivered after the limit', () => {
    // Prepare
    const granted = acceptedCase().decided('2025-10-09T16:00:00+08:00');

    // Act
    const lastDay = evaluate(granted, '2025-10-22T12:00:00+08:00');
    const dayAfter = evaluate(granted, '2025-10-23T00:00:00+08:00');

    // Assess
    expect(lastDay.findings).toEqual([]);
    expect(lastDay.nextCheckAt).toBe('2025-10-22T16:00:00.000Z');
    expect(dayAfter.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.stageTimeLimit,
        summary: 'Stage time limit passed: licence not delivered by the limit of 2025-10-22.',
        message: { key: 'licensing.stage-time-limit', params: { delivery: '2025-10-22' } },
      }),
    ]);
    expect(dayAfter.nextCheckAt).toBeNull();
  });

  it('has no delivery stage for a refusal', () => {
    // Act
    const evaluation = evaluate(acceptedCase().decided('2025-10-09T16:00:00+08:00', 'refused', 'incomplete premises'), '2026-01-05T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.deadlines.delivery).toBeNull();
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('takes the stage limits from the matter', () => {
    // Prepare
    const strict = aCatalogueMatter({ acceptanceWorkingDays: 2, deliveryWorkingDays: 3 });
    const slow = completedCase().accepted('2025-09-08T09:00:00+08:00').decided('2025-09-12T09:00:00+08:00').concluded('2025-09-18T09:00:00+08:00');

    // Act
    const evaluation = evaluate(slow, '2025-09-19T09:00:00+08:00', strict);

    // Assess: acceptance due Fri 5 Sep, delivery Wed 17 Sep; the acceptance limit is cited
    expect(evaluation.deadlines.acceptance?.date).toBe('2025-09-05');
    expect(evaluation.deadlines.delivery?.date).toBe('2025-09-17');
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: licensingRuleIds.stageTimeLimit,
        summary: 'Stage time limit passed: application accepted after the limit of 2025-09-05; licence delivered after the limit of 2025-09-17.',
        message: { key: 'licensing.stage-time-limit', params: { acceptance: '2025-09-05', acceptanceEnded: 1, delivery: '2025-09-17', deliveryEnded: 1 } },
        deadline: '2025-09-05T15:59:59.999Z',
      }),
    ]);
  });
});

describe('licensing findings together', () => {
  it('lists rule ids in alphabetical order, the order findings are added in', () => {
    // Act
    const ids = Object.values(licensingRuleIds);

    // Assess
    expect(ids).toEqual([...ids].sort());
  });

  it('gives every finding of a case with many problems once, ordered by rule id', () => {
    // Prepare
    const troubled = aLicensingCase({ receivedAt: '2025-09-01T09:00:00+08:00' })
      .received()
      .completionRequested('2025-09-02T09:00:00+08:00')
      .completionRequested('2025-09-03T09:00:00+08:00')
      .completionReceived('2025-09-04T09:00:00+08:00')
      .accepted('2025-09-15T09:00:00+08:00')
      .suspended('2025-09-16T09:00:00+08:00', 'other')
      .resumed('2025-09-17T09:00:00+08:00')
      .extended('2025-09-18T09:00:00+08:00', 12)
      .feeCharged('2025-09-19T09:00:00+08:00', 100)
      .decided('2025-11-20T09:00:00+08:00', 'refused');

    // Act
    const evaluation = evaluate(troubled, '2025-11-21T09:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual([
      'licensing.completion-notice:warning',
      'licensing.decision-time-limit:correction',
      'licensing.extension:correction',
      'licensing.fee:correction',
      'licensing.refusal-reasons:correction',
      'licensing.stage-time-limit:warning',
      'licensing.suspension:correction',
    ]);
  });
});

describe('when to check a licensing case again', () => {
  const steps = ['accepted', 'completionRequested', 'completionReceived', 'suspended', 'resumed', 'extended', 'decided', 'concluded', 'feeCharged'] as const;
  type CaseStep = { kind: (typeof steps)[number]; afterMinutes: number; days: number; reason: SuspensionReason; notified: boolean; granted: boolean };
  const aStep = fc.record({
    kind: fc.constantFrom(...steps),
    afterMinutes: fc.integer({ min: 0, max: 15 * 24 * 60 }),
    days: fc.integer({ min: 1, max: 15 }),
    reason: fc.constantFrom<SuspensionReason>('hearing', 'testing', 'expertReview', 'other'),
    notified: fc.boolean(),
    granted: fc.boolean(),
  });
  const aCase = fc.record({ receivedMinute: fc.integer({ min: 0, max: 700 * 24 * 60 }), steps: fc.array(aStep, { maxLength: 7 }) });
  const aMatter = fc.record({
    promisedWorkingDays: fc.integer({ min: 0, max: 20 }),
    statutoryWorkingDays: fc.integer({ min: 1, max: 30 }),
    promptWorkingDaysBefore: fc.integer({ min: 0, max: 6 }),
    completionNoticeWorkingDays: fc.integer({ min: 1, max: 5 }),
    statutoryExtensionWorkingDays: fc.integer({ min: 0, max: 15 }),
    suspensionWarningCalendarDays: fc.integer({ min: 1, max: 40 }),
    acceptanceWorkingDays: fc.integer({ min: 1, max: 8 }),
    deliveryWorkingDays: fc.integer({ min: 1, max: 12 }),
  });
  const base = Date.parse('2025-01-01T00:00:00+08:00');
  const minute = 60_000;
  const iso = (millis: number): string => new Date(millis).toISOString();

  const buildCase = (spec: { receivedMinute: number; steps: readonly CaseStep[] }) => {
    let at = base + spec.receivedMinute * minute;
    const builder = aLicensingCase({ receivedAt: iso(at) }).received();
    for (const step of spec.steps) {
      at += step.afterMinutes * minute;
      const when = iso(at);
      if (step.kind === 'accepted') builder.accepted(when);
      else if (step.kind === 'completionRequested') builder.completionRequested(when);
      else if (step.kind === 'completionReceived') builder.completionReceived(when);
      else if (step.kind === 'suspended') builder.suspended(when, step.reason, step.notified ? when : null);
      else if (step.kind === 'resumed') builder.resumed(when);
      else if (step.kind === 'extended') builder.extended(when, step.days);
      else if (step.kind === 'decided') builder.decided(when, step.granted ? 'granted' : 'refused');
      else if (step.kind === 'concluded') builder.concluded(when);
      else builder.feeCharged(when, step.days);
    }
    return { state: foldLicensingCase(builder.build()), receivedMillis: base + spec.receivedMinute * minute };
  };

  it('keeps the same findings from any instant until the next check, and changes them at it', () => {
    fc.assert(
      fc.property(
        aCase,
        aMatter,
        fc.integer({ min: -5 * 24 * 60, max: 150 * 24 * 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (spec, limits, asOfMinutes, fractions) => {
          // Prepare
          const { state, receivedMillis } = buildCase(spec);
          const caseMatter = aCatalogueMatter(limits);
          const asOf = receivedMillis + asOfMinutes * minute;
          const at = (millis: number) => evaluateLicensingCase(state, caseMatter, new Date(millis), cal);

          // Act
          const evaluation = at(asOf);

          // Assess
          const until = evaluation.nextCheckAt === null ? asOf + 400 * 24 * 60 * minute : Date.parse(evaluation.nextCheckAt);
          expect(until).toBeGreaterThan(asOf);
          const probes = [asOf, until - 1, ...fractions.map((fraction) => asOf + Math.floor(fraction * (until - 1 - asOf)))];
          for (const probe of probes) expect(at(probe).findings).toEqual(evaluation.findings);
          if (evaluation.nextCheckAt !== null) expect(at(until).findings).not.toEqual(evaluation.findings);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
