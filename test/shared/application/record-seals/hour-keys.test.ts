import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HourKeys, RecordSealer } from '#shared/application/record-seals/hour-keys.ts';
import { hourKeyMessage } from '#shared/application/record-seals/record-seal.ts';
import { TestSealKeyDerivation } from '../../../support/record-seals.ts';

describe('hour keys', () => {
  it("derives an hour key as the root key's HMAC of the hour's message", async () => {
    // Prepare
    const derivation = new TestSealKeyDerivation();
    const keys = new HourKeys(derivation);

    // Act
    const key = await keys.keyOf('2026-03-02T01');

    // Assess
    expect(key.hour).toBe('2026-03-02T01');
    expect(Buffer.from(key.key)).toEqual(createHmac('sha256', derivation.root).update(hourKeyMessage('2026-03-02T01')).digest());
  });

  it('asks KMS once an hour, however many records a container seals, also when asked at once', async () => {
    // Prepare
    const derivation = new TestSealKeyDerivation();
    let now = new Date('2026-03-02T01:00:00Z');
    const sealer = new RecordSealer(new HourKeys(derivation), () => now);

    // Act
    const first = await Promise.all(Array.from({ length: 50 }, () => sealer.currentKey()));
    now = new Date('2026-03-02T01:59:59Z');
    await sealer.currentKey();
    now = new Date('2026-03-02T02:00:00Z');
    const next = await sealer.currentKey();

    // Assess
    expect(derivation.calls).toBe(2);
    expect(new Set(first.map((key) => key.hour))).toEqual(new Set(['2026-03-02T01']));
    expect(next.hour).toBe('2026-03-02T02');
  });

  it('keeps only the keys asked for last, and overwrites the bytes of an evicted one', async () => {
    // Prepare
    const derivation = new TestSealKeyDerivation();
    const keys = new HourKeys(derivation, 1);
    const first = await keys.keyOf('2026-03-02T01');

    // Act
    await keys.keyOf('2026-03-02T02');
    await new Promise((resolve) => setImmediate(resolve));
    await keys.keyOf('2026-03-02T01');

    // Assess
    expect(Buffer.from(first.key).every((byte) => byte === 0)).toBe(true);
    expect(derivation.calls).toBe(3);
  });

  it('asks again after a derivation failed, and refuses a key of the wrong length', async () => {
    // Prepare
    let failing = true;
    const keys = new HourKeys({
      derive: async () => {
        if (failing) throw new Error('ThrottlingException');
        return new Uint8Array(16);
      },
    });

    // Act / Assess
    await expect(keys.keyOf('2026-03-02T01')).rejects.toThrow('ThrottlingException');
    failing = false;
    await expect(keys.keyOf('2026-03-02T01')).rejects.toThrow('32 bytes');
  });
});
