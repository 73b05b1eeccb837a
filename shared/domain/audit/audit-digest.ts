/**
 * The sealed digest of one span of the audit trail, modelled on CloudTrail's digest files: the
 * key and digest of every entry of the span in key order, a link to the previous digest (its
 * span start and hash: one chain across spans and days, never restarted), and an asymmetric
 * signature over the hash of all of that. Anyone holding the signing key's public key can check
 * a digest; only the sealer's role can make one.
 *
 * The hash is SHA-256 over the canonical JSON of the body (every field but `hash` and
 * `signature`); the signature is ECDSA on P-256 with SHA-256 (KMS `ECDSA_SHA_256`, message type
 * `RAW`) over the 32 bytes of that hash, DER-encoded, so with the hash's bytes in `hash.bin`,
 * `openssl dgst -sha256 -verify public.pem -signature signature.der hash.bin` checks it.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { canonicalJson } from '../canonical-json.ts';
import type { StoredAuditEntry } from './audit-entry.ts';
import type { SealSpan } from './seal-span.ts';

/** Format of the digests this code writes and reads. */
export const auditDigestFormat = 'e-supervision/audit-digest/1';

/** The one signing algorithm: ECDSA on NIST P-256 with SHA-256 (KMS key spec `ECC_NIST_P256`). */
export const auditSigningAlgorithm = 'ECDSA_SHA_256';

const instant = z.iso.datetime({ precision: 3 });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in lower-case hex');

/** The link to the digest before: its span start (which names its object) and its hash. */
const DigestLink = z.strictObject({ start: instant, hash: sha256Hex });
export type AuditDigestLink = z.infer<typeof DigestLink>;

/** What is hashed and signed. */
export const AuditDigestBody = z.strictObject({
  format: z.literal(auditDigestFormat),
  span: z.strictObject({ start: instant, end: instant }).refine((span) => span.start < span.end, 'a span ends after it starts'),
  /** `[entry key, entry digest]` of every entry of the span, in key order. */
  entries: z.array(z.tuple([z.string().min(25).max(200), sha256Hex])),
  /** Null only for the first digest of the chain. */
  previous: DigestLink.nullable(),
  sealedAt: instant,
  /** ARN of the KMS key that signed it. */
  signingKey: z.string().min(1).max(2048),
  signingAlgorithm: z.literal(auditSigningAlgorithm),
});
export type AuditDigestBody = z.infer<typeof AuditDigestBody>;

/** A digest as stored: its body, the body's hash and the signature over that hash. */
export const SealedAuditDigest = AuditDigestBody.extend({
  hash: sha256Hex,
  /** DER-encoded ECDSA signature, base64. */
  signature: z
    .string()
    .min(16)
    .max(512)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
});
export type SealedAuditDigest = z.infer<typeof SealedAuditDigest>;

/** The body of a new digest of `span` holding `entries` (any order), linked to `previous`. */
export function digestBodyOf(input: {
  readonly span: SealSpan;
  readonly entries: readonly StoredAuditEntry[];
  readonly previous: AuditDigestLink | null;
  readonly sealedAt: string;
  readonly signingKey: string;
}): AuditDigestBody {
  const entries = [...input.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((entry) => [entry.key, entry.digest] as [string, string]);
  return {
    format: auditDigestFormat,
    span: { start: input.span.start, end: input.span.end },
    entries,
    previous: input.previous,
    sealedAt: input.sealedAt,
    signingKey: input.signingKey,
    signingAlgorithm: auditSigningAlgorithm,
  };
}

/** The 32-byte SHA-256 of a body's canonical JSON: what the signature signs. */
export const digestHashOf = (body: AuditDigestBody): Buffer => createHash('sha256').update(canonicalJson(body)).digest();

/** The body of a sealed digest (without hash and signature). */
export function bodyOf(digest: SealedAuditDigest): AuditDigestBody {
  const { hash: _hash, signature: _signature, ...body } = digest;
  return body;
}

/** The link a digest's successor carries. */
export const linkTo = (digest: Pick<SealedAuditDigest, 'span' | 'hash'>): AuditDigestLink => ({ start: digest.span.start, hash: digest.hash });

/** A stored digest's text: the sealed digest as canonical JSON. */
export const serializeDigest = (digest: SealedAuditDigest): string => canonicalJson(digest);

/** A stored digest read back: parsed and checked for shape, or the reason it is unreadable. */
export function parseDigest(text: string): { readonly digest: SealedAuditDigest } | { readonly unreadable: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { unreadable: 'not JSON' };
  }
  const parsed = SealedAuditDigest.safeParse(json);
  if (!parsed.success) return { unreadable: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(digest)'}: ${issue.message}`).join('; ') };
  return { digest: parsed.data };
}
