/**
 * The AES-256-GCM half of envelope encryption, shared by the local and the KMS protector: each
 * field (or document) is encrypted with the data key under a fresh 96-bit nonce, and its
 * additional authenticated data binds the context and the field name, so a sealed value cannot
 * be moved to another field or another complaint. Wire format of one sealed value:
 * `nonce (12) ‖ ciphertext ‖ tag (16)`, base64 for fields.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealedDataRejectedError } from './sealed-data-rejected-error.ts';

export { SealedDataRejectedError };

/** Bytes of an AES-256 key. */
export const dataKeyBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;

/** Unambiguous AAD: a JSON array cannot confuse `("a#b", "c")` with `("a", "b#c")`. */
function associatedData(...parts: string[]): Buffer {
  return Buffer.from(JSON.stringify(['e-supervision/personal-data/v1', ...parts]), 'utf8');
}

export const fieldAad = (context: string, field: string): Buffer => associatedData('field', context, field);
export const documentAad = (context: string): Buffer => associatedData('document', context);
export const wrappedKeyAad = (context: string): Buffer => associatedData('data-key', context);

/** `nonce ‖ ciphertext ‖ tag` of `plaintext` under `key`, bound to `aad`. */
export function encrypt(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  assertKey(key);
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: tagBytes });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]);
}

/** The plaintext of `sealed`, or `SealedDataRejectedError` when the tag does not verify. */
export function decrypt(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer {
  assertKey(key);
  if (sealed.byteLength < nonceBytes + tagBytes) throw new SealedDataRejectedError('truncated ciphertext');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, nonceBytes), { authTagLength: tagBytes });
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(nonceBytes, bytes.length - tagBytes)), decipher.final()]);
  } catch (error) {
    throw new SealedDataRejectedError('authentication failed', { cause: error });
  }
}

/** Every field sealed separately under `dataKey`; values base64. */
export function sealFieldValues(dataKey: Uint8Array, fields: Readonly<Record<string, string>>, context: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [field, encrypt(dataKey, Buffer.from(value, 'utf8'), fieldAad(context, field)).toString('base64')]),
  );
}

/** The fields opened with `dataKey`; any field that does not verify rejects them all. */
export function openFieldValues(dataKey: Uint8Array, fields: Readonly<Record<string, string>>, context: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, sealed]) => [field, decrypt(dataKey, fromBase64(sealed), fieldAad(context, field)).toString('utf8')]),
  );
}

export function sealDocumentBytes(dataKey: Uint8Array, bytes: Uint8Array, context: string): Uint8Array {
  return new Uint8Array(encrypt(dataKey, bytes, documentAad(context)));
}

export function openDocumentBytes(dataKey: Uint8Array, ciphertext: Uint8Array, context: string): Uint8Array {
  return new Uint8Array(decrypt(dataKey, ciphertext, documentAad(context)));
}

/** A fresh random data key; the caller zeroes it after use. */
export function newDataKey(): Buffer {
  return randomBytes(dataKeyBytes);
}

/** Strict base64: anything else is not something we sealed. */
export function fromBase64(text: string): Buffer {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new SealedDataRejectedError('malformed base64');
  }
  return Buffer.from(text, 'base64');
}

function assertKey(key: Uint8Array): void {
  if (key.byteLength !== dataKeyBytes) throw new SealedDataRejectedError('a key must be 32 bytes');
}
