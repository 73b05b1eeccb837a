/**
 * Reconciliation (一致性核查, Art. 7(2)): a department's manifest of what its business system holds
 * for a day, compared with what the system holds.
 *
 * Primary course of a manifest (`submitManifest`): the signing department submits, for a Shanghai
 * day that has begun, the count and digest of each matter's records and of each of their buckets;
 * a manifest whose totals are not the sum of its buckets is refused (nothing stored). The system
 * reads the department's records of the day from the receipts' index (keys only), computes its
 * own buckets, and stores the comparison as the day's latest, replacing any earlier one: each
 * matter consistent, or the buckets that differ.
 *
 * Narrowing (`listBuckets`): the department lists the records (case, sequence, version) of
 * differing buckets; each bucket is read alone and compared record by record, and its differences
 * (missing, extra, version mismatched) are stored with the day. The hourly connection check raises
 * a warning while a day differs, and resolves it once the latest manifest of each day is consistent.
 */
import type { DepartmentPrincipal, StaffPrincipal } from '../../access/principal.ts';
import { shanghaiDate, type LocalDate } from '../../domain/calendar/local-date.ts';
import {
  bucketDifferences,
  compareManifest,
  cutDifferences,
  entriesOutsideBucket,
  manifestInconsistencies,
  repeatedEntries,
  type BucketDifferences,
  type MatterManifest,
} from '../../domain/reconciliation/compare-manifest.ts';
import { bucketDigestsOf, type BucketDigests, type RecordEntry } from '../../domain/reconciliation/record-digest.ts';
import { tallyOf, type ReconciliationDay } from '../../domain/reconciliation/reconciliation-findings.ts';
import { BucketNotDiffering, DayNotOver, ManifestContradictsItself, NoManifestOfDay } from '../../domain/reconciliation/reconciliation-refusals.ts';
import type { FieldError } from '../../domain/refusal.ts';
import { VersionChanged } from '../store-refusals.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { readDepartment } from '../city-structure/manage-city-structure.ts';
import type { AuditLog, Clock } from '../ports.ts';
import type { HeldRecords, ReconciliationStore } from './reconciliation-store.ts';

/** Records of each list of a bucket's differences kept with the day (the counts stay whole). */
export const storedDifferencesPerList = 50;

export interface ReconcileDependencies {
  readonly held: HeldRecords;
  readonly reconciliations: ReconciliationStore;
  readonly clock: Clock;
}

/** A listing of one bucket of one matter, as the department sends it. */
export interface BucketListing {
  readonly matterCode: string;
  readonly bucket: string;
  readonly records: readonly RecordEntry[];
}

/** The day's comparison as answered: its tally beside it. */
export const reconciliationView = (day: ReconciliationDay) => ({ ...day, ...tallyOf(day) });
export type ReconciliationView = ReturnType<typeof reconciliationView>;

function refuseFutureDay(day: LocalDate, clock: Clock): void {
  if (day > shanghaiDate(clock())) {
    throw new DayNotOver({ zh: '该日尚未开始', en: 'The day has not begun' }, undefined, [
      { pointer: '/path/day', detail: { zh: '应为今天或之前的日期（上海时间）', en: 'must be today or earlier (Shanghai)' } },
    ]);
  }
}

/** Compares the department's manifest of `day` with what the system holds, and stores the comparison as the day's latest. */
export async function submitManifest(
  principal: DepartmentPrincipal,
  day: LocalDate,
  matters: readonly MatterManifest[],
  deps: ReconcileDependencies,
): Promise<ReconciliationView> {
  refuseFutureDay(day, deps.clock);
  const inconsistent = manifestInconsistencies(matters);
  if (inconsistent.length > 0) {
    const index = new Map(matters.map((matter, i) => [matter.matterCode, i]));
    throw new ManifestContradictsItself(
      { zh: '清单自相矛盾', en: 'The manifest contradicts itself' },
      { zh: '事项的条数和摘要应为其各分桶之和。', en: "A matter's count and digest must be the sum of its buckets'." },
      inconsistent.map(({ matterCode, field }) => ({
        pointer: `/matters/${index.get(matterCode)}/${field}`,
        detail: { zh: '与各分桶之和不符', en: 'is not the sum of its buckets' },
      })),
    );
  }
  const held = new Map<string, RecordEntry[]>();
  const records = await deps.held.ofDay(principal.department, day);
  for (const record of records) {
    const list = held.get(record.matterCode) ?? [];
    list.push(record);
    held.set(record.matterCode, list);
  }
  const heldBuckets = new Map<string, BucketDigests>([...held].map(([matterCode, entries]) => [matterCode, bucketDigestsOf(entries)]));
  const comparison: ReconciliationDay = {
    department: principal.department,
    day,
    submittedAt: deps.clock().toISOString(),
    matters: compareManifest(matters, heldBuckets),
    differences: [],
  };
  await deps.reconciliations.save(comparison);
  return reconciliationView(comparison);
}

/** Compares the listed buckets record by record and keeps their differences with the day's latest comparison. */
export async function listBuckets(
  principal: DepartmentPrincipal,
  day: LocalDate,
  listings: readonly BucketListing[],
  deps: ReconcileDependencies,
): Promise<ReconciliationView> {
  const errors: FieldError[] = [];
  listings.forEach((listing, i) => {
    for (const at of entriesOutsideBucket(listing.bucket, listing.records))
      errors.push({ pointer: `/buckets/${i}/records/${at}`, detail: { zh: `不属于分桶 ${listing.bucket}`, en: `not of bucket ${listing.bucket}` } });
    for (const at of repeatedEntries(listing.records)) errors.push({ pointer: `/buckets/${i}/records/${at}`, detail: { zh: '重复列出', en: 'listed twice' } });
  });
  if (errors.length > 0) {
    throw new ManifestContradictsItself({ zh: '分桶清单有误', en: 'The bucket listing is not of its buckets' }, undefined, errors.slice(0, 20));
  }
  const stored = await deps.reconciliations.day(principal.department, day);
  if (stored === undefined) throw new NoManifestOfDay({ zh: '该日没有清单', en: 'No manifest of that day' });
  listings.forEach((listing, i) => {
    const matter = stored.matters.find((m) => m.matterCode === listing.matterCode);
    if (matter === undefined || !matter.differingBuckets.includes(listing.bucket)) {
      throw new BucketNotDiffering(
        { zh: '该分桶没有差异', en: 'The bucket does not differ' },
        { zh: '只需列出该日最新清单比对出差异的分桶。', en: "List only the buckets the day's latest manifest found differing." },
        [{ pointer: `/buckets/${i}/bucket`, detail: { zh: '不是有差异的分桶', en: 'not a differing bucket' } }],
      );
    }
  });
  const found: BucketDifferences[] = [];
  for (const listing of listings) {
    const held = await deps.held.ofBucket(principal.department, day, listing.matterCode, listing.bucket);
    found.push(cutDifferences(bucketDifferences(listing.matterCode, listing.bucket, listing.records, held), storedDifferencesPerList));
  }
  const listed = new Set(found.map((d) => `${d.matterCode}\n${d.bucket}`));
  const updated: ReconciliationDay = {
    ...stored,
    differences: [...stored.differences.filter((d) => !listed.has(`${d.matterCode}\n${d.bucket}`)), ...found].sort((a, b) =>
      a.matterCode === b.matterCode ? (a.bucket < b.bucket ? -1 : 1) : a.matterCode < b.matterCode ? -1 : 1,
    ),
  };
  if ((await deps.reconciliations.save(updated, stored.submittedAt)) === 'changedConcurrently') {
    throw new VersionChanged(
      { zh: '该日的清单已被重新报送', en: "The day's manifest was submitted again meanwhile" },
      { zh: '请按新的比对结果重新列出分桶。', en: 'List the buckets the new comparison names.' },
    );
  }
  return reconciliationView(updated);
}

/** The day's latest comparison, for staff who may see the department (404 otherwise, audited). */
export async function readReconciliation(
  principal: StaffPrincipal,
  department: string,
  day: LocalDate,
  deps: Pick<ReconcileDependencies, 'reconciliations'> & { readonly structure: CityStructureRepository; readonly audit: AuditLog },
): Promise<ReconciliationView> {
  await readDepartment(principal, department, deps);
  const stored = await deps.reconciliations.day(department, day);
  if (stored === undefined) throw new NoManifestOfDay({ zh: '该日没有清单', en: 'No manifest of that day' });
  return reconciliationView(stored);
}
