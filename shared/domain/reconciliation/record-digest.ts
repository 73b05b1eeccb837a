/**
 * Digests of a set of records, as a department and the system both compute them for a
 * reconciliation (一致性核查, Art. 7(2)). A record is identified by its case id and sequence within
 * a matter; its version is the digest of its content as pushed (`contentHash`: SHA-256 of its
 * canonical JSON, base64url). Each record falls into one of 256 buckets by its identity alone, so
 * a record whose versions differ lands in the same bucket on both sides.
 *
 * - entry hash: SHA-256 of `<caseId>\n<sequence>\n<version>` (UTF-8), read as a 256-bit integer;
 * - digest of a set: the sum of its entry hashes modulo 2^256, 64 lower-case hex characters
 *   (order-independent and combinable: a matter's digest is the sum of its buckets' digests);
 * - bucket: the first two hex characters of SHA-256 of `<caseId>\n<sequence>`.
 */
import { createHash } from 'node:crypto';

/** A record as reconciliation sees it: its identity within a matter and its version. */
export interface RecordEntry {
  readonly caseId: string;
  readonly sequence: number;
  readonly version: string;
}

/** Number of buckets a matter's records of a day are spread over. */
export const bucketCount = 256;

/** A digest: 64 lower-case hex characters. */
export const digestPattern = /^[0-9a-f]{64}$/;
/** A bucket: two lower-case hex characters. */
export const bucketPattern = /^[0-9a-f]{2}$/;

const modulus = 1n << 256n;

/** The digest of the empty set. */
export const emptyDigest = '0'.repeat(64);

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The bucket of a record, by its identity alone. */
export const bucketOf = (caseId: string, sequence: number): string => sha256Hex(`${caseId}\n${sequence}`).slice(0, 2);

/** The hash one record adds to its set's digest. */
export const entryHash = (entry: RecordEntry): string => sha256Hex(`${entry.caseId}\n${entry.sequence}\n${entry.version}`);

const toDigest = (value: bigint): string => value.toString(16).padStart(64, '0');

/** The digest of a set of entry hashes (each 64 hex characters). */
export function digestOfHashes(hashes: Iterable<string>): string {
  let sum = 0n;
  for (const hash of hashes) sum = (sum + BigInt(`0x${hash}`)) % modulus;
  return toDigest(sum);
}

/** The digest of a set of records. */
export const digestOf = (entries: Iterable<RecordEntry>): string => digestOfHashes([...entries].map(entryHash));

/** The digest of the union of disjoint sets, from their digests. */
export const combineDigests = (digests: Iterable<string>): string => digestOfHashes(digests);

/** Count and digest of a set. */
export interface SetDigest {
  readonly count: number;
  readonly digest: string;
}

/** A matter's records of a day by bucket: count and digest of each non-empty bucket. */
export type BucketDigests = Readonly<Record<string, SetDigest>>;

/** Count and digest of each non-empty bucket of a set of records. */
export function bucketDigestsOf(entries: Iterable<RecordEntry>): Record<string, SetDigest> {
  const hashes = new Map<string, string[]>();
  for (const entry of entries) {
    const bucket = bucketOf(entry.caseId, entry.sequence);
    const list = hashes.get(bucket) ?? [];
    list.push(entryHash(entry));
    hashes.set(bucket, list);
  }
  const buckets: Record<string, SetDigest> = {};
  for (const bucket of [...hashes.keys()].sort()) {
    const list = hashes.get(bucket) as string[];
    buckets[bucket] = { count: list.length, digest: digestOfHashes(list) };
  }
  return buckets;
}

/** Count and digest of the whole set, from its buckets. */
export function totalOf(buckets: BucketDigests): SetDigest {
  const values = Object.values(buckets);
  return { count: values.reduce((sum, bucket) => sum + bucket.count, 0), digest: combineDigests(values.map((bucket) => bucket.digest)) };
}
