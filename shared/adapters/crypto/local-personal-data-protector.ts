/**
 * Envelope encryption for use-case tests: a fresh data key per seal, wrapped with AES-256-GCM
 * under a local wrapping key (the role KMS plays in the cloud); lookup hashes are HMAC-SHA-256
 * under a separate lookup key. Keys live in files of 32 random bytes, mode 0600. There is one
 * wrapping key: the period a use case seals under is ignored (and a re-wrap wraps the data key
 * anew under the same key), so nothing here shreds; the local runtime seals through its KMS
 * stand-in, which has the period keys.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PersonalDataProtector, SealedDocument, SealedFields, WrappedDataKey } from '../../application/ports.ts';
import type { PeriodKeyName, SealingKey } from '../../domain/complaints/personal-data-key-periods.ts';
import { ConfigurationError } from '../../config/function-environment.ts';
import {
  dataKeyBytes,
  decrypt,
  encrypt,
  fromBase64,
  newDataKey,
  openDocumentBytes,
  openFieldValues,
  sealDocumentBytes,
  sealFieldValues,
  SealedDataRejectedError,
  wrappedKeyAad,
} from './sealed-fields-cipher.ts';

/** The `keyRef` of everything this protector seals. */
export const localKeyRef = 'local';

export interface LocalProtectorKeys {
  /** Wraps each data key (32 bytes). */
  readonly wrappingKey: Uint8Array;
  /** Keys the lookup hash (32 bytes). */
  readonly lookupKey: Uint8Array;
}

export class LocalPersonalDataProtector implements PersonalDataProtector {
  readonly #wrappingKey: Buffer;
  readonly #lookupKey: Buffer;

  constructor(keys: LocalProtectorKeys) {
    if (keys.wrappingKey.byteLength !== dataKeyBytes || keys.lookupKey.byteLength !== dataKeyBytes) {
      throw new ConfigurationError('personal data keys must be 32 bytes each');
    }
    // Copies: the caller's buffers may be reused or zeroed.
    this.#wrappingKey = Buffer.from(keys.wrappingKey);
    this.#lookupKey = Buffer.from(keys.lookupKey);
  }

  /** Reads both key files, creating a missing one (32 random bytes, mode 0600, folders 0700). */
  static async fromFiles(wrappingKeyFile: string, lookupKeyFile: string): Promise<LocalPersonalDataProtector> {
    const wrappingKey = await readOrCreateKeyFile(wrappingKeyFile);
    const lookupKey = await readOrCreateKeyFile(lookupKeyFile);
    return new LocalPersonalDataProtector({ wrappingKey, lookupKey });
  }

  async seal(fields: Readonly<Record<string, string>>, context: string, _under: SealingKey): Promise<SealedFields> {
    const dataKey = newDataKey();
    try {
      return { keyRef: localKeyRef, wrappedKey: this.#wrap(dataKey, context), fields: sealFieldValues(dataKey, fields, context) };
    } finally {
      dataKey.fill(0);
    }
  }

  async open(sealed: SealedFields, context: string): Promise<Record<string, string>> {
    const dataKey = this.#unwrap(sealed, context);
    try {
      return openFieldValues(dataKey, sealed.fields, context);
    } finally {
      dataKey.fill(0);
    }
  }

  async sealDocument(bytes: Uint8Array, context: string, _under: SealingKey): Promise<SealedDocument> {
    const dataKey = newDataKey();
    try {
      return { keyRef: localKeyRef, wrappedKey: this.#wrap(dataKey, context), ciphertext: sealDocumentBytes(dataKey, bytes, context) };
    } finally {
      dataKey.fill(0);
    }
  }

  async openDocument(sealed: SealedDocument, context: string): Promise<Uint8Array> {
    const dataKey = this.#unwrap(sealed, context);
    try {
      return openDocumentBytes(dataKey, sealed.ciphertext, context);
    } finally {
      dataKey.fill(0);
    }
  }

  async rewrap(wrapped: WrappedDataKey, context: string, _to: PeriodKeyName): Promise<WrappedDataKey> {
    const dataKey = this.#unwrap(wrapped, context);
    try {
      return { keyRef: localKeyRef, wrappedKey: this.#wrap(dataKey, context) };
    } finally {
      dataKey.fill(0);
    }
  }

  async lookupHash(value: string): Promise<string> {
    return createHmac('sha256', this.#lookupKey).update(value, 'utf8').digest('hex');
  }

  #wrap(dataKey: Uint8Array, context: string): string {
    return encrypt(this.#wrappingKey, dataKey, wrappedKeyAad(context)).toString('base64');
  }

  #unwrap(sealed: { keyRef: string; wrappedKey: string }, context: string): Buffer {
    if (sealed.keyRef !== localKeyRef) throw new SealedDataRejectedError('sealed under another key');
    return decrypt(this.#wrappingKey, fromBase64(sealed.wrappedKey), wrappedKeyAad(context));
  }
}

/**
 * The 32 bytes of a key file. A missing file is created atomically (written beside it, then
 * hard-linked into place), so two processes starting together end up with the same key.
 */
async function readOrCreateKeyFile(file: string): Promise<Buffer> {
  const existing = await readKeyFile(file);
  if (existing) return existing;
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const draft = join(dirname(file), `.${randomBytes(8).toString('hex')}.key-draft`);
  const key = randomBytes(dataKeyBytes);
  try {
    await writeFile(draft, key, { mode: 0o600, flag: 'wx' });
    await chmod(draft, 0o600); // whatever the umask
    await link(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readKeyFile(file);
    if (!raced) throw error;
    return raced;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function readKeyFile(file: string): Promise<Buffer | undefined> {
  try {
    const key = await readFile(file);
    if (key.length !== dataKeyBytes) {
      throw new ConfigurationError(`personal data key file ${file} must hold exactly ${dataKeyBytes} bytes, not ${key.length}`);
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
