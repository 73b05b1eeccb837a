import { describe, expect, it } from 'vitest';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { defaultComplaintClockPolicy, nextDueAt } from '#shared/domain/complaints/complaint-clock.ts';
import type { Complaint } from '#shared/domain/complaints/complaint.ts';
import {
  ComplaintActionNotAllowed,
  applyDecision,
  applyRating,
  applyReopening,
  applyResult,
  applyReview,
  newComplaint,
  withNoticeProduced,
  type ClockContext,
} from '#shared/domain/complaints/complaint-lifecycle.ts';
import {
  PersonalDataErasureNotDueError,
  erasePersonalData,
  personalDataErasureDue,
  personalDataErasureDueAt,
  retentionEndOf,
} from '#shared/domain/complaints/personal-data-retention.ts';
import { aFiledComplaint, aForwardedComplaint, clockContext, filingInput, opaqueSealed } from './complaint-mother.ts';

const day = 86_400_000;
const evidence = [{ title: '整改报告', sha256: 'b'.repeat(64), reference: '海住建〔2026〕12号' }];
const sealedComment = { keyRef: 'test', wrappedKey: 'Y29tbWVudCBrZXk=', fields: { ratingComment: 'c2VhbGVk' } };

/** Not accepted on 12 October 2026 at 10:00 Shanghai, with its decision notice. */
function notAccepted(context: ClockContext = clockContext('2026-10-12T02:00:00.000Z')): Complaint {
  const decided = applyDecision(aFiledComplaint(), { accepted: false, reasons: '不属于受理范围' }, context);
  return withNoticeProduced(decided, 'decision', { sha256: 'c'.repeat(64), byteLength: 1234 }, context.at).complaint;
}

describe('the retention end of a finished complaint', () => {
  it('is the retention period in calendar days after a decision not to accept', () => {
    // Act
    const complaint = notAccepted();

    // Assess
    expect(complaint.personalDataRetainedUntil).toBe('2029-10-11T02:00:00.000Z');
    expect(complaint.personalDataRetainedUntil).toBe(retentionEndOf(complaint.decision?.decidedAt ?? '', 1095));
    expect(nextDueAt(complaint)).toBe('2029-10-11T02:00:00.000Z');
  });

  it("runs from the conclusion, whether by the supervisor's own result or by accepting a department's", () => {
    // Prepare
    const handled = applyDecision(
      aFiledComplaint(),
      { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-30' },
      clockContext('2026-10-12T02:00:00.000Z'),
    ).complaint;
    const reported = applyResult(
      aForwardedComplaint(),
      { by: 'department', department: 'haishu-housing', summary: '已整改', evidence },
      clockContext('2026-10-20T02:00:00.000Z'),
    ).complaint;

    // Act
    const bySupervisor = applyResult(
      handled,
      { by: 'supervisor', summary: '已督促整改', evidence: [] },
      { at: new Date('2026-10-20T02:00:00.000Z'), actor: 'districtSupervisor:sup-1', policy: defaultComplaintClockPolicy },
    ).complaint;
    const onReview = applyReview(reported, { verdict: 'accept' }, clockContext('2026-10-21T08:30:00.000Z')).complaint;

    // Assess
    expect(bySupervisor.personalDataRetainedUntil).toBe(new Date(Date.parse('2026-10-20T02:00:00.000Z') + 1095 * day).toISOString());
    expect(onReview.personalDataRetainedUntil).toBe(new Date(Date.parse('2026-10-21T08:30:00.000Z') + 1095 * day).toISOString());
    expect(reported.personalDataRetainedUntil).toBeUndefined();
  });

  it('follows the retention period in force when the complaint is finished', () => {
    // Prepare
    const context = { ...clockContext('2026-10-12T02:00:00.000Z'), policy: { ...defaultComplaintClockPolicy, personalDataRetentionDays: 31 } };

    // Act
    const complaint = notAccepted(context);

    // Assess
    expect(complaint.personalDataRetainedUntil).toBe('2026-11-12T02:00:00.000Z');
  });

  it('does not exist while the complaint runs: only the clock is timed', () => {
    // Act
    const forwarded = aForwardedComplaint();

    // Assess
    expect(forwarded.personalDataRetainedUntil).toBeUndefined();
    expect(personalDataErasureDueAt(forwarded)).toBeNull();
    expect(personalDataErasureDue(forwarded, new Date('2040-01-01T00:00:00Z'))).toBe(false);
    expect(nextDueAt(forwarded)).toBe(forwarded.clock?.timers[0]?.dueAt);
  });
});

describe('the next due instant', () => {
  const running = aForwardedComplaint();
  const firstClockTimer = running.clock?.timers[0]?.dueAt ?? '';

  it('is the earlier of the clock timers and the retention end for a finished complaint not erased yet', () => {
    // Prepare: a finished stage carrying timers never happens; it shows the rule takes the minimum.
    const endingFirst = { ...running, stage: 'concluded' as const, personalDataRetainedUntil: '2026-10-13T00:00:00.000Z' };
    const endingLater = { ...running, stage: 'concluded' as const, personalDataRetainedUntil: '2030-01-01T00:00:00.000Z' };

    // Act / Assess
    expect(nextDueAt(endingFirst)).toBe('2026-10-13T00:00:00.000Z');
    expect(nextDueAt(endingLater)).toBe(firstClockTimer);
  });

  it('ignores a retention end on a running complaint, and one already erased', () => {
    // Prepare
    const unfinished = { ...running, personalDataRetainedUntil: '2026-10-13T00:00:00.000Z' };
    const erased = { ...notAccepted(), personalDataErasedAt: '2029-10-11T02:00:00.000Z' };

    // Act / Assess
    expect(nextDueAt(unfinished)).toBe(firstClockTimer);
    expect(nextDueAt(erased)).toBeNull();
  });
});

describe('erasing the personal data', () => {
  const end = new Date('2029-10-11T02:00:00.000Z');

  it('is not due a moment before the retention end, and is due at it', () => {
    // Prepare
    const complaint = notAccepted();

    // Act / Assess
    expect(personalDataErasureDue(complaint, new Date(end.getTime() - 1))).toBe(false);
    expect(personalDataErasureDue(complaint, end)).toBe(true);
    expect(() => erasePersonalData(complaint, new Date(end.getTime() - 1))).toThrow(PersonalDataErasureNotDueError);
  });

  it('drops the sealed fields and the rating comment, keeps the notices and the score, and says so on the timeline', () => {
    // Prepare
    const rated = applyRating(notAccepted(), { score: 2, comment: sealedComment }, 30, { at: new Date('2026-10-20T00:00:00Z'), actor: 'public' }).complaint;

    // Act
    const { complaint, steps } = erasePersonalData(rated, end);

    // Assess
    expect(complaint.sealed).toBeNull();
    expect(complaint.rating).toEqual({ score: 2, ratedAt: '2026-10-20T00:00:00.000Z' });
    expect(complaint.notices).toEqual(rated.notices);
    expect(complaint).toMatchObject({
      stage: 'notAccepted',
      personalDataErasedAt: end.toISOString(),
      version: rated.version + 1,
      stepCount: rated.stepCount + 1,
    });
    expect(steps).toEqual([
      {
        sequence: rated.stepCount + 1,
        at: end.toISOString(),
        actor: 'system',
        action: 'personalDataErased',
        details: { retainedUntil: end.toISOString(), notices: 1, ratingComment: true },
        internal: true,
      },
    ]);
    expect(JSON.stringify(complaint)).not.toContain(opaqueSealed.wrappedKey);
    expect(JSON.stringify(complaint)).not.toContain(sealedComment.wrappedKey);
    expect(nextDueAt(complaint)).toBeNull();
  });

  it('happens once: an erased complaint is not due again', () => {
    // Prepare
    const erased = erasePersonalData(notAccepted(), end).complaint;

    // Act / Assess
    expect(personalDataErasureDue(erased, new Date('2040-01-01T00:00:00Z'))).toBe(false);
    expect(() => erasePersonalData(erased, new Date('2040-01-01T00:00:00Z'))).toThrow(PersonalDataErasureNotDueError);
  });

  it('refuses a rating or a re-opening afterwards, as a step the complaint no longer allows', () => {
    // Prepare
    const erased = erasePersonalData(notAccepted(), end).complaint;
    const later = { at: new Date('2029-10-12T00:00:00Z'), actor: 'public' };

    // Act / Assess
    expect(() => applyRating(erased, { score: 5 }, 30, later)).toThrow(ComplaintActionNotAllowed);
    expect(() => applyRating(erased, { score: 5 }, 30, later)).toThrow(/erased on 2029-10-11/);
    expect(() => applyReopening(erased, 'TS20291012ABCDEFGH', 30, later)).toThrow(/erased/);
  });

  it("erases a re-opened complaint's original on its own schedule, not the new complaint's", () => {
    // Prepare: not accepted on 12 October, re-opened on the 20th, the new complaint not accepted on 2 November.
    const original = notAccepted();
    const reopenedAt = new Date('2026-10-20T02:00:00.000Z');
    const linked = applyReopening(original, 'TS20261020ABCDEFGH', 30, { at: reopenedAt, actor: 'public' }).complaint;
    const filedAgain = newComplaint(
      filingInput({ receiptNumber: 'TS20261020ABCDEFGH', receivedAt: reopenedAt.toISOString(), reopenOf: original.receiptNumber }),
      { cal: stateCouncilCalendar, policy: defaultComplaintClockPolicy },
    ).complaint;
    const newFinished = applyDecision(filedAgain, { accepted: false, reasons: '理由仍不成立' }, clockContext('2026-11-02T02:00:00.000Z')).complaint;

    // Act
    const erasedOriginal = erasePersonalData(linked, end).complaint;

    // Assess
    expect(linked.personalDataRetainedUntil).toBe(original.personalDataRetainedUntil);
    expect(erasedOriginal).toMatchObject({ sealed: null, reopenedAs: 'TS20261020ABCDEFGH' });
    expect(newFinished.personalDataRetainedUntil).toBe('2029-11-01T02:00:00.000Z');
    expect(personalDataErasureDue(newFinished, end)).toBe(false);
  });
});
