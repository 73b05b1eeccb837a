/** The event types the 消息推送 form offers: exactly those the API takes, each named in Chinese and English. */
import { describe, expect, it } from 'vitest';
import { webhookEventTypes as offered, webhookStrings } from '../../console/src/webhooks/webhook-strings.ts';
import { webhookEventTypes } from '#shared/domain/webhooks/webhook-subscription.ts';

describe('the event types of the 消息推送 form', () => {
  it('offers every type a subscription may ask for, the accountability measures included, and names each', () => {
    expect([...offered].sort()).toEqual([...webhookEventTypes].sort());
    expect(webhookStrings.zh.eventTypes['AccountabilityMeasureIssued']).toBe('问责措施下达');
    expect(webhookStrings.zh.eventTypes['AccountabilityMeasureStepRecorded']).toBe('问责措施进展');
    for (const type of offered) {
      expect(webhookStrings.zh.eventTypes[type]).toMatch(/[\u4e00-\u9fff]/);
      expect(webhookStrings.en.eventTypes[type]).toMatch(/^[A-Z]/);
    }
  });
});
