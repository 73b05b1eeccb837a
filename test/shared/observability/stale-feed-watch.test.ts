/** The departments whose feed an evaluation found stale, as the sweep reports them once per run. */
import { describe, expect, it } from 'vitest';
import type { FeedState } from '#shared/domain/alerts/feed-hold.ts';
import { StaleFeedWatch } from '#shared/observability/stale-feed-watch.ts';

/** Feed states by department, as the feed status adapter would decide them. */
const feedsOf = (stale: readonly string[]) => ({
  state: async (department: string): Promise<FeedState> =>
    stale.includes(department) ? { stale: true, lastReceivedAt: '2026-02-20T00:00:00.000Z' } : { stale: false },
});

describe('the stale feed watch', () => {
  it('passes each state through unchanged and notes each stale department once', async () => {
    // Prepare
    const watch = new StaleFeedWatch(feedsOf(['jiangbei-housing', 'haishu-housing']));
    const at = new Date('2026-03-02T02:00:00.000Z');

    // Act
    const states = [
      await watch.state('jiangbei-housing', at),
      await watch.state('haishu-market-regulation', at),
      await watch.state('haishu-housing', at),
      await watch.state('jiangbei-housing', at),
    ];

    // Assess
    expect(states.map((state) => state.stale)).toEqual([true, false, true, true]);
    expect(watch.takeStaleDepartments()).toEqual(['haishu-housing', 'jiangbei-housing']);
  });

  it('starts afresh after the departments were taken', async () => {
    // Prepare
    const watch = new StaleFeedWatch(feedsOf(['haishu-housing']));
    await watch.state('haishu-housing', new Date());
    watch.takeStaleDepartments();

    // Act
    const taken = watch.takeStaleDepartments();

    // Assess
    expect(taken).toEqual([]);
  });
});
