/**
 * Verify the seals of stored act records.
 * Primary course: for each hour asked for, read the records sealed in it (by the hour index),
 * derive the hour's key once (only when the hour has records), check every record's seal; stop
 * when the run's budget of records is spent, naming the hours left for later. Any seal that does
 * not match — a record changed outside the application, or its seal removed — is an integrity
 * break: one `integrityBreak` security event for the run, with the count and the first record.
 *
 * What it cannot see: a record deleted outside the application, or one whose hour attribute was
 * removed (it leaves the hour index). Those are for a sealed chain of each case (not built).
 */
import type { Clock } from '../ports.ts';
import type { SecurityEventLog } from '../security-events.ts';
import type { HourKeys } from './hour-keys.ts';
import { isSealHour, verifySeal, type HourKey } from './record-seal.ts';

/** A stored item as the verifier reads it (its table key, its attributes, its seal). */
export type StoredItem = Readonly<Record<string, unknown>>;

/** The records sealed in an hour, read a batch at a time. */
export interface SealedRecords {
  sealedIn(hour: string): AsyncIterable<readonly StoredItem[]>;
}

/** A record whose seal does not match, by its table key. */
export interface BrokenSeal {
  readonly pk: string;
  readonly sk: string;
  readonly hour: string;
  readonly verdict: 'altered' | 'sealMissing';
}

/** One hour's check. */
export interface HourCheck {
  readonly hour: string;
  readonly records: number;
  readonly broken: number;
  /** False when the run's budget ran out inside this hour. */
  readonly complete: boolean;
}

/** What one run found. */
export interface SealVerification {
  readonly hours: readonly HourCheck[];
  /** Records checked. */
  readonly records: number;
  /** Records whose seal does not match. */
  readonly broken: number;
  /** The first {@link namedBrokenSeals} of them, by table key. */
  readonly brokenRecords: readonly BrokenSeal[];
  /** Hours left unchecked (or incomplete) because the run's budget was spent, to be asked for again. */
  readonly deferredHours: readonly string[];
}

export interface VerifyRecordSealsDependencies {
  readonly records: SealedRecords;
  readonly keys: HourKeys;
  readonly securityEvents: SecurityEventLog;
  /** The function that verifies: the source of its security events. */
  readonly source: string;
  readonly clock: Clock;
}

/** Most broken seals a result names (the count is always complete). */
export const namedBrokenSeals = 100;

export async function verifyRecordSeals(
  hours: readonly string[],
  deps: VerifyRecordSealsDependencies,
  budget: { readonly maxRecords: number },
): Promise<SealVerification> {
  const checks: HourCheck[] = [];
  const brokenRecords: BrokenSeal[] = [];
  let records = 0;
  let broken = 0;
  let deferredFrom: number | undefined;

  for (const [index, hour] of hours.entries()) {
    if (!isSealHour(hour)) throw new Error(`not a seal hour: ${hour}`);
    if (records >= budget.maxRecords) {
      deferredFrom = index;
      break;
    }
    let key: HourKey | undefined;
    let hourRecords = 0;
    let hourBroken = 0;
    let complete = true;
    for await (const batch of deps.records.sealedIn(hour)) {
      key ??= await deps.keys.keyOf(hour);
      for (const item of batch) {
        const verdict = verifySeal(key, item);
        hourRecords += 1;
        if (verdict === 'intact') continue;
        hourBroken += 1;
        if (brokenRecords.length < namedBrokenSeals) brokenRecords.push({ pk: String(item['pk']), sk: String(item['sk']), hour, verdict });
      }
      if (records + hourRecords >= budget.maxRecords) {
        complete = false;
        break;
      }
    }
    records += hourRecords;
    broken += hourBroken;
    checks.push({ hour, records: hourRecords, broken: hourBroken, complete });
    if (!complete) {
      deferredFrom = index;
      break;
    }
  }

  if (broken > 0) {
    const first = brokenRecords[0];
    await deps.securityEvents.record({
      kind: 'integrityBreak',
      at: deps.clock().toISOString(),
      source: deps.source,
      subject: 'table:cases',
      detail: { count: broken, records, firstRecord: first ? `${first.pk} ${first.sk}` : '', firstHour: first?.hour ?? '' },
    });
  }
  return { hours: checks, records, broken, brokenRecords, deferredHours: deferredFrom === undefined ? [] : hours.slice(deferredFrom) };
}
