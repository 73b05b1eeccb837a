import { describe, expect, it } from 'vitest';
import { matterOfVersion, parseMatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import { matterVersionInForce } from '#shared/domain/catalogue/matter-version-in-force.ts';
import { findOverlappingVersions, versionsOverlap } from '#shared/domain/catalogue/matter-version-overlap.ts';

const v = (version: number, effectiveFrom: string, effectiveUntil?: string) => ({ version, effectiveFrom, ...(effectiveUntil ? { effectiveUntil } : {}) });

const licensingVersion = {
  department: 'haishu-housing',
  matterCode: 'construction-permit',
  kind: 'licensing',
  name: '建筑工程施工许可',
  legalBasis: '《中华人民共和国行政许可法》第四十二条',
  promisedWorkingDays: 10,
  version: 1,
  effectiveFrom: '2026-01-01',
};

describe('the matter version in force', () => {
  it('is the version that started last on or before the date', () => {
    // Prepare
    const versions = [v(2, '2026-01-01'), v(1, '2025-01-01')];

    // Act
    const onDates = ['2025-06-30', '2025-12-31', '2026-01-01', '2030-01-01'].map((date) => matterVersionInForce(versions, date)?.version);

    // Assess
    expect(onDates).toEqual([1, 1, 2, 2]);
  });

  it('is none before the first version and in a gap after a version that ends', () => {
    // Prepare
    const versions = [v(1, '2025-01-01', '2025-06-30'), v(2, '2025-09-01')];

    // Act
    const before = matterVersionInForce(versions, '2024-12-31');
    const inGap = matterVersionInForce(versions, '2025-07-15');
    const lastDay = matterVersionInForce(versions, '2025-06-30');

    // Assess
    expect(before).toBeUndefined();
    expect(inGap).toBeUndefined();
    expect(lastDay?.version).toBe(1);
  });
});

describe('overlapping effective dates', () => {
  it('lets an open-ended version yield to a later one', () => {
    expect(versionsOverlap(v(1, '2025-01-01'), v(2, '2026-01-01'))).toBe(false);
  });

  it('refuses two versions starting the same day', () => {
    expect(versionsOverlap(v(1, '2025-01-01'), v(2, '2025-01-01'))).toBe(true);
  });

  it('refuses a version starting inside a bounded one, whichever comes first', () => {
    // Prepare
    const bounded = v(1, '2025-01-01', '2025-12-31');

    // Act
    const inside = versionsOverlap(bounded, v(2, '2025-12-31'));
    const earlierReachingIn = versionsOverlap(bounded, v(2, '2024-06-01', '2025-01-01'));
    const after = versionsOverlap(bounded, v(2, '2026-01-01'));
    const earlierOpenEnded = versionsOverlap(bounded, v(2, '2024-06-01'));

    // Assess
    expect([inside, earlierReachingIn, after, earlierOpenEnded]).toEqual([true, true, false, false]);
  });

  it('names every stored version a proposal overlaps, in version order', () => {
    // Prepare
    const stored = [v(3, '2027-01-01', '2027-12-31'), v(1, '2025-01-01', '2025-12-31'), v(2, '2026-01-01', '2026-12-31')];

    // Act
    const overlapping = findOverlappingVersions(stored, v(4, '2025-06-01', '2026-02-01'));

    // Assess
    expect(overlapping.map((o) => o.version)).toEqual([1, 2]);
  });
});

describe('parsing a proposed matter version', () => {
  it("applies the family's defaults and keeps the version fields apart from the matter", () => {
    // Act
    const parsed = parseMatterVersion(licensingVersion);

    // Assess
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.family.kind).toBe('licensing');
    expect(parsed.version).toMatchObject({ version: 1, effectiveFrom: '2026-01-01', statutoryWorkingDays: 20 });
    expect(matterOfVersion(parsed.version)).not.toHaveProperty('effectiveFrom');
  });

  it('names kind when it is not a record family', () => {
    const parsed = parseMatterVersion({ ...licensingVersion, kind: 'taxation' });
    expect(parsed).toEqual({
      ok: false,
      issues: [{ path: ['kind'], message: 'not a known record family', words: { zh: '不是已知的记录类别', en: 'not a known record family' } }],
    });
  });

  it('names the band field of a penalty band whose minimum exceeds its maximum', () => {
    // Prepare
    const penalty = {
      department: 'haishu-market-regulation',
      matterCode: 'food-safety-penalty',
      kind: 'penalty',
      name: '食品安全违法行为处罚',
      legalBasis: '《中华人民共和国行政处罚法》第六十条',
      hearingThresholdYuan: 100_000,
      discretionBands: [{ violationCode: 'FS-122', circumstance: 'minor', minFineYuan: 90_000, maxFineYuan: 80_000 }],
      version: 2,
      effectiveFrom: '2026-01-01',
    };

    // Act
    const parsed = parseMatterVersion(penalty);

    // Assess
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path)).toEqual([['discretionBands', 0, 'minFineYuan']]);
  });

  it('refuses an end before the start and a date that does not exist', () => {
    // Act
    const backwards = parseMatterVersion({ ...licensingVersion, effectiveUntil: '2025-12-31' });
    const unreal = parseMatterVersion({ ...licensingVersion, effectiveFrom: '2026-02-30' });

    // Assess
    expect(backwards.ok ? [] : backwards.issues.map((issue) => issue.path.join('.'))).toEqual(['effectiveUntil']);
    expect(unreal.ok ? [] : unreal.issues.map((issue) => issue.path.join('.'))).toEqual(['effectiveFrom']);
  });

  it('keeps strict families strict: an unknown field is named, not stored', () => {
    // Prepare
    const disclosure = {
      department: 'haishu-housing',
      matterCode: 'information-disclosure',
      kind: 'disclosure',
      name: '政府信息公开',
      legalBasis: '《政府信息公开条例》',
      version: 1,
      effectiveFrom: '2026-01-01',
      replyDays: 15,
    };

    // Act
    const parsed = parseMatterVersion(disclosure);

    // Assess
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path.join('.'))).toEqual(['replyDays']);
  });
});
