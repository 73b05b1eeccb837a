import { createHash } from 'node:crypto';

/** Canonical JSON (sorted keys) so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Content hash of a record: tells a re-send (same hash) from a conflicting reuse of its key. */
export const contentHash = (record: unknown): string => createHash('sha256').update(canonicalJson(record)).digest('base64url');
