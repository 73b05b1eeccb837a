/**
 * The public side of complaints against DynamoDB Local with the real protector: filing, the
 * status the token holder sees, their notice, the rating and the re-opening.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint, type ComplaintFiling } from '#shared/application/complaints/file-complaint.ts';
import { readComplaintStatus } from '#shared/application/complaints/read-complaint-status.ts';
import { readComplainantNotice } from '#shared/application/complaints/read-complainant-notice.ts';
import { rateComplaint } from '#shared/application/complaints/rate-complaint.ts';
import { reopenComplaint } from '#shared/application/complaints/reopen-complaint.ts';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { ComplaintNotFound, UnknownDepartment, UnknownJurisdiction } from '#shared/domain/access-refusals.ts';
import { ComplaintActionNotAllowed } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { NoticeNotFound } from '#shared/application/complaints/complaint-refusals.ts';
import { complainant, complaintTestSetup, haishuSupervisor, pdfText, type ComplaintTestSetup } from './complaint-test-setup.ts';

let setup: ComplaintTestSetup;
beforeAll(async () => {
  setup = await complaintTestSetup();
});

const realName: ComplaintFiling = {
  department: 'haishu-housing',
  category: 'delay',
  content: '施工许可申请已超过承诺期限未办结。',
  realName: true,
  complainant,
};
const anonymous: ComplaintFiling = { jurisdiction: 'haishu', category: 'other', content: '匿名反映：窗口人员态度差。', realName: false };

describe('filing a complaint', () => {
  it('answers a receipt number, a query token once, and the acceptance deadline', async () => {
    setup.setNow('2026-09-30T02:00:00.000Z');

    const filed = await fileComplaint(realName, setup.deps);

    expect(filed.receiptNumber).toMatch(/^TS20260930[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(filed.queryToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(filed).toMatchObject({ acceptanceDueBy: '2026-10-13', acceptanceDeadlineProvisional: false });
    const stored = JSON.stringify(await setup.oversightItems());
    expect(stored).not.toContain(filed.queryToken);
    for (const value of [complainant.name, complainant.idNumber, complainant.phone, complainant.address, complainant.email, '承诺期限'])
      expect(stored).not.toContain(value);
  });

  it('refuses a department that does not exist and stores nothing', async () => {
    const before = await setup.oversightItems();

    await expect(fileComplaint({ ...realName, department: 'no-such-department' }, setup.deps)).rejects.toBeInstanceOf(UnknownDepartment);
    await expect(fileComplaint({ ...anonymous, jurisdiction: 'atlantis' }, setup.deps)).rejects.toBeInstanceOf(UnknownJurisdiction);

    expect(await setup.oversightItems()).toEqual(before);
  });
});

describe('the status query', () => {
  it('shows the stage, dates and decision to the token holder, with no personal data', async () => {
    setup.setNow('2026-10-09T02:00:00.000Z');
    const filed = await fileComplaint(realName, setup.deps);
    setup.setNow('2026-10-12T02:00:00.000Z');
    await decideOnComplaint(
      haishuSupervisor,
      filed.receiptNumber,
      { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'haishu-housing', deadline: '2026-10-30' } },
      setup.deps,
    );

    const status = await readComplaintStatus(filed.receiptNumber, filed.queryToken, setup.deps);

    expect(status).toEqual({
      receiptNumber: filed.receiptNumber,
      stage: 'inHandling',
      receivedOn: '2026-10-09',
      acceptanceDueBy: '2026-10-15',
      acceptanceDeadlineProvisional: false,
      decision: { decidedOn: '2026-10-12', accepted: true, handledBy: '海曙区住房和城乡建设局', handlingDueBy: '2026-10-30' },
      notices: ['decision'],
      ratingOpen: false,
    });
    const text = JSON.stringify(status);
    for (const value of [complainant.name, complainant.phone, '承诺期限']) expect(text).not.toContain(value);
  });

  it("answers the same 404 for a wrong token, no token, an unknown receipt and another complaint's receipt", async () => {
    const mine = await fileComplaint(anonymous, setup.deps);
    const theirs = await fileComplaint(anonymous, setup.deps);

    const attempts = [
      readComplaintStatus(mine.receiptNumber, theirs.queryToken, setup.deps),
      readComplaintStatus(theirs.receiptNumber, mine.queryToken, setup.deps),
      readComplaintStatus(mine.receiptNumber, undefined, setup.deps),
      readComplaintStatus('TS20261009ZZZZZZZZ', mine.queryToken, setup.deps),
      readComplaintStatus('not-a-receipt', mine.queryToken, setup.deps),
    ];

    const outcomes = await Promise.allSettled(attempts);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as ComplaintNotFound;
      expect(error).toBeInstanceOf(ComplaintNotFound);
      expect([error.title, error.detail]).toEqual([
        { zh: '投诉不存在', en: 'Complaint not found' },
        { zh: '没有与该受理编号和查询码相符的投诉。', en: 'No complaint matches this receipt number and query token.' },
      ]);
    }
  });
});

describe("the complainant's notice", () => {
  it('is the decision notice of a real-name complaint, and does not exist for an anonymous one', async () => {
    setup.setNow('2026-10-09T02:00:00.000Z');
    const named = await fileComplaint(realName, setup.deps);
    const unnamed = await fileComplaint(anonymous, setup.deps);
    setup.setNow('2026-10-12T02:00:00.000Z');
    for (const filed of [named, unnamed]) {
      await decideOnComplaint(
        haishuSupervisor,
        filed.receiptNumber,
        { expectedVersion: 1, accepted: false, reasons: '该事项已进入行政复议程序，不属于本机关受理范围。' },
        setup.deps,
      );
    }

    const pdf = await readComplainantNotice(named.receiptNumber, named.queryToken, 'decision', setup.deps);

    const text = await pdfText(pdf);
    expect(text.startsWith(`投诉不予受理告知书${named.receiptNumber}${complainant.name}：`)).toBe(true);
    expect(text).toContain('该事项已进入行政复议程序，不属于本机关受理范围。');
    expect(text.endsWith('宁波市海曙区监察委员会2026年10月12日')).toBe(true);
    await expect(readComplainantNotice(unnamed.receiptNumber, unnamed.queryToken, 'decision', setup.deps)).rejects.toBeInstanceOf(NoticeNotFound);
    await expect(readComplainantNotice(named.receiptNumber, named.queryToken, 'result', setup.deps)).rejects.toBeInstanceOf(NoticeNotFound);
    await expect(readComplainantNotice(named.receiptNumber, unnamed.queryToken, 'decision', setup.deps)).rejects.toBeInstanceOf(ComplaintNotFound);
  });
});

describe('rating and re-opening', () => {
  async function finished() {
    setup.setNow('2026-10-09T02:00:00.000Z');
    const filed = await fileComplaint(realName, setup.deps);
    setup.setNow('2026-10-12T02:00:00.000Z');
    await decideOnComplaint(haishuSupervisor, filed.receiptNumber, { expectedVersion: 1, accepted: false, reasons: '重复投诉。' }, setup.deps);
    return filed;
  }

  it('takes one rating after the complaint is finished (409 afterwards), its comment sealed', async () => {
    const filed = await finished();

    const rated = await rateComplaint(filed.receiptNumber, filed.queryToken, { score: 2, comment: '处理太慢，经办人王某未回电。' }, setup.deps);

    expect(rated).toMatchObject({ receiptNumber: filed.receiptNumber, score: 2 });
    await expect(rateComplaint(filed.receiptNumber, filed.queryToken, { score: 5 }, setup.deps)).rejects.toBeInstanceOf(ComplaintActionNotAllowed);
    expect(JSON.stringify(await setup.oversightItems())).not.toContain('王某');
    expect((await readComplaintStatus(filed.receiptNumber, filed.queryToken, setup.deps)).rating).toEqual({ score: 2, ratedOn: '2026-10-12' });
  });

  it('refuses a rating before the complaint is finished', async () => {
    const filed = await fileComplaint(anonymous, setup.deps);

    await expect(rateComplaint(filed.receiptNumber, filed.queryToken, { score: 5 }, setup.deps)).rejects.toBeInstanceOf(ComplaintActionNotAllowed);
  });

  it('re-opens a finished complaint as a new one linked both ways, the personal data sealed again under the new number', async () => {
    const original = await finished();
    setup.setNow('2026-10-20T02:00:00.000Z');

    const reopened = await reopenComplaint(original.receiptNumber, original.queryToken, '不予受理的理由不成立，请重新审查。', setup.deps);

    expect(reopened).toMatchObject({ reopenOf: original.receiptNumber, acceptanceDueBy: '2026-10-27' });
    expect(reopened.queryToken).not.toBe(original.queryToken);
    expect((await readComplaintStatus(original.receiptNumber, original.queryToken, setup.deps)).reopenedAs).toBe(reopened.receiptNumber);
    expect((await readComplaintStatus(reopened.receiptNumber, reopened.queryToken, setup.deps)).reopenOf).toBe(original.receiptNumber);
    const copy = await setup.deps.complaints.load(reopened.receiptNumber);
    expect(await setup.protector.open(copy!.sealed!, reopened.receiptNumber)).toMatchObject({
      name: complainant.name,
      phone: complainant.phone,
      content: '不予受理的理由不成立，请重新审查。',
    });
    await expect(setup.protector.open(copy!.sealed!, original.receiptNumber)).rejects.toThrow();
    await expect(reopenComplaint(original.receiptNumber, original.queryToken, '再次申请', setup.deps)).rejects.toBeInstanceOf(ComplaintActionNotAllowed);
  });

  it('refuses a re-opening after the window', async () => {
    const original = await finished();
    setup.setNow('2026-11-12T02:00:01.000Z');

    await expect(reopenComplaint(original.receiptNumber, original.queryToken, '过期申请', setup.deps)).rejects.toMatchObject({
      kind: 'not-allowed-now',
      detail: { zh: expect.stringMatching(/30 日内/), en: expect.stringMatching(/within 30 days/) },
    });
  });
});
