import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDisclosureCase } from '#shared/domain/disclosure/disclosure-case.ts';
import { aDisclosureCase } from './disclosure-event-mother.ts';

/** The state holds instants as epoch milliseconds. */
const at = (instant: string): number => new Date(instant).getTime();

const aFullRequest = () =>
  aDisclosureCase()
    .requestReceived('2025-09-01T09:00:00+08:00')
    .completionRequested('2025-09-03T10:00:00+08:00')
    .completionReceived('2025-09-05T15:00:00+08:00')
    .consultationStarted('2025-09-08T09:00:00+08:00', 'thirdParty')
    .consultationEnded('2025-09-19T09:00:00+08:00')
    .extended('2025-10-09T09:00:00+08:00', 10)
    .replied('2025-10-20T16:00:00+08:00', 'partlyDisclosed', 'parts concern a commercial secret of a third party')
    .closed('2025-10-21T10:00:00+08:00')
    .build();

const aProactiveHistory = () =>
  aDisclosureCase()
    .informationFormed('2025-04-21T10:00:00+08:00', 'formed')
    .published('2025-05-06T09:00:00+08:00')
    .informationFormed('2025-06-03T10:00:00+08:00', 'changed')
    .published('2025-06-20T09:00:00+08:00')
    .informationFormed('2025-09-01T10:00:00+08:00', 'changed')
    .build();

describe('folding a disclosure request', () => {
  it('records every step of a complete request', () => {
    // Prepare
    const events = aFullRequest();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state).toEqual({
      caseType: 'request',
      department: 'natural-resources',
      caseId: 'GKSQ-2025-000042',
      matterCode: 'GK-REQ-001',
      receivedAt: at('2025-09-01T09:00:00+08:00'),
      completionRequestedAt: [at('2025-09-03T10:00:00+08:00')],
      completionReceivedAt: at('2025-09-05T15:00:00+08:00'),
      consultations: [{ party: 'thirdParty', from: at('2025-09-08T09:00:00+08:00'), to: at('2025-09-19T09:00:00+08:00') }],
      extensionWorkingDays: 10,
      repliedAt: at('2025-10-20T16:00:00+08:00'),
      outcome: 'partlyDisclosed',
      reasonsGiven: true,
      closedAt: at('2025-10-21T10:00:00+08:00'),
      lastSequence: 8,
      eventCount: 8,
      anomalies: [],
    });
  });

  it('gives the same state for any arrival order, with duplicates counted once', () => {
    // Prepare
    const events = aFullRequest();
    const expected = foldDisclosureCase(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = foldDisclosureCase([...shuffled, ...repeats].reverse());

        // Assess
        expect(state).toEqual(expected);
      }),
    );
  });

  it('holds instants written with different offsets as the same instants', () => {
    // Prepare: one request written in Shanghai time, the same request written in UTC
    const shanghai = aDisclosureCase().requestReceived('2025-09-01T09:00:00+08:00').replied('2025-09-10T16:00:00+08:00').build();
    const utc = aDisclosureCase().requestReceived('2025-09-01T01:00:00Z').replied('2025-09-10T08:00:00.000Z').build();

    // Act
    const state = foldDisclosureCase(utc);

    // Assess
    expect(state).toEqual(foldDisclosureCase(shanghai));
    expect(state).toMatchObject({ receivedAt: at('2025-09-01T09:00:00+08:00'), repliedAt: at('2025-09-10T16:00:00+08:00') });
  });

  it('keeps the first completed request after a completion request, and ignores one nobody asked for', () => {
    // Prepare
    const events = aDisclosureCase()
      .requestReceived()
      .completionReceived('2025-09-02T09:00:00+08:00')
      .completionRequested('2025-09-03T09:00:00+08:00')
      .completionReceived('2025-09-04T09:00:00+08:00')
      .completionRequested('2025-09-05T09:00:00+08:00')
      .completionReceived('2025-09-08T09:00:00+08:00')
      .build();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state.caseType === 'request' && state.completionReceivedAt).toBe(at('2025-09-04T09:00:00+08:00'));
    expect(state.anomalies).toEqual([{ kind: 'completionReceivedWithoutRequest', sequence: 2, event: 'completionReceived' }]);
  });

  it('keeps an open consultation without an end and notes consultations out of order', () => {
    // Prepare
    const events = aDisclosureCase()
      .requestReceived()
      .consultationEnded('2025-09-02T09:00:00+08:00')
      .consultationStarted('2025-09-03T09:00:00+08:00', 'otherAuthority')
      .consultationStarted('2025-09-04T09:00:00+08:00', 'thirdParty')
      .build();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state.caseType === 'request' && state.consultations).toEqual([{ party: 'otherAuthority', from: at('2025-09-03T09:00:00+08:00') }]);
    expect(state.anomalies.map((anomaly) => anomaly.kind)).toEqual(['consultationEndedWithoutStart', 'consultationStartedWhileOpen']);
  });

  it('sums approved extensions', () => {
    // Prepare
    const events = aDisclosureCase().requestReceived().extended('2025-09-20T09:00:00+08:00', 15).extended('2025-09-25T09:00:00+08:00', 10).build();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state.caseType === 'request' && state.extensionWorkingDays).toBe(25);
  });

  it('keeps the first reply and notes a second one, a closure without reply and events after closure', () => {
    // Prepare
    const events = aDisclosureCase()
      .closed('2025-09-02T09:00:00+08:00')
      .replied('2025-09-03T09:00:00+08:00', 'refused')
      .replied('2025-09-04T09:00:00+08:00', 'disclosed', 'all of it')
      .build();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state).toMatchObject({ caseType: 'request', repliedAt: at('2025-09-03T09:00:00+08:00'), outcome: 'refused', reasonsGiven: false });
    expect(state.anomalies).toEqual([
      { kind: 'closedWithoutReply', sequence: 1, event: 'closed' },
      { kind: 'eventAfterClosure', sequence: 2, event: 'replied' },
      { kind: 'repliedWithoutRequest', sequence: 2, event: 'replied' },
      { kind: 'eventAfterClosure', sequence: 3, event: 'replied' },
      { kind: 'repliedAgain', sequence: 3, event: 'replied' },
    ]);
  });

  it('ignores a proactive event in a request case', () => {
    // Prepare
    const events = aDisclosureCase().requestReceived().published('2025-09-02T09:00:00+08:00').build();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state.caseType).toBe('request');
    expect(state.anomalies).toEqual([{ kind: 'eventOfOtherCaseType', sequence: 2, event: 'published' }]);
  });
});

describe('folding a proactive disclosure', () => {
  it('pairs each formation or change with the publication that follows it', () => {
    // Prepare
    const events = aProactiveHistory();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state).toEqual({
      caseType: 'proactive',
      department: 'natural-resources',
      caseId: 'GKSQ-2025-000042',
      matterCode: 'GK-REQ-001',
      cycles: [
        { change: 'formed', formedAt: at('2025-04-21T10:00:00+08:00'), publishedAt: at('2025-05-06T09:00:00+08:00') },
        { change: 'changed', formedAt: at('2025-06-03T10:00:00+08:00'), publishedAt: at('2025-06-20T09:00:00+08:00') },
        { change: 'changed', formedAt: at('2025-09-01T10:00:00+08:00'), publishedAt: null },
      ],
      lastSequence: 5,
      eventCount: 5,
      anomalies: [],
    });
  });

  it('gives the same state for any arrival order, with duplicates counted once', () => {
    // Prepare
    const events = aProactiveHistory();
    const expected = foldDisclosureCase(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = foldDisclosureCase([...repeats, ...shuffled]);

        // Assess
        expect(state).toEqual(expected);
      }),
    );
  });

  it('notes a publication before any formation, a second publication and a request event', () => {
    // Prepare
    const events = aDisclosureCase()
      .published('2025-04-18T09:00:00+08:00')
      .informationFormed('2025-04-21T10:00:00+08:00')
      .published('2025-04-22T09:00:00+08:00')
      .published('2025-04-23T09:00:00+08:00')
      .replied('2025-04-24T09:00:00+08:00')
      .build();

    // Act
    const state = foldDisclosureCase(events);

    // Assess
    expect(state.caseType === 'proactive' && state.cycles).toEqual([
      { change: 'formed', formedAt: at('2025-04-21T10:00:00+08:00'), publishedAt: at('2025-04-22T09:00:00+08:00') },
    ]);
    expect(state.anomalies.map((anomaly) => anomaly.kind)).toEqual(['publishedWithoutFormation', 'publishedAgain', 'eventOfOtherCaseType']);
  });
});

describe('folding any disclosure case', () => {
  it('chooses between two different events with the same sequence regardless of arrival order', () => {
    // Prepare
    const [received, replied] = aDisclosureCase().requestReceived().replied('2025-09-10T09:00:00+08:00').build();
    const conflicting = { ...replied!, occurredAt: '2025-09-11T09:00:00+08:00' };

    // Act
    const one = foldDisclosureCase([received!, replied!, conflicting]);
    const other = foldDisclosureCase([conflicting, received!, replied!]);

    // Assess
    expect(one).toEqual(other);
    expect(one.eventCount).toBe(2);
    expect(one.anomalies).toEqual([{ kind: 'conflictingDuplicate', sequence: 2, event: 'replied' }]);
  });

  it('takes the matter code of the latest event', () => {
    // Prepare
    const [received] = aDisclosureCase({ matterCode: 'OLD-1' }).requestReceived().build();
    const [, replied] = aDisclosureCase({ matterCode: 'NEW-2' }).requestReceived().replied('2025-09-10T09:00:00+08:00').build();

    // Act
    const state = foldDisclosureCase([replied!, received!]);

    // Assess
    expect(state.matterCode).toBe('NEW-2');
  });

  it('refuses an empty history and events of different cases', () => {
    // Prepare
    const [ours] = aDisclosureCase({ caseId: 'A-1' }).requestReceived().build();
    const [, theirs] = aDisclosureCase({ caseId: 'B-2' }).requestReceived().replied('2025-09-10T09:00:00+08:00').build();

    // Act / Assess
    expect(() => foldDisclosureCase([])).toThrow(RangeError);
    expect(() => foldDisclosureCase([ours!, theirs!])).toThrow(RangeError);
  });
});
