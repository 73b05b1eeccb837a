/**
 * The outbox of timer firings in the `oversight` table: a firing marks its events unpublished on
 * the aggregate's timers item (`oversight-timer-items.ts`) instead of writing outbox items, so
 * publishing them is one small update of that item. Left-overs need no query of their own: an item
 * with unpublished events stays due (a person's change keeps them marked), and a later firing of
 * it returns them again.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SignalEvent, SignalEventOutbox } from '../../application/ports.ts';
import { complaintEventSource } from '../../domain/complaints/complaint-signal-events.ts';
import { supervisionEventSource } from '../../domain/supervision-cases/supervision-signal-events.ts';
import type { OversightItemRef } from './oversight-items.ts';
import { markPublished } from './oversight-timer-items.ts';

/** The aggregate whose firing raised the event, or undefined for an event of another table. */
function refOf(event: SignalEvent): OversightItemRef | undefined {
  if (!('source' in event)) return undefined;
  if (event.source === complaintEventSource) return { type: 'complaint', number: event.detail.signal.receiptNumber };
  if (event.source === supervisionEventSource) return { type: 'supervision', number: event.detail.signal.number };
  return undefined;
}

export class DynamoDbOversightSignalOutbox implements SignalEventOutbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** None to list: unpublished events come back through the sweep's due index. */
  pending(): Promise<readonly SignalEvent[]> {
    return Promise.resolve([]);
  }

  /** One conditional update per aggregate: its events leave `unpublished`, and its `dueAt` moves to its next timer. */
  async remove(events: readonly SignalEvent[]): Promise<void> {
    const byItem = new Map<string, { ref: OversightItemRef; ids: string[] }>();
    for (const event of events) {
      const ref = refOf(event);
      if (!ref) continue;
      const key = `${ref.type}#${ref.number}`;
      const entry = byItem.get(key) ?? { ref, ids: [] };
      entry.ids.push(event.eventId);
      byItem.set(key, entry);
    }
    for (const { ref, ids } of byItem.values()) await markPublished(this.client, this.tableName, ref, ids);
  }
}
