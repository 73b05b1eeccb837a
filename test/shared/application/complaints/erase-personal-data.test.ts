/**
 * The erasure of a complaint's personal data at the end of its retention period, against
 * DynamoDB Local with the real protector: the oversight sweep erases it once (also when sweeps
 * overlap or run late), the raw items keep nothing that opens it, searches no longer find the
 * person, and every reader answers without it.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbOversightTimers } from '#shared/adapters/dynamodb/dynamodb-oversight-timers.ts';
import { PersonalDataErased } from '#shared/application/complaints/complaint-refusals.ts';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { fileComplaint, type ComplaintFiling } from '#shared/application/complaints/file-complaint.ts';
import { complaintTimerFiring } from '#shared/application/complaints/fire-complaint-timers.ts';
import { rateComplaint } from '#shared/application/complaints/rate-complaint.ts';
import { readComplainantNotice } from '#shared/application/complaints/read-complainant-notice.ts';
import { readComplaint } from '#shared/application/complaints/read-complaint.ts';
import { readComplaintNotice } from '#shared/application/complaints/read-complaint-notice.ts';
import { readComplaintStatus } from '#shared/application/complaints/read-complaint-status.ts';
import { recordNoticeDelivery } from '#shared/application/complaints/record-notice-delivery.ts';
import { reopenComplaint } from '#shared/application/complaints/reopen-complaint.ts';
import { revealComplainantIdentity } from '#shared/application/complaints/reveal-complainant-identity.ts';
import { searchComplaints } from '#shared/application/complaints/search-complaints.ts';
import { sweepOversightTimers } from '#shared/application/sweep-oversight-timers.ts';
import { ComplaintVersionChanged } from '#shared/application/store-refusals.ts';
import { ComplaintActionNotAllowed } from '#shared/domain/complaints/complaint-lifecycle.ts';
import { generatedIdentityNumber } from '../../domain/complaints/complaint-mother.ts';
import { complaintTestSetup, haishuSupervisor, type ComplaintTestSetup } from './complaint-test-setup.ts';

let setup: ComplaintTestSetup;
beforeAll(async () => {
  setup = await complaintTestSetup();
});

const day = 86_400_000;
const decidedAt = '2026-10-12T02:00:00.000Z';
/** 1095 days (the default retention) after the decision. */
const retentionEnd = new Date('2029-10-11T02:00:00.000Z');

let people = 0;
/** A generated complainant of its own, so searches find only this test's complaints. */
function aComplainant() {
  people += 1;
  const sequence = String(100 + people);
  return {
    name: '保留期测试人',
    idNumber: generatedIdentityNumber('330203', '19880808', sequence),
    phone: `1360000${String(people).padStart(4, '0')}`,
    address: '宁波市海曙区保留路1号',
    email: 'retention@example.cn',
  };
}

/**
 * Filed on 9 October 2026 by a real-name complainant, not accepted on the 12th (decision notice
 * written), rated with a comment on the 20th: finished, with every kind of personal data.
 */
async function aFinishedComplaint() {
  const person = aComplainant();
  const filing: ComplaintFiling = {
    department: 'haishu-housing',
    category: 'delay',
    content: '保留期测试：施工许可超期未办结。',
    realName: true,
    complainant: person,
  };
  setup.setNow('2026-10-09T02:00:00.000Z');
  const filed = await fileComplaint(filing, setup.deps);
  setup.setNow(decidedAt);
  await decideOnComplaint(haishuSupervisor, filed.receiptNumber, { expectedVersion: 1, accepted: false, reasons: '不属于本机关受理范围。' }, setup.deps);
  setup.setNow('2026-10-20T02:00:00.000Z');
  await rateComplaint(filed.receiptNumber, filed.queryToken, { score: 2, comment: '保留期测试人对答复不满意' }, setup.deps);
  return { ...filed, person };
}

const rawItems = async (receiptNumber: string) =>
  (
    await setup.db.documentClient.send(
      new QueryCommand({
        TableName: setup.db.tables.oversight,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COMPLAINT#${receiptNumber}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const sweepDeps = () => ({
  timers: new DynamoDbOversightTimers(setup.db.documentClient, setup.db.tables.oversight),
  firing: { complaint: complaintTimerFiring(setup.deps), supervision: async () => ({ fired: 0 }) },
  audit: setup.deps.audit,
});
const sweep = (asOf: Date) => sweepOversightTimers(asOf, sweepDeps(), { maxItems: 100, concurrency: 4 });

const erasureSteps = async (receiptNumber: string) =>
  (await setup.deps.complaints.timeline(receiptNumber)).filter((step) => step.action === 'personalDataErased');

describe('erasing personal data at the end of its retention period', () => {
  it('keeps everything until the retention end', async () => {
    // Prepare
    const { receiptNumber } = await aFinishedComplaint();

    // Act
    const fired = await complaintTimerFiring(setup.deps)(receiptNumber, new Date(retentionEnd.getTime() - 1));

    // Assess
    expect(fired).toEqual({ fired: 0 });
    const sks = (await rawItems(receiptNumber)).map((item) => item['sk']);
    expect(sks).toEqual(expect.arrayContaining(['LOOKUP#1', 'LOOKUP#2', 'NOTICE#decision']));
    expect((await setup.deps.complaints.load(receiptNumber))?.sealed).not.toBeNull();
  });

  it('leaves no sealed field, wrapped key, lookup hash or notice in the raw items once the sweep ran at the end, and a second sweep does nothing', async () => {
    // Prepare
    const { receiptNumber, person } = await aFinishedComplaint();
    const before = await rawItems(receiptNumber);
    expect(JSON.stringify(before)).toContain('wrappedKey');

    // Act
    const first = await sweep(retentionEnd);
    const second = await sweep(retentionEnd);

    // Assess
    expect(first.effects['personalDataErased']).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ fired: 0, effects: {} });
    const items = await rawItems(receiptNumber);
    expect(items.map((item) => String(item['sk'])).filter((sk) => !sk.startsWith('STEP#'))).toEqual(['STATE', 'STATE#TIMERS']);
    const raw = JSON.stringify(items);
    for (const trace of ['wrappedKey', 'keyRef', 'ciphertext', 'lookupHash', '"fields"', '"comment":{']) expect(raw).not.toContain(trace);
    for (const value of [person.name, person.idNumber, person.phone, '施工许可超期', '不满意']) expect(raw).not.toContain(value);
    expect(items.find((item) => item['sk'] === 'STATE#TIMERS')).not.toHaveProperty('dueAt');
    const state = items.find((item) => item['sk'] === 'STATE');
    expect(state?.['complaint']).toMatchObject({
      sealed: null,
      personalDataErasedAt: retentionEnd.toISOString(),
      rating: { score: 2 },
      notices: { decision: { byteLength: expect.any(Number) } },
    });
    // No key the index of complainants could hold is left for this person.
    const lookup = await setup.db.documentClient.send(
      new QueryCommand({
        TableName: setup.db.tables.oversight,
        IndexName: 'complainantLookup',
        KeyConditionExpression: 'lookupHash = :hash',
        ExpressionAttributeValues: { ':hash': await setup.protector.lookupHash(`phone:${person.phone}`) },
      }),
    );
    expect(lookup.Items).toEqual([]);
    expect(await erasureSteps(receiptNumber)).toEqual([
      expect.objectContaining({ actor: 'system', internal: true, details: { retainedUntil: retentionEnd.toISOString(), notices: 1, ratingComment: true } }),
    ]);
    const audit = await setup.auditEntries();
    expect(
      audit.some((entry) => entry['action'] === 'oversight.timers.fire' && String(entry['reason']).includes(`complaint:${receiptNumber}×1+personalDataErased`)),
    ).toBe(true);
  });

  it('erases once when firings overlap', async () => {
    // Prepare
    const { receiptNumber } = await aFinishedComplaint();
    const fire = complaintTimerFiring(setup.deps);
    const asOf = new Date(retentionEnd.getTime() + 1_000);

    // Act
    const outcomes = await Promise.allSettled([fire(receiptNumber, asOf), fire(receiptNumber, asOf), fire(receiptNumber, asOf)]);

    // Assess
    const fired = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.fired : 0)).reduce((a, b) => a + b, 0);
    expect(fired).toBe(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ComplaintVersionChanged);
    // The sweep retries a contended item once: it then finds nothing left to erase.
    expect(await fire(receiptNumber, asOf)).toEqual({ fired: 0 });
    expect(await erasureSteps(receiptNumber)).toHaveLength(1);
  });

  it('erases once, late, after the sweep was down past the retention end', async () => {
    // Prepare
    const { receiptNumber } = await aFinishedComplaint();

    // Act
    await sweep(new Date(retentionEnd.getTime() + 40 * day));
    await sweep(new Date(retentionEnd.getTime() + 41 * day));

    // Assess
    const erased = await setup.deps.complaints.load(receiptNumber);
    expect(erased?.personalDataErasedAt).toBe(new Date(retentionEnd.getTime() + 40 * day).toISOString());
    expect(await erasureSteps(receiptNumber)).toHaveLength(1);
  });
});

describe('a complaint whose personal data was erased', () => {
  it('is no longer found by ID number or phone', async () => {
    // Prepare
    const { receiptNumber, person } = await aFinishedComplaint();
    expect((await searchComplaints(haishuSupervisor, { idNumber: person.idNumber }, setup.deps)).items).toContainEqual({ receiptNumber, stage: 'notAccepted' });

    // Act
    await complaintTimerFiring(setup.deps)(receiptNumber, retentionEnd);

    // Assess
    expect((await searchComplaints(haishuSupervisor, { idNumber: person.idNumber }, setup.deps)).items).toEqual([]);
    expect((await searchComplaints(haishuSupervisor, { phone: person.phone }, setup.deps)).items).toEqual([]);
  });

  it('answers 410 to a reveal of the identity and to the notice, for staff and for the complainant', async () => {
    // Prepare
    const { receiptNumber, queryToken } = await aFinishedComplaint();
    await complaintTimerFiring(setup.deps)(receiptNumber, retentionEnd);
    setup.setNow('2029-10-12T00:00:00.000Z');

    // Act
    const attempts = await Promise.allSettled([
      revealComplainantIdentity(haishuSupervisor, receiptNumber, '电话回访核实投诉事实', setup.deps),
      readComplaintNotice(haishuSupervisor, receiptNumber, 'decision', setup.deps),
      readComplainantNotice(receiptNumber, queryToken, 'decision', setup.deps),
    ]);

    // Assess
    for (const attempt of attempts) {
      expect(attempt.status).toBe('rejected');
      if (attempt.status === 'rejected') {
        expect(attempt.reason).toBeInstanceOf(PersonalDataErased);
        expect(attempt.reason).toMatchObject({
          kind: 'erased',
          slug: 'personal-data-erased',
          detail: { zh: expect.stringContaining('已于 2029-10-11'), en: expect.stringContaining('erased on 2029-10-11') },
        });
      }
    }
  });

  it('shows staff the complaint and its timeline without content, complainant or comment, saying when it was erased', async () => {
    // Prepare
    const { receiptNumber } = await aFinishedComplaint();
    await complaintTimerFiring(setup.deps)(receiptNumber, retentionEnd);

    // Act
    const detail = await readComplaint(haishuSupervisor, receiptNumber, setup.deps);

    // Assess
    expect(detail).toMatchObject({
      stage: 'notAccepted',
      personalData: { retainedUntil: retentionEnd.toISOString(), erasedAt: retentionEnd.toISOString() },
      rating: { score: 2 },
      notices: { decision: { sha256: expect.any(String) } },
    });
    expect(detail).not.toHaveProperty('content');
    expect(detail).not.toHaveProperty('complainant');
    expect(detail.rating).not.toHaveProperty('comment');
    expect(detail.timeline.map((step) => step.action)).toEqual(['filed', 'decided', 'noticeProduced', 'rated', 'personalDataErased']);
  });

  it('still shows its status to the token holder, with no notice to download and no rating open', async () => {
    // Prepare
    const { receiptNumber, queryToken } = await aFinishedComplaint();
    await complaintTimerFiring(setup.deps)(receiptNumber, retentionEnd);
    setup.setNow('2029-10-12T00:00:00.000Z');

    // Act
    const status = await readComplaintStatus(receiptNumber, queryToken, setup.deps);

    // Assess
    expect(status).toMatchObject({
      receiptNumber,
      stage: 'notAccepted',
      decision: { accepted: false, reasons: '不属于本机关受理范围。' },
      notices: [],
      ratingOpen: false,
      rating: { score: 2 },
    });
  });

  it('refuses a rating or a re-opening with 409, and still takes a late record of a delivery', async () => {
    // Prepare
    const person = aComplainant();
    setup.setNow('2026-10-09T02:00:00.000Z');
    const filed = await fileComplaint(
      { jurisdiction: 'haishu', category: 'other', content: '未评价的投诉。', realName: true, complainant: person },
      setup.deps,
    );
    setup.setNow(decidedAt);
    await decideOnComplaint(haishuSupervisor, filed.receiptNumber, { expectedVersion: 1, accepted: false, reasons: '信息不足。' }, setup.deps);
    await complaintTimerFiring(setup.deps)(filed.receiptNumber, retentionEnd);
    setup.setNow('2029-10-12T00:00:00.000Z');

    // Act
    const [rating, reopening] = await Promise.allSettled([
      rateComplaint(filed.receiptNumber, filed.queryToken, { score: 5, comment: '很满意' }, setup.deps),
      reopenComplaint(filed.receiptNumber, filed.queryToken, '请重新审查。', setup.deps),
    ]);
    const delivery = await recordNoticeDelivery(
      haishuSupervisor,
      filed.receiptNumber,
      'decision',
      { expectedVersion: 3, channel: 'post', deliveredAt: '2026-10-14T02:00:00.000Z' },
      setup.deps,
    );

    // Assess
    for (const refused of [rating, reopening]) expect(refused).toMatchObject({ status: 'rejected', reason: expect.any(ComplaintActionNotAllowed) });
    expect(rating).toMatchObject({
      reason: { detail: { zh: expect.stringContaining('已于 2029-10-11'), en: expect.stringContaining('erased on 2029-10-11') } },
    });
    expect(delivery).toMatchObject({ version: 4, notices: ['decision'] });
    expect(JSON.stringify(await rawItems(filed.receiptNumber))).not.toContain('wrappedKey');
  });
});

describe('a re-opened complaint', () => {
  it('has its original erased on its own schedule, while the new complaint keeps its personal data and is still found', async () => {
    // Prepare: not accepted on 12 October 2026, re-opened on the 20th; the new complaint not accepted on 2 November.
    const original = await aFinishedComplaint();
    setup.setNow('2026-10-21T02:00:00.000Z');
    const reopened = await reopenComplaint(original.receiptNumber, original.queryToken, '不予受理的理由不成立，请重新审查。', setup.deps);
    setup.setNow('2026-11-02T02:00:00.000Z');
    await decideOnComplaint(haishuSupervisor, reopened.receiptNumber, { expectedVersion: 1, accepted: false, reasons: '理由仍不成立。' }, setup.deps);

    // Act
    await sweep(retentionEnd);

    // Assess
    const [erasedOriginal, kept] = await Promise.all([setup.deps.complaints.load(original.receiptNumber), setup.deps.complaints.load(reopened.receiptNumber)]);
    expect(erasedOriginal).toMatchObject({ sealed: null, reopenedAs: reopened.receiptNumber });
    expect(kept).toMatchObject({ reopenOf: original.receiptNumber, personalDataRetainedUntil: '2029-11-01T02:00:00.000Z' });
    expect(await setup.protector.open(kept!.sealed!, reopened.receiptNumber)).toMatchObject({ name: original.person.name });
    expect((await searchComplaints(haishuSupervisor, { phone: original.person.phone }, setup.deps)).items).toEqual([
      { receiptNumber: reopened.receiptNumber, stage: 'notAccepted' },
    ]);
    const later = new Date('2029-11-01T02:00:00.000Z');
    await sweep(later);
    expect((await setup.deps.complaints.load(reopened.receiptNumber))?.personalDataErasedAt).toBe(later.toISOString());
  });
});
