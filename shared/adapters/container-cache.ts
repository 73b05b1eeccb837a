/**
 * A read-through cache that lives as long as the container (a Lambda execution environment, or the
 * local runtime's process): reference data, catalogue versions and feed times change rarely and are
 * read for every record, so each container reads them at most once per time to live. Concurrent
 * misses of one key share one read, and the number of entries is bounded.
 */
import { LRUCache } from 'lru-cache';

export interface ContainerCacheOptions {
  /** How long a value read serves, in milliseconds. */
  readonly ttlMs: number;
  /** Most entries kept; the least recently used go first. */
  readonly maxEntries?: number;
  /** The clock, in milliseconds (tests move it). */
  readonly now?: () => number;
}

export class ContainerCache<V> {
  // Values are boxed: "not found" (undefined) is an answer worth caching too.
  private readonly entries: LRUCache<string, { readonly value: V }, () => Promise<V>>;

  constructor(options: ContainerCacheOptions) {
    this.entries = new LRUCache({
      max: options.maxEntries ?? 10_000,
      ttl: options.ttlMs,
      // Read the clock on every lookup, so an injected clock is followed exactly.
      ttlResolution: 0,
      ...(options.now ? { perf: { now: options.now } } : {}),
      fetchMethod: async (_key, _stale, { context: load }) => ({ value: await load() }),
    });
  }

  /** The cached value of `key`, or what `load` reads (then cached for the time to live). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = await this.entries.fetch(key, { context: load });
    return (entry as { readonly value: V }).value;
  }
}
