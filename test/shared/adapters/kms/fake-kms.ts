/**
 * A stand-in for the KMS service (a true external boundary we cannot run locally): it answers
 * GenerateDataKey, Decrypt, ReEncrypt and GenerateMac as KMS does — wrapped keys bound to the key
 * and the encryption context, HMAC keys that never leave it, aliases resolved to their key's ARN,
 * keys pending deletion refused — and records every command's input.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSInvalidStateException,
  NotFoundException,
  ReEncryptCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';

export const dataKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/11111111-2222-3333-4444-555555555555';
export const otherDataKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/66666666-7777-8888-9999-000000000000';
export const lookupKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const otherLookupKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee';

type KmsCommand = GenerateDataKeyCommand | DecryptCommand | GenerateMacCommand | ReEncryptCommand;

const canonical = (context: Record<string, string> | undefined) =>
  Buffer.from(JSON.stringify(Object.entries(context ?? {}).sort(([a], [b]) => a.localeCompare(b))));

export class FakeKms {
  readonly commands: KmsCommand[] = [];
  /** Every plaintext data key handed out, to check the protector zeroes them. */
  readonly plaintextsHandedOut: Uint8Array[] = [];
  readonly #keys = new Map<string, Buffer>();
  readonly #aliases = new Map<string, string>();
  readonly #pendingDeletion = new Set<string>();

  /** Points an alias at a key ARN. */
  withAlias(alias: string, keyArn: string): this {
    this.#aliases.set(alias, keyArn);
    return this;
  }

  /** Schedules a key's deletion: every use of it is refused from now on. */
  scheduleDeletion(keyArn: string): void {
    this.#pendingDeletion.add(keyArn);
  }

  /** The object to pass as the protector's `client`. */
  asClient(): KMSClient {
    return { send: (command: KmsCommand) => this.send(command) } as unknown as KMSClient;
  }

  async send(command: KmsCommand): Promise<unknown> {
    this.commands.push(command);
    if (command instanceof GenerateDataKeyCommand) return this.#generateDataKey(command);
    if (command instanceof DecryptCommand) return this.#decrypt(command);
    if (command instanceof GenerateMacCommand) return this.#generateMac(command);
    if (command instanceof ReEncryptCommand) return this.#reEncrypt(command);
    throw new Error('FakeKms: unexpected command');
  }

  #keyMaterial(keyId: string): Buffer {
    const existing = this.#keys.get(keyId);
    if (existing) return existing;
    const created = randomBytes(32);
    this.#keys.set(keyId, created);
    return created;
  }

  /** The key ARN an identifier names: an alias's target, or the identifier itself. */
  #usableKey(keyId: string): string {
    const arn = keyId.startsWith('alias/') ? this.#aliases.get(keyId) : keyId;
    if (arn === undefined) throw new NotFoundException({ message: `Alias ${keyId} is not found.`, $metadata: {} });
    if (this.#pendingDeletion.has(arn)) throw new KMSInvalidStateException({ message: `${arn} is pending deletion.`, $metadata: {} });
    return arn;
  }

  #wrap(keyArn: string, plaintext: Uint8Array, context: Record<string, string> | undefined): Uint8Array {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#keyMaterial(keyArn), nonce).setAAD(canonical(context));
    const sealed = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return new Uint8Array(Buffer.from(JSON.stringify({ keyId: keyArn, sealed: sealed.toString('base64') })));
  }

  #unwrap(
    blob: Uint8Array | undefined,
    requestedKeyId: string | undefined,
    context: Record<string, string> | undefined,
  ): { keyId: string; plaintext: Uint8Array } {
    let parsed: { keyId: string; sealed: string };
    try {
      parsed = JSON.parse(Buffer.from(blob ?? new Uint8Array()).toString('utf8')) as { keyId: string; sealed: string };
    } catch {
      throw new InvalidCiphertextException({ message: 'not a ciphertext', $metadata: {} });
    }
    if (requestedKeyId !== undefined && requestedKeyId !== parsed.keyId) throw new IncorrectKeyException({ message: 'another key', $metadata: {} });
    this.#usableKey(parsed.keyId);
    const sealed = Buffer.from(parsed.sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#keyMaterial(parsed.keyId), sealed.subarray(0, 12)).setAAD(canonical(context));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    try {
      return { keyId: parsed.keyId, plaintext: new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()])) };
    } catch {
      throw new InvalidCiphertextException({ message: 'context or ciphertext mismatch', $metadata: {} });
    }
  }

  #generateDataKey(command: GenerateDataKeyCommand) {
    const { KeyId, KeySpec, EncryptionContext } = command.input;
    if (!KeyId || KeySpec !== 'AES_256') throw new Error('FakeKms: GenerateDataKey needs a key and AES_256');
    const keyArn = this.#usableKey(KeyId);
    const plaintext = new Uint8Array(randomBytes(32));
    const blob = this.#wrap(keyArn, plaintext, EncryptionContext);
    this.plaintextsHandedOut.push(plaintext);
    return { KeyId: keyArn, Plaintext: plaintext, CiphertextBlob: blob };
  }

  #reEncrypt(command: ReEncryptCommand) {
    const { CiphertextBlob, SourceKeyId, SourceEncryptionContext, DestinationKeyId, DestinationEncryptionContext } = command.input;
    if (!DestinationKeyId) throw new Error('FakeKms: ReEncrypt needs a destination key');
    const { keyId, plaintext } = this.#unwrap(CiphertextBlob, SourceKeyId, SourceEncryptionContext);
    const destination = this.#usableKey(DestinationKeyId);
    try {
      return { SourceKeyId: keyId, KeyId: destination, CiphertextBlob: this.#wrap(destination, plaintext, DestinationEncryptionContext) };
    } finally {
      plaintext.fill(0);
    }
  }

  #decrypt(command: DecryptCommand) {
    const { KeyId, CiphertextBlob, EncryptionContext } = command.input;
    const { plaintext } = this.#unwrap(CiphertextBlob, KeyId, EncryptionContext);
    this.plaintextsHandedOut.push(plaintext);
    return { KeyId, Plaintext: plaintext };
  }

  #generateMac(command: GenerateMacCommand) {
    const { KeyId, MacAlgorithm, Message } = command.input;
    if (!KeyId || MacAlgorithm !== 'HMAC_SHA_256' || !Message) throw new Error('FakeKms: GenerateMac needs a key, HMAC_SHA_256 and a message');
    return { KeyId, MacAlgorithm, Mac: new Uint8Array(createHmac('sha256', this.#keyMaterial(KeyId)).update(Message).digest()) };
  }
}
