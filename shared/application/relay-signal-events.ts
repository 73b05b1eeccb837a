/**
 * Publish events from an outbox: alert events (cases table) and complaint and supervision signal
 * events (oversight table) go the same way. They were written to the outbox in the same transaction as the changes
 * they describe, so none is lost: the writer publishes its own events right after its commit and
 * removes them; the sweep relays whatever is left (a writer that died in between), oldest first.
 * Delivery is at least once: a consumer may see an event twice and knows it by its `eventId`.
 */
import type { SignalEventOutbox, SignalEventPublisher, SignalEvent } from './ports.ts';

export interface RelayDependencies {
  readonly outbox: SignalEventOutbox;
  readonly publisher: SignalEventPublisher;
}

/** The writer's path: publish the events it just committed, then clear them from the outbox. */
export async function publishCommittedEvents(events: readonly SignalEvent[], deps: RelayDependencies): Promise<void> {
  if (events.length === 0) return;
  await deps.publisher.publish(events);
  await deps.outbox.remove(events);
}

/**
 * The sweep's path: publish outbox events older than `olderThan` (so as not to race writers that
 * are about to publish their own), oldest first, at most `maxEvents` a run.
 */
export async function relaySignalEvents(deps: RelayDependencies, olderThan: string, maxEvents = 500): Promise<{ published: number }> {
  let published = 0;
  while (published < maxEvents) {
    const pending = await deps.outbox.pending(Math.min(100, maxEvents - published), olderThan);
    if (pending.length === 0) break;
    await publishCommittedEvents(pending, deps);
    published += pending.length;
  }
  return { published };
}
