/**
 * Comparing a department's manifest of a day with what the system holds (一致性核查, Art. 7(2)).
 *
 * A manifest states, for each matter with records on the day, the count and digest of its
 * records and of each non-empty bucket (`record-digest.ts`). A matter the manifest leaves out is
 * declared empty. First the totals and buckets are compared: a matter whose count and digest agree
 * is consistent; otherwise the buckets that differ are named. Then the department lists the records
 * of those buckets only, and each is compared record by record: missing (the department holds it,
 * the system does not), extra (the system holds it, the department does not), or version
 * mismatched (both hold it, with different versions).
 */
import { bucketOf, emptyDigest, totalOf, type BucketDigests, type RecordEntry, type SetDigest } from './record-digest.ts';

/** What a department declares for one matter of a day. */
export interface MatterManifest {
  readonly matterCode: string;
  readonly count: number;
  readonly digest: string;
  readonly buckets: BucketDigests;
}

/** One matter compared: its declared and held totals, and the buckets whose count or digest differ. */
export interface MatterComparison {
  readonly matterCode: string;
  readonly declared: SetDigest;
  readonly held: SetDigest;
  readonly differingBuckets: readonly string[];
}

/** Where a manifest contradicts itself: a matter whose totals are not the sum of its buckets. */
export interface ManifestInconsistency {
  readonly matterCode: string;
  readonly field: 'count' | 'digest';
}

/** Matters whose declared count or digest is not what their buckets add up to. */
export function manifestInconsistencies(matters: readonly MatterManifest[]): ManifestInconsistency[] {
  const found: ManifestInconsistency[] = [];
  for (const matter of matters) {
    const total = totalOf(matter.buckets);
    if (total.count !== matter.count) found.push({ matterCode: matter.matterCode, field: 'count' });
    else if (total.digest !== matter.digest) found.push({ matterCode: matter.matterCode, field: 'digest' });
  }
  return found;
}

const sameDigest = (a: SetDigest | undefined, b: SetDigest | undefined): boolean =>
  (a?.count ?? 0) === (b?.count ?? 0) && (a?.digest ?? emptyDigest) === (b?.digest ?? emptyDigest);

/**
 * Every matter of the manifest or held by the system, compared (by matter code). `held` gives the
 * buckets the system holds for each matter of the day.
 */
export function compareManifest(matters: readonly MatterManifest[], held: ReadonlyMap<string, BucketDigests>): MatterComparison[] {
  const declaredOf = new Map(matters.map((matter) => [matter.matterCode, matter.buckets]));
  const codes = [...new Set([...declaredOf.keys(), ...held.keys()])].sort();
  return codes.map((matterCode) => {
    const declared = declaredOf.get(matterCode) ?? {};
    const ours = held.get(matterCode) ?? {};
    const declaredTotal = totalOf(declared);
    const heldTotal = totalOf(ours);
    const differingBuckets = sameDigest(declaredTotal, heldTotal)
      ? []
      : [...new Set([...Object.keys(declared), ...Object.keys(ours)])].sort().filter((bucket) => !sameDigest(declared[bucket], ours[bucket]));
    return { matterCode, declared: declaredTotal, held: heldTotal, differingBuckets };
  });
}

/** A record named in a difference. */
export interface RecordRef {
  readonly caseId: string;
  readonly sequence: number;
}

/** A record both sides hold, with different versions. */
export interface VersionMismatch extends RecordRef {
  readonly declaredVersion: string;
  readonly heldVersion: string;
}

/** The differences of one bucket of one matter. */
export interface BucketDifferences {
  readonly matterCode: string;
  readonly bucket: string;
  readonly missing: readonly RecordRef[];
  readonly extra: readonly RecordRef[];
  readonly mismatched: readonly VersionMismatch[];
  /** How many of each there are (the lists may be cut to their first ones when stored). */
  readonly counts: { readonly missing: number; readonly extra: number; readonly mismatched: number };
}

/** The differences with at most `limit` records in each list (the counts stay whole). */
export const cutDifferences = (d: BucketDifferences, limit: number): BucketDifferences => ({
  ...d,
  missing: d.missing.slice(0, limit),
  extra: d.extra.slice(0, limit),
  mismatched: d.mismatched.slice(0, limit),
});

const idOf = (entry: RecordRef): string => `${entry.caseId}\n${entry.sequence}`;
const byIdentity = (a: RecordRef, b: RecordRef): number => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.sequence - b.sequence);

/** Listed records that do not belong to `bucket` (the department's listing is then not of that bucket). */
export const entriesOutsideBucket = (bucket: string, entries: readonly RecordEntry[]): number[] =>
  entries.flatMap((entry, index) => (bucketOf(entry.caseId, entry.sequence) === bucket ? [] : [index]));

/** Record identities listed more than once. */
export function repeatedEntries(entries: readonly RecordEntry[]): number[] {
  const seen = new Set<string>();
  return entries.flatMap((entry, index) => {
    const id = idOf(entry);
    if (seen.has(id)) return [index];
    seen.add(id);
    return [];
  });
}

/** The department's records of a bucket against the system's, record by record (each list sorted by case and sequence). */
export function bucketDifferences(matterCode: string, bucket: string, declared: readonly RecordEntry[], held: readonly RecordEntry[]): BucketDifferences {
  const heldById = new Map(held.map((entry) => [idOf(entry), entry]));
  const declaredIds = new Set(declared.map(idOf));
  const missing: RecordRef[] = [];
  const mismatched: VersionMismatch[] = [];
  for (const entry of declared) {
    const ours = heldById.get(idOf(entry));
    if (ours === undefined) missing.push({ caseId: entry.caseId, sequence: entry.sequence });
    else if (ours.version !== entry.version)
      mismatched.push({ caseId: entry.caseId, sequence: entry.sequence, declaredVersion: entry.version, heldVersion: ours.version });
  }
  const extra = held.filter((entry) => !declaredIds.has(idOf(entry))).map(({ caseId, sequence }) => ({ caseId, sequence }));
  return {
    matterCode,
    bucket,
    missing: missing.sort(byIdentity),
    extra: extra.sort(byIdentity),
    mismatched: mismatched.sort(byIdentity),
    counts: { missing: missing.length, extra: extra.length, mismatched: mismatched.length },
  };
}
