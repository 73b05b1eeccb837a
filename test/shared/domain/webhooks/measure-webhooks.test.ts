import { describe, expect, it } from 'vitest';
import { robotMessage, robotText } from '#shared/domain/webhooks/dingtalk-robot.ts';
import { maxSmsLength, smsText } from '#shared/domain/webhooks/sms-notice.ts';
import { eventFacts, ownersOfEvent, subscriptionWants, webhookEventTypes, type WebhookSubscription } from '#shared/domain/webhooks/webhook-subscription.ts';

/** A measure's event detail as the bus carries it (docs/events.md, `e-supervision.accountability`). */
const measureDetail = (change: string, measure: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: 1,
  eventId: 'WZ20261205K7M2Q9/1',
  actor: 'supervisor:s-1',
  change,
  measure: {
    measureNumber: 'WZ20261205K7M2Q9',
    department: 'haishu-housing',
    jurisdiction: 'haishu',
    issuerJurisdiction: 'haishu',
    type: 'correctionOrder',
    status: 'issued',
    article24Item: 4,
    deadline: '2026-12-14',
    signals: [{ department: 'haishu-housing', kind: 'licensing', caseId: 'JS-1', ruleId: 'statutory-deadline' }],
    issuedAt: '2026-12-05T02:00:00.000Z',
    measureVersion: 1,
    ...measure,
  },
});

const subscription = (changes: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: 'department.haishu-housing.abcdefghijkl',
  owner: { kind: 'department', department: 'haishu-housing' },
  url: 'https://oa.haishu.gov.cn/hooks',
  eventTypes: ['AccountabilityMeasureIssued', 'AccountabilityMeasureStepRecorded'],
  description: 'OA',
  status: 'active',
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'departmentLiaison:l-1',
  updatedAt: '2026-12-01T00:00:00.000Z',
  secretIssuedAt: '2026-12-01T00:00:00.000Z',
  ...changes,
});

const issued = eventFacts('AccountabilityMeasureIssued', measureDetail('issued'))!;

describe("webhook subscriptions to accountability measures' events", () => {
  it('may ask for a measure issued and a step recorded on it', () => {
    expect(webhookEventTypes).toContain('AccountabilityMeasureIssued');
    expect(webhookEventTypes).toContain('AccountabilityMeasureStepRecorded');
  });

  it("reads the measure's department and jurisdiction, and no level", () => {
    expect(issued).toEqual({ eventId: 'WZ20261205K7M2Q9/1', eventType: 'AccountabilityMeasureIssued', department: 'haishu-housing', jurisdiction: 'haishu' });
    // A measure's event is read from `detail.measure`, never from a signal's fields.
    expect(eventFacts('AccountabilityMeasureIssued', { eventId: 'WZ1/1', alert: { department: 'haishu-housing', level: 'correction' } })).toBeUndefined();
  });

  it("sends a measure to its department, its district's office and the city's office, as a signal", () => {
    expect(ownersOfEvent(issued)).toEqual([
      { kind: 'department', department: 'haishu-housing' },
      { kind: 'jurisdiction', jurisdiction: 'haishu' },
      { kind: 'jurisdiction', jurisdiction: 'city' },
    ]);
  });

  it('sends a measure of a city department to its own office, the city, once', () => {
    // Act
    const facts = eventFacts('AccountabilityMeasureStepRecorded', measureDetail('correctionReported', { department: 'city-market', jurisdiction: 'city' }))!;

    // Assess
    expect(ownersOfEvent(facts)).toEqual([
      { kind: 'department', department: 'city-market' },
      { kind: 'jurisdiction', jurisdiction: 'city' },
    ]);
  });

  it('sends a measure to a subscription that asks for its type, whatever minimum level it sets for signals', () => {
    expect(subscriptionWants(subscription(), issued)).toBe(true);
    expect(subscriptionWants(subscription({ minimumLevel: 'correction' }), issued)).toBe(true);
    expect(subscriptionWants(subscription({ minimumLevel: 'correction', eventTypes: ['AlertRaised', 'AccountabilityMeasureIssued'] }), issued)).toBe(true);
    expect(subscriptionWants(subscription({ eventTypes: ['AccountabilityMeasureStepRecorded'] }), issued)).toBe(false);
    expect(subscriptionWants(subscription({ eventTypes: ['AlertRaised'] }), issued)).toBe(false);
    expect(subscriptionWants(subscription({ status: 'disabled' }), issued)).toBe(false);
  });

  it("still holds a signal to the subscription's minimum level", () => {
    // Prepare
    const warning = eventFacts('AlertRaised', { eventId: 'a/1', alert: { department: 'haishu-housing', jurisdiction: 'haishu', level: 'warning' } })!;

    // Act
    const wanted = subscriptionWants(subscription({ minimumLevel: 'correction', eventTypes: ['AlertRaised', 'AccountabilityMeasureIssued'] }), warning);

    // Assess
    expect(wanted).toBe(false);
  });
});

describe("accountability measures' texts", () => {
  it('tells a group and a work notice which department received which measure, its number and its deadline', () => {
    expect(robotMessage('AccountabilityMeasureIssued', measureDetail('issued'))).toEqual({
      msgtype: 'text',
      text: { content: '【电子监察】haishu-housing 收到责令改正（编号 WZ20261205K7M2Q9），整改期限 2026-12-14（AccountabilityMeasureIssued）' },
    });
    expect(robotText('AccountabilityMeasureIssued', measureDetail('issued', { type: 'circulatedCriticism', deadline: undefined }))).toBe(
      '【电子监察】haishu-housing 收到通报批评（编号 WZ20261205K7M2Q9）（AccountabilityMeasureIssued）',
    );
    expect(robotText('AccountabilityMeasureIssued', measureDetail('issued', { type: 'accountabilityReferral', deadline: undefined }))).toBe(
      '【电子监察】haishu-housing 被移送追究责任（编号 WZ20261205K7M2Q9）（AccountabilityMeasureIssued）',
    );
  });

  it('tells each step in Chinese', () => {
    const step = (change: string, measure: Record<string, unknown> = {}): string =>
      robotText('AccountabilityMeasureStepRecorded', measureDetail(change, measure));
    expect(step('correctionReported', { status: 'correctionReported' })).toBe(
      '【电子监察】haishu-housing 责令改正（编号 WZ20261205K7M2Q9）整改已报告（AccountabilityMeasureStepRecorded）',
    );
    expect(step('correctionAccepted', { status: 'corrected' })).toBe(
      '【电子监察】haishu-housing 责令改正（编号 WZ20261205K7M2Q9）整改已验收（AccountabilityMeasureStepRecorded）',
    );
    expect(step('correctionRejected', { status: 'correctionRejected' })).toBe(
      '【电子监察】haishu-housing 责令改正（编号 WZ20261205K7M2Q9）整改被退回，整改期限 2026-12-14（AccountabilityMeasureStepRecorded）',
    );
    expect(step('circulationRecorded', { type: 'circulatedCriticism', status: 'circulated', deadline: undefined })).toBe(
      '【电子监察】haishu-housing 通报批评（编号 WZ20261205K7M2Q9）通报已发布（AccountabilityMeasureStepRecorded）',
    );
    expect(step('decisionRecorded', { type: 'accountabilityReferral', status: 'decided', deadline: undefined, decisionOutcome: 'sanctioned' })).toBe(
      '【电子监察】haishu-housing 追究责任（编号 WZ20261205K7M2Q9）追责决定已记录：给予处分（AccountabilityMeasureStepRecorded）',
    );
  });

  it('writes one short SMS: the number bare, the deadline kept, no event type', () => {
    // Act
    const texts = [
      smsText('AccountabilityMeasureIssued', measureDetail('issued')),
      smsText('AccountabilityMeasureStepRecorded', measureDetail('correctionRejected', { status: 'correctionRejected' })),
      smsText(
        'AccountabilityMeasureStepRecorded',
        measureDetail('decisionRecorded', { type: 'accountabilityReferral', status: 'decided', deadline: undefined, decisionOutcome: 'otherHandling' }),
      ),
    ];

    // Assess
    expect(texts).toEqual([
      '【电子监察】haishu-housing 收到责令改正 WZ20261205K7M2Q9，期限 2026-12-14',
      '【电子监察】haishu-housing 责令改正 WZ20261205K7M2Q9 整改被退回',
      '【电子监察】haishu-housing 追究责任 WZ20261205K7M2Q9 追责决定已记录',
    ]);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(maxSmsLength);
  });

  it("names nobody and quotes nothing of the measure's text, even when a detail carried some", () => {
    // Act
    const text = robotText('AccountabilityMeasureIssued', measureDetail('issued', { facts: '张三未按期办结', requirements: '限期整改', issuedBy: '李四' }));

    // Assess
    expect(text).not.toMatch(/张三|李四|限期整改|supervisor:s-1/);
  });
});
