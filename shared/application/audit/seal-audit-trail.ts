/**
 * Seal the audit trail (the sealer's scheduled run).
 * Primary course: find the chain head (the latest digest), re-check it against its entries and
 * the digest before it; then, from the head's end up to the cut-off (the schedule's time less the
 * grace period), seal each span: read its entries by key, build the digest linked to the one
 * before, have KMS sign its hash, write it once. On the first span of a new day, verify the whole
 * day before. Whatever a check finds is an integrity break: a security event, and the count the
 * alarm watches.
 *
 * Two runs at once (a retried tick) extend the same head: both build the next span's digest,
 * only one can write its key, the other stops. The chain never forks.
 */
import { digestBodyOf, digestHashOf, linkTo, serializeDigest, type AuditDigestLink, type SealedAuditDigest } from '../../domain/audit/audit-digest.ts';
import { auditDayOf } from '../../domain/audit/audit-entry.ts';
import { verifyChainHead, type AuditFinding, type CheckedDigest } from '../../domain/audit/audit-integrity.ts';
import { dayAfter, digestObjectKey, sealCutoff, spansToSeal, startOfDay, type SealSpan } from '../../domain/audit/seal-span.ts';
import type { SecurityEventLog } from '../security-events.ts';
import type { Clock } from '../ports.ts';
import { DigestAlreadySealedError, type AuditEntryReader, type DigestSignatureVerifier, type DigestSigner, type DigestStore } from './audit-trail-ports.ts';
import { checkDigestText, readCheckedDigest } from './check-digest.ts';
import { verifyAuditTrail } from './verify-audit-trail.ts';

export interface SealAuditTrailDependencies {
  readonly entries: AuditEntryReader;
  readonly digests: DigestStore;
  readonly signer: DigestSigner;
  readonly verifier: DigestSignatureVerifier;
  readonly securityEvents: SecurityEventLog;
  readonly clock: Clock;
}

export interface SealAuditTrailOptions {
  /** Seconds the cut-off stays behind the clock. */
  readonly graceSeconds: number;
  /** Spans sealed in one run at most (a run after an outage catches up over the next ones). */
  readonly maxSpansPerRun: number;
  /** Days searched back for the chain head; none found: the chain begins at the cut-off's midnight. */
  readonly headLookbackDays: number;
}

/** What a run did and found. */
export interface SealOutcome {
  readonly cutoff: string;
  /** The spans sealed, in order. */
  readonly sealed: readonly SealSpan[];
  readonly entriesSealed: number;
  /** What the re-check of the chain head found. */
  readonly headFindings: readonly AuditFinding[];
  /** The day verified in full because this run began a new one, and what it found. */
  readonly dayChecked?: { readonly day: string; readonly findings: number; readonly firstFinding?: AuditFinding };
  /** When the first span sealed became sealable (its start plus the grace period); null when nothing was due. */
  readonly earliestDueAt: string | null;
  /** Why the run sealed less than it could: another run sealed the next span first, or the head cannot be read. */
  readonly stopped?: 'raced' | 'headUnreadable';
}

/** The function that raises the security events (`SecurityEvent.source`). */
const source = 'audit-sealer';

export async function sealAuditTrail(scheduledAt: Date, deps: SealAuditTrailDependencies, options: SealAuditTrailOptions): Promise<SealOutcome> {
  const cutoff = sealCutoff(scheduledAt, deps.clock(), options.graceSeconds);
  const head = await findHead(auditDayOf(cutoff), deps, options.headLookbackDays);
  let headFindings: AuditFinding[] = [];
  if (head !== undefined) {
    headFindings = await recheckHead(head, deps);
    if (headFindings.length > 0) await raise('head', headFindings.length, headFindings[0]!, deps);
  }
  if (head !== undefined && head.digest === undefined) {
    // Without the head's span and hash the chain cannot go on: a person must look (the alarms tell).
    return { cutoff, sealed: [], entriesSealed: 0, headFindings, earliestDueAt: null, stopped: 'headUnreadable' };
  }

  const spans = spansToSeal(head?.digest?.span.end ?? startOfDay(auditDayOf(cutoff)), cutoff, options.maxSpansPerRun);
  const sealed: SealSpan[] = [];
  let entriesSealed = 0;
  let previous: AuditDigestLink | null = head?.digest ? linkTo(head.digest) : null;
  let stopped: SealOutcome['stopped'];
  for (const span of spans) {
    const entries = await deps.entries.entriesBetween(auditDayOf(span.start), span.start, span.end);
    const body = digestBodyOf({ span, entries, previous, sealedAt: deps.clock().toISOString(), signingKey: deps.signer.keyId });
    const hash = digestHashOf(body);
    const digest: SealedAuditDigest = { ...body, hash: hash.toString('hex'), signature: await deps.signer.sign(hash) };
    try {
      await deps.digests.writeNew(digestObjectKey(span.start), serializeDigest(digest));
    } catch (error) {
      if (!(error instanceof DigestAlreadySealedError)) throw error;
      stopped = 'raced';
      break;
    }
    sealed.push(span);
    entriesSealed += entries.length;
    previous = linkTo(digest);
  }

  // A run that seals the first span of a day checks the whole day before, once (not the day before the chain began).
  const newDay = head === undefined ? undefined : sealed.find((span) => span.start === startOfDay(auditDayOf(span.start)));
  let dayChecked: SealOutcome['dayChecked'];
  if (newDay !== undefined) {
    const day = dayAfter(auditDayOf(newDay.start), -1);
    const verification = await verifyAuditTrail([day], deps, { today: auditDayOf(cutoff) });
    dayChecked = { day, findings: verification.findings, ...(verification.firstFinding ? { firstFinding: verification.firstFinding } : {}) };
    if (verification.firstFinding) await raise('day', verification.findings, verification.firstFinding, deps);
  }

  const earliestDueAt = sealed[0] ? new Date(Date.parse(sealed[0].start) + options.graceSeconds * 1000).toISOString() : null;
  return { cutoff, sealed, entriesSealed, headFindings, ...(dayChecked ? { dayChecked } : {}), earliestDueAt, ...(stopped ? { stopped } : {}) };
}

/** The latest digest: the last key of the latest day that has any, up to `lookbackDays` back. */
async function findHead(day: string, deps: SealAuditTrailDependencies, lookbackDays: number): Promise<CheckedDigest | undefined> {
  for (let step = 0; step <= lookbackDays; step += 1) {
    const keys = await deps.digests.listDay(dayAfter(day, -step));
    const objectKey = keys.at(-1);
    if (objectKey === undefined) continue;
    const text = await deps.digests.read(objectKey);
    if (text === undefined) return { objectKey, broken: 'unreadable' };
    // A broken head whose body still parses keeps its span and hash, so the chain can go on past it.
    return checkDigestText(objectKey, text, deps.verifier);
  }
  return undefined;
}

/** The head against its entries and its link to the digest before. */
async function recheckHead(head: CheckedDigest, deps: SealAuditTrailDependencies): Promise<AuditFinding[]> {
  const span = head.digest?.span;
  const previous = head.digest?.previous;
  const predecessor = previous ? await readCheckedDigest(digestObjectKey(previous.start), deps.digests, deps.verifier) : undefined;
  const entries = span ? await deps.entries.entriesBetween(auditDayOf(span.start), span.start, span.end) : [];
  return verifyChainHead(head, predecessor, entries);
}

/** One security event per check that found something: how many, and the first. */
async function raise(check: 'head' | 'day', count: number, first: AuditFinding, deps: SealAuditTrailDependencies): Promise<void> {
  const where: Record<string, string> =
    'entry' in first ? { entry: first.entry } : 'digest' in first ? { digest: first.digest } : { span: `${first.span.start}/${first.span.end}` };
  await deps.securityEvents.record({
    kind: 'integrityBreak',
    at: deps.clock().toISOString(),
    source,
    subject: 'audit trail',
    detail: { check, findings: count, first: first.kind, firstAt: first.at, ...where },
  });
}
