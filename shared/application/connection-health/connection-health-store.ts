/**
 * Ports of a department's connection health, beside the feed's status in the `cases` table
 * (`FEED#<department>`: `STATUS`, and one `DAY#<date>` item of counters per Shanghai day;
 * access patterns in `shared/tables.ts`). Implemented by `DynamoDbFeedStatus`.
 */
import type { BatchHealth, DailyHealth } from '../../domain/connection-health/batch-health.ts';
import type { FeedFacts } from '../../domain/connection-health/connection-findings.ts';
import type { LocalDate } from '../../domain/calendar/local-date.ts';

/** Adds a batch's counts to its department's day (one update, counters added: concurrent batches add up). */
export interface FeedHealthRecorder {
  count(batch: BatchHealth): Promise<void>;
}

/** What the health view and the connection check read: never a record. */
export interface FeedHealthReader {
  /** The feed's status: last accepted push, kinds that ever produced a record, when the check first watched it. */
  facts(department: string): Promise<FeedFacts>;
  /** The department's figures of each day from `from` to `to` (inclusive) that had a batch, oldest first. */
  days(department: string, from: LocalDate, to: LocalDate): Promise<DailyHealth[]>;
}

/** The connection check's own mark: when it first watched a department (kept once, never moved). */
export interface FeedWatch {
  /** Records `at` as the first watch unless one is recorded; answers the one recorded. */
  watchSince(department: string, at: string): Promise<string>;
}
