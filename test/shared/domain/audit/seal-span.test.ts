import { describe, expect, it } from 'vitest';
import { digestObjectKey, sealCutoff, spansToSeal, spanStartOfObjectKey } from '#shared/domain/audit/seal-span.ts';

describe('what a sealer run seals', () => {
  it('seals up to the earlier of its scheduled time and the clock, less the grace period, to the second', () => {
    // Act
    const onTime = sealCutoff(new Date('2026-03-02T10:15:00.400Z'), new Date('2026-03-02T10:15:01.900Z'), 360);
    const firedForTheFuture = sealCutoff(new Date('2026-03-02T11:00:00.000Z'), new Date('2026-03-02T10:15:01.900Z'), 360);

    // Assess
    expect(onTime).toBe('2026-03-02T10:09:00.000Z');
    expect(firedForTheFuture).toBe('2026-03-02T10:09:01.000Z');
  });

  it('cuts spans at each UTC midnight and stops at the most a run may seal', () => {
    // Act
    const spans = spansToSeal('2026-03-01T23:50:00.000Z', '2026-03-03T00:10:00.000Z', 10);
    const bounded = spansToSeal('2026-03-01T23:50:00.000Z', '2026-03-03T00:10:00.000Z', 2);

    // Assess
    expect(spans).toEqual([
      { start: '2026-03-01T23:50:00.000Z', end: '2026-03-02T00:00:00.000Z' },
      { start: '2026-03-02T00:00:00.000Z', end: '2026-03-03T00:00:00.000Z' },
      { start: '2026-03-03T00:00:00.000Z', end: '2026-03-03T00:10:00.000Z' },
    ]);
    expect(bounded).toHaveLength(2);
    expect(spansToSeal('2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z', 10)).toEqual([]);
  });

  it('names each digest object by its span start, and reads the start back', () => {
    // Act
    const key = digestObjectKey('2026-03-02T10:09:01.000Z');

    // Assess
    expect(key).toBe('digests/2026-03-02/100901.000Z.json');
    expect(spanStartOfObjectKey(key)).toBe('2026-03-02T10:09:01.000Z');
    expect(spanStartOfObjectKey('digests/2026-03-02/other.json')).toBeUndefined();
  });
});
