/** The port of accountability measures: where they are kept. */
import type { AccountabilityMeasure, MeasureStatus, MeasureType } from '../../domain/accountability/accountability-measure.ts';
import type { AccountabilityMeasureEvent } from '../../domain/accountability/accountability-measure-events.ts';
import { VersionChanged, type CursorNotRecognised } from '../store-refusals.ts';

/** Another write took the measure's version since it was read. */
export class MeasureVersionChanged extends VersionChanged {}

/** The drawn number is taken already: draw another. */
export class MeasureNumberTaken extends Error {}

/** Which measures a listing reads: one department's (of its jurisdiction), a jurisdiction's, or the city's. */
export type MeasureScope =
  | { readonly by: 'department'; readonly department: string; readonly jurisdiction: string }
  | { readonly by: 'jurisdiction'; readonly jurisdiction: string }
  | { readonly by: 'city' };

export interface MeasurePageQuery {
  readonly scope: MeasureScope;
  readonly type?: MeasureType;
  readonly status?: MeasureStatus;
  /** Only the orders to correct overdue on this Shanghai date: past their deadline, no correction in hand. */
  readonly overdueOn?: string;
  readonly limit: number;
  /** A cursor the same scope's listing handed out; any other is refused ({@link CursorNotRecognised}). */
  readonly cursor?: string;
}

export interface MeasurePage {
  readonly items: readonly AccountabilityMeasure[];
  readonly nextCursor?: string;
}

export interface AccountabilityStore {
  get(measureNumber: string): Promise<AccountabilityMeasure | undefined>;
  /** Stores a new measure, and its events in the outbox in the same transaction; {@link MeasureNumberTaken} when its number is. */
  create(measure: AccountabilityMeasure, events?: readonly AccountabilityMeasureEvent[]): Promise<void>;
  /** Stores the next version with its events; {@link MeasureVersionChanged} unless the stored one is `expectedVersion`. */
  save(measure: AccountabilityMeasure, expectedVersion: number, events?: readonly AccountabilityMeasureEvent[]): Promise<void>;
  page(query: MeasurePageQuery): Promise<MeasurePage>;
  /**
   * The orders to correct whose deadline (a Shanghai date) is before `before`, except those
   * corrected before `correctedSince`: those a signal may be raised, raised further or cleared on.
   */
  ordersPastDeadline(before: string, correctedSince: string): Promise<AccountabilityMeasure[]>;
}
