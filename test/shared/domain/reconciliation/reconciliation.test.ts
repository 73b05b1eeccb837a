import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  bucketDifferences,
  compareManifest,
  entriesOutsideBucket,
  manifestInconsistencies,
  repeatedEntries,
} from '#shared/domain/reconciliation/compare-manifest.ts';
import { bucketDigestsOf, bucketOf, combineDigests, digestOf, emptyDigest, totalOf, type RecordEntry } from '#shared/domain/reconciliation/record-digest.ts';
import { manifestDueAt, reconciliationFindings, type ReconciliationDay } from '#shared/domain/reconciliation/reconciliation-findings.ts';
import { isWeekday } from '#shared/domain/calendar/working-day-calendar.ts';

const version = (text: string): string => createHash('sha256').update(text).digest('base64url');
const entry = (caseId: string, sequence = 1, v = version(caseId)): RecordEntry => ({ caseId, sequence, version: v });
const entries = (n: number, prefix = 'C'): RecordEntry[] => Array.from({ length: n }, (_, i) => entry(`${prefix}-${i}`));
const calendar = { isWorkingDay: isWeekday, hasArrangement: () => true };

describe('record digests', () => {
  it('does not depend on the order of the records, and combines across disjoint sets', () => {
    const set = entries(50);

    expect(digestOf([...set].reverse())).toBe(digestOf(set));
    expect(combineDigests([digestOf(set.slice(0, 20)), digestOf(set.slice(20))])).toBe(digestOf(set));
    expect(digestOf([])).toBe(emptyDigest);
    expect(digestOf(set)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when one record is missing or has another version', () => {
    const set = entries(10);

    expect(digestOf(set.slice(1))).not.toBe(digestOf(set));
    expect(digestOf([entry('C-0', 1, version('changed')), ...set.slice(1)])).not.toBe(digestOf(set));
  });

  it('puts a record in the same bucket whatever its version, and adds its buckets up to the whole', () => {
    const set = entries(1_000);
    const buckets = bucketDigestsOf(set);

    expect(bucketOf('C-7', 1)).toBe(bucketOf('C-7', 1));
    expect(Object.keys(buckets).every((bucket) => /^[0-9a-f]{2}$/.test(bucket))).toBe(true);
    expect(totalOf(buckets)).toEqual({ count: 1_000, digest: digestOf(set) });
  });
});

describe('comparing a manifest', () => {
  const held = entries(300);
  const heldBuckets = bucketDigestsOf(held);
  const manifestOf = (matterCode: string, set: readonly RecordEntry[]) => {
    const buckets = bucketDigestsOf(set);
    return { matterCode, ...totalOf(buckets), buckets };
  };

  it('finds a matter that agrees consistent, reading no record', () => {
    const [matter] = compareManifest([manifestOf('permit', held)], new Map([['permit', heldBuckets]]));

    expect(matter).toEqual({ matterCode: 'permit', declared: totalOf(heldBuckets), held: totalOf(heldBuckets), differingBuckets: [] });
  });

  it('names only the buckets of the records missing, extra or of another version', () => {
    const departments = [...held.slice(2), entry('NEW-1'), entry('C-5', 1, version('other'))].filter(
      (e) => !(e.caseId === 'C-5' && e.version === version('C-5')),
    );

    const [matter] = compareManifest([manifestOf('permit', departments)], new Map([['permit', heldBuckets]]));

    const expected = [...new Set([bucketOf('C-0', 1), bucketOf('C-1', 1), bucketOf('NEW-1', 1), bucketOf('C-5', 1)])].sort();
    expect(matter?.differingBuckets).toEqual(expected);
  });

  it('takes a matter the manifest leaves out as declared empty, and one the system lacks as held empty', () => {
    const compared = compareManifest([manifestOf('other', entries(3, 'O'))], new Map([['permit', heldBuckets]]));

    expect(compared.map((m) => [m.matterCode, m.declared.count, m.held.count])).toEqual([
      ['other', 3, 0],
      ['permit', 0, 300],
    ]);
    expect(compared[1]?.differingBuckets).toEqual(Object.keys(heldBuckets).sort());
  });

  it('finds a manifest whose totals are not the sum of its buckets', () => {
    const good = manifestOf('permit', held);

    expect(manifestInconsistencies([good])).toEqual([]);
    expect(manifestInconsistencies([{ ...good, count: 299 }])).toEqual([{ matterCode: 'permit', field: 'count' }]);
    expect(manifestInconsistencies([{ ...good, digest: emptyDigest }])).toEqual([{ matterCode: 'permit', field: 'digest' }]);
  });
});

describe('narrowing a bucket', () => {
  it('lists the records missing, extra and of another version', () => {
    const ours = [entry('A', 1), entry('B', 1), entry('C', 2)];
    const theirs = [entry('A', 1), entry('C', 2, version('newer')), entry('D', 1)];

    const found = bucketDifferences('permit', '00', theirs, ours);

    expect(found).toEqual({
      matterCode: 'permit',
      bucket: '00',
      missing: [{ caseId: 'D', sequence: 1 }],
      extra: [{ caseId: 'B', sequence: 1 }],
      mismatched: [{ caseId: 'C', sequence: 2, declaredVersion: version('newer'), heldVersion: version('C') }],
      counts: { missing: 1, extra: 1, mismatched: 1 },
    });
  });

  it('tells records listed under a bucket they do not belong to, and records listed twice', () => {
    const a = entry('A');
    const bucket = bucketOf('A', 1);
    const other = entries(40).find((e) => bucketOf(e.caseId, e.sequence) !== bucket) as RecordEntry;

    expect(entriesOutsideBucket(bucket, [a, other])).toEqual([1]);
    expect(repeatedEntries([a, other, a])).toEqual([2]);
  });
});

describe('reconciliation findings', () => {
  const day = (date: string, differing: boolean): ReconciliationDay => ({
    department: 'd',
    day: date,
    submittedAt: `${date}T12:00:00.000Z`,
    matters: [
      { matterCode: 'permit', declared: { count: 1, digest: emptyDigest }, held: { count: 1, digest: emptyDigest }, differingBuckets: differing ? ['0a'] : [] },
    ],
    differences: differing
      ? [
          {
            matterCode: 'permit',
            bucket: '0a',
            missing: [{ caseId: 'X', sequence: 1 }],
            extra: [],
            mismatched: [],
            counts: { missing: 1, extra: 0, mismatched: 0 },
          },
        ]
      : [],
  });
  const settings = { manifestDueHour: 10 };

  it('warns while a day differs, citing Art. 7(2) with counts and an example', () => {
    const findings = reconciliationFindings(
      [day('2026-12-01', true), day('2026-12-02', false)],
      '2026-12-01',
      new Date('2026-12-03T01:00:00Z'),
      calendar,
      settings,
    );

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'reconciliation.difference',
        level: 'warning',
        legalBasis: '《宁波市行政电子监察管理办法》第七条第二款',
        message: expect.objectContaining({ params: expect.objectContaining({ days: '2026-12-01', missing: 1, examples: 'permit/X#1' }) }),
      }),
    ]);
  });

  it("prompts once a working day's manifest is past 10:00 of the next working day, never before the first manifest", () => {
    // 2026-12-04 is a Friday: its manifest is due Monday 2026-12-07 10:00 Shanghai.
    expect(manifestDueAt('2026-12-04', calendar, settings).toISOString()).toBe('2026-12-07T02:00:00.000Z');
    const before = reconciliationFindings([day('2026-12-03', false)], '2026-12-03', new Date('2026-12-07T01:59:00Z'), calendar, settings);
    const after = reconciliationFindings([day('2026-12-03', false)], '2026-12-03', new Date('2026-12-07T02:00:00Z'), calendar, settings);
    const never = reconciliationFindings([], undefined, new Date('2026-12-07T02:00:00Z'), calendar, settings);

    expect(before).toEqual([]);
    expect(after).toEqual([
      expect.objectContaining({
        ruleId: 'reconciliation.manifest-late',
        level: 'prompt',
        message: expect.objectContaining({ params: { days: '2026-12-04', limit: '2026-12-07T02:00:00.000Z' } }),
      }),
    ]);
    expect(never).toEqual([]);
  });
});
