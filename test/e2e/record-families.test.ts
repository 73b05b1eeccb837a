/**
 * Every supervised family (Art. 17) end to end through the local API: a department pushes a
 * penalty, a tender and a disclosure request, and the supervisor sees each family's own alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let cityToken: string;

beforeAll(async () => {
  started = await startTestRuntime('families');
  runtime = started.runtime;
  cityToken = await runtime.mintStaffToken({ subject: 'city-families', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

const credentialOf = (department: string) => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
const run = Date.now().toString(36);

async function pushAndRead(department: string, kind: string, caseId: string, records: Record<string, unknown>[]) {
  const body = JSON.stringify({ records: records.map((r, i) => ({ kind, department, caseId, sequence: i + 1, ...r })) });
  const pushed = await signedPost(runtime.apiUrl, '/v1/records', body, credentialOf(department));
  expect(pushed.status, pushed.text).toBe(202);
  await runtime.idle();
  const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/${kind}/${caseId}/timeline`, cityToken);
  expect(timeline.status, timeline.text).toBe(200);
  return timeline.json as { case: { stage: string }; alerts: { ruleId: string; level: string; status: string }[] };
}

describe('record families through the API', () => {
  it('corrects a fine outside the discretion band and a missing hearing notice (penalty)', async () => {
    const department = 'haishu-market-regulation';
    const common = { matterCode: 'food-safety-penalty' };
    const timeline = await pushAndRead(department, 'penalty', `PEN-${run}`, [
      { ...common, event: 'caseFiled', occurredAt: '2025-06-02T09:00:00+08:00' },
      {
        ...common,
        event: 'priorNoticeIssued',
        occurredAt: '2025-07-01T09:00:00+08:00',
        proposedFineYuan: 200_000,
        violationCode: 'FS-122',
        circumstance: 'ordinary',
      },
      {
        ...common,
        event: 'decided',
        occurredAt: '2025-07-20T09:00:00+08:00',
        fineYuan: 200_000,
        violationCode: 'FS-122',
        circumstance: 'ordinary',
        publicationRequired: false,
      },
    ]);
    // The batch is one case: evaluated once, so no alert flickers up for the half-delivered case.
    expect(timeline.alerts.every((a) => a.status === 'open')).toBe(true);
    const levels = Object.fromEntries(timeline.alerts.map((a) => [a.ruleId, a.level]));
    expect(levels['penalty.fine-within-band']).toBe('correction');
    expect(levels['penalty.hearing-notice']).toBe('correction');
    expect(levels['penalty.decision-time-limit']).toBeUndefined();
  });

  it('corrects a bid period shorter than twenty days (public resource trading)', async () => {
    const department = 'haishu-housing';
    const common = { matterCode: 'construction-tender' };
    const timeline = await pushAndRead(department, 'publicResourceTrading', `TND-${run}`, [
      {
        ...common,
        event: 'noticePublished',
        occurredAt: '2026-03-02T09:00:00+08:00',
        bidDeadline: '2026-03-12T09:00:00+08:00',
        buyerId: 'buyer-001',
        estimatedAmountYuan: 9_000_000,
      },
    ]);
    expect(timeline.alerts.find((a) => a.ruleId === 'publicResourceTrading.bid-period')?.level).toBe('correction');
  });

  it("warns when one buyer's awards fall just under the tendering threshold, or go to the same winner again and again", async () => {
    const department = 'haishu-housing';
    const buyerId = `buyer-${run}`;
    const tender = (n: number, awardedOn: string) => [
      {
        matterCode: 'construction-tender',
        event: 'noticePublished',
        occurredAt: '2025-05-06T09:00:00+08:00',
        bidDeadline: '2025-06-06T09:00:00+08:00',
        buyerId,
        estimatedAmountYuan: 3_600_000,
      },
      { matterCode: 'construction-tender', event: 'bidsOpened', occurredAt: '2025-06-06T10:00:00+08:00', bidderCount: 4 },
      { matterCode: 'construction-tender', event: 'awarded', occurredAt: `${awardedOn}T10:00:00+08:00`, winnerId: 'builder-007', amountYuan: 3_500_000 + n },
    ];
    // Three awards under the 4,000,000 yuan threshold within 90 days, all to the same winner.
    await pushAndRead(department, 'publicResourceTrading', `TND-A-${run}`, tender(1, '2025-06-10'));
    await pushAndRead(department, 'publicResourceTrading', `TND-B-${run}`, tender(2, '2025-06-20'));
    const third = await pushAndRead(department, 'publicResourceTrading', `TND-C-${run}`, tender(3, '2025-07-01'));

    const rules = third.alerts.map((a) => a.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['publicResourceTrading.suspected-splitting', 'publicResourceTrading.repeated-winner']));
    expect(third.alerts.find((a) => a.ruleId === 'publicResourceTrading.suspected-splitting')?.level).toBe('warning');

    // The deadline sweep re-evaluates the awarded cases when their checks fall due, reading the
    // buyer's group again: the signs stay, escalated as the unanswered warning waits.
    // (Alerts are raised when processed; their escalation falls due some working days later.)
    await runtime.fireSchedule('deadline-sweep', new Date(Date.now() + 30 * 86_400_000));
    const swept = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/publicResourceTrading/TND-C-${run}/timeline`, cityToken);
    const sweptRules = (swept.json as { alerts: { ruleId: string; status: string }[] }).alerts.filter((a) => a.status !== 'resolved').map((a) => a.ruleId);
    expect(sweptRules).toEqual(expect.arrayContaining(['publicResourceTrading.suspected-splitting', 'publicResourceTrading.repeated-winner']));
  });

  it('warns when a disclosure request goes unanswered past its limit (disclosure)', async () => {
    const department = 'yinzhou-natural-resources';
    const timeline = await pushAndRead(department, 'disclosure', `DSC-${run}`, [
      { matterCode: 'information-disclosure', event: 'requestReceived', occurredAt: '2025-09-01T09:00:00+08:00' },
    ]);
    const reply = timeline.alerts.find((a) => a.ruleId === 'disclosure.reply-time-limit');
    expect(['warning', 'correction']).toContain(reply?.level);
  });

  it('filters the alert list by family', async () => {
    const penalty = await bearerGet(runtime.apiUrl, '/v1/alerts?kind=penalty', cityToken);
    expect(penalty.status).toBe(200);
    expect(penalty.json.items.length).toBeGreaterThan(0);
    expect(penalty.json.items.every((a: { kind: string }) => a.kind === 'penalty')).toBe(true);
    const unknownKind = await bearerGet(runtime.apiUrl, '/v1/alerts?kind=astrology', cityToken);
    expect([unknownKind.status, unknownKind.json.items]).toEqual([200, []]);
    expect((await bearerGet(runtime.apiUrl, '/v1/alerts?kind=no%20such%20kind', cityToken)).status).toBe(400);
  });

  it('refuses a record whose matter belongs to another family', async () => {
    const body = JSON.stringify({
      records: [
        {
          kind: 'penalty',
          department: 'haishu-housing',
          matterCode: 'construction-permit',
          caseId: `X-${run}`,
          sequence: 1,
          event: 'caseFiled',
          occurredAt: '2025-06-02T09:00:00+08:00',
        },
      ],
    });
    const reply = await signedPost(runtime.apiUrl, '/v1/records', body, credentialOf('haishu-housing'));
    expect(reply.status).toBe(422);
    expect(reply.json.errors[0].pointer).toBe('/records/0/matterCode');
  });

  it('refuses an unknown record kind, naming the field', async () => {
    const body = JSON.stringify({
      records: [
        { kind: 'horoscope', department: 'haishu-housing', matterCode: 'x', caseId: 'x', sequence: 1, event: 'x', occurredAt: '2025-06-02T09:00:00+08:00' },
      ],
    });
    const reply = await signedPost(runtime.apiUrl, '/v1/records', body, credentialOf('haishu-housing'));
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0].pointer).toBe('/records/0/kind');
  });
});
