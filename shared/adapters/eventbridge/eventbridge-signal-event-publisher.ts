import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';
import { alertEventSource } from '../../domain/alerts/alert-events.ts';
import type { SignalEventPublisher, SignalEvent } from '../../application/ports.ts';

/** Signal events name their source; alert events (written before sources were carried) are `e-supervision.alerts`. */
const sourceOf = (event: SignalEvent): string => ('source' in event ? event.source : alertEventSource);

/** Alert and signal events onto the deployment's bus, ten to a request (the PutEvents limit). */
export class EventBridgeSignalEventPublisher implements SignalEventPublisher {
  constructor(
    private readonly eventBusName: string,
    private readonly client: EventBridgeClient = nameOverloadOf(new EventBridgeClient(awsClientConfig()), 'events'),
  ) {}

  async publish(events: readonly SignalEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 10) {
      const chunk = events.slice(i, i + 10);
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: chunk.map((event) => ({
            EventBusName: this.eventBusName,
            Source: sourceOf(event),
            DetailType: event.detailType,
            Time: new Date(event.occurredAt),
            Detail: JSON.stringify(event.detail),
          })),
        }),
      );
      if ((result.FailedEntryCount ?? 0) > 0) throw new Error(`event bus refused ${result.FailedEntryCount} of ${chunk.length} events`);
    }
  }
}
