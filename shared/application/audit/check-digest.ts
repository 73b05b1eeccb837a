/**
 * One digest object read and checked: readable, under the key of its own span, its body hashing
 * to the hash it carries, signed by the deployment's signing key, and the signature valid.
 */
import { bodyOf, digestHashOf, parseDigest } from '../../domain/audit/audit-digest.ts';
import type { CheckedDigest } from '../../domain/audit/audit-integrity.ts';
import { digestObjectKey } from '../../domain/audit/seal-span.ts';
import type { DigestSignatureVerifier, DigestStore } from './audit-trail-ports.ts';

/** Checks the text of the digest under `objectKey`. */
export async function checkDigestText(objectKey: string, text: string, verifier: DigestSignatureVerifier): Promise<CheckedDigest> {
  const parsed = parseDigest(text);
  if ('unreadable' in parsed) return { objectKey, broken: 'unreadable' };
  const { digest } = parsed;
  if (digestObjectKey(digest.span.start) !== objectKey) return { objectKey, digest, broken: 'misplaced' };
  const hash = digestHashOf(bodyOf(digest));
  if (hash.toString('hex') !== digest.hash) return { objectKey, digest, broken: 'altered' };
  if (digest.signingKey !== verifier.keyId) return { objectKey, digest, broken: 'foreignKey' };
  if (!(await verifier.verify(hash, digest.signature))) return { objectKey, digest, broken: 'signature' };
  return { objectKey, digest };
}

/** Reads and checks the digest under `objectKey`; `missing` when there is none. */
export async function readCheckedDigest(objectKey: string, digests: DigestStore, verifier: DigestSignatureVerifier): Promise<CheckedDigest | 'missing'> {
  const text = await digests.read(objectKey);
  return text === undefined ? 'missing' : checkDigestText(objectKey, text, verifier);
}
