/**
 * Port: where supervision requests and cases are kept, with their timelines and queues.
 * Implemented by `DynamoDbSupervisionRepository` (oversight table, `SUPERVISION#<number>`).
 * Every write stores the aggregate and its new timeline steps together, conditional on the
 * version the caller read: a stale one throws `SupervisionVersionChanged` and writes nothing. A timer
 * firing is stored on its own (`saveFiring`), with the events of its signals marked unpublished
 * until the sweep publishes them.
 */
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import type { SupervisionQueue } from '../../domain/supervision-cases/supervision-queues.ts';
import type { SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import type { SupervisionSignalEvent } from '../../domain/supervision-cases/supervision-signal-events.ts';
import type { TimelineStep } from '../../domain/supervision-cases/supervision-timeline.ts';
import type { SupervisionTimerFiring } from '../../domain/supervision-cases/supervision-timers.ts';

/** A request or case, named by what it is. */
export type SupervisionItem = { readonly item: 'request'; readonly state: SupervisionRequest } | { readonly item: 'case'; readonly state: SupervisionCase };

/**
 * A timer firing: the request or case after it, the version it was fired on, the compact record of
 * the firing and the events of its signals. Stored apart from the rest of the aggregate (a firing
 * changes only its timers, signals and overdue facts); the events stay marked unpublished on it
 * until published.
 */
export type SupervisionFiringWrite = SupervisionItem & {
  readonly expectedVersion: number;
  readonly firing: SupervisionTimerFiring;
  readonly events: readonly SupervisionSignalEvent[];
};

/** An aggregate to store with the steps its change added; `expectedVersion` is the version read (absent: a new one). */
export interface SupervisionWrite<T> {
  readonly state: T;
  readonly steps: readonly TimelineStep[];
  readonly expectedVersion?: number;
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
  /** The request or case with the ids of signal events its firings raised that are not published yet (for the sweep). */
  itemForSweep(number: string): Promise<(SupervisionItem & { readonly unpublishedEventIds: readonly string[] }) | undefined>;
  /** Stores a timer firing on the version read; `SupervisionVersionChanged` when it moved. */
  saveFiring(write: SupervisionFiringWrite): Promise<void>;
  requestQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionRequest>>;
  caseQueue(query: SupervisionQueueQuery): Promise<SupervisionQueuePage<SupervisionCase>>;
}
