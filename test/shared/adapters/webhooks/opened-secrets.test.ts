/**
 * Opened secrets kept by a warm delivery sandbox: each secret read and opened once while it is
 * kept, a rotated secret opened anew, an expired or evicted one opened again.
 */
import { describe, expect, it } from 'vitest';
import { OpenedSecrets } from '#shared/adapters/webhooks/opened-secrets.ts';

/** The sealed texts by subscription, and every read and opening counted (KMS and the table are the boundary here). */
function sealedSecrets(initial: Record<string, string>) {
  const sealed = new Map(Object.entries(initial));
  const calls = { reads: 0, opens: 0 };
  return {
    sealed,
    calls,
    state: { secretOf: async (id: string) => (calls.reads++, sealed.get(id)) },
    sealer: { open: async (id: string, text: string) => (calls.opens++, `opened(${id}:${text})`) },
  };
}

describe('opened webhook secrets', () => {
  it('reads and opens a secret once while it is kept, also for deliveries asking at the same time', async () => {
    // Prepare
    const { state, sealer, calls } = sealedSecrets({ a: 'sealed-a' });
    const secrets = new OpenedSecrets(state, sealer);

    // Act
    const opened = await Promise.all([1, 2, 3].map(() => secrets.of({ id: 'a', secretIssuedAt: '2026-12-05T08:00:00.000Z' })));
    const again = await secrets.of({ id: 'a', secretIssuedAt: '2026-12-05T08:00:00.000Z' });

    // Assess
    expect(new Set([...opened, again])).toEqual(new Set(['opened(a:sealed-a)']));
    expect(calls).toEqual({ reads: 1, opens: 1 });
  });

  it('opens the new secret after a rotation, though the old one is still kept', async () => {
    // Prepare
    const { state, sealer, sealed } = sealedSecrets({ a: 'sealed-a' });
    const secrets = new OpenedSecrets(state, sealer);
    await secrets.of({ id: 'a', secretIssuedAt: '2026-12-05T08:00:00.000Z' });

    // Act
    sealed.set('a', 'sealed-a2');
    const rotated = await secrets.of({ id: 'a', secretIssuedAt: '2026-12-05T09:00:00.000Z' });

    // Assess
    expect(rotated).toBe('opened(a:sealed-a2)');
  });

  it('opens a secret again once it has been kept for its time, and says a removed one is gone', async () => {
    // Prepare
    let now = Date.parse('2026-12-05T08:00:00Z');
    const { state, sealer, sealed, calls } = sealedSecrets({ a: 'sealed-a' });
    const secrets = new OpenedSecrets(state, sealer, { keepMs: 60_000, now: () => now });
    const subscription = { id: 'a', secretIssuedAt: '2026-12-05T07:00:00.000Z' };
    await secrets.of(subscription);

    // Act
    now += 59_999;
    await secrets.of(subscription);
    const opensWithinTheTime = calls.opens;
    now += 2;
    sealed.delete('a');
    const afterTheTime = await secrets.of(subscription);

    // Assess
    expect(opensWithinTheTime).toBe(1);
    expect(afterTheTime).toBeUndefined();
    expect(calls.reads).toBe(2);
  });

  it('does not keep a secret it could not open: the next delivery tries again', async () => {
    // Prepare
    const { state, calls } = sealedSecrets({ a: 'sealed-a' });
    let failing = true;
    const sealer = {
      open: async (id: string, text: string) => {
        calls.opens++;
        if (failing) throw new Error('KMS throttled');
        return `opened(${id}:${text})`;
      },
    };
    const secrets = new OpenedSecrets(state, sealer);
    const subscription = { id: 'a', secretIssuedAt: '2026-12-05T08:00:00.000Z' };

    // Act
    const first = await secrets.of(subscription).catch((error: Error) => error.message);
    failing = false;
    const second = await secrets.of(subscription);

    // Assess
    expect(first).toBe('KMS throttled');
    expect(second).toBe('opened(a:sealed-a)');
    expect(calls.opens).toBe(2);
  });

  it('keeps at most its number of secrets, letting the least recently used go first', async () => {
    // Prepare
    const { state, sealer, calls } = sealedSecrets({ a: 'sa', b: 'sb', c: 'sc' });
    const secrets = new OpenedSecrets(state, sealer, { maxEntries: 2 });
    const of = (id: string) => secrets.of({ id, secretIssuedAt: '2026-12-05T08:00:00.000Z' });

    // Act
    await of('a');
    await of('b');
    await of('c');
    const opensBefore = calls.opens;
    await of('c');
    await of('b');
    const keptOnes = calls.opens - opensBefore;
    await of('a');

    // Assess
    expect(keptOnes).toBe(0);
    expect(calls.opens - opensBefore).toBe(1);
  });
});
