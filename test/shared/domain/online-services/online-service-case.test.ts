import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochMillisOf } from '#shared/domain/calendar/local-date.ts';
import { foldOnlineServiceCase } from '#shared/domain/online-services/online-service-case.ts';
import { onlineServiceFamily } from '#shared/domain/online-services/online-service-family.ts';
import { anOnlineServiceCase } from './online-service-event-mother.ts';

const fullCase = () =>
  anOnlineServiceCase()
    .applied()
    .supplementRequested('2025-09-29T10:00:00+08:00')
    .supplemented('2025-09-30T09:00:00+08:00')
    .accepted('2025-09-30T10:00:00+08:00')
    .completed('2025-10-15T10:00:00+08:00')
    .resultDelivered('2025-10-15T10:05:00+08:00', 'online', true)
    .build();

/** Every permutation of `items` (small arrays only). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('folding an online service case', () => {
  it('gives the same state for every order of arrival and for repeated events', () => {
    // Prepare
    const events = fullCase();
    const expected = foldOnlineServiceCase(events);

    // Act
    const states = permutations(events).map((order) => foldOnlineServiceCase([...order, events[3] as (typeof events)[number]]));

    // Assess
    expect(states).toHaveLength(720);
    for (const state of states) expect(state).toEqual(expected);
    expect(expected).toMatchObject({ eventCount: 6, lastSequence: 6, deliveredOnline: true, certificateDelivered: true, anomalies: [] });
    expect(onlineServiceFamily.summarize(expected)).toEqual({
      matterCode: 'construction-waste-permit',
      lastSequence: 6,
      eventCount: 6,
      stage: 'delivered',
      completedAt: '2025-10-15T02:00:00.000Z',
    });
  });

  it('gives the same clock stops for any arrival order, with duplicates counted once', () => {
    // Prepare: a request to supplement after acceptance, answered; a test, notified and ended; an expert review still open
    const events = anOnlineServiceCase()
      .applied()
      .accepted('2025-09-30T10:00:00+08:00')
      .supplementRequested('2025-09-30T15:00:00+08:00', ['the transport contract'])
      .supplemented('2025-10-09T09:00:00+08:00')
      .suspended('2025-10-10T09:00:00+08:00', 'testing', '2025-10-10T09:30:00+08:00')
      .resumed('2025-10-16T17:00:00+08:00')
      .suspended('2025-10-20T10:00:00+08:00', 'expertReview')
      .build();
    const expected = foldOnlineServiceCase(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = foldOnlineServiceCase([...shuffled, ...repeats].reverse());

        // Assess
        expect(state).toEqual(expected);
      }),
    );
    expect(expected.clockStops).toEqual([
      { reason: 'supplement', from: epochMillisOf('2025-09-30T15:00:00+08:00'), to: epochMillisOf('2025-10-09T09:00:00+08:00') },
      {
        reason: 'testing',
        from: epochMillisOf('2025-10-10T09:00:00+08:00'),
        to: epochMillisOf('2025-10-16T17:00:00+08:00'),
        applicantNotifiedAt: epochMillisOf('2025-10-10T09:30:00+08:00'),
      },
      { reason: 'expertReview', from: epochMillisOf('2025-10-20T10:00:00+08:00'), applicantNotifiedAt: undefined },
    ]);
    // A request after acceptance is not a second one-time notice.
    expect(expected.supplementRequestedAt).toEqual([]);
    expect(expected.anomalies).toEqual([]);
    expect(onlineServiceFamily.summarize(expected).stage).toBe('suspended');
  });

  it('notes a clock that restarts without having stopped, or stops twice, and keeps the first stop', () => {
    // Prepare
    const events = anOnlineServiceCase()
      .applied()
      .accepted('2025-09-30T10:00:00+08:00')
      .resumed('2025-10-09T09:00:00+08:00')
      .suspended('2025-10-10T09:00:00+08:00', 'hearing')
      .supplementRequested('2025-10-11T09:00:00+08:00')
      .supplemented('2025-10-13T09:00:00+08:00')
      .resumed('2025-10-14T09:00:00+08:00')
      .build();

    // Act
    const state = foldOnlineServiceCase(events);

    // Assess
    expect(state.anomalies).toEqual([
      { kind: 'resumedWithoutSuspension', sequence: 3, event: 'resumed' },
      { kind: 'suspendedWhileSuspended', sequence: 5, event: 'supplementRequested' },
      { kind: 'resumedWithoutSuspension', sequence: 6, event: 'supplemented' },
    ]);
    expect(state.clockStops).toEqual([
      { reason: 'hearing', from: epochMillisOf('2025-10-10T09:00:00+08:00'), to: epochMillisOf('2025-10-14T09:00:00+08:00'), applicantNotifiedAt: undefined },
    ]);
    expect(onlineServiceFamily.summarize(state).stage).toBe('accepted');
  });

  it('names each stage a case passes through', () => {
    const stageAfter = (count: number) => onlineServiceFamily.summarize(foldOnlineServiceCase(fullCase().slice(0, count))).stage;
    expect([1, 2, 3, 4, 5, 6].map(stageAfter)).toEqual(['applied', 'awaitingSupplement', 'applied', 'accepted', 'completed', 'delivered']);
    expect(onlineServiceFamily.summarize(foldOnlineServiceCase(anOnlineServiceCase().applied().notAccepted('2025-09-29T10:00:00+08:00').build())).stage).toBe(
      'notAccepted',
    );
  });

  it('notes two different events sent with one sequence, keeping the same one whatever the order', () => {
    // Prepare
    const [applied, accepted] = anOnlineServiceCase().applied().accepted('2025-09-30T10:00:00+08:00').build();
    const clash = { ...accepted!, event: 'notAccepted' as const, reasons: 'incomplete' };

    // Act
    const one = foldOnlineServiceCase([applied!, accepted!, clash]);
    const other = foldOnlineServiceCase([clash, applied!, accepted!]);

    // Assess
    expect(one).toEqual(other);
    expect(one.anomalies).toEqual([{ kind: 'conflictingDuplicate', sequence: 2, event: 'accepted' }]);
  });

  it('refuses to fold nothing, or the events of two cases', () => {
    const [first] = anOnlineServiceCase().applied().build();
    const [second] = anOnlineServiceCase({ caseId: 'WSBJ-OTHER' }).applied().build();
    expect(() => foldOnlineServiceCase([])).toThrow(RangeError);
    expect(() => foldOnlineServiceCase([first!, { ...second!, sequence: 2 }])).toThrow(RangeError);
  });
});
