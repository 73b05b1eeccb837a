/**
 * The audit signing key in KMS: an asymmetric `ECC_NIST_P256` key whose private half never leaves
 * KMS. Signing asks KMS (`kms:Sign`, ECDSA_SHA_256 over the 32-byte digest hash as a raw message);
 * verifying uses the public key KMS hands out (`kms:GetPublicKey`, once per container) with
 * node:crypto, as anyone can outside AWS.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { auditSigningAlgorithm } from '../../domain/audit/audit-digest.ts';
import type { DigestSignatureVerifier, DigestSigner } from '../../application/audit/audit-trail-ports.ts';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';

/** One KMS client per cold start, with the project's retries. */
export const createKmsClient = (): KMSClient => nameOverloadOf(new KMSClient(awsClientConfig()), 'kms');

/** Signs digest hashes with the key `keyId` (its ARN: what each digest names). */
export class KmsDigestSigner implements DigestSigner {
  constructor(
    private readonly client: KMSClient,
    readonly keyId: string,
  ) {}

  async sign(hash: Buffer): Promise<string> {
    const { Signature } = await this.client.send(
      new SignCommand({ KeyId: this.keyId, Message: hash, MessageType: 'RAW', SigningAlgorithm: auditSigningAlgorithm }),
    );
    if (Signature === undefined) throw new Error('KMS returned no signature');
    return Buffer.from(Signature).toString('base64');
  }
}

/** Verifies digest signatures with the public key of `keyId` (fetched on first use). */
export class KmsDigestVerifier implements DigestSignatureVerifier {
  #publicKey: Promise<KeyObject> | undefined;

  constructor(
    private readonly client: KMSClient,
    readonly keyId: string,
  ) {}

  /** A verifier for a key named by ARN, id or alias: resolved to its ARN (what digests name) and its public key. */
  static async load(client: KMSClient, keyReference: string): Promise<KmsDigestVerifier> {
    const { KeyId, PublicKey } = await client.send(new GetPublicKeyCommand({ KeyId: keyReference }));
    if (KeyId === undefined || PublicKey === undefined) throw new Error(`KMS returned no public key for ${keyReference}`);
    const verifier = new KmsDigestVerifier(client, KeyId);
    verifier.#publicKey = Promise.resolve(createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' }));
    return verifier;
  }

  async verify(hash: Buffer, signature: string): Promise<boolean> {
    this.#publicKey ??= this.#fetchPublicKey();
    // A failure to fetch the key is not a verdict: it propagates.
    const publicKey = await this.#publicKey;
    try {
      return verify('sha256', hash, publicKey, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  /** The public key in PEM, for a person to check digests with OpenSSL. */
  async publicKeyPem(): Promise<string> {
    this.#publicKey ??= this.#fetchPublicKey();
    return (await this.#publicKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  async #fetchPublicKey(): Promise<KeyObject> {
    const { PublicKey } = await this.client.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    if (PublicKey === undefined) throw new Error(`KMS returned no public key for ${this.keyId}`);
    return createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' });
  }
}
