/**
 * The online service rules, each with deadlines computed by hand across the 2025 National Day
 * holiday: 1-8 October are holidays, Sunday 28 September and Saturday 11 October are make-up
 * working days.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldOnlineServiceCase } from '#shared/domain/online-services/online-service-case.ts';
import type { OnlineServiceMatter } from '#shared/domain/online-services/online-service-matter.ts';
import { evaluateOnlineServiceCase, onlineServiceRuleIds } from '#shared/domain/online-services/online-service-rules.ts';
import { anOnlineServiceCase, anOnlineServiceMatter, type OnlineServiceCaseBuilder } from './online-service-event-mother.ts';

// Promised 10 working days, legal 20, prompt at 1 remaining, acceptance within 3, supplement notice within 5; wholly online with an electronic certificate.
const matter = anOnlineServiceMatter();

const evaluate = (builder: OnlineServiceCaseBuilder, asOf: string, withMatter: OnlineServiceMatter = matter) =>
  evaluateOnlineServiceCase(foldOnlineServiceCase(builder.build()), withMatter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);

/**
 * Applied Friday 26 September, accepted Tuesday 30 September. Promised: 9, 10, 11 (make-up), 13,
 * 14, 15, 16, 17, 20, 21 October → 21 October. Legal: 22, 23, 24, 27, 28, 29, 30, 31 October,
 * 3, 4 November → 4 November.
 */
const accepted = (): OnlineServiceCaseBuilder => anOnlineServiceCase().applied().accepted('2025-09-30T10:00:00+08:00');

describe('online service completion time limit (承诺时限 and 法定时限, working days from acceptance)', () => {
  it('counts the promised and legal limits in working days across National Day, make-up days included', () => {
    // Act
    const { deadlines, findings, nextCheckAt } = evaluate(accepted(), '2025-10-09T12:00:00+08:00');

    // Assess: counted in calendar days the promise would have ended on 10 October
    expect(deadlines.clockStart).toBe('2025-09-30');
    expect(deadlines.promised).toEqual({ date: '2025-10-21', at: '2025-10-21T15:59:59.999Z', provisional: false });
    expect(deadlines.statutory).toEqual({ date: '2025-11-04', at: '2025-11-04T15:59:59.999Z', provisional: false });
    expect(findings).toEqual([]);
    // The prompt starts on Monday 20 October, when one working day remains.
    expect(nextCheckAt).toBe('2025-10-19T16:00:00.000Z');
  });

  it('prompts before the promised limit, citing the law that sets the matter’s limit', () => {
    // Act
    const evaluation = evaluate(accepted(), '2025-10-20T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'onlineService.completion-time-limit',
        ruleVersion: 1,
        level: 'prompt',
        legalBasis: '《中华人民共和国行政许可法》第四十二条',
        summary: 'Promised time limit for completion (2025-10-21) is approaching.',
        message: { key: 'onlineService.completion-time-limit.approaching', params: { limit: '2025-10-21' } },
        deadline: '2025-10-21T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-10-21T16:00:00.000Z');
  });

  it('warns the day after the promised limit, and corrects the day after the legal one', () => {
    // Act
    const atPromise = evaluate(accepted(), '2025-10-21T23:59:59+08:00');
    const pastPromise = evaluate(accepted(), '2025-10-22T00:00:00+08:00');
    const atLaw = evaluate(accepted(), '2025-11-04T18:00:00+08:00');
    const pastLaw = evaluate(accepted(), '2025-11-05T08:00:00+08:00');

    // Assess
    expect(levelsOf(atPromise.findings)).toEqual(['onlineService.completion-time-limit:prompt']);
    expect(pastPromise.findings).toEqual([
      expect.objectContaining({
        level: 'warning',
        summary: 'Not completed by the promised time limit of 2025-10-21.',
        deadline: '2025-10-21T15:59:59.999Z',
      }),
    ]);
    expect(pastPromise.nextCheckAt).toBe('2025-11-04T16:00:00.000Z');
    expect(levelsOf(atLaw.findings)).toEqual(['onlineService.completion-time-limit:warning']);
    expect(pastLaw.findings).toEqual([expect.objectContaining({ level: 'correction', summary: 'Not completed by the statutory time limit of 2025-11-04.' })]);
    expect(pastLaw.nextCheckAt).toBeNull();
  });

  it('judges a completed case as of its completion, whenever it is evaluated', () => {
    // Act
    const onTime = evaluate(
      accepted().completed('2025-10-21T17:00:00+08:00').resultDelivered('2025-10-21T17:05:00+08:00', 'online', true),
      '2026-01-05T09:00:00+08:00',
    );
    const late = evaluate(
      accepted().completed('2025-10-28T17:00:00+08:00').resultDelivered('2025-10-28T17:05:00+08:00', 'online', true),
      '2026-01-05T09:00:00+08:00',
    );
    const beyondLaw = evaluate(
      accepted().completed('2025-11-05T10:00:00+08:00').resultDelivered('2025-11-05T10:05:00+08:00', 'online', true),
      '2026-01-05T09:00:00+08:00',
    );

    // Assess
    expect(onTime.findings).toEqual([]);
    expect(onTime.nextCheckAt).toBeNull();
    expect(late.findings).toEqual([expect.objectContaining({ level: 'warning', summary: 'Completed after the promised time limit of 2025-10-21.' })]);
    expect(beyondLaw.findings).toEqual([expect.objectContaining({ level: 'correction', summary: 'Completed after the statutory time limit of 2025-11-04.' })]);
  });

  it('runs no completion clock for an application not accepted', () => {
    // Act
    const evaluation = evaluate(anOnlineServiceCase().applied().notAccepted('2025-09-29T10:00:00+08:00'), '2026-01-05T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.promised).toBeNull();
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });
});

describe('online service completion clock stops (补齐补正; 《行政许可法》第四十五条 steps)', () => {
  it('stops while materials are asked for after acceptance: over National Day only the answer day, Thursday 9 October, is lost', () => {
    // Prepare: asked on the day of acceptance, answered on 9 October. Working days stopped in
    // (30 September, 9 October]: the holiday 1-8 October is no working day, so only 9 October.
    // Promised: 10, 11 (make-up), 13, 14, 15, 16, 17, 20, 21, 22 October → 22 October (not 21).
    // Legal: 23, 24, 27, 28, 29, 30, 31 October, 3, 4, 5 November → 5 November (not 4).
    const builder = accepted().supplementRequested('2025-09-30T15:00:00+08:00', ['the transport contract']).supplemented('2025-10-09T09:00:00+08:00');

    // Act
    const { deadlines, findings } = evaluate(builder, '2025-10-22T09:00:00+08:00');

    // Assess: on 22 October the promise has one day left, not none
    expect(deadlines).toMatchObject({
      clockStart: '2025-09-30',
      promised: { date: '2025-10-22', at: '2025-10-22T15:59:59.999Z', provisional: false },
      statutory: { date: '2025-11-05', at: '2025-11-05T15:59:59.999Z', provisional: false },
      suspendedWorkingDays: 1,
      clockStopped: false,
    });
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'onlineService.completion-time-limit', level: 'prompt', legalBasis: '《中华人民共和国行政许可法》第四十二条' }),
    ]);
    // The request after acceptance is no second one-time notice.
    expect(levelsOf(findings)).not.toContain('onlineService.supplement-notice:warning');
  });

  it('moves both limits by the working days of a test (检测), and cites Art. 45 beside the matter’s basis', () => {
    // Prepare: testing from Friday 10 October to Thursday 16 October; stopped in (10, 16 October]:
    // 11 (make-up), 13, 14, 15, 16 → 5 working days. Counted before it: 9, 10 October.
    // Promised: 17, 20, 21, 22, 23, 24, 27, 28 October → 28 October (21 October + 5).
    // Legal: 4 November + 5 working days: 5, 6, 7, 10, 11 November → 11 November.
    const tested = () => accepted().suspended('2025-10-10T09:00:00+08:00', 'testing', '2025-10-10T09:30:00+08:00').resumed('2025-10-16T17:00:00+08:00');

    // Act
    const inTime = evaluate(tested().completed('2025-10-28T16:00:00+08:00'), '2025-11-20T09:00:00+08:00');
    const late = evaluate(tested().completed('2025-10-29T09:00:00+08:00'), '2025-11-20T09:00:00+08:00');

    // Assess: completed on 28 October, a week after the unmoved promise, yet in time
    expect(inTime.deadlines).toMatchObject({
      promised: { date: '2025-10-28' },
      statutory: { date: '2025-11-11' },
      suspendedWorkingDays: 5,
      clockStopped: false,
    });
    expect(inTime.findings).toEqual([]);
    expect(late.findings).toEqual([
      expect.objectContaining({
        ruleId: 'onlineService.completion-time-limit',
        level: 'warning',
        legalBasis: '《中华人民共和国行政许可法》第四十二条；《中华人民共和国行政许可法》第四十五条',
        message: { key: 'onlineService.completion-time-limit.promised-late', params: { limit: '2025-10-28' } },
      }),
    ]);
  });

  it('holds the clock at the start of an open expert review, and runs it on from the day the review ends', () => {
    // Prepare: expert review from Monday 20 October. Counted before it: 9, 10, 11, 13, 14, 15, 16,
    // 17, 20 October → 9 of the 10 promised working days.
    const reviewing = () => accepted().suspended('2025-10-20T10:00:00+08:00', 'expertReview');

    // Act: a fortnight later, long past the unmoved legal limit, the review still open
    const open = evaluate(reviewing(), '2025-11-05T09:00:00+08:00');
    // Ended Monday 3 November: stopped in (20 October, 3 November] → 10 working days; the last promised day is 4 November.
    const resumed = evaluate(reviewing().resumed('2025-11-03T09:00:00+08:00'), '2025-11-05T09:00:00+08:00');

    // Assess: judged as of 20 October, one working day before the promise: a prompt, and nothing to check later
    expect(open.deadlines).toMatchObject({ promised: { date: '2025-10-21' }, statutory: { date: '2025-11-04' }, clockStopped: true });
    expect(levelsOf(open.findings)).toEqual(['onlineService.completion-time-limit:prompt']);
    expect(open.nextCheckAt).toBeNull();
    expect(resumed.deadlines).toMatchObject({ promised: { date: '2025-11-04' }, suspendedWorkingDays: 10, clockStopped: false });
    expect(resumed.findings).toEqual([
      expect.objectContaining({ level: 'warning', message: { key: 'onlineService.completion-time-limit.promised-overdue', params: { limit: '2025-11-04' } } }),
    ]);
  });

  it('gives a stop that ends before acceptance no weight', () => {
    // Act
    const { deadlines } = evaluate(
      anOnlineServiceCase()
        .applied()
        .suspended('2025-09-26T10:00:00+08:00', 'hearing')
        .resumed('2025-09-29T10:00:00+08:00')
        .accepted('2025-09-30T10:00:00+08:00'),
      '2025-10-09T12:00:00+08:00',
    );

    // Assess
    expect(deadlines).toMatchObject({ promised: { date: '2025-10-21' }, statutory: { date: '2025-11-04' }, suspendedWorkingDays: 0 });
  });
});

describe('online service acceptance time limit (a catalogue’s acceptance limit)', () => {
  it('counts three working days from the application over the make-up Sunday: Tuesday 30 September', () => {
    // Act
    const onTime = evaluate(anOnlineServiceCase().applied().accepted('2025-09-30T17:00:00+08:00'), '2025-09-30T18:00:00+08:00');
    const late = evaluate(anOnlineServiceCase().applied().accepted('2025-10-09T09:00:00+08:00'), '2025-10-09T10:00:00+08:00');

    // Assess
    // Counted in calendar days the limit would have been Monday 29 September.
    expect(onTime.deadlines.acceptance?.date).toBe('2025-09-30');
    expect(levelsOf(onTime.findings)).toEqual([]);
    expect(late.findings).toEqual([
      {
        ruleId: 'onlineService.acceptance-time-limit',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国行政许可法》第四十二条',
        summary: 'Acceptance decided after the time limit of 2025-09-30.',
        message: { key: 'onlineService.acceptance-time-limit.late', params: { limit: '2025-09-30' } },
        deadline: '2025-09-30T15:59:59.999Z',
      },
    ]);
  });

  it('warns while an application waits past its acceptance limit, and checks again the day after the limit', () => {
    // Act
    const waiting = evaluate(anOnlineServiceCase().applied(), '2025-09-28T12:00:00+08:00');
    const overdue = evaluate(anOnlineServiceCase().applied(), '2025-10-09T12:00:00+08:00');
    const refused = evaluate(anOnlineServiceCase().applied().notAccepted('2025-10-09T09:00:00+08:00'), '2025-10-09T12:00:00+08:00');

    // Assess
    expect(waiting.findings).toEqual([]);
    expect(waiting.nextCheckAt).toBe('2025-09-30T16:00:00.000Z');
    expect(overdue.findings).toEqual([
      expect.objectContaining({ ruleId: onlineServiceRuleIds.acceptanceTimeLimit, summary: 'Acceptance not decided by the time limit of 2025-09-30.' }),
    ]);
    expect(refused.findings).toEqual([
      expect.objectContaining({ ruleId: onlineServiceRuleIds.acceptanceTimeLimit, summary: 'Acceptance decided after the time limit of 2025-09-30.' }),
    ]);
  });

  it('counts from the supplemented materials after a timely notice, and not at all while they are awaited', () => {
    // Prepare: notice on 29 September, materials on Thursday 9 October: 10, 11 (make-up) and 13 October
    const noticed = () => anOnlineServiceCase().applied().supplementRequested('2025-09-29T10:00:00+08:00');

    // Act
    const awaited = evaluate(noticed(), '2025-10-20T12:00:00+08:00');
    const supplemented = evaluate(noticed().supplemented('2025-10-09T09:00:00+08:00'), '2025-10-14T09:00:00+08:00');

    // Assess
    expect(awaited.deadlines.acceptance).toBeNull();
    expect(awaited.findings).toEqual([]);
    expect(supplemented.deadlines.acceptance?.date).toBe('2025-10-13');
    expect(supplemented.findings).toEqual([expect.objectContaining({ summary: 'Acceptance not decided by the time limit of 2025-10-13.' })]);
  });

  it('has no acceptance limit when the catalogue sets none', () => {
    // Act
    const evaluation = evaluate(anOnlineServiceCase().applied(), '2025-12-01T12:00:00+08:00', anOnlineServiceMatter({ acceptanceWorkingDays: undefined }));

    // Assess
    expect(evaluation.deadlines.acceptance).toBeNull();
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });
});

describe('online service supplement notice (一次性告知)', () => {
  it('accepts a notice on the fifth working day, Friday 10 October, and warns of one on the make-up Saturday after it', () => {
    // Prepare: 28 September, 29, 30, 9 and 10 October
    const withNotice = (at: string) => anOnlineServiceCase().applied().supplementRequested(at);

    // Act
    const timely = evaluate(withNotice('2025-10-10T16:00:00+08:00'), '2025-10-10T17:00:00+08:00', anOnlineServiceMatter({ acceptanceWorkingDays: undefined }));
    const late = evaluate(withNotice('2025-10-11T09:00:00+08:00'), '2025-10-11T10:00:00+08:00', anOnlineServiceMatter({ acceptanceWorkingDays: undefined }));

    // Assess
    expect(timely.deadlines.supplementNotice?.date).toBe('2025-10-10');
    expect(timely.findings).toEqual([]);
    expect(late.findings).toEqual([
      {
        ruleId: 'onlineService.supplement-notice',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国行政许可法》第三十二条',
        summary: 'Notice to supplement materials issued after the limit of 2025-10-10.',
        message: { key: 'onlineService.supplement-notice', params: { requests: 1, limit: '2025-10-10' } },
        deadline: '2025-10-10T15:59:59.999Z',
      },
    ]);
  });

  it('warns of a second notice: the materials were not asked for all at once', () => {
    // Act
    const evaluation = evaluate(
      anOnlineServiceCase().applied().supplementRequested('2025-09-29T10:00:00+08:00').supplementRequested('2025-09-30T10:00:00+08:00'),
      '2025-09-30T12:00:00+08:00',
    );

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: onlineServiceRuleIds.supplementNotice,
        summary: 'Notice to supplement materials issued 2 times instead of once, all at once.',
      }),
    ]);
  });
});

describe('online service results delivered online (全程网办, 电子证照)', () => {
  const completed = () => accepted().completed('2025-10-15T10:00:00+08:00');

  it('raises nothing for a result delivered online with its electronic certificate', () => {
    expect(evaluate(completed().resultDelivered('2025-10-15T10:05:00+08:00', 'online', true), '2025-10-16T09:00:00+08:00').findings).toEqual([]);
  });

  it('warns when a matter handled wholly online delivers its result only at a counter, without an electronic certificate', () => {
    // Act
    const evaluation = evaluate(completed().resultDelivered('2025-10-16T10:00:00+08:00', 'counter'), '2025-10-16T11:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'onlineService.online-delivery',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《国务院关于在线政务服务的若干规定》第二条、第十条、第十一条',
        summary:
          'The result of a matter handled wholly online was not delivered online, only at a counter and the approved result came without an electronic certificate.',
        message: { key: 'onlineService.online-delivery', params: { channel: 'counter', noCertificate: 1 } },
      },
    ]);
  });

  it('accepts a postal copy beside the online delivery, and asks no certificate of a refusal or of a matter that issues none', () => {
    // Act
    const both = evaluate(
      completed().resultDelivered('2025-10-15T11:00:00+08:00', 'postal').resultDelivered('2025-10-15T11:05:00+08:00', 'online', true),
      '2025-10-16T09:00:00+08:00',
    );
    const refusal = evaluate(
      accepted().completed('2025-10-15T10:00:00+08:00', 'refused').resultDelivered('2025-10-15T10:05:00+08:00', 'online'),
      '2025-10-16T09:00:00+08:00',
    );
    const noCertificates = evaluate(
      completed().resultDelivered('2025-10-15T10:05:00+08:00', 'online'),
      '2025-10-16T09:00:00+08:00',
      anOnlineServiceMatter({ electronicCertificate: false }),
    );
    const counterMatter = evaluate(
      completed().resultDelivered('2025-10-15T10:05:00+08:00', 'counter', true),
      '2025-10-16T09:00:00+08:00',
      anOnlineServiceMatter({ fullyOnline: false }),
    );

    // Assess
    expect([both.findings, refusal.findings, noCertificates.findings, counterMatter.findings]).toEqual([[], [], [], []]);
  });
});

describe('online service delivery time limit (a catalogue’s delivery limit)', () => {
  // Completed Tuesday 30 September; three working days: 9, 10 and 11 (the make-up Saturday) October.
  const withDelivery = anOnlineServiceMatter({ deliveryWorkingDays: 3 });
  const completed = () => anOnlineServiceCase().applied().accepted('2025-09-29T10:00:00+08:00').completed('2025-09-30T16:00:00+08:00');

  it('counts the delivery limit from the completion across National Day, to the make-up Saturday', () => {
    // Act
    const onTime = evaluate(completed().resultDelivered('2025-10-11T10:00:00+08:00', 'online', true), '2025-10-20T09:00:00+08:00', withDelivery);
    const late = evaluate(completed().resultDelivered('2025-10-13T10:00:00+08:00', 'online', true), '2025-10-20T09:00:00+08:00', withDelivery);

    // Assess: counted in calendar days the limit would have been 3 October
    expect(onTime.deadlines.delivery).toEqual({ date: '2025-10-11', at: '2025-10-11T15:59:59.999Z', provisional: false });
    expect(onTime.findings).toEqual([]);
    expect(late.findings).toEqual([
      {
        ruleId: 'onlineService.delivery-time-limit',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国行政许可法》第四十二条',
        summary: 'Result delivered after the time limit of 2025-10-11.',
        message: { key: 'onlineService.delivery-time-limit.late', params: { limit: '2025-10-11' } },
        deadline: '2025-10-11T15:59:59.999Z',
      },
    ]);
  });

  it('warns while a completed result waits undelivered past the limit, checking again the day after it', () => {
    // Act
    const waiting = evaluate(completed(), '2025-10-09T09:00:00+08:00', withDelivery);
    const overdue = evaluate(completed(), '2025-10-13T09:00:00+08:00', withDelivery);
    const unjudged = evaluate(completed(), '2025-12-01T09:00:00+08:00');

    // Assess
    expect(waiting.findings).toEqual([]);
    expect(waiting.nextCheckAt).toBe('2025-10-11T16:00:00.000Z');
    expect(overdue.findings).toEqual([
      expect.objectContaining({ ruleId: onlineServiceRuleIds.deliveryTimeLimit, summary: 'Result not delivered by the time limit of 2025-10-11.' }),
    ]);
    expect(overdue.nextCheckAt).toBeNull();
    expect([unjudged.deadlines.delivery, unjudged.findings]).toEqual([null, []]);
  });
});

describe('online service procedure order', () => {
  it('corrects a completion sent before the acceptance, and a result delivered before its completion', () => {
    // Prepare: sequences 2 and 3 swapped by the department's system; the delivery came before both
    const events = anOnlineServiceCase()
      .applied()
      .resultDelivered('2025-10-15T10:05:00+08:00', 'online', true)
      .completed('2025-10-15T10:00:00+08:00')
      .accepted('2025-09-30T10:00:00+08:00')
      .build();

    // Act
    const evaluation = evaluateOnlineServiceCase(foldOnlineServiceCase(events), matter, new Date('2025-10-16T09:00:00+08:00'), cal);

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'onlineService.procedure-order',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《宁波市行政电子监察管理办法》第七条第（二）项',
        summary: 'Steps out of order: completed without acceptance and a result delivered before completion.',
        message: { key: 'onlineService.procedure-order', params: { problems: 'completedWithoutAcceptance,deliveredWithoutCompletion' } },
      },
    ]);
  });

  it('corrects steps sent in order but dated out of order: a completion dated before its acceptance', () => {
    // Act
    const evaluation = evaluate(
      anOnlineServiceCase()
        .applied()
        .accepted('2025-10-15T10:00:00+08:00')
        .completed('2025-10-09T10:00:00+08:00')
        .resultDelivered('2025-10-15T11:00:00+08:00', 'online', true),
      '2025-10-16T09:00:00+08:00',
      anOnlineServiceMatter({ acceptanceWorkingDays: undefined }),
    );

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: onlineServiceRuleIds.procedureOrder,
        level: 'correction',
        summary: 'Steps out of order: a completion dated before the acceptance.',
        message: { key: 'onlineService.procedure-order', params: { problems: 'completedBeforeAcceptance' } },
      }),
    ]);
  });

  it('corrects a case handled on after its application was not accepted', () => {
    // Act
    const evaluation = evaluate(
      anOnlineServiceCase().applied().notAccepted('2025-09-29T10:00:00+08:00').completed('2025-10-15T10:00:00+08:00'),
      '2025-10-16T09:00:00+08:00',
    );

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: onlineServiceRuleIds.procedureOrder,
        summary: 'Steps out of order: handled on after the application was not accepted.',
      }),
    ]);
  });
});
