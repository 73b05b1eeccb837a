/**
 * The ports of rectification suggestions: where suggestions are kept, and where a department's
 * signals of a period are read from.
 */
import type { Alert } from '../../domain/alerts/alert.ts';
import type { RectificationStatus, RectificationSuggestion } from '../../domain/rectification/rectification-suggestion.ts';
import { Refusal } from '../../domain/refusal.ts';
import { VersionChanged, type CursorNotRecognised } from '../store-refusals.ts';

/** Another write took the suggestion's version since it was read. */
export class RectificationVersionChanged extends VersionChanged {}

/** A department's period has its suggestion already (one per department and period). */
export class RectificationAlreadyDrafted extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
}

/** Which suggestions a listing reads: one department's, a jurisdiction's, or the city's. */
export type RectificationScope =
  { readonly by: 'department'; readonly department: string } | { readonly by: 'jurisdiction'; readonly jurisdiction: string } | { readonly by: 'city' };

export interface RectificationPageQuery {
  readonly scope: RectificationScope;
  /** Only these statuses (all when absent). */
  readonly statuses?: readonly RectificationStatus[];
  readonly limit: number;
  /** A cursor the same scope's listing handed out; any other is refused ({@link CursorNotRecognised}). */
  readonly cursor?: string;
}

export interface RectificationPage {
  readonly items: readonly RectificationSuggestion[];
  readonly nextCursor?: string;
}

export interface RectificationStore {
  get(department: string, period: string): Promise<RectificationSuggestion | undefined>;
  /** Stores a new suggestion; {@link RectificationAlreadyDrafted} when the period has one. */
  create(suggestion: RectificationSuggestion): Promise<void>;
  /** Stores the next version; {@link RectificationVersionChanged} unless the stored one is `expectedVersion`. */
  save(suggestion: RectificationSuggestion, expectedVersion: number): Promise<void>;
  /** Newest period first. */
  page(query: RectificationPageQuery): Promise<RectificationPage>;
}

/** A department's signals raised in an interval (ISO instants, both included), at most `max` (the earliest), and whether that was all. */
export interface PeriodAlertReader {
  alertsRaised(department: string, from: string, until: string, max: number): Promise<{ readonly alerts: readonly Alert[]; readonly complete: boolean }>;
}
