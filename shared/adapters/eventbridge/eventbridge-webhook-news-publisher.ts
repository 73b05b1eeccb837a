import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { alertEventBus } from '../../topology.ts';
import type { WebhookNews } from '../../application/webhooks/deliver-webhooks.ts';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';

/** The webhook deliveries' own events (`WebhookSubscriptionDisabled`) onto the deployment's bus, under their own source. */
export class EventBridgeWebhookNewsPublisher {
  constructor(
    private readonly eventBusName: string,
    private readonly client: EventBridgeClient = nameOverloadOf(new EventBridgeClient(awsClientConfig()), 'events'),
  ) {}

  async publish(news: readonly WebhookNews[]): Promise<void> {
    if (news.length === 0) return;
    const result = await this.client.send(
      new PutEventsCommand({
        Entries: news.map((item) => ({
          EventBusName: this.eventBusName,
          Source: alertEventBus.webhookSource,
          DetailType: item.detailType,
          Time: new Date(item.occurredAt),
          Detail: JSON.stringify(item.detail),
        })),
      }),
    );
    if ((result.FailedEntryCount ?? 0) > 0) throw new Error(`event bus refused ${result.FailedEntryCount} of ${news.length} events`);
  }
}
