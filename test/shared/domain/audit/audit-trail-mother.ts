/** Audit entries and sealed digests for tests: entries with their real digests, digests with their real hash and a stand-in signature. */
import { randomUUID } from 'node:crypto';
import { auditEntryDigest, type StoredAuditEntry } from '#shared/domain/audit/audit-entry.ts';
import { digestBodyOf, digestHashOf, linkTo, type SealedAuditDigest } from '#shared/domain/audit/audit-digest.ts';
import { digestObjectKey, type SealSpan } from '#shared/domain/audit/seal-span.ts';
import type { CheckedDigest } from '#shared/domain/audit/audit-integrity.ts';

let counter = 0;

/** An entry written at `at` by a supervisor. */
export function anEntry(at: string, action = 'alert.acknowledge'): StoredAuditEntry {
  const content = { at, action, outcome: 'allowed', actor: 'citySupervisor:s1', target: 'alert:1' };
  return { key: `${at}#${(counter++).toString(36).padStart(8, '0')}#${randomUUID()}`, digest: auditEntryDigest(content), content };
}

export const signingKey = 'arn:aws-cn:kms:cn-north-1:000000000000:key/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';

/** The digest of `span` over `entries`, linked to `previous`. */
export function aDigest(span: SealSpan, entries: readonly StoredAuditEntry[], previous: SealedAuditDigest | null): SealedAuditDigest {
  const body = digestBodyOf({
    span,
    entries: entries.filter((entry) => entry.key >= span.start && entry.key < span.end),
    previous: previous && linkTo(previous),
    sealedAt: span.end,
    signingKey,
  });
  return { ...body, hash: digestHashOf(body).toString('hex'), signature: Buffer.from('stand-in signature').toString('base64') };
}

/** A chain of digests over consecutive spans. */
export function aChain(spans: readonly SealSpan[], entries: readonly StoredAuditEntry[], before: SealedAuditDigest | null = null): SealedAuditDigest[] {
  const chain: SealedAuditDigest[] = [];
  for (const span of spans) chain.push(aDigest(span, entries, chain.at(-1) ?? before));
  return chain;
}

/** As read and checked: intact. */
export const checked = (digest: SealedAuditDigest): CheckedDigest => ({ objectKey: digestObjectKey(digest.span.start), digest });
