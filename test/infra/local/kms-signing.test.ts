/**
 * The local KMS endpoint's asymmetric signing keys through the real `@aws-sdk/client-kms`: a
 * P-256 key signs with ECDSA_SHA_256, its public key (DER, as KMS hands it out) verifies the
 * signature outside KMS with node:crypto, Verify refuses a forged one, each call goes to the
 * authorization hook as `kms:Sign` / `kms:Verify` / `kms:GetPublicKey` with KMS's condition keys,
 * and the key pair survives a restart.
 */
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeKeyCommand, GetPublicKeyCommand, KMSClient, KMSServiceException, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDepartmentCredential } from '#infra/local/department-credentials.ts';
import { type KmsAuthorizationCheck, type KmsEndpoint, type LocalKmsKeyDeclaration, startKmsEndpoint } from '#infra/local/kms-endpoint.ts';

const region = 'cn-north-1';
const keyArn = (keyId: string): string => `arn:aws-cn:kms:${region}:000000000000:key/${keyId}`;
const signingKey: LocalKmsKeyDeclaration = {
  keyId: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  arn: keyArn('5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e'),
  spec: 'ECC_NIST_P256',
  aliases: ['alias/esup-test-audit-signing'],
};
const dataKey: LocalKmsKeyDeclaration = {
  keyId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  arn: keyArn('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'),
  spec: 'SYMMETRIC_DEFAULT',
};
const caller = generateDepartmentCredential('kms-signing-caller');
const message = Buffer.from('f'.repeat(64), 'hex');

let directory: string;
let endpoint: KmsEndpoint;
let kms: KMSClient;
let checks: KmsAuthorizationCheck[];
let refuse: string | undefined;

const start = (): Promise<KmsEndpoint> =>
  startKmsEndpoint({
    keys: [signingKey, dataKey],
    keyDirectory: join(directory, 'keys'),
    authorize: async (_call, requested) => {
      checks.push(...requested);
      return refuse === undefined ? undefined : { denied: refuse };
    },
  });
const clientOf = (target: KmsEndpoint): KMSClient => new KMSClient({ endpoint: target.endpoint, region, credentials: caller, maxAttempts: 1 });

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kms-signing-'));
  endpoint = await start();
  kms = clientOf(endpoint);
});

beforeEach(() => {
  checks = [];
  refuse = undefined;
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.stop();
  await rm(directory, { recursive: true, force: true });
});

async function kmsFailure(call: Promise<unknown>): Promise<KMSServiceException> {
  const outcome = await call.then(
    () => new Error('expected the call to be refused, but it succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof KMSServiceException)) throw outcome;
  return outcome;
}

describe('asymmetric signing keys', () => {
  it('signs with ECDSA_SHA_256 so that the public key it hands out verifies the signature outside KMS', async () => {
    // Act
    const signed = await kms.send(
      new SignCommand({ KeyId: 'alias/esup-test-audit-signing', Message: message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
    );
    const { PublicKey, KeySpec, KeyUsage, SigningAlgorithms } = await kms.send(new GetPublicKeyCommand({ KeyId: signingKey.arn }));

    // Assess
    const publicKey = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(verify('sha256', message, publicKey, Buffer.from(signed.Signature!))).toBe(true);
    expect(verify('sha256', Buffer.from('e'.repeat(64), 'hex'), publicKey, Buffer.from(signed.Signature!))).toBe(false);
    expect({ KeyId: signed.KeyId, KeySpec, KeyUsage, SigningAlgorithms }).toEqual({
      KeyId: signingKey.arn,
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
  });

  it('asks the authorization hook with the action, the key and the signing condition keys', async () => {
    // Act
    await kms.send(new SignCommand({ KeyId: 'alias/esup-test-audit-signing', Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));
    await kms.send(new GetPublicKeyCommand({ KeyId: signingKey.arn }));

    // Assess
    expect(checks).toEqual([
      {
        action: 'kms:Sign',
        resource: signingKey.arn,
        context: {
          'kms:KeySpec': 'ECC_NIST_P256',
          'kms:KeyUsage': 'SIGN_VERIFY',
          'kms:RequestAlias': 'alias/esup-test-audit-signing',
          'kms:SigningAlgorithm': 'ECDSA_SHA_256',
          'kms:MessageType': 'RAW',
        },
      },
      { action: 'kms:GetPublicKey', resource: signingKey.arn, context: { 'kms:KeySpec': 'ECC_NIST_P256', 'kms:KeyUsage': 'SIGN_VERIFY' } },
    ]);
  });

  it('verifies a signature it made and refuses one made over another message', async () => {
    // Prepare
    const { Signature } = await kms.send(new SignCommand({ KeyId: signingKey.arn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));

    // Act
    const valid = await kms.send(new VerifyCommand({ KeyId: signingKey.arn, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));
    const forged = await kmsFailure(
      kms.send(new VerifyCommand({ KeyId: signingKey.arn, Message: Buffer.from('other'), Signature, SigningAlgorithm: 'ECDSA_SHA_256' })),
    );

    // Assess
    expect(valid.SignatureValid).toBe(true);
    expect(forged.name).toBe('KMSInvalidSignatureException');
    expect(checks.map((check) => check.action)).toEqual(['kms:Sign', 'kms:Verify', 'kms:Verify']);
  });

  it('refuses a signature when the hook denies kms:Sign, without signing', async () => {
    // Prepare
    refuse = 'User: x is not authorized to perform: kms:Sign';

    // Act
    const refused = await kmsFailure(kms.send(new SignCommand({ KeyId: signingKey.arn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })));

    // Assess
    expect(refused.name).toBe('AccessDeniedException');
    expect(refused.message).toBe(refuse);
  });

  it('refuses an algorithm the key spec does not have, a symmetric key, and a pre-computed digest it cannot sign', async () => {
    // Act
    const wrongAlgorithm = await kmsFailure(kms.send(new SignCommand({ KeyId: signingKey.arn, Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' })));
    const symmetric = await kmsFailure(kms.send(new SignCommand({ KeyId: dataKey.arn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })));
    const noPublicKey = await kmsFailure(kms.send(new GetPublicKeyCommand({ KeyId: dataKey.arn })));
    const digest = await kmsFailure(
      kms.send(new SignCommand({ KeyId: signingKey.arn, Message: message, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' })),
    );

    // Assess
    expect(wrongAlgorithm.name).toBe('InvalidKeyUsageException');
    expect(symmetric.name).toBe('InvalidKeyUsageException');
    expect(noPublicKey.name).toBe('UnsupportedOperationException');
    expect(digest.name).toBe('UnsupportedOperationException');
    expect(checks).toEqual([]);
  });

  it('describes the key with its signing algorithms', async () => {
    // Act
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: signingKey.arn }));

    // Assess
    expect(KeyMetadata).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_256'] });
    expect(KeyMetadata?.EncryptionAlgorithms).toBeUndefined();
  });

  it('keeps the key pair across a restart, in a file only its owner reads', async () => {
    // Prepare
    const before = await kms.send(new GetPublicKeyCommand({ KeyId: signingKey.arn }));
    const { Signature } = await kms.send(new SignCommand({ KeyId: signingKey.arn, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }));

    // Act
    const restarted = await start();
    const client = clientOf(restarted);
    try {
      const after = await client.send(new GetPublicKeyCommand({ KeyId: signingKey.arn }));
      const verified = await client.send(new VerifyCommand({ KeyId: signingKey.arn, Message: message, Signature, SigningAlgorithm: 'ECDSA_SHA_256' }));

      // Assess
      expect(Buffer.from(after.PublicKey!).equals(Buffer.from(before.PublicKey!))).toBe(true);
      expect(verified.SignatureValid).toBe(true);
      expect((await stat(join(directory, 'keys', `${signingKey.keyId}.p256.pem`))).mode & 0o777).toBe(0o600);
    } finally {
      client.destroy();
      await restarted.stop();
    }
  });
});
