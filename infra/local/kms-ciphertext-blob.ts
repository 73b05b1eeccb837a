/**
 * The ciphertext blobs of the local KMS endpoint. Like a KMS blob, one names the key that sealed
 * it, so Decrypt needs no KeyId, and it opens only under the encryption context it was sealed
 * with, which is authenticated but not stored.
 *
 * Format, version 1 (all lengths in bytes):
 * `version (1) = 0x01 ‖ key id (16, the UUID's bytes) ‖ IV (12) ‖ AES-256-GCM ciphertext ‖ tag (16)`.
 * The additional authenticated data is `version ‖ key id ‖ canonical encryption context`, so
 * neither the header nor the context can be changed without the tag failing.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The only format version this endpoint writes and reads. */
export const blobVersion = 1;
const keyIdBytes = 16;
const ivBytes = 12;
const tagBytes = 16;
const headerBytes = 1 + keyIdBytes;

/** An encryption context as KMS takes it: string keys to string values. */
export type EncryptionContext = Readonly<Record<string, string>>;

/** The key id a blob names, or undefined when the bytes are not a version-1 blob. */
export function blobKeyId(blob: Uint8Array): string | undefined {
  if (blob.byteLength < headerBytes + ivBytes + tagBytes || blob[0] !== blobVersion) return undefined;
  return uuidOf(Buffer.from(blob.buffer, blob.byteOffset + 1, keyIdBytes));
}

/** Seals `plaintext` under the key's 32-byte material, bound to `context`. */
export function sealBlob(keyId: string, material: Uint8Array, plaintext: Uint8Array, context: EncryptionContext): Buffer {
  const header = Buffer.concat([Buffer.from([blobVersion]), uuidBytes(keyId)]);
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', material, iv, { authTagLength: tagBytes });
  cipher.setAAD(Buffer.concat([header, canonicalEncryptionContext(context)]));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, ciphertext, cipher.getAuthTag()]);
}

/**
 * The plaintext of a blob sealed under `material` with exactly `context`; undefined when the
 * blob is malformed, altered, sealed under another key or under another context (KMS does not
 * say which either).
 */
export function openBlob(material: Uint8Array, blob: Uint8Array, context: EncryptionContext): Buffer | undefined {
  if (blobKeyId(blob) === undefined) return undefined;
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const header = bytes.subarray(0, headerBytes);
  const iv = bytes.subarray(headerBytes, headerBytes + ivBytes);
  const decipher = createDecipheriv('aes-256-gcm', material, iv, { authTagLength: tagBytes });
  decipher.setAAD(Buffer.concat([header, canonicalEncryptionContext(context)]));
  decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(headerBytes + ivBytes, bytes.length - tagBytes)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/**
 * One byte string per encryption context, whatever the order its pairs were sent in: pairs
 * sorted by the UTF-8 bytes of their keys, each key and value length-prefixed (32-bit big
 * endian) after a pair count, so no two different contexts encode alike.
 */
export function canonicalEncryptionContext(context: EncryptionContext): Buffer {
  const pairs = Object.entries(context)
    .map(([key, value]) => [Buffer.from(key, 'utf8'), Buffer.from(value, 'utf8')] as const)
    .sort(([a], [b]) => Buffer.compare(a, b));
  const parts: Buffer[] = [uint32(pairs.length)];
  for (const [key, value] of pairs) parts.push(uint32(key.length), key, uint32(value.length), value);
  return Buffer.concat(parts);
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
