/**
 * Accountability measures (Art. 23, 24) sent by webhook to the department they concern and to its
 * supervisor office, through the local runtime: a department's liaison subscribes to the measures'
 * event types with a test subscriber on this machine (allowed by the local runtime's switch only);
 * the district's supervisor issues an order to correct against that department and the subscriber
 * receives `AccountabilityMeasureIssued`, signed per Standard Webhooks (verified apart from the
 * system's code), with the measure's number; the liaison reports the correction and the subscriber
 * receives the step. The district office's DingTalk robot, set to correction-level signals only,
 * receives both as Chinese text; another department's subscription receives nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { pushOverdueCase } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { robotTookIt, signatureValid, startWebhookSubscriber, waitFor, type Received, type WebhookSubscriber } from '../support/webhook-subscriber.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let subscriber: WebhookSubscriber;
let subscriberUrl: string;
let received: Received[];
let liaison: string;
let otherLiaison: string;
let supervisor: string;
const department = 'haishu-housing';
const measureTypes = ['AccountabilityMeasureIssued', 'AccountabilityMeasureStepRecorded'];

beforeAll(async () => {
  subscriber = await startWebhookSubscriber((path, response) => (path.startsWith('/robot/send') ? robotTookIt(response) : response.writeHead(204).end()));
  ({ url: subscriberUrl, received } = subscriber);
  started = await startTestRuntime('measure-hooks', { allowLoopbackWebhooks: true });
  runtime = started.runtime;
  liaison = await runtime.mintStaffToken({ subject: 'l-housing', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
  otherLiaison = await runtime.mintStaffToken({
    subject: 'l-market',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-market-regulation',
    secondFactor: false,
  });
  supervisor = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await started?.dispose();
  await subscriber?.close();
});

async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as any) : undefined, text };
}

/** What a path received about the measure (its number in the body), in arrival order. */
const about = (path: string, number: string): Received[] => received.filter((request) => request.path.startsWith(path) && request.body.includes(number));

describe('accountability measures by webhook to the department and its office', () => {
  it('sends an order to correct and the correction reported to the subscribed department, signed; its office reads them in Chinese; another department gets nothing', async () => {
    // Prepare: the department's, another department's and the district office's subscriptions.
    const own = await call(liaison, 'POST', '/v1/webhooks', { url: `${subscriberUrl}/housing`, eventTypes: measureTypes, description: '住建局办公系统' });
    const other = await call(otherLiaison, 'POST', '/v1/webhooks', {
      url: `${subscriberUrl}/market`,
      eventTypes: measureTypes,
      description: '市场监管局办公系统',
    });
    const robot = await call(supervisor, 'POST', '/v1/webhooks', {
      url: `${subscriberUrl}/robot/send?access_token=t0k3n`,
      format: 'dingtalkRobot',
      robotSecret: 'SEC0123456789abcdefghijABCDEFGHIJ',
      eventTypes: measureTypes,
      // Correction-level signals only: a measure has no level, and is sent all the same.
      minimumLevel: 'correction',
      description: '区监察办钉钉群',
    });
    expect([own.status, other.status, robot.status]).toEqual([201, 201, 201]);
    const secret: string = own.json.secret;
    const caseId = await pushOverdueCase(runtime, department, 'MH');

    // Act: the supervisor issues an order to correct; the liaison reports the correction.
    const issued = await call(supervisor, 'POST', '/v1/accountability-measures', {
      department,
      article24Item: 4,
      facts: '该局一件建设工程施工许可申请受理后逾期未作决定。',
      signals: [{ department, kind: 'licensing', caseId, ruleId: 'licensing.decision-time-limit' }],
      measure: { type: 'correctionOrder', deadline: { workingDays: 5 }, requirements: '请依法作出许可决定，并报送改正情况。' },
    });
    expect(issued.status).toBe(201);
    const number: string = issued.json.measureNumber;
    const [issuedDelivery] = await waitFor('the measure issued', () => (about('/housing', number).length > 0 ? about('/housing', number) : undefined));
    const reported = await call(liaison, 'POST', `/v1/accountability-measures/${number}`, {
      step: 'reportCorrection',
      expectedVersion: 1,
      text: '已作出许可决定。',
      evidence: ['海住建许〔2026〕8号'],
    });
    expect(reported.status).toBe(200);
    const deliveries = await waitFor('the step recorded', () => (about('/housing', number).length >= 2 ? about('/housing', number) : undefined));
    const messages = await waitFor('both robot messages', () => (about('/robot/send', number).length >= 2 ? about('/robot/send', number) : undefined));

    // Assess: the department's subscriber, signed, the measure's number and deadline, nobody's name or the facts.
    const issuedPayload = JSON.parse(issuedDelivery!.body);
    expect(issuedPayload).toMatchObject({
      'detail-type': 'AccountabilityMeasureIssued',
      source: 'e-supervision.accountability',
      detail: {
        eventId: `${number}/1`,
        change: 'issued',
        measure: { measureNumber: number, department, jurisdiction: 'haishu', type: 'correctionOrder', status: 'issued' },
      },
    });
    expect(issuedDelivery!.headers['webhook-id']).toBe(`${number}/1`);
    expect(await signatureValid(secret, issuedDelivery!.headers, issuedDelivery!.body)).toBe(true);
    expect(await signatureValid(secret, issuedDelivery!.headers, issuedDelivery!.body.replace(number, 'WZ20260101AAAAAA'))).toBe(false);
    expect(issuedDelivery!.body).not.toContain('逾期未作决定');
    const stepPayload = JSON.parse(deliveries[1]!.body);
    expect(stepPayload).toMatchObject({
      'detail-type': 'AccountabilityMeasureStepRecorded',
      detail: { eventId: `${number}/2`, change: 'correctionReported', measure: { measureNumber: number, status: 'correctionReported' } },
    });
    expect(await signatureValid(secret, deliveries[1]!.headers, deliveries[1]!.body)).toBe(true);
    expect(deliveries[1]!.body).not.toContain('已作出许可决定');

    // The district office's robot: Chinese text, whatever its minimum level.
    const deadline: string = issued.json.deadline;
    expect(messages.map((message) => JSON.parse(message.body).text.content)).toEqual([
      `【电子监察】海曙区住房和城乡建设局 收到责令改正（编号 ${number}），整改期限 ${deadline}（AccountabilityMeasureIssued）`,
      `【电子监察】海曙区住房和城乡建设局 责令改正（编号 ${number}）整改已报告（AccountabilityMeasureStepRecorded）`,
    ]);

    // Another department's subscription: nothing, while a later event reached the subscribers.
    expect(received.filter((request) => request.path.startsWith('/market'))).toEqual([]);
    const log = await call(otherLiaison, 'GET', `/v1/webhooks/${other.json.subscription.id}`);
    expect(log.json.deliveries).toEqual([]);
    // No alert reached the measure-only subscribers (the pushed case raised one).
    expect(received.filter((request) => request.body.includes(`"AlertRaised"`))).toEqual([]);
  });
});
