import { describe, expect, it } from 'vitest';
import { ContainerCache } from '#shared/adapters/container-cache.ts';

/** A read that counts its calls and answers what it is told. */
function countedRead<V>(answer: () => V): { read: () => Promise<V>; calls: () => number } {
  let calls = 0;
  return {
    read: async () => {
      calls += 1;
      return answer();
    },
    calls: () => calls,
  };
}

describe('the per-container cache of reference data', () => {
  it('serves a value read within its time to live and reads again after it', async () => {
    // Prepare
    let now = 1_000;
    let stored = 'v1';
    const cache = new ContainerCache<string>({ ttlMs: 60_000, now: () => now });
    const source = countedRead(() => stored);

    // Act
    const first = await cache.get('matter', source.read);
    stored = 'v2';
    now += 59_999;
    const withinTtl = await cache.get('matter', source.read);
    now += 2;
    const afterTtl = await cache.get('matter', source.read);

    // Assess
    expect([first, withinTtl, afterTtl]).toEqual(['v1', 'v1', 'v2']);
    expect(source.calls()).toBe(2);
  });

  it('remembers that something was not found', async () => {
    // Prepare
    const cache = new ContainerCache<string | undefined>({ ttlMs: 60_000, now: () => 0 });
    const source = countedRead((): string | undefined => undefined);

    // Act
    const answers = [await cache.get('unknown department', source.read), await cache.get('unknown department', source.read)];

    // Assess
    expect(answers).toEqual([undefined, undefined]);
    expect(source.calls()).toBe(1);
  });

  it('reads once for concurrent misses of one key', async () => {
    // Prepare
    const cache = new ContainerCache<number>({ ttlMs: 60_000, now: () => 0 });
    const source = countedRead(() => 42);

    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('feed', source.read)));

    // Assess
    expect(new Set(answers)).toEqual(new Set([42]));
    expect(source.calls()).toBe(1);
  });

  it('does not keep a failed read: the next lookup reads again', async () => {
    // Prepare
    const cache = new ContainerCache<string>({ ttlMs: 60_000, now: () => 0 });
    let failing = true;
    const source = countedRead(() => {
      if (failing) throw new Error('throttled');
      return 'value';
    });

    // Act
    const failed = cache.get('matter', source.read);
    await expect(failed).rejects.toThrow('throttled');
    failing = false;
    const retried = await cache.get('matter', source.read);

    // Assess
    expect(retried).toBe('value');
    expect(source.calls()).toBe(2);
  });

  it('keeps at most its bound of entries, dropping the least recently used', async () => {
    // Prepare
    const cache = new ContainerCache<string>({ ttlMs: 60_000, maxEntries: 2, now: () => 0 });
    const source = countedRead(() => 'value');

    // Act
    await cache.get('a', source.read);
    await cache.get('b', source.read);
    await cache.get('a', source.read);
    await cache.get('c', source.read);
    await cache.get('a', source.read);
    await cache.get('b', source.read);

    // Assess: a, b, c read; b dropped when c came, so read again; a stayed
    expect(source.calls()).toBe(4);
  });
});
