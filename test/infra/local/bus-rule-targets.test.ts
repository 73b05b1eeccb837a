/**
 * The local stand-in of the bus rules (`QueueSpec.fedBy`): an event on the alert bus from a fed
 * source goes onto the queue as EventBridge hands it to an SQS target; other sources and other
 * buses do not.
 */
import { describe, expect, it } from 'vitest';
import type { DeliveredEvent } from '#infra/local/eventbridge-endpoint.ts';
import { deliverToRuleTargets } from '#infra/local/runtime.ts';
import type { QueueName } from '#shared/topology.ts';

const event = (source: string, eventBusName = 'esup-local-alerts'): DeliveredEvent => ({
  version: '0',
  id: 'e1',
  'detail-type': 'AlertRaised',
  source,
  account: '000000000000',
  time: '2026-12-05T08:00:00Z',
  region: 'cn-north-1',
  resources: [],
  detail: { eventId: 'x' },
  eventBusName,
});

describe('local bus rules', () => {
  it("puts the signal sources and the accountability measures' on the webhook queue, without the local bus bookkeeping, and nothing else", async () => {
    // Prepare
    const sent: { queue: QueueName; body: string }[] = [];
    const queueOf = (queue: QueueName) => ({ send: async (body: string) => void sent.push({ queue, body }) }) as never;

    // Act
    for (const source of [
      'e-supervision.alerts',
      'e-supervision.complaints',
      'e-supervision.supervision',
      'e-supervision.accountability',
      'e-supervision.webhooks',
    ]) {
      await deliverToRuleTargets(event(source), 'esup-local-alerts', queueOf);
    }
    await deliverToRuleTargets(event('e-supervision.alerts', 'default'), 'esup-local-alerts', queueOf);

    // Assess
    expect(sent.map((entry) => [entry.queue, JSON.parse(entry.body).source])).toEqual([
      ['webhooks', 'e-supervision.alerts'],
      ['webhooks', 'e-supervision.complaints'],
      ['webhooks', 'e-supervision.supervision'],
      ['webhooks', 'e-supervision.accountability'],
    ]);
    expect(JSON.parse(sent[0]!.body)).not.toHaveProperty('eventBusName');
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ 'detail-type': 'AlertRaised', detail: { eventId: 'x' } });
  });
});
