/**
 * Envelope encryption with AWS KMS: each seal asks KMS for a fresh AES-256 data key (bound to an
 * encryption context naming the purpose and the complaint), encrypts the fields locally with it
 * and stores only the KMS-wrapped copy. Opening asks KMS to unwrap it under the same context, so
 * a CloudTrail entry records every read of personal data. Lookup hashes are HMAC-SHA-256 computed
 * inside KMS with an HMAC key that never leaves it.
 */
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { PersonalDataProtector, SealedDocument, SealedFields } from '../../application/ports.ts';
import {
  dataKeyBytes,
  fromBase64,
  openDocumentBytes,
  openFieldValues,
  sealDocumentBytes,
  sealFieldValues,
  SealedDataRejectedError,
} from '../crypto/sealed-fields-cipher.ts';

/** The encryption context purpose; IAM grants are conditioned on it (`kms:EncryptionContext:purpose`). */
export const personalDataPurpose = 'complaint-personal-data';

export interface KmsPersonalDataProtectorOptions {
  readonly client: KMSClient;
  /** ARN of the symmetric key that wraps data keys (PERSONAL_DATA_KEY). */
  readonly dataKeyId: string;
  /** ARN of the HMAC_256 key of lookup hashes (LOOKUP_HASH_KEY). */
  readonly lookupKeyId: string;
}

/** KMS refuses a wrapped key it did not issue under that key and context with these. */
const rejectedByKms = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);

export class KmsPersonalDataProtector implements PersonalDataProtector {
  readonly #client: KMSClient;
  readonly #dataKeyId: string;
  readonly #lookupKeyId: string;

  constructor(options: KmsPersonalDataProtectorOptions) {
    this.#client = options.client;
    this.#dataKeyId = options.dataKeyId;
    this.#lookupKeyId = options.lookupKeyId;
  }

  async seal(fields: Readonly<Record<string, string>>, context: string): Promise<SealedFields> {
    const { keyRef, wrappedKey, dataKey } = await this.#newDataKey(context);
    try {
      return { keyRef, wrappedKey, fields: sealFieldValues(dataKey, fields, context) };
    } finally {
      dataKey.fill(0);
    }
  }

  async open(sealed: SealedFields, context: string): Promise<Record<string, string>> {
    const dataKey = await this.#unwrap(sealed.wrappedKey, context);
    try {
      return openFieldValues(dataKey, sealed.fields, context);
    } finally {
      dataKey.fill(0);
    }
  }

  async sealDocument(bytes: Uint8Array, context: string): Promise<SealedDocument> {
    const { keyRef, wrappedKey, dataKey } = await this.#newDataKey(context);
    try {
      return { keyRef, wrappedKey, ciphertext: sealDocumentBytes(dataKey, bytes, context) };
    } finally {
      dataKey.fill(0);
    }
  }

  async openDocument(sealed: SealedDocument, context: string): Promise<Uint8Array> {
    const dataKey = await this.#unwrap(sealed.wrappedKey, context);
    try {
      return openDocumentBytes(dataKey, sealed.ciphertext, context);
    } finally {
      dataKey.fill(0);
    }
  }

  async lookupHash(value: string): Promise<string> {
    const { Mac } = await this.#client.send(
      new GenerateMacCommand({ KeyId: this.#lookupKeyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(value, 'utf8') }),
    );
    if (!Mac) throw new Error('KMS GenerateMac returned no MAC');
    return Buffer.from(Mac).toString('hex');
  }

  async #newDataKey(context: string): Promise<{ keyRef: string; wrappedKey: string; dataKey: Uint8Array }> {
    const response = await this.#client.send(
      new GenerateDataKeyCommand({ KeyId: this.#dataKeyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext(context) }),
    );
    const { Plaintext, CiphertextBlob } = response;
    if (!Plaintext || Plaintext.byteLength !== dataKeyBytes || !CiphertextBlob) {
      Plaintext?.fill(0);
      throw new Error('KMS GenerateDataKey returned no usable data key');
    }
    return { keyRef: response.KeyId ?? this.#dataKeyId, wrappedKey: Buffer.from(CiphertextBlob).toString('base64'), dataKey: Plaintext };
  }

  async #unwrap(wrappedKey: string, context: string): Promise<Uint8Array> {
    const ciphertextBlob = fromBase64(wrappedKey);
    try {
      const { Plaintext } = await this.#client.send(
        new DecryptCommand({ KeyId: this.#dataKeyId, CiphertextBlob: ciphertextBlob, EncryptionContext: encryptionContext(context) }),
      );
      if (!Plaintext || Plaintext.byteLength !== dataKeyBytes) {
        Plaintext?.fill(0);
        throw new SealedDataRejectedError('the wrapped key is not a data key');
      }
      return Plaintext;
    } catch (error) {
      if (error instanceof Error && rejectedByKms.has(error.name)) throw new SealedDataRejectedError('KMS refused the wrapped key', { cause: error });
      throw error;
    }
  }
}

function encryptionContext(context: string): Record<string, string> {
  return { purpose: personalDataPurpose, context };
}
