/**
 * An audit entry as the store keeps it: a key of its own (the writer's instant, a counter and a
 * random id, so entries sort in time and never collide), its content, and the digest written
 * with it. The digest is unkeyed: it shows an entry changed without its digest being recomputed;
 * the sealed digests (`audit-digest.ts`) show the rest.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';

/** What an entry says (`at` is the writer's instant, ISO with milliseconds). */
export type AuditEntryContent = Readonly<Record<string, unknown>> & { readonly at: string };

/** One stored entry. */
export interface StoredAuditEntry {
  /** The entry's sort key: `<instant>#<counter>#<uuid>`. */
  readonly key: string;
  /** The digest stored with it. */
  readonly digest: string;
  /** Its content, without key and digest. */
  readonly content: Readonly<Record<string, unknown>>;
}

/** The digest of an entry's content: SHA-256 (hex) of its canonical JSON. */
export const auditEntryDigest = (content: Readonly<Record<string, unknown>>): string => createHash('sha256').update(canonicalJson(content)).digest('hex');

/** Length of an ISO instant with milliseconds (`2026-12-04T10:15:00.000Z`), the head of every entry key. */
const instantLength = 24;

/** The writer's instant an entry key starts with. */
export const instantOfEntryKey = (key: string): string => key.slice(0, instantLength);

/** The UTC day (`YYYY-MM-DD`) of an instant: the partition its entries are stored in. */
export const auditDayOf = (instant: string): string => instant.slice(0, 10);
