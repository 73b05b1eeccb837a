/**
 * What the sealed digests say about the stored entries, as findings: an entry missing, altered or
 * inserted; a digest missing or broken; the chain broken. Pure: the caller reads the entries and
 * digests and checks each digest's signature; these functions compare.
 *
 * A late entry — one whose instant falls in a span already sealed — is reported as inserted: the
 * grace period before sealing is longer than any function can take to append, so no writer of
 * the application can produce one (docs/operations.md, "Audit trail").
 */
import { auditEntryDigest, instantOfEntryKey, type StoredAuditEntry } from './audit-entry.ts';
import { linkTo, type AuditDigestLink, type SealedAuditDigest } from './audit-digest.ts';
import { endOfDayOf, spanHolds, spanStartOfObjectKey, startOfDay, type SealSpan } from './seal-span.ts';

/** Why a digest cannot be trusted. */
export type DigestBreak =
  /** Not a digest of this format (not JSON, a field missing or malformed). */
  | 'unreadable'
  /** Its body does not hash to the hash it carries: changed after sealing. */
  | 'altered'
  /** Its signature does not verify with the deployment's signing key. */
  | 'signature'
  /** It names another signing key than the deployment's. */
  | 'foreignKey'
  /** It lies under the object key of another span. */
  | 'misplaced';

/** One thing the verification found wrong, located at an instant (`at`) so findings sort in time. */
export type AuditFinding =
  | { readonly kind: 'entryMissing' | 'entryAltered' | 'entryInserted'; readonly at: string; readonly entry: string; readonly span: SealSpan }
  | { readonly kind: 'digestMissing'; readonly at: string; readonly span: SealSpan; readonly entries: number }
  | { readonly kind: 'digestBroken'; readonly at: string; readonly digest: string; readonly reason: DigestBreak; readonly entries: number }
  | {
      readonly kind: 'chainBroken';
      readonly at: string;
      readonly digest: string;
      readonly reason: 'previousMismatch' | 'previousMissing' | 'restarted' | 'overlap';
    };

/** A digest object as read and checked by the caller. */
export interface CheckedDigest {
  /** Its object key (`digests/<day>/<time>Z.json`). */
  readonly objectKey: string;
  /** The parsed digest; absent when unreadable. */
  readonly digest?: SealedAuditDigest;
  /** Set when it cannot be trusted. */
  readonly broken?: DigestBreak;
}

const kindOrder: Record<AuditFinding['kind'], number> = {
  digestMissing: 0,
  digestBroken: 1,
  chainBroken: 2,
  entryMissing: 3,
  entryAltered: 4,
  entryInserted: 5,
};

/** Findings in the order they occur in time (the first is the one to name). */
export const inTimeOrder = (findings: readonly AuditFinding[]): AuditFinding[] =>
  [...findings].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : kindOrder[a.kind] - kindOrder[b.kind]));

/**
 * The entries of a span against its digest: an entry sealed but not stored is missing; stored
 * but not sealed, inserted (or late); stored with content or digest other than sealed, altered.
 * `entries` may hold entries outside the span; they are ignored.
 */
export function compareSpanEntries(digest: SealedAuditDigest, entries: readonly StoredAuditEntry[]): AuditFinding[] {
  const { span } = digest;
  const sealed = new Map(digest.entries.map(([key, entryDigest]) => [key, entryDigest]));
  const stored = new Map(entries.filter((entry) => spanHolds(span, entry.key)).map((entry) => [entry.key, entry]));
  const findings: AuditFinding[] = [];
  for (const key of [...new Set([...sealed.keys(), ...stored.keys()])].sort()) {
    const at = instantOfEntryKey(key);
    const sealedDigest = sealed.get(key);
    const entry = stored.get(key);
    if (entry === undefined) findings.push({ kind: 'entryMissing', at, entry: key, span });
    else if (sealedDigest === undefined) findings.push({ kind: 'entryInserted', at, entry: key, span });
    else if (entry.digest !== sealedDigest || auditEntryDigest(entry.content) !== sealedDigest) findings.push({ kind: 'entryAltered', at, entry: key, span });
  }
  return findings;
}

/** Whether `digest` links to `predecessor` (a digest that checked out). */
const linksTo = (link: AuditDigestLink | null, predecessor: SealedAuditDigest): boolean => {
  const expected = linkTo(predecessor);
  return link !== null && link.start === expected.start && link.hash === expected.hash;
};

/** The span a checked digest covers: its own, or for an unreadable one from its object key to the next digest's start. */
const spanOf = (checked: CheckedDigest, next: CheckedDigest | undefined): SealSpan | undefined => {
  if (checked.digest && checked.broken !== 'misplaced') return checked.digest.span;
  const start = spanStartOfObjectKey(checked.objectKey);
  if (start === undefined) return undefined;
  const nextStart = next && (next.digest?.span.start ?? spanStartOfObjectKey(next.objectKey));
  return { start, end: nextStart ?? endOfDayOf(start) };
};

/** The latest (chain head) digest, checked against its entries and its predecessor: what the sealer re-checks each run. */
export function verifyChainHead(head: CheckedDigest, predecessor: CheckedDigest | 'missing' | undefined, entries: readonly StoredAuditEntry[]): AuditFinding[] {
  const span = spanOf(head, undefined);
  const at = span?.start ?? '';
  const findings: AuditFinding[] = [];
  if (head.broken || !head.digest) {
    findings.push({
      kind: 'digestBroken',
      at,
      digest: head.objectKey,
      reason: head.broken ?? 'unreadable',
      entries: span ? entries.filter((entry) => spanHolds(span, entry.key)).length : 0,
    });
    return findings;
  }
  findings.push(...linkFindings(head, predecessor));
  findings.push(...compareSpanEntries(head.digest, entries));
  return inTimeOrder(findings);
}

/** A digest's link to the digest before it, when that one is in an earlier object read separately. */
function linkFindings(checked: CheckedDigest, predecessor: CheckedDigest | 'missing' | undefined): AuditFinding[] {
  const digest = checked.digest;
  if (!digest || digest.previous === null) return [];
  const at = digest.span.start;
  if (predecessor === 'missing' || predecessor === undefined) return [{ kind: 'chainBroken', at, digest: checked.objectKey, reason: 'previousMissing' }];
  if (predecessor.broken || !predecessor.digest) return [];
  return linksTo(digest.previous, predecessor.digest) ? [] : [{ kind: 'chainBroken', at, digest: checked.objectKey, reason: 'previousMismatch' }];
}

/** What the verification of one day reads. */
export interface DayEvidence {
  readonly day: string;
  /** The day's stored entries. */
  readonly entries: readonly StoredAuditEntry[];
  /** The day's digests, checked, in object-key (time) order. */
  readonly digests: readonly CheckedDigest[];
  /** The digest the day's first digest links to (of an earlier day); `missing` when its object is absent. */
  readonly predecessor?: CheckedDigest | 'missing';
  /** Whether any digest exists before this day: a first digest without a link is then a restart of the chain. */
  readonly chainBefore: boolean;
  /**
   * The first digest after this day, if any: a later digest means the day is finished, not still
   * being sealed; one that starts the chain (no link) means the day came before the chain began.
   */
  readonly following?: { readonly startsChain: boolean };
}

/** One day's result. */
export interface DayVerification {
  readonly day: string;
  /** Entries stored for the day. */
  readonly entries: number;
  /** Digests found for the day. */
  readonly digests: number;
  /** End of the day's last digest: entries before it are sealed. */
  readonly sealedUntil?: string;
  /** Entries not covered by any digest, and why that is no finding. */
  readonly unsealed: {
    /** Before the chain's first digest (the sealer did not run yet). */
    readonly beforeChain: number;
    /** After the chain's head: the sealer's next runs will seal them. */
    readonly pending: number;
  };
  /** Everything found wrong, in time order. */
  readonly findings: readonly AuditFinding[];
}

/**
 * Checks one day: its digests tile the day from midnight (or from the chain's first digest)
 * without gap or overlap, each links to the one before and checks out, and the entries of each
 * span are exactly those sealed. Entries after the last digest are pending while no later digest
 * exists, and in a missing digest's span once one does.
 */
export function verifyDay(evidence: DayEvidence): DayVerification {
  const { day, entries, digests } = evidence;
  const dayEnd = endOfDayOf(startOfDay(day));
  const count = (span: SealSpan): number => entries.filter((entry) => spanHolds(span, entry.key)).length;
  const findings: AuditFinding[] = [];
  let beforeChain = 0;
  let pending = 0;

  if (digests.length === 0) {
    const wholeDay = { start: startOfDay(day), end: dayEnd };
    if (evidence.following === undefined) pending = entries.length;
    else if (evidence.following.startsChain && !evidence.chainBefore) beforeChain = entries.length;
    else findings.push({ kind: 'digestMissing', at: wholeDay.start, span: wholeDay, entries: entries.length });
    return { day, entries: entries.length, digests: 0, unsealed: { beforeChain, pending }, findings };
  }

  let expected = startOfDay(day);
  const first = digests[0]!;
  if (first.digest && !first.broken && first.digest.previous === null) {
    if (evidence.chainBefore) findings.push({ kind: 'chainBroken', at: first.digest.span.start, digest: first.objectKey, reason: 'restarted' });
    else {
      // The chain begins here: what came before was never sealed.
      beforeChain = count({ start: expected, end: first.digest.span.start });
      expected = first.digest.span.start;
    }
  } else {
    findings.push(...linkFindings(first, evidence.predecessor));
  }

  digests.forEach((checked, index) => {
    const span = spanOf(checked, digests[index + 1]);
    if (span === undefined) {
      findings.push({ kind: 'digestBroken', at: expected, digest: checked.objectKey, reason: checked.broken ?? 'unreadable', entries: 0 });
      return;
    }
    const gap = span.start > expected;
    if (gap)
      findings.push({ kind: 'digestMissing', at: expected, span: { start: expected, end: span.start }, entries: count({ start: expected, end: span.start }) });
    if (span.start < expected) findings.push({ kind: 'chainBroken', at: span.start, digest: checked.objectKey, reason: 'overlap' });
    const previous = digests[index - 1];
    // After a gap the digest links to the missing one: the gap is the finding, not the link.
    if (index > 0 && !gap && checked.digest && !checked.broken && previous?.digest && !previous.broken && !linksTo(checked.digest.previous, previous.digest)) {
      findings.push({ kind: 'chainBroken', at: span.start, digest: checked.objectKey, reason: 'previousMismatch' });
    }
    if (checked.broken || !checked.digest)
      findings.push({ kind: 'digestBroken', at: span.start, digest: checked.objectKey, reason: checked.broken ?? 'unreadable', entries: count(span) });
    else findings.push(...compareSpanEntries(checked.digest, entries));
    if (span.end > expected) expected = span.end;
  });

  if (expected < dayEnd) {
    const tail = { start: expected, end: dayEnd };
    if (evidence.following !== undefined) findings.push({ kind: 'digestMissing', at: expected, span: tail, entries: count(tail) });
    else pending = count(tail);
  }
  return { day, entries: entries.length, digests: digests.length, sealedUntil: expected, unsealed: { beforeChain, pending }, findings: inTimeOrder(findings) };
}
