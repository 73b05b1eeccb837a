import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { AlertEvent } from '../../domain/alerts/alert-events.ts';
import { alertEventSource } from '../../domain/alerts/alert-events.ts';
import type { AlertEventPublisher } from '../../application/ports.ts';

/** Alert events onto the deployment's bus, ten to a request (the PutEvents limit). */
export class EventBridgeAlertEventPublisher implements AlertEventPublisher {
  constructor(
    private readonly eventBusName: string,
    private readonly client: EventBridgeClient = new EventBridgeClient({ maxAttempts: 6 }),
  ) {}

  async publish(events: readonly AlertEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 10) {
      const chunk = events.slice(i, i + 10);
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: chunk.map((event) => ({
            EventBusName: this.eventBusName,
            Source: alertEventSource,
            DetailType: event.detailType,
            Time: new Date(event.occurredAt),
            Detail: JSON.stringify(event.detail),
          })),
        }),
      );
      if ((result.FailedEntryCount ?? 0) > 0) throw new Error(`event bus refused ${result.FailedEntryCount} of ${chunk.length} alert events`);
    }
  }
}
