/**
 * The information sharing rules, each with deadlines computed by hand across the 2025 National Day
 * holiday: 1-8 October are holidays, Sunday 28 September and Saturday 11 October are make-up
 * working days.
 *
 * Requested Thursday 25 September. Working days after it: 26 Sep (1), 28 Sep (2, make-up), 29 (3),
 * 30 (4), 9 Oct (5), 10 (6), 11 (7, make-up), 13 (8), 14 (9), 15 (10). A catalogue promising 5
 * working days ends on Thursday 9 October; the legal 10 on Wednesday 15 October. (Counted in
 * calendar days, 10 days would have ended on 5 October, in the holiday.)
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldInformationSharingCase } from '#shared/domain/information-sharing/information-sharing-case.ts';
import type { InformationSharingMatter } from '#shared/domain/information-sharing/information-sharing-matter.ts';
import { evaluateInformationSharingCase, informationSharingRuleIds as ids } from '#shared/domain/information-sharing/information-sharing-rules.ts';
import { aShareRequest, aSharedResource, type ShareRequestBuilder } from './information-sharing-event-mother.ts';

const promisingFive = aSharedResource({ answerWorkingDays: 5 });

const evaluate = (builder: ShareRequestBuilder, asOf: string, matter: InformationSharingMatter = promisingFive) =>
  evaluateInformationSharingCase(foldInformationSharingCase(builder.build()), matter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);
const keyOf = (findings: readonly Finding[], ruleId: string) => findings.find((finding) => finding.ruleId === ruleId)?.message;

describe('answer time limit (working days from the request)', () => {
  it('counts the catalogue and legal limits in working days across National Day, make-up days included', () => {
    const { deadlines, findings, nextCheckAt } = evaluate(aShareRequest().requested(), '2025-09-29T12:00:00+08:00');
    expect(deadlines).toEqual({
      unit: 'workingDays',
      clockStart: '2025-09-25',
      promised: { date: '2025-10-09', at: '2025-10-09T15:59:59.999Z', provisional: false },
      statutory: { date: '2025-10-15', at: '2025-10-15T15:59:59.999Z', provisional: false },
      delivery: null,
    });
    expect(findings).toEqual([]);
    // One working day (9 October) remains from Tuesday 30 September: the prompt starts then.
    expect(nextCheckAt).toBe('2025-09-29T16:00:00.000Z');
  });

  it('prompts before the catalogue limit, warns once it has passed, corrects once the legal limit has passed', () => {
    const pending = aShareRequest().requested();
    expect(levelsOf(evaluate(pending, '2025-10-05T12:00:00+08:00').findings)).toEqual([`${ids.answerTimeLimit}:prompt`]);
    expect(keyOf(evaluate(pending, '2025-10-05T12:00:00+08:00').findings, ids.answerTimeLimit)).toEqual({
      key: 'informationSharing.answer-time-limit.approaching',
      params: { limit: '2025-10-09' },
    });
    const warned = evaluate(pending, '2025-10-10T09:00:00+08:00');
    expect(levelsOf(warned.findings)).toEqual([`${ids.answerTimeLimit}:warning`]);
    expect(keyOf(warned.findings, ids.answerTimeLimit)).toEqual({
      key: 'informationSharing.answer-time-limit.catalogue-overdue',
      params: { limit: '2025-10-09' },
    });
    expect(warned.nextCheckAt).toBe('2025-10-15T16:00:00.000Z');
    const corrected = evaluate(pending, '2025-10-16T09:00:00+08:00');
    expect(levelsOf(corrected.findings)).toEqual([`${ids.answerTimeLimit}:correction`]);
    expect(keyOf(corrected.findings, ids.answerTimeLimit)).toEqual({
      key: 'informationSharing.answer-time-limit.legal-overdue',
      params: { limit: '2025-10-15' },
    });
    expect(corrected.nextCheckAt).toBeNull();
  });

  it('judges an answer as of the day it was given', () => {
    const onTime = evaluate(aShareRequest().requested().granted('2025-10-09T17:00:00+08:00'), '2025-12-01T09:00:00+08:00');
    const late = evaluate(aShareRequest().requested().granted('2025-10-15T17:00:00+08:00'), '2025-12-01T09:00:00+08:00');
    const tooLate = evaluate(aShareRequest().requested().refused('2025-10-16T09:00:00+08:00'), '2025-12-01T09:00:00+08:00');
    expect(onTime.findings).toEqual([]);
    expect(keyOf(late.findings, ids.answerTimeLimit)).toEqual({ key: 'informationSharing.answer-time-limit.catalogue-late', params: { limit: '2025-10-09' } });
    expect(keyOf(tooLate.findings, ids.answerTimeLimit)).toEqual({ key: 'informationSharing.answer-time-limit.legal-late', params: { limit: '2025-10-15' } });
    expect(tooLate.findings[0]?.legalBasis).toContain('《政务信息资源共享管理暂行办法》');
  });

  it('goes from prompt to correction when the catalogue keeps the legal limit', () => {
    const legalOnly = aSharedResource();
    expect(levelsOf(evaluate(aShareRequest().requested(), '2025-10-15T09:00:00+08:00', legalOnly).findings)).toEqual([`${ids.answerTimeLimit}:prompt`]);
    expect(levelsOf(evaluate(aShareRequest().requested(), '2025-10-16T09:00:00+08:00', legalOnly).findings)).toEqual([`${ids.answerTimeLimit}:correction`]);
  });
});

describe('unconditional-share resource refused', () => {
  it('corrects a refusal of a resource catalogued for unconditional sharing, not of a conditional one', () => {
    const refused = aShareRequest().requested().refused('2025-09-26T10:00:00+08:00');
    const unconditional = evaluate(refused, '2025-09-26T12:00:00+08:00', aSharedResource({ sharingType: 'unconditional', answerWorkingDays: 5 }));
    expect(levelsOf(unconditional.findings)).toEqual([`${ids.unconditionalRefused}:correction`]);
    expect(renderMessage(unconditional.findings[0]!.message!, 'zh')).toBe('信息资源 enterprise-registration-records 属于无条件共享类，却被拒绝共享。');
    expect(evaluate(refused, '2025-09-26T12:00:00+08:00').findings).toEqual([]);
  });
});

describe('delivery after a grant', () => {
  // Granted Tuesday 30 September; 3 working days: 9, 10, 11 October (make-up Saturday).
  const delivering = aSharedResource({ answerWorkingDays: 5, deliveryWorkingDays: 3 });

  it('warns of data delivered after the catalogue delivery limit, counted in working days from the grant', () => {
    const inTime = evaluate(
      aShareRequest().requested().granted('2025-09-30T10:00:00+08:00').delivered('2025-10-11T10:00:00+08:00'),
      '2025-10-20T09:00:00+08:00',
      delivering,
    );
    const late = evaluate(
      aShareRequest().requested().granted('2025-09-30T10:00:00+08:00').delivered('2025-10-13T10:00:00+08:00'),
      '2025-10-20T09:00:00+08:00',
      delivering,
    );
    expect(inTime.deadlines.delivery).toEqual({ date: '2025-10-11', at: '2025-10-11T15:59:59.999Z', provisional: false });
    expect(inTime.findings).toEqual([]);
    expect(levelsOf(late.findings)).toEqual([`${ids.deliveryTimeLimit}:warning`]);
    expect(keyOf(late.findings, ids.deliveryTimeLimit)).toEqual({ key: 'informationSharing.delivery-time-limit.late', params: { limit: '2025-10-11' } });
  });

  it('warns of data still undelivered after the limit, and judges nothing without a catalogue delivery limit', () => {
    const granted = aShareRequest().requested().grantedWithConditions('2025-09-30T10:00:00+08:00');
    const pending = evaluate(granted, '2025-10-10T09:00:00+08:00', delivering);
    expect(pending.findings).toEqual([]);
    expect(pending.nextCheckAt).toBe('2025-10-11T16:00:00.000Z');
    expect(keyOf(evaluate(granted, '2025-10-13T09:00:00+08:00', delivering).findings, ids.deliveryTimeLimit)?.key).toBe(
      'informationSharing.delivery-time-limit.overdue',
    );
    expect(evaluate(granted, '2025-12-01T09:00:00+08:00').findings).toEqual([]);
  });
});

describe('use beyond the stated purpose', () => {
  it('corrects a use beyond the purpose reported by an audit or the provider, not a use within it', () => {
    const delivered = () => aShareRequest().requested().granted('2025-09-26T10:00:00+08:00').delivered('2025-09-26T11:00:00+08:00');
    const within = evaluate(delivered().useReported('2025-11-03T10:00:00+08:00', false, 'user'), '2025-11-04T09:00:00+08:00');
    const beyond = evaluate(
      delivered().useReported('2025-11-03T10:00:00+08:00', true, 'audit').useReported('2025-11-10T10:00:00+08:00', true, 'provider'),
      '2025-11-11T09:00:00+08:00',
    );
    expect(within.findings).toEqual([]);
    expect(levelsOf(beyond.findings)).toEqual([`${ids.useBeyondPurpose}:correction`]);
    expect(beyond.findings[0]?.summary).toBe('Shared data used beyond the stated purpose (2 reports, by an audit and the providing department).');
    expect(beyond.findings[0]?.legalBasis).toContain('《政务数据共享条例》第四条');
  });
});

describe('stage order', () => {
  it('reports an answer sent before the request, and an answer dated before it', () => {
    const [request, answer] = aShareRequest().requested().granted('2025-09-26T10:00:00+08:00').build();
    const swapped = foldInformationSharingCase([
      { ...answer!, sequence: 1 },
      { ...request!, sequence: 2 },
    ]);
    const { findings } = evaluateInformationSharingCase(swapped, promisingFive, new Date('2025-09-26T12:00:00+08:00'), cal);
    expect(levelsOf(findings)).toEqual([`${ids.stageOrder}:warning`]);
    expect(keyOf(findings, ids.stageOrder)).toEqual({ key: 'informationSharing.stage-order', params: { problems: 'answeredWithoutRequest' } });
    const early = evaluate(aShareRequest().requested().granted('2025-09-24T10:00:00+08:00'), '2025-09-26T12:00:00+08:00');
    expect(keyOf(early.findings, ids.stageOrder)?.params).toEqual({ problems: 'datedBeforePreviousStage' });
  });

  it('reports data delivered after a refusal, alongside nothing else', () => {
    const { findings } = evaluate(
      aShareRequest().requested().refused('2025-09-26T10:00:00+08:00').delivered('2025-09-29T10:00:00+08:00'),
      '2025-09-30T09:00:00+08:00',
    );
    expect(levelsOf(findings)).toEqual([`${ids.stageOrder}:warning`]);
    expect(renderMessage(findings[0]!.message!, 'zh')).toBe('信息共享程序顺序有误：未同意共享即提供数据。');
  });
});
