/**
 * The console side of complaints against DynamoDB Local with the real protector and renderer:
 * decisions and forwarding (with concurrency), identity rules, results and reviews, notices and
 * their delivery, searches and queues.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { fileComplaint, type ComplaintFiling } from '#shared/application/complaints/file-complaint.ts';
import { listComplaints } from '#shared/application/complaints/list-complaints.ts';
import { readComplaint } from '#shared/application/complaints/read-complaint.ts';
import { readComplaintNotice } from '#shared/application/complaints/read-complaint-notice.ts';
import { recordNoticeDelivery } from '#shared/application/complaints/record-notice-delivery.ts';
import { reportComplaintResult } from '#shared/application/complaints/report-complaint-result.ts';
import { revealComplainantIdentity } from '#shared/application/complaints/reveal-complainant-identity.ts';
import { reviewComplaintResult } from '#shared/application/complaints/review-complaint-result.ts';
import { searchComplaints } from '#shared/application/complaints/search-complaints.ts';
import { ComplaintNotFound, DepartmentOutsideJurisdiction, QueueNotYours, RoleNotPermitted } from '#shared/domain/access-refusals.ts';
import { ComplaintVersionChanged, CursorNotRecognised } from '#shared/application/store-refusals.ts';
import { ComplaintActionNotAllowed } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { DeliveryInFuture, NoticeNotFound } from '#shared/application/complaints/complaint-refusals.ts';
import { DeadlineOutOfRange } from '#shared/domain/refusal.ts';
import {
  complainant,
  complaintTestSetup,
  citySupervisor,
  haishuSupervisor,
  housingLiaison,
  marketLiaison,
  pdfText,
  yinzhouSupervisor,
  type ComplaintTestSetup,
} from './complaint-test-setup.ts';
import type { StaffPrincipal } from '#shared/access/principal.ts';

let setup: ComplaintTestSetup;
beforeAll(async () => {
  setup = await complaintTestSetup();
});

const aboutHousing: ComplaintFiling = {
  department: 'haishu-housing',
  category: 'staffConduct',
  content: '住建局窗口工作人员推诿。',
  realName: true,
  complainant,
};
const evidence = [{ title: '约谈记录', sha256: 'a'.repeat(64), reference: '海住建档〔2026〕7号' }];

async function filed(filing: ComplaintFiling = aboutHousing) {
  setup.setNow('2026-10-09T02:00:00.000Z');
  const result = await fileComplaint(filing, setup.deps);
  setup.setNow('2026-10-12T02:00:00.000Z');
  return result.receiptNumber;
}

const forwardTo = (department: string, aboutRecipient?: boolean) => ({
  expectedVersion: 1,
  accepted: true as const,
  handling: { by: 'department' as const, department, deadline: '2026-10-23', ...(aboutRecipient === undefined ? {} : { aboutRecipient }) },
});

describe('the decision on acceptance', () => {
  it('lets exactly one of two concurrent decisions win; the other is refused with 409', async () => {
    const receiptNumber = await filed();

    const outcomes = await Promise.allSettled([
      decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps),
      decideOnComplaint(citySupervisor, receiptNumber, { expectedVersion: 1, accepted: false, reasons: '不属于受理范围。' }, setup.deps),
    ]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ComplaintVersionChanged);
    const timeline = await setup.deps.complaints.timeline(receiptNumber);
    expect(timeline.filter((s) => s.action === 'decided')).toHaveLength(1);
    expect(timeline.filter((s) => s.action === 'noticeProduced')).toHaveLength(1);
  });

  it('refuses a stale version, a second decision, and a supervisor of another district (404)', async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);

    await expect(decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps)).rejects.toBeInstanceOf(ComplaintVersionChanged);
    await expect(decideOnComplaint(haishuSupervisor, receiptNumber, { ...forwardTo('haishu-housing'), expectedVersion: 2 }, setup.deps)).rejects.toBeInstanceOf(
      ComplaintActionNotAllowed,
    );
    await expect(
      decideOnComplaint(yinzhouSupervisor, receiptNumber, { ...forwardTo('haishu-housing'), expectedVersion: 2 }, setup.deps),
    ).rejects.toBeInstanceOf(ComplaintNotFound);
  });

  it('refuses forwarding outside the jurisdiction (403), reasons the notice cannot print (422) and a past deadline (400), storing nothing', async () => {
    const receiptNumber = await filed();
    const before = await setup.oversightItems();

    await expect(decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('yinzhou-market-regulation'), setup.deps)).rejects.toBeInstanceOf(
      DepartmentOutsideJurisdiction,
    );
    await expect(
      decideOnComplaint(haishuSupervisor, receiptNumber, { expectedVersion: 1, accepted: false, reasons: '理由：\u{1F600} 不予受理' }, setup.deps),
    ).rejects.toMatchObject({
      kind: 'unprocessable',
      errors: [{ pointer: '/reasons', detail: { zh: expect.stringContaining('\u{1F600}'), en: expect.stringContaining('\u{1F600}') } }],
    });
    await expect(
      decideOnComplaint(
        haishuSupervisor,
        receiptNumber,
        { ...forwardTo('haishu-housing'), handling: { by: 'department', department: 'haishu-housing', deadline: '2026-10-01' } },
        setup.deps,
      ),
    ).rejects.toBeInstanceOf(DeadlineOutOfRange);

    expect(await setup.oversightItems()).toEqual(before);
  });

  it('writes the decision notice with the decision, the handling department and the organ', async () => {
    const receiptNumber = await filed();

    const decided = await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);

    expect(decided).toEqual({ receiptNumber, version: 2, stage: 'forwarded', notices: ['decision'] });
    const text = await pdfText(await readComplaintNotice(haishuSupervisor, receiptNumber, 'decision', setup.deps));
    expect(text.startsWith(`投诉受理告知书${receiptNumber}${complainant.name}：`)).toBe(true);
    expect(text).toContain('经审查，本机关决定予以受理。');
    expect(text).toContain('本机关已将你的投诉转交海曙区住房和城乡建设局办理，办理期限至2026年10月23日。');
    expect(text.endsWith('宁波市海曙区监察委员会2026年10月12日')).toBe(true);
  });

  it('writes no notice for an anonymous complaint', async () => {
    const receiptNumber = await filed({ department: 'haishu-housing', category: 'delay', content: '匿名投诉。', realName: false });

    const decided = await decideOnComplaint(
      haishuSupervisor,
      receiptNumber,
      { expectedVersion: 1, accepted: false, reasons: '信息不足，无法核实。' },
      setup.deps,
    );

    expect(decided.notices).toEqual([]);
    expect(await setup.deps.complaints.notice(receiptNumber, 'decision')).toBeUndefined();
    await expect(readComplaintNotice(haishuSupervisor, receiptNumber, 'decision', setup.deps)).rejects.toBeInstanceOf(NoticeNotFound);
  });
});

describe("the complainant's identity", () => {
  it('is withheld from the department complained about', async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);

    const seen = await readComplaint(housingLiaison, receiptNumber, setup.deps);

    expect(seen).toMatchObject({ identity: 'withheld', identityWithheld: true, content: '住建局窗口工作人员推诿。' });
    expect(seen).not.toHaveProperty('complainant');
    const text = JSON.stringify(seen);
    for (const value of [complainant.name, complainant.phone, complainant.idNumber, complainant.address, '****2222', '测试人'])
      expect(text).not.toContain(value);
  });

  it('is shown to that department when the complainant agreed, and to a department the complaint is not about', async () => {
    const consented = await filed({ ...aboutHousing, identityDisclosureConsent: true });
    const aboutAnother = await filed({ ...aboutHousing, department: 'haishu-market-regulation' });
    await decideOnComplaint(haishuSupervisor, consented, forwardTo('haishu-housing'), setup.deps);
    await decideOnComplaint(haishuSupervisor, aboutAnother, forwardTo('haishu-housing'), setup.deps);

    const whenConsented = await readComplaint(housingLiaison, consented, setup.deps);
    const whenAboutAnother = await readComplaint(housingLiaison, aboutAnother, setup.deps);

    expect(whenConsented).toMatchObject({ identity: 'full', complainant: { name: complainant.name, phone: complainant.phone } });
    expect(whenAboutAnother).toMatchObject({ identity: 'full', complainant: { name: complainant.name } });
    expect((await setup.auditEntries()).filter((e) => e['action'] === 'complaint.identity.read' && e['target'] === `complaint:${consented}`)).toHaveLength(1);
  });

  it('is withheld when the supervisor marks a complaint filed about no department as concerning the recipient', async () => {
    const receiptNumber = await filed({ jurisdiction: 'haishu', category: 'staffConduct', content: '某局工作人员索要好处。', realName: true, complainant });
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing', true), setup.deps);

    expect(await readComplaint(housingLiaison, receiptNumber, setup.deps)).toMatchObject({ identity: 'withheld', identityWithheld: true });
  });

  it('is masked for supervisors, revealed in full for a stated purpose (audited), and hidden from other departments (404)', async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);

    const masked = await readComplaint(haishuSupervisor, receiptNumber, setup.deps);
    const revealed = await revealComplainantIdentity(haishuSupervisor, receiptNumber, '电话回访核实投诉事实', setup.deps);

    expect(masked).toMatchObject({ identity: 'masked', complainant: { name: '测***', phone: '137****2222' } });
    expect(revealed.complainant).toEqual(complainant);
    expect(
      (await setup.auditEntries()).some(
        (e) => e['action'] === 'complaint.identity.reveal' && e['reason'] === '电话回访核实投诉事实' && e['actor'] === 'districtSupervisor:haishu-sup',
      ),
    ).toBe(true);
    await expect(readComplaint(marketLiaison, receiptNumber, setup.deps)).rejects.toBeInstanceOf(ComplaintNotFound);
    await expect(revealComplainantIdentity(yinzhouSupervisor, receiptNumber, '越权查看', setup.deps)).rejects.toBeInstanceOf(ComplaintNotFound);
  });
});

describe("revealing the complainant's identity", () => {
  it('is never open to a department liaison, not even of the department the complaint was forwarded to: the 404 of an unknown complaint, audited', async () => {
    // Prepare: a liaison who signed in with a second factor all the same.
    const receiptNumber = await filed({ ...aboutHousing, identityDisclosureConsent: true });
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);
    const liaisonWithFactor: StaffPrincipal = { ...housingLiaison, secondFactor: true };

    // Act
    const reveal = revealComplainantIdentity(liaisonWithFactor, receiptNumber, '核实投诉人身份信息', setup.deps);

    // Assess
    await expect(reveal).rejects.toBeInstanceOf(ComplaintNotFound);
    expect((await setup.auditEntries()).filter((e) => e['action'] === 'complaint.identity.reveal' && e['target'] === `complaint:${receiptNumber}`)).toEqual([
      expect.objectContaining({ outcome: 'denied', actor: 'departmentLiaison:housing-l', reason: 'outside scope' }),
    ]);
  });

  it('needs a sign-in with a second factor, even of a supervisor of the complaint: 403, audited, nothing opened', async () => {
    // Prepare
    const receiptNumber = await filed();
    const withoutFactor: StaffPrincipal = { ...haishuSupervisor, secondFactor: false };

    // Act
    const reveal = revealComplainantIdentity(withoutFactor, receiptNumber, '电话回访核实投诉事实', setup.deps);

    // Assess
    await expect(reveal).rejects.toMatchObject({ kind: 'not-permitted', slug: 'second-factor-required' });
    expect((await setup.auditEntries()).filter((e) => e['action'] === 'complaint.identity.reveal' && e['target'] === `complaint:${receiptNumber}`)).toEqual([
      expect.objectContaining({ outcome: 'denied', actor: 'districtSupervisor:haishu-sup', reason: 'no second factor' }),
    ]);
  });
});

describe('results, reviews and the result notice', () => {
  it('takes the department result to review, sends it back, accepts the second and writes the result notice', async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);
    setup.setNow('2026-10-20T02:00:00.000Z');

    const reported = await reportComplaintResult(housingLiaison, receiptNumber, { expectedVersion: 2, summary: '已约谈相关工作人员。', evidence }, setup.deps);
    const sentBack = await reviewComplaintResult(
      haishuSupervisor,
      receiptNumber,
      { expectedVersion: 3, verdict: 'sendBack', reasons: '未说明整改措施。', deadline: '2026-10-30' },
      setup.deps,
    );
    const again = await reportComplaintResult(
      housingLiaison,
      receiptNumber,
      { expectedVersion: 4, summary: '已约谈相关工作人员并调整窗口值班制度。', evidence },
      setup.deps,
    );
    setup.setNow('2026-10-22T02:00:00.000Z');
    const concluded = await reviewComplaintResult(haishuSupervisor, receiptNumber, { expectedVersion: 5, verdict: 'accept' }, setup.deps);

    expect([reported.stage, sentBack.stage, again.stage, concluded.stage]).toEqual(['awaitingReview', 'forwarded', 'awaitingReview', 'concluded']);
    expect(concluded.notices).toEqual(['decision', 'result']);
    const text = await pdfText(await readComplaintNotice(haishuSupervisor, receiptNumber, 'result', setup.deps));
    expect(text.startsWith(`投诉处理结果告知书${receiptNumber}${complainant.name}：`)).toBe(true);
    expect(text).toContain('经海曙区住房和城乡建设局调查处理，已于2026年10月22日办结。');
    expect(text).toContain('已约谈相关工作人员并调整窗口值班制度。');
    expect(text).not.toContain('未说明整改措施');
  });

  it('concludes a complaint the supervisor handles itself', async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(
      citySupervisor,
      receiptNumber,
      { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: '2026-10-30' } },
      setup.deps,
    );

    const concluded = await reportComplaintResult(
      citySupervisor,
      receiptNumber,
      { expectedVersion: 2, summary: '经核查，投诉事项属实，已责令整改。', evidence: [] },
      setup.deps,
    );

    expect(concluded).toMatchObject({ stage: 'concluded', notices: ['decision', 'result'] });
    expect(await pdfText(await readComplaintNotice(citySupervisor, receiptNumber, 'result', setup.deps))).toContain('经本机关调查处理');
  });

  it("refuses a supervisor's result on a forwarded complaint (403) and a department's result on one it does not handle (404)", async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);

    await expect(reportComplaintResult(haishuSupervisor, receiptNumber, { expectedVersion: 2, summary: 'x', evidence }, setup.deps)).rejects.toBeInstanceOf(
      RoleNotPermitted,
    );
    await expect(reportComplaintResult(marketLiaison, receiptNumber, { expectedVersion: 2, summary: 'x', evidence }, setup.deps)).rejects.toBeInstanceOf(
      ComplaintNotFound,
    );
  });
});

describe('deliveries, searches and queues', () => {
  it('records several deliveries of a notice, each a step', async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(haishuSupervisor, receiptNumber, { expectedVersion: 1, accepted: false, reasons: '不属于受理范围。' }, setup.deps);
    setup.setNow('2026-10-13T02:00:00.000Z');

    await recordNoticeDelivery(
      haishuSupervisor,
      receiptNumber,
      'decision',
      { expectedVersion: 2, channel: 'sms', deliveredAt: '2026-10-12T03:00:00Z' },
      setup.deps,
    );
    const second = await recordNoticeDelivery(
      haishuSupervisor,
      receiptNumber,
      'decision',
      { expectedVersion: 3, channel: 'post', deliveredAt: '2026-10-12T16:00:00+08:00', trackingReference: 'EMS9900112233' },
      setup.deps,
    );

    expect(second.version).toBe(4);
    const complaint = await setup.deps.complaints.load(receiptNumber);
    expect(complaint?.notices.decision?.deliveries.map((d) => d.channel)).toEqual(['sms', 'post']);
    await expect(
      recordNoticeDelivery(haishuSupervisor, receiptNumber, 'result', { expectedVersion: 4, channel: 'sms', deliveredAt: '2026-10-12T03:00:00Z' }, setup.deps),
    ).rejects.toBeInstanceOf(NoticeNotFound);
    await expect(
      recordNoticeDelivery(
        haishuSupervisor,
        receiptNumber,
        'decision',
        { expectedVersion: 4, channel: 'sms', deliveredAt: '2026-12-12T03:00:00Z' },
        setup.deps,
      ),
    ).rejects.toBeInstanceOf(DeliveryInFuture);
  });

  it('finds the complaints of a person by ID number or phone within the jurisdiction, audited without the value', async () => {
    const receiptNumber = await filed();

    const byId = await searchComplaints(haishuSupervisor, { idNumber: complainant.idNumber }, setup.deps);
    const byPhone = await searchComplaints(citySupervisor, { phone: complainant.phone }, setup.deps);
    const elsewhere = await searchComplaints(yinzhouSupervisor, { phone: complainant.phone }, setup.deps);

    expect(byId.items).toContainEqual({ receiptNumber, stage: 'awaitingDecision' });
    expect(byPhone.items).toContainEqual({ receiptNumber, stage: 'awaitingDecision' });
    expect(elsewhere.items).toEqual([]);
    const audit = JSON.stringify(await setup.auditEntries());
    expect(audit).toContain('complaint.search');
    expect(audit).not.toContain(complainant.phone);
    expect(audit).not.toContain(complainant.idNumber);
  });

  it('lists the forwarded queue for the liaison and refuses another jurisdiction to a district supervisor', async () => {
    const receiptNumber = await filed();
    await decideOnComplaint(haishuSupervisor, receiptNumber, forwardTo('haishu-housing'), setup.deps);

    const page = await listComplaints(housingLiaison, {}, setup.deps);

    expect(page.queue).toBe('forwarded');
    expect(page.items.find((row) => row.receiptNumber === receiptNumber)).toMatchObject({ stage: 'forwarded', deadline: { date: '2026-10-23' }, signal: null });
    expect(JSON.stringify(page)).not.toContain(complainant.name);
    await expect(listComplaints(haishuSupervisor, { jurisdiction: 'yinzhou' }, setup.deps)).rejects.toBeInstanceOf(QueueNotYours);
    await expect(listComplaints(housingLiaison, { queue: 'awaitingDecision' }, setup.deps)).rejects.toBeInstanceOf(QueueNotYours);
    await expect(listComplaints(haishuSupervisor, { cursor: 'bm90LWEtY3Vyc29y' }, setup.deps)).rejects.toBeInstanceOf(CursorNotRecognised);
  });
});
