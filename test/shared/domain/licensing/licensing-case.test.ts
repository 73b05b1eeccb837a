import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldLicensingCase } from '#shared/domain/licensing/licensing-case.ts';
import { licensingStage } from '#shared/domain/licensing/licensing-stage.ts';
import { aLicensingCase } from './licensing-event-mother.ts';

/** The state holds instants as epoch milliseconds. */
const at = (instant: string): number => new Date(instant).getTime();

const aFullCase = () =>
  aLicensingCase({ receivedAt: '2025-09-22T09:00:00+08:00' })
    .received()
    .completionRequested('2025-09-23T10:00:00+08:00', ['floor plan'])
    .completionReceived('2025-09-25T15:00:00+08:00')
    .accepted('2025-09-26T09:30:00+08:00')
    .suspended('2025-09-29T11:00:00+08:00', 'testing', '2025-09-29T15:00:00+08:00')
    .resumed('2025-10-10T09:00:00+08:00')
    .extended('2025-10-13T09:00:00+08:00', 5)
    .feeCharged('2025-10-15T10:00:00+08:00', 120.5)
    .feeCharged('2025-10-16T10:00:00+08:00', 0.07)
    .decided('2025-10-20T16:00:00+08:00', 'refused', 'premises do not meet hygiene standards')
    .concluded('2025-10-21T10:00:00+08:00')
    .build();

describe('folding a licensing case', () => {
  it('records every step of a complete case', () => {
    // Prepare
    const events = aFullCase();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(state).toEqual({
      department: 'market-regulation',
      caseId: 'LIC-2025-000123',
      matterCode: 'SC-FOOD-001',
      receivedAt: at('2025-09-22T09:00:00+08:00'),
      acceptedAt: at('2025-09-26T09:30:00+08:00'),
      completionRequestedAt: [at('2025-09-23T10:00:00+08:00')],
      completionReceivedAt: at('2025-09-25T15:00:00+08:00'),
      suspensions: [
        {
          reason: 'testing',
          from: at('2025-09-29T11:00:00+08:00'),
          to: at('2025-10-10T09:00:00+08:00'),
          applicantNotifiedAt: at('2025-09-29T15:00:00+08:00'),
        },
      ],
      extensionWorkingDays: 5,
      feesChargedFen: 12_057,
      decidedAt: at('2025-10-20T16:00:00+08:00'),
      outcome: 'refused',
      reasonsGiven: true,
      concludedAt: at('2025-10-21T10:00:00+08:00'),
      lastSequence: 11,
      eventCount: 11,
      anomalies: [],
    });
  });

  it('gives the same state for any arrival order, with duplicates counted once', () => {
    // Prepare
    const events = aFullCase();
    const expected = foldLicensingCase(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = foldLicensingCase([...shuffled, ...repeats].reverse());

        // Assess
        expect(state).toEqual(expected);
      }),
    );
  });

  it('keeps an open suspension without an end', () => {
    // Prepare
    const events = aLicensingCase().received().accepted('2025-09-23T09:00:00+08:00').suspended('2025-09-24T09:00:00+08:00', 'hearing', null).build();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(state.suspensions).toStrictEqual([{ reason: 'hearing', from: at('2025-09-24T09:00:00+08:00'), applicantNotifiedAt: undefined }]);
  });

  it('compares instants written with different offsets by time, not by text', () => {
    // Prepare: materials completed at 10:00 Shanghai time (02:00Z), after the notice at 09:00 Shanghai time;
    // as text, '2025-09-23T02:00:00Z' sorts before '2025-09-23T09:00:00+08:00'.
    const events = aLicensingCase().received().completionRequested('2025-09-23T09:00:00+08:00').completionReceived('2025-09-23T02:00:00Z').build();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(licensingStage(state)).toBe('received');
    expect(licensingStage(foldLicensingCase(events.slice(0, 2)))).toBe('awaitingCompletion');
  });

  it('sums approved extensions', () => {
    // Prepare
    const events = aLicensingCase()
      .received()
      .accepted('2025-09-23T09:00:00+08:00')
      .extended('2025-10-13T09:00:00+08:00', 4)
      .extended('2025-10-14T09:00:00+08:00', 6)
      .build();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(state.extensionWorkingDays).toBe(10);
  });

  it('keeps a pause on no legal ground and whether the applicant was told, and sums fees in fen', () => {
    // Prepare
    const events = aLicensingCase()
      .received()
      .accepted('2025-09-23T09:00:00+08:00')
      .suspended('2025-09-24T09:00:00+08:00', 'other', null)
      .resumed('2025-09-25T09:00:00+08:00')
      .feeCharged('2025-09-26T09:00:00+08:00', 0.1)
      .feeCharged('2025-09-26T09:05:00+08:00', 0.2)
      .build();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(state.suspensions).toStrictEqual([
      { reason: 'other', from: at('2025-09-24T09:00:00+08:00'), to: at('2025-09-25T09:00:00+08:00'), applicantNotifiedAt: undefined },
    ]);
    expect(state.feesChargedFen).toBe(30);
  });

  it('notes a decision without acceptance and a conclusion without decision, in sequence order', () => {
    // Prepare
    const events = aLicensingCase().received().concluded('2025-09-23T09:00:00+08:00').decided('2025-09-24T09:00:00+08:00').build();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(state.anomalies).toEqual([
      { kind: 'concludedWithoutDecision', sequence: 2, event: 'concluded' },
      { kind: 'eventAfterConclusion', sequence: 3, event: 'decided' },
      { kind: 'decidedWithoutAcceptance', sequence: 3, event: 'decided' },
    ]);
  });

  it('notes a resumption without a suspension and a second suspension while one is open', () => {
    // Prepare
    const events = aLicensingCase()
      .received()
      .accepted('2025-09-23T09:00:00+08:00')
      .resumed('2025-09-24T09:00:00+08:00')
      .suspended('2025-09-25T09:00:00+08:00', 'expertReview', null)
      .suspended('2025-09-26T09:00:00+08:00', 'hearing')
      .build();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(state.anomalies.map((anomaly) => anomaly.kind)).toEqual(['resumedWithoutSuspension', 'suspendedWhileSuspended']);
    expect(state.suspensions).toEqual([{ reason: 'expertReview', from: at('2025-09-25T09:00:00+08:00') }]);
  });

  it('keeps the first decision and notes a second one', () => {
    // Prepare
    const events = aLicensingCase()
      .received()
      .accepted('2025-09-23T09:00:00+08:00')
      .decided('2025-09-30T09:00:00+08:00', 'granted')
      .decided('2025-10-09T09:00:00+08:00', 'refused')
      .build();

    // Act
    const state = foldLicensingCase(events);

    // Assess
    expect(state.decidedAt).toBe(at('2025-09-30T09:00:00+08:00'));
    expect(state.outcome).toBe('granted');
    expect(state.reasonsGiven).toBe(false);
    expect(state.anomalies).toEqual([{ kind: 'decidedAgain', sequence: 4, event: 'decided' }]);
  });

  it('chooses between two different events with the same sequence regardless of arrival order', () => {
    // Prepare
    const [received, accepted] = aLicensingCase().received().accepted('2025-09-23T09:00:00+08:00').build();
    const conflicting = { ...accepted!, occurredAt: '2025-09-24T09:00:00+08:00' };

    // Act
    const one = foldLicensingCase([received!, accepted!, conflicting]);
    const other = foldLicensingCase([conflicting, received!, accepted!]);

    // Assess
    expect(one).toEqual(other);
    expect(one.eventCount).toBe(2);
    expect(one.anomalies).toEqual([{ kind: 'conflictingDuplicate', sequence: 2, event: 'accepted' }]);
  });

  it('takes the matter code of the latest event', () => {
    // Prepare
    const [received] = aLicensingCase({ matterCode: 'OLD-1' }).received().build();
    const [, accepted] = aLicensingCase({ matterCode: 'NEW-2' }).received().accepted('2025-09-23T09:00:00+08:00').build();

    // Act
    const state = foldLicensingCase([accepted!, received!]);

    // Assess
    expect(state.matterCode).toBe('NEW-2');
  });

  it('refuses an empty history and events of different cases', () => {
    // Prepare
    const [ours] = aLicensingCase({ caseId: 'A-1' }).received().build();
    const [, theirs] = aLicensingCase({ caseId: 'B-2' }).received().accepted('2025-09-23T09:00:00+08:00').build();

    // Act / Assess
    expect(() => foldLicensingCase([])).toThrow(RangeError);
    expect(() => foldLicensingCase([ours!, theirs!])).toThrow(RangeError);
  });
});
