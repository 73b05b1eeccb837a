/**
 * Wire contract of reconciliation (一致性核查, Art. 7(2)): a department's manifest of a day, the
 * listing of its differing buckets, and the comparison as answered. Digests, buckets and versions
 * are defined in `shared/domain/reconciliation/record-digest.ts` (and `docs/api.md`).
 */
import * as z from 'zod';
import { CalendarDate } from '../domain/calendar/calendar-overlay.ts';
import { bucketCount, bucketPattern, digestPattern } from '../domain/reconciliation/record-digest.ts';
import { CaseId, DepartmentId, MatterCode, Sequence } from '../domain/records/identifiers.ts';
import { InstantView } from './instant-view.ts';

export const reconciliationLimits = {
  /** Matters a manifest may name. */
  maxMatters: 100,
  /** Buckets one listing request may carry. */
  maxBucketsPerListing: 16,
  /** Records one listing request may carry. */
  maxRecordsPerListing: 20_000,
  /** A manifest of 100 matters with every bucket: about 3 MB. */
  maxBodyBytes: 4 * 1024 * 1024,
} as const;

/** `/v1/departments/{department}/manifests/{day}`. */
export const ManifestPath = z.strictObject({ department: DepartmentId, day: CalendarDate });

const Digest = z.string().regex(digestPattern, '应为 64 个小写十六进制字符 / 64 lower-case hex characters');
const Bucket = z.string().regex(bucketPattern, '应为 2 个小写十六进制字符 / 2 lower-case hex characters');
const Count = z.number().int('应为整数 / an integer').min(0).max(100_000_000);

const SetDigestBody = z.strictObject({ count: Count, digest: Digest });

/** A record as listed: its identity within the matter and its version (the content hash of what was pushed). */
const RecordEntryBody = z.strictObject({
  caseId: CaseId,
  sequence: Sequence,
  version: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, '应为记录内容的 SHA-256（base64url，43 个字符） / the SHA-256 of the record as pushed, base64url (43 characters)'),
});

/** `PUT .../manifests/{day}`: per matter with records that day, count, digest and each non-empty bucket's. */
export const ManifestBody = z.strictObject({
  matters: z
    .array(
      z.strictObject({
        matterCode: MatterCode,
        count: Count,
        digest: Digest,
        buckets: z
          .record(Bucket, SetDigestBody)
          .refine((buckets) => Object.keys(buckets).length <= bucketCount, `至多 ${bucketCount} 个分桶 / at most ${bucketCount} buckets`),
      }),
    )
    .max(reconciliationLimits.maxMatters)
    .superRefine((matters, context) => {
      const seen = new Set<string>();
      matters.forEach((matter, i) => {
        if (seen.has(matter.matterCode)) context.addIssue({ code: 'custom', path: [i, 'matterCode'], message: '事项重复 / matter listed twice' });
        seen.add(matter.matterCode);
      });
    }),
});

/** `POST .../manifests/{day}/buckets`: the records of differing buckets. */
export const BucketListingBody = z.strictObject({
  buckets: z
    .array(z.strictObject({ matterCode: MatterCode, bucket: Bucket, records: z.array(RecordEntryBody).max(reconciliationLimits.maxRecordsPerListing) }))
    .min(1)
    .max(reconciliationLimits.maxBucketsPerListing)
    .refine(
      (buckets) => buckets.reduce((n, b) => n + b.records.length, 0) <= reconciliationLimits.maxRecordsPerListing,
      `至多 ${reconciliationLimits.maxRecordsPerListing} 条记录 / at most ${reconciliationLimits.maxRecordsPerListing} records`,
    ),
});

const SetDigestView = z.object({ count: z.number().int(), digest: z.string() });
const RecordRefView = z.object({ caseId: z.string(), sequence: z.number().int() });

export const ReconciliationView = z.object({
  department: z.string(),
  day: z.string(),
  submittedAt: InstantView,
  /** `consistent` when every matter agrees; `differing` otherwise. */
  status: z.enum(['consistent', 'differing']),
  differingBuckets: z.number().int(),
  /** Differing buckets whose records the department has not listed yet. */
  bucketsToList: z.number().int(),
  missing: z.number().int(),
  extra: z.number().int(),
  mismatched: z.number().int(),
  matters: z.array(z.object({ matterCode: z.string(), declared: SetDigestView, held: SetDigestView, differingBuckets: z.array(z.string()) })),
  /** The listed buckets, record by record (each list cut to its first 50; the counts are whole). */
  differences: z.array(
    z.object({
      matterCode: z.string(),
      bucket: z.string(),
      missing: z.array(RecordRefView),
      extra: z.array(RecordRefView),
      mismatched: z.array(RecordRefView.extend({ declaredVersion: z.string(), heldVersion: z.string() })),
      counts: z.object({ missing: z.number().int(), extra: z.number().int(), mismatched: z.number().int() }),
    }),
  ),
});
