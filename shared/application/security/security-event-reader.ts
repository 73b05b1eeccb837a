/**
 * Reading the security events (the security administrator's view): a day's events, of every kind
 * or of one, oldest first, a page at a time. The writing side is `SecurityEventLog`
 * (`../security-events.ts`).
 */
import type { SecurityEvent, SecurityEventKind } from '../security-events.ts';

/** A stored security event: the event, and the key that orders it within its day. */
export interface StoredSecurityEvent extends SecurityEvent {
  /** Unique within the day; orders the events by instant. */
  readonly id: string;
}

/** Which events one page is read from. */
export interface SecurityEventQuery {
  /** A calendar day in Asia/Shanghai, `yyyy-mm-dd`. */
  readonly day: string;
  /** Only events of this kind; every kind when absent. */
  readonly kind?: SecurityEventKind;
  readonly limit: number;
  /** The `next` of the previous page. */
  readonly cursor?: string;
}

export interface SecurityEventPage {
  readonly items: readonly StoredSecurityEvent[];
  /** Absent on the last page. */
  readonly next?: string;
}

/** A cursor that is not one this listing handed out (or that belongs to another day or kind). */
export class InvalidSecurityEventCursorError extends Error {
  constructor() {
    super('the cursor does not belong to this listing');
    this.name = 'InvalidSecurityEventCursorError';
  }
}

export interface SecurityEventReader {
  /** @throws InvalidSecurityEventCursorError for a cursor of another listing */
  page(query: SecurityEventQuery): Promise<SecurityEventPage>;
}
