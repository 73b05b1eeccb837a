import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.ts';

export { canonicalJson };

/** Content hash of a record: tells a re-send (same hash) from a conflicting reuse of its key. */
export const contentHash = (record: unknown): string => createHash('sha256').update(canonicalJson(record)).digest('base64url');
