import { describe, expect, it } from 'vitest';
import {
  ComplaintActionNotAllowed,
  applyDecision,
  HandlingDeadlineError,
  applyReopening,
  noticeDue,
  applyRating,
  applyNoticeDelivery,
  applyResult,
  applyReview,
  withNoticeProduced,
} from '#shared/domain/complaints/complaint-lifecycle.ts';
import { nextDueAt } from '#shared/domain/complaints/complaint-clock.ts';
import { aFiledComplaint, aForwardedComplaint, clockContext } from './complaint-mother.ts';

const evidence = [{ title: '整改报告', sha256: 'b'.repeat(64), reference: '海住建〔2026〕12号' }];
const department = { by: 'department' as const, department: 'haishu-housing', departmentName: '海曙区住房和城乡建设局', aboutRecipient: true };

describe('filing a complaint', () => {
  it('awaits the decision with the acceptance clock running and one public step', () => {
    const complaint = aFiledComplaint();

    expect(complaint).toMatchObject({
      stage: 'awaitingDecision',
      version: 1,
      stepCount: 1,
      receivedOn: '2026-10-09',
      jurisdiction: 'haishu',
      acceptanceDeadline: { date: '2026-10-15' },
    });
    expect(nextDueAt(complaint)).toBe('2026-10-14T16:00:00.000Z');
  });

  it('records consent to disclosure only for a real-name complaint', () => {
    expect(aFiledComplaint({ realName: false, identityDisclosureConsent: true }).identityDisclosureConsent).toBe(false);
  });
});

describe('the decision on acceptance', () => {
  it('does not accept with reasons and stops the clock', () => {
    const { complaint, steps } = applyDecision(aFiledComplaint(), { accepted: false, reasons: '不属于本机关管辖' }, clockContext('2026-10-12T02:00:00.000Z'));

    expect(complaint).toMatchObject({
      stage: 'notAccepted',
      version: 2,
      clock: null,
      decision: { accepted: false, reasons: '不属于本机关管辖', decidedOn: '2026-10-12', decidedBy: 'districtSupervisor:sup-1' },
    });
    expect(steps.map((s) => [s.sequence, s.action, s.internal])).toEqual([[2, 'decided', false]]);
  });

  it('forwards to the competent department with a handling deadline', () => {
    const { complaint, steps } = applyDecision(
      aFiledComplaint(),
      { accepted: true, handling: department, deadline: '2026-10-23' },
      clockContext('2026-10-12T02:00:00.000Z'),
    );

    expect(complaint).toMatchObject({
      stage: 'forwarded',
      handling: { by: 'department', department: 'haishu-housing', round: 1, deadline: { date: '2026-10-23' } },
      clock: { name: 'handling', actor: 'department' },
    });
    expect(steps.map((s) => s.action)).toEqual(['decided', 'forwarded']);
  });

  it('keeps handling with the supervisor', () => {
    const { complaint } = applyDecision(
      aFiledComplaint(),
      { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-30' },
      clockContext('2026-10-12T02:00:00.000Z'),
    );

    expect(complaint).toMatchObject({ stage: 'inHandling', clock: { actor: 'supervisor' } });
  });

  it('refuses a second decision and a deadline that is not ahead', () => {
    const decided = applyDecision(aFiledComplaint(), { accepted: false, reasons: '重复投诉' }, clockContext('2026-10-12T02:00:00.000Z')).complaint;

    expect(() => applyDecision(decided, { accepted: false, reasons: 'again' }, clockContext('2026-10-12T03:00:00.000Z'))).toThrow(ComplaintActionNotAllowed);
    expect(() =>
      applyDecision(aFiledComplaint(), { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-12' }, clockContext('2026-10-12T02:00:00.000Z')),
    ).toThrow(HandlingDeadlineError);
    expect(() =>
      applyDecision(aFiledComplaint(), { accepted: true, handling: { by: 'supervisor' }, deadline: '2027-06-30' }, clockContext('2026-10-12T02:00:00.000Z')),
    ).toThrow(HandlingDeadlineError);
  });
});

describe('results and reviews', () => {
  it("puts a department's result under review and stops its clock", () => {
    const { complaint } = applyResult(
      aForwardedComplaint(),
      { by: 'department', department: 'haishu-housing', summary: '已整改', evidence },
      clockContext('2026-10-20T02:00:00.000Z', 'departmentLiaison:l-1'),
    );

    expect(complaint).toMatchObject({
      stage: 'awaitingReview',
      clock: null,
      results: [{ by: 'department', round: 1, summary: '已整改', reportedBy: 'departmentLiaison:l-1' }],
    });
  });

  it('refuses a result from a department the complaint was not forwarded to', () => {
    expect(() =>
      applyResult(
        aForwardedComplaint(),
        { by: 'department', department: 'haishu-market-regulation', summary: 'x', evidence },
        clockContext('2026-10-20T02:00:00.000Z'),
      ),
    ).toThrow(ComplaintActionNotAllowed);
  });

  it('sends a result back with a new deadline (a new round and clock), then accepts it and concludes', () => {
    const reviewed = applyResult(
      aForwardedComplaint(),
      { by: 'department', department: 'haishu-housing', summary: '已整改', evidence },
      clockContext('2026-10-20T02:00:00.000Z'),
    ).complaint;

    const sentBack = applyReview(
      reviewed,
      { verdict: 'sendBack', reasons: '证据不足', deadline: '2026-10-30' },
      clockContext('2026-10-21T02:00:00.000Z'),
    ).complaint;
    const again = applyResult(
      sentBack,
      { by: 'department', department: 'haishu-housing', summary: '已整改并补充材料', evidence },
      clockContext('2026-10-28T02:00:00.000Z'),
    ).complaint;
    const { complaint: concluded, steps } = applyReview(again, { verdict: 'accept' }, clockContext('2026-10-29T02:00:00.000Z'));

    expect(sentBack).toMatchObject({ stage: 'forwarded', handling: { round: 2, deadline: { date: '2026-10-30' } }, clock: { name: 'handling', round: 2 } });
    expect(concluded).toMatchObject({ stage: 'concluded', concludedOn: '2026-10-29', resultSummary: '已整改并补充材料', clock: null });
    expect(steps.map((s) => s.action)).toEqual(['resultAccepted', 'concluded']);
  });

  it('concludes a complaint the supervisor handles with its own result', () => {
    const handled = applyDecision(
      aFiledComplaint(),
      { accepted: true, handling: { by: 'supervisor' }, deadline: '2026-10-30' },
      clockContext('2026-10-12T02:00:00.000Z'),
    ).complaint;

    const { complaint } = applyResult(
      handled,
      { by: 'supervisor', summary: '经核查，投诉属实，已督促整改', evidence: [] },
      clockContext('2026-10-20T02:00:00.000Z'),
    );

    expect(complaint).toMatchObject({ stage: 'concluded', resultSummary: '经核查，投诉属实，已督促整改' });
    expect(() =>
      applyResult(handled, { by: 'department', department: 'haishu-housing', summary: 'x', evidence: [] }, clockContext('2026-10-20T02:00:00.000Z')),
    ).toThrow(ComplaintActionNotAllowed);
  });
});

describe('written notices', () => {
  it('are due for real-name complaints only', () => {
    const named = applyDecision(aFiledComplaint(), { accepted: false, reasons: 'x' }, clockContext('2026-10-12T02:00:00.000Z')).complaint;
    const anonymous = applyDecision(
      aFiledComplaint({ realName: false }),
      { accepted: false, reasons: 'x' },
      clockContext('2026-10-12T02:00:00.000Z'),
    ).complaint;

    expect(noticeDue(named, 'decision')).toBe(true);
    expect(noticeDue(named, 'result')).toBe(false);
    expect(noticeDue(anonymous, 'decision')).toBe(false);
  });

  it('records a produced notice and its deliveries, refusing a delivery before production', () => {
    const decided = applyDecision(aFiledComplaint(), { accepted: false, reasons: 'x' }, clockContext('2026-10-12T02:00:00.000Z'));
    const withNotice = withNoticeProduced(decided, 'decision', { sha256: 'c'.repeat(64), byteLength: 1234 }, new Date('2026-10-12T02:00:00.000Z'));

    const delivered = applyNoticeDelivery(
      withNotice.complaint,
      'decision',
      { channel: 'post', deliveredAt: '2026-10-14T02:00:00.000Z', trackingReference: 'EMS1234' },
      clockContext('2026-10-15T02:00:00.000Z'),
    );

    expect(withNotice.complaint.version).toBe(2);
    expect(withNotice.steps.map((s) => [s.sequence, s.action])).toEqual([
      [2, 'decided'],
      [3, 'noticeProduced'],
    ]);
    expect(delivered.complaint.notices.decision?.deliveries).toHaveLength(1);
    expect(delivered.steps[0]).toMatchObject({ sequence: 4, action: 'noticeDelivered' });
    expect(() =>
      applyNoticeDelivery(
        withNotice.complaint,
        'decision',
        { channel: 'sms', deliveredAt: '2026-10-01T00:00:00.000Z' },
        clockContext('2026-10-15T02:00:00.000Z'),
      ),
    ).toThrow(ComplaintActionNotAllowed);
    expect(() =>
      applyNoticeDelivery(
        withNotice.complaint,
        'result',
        { channel: 'sms', deliveredAt: '2026-10-14T00:00:00.000Z' },
        clockContext('2026-10-15T02:00:00.000Z'),
      ),
    ).toThrow(ComplaintActionNotAllowed);
  });
});

describe('after the complaint is finished', () => {
  const finished = () => applyDecision(aFiledComplaint(), { accepted: false, reasons: 'x' }, clockContext('2026-10-12T02:00:00.000Z')).complaint;

  it('takes one rating, and refuses one before the complaint is finished', () => {
    const rated = applyRating(finished(), { score: 4 }, 30, { at: new Date('2026-10-13T00:00:00Z'), actor: 'public' }).complaint;

    expect(rated.rating).toMatchObject({ score: 4 });
    expect(() => applyRating(rated, { score: 5 }, 30, { at: new Date('2026-10-13T00:00:00Z'), actor: 'public' })).toThrow(/already been rated/);
    expect(() => applyRating(aFiledComplaint(), { score: 5 }, 30, { at: new Date('2026-10-13T00:00:00Z'), actor: 'public' })).toThrow(
      ComplaintActionNotAllowed,
    );
  });

  it('takes a rating up to the end of the re-opening window, and none after it', () => {
    // Finished at 2026-10-12T02:00Z: 30 days later is 2026-11-11T02:00Z.
    const inTime = applyRating(finished(), { score: 3 }, 30, { at: new Date('2026-11-11T02:00:00Z'), actor: 'public' }).complaint;

    expect(inTime.rating).toMatchObject({ score: 3 });
    expect(() => applyRating(finished(), { score: 3 }, 30, { at: new Date('2026-11-11T02:00:01Z'), actor: 'public' })).toThrow(/rated within 30 days/);
  });

  it('is re-opened once, within the window', () => {
    const reopened = applyReopening(finished(), 'TS20261020ABCDEFGH', 30, { at: new Date('2026-10-20T00:00:00Z'), actor: 'public' }).complaint;

    expect(reopened.reopenedAs).toBe('TS20261020ABCDEFGH');
    expect(() => applyReopening(reopened, 'TS20261020ABCDEFGJ', 30, { at: new Date('2026-10-20T00:00:00Z'), actor: 'public' })).toThrow(
      /already been re-opened/,
    );
    expect(() => applyReopening(finished(), 'TS20261120ABCDEFGH', 30, { at: new Date('2026-11-12T02:00:01Z'), actor: 'public' })).toThrow(/within 30 days/);
  });
});
