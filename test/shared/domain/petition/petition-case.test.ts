import { describe, expect, it } from 'vitest';
import { foldPetitionCase } from '#shared/domain/petition/petition-case.ts';
import { petitionFamily } from '#shared/domain/petition/petition-family.ts';
import { aPetitionCase } from './petition-event-mother.ts';

describe('petition case fold', () => {
  it('folds the stages in sequence order whatever order they arrive in', () => {
    // Prepare
    const events = aPetitionCase()
      .received()
      .accepted('2025-09-05T10:00:00+08:00')
      .extended('2025-10-20T10:00:00+08:00', 30)
      .handled('2025-11-28T10:00:00+08:00')
      .build();

    // Act
    const state = foldPetitionCase([...events].reverse());

    // Assess
    expect(state).toMatchObject({
      decision: 'accepted',
      notifiedAt: Date.parse('2025-09-05T10:00:00+08:00'),
      extensions: [{ at: Date.parse('2025-10-20T10:00:00+08:00'), days: 30, petitionerNotified: true }],
      handledAt: Date.parse('2025-11-28T10:00:00+08:00'),
      anomalies: [],
    });
    expect(petitionFamily.summarize(state)).toEqual({
      matterCode: 'XF-001',
      lastSequence: 4,
      eventCount: 4,
      stage: 'handled',
      completedAt: '2025-11-28T02:00:00.000Z',
    });
  });

  it('keeps the first event of a stage and notes a second one, and an extension after the opinion', () => {
    // Act
    const state = foldPetitionCase(
      aPetitionCase()
        .received()
        .accepted('2025-09-05T10:00:00+08:00')
        .handled('2025-10-20T10:00:00+08:00', 'notSupported')
        .handled('2025-10-21T10:00:00+08:00', 'supported')
        .extended('2025-10-22T10:00:00+08:00', 10)
        .build(),
    );

    // Assess
    expect(state.opinion).toBe('notSupported');
    expect(state.extensions).toEqual([]);
    expect(state.anomalies).toEqual([
      { kind: 'repeatedStage', sequence: 4, event: 'handled' },
      { kind: 'extendedAfterHandling', sequence: 5, event: 'extended' },
    ]);
  });

  it('notes a re-review with no review, and a conflicting duplicate', () => {
    // Prepare
    const events = aPetitionCase()
      .received()
      .accepted('2025-09-05T10:00:00+08:00')
      .handled('2025-10-20T10:00:00+08:00')
      .reReviewRequested('2025-11-01T10:00:00+08:00')
      .build();
    const conflicting = { ...events[3]!, occurredAt: '2025-11-02T10:00:00+08:00' };

    // Act
    const state = foldPetitionCase([...events, conflicting]);

    // Assess
    expect(state.anomalies.map((anomaly) => anomaly.kind)).toEqual(['conflictingDuplicate', 'reReviewWithoutReview']);
    expect(petitionFamily.summarize(state).stage).toBe('inReReview');
  });

  it('pairs re-review hearings by id whatever order they arrive in, and keeps one still open', () => {
    // Prepare
    const events = aPetitionCase()
      .received()
      .accepted('2025-09-05T10:00:00+08:00')
      .handled('2025-09-08T10:00:00+08:00')
      .reviewRequested('2025-09-09T10:00:00+08:00')
      .reviewDecided('2025-09-12T10:00:00+08:00')
      .reReviewRequested('2025-09-15T10:00:00+08:00')
      .hearingStarted('2025-09-29T09:00:00+08:00', 'TZ-1')
      .hearingEnded('2025-10-09T17:00:00+08:00', 'TZ-1')
      .hearingStarted('2025-10-13T09:00:00+08:00', 'TZ-2')
      .hearingEnded('2025-10-14T17:00:00+08:00', 'TZ-1')
      .build();

    // Act
    const state = foldPetitionCase([...events].reverse());

    // Assess: the second closing of TZ-1 is a repeat; TZ-2 is still open
    expect(state.reReviewHearings).toEqual([
      { id: 'TZ-1', from: Date.parse('2025-09-29T09:00:00+08:00'), to: Date.parse('2025-10-09T17:00:00+08:00') },
      { id: 'TZ-2', from: Date.parse('2025-10-13T09:00:00+08:00') },
    ]);
    expect(state.anomalies).toEqual([{ kind: 'repeatedStage', sequence: 10, event: 'reReviewHearingEnded' }]);
    expect(petitionFamily.summarize(state).stage).toBe('inReReview');
  });

  it('refuses to fold nothing, or events of two cases', () => {
    expect(() => foldPetitionCase([])).toThrow(RangeError);
    const [received, accepted] = aPetitionCase().received().accepted('2025-09-05T10:00:00+08:00').build();
    expect(() => foldPetitionCase([received!, { ...accepted!, caseId: 'XF-OTHER' }])).toThrow(RangeError);
  });
});
