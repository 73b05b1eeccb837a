/**
 * The keyed digest ("seal") over each stored act record (MLPS level 3, integrity of important
 * data in storage): an HMAC-SHA-256 over the record's canonical form, under a key derived for the
 * hour it was sealed in.
 *
 * Scheme (version 1):
 * - hour key `K_h = HMAC(K_root, "e-supervision/record-seal/v1/" + h)`, where `K_root` is an
 *   HMAC_256 KMS key that never leaves KMS (the derivation is one `GenerateMac` call) and `h` the
 *   UTC hour `YYYY-MM-DDTHH` of the write;
 * - seal `v1.` + base64url(HMAC-SHA-256(K_h, canonical(item without its seal))), where the
 *   canonical form is JSON with sorted member names and covers every attribute of the stored item:
 *   its keys (the case and sequence it is filed under), the record, when it was received, its
 *   content hash and the hour attribute that names `h`.
 *
 * Why it holds: HMAC is a pseudo-random function, so `K_h` reveals nothing of `K_root` nor of the
 * key of any other hour; no key is ever stored, only derived into memory. A writer keeps the key of
 * the current hour (and the one before) in memory; a container compromised while it runs reveals
 * at most those keys, which can seal forgeries only as records of those hours, and only while the
 * attacker can also write the table. Every derivation is a KMS call the key policy allows to the
 * writer and the verifier roles only, each one logged in CloudTrail. Whoever changes a stored
 * record without `K_root` — an operator with table access, a restored copy, another function —
 * cannot make a seal that matches.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../content-hash.ts';

/** The attribute holding the seal. */
export const sealAttribute = 'seal';
/** Version prefix of a seal of this scheme. */
export const sealVersion = 'v1';

/** A key of one hour, derived from the root key (32 bytes). */
export interface HourKey {
  /** UTC hour `YYYY-MM-DDTHH`. */
  readonly hour: string;
  readonly key: Uint8Array;
}

const hourPattern = /^\d{4}-\d{2}-\d{2}T\d{2}$/;

/** The UTC hour `YYYY-MM-DDTHH` an instant falls in: the label of its hour key. */
export const sealHourOf = (at: Date): string => at.toISOString().slice(0, 13);

/** Whether `text` is a seal hour (`YYYY-MM-DDTHH`). */
export const isSealHour = (text: string): boolean => {
  if (!hourPattern.test(text)) return false;
  const at = Date.parse(`${text}:00:00Z`);
  // A real hour: 24, or 30 February, would read as another one.
  return !Number.isNaN(at) && sealHourOf(new Date(at)) === text;
};

/** The message whose HMAC under the root key is the hour's key. */
export const hourKeyMessage = (hour: string): Uint8Array => new TextEncoder().encode(`e-supervision/record-seal/${sealVersion}/${hour}`);

/** The canonical form a seal covers: every attribute of the item but the seal itself. */
export function sealedContent(item: Readonly<Record<string, unknown>>): string {
  const { [sealAttribute]: _seal, ...content } = item;
  return canonicalJson(content);
}

/** The seal of an item under an hour key. */
export function sealOf(key: HourKey, item: Readonly<Record<string, unknown>>): string {
  return `${sealVersion}.${createHmac('sha256', key.key).update(sealedContent(item), 'utf8').digest('base64url')}`;
}

/** The item with its seal. */
export function sealed<T extends Readonly<Record<string, unknown>>>(key: HourKey, item: T): T & { readonly seal: string } {
  return { ...item, [sealAttribute]: sealOf(key, item) } as T & { readonly seal: string };
}

/** What a stored item's seal says about it. */
export type SealVerdict = 'intact' | 'altered' | 'sealMissing';

/** Checks an item's seal against the key of the hour it claims; constant time on the digest. */
export function verifySeal(key: HourKey, item: Readonly<Record<string, unknown>>): SealVerdict {
  const stored = item[sealAttribute];
  if (typeof stored !== 'string' || !stored.startsWith(`${sealVersion}.`)) return 'sealMissing';
  const expected = Buffer.from(sealOf(key, item), 'utf8');
  const actual = Buffer.from(stored, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? 'intact' : 'altered';
}
