import { describe, expect, it } from 'vitest';
import { findOverlappingVersions, versionInForce } from '#shared/domain/evaluation/evaluation-period.ts';

const versions = [
  { version: 1, effectiveFrom: '2026-01', effectiveUntil: '2026-12' },
  { version: 2, effectiveFrom: '2027-01' },
];

describe("a model's effective periods", () => {
  it('finds the version in force for a period, and none in a gap or before the first', () => {
    // Act
    const inForce = ['2025-12', '2026-01', '2026-12', '2027-01', '2031-06'].map((period) => versionInForce(versions, period)?.version ?? null);

    // Assess
    expect(inForce).toEqual([null, 1, 1, 2, 2]);
    expect(versionInForce([{ version: 1, effectiveFrom: '2026-01', effectiveUntil: '2026-06' }], '2026-07')).toBeUndefined();
  });

  it('names the stored versions a new one overlaps; an open-ended version yields to a later start', () => {
    // Act
    const sameStart = findOverlappingVersions(versions, { effectiveFrom: '2027-01' });
    const intoTheFirst = findOverlappingVersions(versions, { effectiveFrom: '2025-06', effectiveUntil: '2027-02' });
    const afterTheOpenOne = findOverlappingVersions(versions, { effectiveFrom: '2028-01' });
    const beforeAll = findOverlappingVersions(versions, { effectiveFrom: '2025-01', effectiveUntil: '2025-12' });

    // Assess
    expect(sameStart.map((v) => v.version)).toEqual([2]);
    expect(intoTheFirst.map((v) => v.version)).toEqual([1, 2]);
    expect(afterTheOpenOne).toEqual([]);
    expect(beforeAll).toEqual([]);
  });
});
