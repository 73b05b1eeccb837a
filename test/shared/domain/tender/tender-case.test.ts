import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTenderCase } from '#shared/domain/tender/tender-case.ts';
import { tenderStage } from '#shared/domain/tender/tender-stage.ts';
import { aCleanTenderUpToAward, aTenderCase } from './tender-event-mother.ts';

/** The state holds instants as epoch milliseconds. */
const at = (instant: string): number => new Date(instant).getTime();

const aFullTender = () =>
  aTenderCase()
    .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00', estimatedAmountYuan: 12_000_000 })
    .noticeAmended('2025-03-06T09:00:00+08:00', '2025-03-28T09:30:00+08:00')
    .bidsOpened('2025-03-28T09:30:00+08:00', 4)
    .evaluationCompleted('2025-04-10T17:00:00+08:00')
    .candidatesPublicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00')
    .awarded('2025-05-06T10:00:00+08:00', 11_500_000, 'ORG-WINNER-7')
    .contractSigned('2025-05-20T10:00:00+08:00', 11_450_000)
    .closed('2025-12-01T10:00:00+08:00')
    .build();

describe('folding a tender', () => {
  it('records every step of a complete tender', () => {
    // Act
    const state = foldTenderCase(aFullTender());

    // Assess
    expect(state).toEqual({
      department: 'housing-construction',
      caseId: 'ZB-2025-000042',
      matterCode: 'GC-SG-001',
      buyerId: 'ORG-91330200-BUYER1',
      estimatedAmountYuan: 12_000_000,
      noticePublishedAt: at('2025-03-04T09:00:00+08:00'),
      originalBidDeadline: at('2025-03-24T09:30:00+08:00'),
      bidDeadline: at('2025-03-28T09:30:00+08:00'),
      amendments: [{ at: at('2025-03-06T09:00:00+08:00'), bidDeadline: at('2025-03-28T09:30:00+08:00') }],
      bidsOpenedAt: at('2025-03-28T09:30:00+08:00'),
      bidderCount: 4,
      evaluationCompletedAt: at('2025-04-10T17:00:00+08:00'),
      candidatesPublicizedAt: at('2025-04-14T09:00:00+08:00'),
      publicityEndsAt: at('2025-04-17T17:00:00+08:00'),
      awardedAt: at('2025-05-06T10:00:00+08:00'),
      awardedAtAsWritten: '2025-05-06T10:00:00+08:00',
      winnerId: 'ORG-WINNER-7',
      awardedAmountYuan: 11_500_000,
      contractSignedAt: at('2025-05-20T10:00:00+08:00'),
      contractAmountYuan: 11_450_000,
      closedAt: at('2025-12-01T10:00:00+08:00'),
      cancelledAt: null,
      cancellationReason: null,
      lastSequence: 8,
      eventCount: 8,
      anomalies: [],
    });
    expect(tenderStage(state)).toBe('closed');
  });

  it('gives the same state for any arrival order, with duplicates counted once', () => {
    // Prepare
    const events = aFullTender();
    const expected = foldTenderCase(events);

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), fc.array(fc.constantFrom(...events)), (shuffled, repeats) => {
        // Act
        const state = foldTenderCase([...shuffled, ...repeats].reverse());

        // Assess
        expect(state).toEqual(expected);
      }),
    );
  });

  it('keeps one of two conflicting versions of a sequence, whatever the order, and reports the conflict', () => {
    // Prepare
    const events = aCleanTenderUpToAward().build();
    const opened = events[1];
    if (opened?.event !== 'bidsOpened') throw new Error('fixture changed');
    const conflicting = { ...opened, bidderCount: 2 };

    // Act
    const one = foldTenderCase([...events, conflicting]);
    const other = foldTenderCase([conflicting, ...events]);

    // Assess
    expect(one).toEqual(other);
    expect(one.anomalies).toEqual([{ kind: 'conflictingDuplicate', sequence: 2, event: 'bidsOpened' }]);
  });

  it('lets the first notice, opening and award stand and reports repeats', () => {
    // Prepare
    const events = aCleanTenderUpToAward()
      .noticePublished('2025-05-07T09:00:00+08:00', { bidDeadline: '2025-06-01T09:00:00+08:00', buyerId: 'ORG-OTHER' })
      .awarded('2025-05-08T10:00:00+08:00', 1, 'ORG-OTHER-WINNER')
      .build();

    // Act
    const state = foldTenderCase(events);

    // Assess
    expect(state.buyerId).toBe('ORG-91330200-BUYER1');
    expect(state.winnerId).toBe('ORG-91330200-WIN001');
    expect(state.anomalies.map((anomaly) => `${anomaly.sequence}:${anomaly.kind}`)).toEqual(['6:repeatedStep', '7:repeatedStep']);
  });

  it('ignores an amendment after the bid opening for the deadline and reports it', () => {
    // Prepare
    const events = aCleanTenderUpToAward().noticeAmended('2025-05-07T09:00:00+08:00', '2025-06-30T09:00:00+08:00').build();

    // Act
    const state = foldTenderCase(events);

    // Assess
    expect(state.bidDeadline).toBe(at('2025-03-24T09:30:00+08:00'));
    expect(state.amendments).toEqual([]);
    expect(state.anomalies).toEqual([{ kind: 'amendedAfterBidsOpened', sequence: 6, event: 'noticeAmended' }]);
  });

  it('reports an opening before the deadline in force, an award without opening and a contract without award', () => {
    // Prepare
    const early = aTenderCase({ caseId: 'A' })
      .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
      .noticeAmended('2025-03-05T09:00:00+08:00', '2025-03-31T09:30:00+08:00')
      .bidsOpened('2025-03-31T09:29:59+08:00')
      .build();
    const unopened = aTenderCase({ caseId: 'B' })
      .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
      .contractSigned('2025-04-01T09:00:00+08:00')
      .awarded('2025-04-02T09:00:00+08:00')
      .build();

    // Act
    const earlyState = foldTenderCase(early);
    const unopenedState = foldTenderCase(unopened);

    // Assess
    expect(earlyState.anomalies.map((anomaly) => anomaly.kind)).toEqual(['bidsOpenedBeforeDeadline']);
    expect(unopenedState.anomalies.map((anomaly) => anomaly.kind)).toEqual(['contractSignedWithoutAward', 'awardedWithoutBidsOpened']);
  });

  it('compares instants written with different offsets by time, not by text', () => {
    // Prepare: bids opened at 09:30 Shanghai time written in UTC (01:30Z), exactly at the deadline
    // written in Shanghai time; as text, '2025-03-24T01:30:00Z' sorts before '2025-03-24T09:30:00+08:00'.
    const atDeadline = aTenderCase({ caseId: 'A' })
      .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
      .bidsOpened('2025-03-24T01:30:00Z')
      .build();
    const early = aTenderCase({ caseId: 'B' })
      .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T01:30:00Z' })
      .bidsOpened('2025-03-24T09:29:59+08:00')
      .build();

    // Act
    const atDeadlineState = foldTenderCase(atDeadline);
    const earlyState = foldTenderCase(early);

    // Assess
    expect(atDeadlineState.bidsOpenedAt).toBe(atDeadlineState.bidDeadline);
    expect(atDeadlineState.anomalies).toEqual([]);
    expect(earlyState.anomalies.map((anomaly) => anomaly.kind)).toEqual(['bidsOpenedBeforeDeadline']);
  });

  it('reports events before the notice and after a cancellation, and keeps the first cancellation', () => {
    // Prepare
    const events = aTenderCase()
      .bidsOpened('2025-03-24T09:30:00+08:00')
      .noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' })
      .cancelled('2025-03-25T09:00:00+08:00', 'fewerThanThreeBidders')
      .cancelled('2025-03-26T09:00:00+08:00', 'other')
      .build();

    // Act
    const state = foldTenderCase(events);

    // Assess
    expect(state.cancellationReason).toBe('fewerThanThreeBidders');
    expect(state.anomalies.map((anomaly) => `${anomaly.sequence}:${anomaly.kind}`)).toEqual(['1:eventBeforeNotice', '4:eventAfterConclusion']);
    expect(tenderStage(state)).toBe('cancelled');
  });

  it('follows the stage of the furthest step reached', () => {
    // Prepare
    const notice = aTenderCase().noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' });

    // Act
    const stages = [
      tenderStage(foldTenderCase(aTenderCase().noticeAmended('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00').build())),
      tenderStage(foldTenderCase(notice.build())),
      tenderStage(foldTenderCase(notice.bidsOpened('2025-03-24T09:30:00+08:00').build())),
      tenderStage(foldTenderCase(notice.evaluationCompleted('2025-04-10T09:30:00+08:00').build())),
      tenderStage(foldTenderCase(notice.candidatesPublicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00').build())),
      tenderStage(foldTenderCase(notice.awarded('2025-05-06T10:00:00+08:00').build())),
      tenderStage(foldTenderCase(notice.contractSigned('2025-05-20T10:00:00+08:00').build())),
    ];

    // Assess
    expect(stages).toEqual(['noticePending', 'noticePublished', 'bidsOpened', 'evaluated', 'candidatesPublicized', 'awarded', 'contractSigned']);
  });

  it('refuses to fold nothing or two tenders together', () => {
    // Prepare
    const one = aTenderCase({ caseId: 'ZB-1' }).noticePublished('2025-03-04T09:00:00+08:00', { bidDeadline: '2025-03-24T09:30:00+08:00' }).build();
    const other = aTenderCase({ caseId: 'ZB-2' })
      .closed('2025-03-05T09:00:00+08:00')
      .build()
      .map((event) => ({ ...event, sequence: 2 }));

    // Act / Assess
    expect(() => foldTenderCase([])).toThrow(RangeError);
    expect(() => foldTenderCase([...one, ...other])).toThrow(RangeError);
  });
});
