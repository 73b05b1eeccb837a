/**
 * Item layout of an event outbox, the same in every table that has one (`cases` for alert events,
 * `oversight` for complaint and supervision signal events): one partition, `OUTBOX`, whose sort
 * key `<occurredAt>#<eventId>` reads events oldest first, so the relay finds leftovers with one
 * Query and no index. Items live only between a commit and its publication (seconds).
 */
import type { SignalEvent } from '../../application/ports.ts';

/** Partition of the outbox; sort key orders events oldest first. */
export const outboxPk = 'OUTBOX';
export const outboxSk = (event: SignalEvent): string => `${event.occurredAt}#${event.eventId}`;
export const outboxItem = (event: SignalEvent): Record<string, unknown> => ({ pk: outboxPk, sk: outboxSk(event), event });
