/**
 * Port: where supervision requests and cases are kept, with their timelines and queues.
 * Implemented by `DynamoDbSupervisionRepository` (oversight table, `SUPERVISION#<number>`).
 * Every write stores the aggregate, its new timeline steps and the events of the signals it raised
 * (to the outbox) together, conditional on the
 * version the caller read: a stale one throws `StaleVersionError` and writes nothing.
 */
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import type { SupervisionQueue } from '../../domain/supervision-cases/supervision-queues.ts';
import type { SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import type { SupervisionSignalEvent } from '../../domain/supervision-cases/supervision-signal-events.ts';
import type { TimelineStep } from '../../domain/supervision-cases/supervision-timeline.ts';

/** An aggregate to store with the steps its change added; `expectedVersion` is the version read (absent: a new one). */
export interface SupervisionWrite<T> {
  readonly state: T;
  readonly steps: readonly TimelineStep[];
  readonly expectedVersion?: number;
  /** Events of the signals the change raised, written to the outbox in the same transaction (published after the commit). */
  readonly events?: readonly SupervisionSignalEvent[];
}

export interface SupervisionQueueQuery {
  /** `citywide`: every jurisdiction; `jurisdiction` / `department`: the one named by `owner`. */
  readonly index: 'citywide' | 'jurisdiction' | 'department';
  readonly owner: string | null;
  readonly queue: SupervisionQueue;
  readonly limit: number;
  /** Opaque cursor of a previous page of the same listing; another one is refused (400). */
  readonly cursor?: string;
}

export interface SupervisionQueuePage<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** The number drawn for a new request or case is taken; draw another. */
export class SupervisionNumberTakenError extends Error {}

export interface SupervisionRepository {
  request(requestNumber: string): Promise<SupervisionRequest | undefined>;
  supervisionCase(caseNumber: string): Promise<SupervisionCase | undefined>;
  /** The timeline of a request or case, in order. */
  timeline(number: string): Promise<TimelineStep[]>;
  /** Stores a request: new (throws `SupervisionNumberTakenError` when its number exists) or changed. */
  saveRequest(write: SupervisionWrite<SupervisionRequest>): Promise<void>;
  /** Stores a case: new or changed; `decided` is the request it was opened from, stored in the same transaction. */
  saveCase(write: SupervisionWrite<SupervisionCase>, decided?: SupervisionWrite<SupervisionRequest>): Promise<void>;
  requestQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionRequest>>;
  caseQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionCase>>;
}
