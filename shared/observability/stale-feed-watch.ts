/**
 * Which departments' feeds an evaluation found stale. The staleness is decided by the feed
 * status adapter (`FEED_STALE_AFTER_HOURS` without a push) and acted on by the domain (time-driven
 * signals held); this decorator only notes the departments on the way, for the sweep's metric and
 * log line, without touching either.
 */
import type { FeedState } from '../domain/alerts/feed-hold.ts';
import type { FeedStatus } from '../application/ports.ts';

export class StaleFeedWatch implements Pick<FeedStatus, 'state'> {
  private readonly stale = new Set<string>();

  constructor(private readonly feeds: Pick<FeedStatus, 'state'>) {}

  async state(department: string, at: Date): Promise<FeedState> {
    const state = await this.feeds.state(department, at);
    if (state.stale) this.stale.add(department);
    return state;
  }

  /** The departments found stale since the last call, sorted; then starts afresh (once per invocation). */
  takeStaleDepartments(): string[] {
    const departments = [...this.stale].sort();
    this.stale.clear();
    return departments;
  }
}
