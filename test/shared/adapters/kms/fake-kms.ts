/**
 * A stand-in for the KMS service (a true external boundary we cannot run locally): it answers
 * GenerateDataKey, Decrypt and GenerateMac as KMS does — wrapped keys bound to the key and the
 * encryption context, HMAC keys that never leave it — and records every command's input.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  type KMSClient,
} from '@aws-sdk/client-kms';

export const dataKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/11111111-2222-3333-4444-555555555555';
export const otherDataKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/66666666-7777-8888-9999-000000000000';
export const lookupKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const otherLookupKeyArn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee';

type KmsCommand = GenerateDataKeyCommand | DecryptCommand | GenerateMacCommand;

const canonical = (context: Record<string, string> | undefined) =>
  Buffer.from(JSON.stringify(Object.entries(context ?? {}).sort(([a], [b]) => a.localeCompare(b))));

export class FakeKms {
  readonly commands: KmsCommand[] = [];
  /** Every plaintext data key handed out, to check the protector zeroes them. */
  readonly plaintextsHandedOut: Uint8Array[] = [];
  readonly #keys = new Map<string, Buffer>();

  /** The object to pass as the protector's `client`. */
  asClient(): KMSClient {
    return { send: (command: KmsCommand) => this.send(command) } as unknown as KMSClient;
  }

  async send(command: KmsCommand): Promise<unknown> {
    this.commands.push(command);
    if (command instanceof GenerateDataKeyCommand) return this.#generateDataKey(command);
    if (command instanceof DecryptCommand) return this.#decrypt(command);
    if (command instanceof GenerateMacCommand) return this.#generateMac(command);
    throw new Error('FakeKms: unexpected command');
  }

  #keyMaterial(keyId: string): Buffer {
    const existing = this.#keys.get(keyId);
    if (existing) return existing;
    const created = randomBytes(32);
    this.#keys.set(keyId, created);
    return created;
  }

  #generateDataKey(command: GenerateDataKeyCommand) {
    const { KeyId, KeySpec, EncryptionContext } = command.input;
    if (!KeyId || KeySpec !== 'AES_256') throw new Error('FakeKms: GenerateDataKey needs a key and AES_256');
    const plaintext = new Uint8Array(randomBytes(32));
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#keyMaterial(KeyId), nonce).setAAD(canonical(EncryptionContext));
    const sealed = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    const blob = Buffer.from(JSON.stringify({ keyId: KeyId, sealed: sealed.toString('base64') }));
    this.plaintextsHandedOut.push(plaintext);
    return { KeyId, Plaintext: plaintext, CiphertextBlob: new Uint8Array(blob) };
  }

  #decrypt(command: DecryptCommand) {
    const { KeyId, CiphertextBlob, EncryptionContext } = command.input;
    let parsed: { keyId: string; sealed: string };
    try {
      parsed = JSON.parse(Buffer.from(CiphertextBlob ?? new Uint8Array()).toString('utf8')) as { keyId: string; sealed: string };
    } catch {
      throw new InvalidCiphertextException({ message: 'not a ciphertext', $metadata: {} });
    }
    if (KeyId !== parsed.keyId) throw new IncorrectKeyException({ message: 'another key', $metadata: {} });
    const sealed = Buffer.from(parsed.sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#keyMaterial(parsed.keyId), sealed.subarray(0, 12)).setAAD(canonical(EncryptionContext));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    try {
      const plaintext = new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]));
      this.plaintextsHandedOut.push(plaintext);
      return { KeyId, Plaintext: plaintext };
    } catch {
      throw new InvalidCiphertextException({ message: 'context or ciphertext mismatch', $metadata: {} });
    }
  }

  #generateMac(command: GenerateMacCommand) {
    const { KeyId, MacAlgorithm, Message } = command.input;
    if (!KeyId || MacAlgorithm !== 'HMAC_SHA_256' || !Message) throw new Error('FakeKms: GenerateMac needs a key, HMAC_SHA_256 and a message');
    return { KeyId, MacAlgorithm, Mac: new Uint8Array(createHmac('sha256', this.#keyMaterial(KeyId)).update(Message).digest()) };
  }
}
