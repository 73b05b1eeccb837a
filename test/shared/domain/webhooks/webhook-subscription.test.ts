import { describe, expect, it } from 'vitest';
import {
  eventFacts,
  failedTooLong,
  maxDeliveryAttempts,
  ownerOfSubscriptionId,
  ownersOfEvent,
  retryDelayAfter,
  subscriptionWants,
  type WebhookSubscription,
} from '#shared/domain/webhooks/webhook-subscription.ts';

const subscription = (changes: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: 'department.haishu-housing.abcdefghijkl',
  owner: { kind: 'department', department: 'haishu-housing' },
  url: 'https://oa.haishu.gov.cn/hooks',
  eventTypes: ['AlertRaised', 'AlertEscalated', 'ComplaintSignalRaised'],
  description: 'OA',
  status: 'active',
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'departmentLiaison:l-1',
  updatedAt: '2026-12-01T00:00:00.000Z',
  secretIssuedAt: '2026-12-01T00:00:00.000Z',
  ...changes,
});

const alertRaised = eventFacts('AlertRaised', {
  eventId: 'haishu-housing/licensing/JS-1/r/1/0',
  alert: { department: 'haishu-housing', jurisdiction: 'haishu', level: 'warning' },
})!;

describe('webhook subscriptions', () => {
  it("sends an alert to its department, its district's office and the city's office, and no one else", () => {
    expect(ownersOfEvent(alertRaised)).toEqual([
      { kind: 'department', department: 'haishu-housing' },
      { kind: 'jurisdiction', jurisdiction: 'haishu' },
      { kind: 'jurisdiction', jurisdiction: 'city' },
    ]);
  });

  it("sends a supervision signal to the supervisors (no department) of a city case to the city's office once", () => {
    // Act
    const facts = eventFacts('SupervisionSignalRaised', {
      eventId: 'DB1/signal/1',
      signal: { jurisdiction: 'city', level: 'prompt', addressee: 'supervisor' },
    });

    // Assess
    expect(ownersOfEvent(facts!)).toEqual([{ kind: 'jurisdiction', jurisdiction: 'city' }]);
  });

  it('reads no facts from an event that is not a signal (its own disabling news included)', () => {
    expect(eventFacts('WebhookSubscriptionDisabled', { eventId: 'x', subscription: {} })).toBeUndefined();
    expect(eventFacts('AlertRaised', { alert: { department: 'a' } })).toBeUndefined();
  });

  it('wants the types it names, at or above its minimum level, while active', () => {
    expect(subscriptionWants(subscription(), alertRaised)).toBe(true);
    expect(subscriptionWants(subscription({ eventTypes: ['AlertClosed'] }), alertRaised)).toBe(false);
    expect(subscriptionWants(subscription({ minimumLevel: 'warning' }), alertRaised)).toBe(true);
    expect(subscriptionWants(subscription({ minimumLevel: 'correction' }), alertRaised)).toBe(false);
    expect(subscriptionWants(subscription({ status: 'disabled' }), alertRaised)).toBe(false);
  });

  it('retries later each time, at most twelve hours apart, then gives up', () => {
    // Act
    const delays = Array.from({ length: maxDeliveryAttempts }, (_, index) => retryDelayAfter(index + 1));

    // Assess
    expect(delays.at(-1)).toBeUndefined();
    const waits = delays.slice(0, -1) as number[];
    expect(waits[0]).toBe(5);
    for (let i = 1; i < waits.length; i += 1) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(12 * 3600);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBeGreaterThan(8 * 3600);
  });

  it('disables a subscriber only once it has failed for the whole window', () => {
    expect(failedTooLong('2026-12-04T08:00:00.000Z', new Date('2026-12-05T07:59:59.999Z'), 24)).toBe(false);
    expect(failedTooLong('2026-12-04T08:00:00.000Z', new Date('2026-12-05T08:00:00.000Z'), 24)).toBe(true);
  });

  it('finds the owner an id names, and nothing in what is not an id', () => {
    expect(ownerOfSubscriptionId('jurisdiction.haishu.k7m2q9xa0b1c')).toEqual({ kind: 'jurisdiction', jurisdiction: 'haishu' });
    expect(ownerOfSubscriptionId('department.haishu-housing.k7m2q9xa0b1c')).toEqual({ kind: 'department', department: 'haishu-housing' });
    expect(ownerOfSubscriptionId('department.haishu-housing')).toBeUndefined();
    expect(ownerOfSubscriptionId('user.x.k7m2q9xa0b1c')).toBeUndefined();
  });
});
