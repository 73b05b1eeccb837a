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

export interface RelayOptions {
  /** Events published per run at most; the rest wait for the next run. @default 500 */
  readonly maxEvents?: number;
  /** Told when the oldest event found waiting occurred, before it is published (or fails to be). */
  readonly onOldestPending?: (occurredAt: string) => void;
}

/**
 * The sweep's path: publish outbox events older than `olderThan` (so as not to race writers that
 * are about to publish their own), oldest first, at most `maxEvents` a run.
 */
export async function relaySignalEvents(deps: RelayDependencies, olderThan: string, options: RelayOptions = {}): Promise<{ published: number }> {
  const maxEvents = options.maxEvents ?? 500;
  let published = 0;
  while (published < maxEvents) {
    const pending = await deps.outbox.pending(Math.min(100, maxEvents - published), olderThan);
    if (pending.length === 0) break;
    const oldest = pending[0];
    if (published === 0 && oldest) options.onOldestPending?.(oldest.occurredAt);
    await publishCommittedEvents(pending, deps);
    published += pending.length;
  }
  return { published };
}

/** What a sweep's publishing did; it never throws, the events stay in the outbox for the next run. */
export interface OutboxRelayReport {
  /** Leftover events the relay published. */
  readonly relayed: number;
  /** When the oldest leftover found waiting occurred (ISO), or null when none was left: the outbox's age. */
  readonly oldestPendingAt: string | null;
  /** The first error, when publishing the run's own events or the leftovers failed. */
  readonly failure?: unknown;
}

/**
 * A sweep's publishing: its own events first, then the leftovers older than `olderThan`. The
 * relay runs even when the sweep's own events could not be published, so the outbox's age is
 * known whenever the outbox can be read, however long the bus refuses events.
 */
export async function publishAndRelay(own: readonly SignalEvent[], deps: RelayDependencies, olderThan: string): Promise<OutboxRelayReport> {
  let failure: unknown;
  let oldestPendingAt: string | null = null;
  let relayed = 0;
  try {
    await publishCommittedEvents(own, deps);
  } catch (error) {
    failure = error;
  }
  try {
    ({ published: relayed } = await relaySignalEvents(deps, olderThan, { onOldestPending: (occurredAt) => (oldestPendingAt = occurredAt) }));
  } catch (error) {
    failure ??= error;
  }
  return { relayed, oldestPendingAt, ...(failure === undefined ? {} : { failure }) };
}
