/**
 * Verify the audit trail over a range of days.
 * Primary course: for each day, read its digests (checking each one's hash and signature) and
 * its entries, find the digest its first one links to and the first digest after it, and let the
 * domain compare (`verifyDay`); the first finding of the earliest day is the one to name.
 */
import type { AuditFinding, CheckedDigest, DayVerification } from '../../domain/audit/audit-integrity.ts';
import { verifyDay } from '../../domain/audit/audit-integrity.ts';
import { dayAfter, digestObjectKey, endOfDayOf, startOfDay } from '../../domain/audit/seal-span.ts';
import { mapConcurrently } from '../map-concurrently.ts';
import type { AuditEntryReader, DigestSignatureVerifier, DigestStore } from './audit-trail-ports.ts';
import { checkDigestText, readCheckedDigest } from './check-digest.ts';

export interface VerifyAuditTrailDependencies {
  readonly entries: AuditEntryReader;
  readonly digests: DigestStore;
  readonly verifier: DigestSignatureVerifier;
}

export interface VerifyAuditTrailOptions {
  /** The current UTC day: no digest is looked for after it. */
  readonly today: string;
  /** Days before the first day searched for digests when its first digest starts a chain (a restart is then a finding). */
  readonly chainLookbackDays?: number;
  /** Digest objects read at once. */
  readonly concurrency?: number;
}

/** The result over the range. */
export interface AuditTrailVerification {
  readonly days: readonly DayVerification[];
  readonly entries: number;
  readonly digests: number;
  /** How many findings, over every day. */
  readonly findings: number;
  /** The earliest finding: the first missing, altered or inserted entry, or missing or broken digest. */
  readonly firstFinding?: AuditFinding;
}

/** Days back a verification looks for an earlier chain when a day's first digest starts one. */
export const defaultChainLookbackDays = 31;

/** Verifies each of `days` (consecutive, ascending). */
export async function verifyAuditTrail(
  days: readonly string[],
  deps: VerifyAuditTrailDependencies,
  options: VerifyAuditTrailOptions,
): Promise<AuditTrailVerification> {
  const concurrency = options.concurrency ?? 8;
  const read = async (day: string): Promise<CheckedDigest[]> => {
    const keys = await deps.digests.listDay(day);
    return mapConcurrently(keys, concurrency, async (objectKey) => {
      const text = await deps.digests.read(objectKey);
      return text === undefined ? { objectKey, broken: 'unreadable' as const } : checkDigestText(objectKey, text, deps.verifier);
    });
  };
  const digestsByDay = new Map<string, CheckedDigest[]>();
  for (const day of days) digestsByDay.set(day, await read(day));

  const results: DayVerification[] = [];
  let chainBefore: boolean | undefined;
  for (const [index, day] of days.entries()) {
    const digests = digestsByDay.get(day) ?? [];
    const first = digests[0];
    const link = first?.digest?.previous;
    let predecessor: CheckedDigest | 'missing' | undefined;
    if (link) {
      const earlier = index > 0 ? (digestsByDay.get(days[index - 1]!) ?? []).find((checked) => checked.digest?.span.start === link.start) : undefined;
      predecessor = earlier ?? (await readCheckedDigest(digestObjectKey(link.start), deps.digests, deps.verifier));
    }
    chainBefore ??= link ? true : await anyDigestBefore(day, deps.digests, options.chainLookbackDays ?? defaultChainLookbackDays);
    const following = await firstDigestAfter(day, days.slice(index + 1), digestsByDay, deps, options.today);
    const entries = await deps.entries.entriesBetween(day, startOfDay(day), endOfDayOf(startOfDay(day)));
    results.push(
      verifyDay({
        day,
        entries,
        digests,
        ...(predecessor === undefined ? {} : { predecessor }),
        chainBefore,
        ...(following === undefined ? {} : { following }),
      }),
    );
    chainBefore = chainBefore || digests.length > 0;
  }
  const firstFinding = results.find((result) => result.findings.length > 0)?.findings[0];
  return {
    days: results,
    entries: results.reduce((sum, result) => sum + result.entries, 0),
    digests: results.reduce((sum, result) => sum + result.digests, 0),
    findings: results.reduce((sum, result) => sum + result.findings.length, 0),
    ...(firstFinding === undefined ? {} : { firstFinding }),
  };
}

/** Whether any digest lies in the `lookback` days before `day`. */
async function anyDigestBefore(day: string, digests: DigestStore, lookback: number): Promise<boolean> {
  for (let step = 1; step <= lookback; step += 1) {
    if ((await digests.listDay(dayAfter(day, -step))).length > 0) return true;
  }
  return false;
}

/** The first digest after `day`: in the later days of the range already read, else in the days after it up to today. */
async function firstDigestAfter(
  day: string,
  laterInRange: readonly string[],
  digestsByDay: ReadonlyMap<string, CheckedDigest[]>,
  deps: VerifyAuditTrailDependencies,
  today: string,
): Promise<{ readonly startsChain: boolean } | undefined> {
  const startsChain = (checked: CheckedDigest): { readonly startsChain: boolean } => ({ startsChain: checked.digest?.previous === null });
  for (const later of laterInRange) {
    const first = digestsByDay.get(later)?.[0];
    if (first) return startsChain(first);
  }
  for (let later = dayAfter(laterInRange.at(-1) ?? day); later <= today; later = dayAfter(later)) {
    const [objectKey] = await deps.digests.listDay(later);
    if (objectKey === undefined) continue;
    const text = await deps.digests.read(objectKey);
    return text === undefined ? { startsChain: false } : startsChain(await checkDigestText(objectKey, text, deps.verifier));
  }
  return undefined;
}
