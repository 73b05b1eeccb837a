import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldInformationSharingCase } from '#shared/domain/information-sharing/information-sharing-case.ts';
import { informationSharingFamily } from '#shared/domain/information-sharing/information-sharing-family.ts';
import { aShareRequest } from './information-sharing-event-mother.ts';

const fullCase = () =>
  aShareRequest()
    .requested()
    .grantedWithConditions('2025-09-30T10:00:00+08:00')
    .delivered('2025-10-09T10:00:00+08:00')
    .useReported('2025-11-03T10:00:00+08:00', false, 'user')
    .useReported('2025-11-20T10:00:00+08:00', true, 'audit')
    .revoked('2025-11-21T10:00:00+08:00')
    .build();

describe('folding a share request', () => {
  it('gives the same state whatever the order of arrival and however often an event repeats', () => {
    // Prepare
    const events = fullCase();
    const expected = foldInformationSharingCase(events);

    // Act / Assess
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events), { maxLength: 6 }), (shuffled, repeats) => {
        expect(foldInformationSharingCase([...shuffled, ...repeats])).toEqual(expected);
      }),
    );
    expect(expected).toMatchObject({
      department: 'market-regulation',
      requestingDepartment: 'housing',
      answer: 'grantedWithConditions',
      eventCount: 6,
      anomalies: [],
    });
    expect(expected.useReports.map((report) => report.beyondStatedPurpose)).toEqual([false, true]);
    expect(informationSharingFamily.summarize(expected)).toEqual({
      matterCode: 'enterprise-registration-records',
      lastSequence: 6,
      eventCount: 6,
      stage: 'revoked',
      completedAt: '2025-09-30T02:00:00.000Z',
    });
  });

  it('names each stage a request passes through', () => {
    const stageAfter = (count: number) => informationSharingFamily.summarize(foldInformationSharingCase(fullCase().slice(0, count))).stage;
    expect([1, 2, 3, 6].map(stageAfter)).toEqual(['requested', 'grantedWithConditions', 'delivered', 'revoked']);
    const refused = aShareRequest().requested().refused('2025-09-30T10:00:00+08:00').build();
    expect(informationSharingFamily.summarize(foldInformationSharingCase(refused)).stage).toBe('refused');
  });

  it('notes an answer sent before the request, and an answer dated before it', () => {
    // Prepare: the answer carries sequence 1, the request sequence 2; another request answered a day early
    const [request, answer] = aShareRequest().requested().granted('2025-09-30T10:00:00+08:00').build();
    const swapped = [
      { ...answer!, sequence: 1 },
      { ...request!, sequence: 2 },
    ];
    const early = aShareRequest().requested().granted('2025-09-24T10:00:00+08:00').build();

    // Act / Assess
    expect(foldInformationSharingCase(swapped).anomalies).toEqual([{ kind: 'answeredWithoutRequest', sequence: 1, event: 'granted' }]);
    expect(foldInformationSharingCase(early).anomalies).toEqual([{ kind: 'datedBeforePreviousStage', sequence: 2, event: 'granted' }]);
  });

  it('notes data delivered after a refusal, and keeps the first answer', () => {
    const state = foldInformationSharingCase(
      aShareRequest().requested().refused('2025-09-29T10:00:00+08:00').granted('2025-09-30T10:00:00+08:00').delivered('2025-10-09T10:00:00+08:00').build(),
    );
    expect(state.answer).toBe('refused');
    expect(state.anomalies.map((anomaly) => anomaly.kind)).toEqual(['repeatedStage', 'deliveredWithoutGrant']);
  });

  it('refuses to fold nothing, or the events of two requests', () => {
    const [first] = aShareRequest().requested().build();
    const [second] = aShareRequest({ caseId: 'GX-OTHER' }).requested().build();
    expect(() => foldInformationSharingCase([])).toThrow(RangeError);
    expect(() => foldInformationSharingCase([first!, { ...second!, sequence: 2 }])).toThrow(RangeError);
  });
});
