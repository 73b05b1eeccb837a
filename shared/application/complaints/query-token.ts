/**
 * The complainant's secret query token: 192 random bits, base64url, handed out once at filing and
 * stored only as its SHA-256 hash. Checked in constant time; an unknown complaint is checked
 * against a dummy hash, so the answer and its timing say nothing about whether a receipt exists.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const tokenBytes = 24;
/** The wire form: 32 base64url characters. */
export const queryTokenPattern = /^[A-Za-z0-9_-]{32}$/;

export const newQueryToken = (): string => randomBytes(tokenBytes).toString('base64url');

export const queryTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const dummyHash = queryTokenHash('no complaint has this token, it only spends the same time');

/** True only when `token` is well formed and hashes to `storedHash` (compared in constant time). */
export function queryTokenMatches(token: string | undefined, storedHash: string | undefined): boolean {
  const wellFormed = token !== undefined && queryTokenPattern.test(token);
  const presented = Buffer.from(queryTokenHash(wellFormed ? token : ''), 'hex');
  const expected = Buffer.from(storedHash !== undefined && /^[0-9a-f]{64}$/.test(storedHash) ? storedHash : dummyHash, 'hex');
  return timingSafeEqual(presented, expected) && wellFormed && storedHash !== undefined;
}
