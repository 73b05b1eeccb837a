/**
 * Envelope encryption with AWS KMS: each seal asks KMS for a fresh AES-256 data key (bound to an
 * encryption context naming the purpose and the complaint) under the key the use case names — a
 * period key by its alias (`<alias prefix><kind>-<period>`), or the key the complaint's other
 * data keys are under — encrypts the fields locally with it and stores only the KMS-wrapped copy
 * with the ARN of the key that wrapped it (`keyRef`). Opening asks KMS to unwrap it under the same
 * context with that key, so a CloudTrail entry records every read of personal data; re-wrapping
 * moves a wrapped data key to another key inside KMS (`ReEncrypt`). Lookup hashes are
 * HMAC-SHA-256 computed inside KMS with an HMAC key that never leaves it.
 */
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, ReEncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { PersonalDataProtector, SealedDocument, SealedFields, WrappedDataKey } from '../../application/ports.ts';
import { DependencyUnavailableError } from '../../application/dependency-unavailable.ts';
import { PersonalDataShreddedError } from '../../application/personal-data-shredded.ts';
import { ConfigurationError } from '../../config/function-environment.ts';
import { periodKeyLabel, type PeriodKeyName, type SealingKey } from '../../domain/complaints/personal-data-key-periods.ts';
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
  /** ARN of the HMAC_256 key of lookup hashes (LOOKUP_HASH_KEY). */
  readonly lookupKeyId: string;
  /** `alias/<prefix>-pd-`: the period keys' aliases start with it (PERSONAL_DATA_PERIOD_KEYS). */
  readonly periodKeyAliasPrefix?: string;
}

/** KMS refuses a wrapped key it did not issue under that key and context with these. */
const rejectedByKms = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);
/** KMS answers these for a key pending deletion, and for one deleted (the ciphertext's key is not found). */
const keyGone = new Set(['KMSInvalidStateException', 'NotFoundException']);
const kmsKeyArn = /^arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;

export class KmsPersonalDataProtector implements PersonalDataProtector {
  readonly #client: KMSClient;
  readonly #lookupKeyId: string;
  readonly #periodKeyAliasPrefix: string | undefined;

  constructor(options: KmsPersonalDataProtectorOptions) {
    this.#client = options.client;
    this.#lookupKeyId = options.lookupKeyId;
    this.#periodKeyAliasPrefix = options.periodKeyAliasPrefix;
  }

  async seal(fields: Readonly<Record<string, string>>, context: string, under: SealingKey): Promise<SealedFields> {
    const { keyRef, wrappedKey, dataKey } = await this.#newDataKey(context, under);
    try {
      return { keyRef, wrappedKey, fields: sealFieldValues(dataKey, fields, context) };
    } finally {
      dataKey.fill(0);
    }
  }

  async open(sealed: SealedFields, context: string): Promise<Record<string, string>> {
    const dataKey = await this.#unwrap(sealed, context);
    try {
      return openFieldValues(dataKey, sealed.fields, context);
    } finally {
      dataKey.fill(0);
    }
  }

  async sealDocument(bytes: Uint8Array, context: string, under: SealingKey): Promise<SealedDocument> {
    const { keyRef, wrappedKey, dataKey } = await this.#newDataKey(context, under);
    try {
      return { keyRef, wrappedKey, ciphertext: sealDocumentBytes(dataKey, bytes, context) };
    } finally {
      dataKey.fill(0);
    }
  }

  async openDocument(sealed: SealedDocument, context: string): Promise<Uint8Array> {
    const dataKey = await this.#unwrap(sealed, context);
    try {
      return openDocumentBytes(dataKey, sealed.ciphertext, context);
    } finally {
      dataKey.fill(0);
    }
  }

  async rewrap(wrapped: WrappedDataKey, context: string, to: PeriodKeyName): Promise<WrappedDataKey> {
    const destination = this.#keyIdOf({ period: to });
    try {
      const { CiphertextBlob, KeyId } = await this.#client.send(
        new ReEncryptCommand({
          CiphertextBlob: fromBase64(wrapped.wrappedKey),
          SourceKeyId: this.#wrappingKeyOf(wrapped),
          SourceEncryptionContext: encryptionContext(context),
          DestinationKeyId: destination,
          DestinationEncryptionContext: encryptionContext(context),
        }),
      );
      if (!CiphertextBlob || !KeyId) throw new Error('KMS ReEncrypt returned no ciphertext');
      return { keyRef: KeyId, wrappedKey: Buffer.from(CiphertextBlob).toString('base64') };
    } catch (error) {
      // A missing destination is named in KMS's message; a source key gone is the shredded data's.
      throw this.#inPortTerms(error, 'ReEncrypt', error instanceof Error && error.message.includes(destination));
    }
  }

  async lookupHash(value: string): Promise<string> {
    const { Mac } = await this.#client.send(
      new GenerateMacCommand({ KeyId: this.#lookupKeyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(value, 'utf8') }),
    );
    if (!Mac) throw new Error('KMS GenerateMac returned no MAC');
    return Buffer.from(Mac).toString('hex');
  }

  /** The KeyId a sealing key names: a period key's alias, or the ARN of the key a complaint's data keys are under. */
  #keyIdOf(under: SealingKey): string {
    if ('keyRef' in under) {
      if (!kmsKeyArn.test(under.keyRef)) throw new SealedDataRejectedError('sealed under a key that is not a KMS key');
      return under.keyRef;
    }
    if (this.#periodKeyAliasPrefix === undefined) throw new ConfigurationError('PERSONAL_DATA_PERIOD_KEYS is needed to seal under a period key');
    return `${this.#periodKeyAliasPrefix}${periodKeyLabel(under.period)}`;
  }

  /** The key that wrapped a stored data key: its `keyRef`, which KMS checks against the key inside the ciphertext. */
  #wrappingKeyOf(wrapped: WrappedDataKey): string {
    if (!kmsKeyArn.test(wrapped.keyRef)) throw new SealedDataRejectedError('sealed under a key that is not a KMS key');
    return wrapped.keyRef;
  }

  async #newDataKey(context: string, under: SealingKey): Promise<{ keyRef: string; wrappedKey: string; dataKey: Uint8Array }> {
    const keyId = this.#keyIdOf(under);
    let response;
    try {
      response = await this.#client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext(context) }));
    } catch (error) {
      throw this.#inPortTerms(error, 'GenerateDataKey', 'period' in under);
    }
    const { Plaintext, CiphertextBlob } = response;
    if (!Plaintext || Plaintext.byteLength !== dataKeyBytes || !CiphertextBlob) {
      Plaintext?.fill(0);
      throw new Error('KMS GenerateDataKey returned no usable data key');
    }
    return { keyRef: response.KeyId ?? keyId, wrappedKey: Buffer.from(CiphertextBlob).toString('base64'), dataKey: Plaintext };
  }

  async #unwrap(wrapped: WrappedDataKey, context: string): Promise<Uint8Array> {
    const ciphertextBlob = fromBase64(wrapped.wrappedKey);
    const keyId = this.#wrappingKeyOf(wrapped);
    try {
      const { Plaintext } = await this.#client.send(
        new DecryptCommand({ KeyId: keyId, CiphertextBlob: ciphertextBlob, EncryptionContext: encryptionContext(context) }),
      );
      if (!Plaintext || Plaintext.byteLength !== dataKeyBytes) {
        Plaintext?.fill(0);
        throw new SealedDataRejectedError('the wrapped key is not a data key');
      }
      return Plaintext;
    } catch (error) {
      throw this.#inPortTerms(error, 'Decrypt', false);
    }
  }

  /**
   * KMS's refusals in the port's words: a wrapped key KMS did not issue under that key and
   * context is rejected data; a key gone (pending deletion, deleted) shredded the data when the
   * key was the one it was sealed under, and is a key not ready yet when a seal names a period key
   * that was not created (the keeper creates them ahead).
   */
  #inPortTerms(error: unknown, operation: 'GenerateDataKey' | 'Decrypt' | 'ReEncrypt', periodKeyMissing: boolean): unknown {
    if (!(error instanceof Error)) return error;
    if (rejectedByKms.has(error.name)) return new SealedDataRejectedError('KMS refused the wrapped key', { cause: error });
    if (!keyGone.has(error.name)) return error;
    if (periodKeyMissing)
      return new DependencyUnavailableError({ dependency: 'kms', operation, code: `PeriodKeyNotReady:${error.name}` }, 'failed', { cause: error });
    return new PersonalDataShreddedError({ cause: error });
  }
}

function encryptionContext(context: string): Record<string, string> {
  return { purpose: personalDataPurpose, context };
}
