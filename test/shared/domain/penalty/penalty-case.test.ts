import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldPenaltyCase } from '#shared/domain/penalty/penalty-case.ts';
import { aFullPenaltyCase, aPenaltyCase } from './penalty-event-mother.ts';

/** The state holds instants as epoch milliseconds. */
const at = (instant: string): number => new Date(instant).getTime();

describe('folding a penalty case', () => {
  it('records every step of a complete case', () => {
    // Prepare
    const events = aFullPenaltyCase();

    // Act
    const state = foldPenaltyCase(events);

    // Assess
    expect(state).toEqual({
      department: 'market-regulation',
      caseId: 'PEN-2025-000042',
      matterCode: 'CF-FOOD-124',
      filed: { at: at('2025-04-01T09:00:00+08:00'), sequence: 1 },
      investigationConcluded: { at: at('2025-04-20T10:00:00+08:00'), sequence: 2 },
      priorNotices: [{ at: at('2025-04-22T10:00:00+08:00'), sequence: 3, proposedFineYuan: 15_000, violationCode: 'FSL-124', circumstance: 'ordinary' }],
      hearingRequested: { at: at('2025-04-24T10:00:00+08:00'), sequence: 4 },
      hearingNoticeIssued: { at: at('2025-04-25T10:00:00+08:00'), sequence: 5 },
      hearingHeld: { at: at('2025-05-06T10:00:00+08:00'), sequence: 6 },
      extensionCalendarDays: 30,
      decision: {
        at: at('2025-05-20T16:00:00+08:00'),
        sequence: 8,
        fineYuan: 12_000,
        violationCode: 'FSL-124',
        circumstance: 'ordinary',
        publicationRequired: true,
      },
      published: { at: at('2025-05-22T09:00:00+08:00'), sequence: 9 },
      executed: { at: at('2025-06-10T09:00:00+08:00'), sequence: 10 },
      closed: { at: at('2025-06-11T09:00:00+08:00'), sequence: 11 },
      lastSequence: 11,
      eventCount: 11,
      anomalies: [],
    });
  });

  it('gives the same state for any arrival order, with duplicates counted once', () => {
    // Prepare
    const events = aFullPenaltyCase();
    const expected = foldPenaltyCase(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = foldPenaltyCase([...shuffled, ...repeats].reverse());

        // Assess
        expect(state).toEqual(expected);
      }),
    );
  });

  it('gives the same state for any arrival order of a case with anomalies and conflicting duplicates', () => {
    // Prepare
    const [filed, executed, decided, again] = aPenaltyCase()
      .caseFiled()
      .executed('2025-04-02T09:00:00+08:00')
      .decided('2025-04-03T09:00:00+08:00', { fineYuan: 800 })
      .decided('2025-04-04T09:00:00+08:00', { fineYuan: 900 })
      .build();
    const conflicting = { ...decided!, fineYuan: 700 };
    const events = [filed!, executed!, decided!, again!, conflicting];
    const expected = foldPenaltyCase(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
        // Act
        const state = foldPenaltyCase(shuffled);

        // Assess
        expect(state).toEqual(expected);
      }),
    );
  });

  it('holds an instant as the same time whatever offset it was written with', () => {
    // Prepare: the same filing instant, once in Shanghai time and once in UTC.
    const [shanghai] = aPenaltyCase().caseFiled('2025-04-01T09:00:00+08:00').build();
    const [utc] = aPenaltyCase().caseFiled('2025-04-01T01:00:00Z').build();

    // Act
    const one = foldPenaltyCase([shanghai!]);
    const other = foldPenaltyCase([utc!]);

    // Assess
    expect(one).toEqual(other);
    expect(one.filed).toEqual({ at: Date.UTC(2025, 3, 1, 1), sequence: 1 });
  });

  it('sums approved extensions in calendar days', () => {
    // Prepare
    const events = aPenaltyCase().caseFiled().extended('2025-06-20T09:00:00+08:00', 30).extended('2025-07-20T09:00:00+08:00', 15).build();

    // Act
    const state = foldPenaltyCase(events);

    // Assess
    expect(state.extensionCalendarDays).toBe(45);
  });

  it('keeps every prior notice in sequence order', () => {
    // Prepare
    const events = aPenaltyCase()
      .caseFiled()
      .priorNoticeIssued('2025-04-22T10:00:00+08:00', { proposedFineYuan: 5000 })
      .priorNoticeIssued('2025-05-06T10:00:00+08:00', { proposedFineYuan: 30_000, circumstance: 'serious' })
      .build();

    // Act
    const state = foldPenaltyCase(events);

    // Assess
    expect(state.priorNotices.map((notice) => [notice.sequence, notice.proposedFineYuan, notice.circumstance])).toEqual([
      [2, 5000, 'ordinary'],
      [3, 30_000, 'serious'],
    ]);
  });

  it('notes a decision without filing or prior notice and an execution without a decision, in sequence order', () => {
    // Prepare
    const events = aPenaltyCase()
      .executed('2025-04-02T09:00:00+08:00')
      .published('2025-04-03T09:00:00+08:00')
      .decided('2025-04-04T09:00:00+08:00')
      .caseFiled('2025-04-05T09:00:00+08:00')
      .build();

    // Act
    const state = foldPenaltyCase(events);

    // Assess
    expect(state.anomalies).toEqual([
      { kind: 'executedWithoutDecision', sequence: 1, event: 'executed' },
      { kind: 'publishedWithoutDecision', sequence: 2, event: 'published' },
      { kind: 'decidedWithoutFiling', sequence: 3, event: 'decided' },
      { kind: 'decidedWithoutPriorNotice', sequence: 3, event: 'decided' },
    ]);
  });

  it('keeps the first filing and the first decision and notes the repeats', () => {
    // Prepare
    const events = aPenaltyCase()
      .caseFiled('2025-04-01T09:00:00+08:00')
      .caseFiled('2025-04-08T09:00:00+08:00')
      .priorNoticeIssued('2025-04-22T10:00:00+08:00')
      .decided('2025-05-20T16:00:00+08:00', { fineYuan: 3000 })
      .decided('2025-05-21T16:00:00+08:00', { fineYuan: 4000 })
      .build();

    // Act
    const state = foldPenaltyCase(events);

    // Assess
    expect(state.filed).toEqual({ at: at('2025-04-01T09:00:00+08:00'), sequence: 1 });
    expect(state.decision?.fineYuan).toBe(3000);
    expect(state.anomalies).toEqual([
      { kind: 'filedAgain', sequence: 2, event: 'caseFiled' },
      { kind: 'decidedAgain', sequence: 5, event: 'decided' },
    ]);
  });

  it('notes events after the case was closed', () => {
    // Prepare
    const events = aPenaltyCase().caseFiled().closed('2025-04-10T09:00:00+08:00').extended('2025-04-11T09:00:00+08:00', 10).build();

    // Act
    const state = foldPenaltyCase(events);

    // Assess
    expect(state.anomalies).toEqual([{ kind: 'eventAfterClosure', sequence: 3, event: 'extended' }]);
  });

  it('chooses between two different events with the same sequence regardless of arrival order', () => {
    // Prepare
    const [filed, decided] = aPenaltyCase().caseFiled().decided('2025-05-20T16:00:00+08:00', { fineYuan: 5000 }).build();
    const conflicting = { ...decided!, fineYuan: 6000 };

    // Act
    const one = foldPenaltyCase([filed!, decided!, conflicting]);
    const other = foldPenaltyCase([conflicting, filed!, decided!]);

    // Assess
    expect(one).toEqual(other);
    expect(one.eventCount).toBe(2);
    expect(one.anomalies[0]).toEqual({ kind: 'conflictingDuplicate', sequence: 2, event: 'decided' });
  });

  it('takes the matter code of the latest event', () => {
    // Prepare
    const [filed] = aPenaltyCase({ matterCode: 'OLD-1' }).caseFiled().build();
    const [, concluded] = aPenaltyCase({ matterCode: 'NEW-2' }).caseFiled().investigationConcluded('2025-04-20T10:00:00+08:00').build();

    // Act
    const state = foldPenaltyCase([concluded!, filed!]);

    // Assess
    expect(state.matterCode).toBe('NEW-2');
  });

  it('refuses an empty history and events of different cases', () => {
    // Prepare
    const [ours] = aPenaltyCase({ caseId: 'A-1' }).caseFiled().build();
    const [, theirs] = aPenaltyCase({ caseId: 'B-2' }).caseFiled().investigationConcluded('2025-04-20T10:00:00+08:00').build();

    // Act / Assess
    expect(() => foldPenaltyCase([])).toThrow(RangeError);
    expect(() => foldPenaltyCase([ours!, theirs!])).toThrow(RangeError);
  });
});
