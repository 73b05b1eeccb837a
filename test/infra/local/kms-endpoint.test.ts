/**
 * The local KMS endpoint through the real `@aws-sdk/client-kms` (AWS JSON 1.1): data keys and
 * ciphertexts bound to their key and encryption context, MACs computed in the key, the
 * authorization hook that will carry the key policies, throttling on demand, and the unchanged
 * `KmsPersonalDataProtector` working against it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateMacCommand,
  KMSClient,
  KMSServiceException,
  VerifyMacCommand,
} from '@aws-sdk/client-kms';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { departmentCredentials, generateDepartmentCredential } from '#infra/local/department-credentials.ts';
import {
  type KmsAuthorizationCheck,
  type KmsAuthorizationVerdict,
  type KmsCall,
  type KmsEndpoint,
  type LocalKmsKeyDeclaration,
  startKmsEndpoint,
} from '#infra/local/kms-endpoint.ts';
import { verifySigV4 } from '#infra/local/sigv4-verifier.ts';
import { personalDataProtectorFrom } from '#shared/adapters/crypto/personal-data-protector-from-environment.ts';
import { SealedDataRejectedError } from '#shared/adapters/crypto/sealed-data-rejected-error.ts';
import { KmsPersonalDataProtector, personalDataPurpose } from '#shared/adapters/kms/kms-personal-data-protector.ts';
import { captureOutput } from '../../support/captured-output.ts';

const region = 'cn-north-1';
const keyArn = (keyId: string): string => `arn:aws-cn:kms:${region}:000000000000:key/${keyId}`;
const declared = (keyId: string, spec: LocalKmsKeyDeclaration['spec'], aliases: string[] = []): LocalKmsKeyDeclaration => ({
  keyId,
  arn: keyArn(keyId),
  spec,
  aliases,
});

const dataKey = declared('3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e01', 'SYMMETRIC_DEFAULT', ['alias/esup-test-personal-data']);
const otherDataKey = declared('7d2e9b10-4c3a-4f5e-8a1b-2c3d4e5f6a70', 'SYMMETRIC_DEFAULT');
const lookupKey = declared('a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d', 'HMAC_256', ['alias/esup-test-lookup-hash']);
const otherLookupKey = declared('0e1d2c3b-4a59-4687-b7a6-95847362e1f0', 'HMAC_256');
const keys = [dataKey, otherDataKey, lookupKey, otherLookupKey];

const receipt = 'TS20261009K7M2Q9XA';
const complaintContext = { purpose: personalDataPurpose, context: receipt };
/** Generated test data, never a real person's. */
const generatedComplainant = { name: '测试人甲', idNumber: '330203199001011234', phone: '13800000000', address: '宁波市海曙区测试路1号' };

const caller = generateDepartmentCredential('kms-test-caller');

let directory: string;
let endpoint: KmsEndpoint;
let kms: KMSClient;
let authorizations: { call: KmsCall; checks: readonly KmsAuthorizationCheck[] }[];
let decide: (call: KmsCall, checks: readonly KmsAuthorizationCheck[]) => KmsAuthorizationVerdict;

const clientOf = (target: KmsEndpoint, options: { maxAttempts?: number; secretAccessKey?: string } = {}): KMSClient =>
  new KMSClient({
    endpoint: target.endpoint,
    region,
    credentials: { accessKeyId: caller.accessKeyId, secretAccessKey: options.secretAccessKey ?? caller.secretAccessKey },
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kms-endpoint-'));
  endpoint = await startKmsEndpoint({
    keys,
    keyDirectory: join(directory, 'keys'),
    authorize: async (call, checks) => {
      authorizations.push({ call, checks });
      return decide(call, checks);
    },
  });
  kms = clientOf(endpoint);
});

beforeEach(() => {
  authorizations = [];
  decide = () => undefined;
});

afterAll(async () => {
  kms?.destroy();
  await endpoint?.stop();
  await rm(directory, { recursive: true, force: true });
});

/** The KMS error a call was refused with (fails the test when it succeeded or failed otherwise). */
async function kmsFailure(call: Promise<unknown>): Promise<KMSServiceException> {
  const outcome = await call.then(
    () => new Error('expected the call to be refused, but it succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof KMSServiceException)) throw outcome;
  return outcome;
}

/** A valid GenerateMac request on the lookup key, for variations. */
const aMac = { KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('x') } as const;

const bytesOf = (value: Uint8Array | undefined): Buffer => Buffer.from(value ?? new Uint8Array());

async function sealedDataKey(keyId = dataKey.arn, context: Record<string, string> = complaintContext) {
  const generated = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }));
  return { plaintext: bytesOf(generated.Plaintext), blob: bytesOf(generated.CiphertextBlob) };
}

describe('data keys and ciphertexts', () => {
  it('issues an AES-256 data key whose wrapped copy opens under the same key and context, with or without KeyId', async () => {
    // Act
    const generated = await kms.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, KeySpec: 'AES_256', EncryptionContext: complaintContext }));
    const blob = generated.CiphertextBlob;
    const withKeyId = await kms.send(new DecryptCommand({ KeyId: dataKey.arn, CiphertextBlob: blob, EncryptionContext: complaintContext }));
    const withoutKeyId = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: complaintContext }));

    // Assess
    expect(generated.KeyId).toBe(dataKey.arn);
    expect(generated.Plaintext).toHaveLength(32);
    expect(bytesOf(blob).includes(bytesOf(generated.Plaintext))).toBe(false);
    for (const opened of [withKeyId, withoutKeyId]) {
      expect(opened.KeyId).toBe(dataKey.arn);
      expect(opened.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
      expect(bytesOf(opened.Plaintext).equals(bytesOf(generated.Plaintext))).toBe(true);
    }
  });

  it('issues data keys of AES_128 or of the requested NumberOfBytes, a fresh one each time', async () => {
    // Act
    const aes128 = await kms.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, KeySpec: 'AES_128' }));
    const sized = await kms.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, NumberOfBytes: 64 }));
    const again = await kms.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, NumberOfBytes: 64 }));

    // Assess
    expect(aes128.Plaintext).toHaveLength(16);
    expect(sized.Plaintext).toHaveLength(64);
    expect(bytesOf(again.Plaintext).equals(bytesOf(sized.Plaintext))).toBe(false);
  });

  it('encrypts and decrypts a plaintext under the named key, with a fresh IV each time and the context in any order', async () => {
    // Prepare
    const plaintext = Buffer.from('a generated secret of the test', 'utf8');

    // Act
    const first = await kms.send(new EncryptCommand({ KeyId: dataKey.arn, Plaintext: plaintext, EncryptionContext: complaintContext }));
    const second = await kms.send(new EncryptCommand({ KeyId: dataKey.arn, Plaintext: plaintext, EncryptionContext: complaintContext }));
    const reordered = { context: receipt, purpose: personalDataPurpose };
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: first.CiphertextBlob, EncryptionContext: reordered }));

    // Assess
    expect(first).toMatchObject({ KeyId: dataKey.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(bytesOf(first.CiphertextBlob).includes(plaintext)).toBe(false);
    expect(bytesOf(second.CiphertextBlob).equals(bytesOf(first.CiphertextBlob))).toBe(false);
    expect(bytesOf(opened.Plaintext).equals(plaintext)).toBe(true);
  });

  it.each([
    ["another complaint's context", { purpose: personalDataPurpose, context: 'TS20261009AAAAAAAA' }],
    ['another purpose', { purpose: 'audit-digest', context: receipt }],
    ['no context', undefined],
    ['an extra pair', { ...complaintContext, field: 'phone' }],
    ['a missing pair', { purpose: personalDataPurpose }],
  ])('refuses to decrypt under %s as InvalidCiphertextException, as KMS does', async (_case, context) => {
    // Prepare
    const { blob } = await sealedDataKey();

    // Act
    const failure = await kmsFailure(kms.send(new DecryptCommand({ KeyId: dataKey.arn, CiphertextBlob: blob, EncryptionContext: context })));

    // Assess
    expect(failure.name).toBe('InvalidCiphertextException');
    expect(failure.$metadata.httpStatusCode).toBe(400);
  });

  it.each([
    ['with a flipped ciphertext byte', (blob: Buffer) => flipped(blob, 35)],
    ['with a flipped tag byte', (blob: Buffer) => flipped(blob, blob.length - 1)],
    ['with a flipped IV byte', (blob: Buffer) => flipped(blob, 20)],
    ['with an unknown format version', (blob: Buffer) => flipped(blob, 0)],
    ['cut short', (blob: Buffer) => blob.subarray(0, 40)],
    ['of random bytes', (blob: Buffer) => randomBytes(blob.length)],
  ])('refuses a ciphertext %s as InvalidCiphertextException', async (_case, tamper) => {
    // Prepare
    const { blob } = await sealedDataKey();

    // Act
    const failure = await kmsFailure(kms.send(new DecryptCommand({ CiphertextBlob: tamper(blob), EncryptionContext: complaintContext })));

    // Assess
    expect(failure.name).toBe('InvalidCiphertextException');
  });

  it('refuses a KeyId that is not the key inside the ciphertext as IncorrectKeyException', async () => {
    // Prepare
    const { blob } = await sealedDataKey(otherDataKey.arn);

    // Act
    const failure = await kmsFailure(kms.send(new DecryptCommand({ KeyId: dataKey.arn, CiphertextBlob: blob, EncryptionContext: complaintContext })));

    // Assess
    expect(failure.name).toBe('IncorrectKeyException');
  });

  it('finds a key by key id, key ARN, alias name and alias ARN alike', async () => {
    // Prepare
    const identifiers = [dataKey.keyId, dataKey.arn, 'alias/esup-test-personal-data', `arn:aws-cn:kms:${region}:000000000000:alias/esup-test-personal-data`];

    // Act
    const described = await Promise.all(identifiers.map((KeyId) => kms.send(new DescribeKeyCommand({ KeyId }))));
    const { blob } = await sealedDataKey('alias/esup-test-personal-data');
    const opened = await kms.send(new DecryptCommand({ KeyId: dataKey.keyId, CiphertextBlob: blob, EncryptionContext: complaintContext }));

    // Assess
    expect(described.map((answer) => answer.KeyMetadata?.Arn)).toEqual(identifiers.map(() => dataKey.arn));
    expect(opened.KeyId).toBe(dataKey.arn);
  });

  it('describes keys as KMS does: usage, spec and algorithms', async () => {
    // Act
    const data = await kms.send(new DescribeKeyCommand({ KeyId: dataKey.arn }));
    const lookup = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/esup-test-lookup-hash' }));

    // Assess
    expect(data.KeyMetadata).toMatchObject({
      AWSAccountId: '000000000000',
      KeyId: dataKey.keyId,
      Arn: dataKey.arn,
      Enabled: true,
      KeyState: 'Enabled',
      KeyManager: 'CUSTOMER',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    });
    expect(data.KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect(lookup.KeyMetadata).toMatchObject({ Arn: lookupKey.arn, KeyUsage: 'GENERATE_VERIFY_MAC', KeySpec: 'HMAC_256', MacAlgorithms: ['HMAC_SHA_256'] });
  });

  it.each([
    ['an unknown key id', 'c0ffee00-0000-4000-8000-000000000000'],
    ['an unknown key ARN', keyArn('c0ffee00-0000-4000-8000-000000000000')],
    ["a known key id under another account's ARN", `arn:aws-cn:kms:${region}:111111111111:key/${dataKey.keyId}`],
    ['an unknown alias', 'alias/esup-test-unknown'],
    ['an alias ARN in another region', `arn:aws-cn:kms:cn-northwest-1:000000000000:alias/esup-test-personal-data`],
  ])('answers NotFoundException for %s', async (_case, keyId) => {
    // Act
    const failures = await Promise.all([
      kmsFailure(kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }))),
      kmsFailure(kms.send(new DescribeKeyCommand({ KeyId: keyId }))),
    ]);

    // Assess
    expect(failures.map((failure) => failure.name)).toEqual(['NotFoundException', 'NotFoundException']);
    expect(authorizations).toEqual([]);
  });

  it.each([
    ['GenerateMac on a symmetric key', (c: KMSClient) => c.send(new GenerateMacCommand({ ...aMac, KeyId: dataKey.arn }))],
    ['VerifyMac on a symmetric key', (c: KMSClient) => c.send(new VerifyMacCommand({ ...aMac, KeyId: dataKey.arn, Mac: Buffer.alloc(32) }))],
    ['GenerateDataKey on an HMAC key', (c: KMSClient) => c.send(new GenerateDataKeyCommand({ KeyId: lookupKey.arn, KeySpec: 'AES_256' }))],
    ['Encrypt on an HMAC key', (c: KMSClient) => c.send(new EncryptCommand({ KeyId: lookupKey.arn, Plaintext: Buffer.from('x') }))],
    ['an HMAC algorithm the key spec does not support', (c: KMSClient) => c.send(new GenerateMacCommand({ ...aMac, MacAlgorithm: 'HMAC_SHA_512' }))],
    [
      'an asymmetric encryption algorithm on a symmetric key',
      (c: KMSClient) => c.send(new EncryptCommand({ KeyId: dataKey.arn, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })),
    ],
  ])('refuses %s as InvalidKeyUsageException', async (_case, send) => {
    // Act
    const failure = await kmsFailure(send(kms));

    // Assess
    expect(failure.name).toBe('InvalidKeyUsageException');
    expect(authorizations).toEqual([]);
  });

  it.each([
    ['a GenerateDataKey without KeyId', (c: KMSClient) => c.send(new GenerateDataKeyCommand({ KeyId: undefined, KeySpec: 'AES_256' }))],
    ['a GenerateDataKey with neither KeySpec nor NumberOfBytes', (c: KMSClient) => c.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn }))],
    [
      'a GenerateDataKey with both KeySpec and NumberOfBytes',
      (c: KMSClient) => c.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, KeySpec: 'AES_256', NumberOfBytes: 32 })),
    ],
    ['a GenerateDataKey of 1025 bytes', (c: KMSClient) => c.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, NumberOfBytes: 1025 }))],
    ['an Encrypt of more than 4096 bytes', (c: KMSClient) => c.send(new EncryptCommand({ KeyId: dataKey.arn, Plaintext: Buffer.alloc(4097) }))],
    ['a Decrypt without CiphertextBlob', (c: KMSClient) => c.send(new DecryptCommand({ CiphertextBlob: undefined }))],
    ['a GenerateMac without MacAlgorithm', (c: KMSClient) => c.send(new GenerateMacCommand({ ...aMac, MacAlgorithm: undefined }))],
  ])('refuses %s as ValidationException', async (_case, send) => {
    // Act
    const failure = await kmsFailure(send(kms));

    // Assess
    expect(failure.name).toBe('ValidationException');
    expect(failure.$metadata.httpStatusCode).toBe(400);
    expect(authorizations).toEqual([]);
  });
});

describe('MACs', () => {
  it('computes HMAC-SHA-256 inside the key: the same MAC for one key and message, another under another key', async () => {
    // Prepare
    const message = Buffer.from('phone:13800000000', 'utf8');
    const material = await readFile(join(directory, 'keys', `${lookupKey.keyId}.key`));

    // Act
    const first = await kms.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    const again = await kms.send(new GenerateMacCommand({ KeyId: 'alias/esup-test-lookup-hash', MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    const otherKey = await kms.send(new GenerateMacCommand({ KeyId: otherLookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: message }));

    // Assess
    expect(first).toMatchObject({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256' });
    expect(bytesOf(first.Mac).equals(createHmac('sha256', material).update(message).digest())).toBe(true);
    expect(bytesOf(again.Mac).equals(bytesOf(first.Mac))).toBe(true);
    expect(bytesOf(otherKey.Mac).equals(bytesOf(first.Mac))).toBe(false);
  });

  it("verifies a MAC it made, and refuses an altered one or another key's as KMSInvalidMacException", async () => {
    // Prepare
    const message = Buffer.from('idNumber:330203199001011234', 'utf8');
    const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    const verify = (KeyId: string, mac: Uint8Array) => kms.send(new VerifyMacCommand({ KeyId, MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac: mac }));

    // Act
    const verified = await verify(lookupKey.arn, bytesOf(Mac));
    const altered = await kmsFailure(verify(lookupKey.arn, flipped(bytesOf(Mac), 7)));
    const otherKey = await kmsFailure(verify(otherLookupKey.arn, bytesOf(Mac)));

    // Assess
    expect(verified).toMatchObject({ KeyId: lookupKey.arn, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' });
    expect([altered.name, otherKey.name]).toEqual(['KMSInvalidMacException', 'KMSInvalidMacException']);
  });
});

describe('keys across restarts', () => {
  let restartDirectory: string;
  let started: KmsEndpoint[];
  let clients: KMSClient[];

  beforeEach(async () => {
    restartDirectory = await mkdtemp(join(tmpdir(), 'kms-endpoint-restart-'));
    started = [];
    clients = [];
  });

  afterEach(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(started.map((running) => running.stop()));
    await rm(restartDirectory, { recursive: true, force: true });
  });

  async function start(keyDirectory: string): Promise<KMSClient> {
    const running = await startKmsEndpoint({ keys, keyDirectory });
    started.push(running);
    const client = clientOf(running);
    clients.push(client);
    return client;
  }

  it('keeps each key in a 0600 file of 32 bytes and, after a restart on the same directory, opens what it sealed before', async () => {
    // Prepare
    const keyDirectory = join(restartDirectory, 'keys');
    const before = await start(keyDirectory);
    const sealed = await before.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, KeySpec: 'AES_256', EncryptionContext: complaintContext }));
    const message = Buffer.from('phone:13800000000');
    const macBefore = await before.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
    await started.pop()?.stop();

    // Act
    const after = await start(keyDirectory);
    const opened = await after.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: complaintContext }));
    const macAfter = await after.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: message }));

    // Assess
    expect(bytesOf(opened.Plaintext).equals(bytesOf(sealed.Plaintext))).toBe(true);
    expect(bytesOf(macAfter.Mac).equals(bytesOf(macBefore.Mac))).toBe(true);
    for (const key of keys) {
      const file = await stat(join(keyDirectory, `${key.keyId}.key`));
      expect(file.size).toBe(32);
      expect(file.mode & 0o777).toBe(0o600);
    }
  });

  it('cannot open what was sealed under the keys of another directory', async () => {
    // Prepare
    const first = await start(join(restartDirectory, 'first'));
    const sealed = await first.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, KeySpec: 'AES_256', EncryptionContext: complaintContext }));

    // Act
    const second = await start(join(restartDirectory, 'second'));
    const failure = await kmsFailure(second.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: complaintContext })));

    // Assess
    expect(failure.name).toBe('InvalidCiphertextException');
  });

  it.each([
    ['an ARN that names another key', [{ ...dataKey, arn: otherDataKey.arn }]],
    ['a key id that is not a lower-case UUID', [{ ...dataKey, keyId: dataKey.keyId.toUpperCase(), arn: keyArn(dataKey.keyId.toUpperCase()) }]],
    ['an alias without the alias/ prefix', [{ ...dataKey, aliases: ['esup-test-personal-data'] }]],
    ['an alias on two keys', [dataKey, { ...otherDataKey, aliases: dataKey.aliases }]],
  ])('refuses to start with %s', async (_case, declarations) => {
    // Act
    const outcome = startKmsEndpoint({ keys: declarations, keyDirectory: join(restartDirectory, 'keys') });

    // Assess
    await expect(outcome).rejects.toThrow(/misdeclared/);
  });

  it('refuses to start on a key file that does not hold 32 bytes', async () => {
    // Prepare
    const keyDirectory = join(restartDirectory, 'keys');
    await start(keyDirectory);
    await started.pop()?.stop();
    await writeFile(join(keyDirectory, `${dataKey.keyId}.key`), randomBytes(16));

    // Act
    const outcome = startKmsEndpoint({ keys, keyDirectory });

    // Assess
    await expect(outcome).rejects.toThrow(/exactly 32 bytes/);
  });
});

describe('the authorization hook', () => {
  it('receives the IAM checks KMS would evaluate: action, key ARN, key spec and usage, and the encryption context', async () => {
    // Act
    const { blob } = await sealedDataKey('alias/esup-test-personal-data');
    await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: complaintContext }));
    await kms.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('phone:13800000000') }));

    // Assess
    const contextConditions = {
      'kms:EncryptionContext:purpose': personalDataPurpose,
      'kms:EncryptionContext:context': receipt,
      'kms:EncryptionContextKeys': ['context', 'purpose'],
    };
    expect(authorizations.map(({ checks }) => checks)).toEqual([
      [
        {
          action: 'kms:GenerateDataKey',
          resource: dataKey.arn,
          context: {
            'kms:KeySpec': 'SYMMETRIC_DEFAULT',
            'kms:KeyUsage': 'ENCRYPT_DECRYPT',
            'kms:RequestAlias': 'alias/esup-test-personal-data',
            'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT',
            ...contextConditions,
          },
        },
      ],
      [
        {
          action: 'kms:Decrypt',
          resource: dataKey.arn,
          context: {
            'kms:KeySpec': 'SYMMETRIC_DEFAULT',
            'kms:KeyUsage': 'ENCRYPT_DECRYPT',
            'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT',
            ...contextConditions,
          },
        },
      ],
      [
        {
          action: 'kms:GenerateMac',
          resource: lookupKey.arn,
          context: { 'kms:KeySpec': 'HMAC_256', 'kms:KeyUsage': 'GENERATE_VERIFY_MAC', 'kms:MacAlgorithm': 'HMAC_SHA_256' },
        },
      ],
    ]);
  });

  it('checks a Decrypt on the key inside the ciphertext, however the request named it', async () => {
    // Prepare
    const { blob } = await sealedDataKey(otherDataKey.arn);
    authorizations = [];

    // Act
    await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: complaintContext }));
    await kms.send(new DecryptCommand({ KeyId: otherDataKey.keyId, CiphertextBlob: blob, EncryptionContext: complaintContext }));

    // Assess
    expect(authorizations.flatMap(({ checks }) => checks.map((check) => [check.action, check.resource]))).toEqual([
      ['kms:Decrypt', otherDataKey.arn],
      ['kms:Decrypt', otherDataKey.arn],
    ]);
  });

  it('receives the request as signed, so it can verify the SigV4 signature and name the caller', async () => {
    // Prepare
    const forger = clientOf(endpoint, { secretAccessKey: 'not-the-secret-of-this-access-key-0000000' });
    const verify = (call: KmsCall) => {
      const [path = '/', rawQuery = ''] = call.url.split('?');
      return verifySigV4(
        { method: call.method, path, rawQuery, headers: call.headers, body: call.body },
        { region, service: 'kms', lookup: departmentCredentials([caller]).byAccessKeyId },
      );
    };

    // Act
    await kms.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('phone:13800000000') }));
    await forger.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('phone:13800000000') }));
    forger.destroy();

    // Assess
    const [genuine, forged] = authorizations.map(({ call }) => call);
    if (genuine === undefined || forged === undefined) throw new Error('the hook was not asked about both calls');
    expect(genuine).toMatchObject({ operation: 'GenerateMac', method: 'POST', headers: { 'x-amz-target': 'TrentService.GenerateMac' } });
    expect(JSON.parse(genuine.body.toString('utf8'))).toMatchObject({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256' });
    expect(await verify(genuine)).toEqual({ ok: true, credential: caller });
    expect(await verify(forged)).toMatchObject({ ok: false, reason: 'signatureMismatch' });
  });

  it("answers a denial as AccessDeniedException (HTTP 400) with the hook's message, and hands out nothing", async () => {
    // Prepare
    const { blob } = await sealedDataKey();
    const principal = 'arn:aws-cn:sts::000000000000:assumed-role/esup-local-pd-seal-intake/intake';
    const message = `User: ${principal} is not authorized to perform: kms:Decrypt on resource: ${dataKey.arn}`;
    decide = (_call, checks) => (checks.some((check) => check.action === 'kms:Decrypt') ? { denied: message } : undefined);
    const decrypt = () => kms.send(new DecryptCommand({ KeyId: dataKey.arn, CiphertextBlob: blob, EncryptionContext: complaintContext }));

    // Act
    const failure = await kmsFailure(decrypt());
    decide = () => undefined;
    const allowed = await decrypt();

    // Assess
    expect(failure).toBeInstanceOf(KMSServiceException);
    expect(failure.name).toBe('AccessDeniedException');
    expect(failure.message).toBe(message);
    expect(failure.$metadata.httpStatusCode).toBe(400);
    expect(failure).not.toHaveProperty('Plaintext');
    expect(allowed.Plaintext).toHaveLength(32);
  });

  it('is asked before the cryptography: a Decrypt under the wrong context is checked with that context, then refused', async () => {
    // Prepare
    const { blob } = await sealedDataKey();
    const wrongContext = { purpose: personalDataPurpose, context: 'TS20261009AAAAAAAA' };
    authorizations = [];

    // Act
    const failure = await kmsFailure(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: wrongContext })));

    // Assess
    expect(failure.name).toBe('InvalidCiphertextException');
    expect(authorizations.map(({ checks }) => checks[0]?.context['kms:EncryptionContext:context'])).toEqual(['TS20261009AAAAAAAA']);
  });

  it('answers DryRunOperationException (HTTP 412) once a DryRun request is authorized', async () => {
    // Act
    const failure = await kmsFailure(kms.send(new GenerateDataKeyCommand({ KeyId: dataKey.arn, KeySpec: 'AES_256', DryRun: true })));

    // Assess
    expect(failure.name).toBe('DryRunOperationException');
    expect(failure.$metadata.httpStatusCode).toBe(412);
    expect(authorizations).toHaveLength(1);
  });
});

describe('throttling on demand', () => {
  it('answers ThrottlingException (HTTP 400) to the next N calls of that operation only, without asking the hook', async () => {
    // Prepare
    const impatient = clientOf(endpoint, { maxAttempts: 1 });
    const mac = () => impatient.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('x') }));
    endpoint.throttleNext('GenerateMac', 2);

    // Act
    const first = await kmsFailure(mac());
    const otherOperation = await impatient.send(new DescribeKeyCommand({ KeyId: lookupKey.arn }));
    const second = await kmsFailure(mac());
    const third = await mac();
    impatient.destroy();

    // Assess
    expect([first.name, second.name]).toEqual(['ThrottlingException', 'ThrottlingException']);
    expect(first.$metadata.httpStatusCode).toBe(400);
    expect(otherOperation.KeyMetadata?.Arn).toBe(lookupKey.arn);
    expect(third.Mac).toHaveLength(32);
    expect(authorizations.map(({ call }) => call.operation)).toEqual(['DescribeKey', 'GenerateMac']);
  });

  it('is retried by the SDK, which surfaces ThrottlingException once its attempts are spent', async () => {
    // Prepare
    const mac = () => kms.send(new GenerateMacCommand({ KeyId: lookupKey.arn, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('x') }));

    // Act
    endpoint.throttleNext('GenerateMac');
    const recovered = await mac();
    endpoint.throttleNext('GenerateMac', 3);
    const exhausted = await kmsFailure(mac());

    // Assess
    expect(recovered.$metadata.attempts).toBe(2);
    expect(exhausted.name).toBe('ThrottlingException');
    expect(exhausted.$metadata.attempts).toBe(3);
  });
});

describe('the wire protocol', () => {
  it.each([
    ['no X-Amz-Target', {}, '{}', 'UnknownOperationException'],
    ['an operation it does not serve', { 'x-amz-target': 'TrentService.ImportKeyMaterial' }, '{}', 'UnsupportedOperationException'],
    ['another content type', { 'x-amz-target': 'TrentService.DescribeKey', 'content-type': 'application/json' }, '{}', 'SerializationException'],
    ['a body that is not JSON', { 'x-amz-target': 'TrentService.DescribeKey' }, '{"KeyId":', 'SerializationException'],
  ])('answers a request with %s with a JSON 1.1 error', async (_case, headers, body, type) => {
    // Act
    const response = await fetch(endpoint.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
      body,
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({ __type: type, message: expect.any(String) });
  });
});

describe('the unchanged KmsPersonalDataProtector against the endpoint', () => {
  it("seals and opens fields and documents, computes lookup hashes, and cannot open under another complaint's context", async () => {
    // Prepare
    const output = captureOutput();
    const protector = await personalDataProtectorFrom(
      { PERSONAL_DATA_KEY: dataKey.arn, LOOKUP_HASH_KEY: lookupKey.arn, PERSONAL_DATA_PERIOD_KEYS: 'alias/esup-test-pd-' },
      () => kms,
    );
    const document = new Uint8Array(randomBytes(20 * 1024));

    // Act
    const sealed = await protector.seal(generatedComplainant, receipt, { keyRef: dataKey.arn });
    const opened = await protector.open(sealed, receipt);
    const sealedDocument = await protector.sealDocument(document, receipt, { keyRef: dataKey.arn });
    const openedDocument = await protector.openDocument(sealedDocument, receipt);
    const hash = await protector.lookupHash('phone:13800000000');
    const sameHash = await protector.lookupHash('phone:13800000000');
    const otherHash = await protector.lookupHash('phone:13900000000');
    const underAnotherComplaint = protector.open(sealed, 'TS20261009AAAAAAAA').catch((error: unknown) => error);
    const documentUnderAnotherComplaint = protector.openDocument(sealedDocument, 'TS20261009AAAAAAAA').catch((error: unknown) => error);
    const outcomes = await Promise.all([underAnotherComplaint, documentUnderAnotherComplaint]);
    output.restore();

    // Assess
    expect(protector).toBeInstanceOf(KmsPersonalDataProtector);
    expect(sealed.keyRef).toBe(dataKey.arn);
    expect(opened).toEqual(generatedComplainant);
    expect(Buffer.from(openedDocument).equals(Buffer.from(document))).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash).toBe(hash);
    expect(otherHash).not.toBe(hash);
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(SealedDataRejectedError);
      expect((outcome as Error).cause).toMatchObject({ name: 'InvalidCiphertextException' });
    }
    const dataKeyChecks = authorizations.flatMap(({ checks }) => checks).filter((check) => check.resource === dataKey.arn);
    const [generate, decrypt] = ['kms:GenerateDataKey', 'kms:Decrypt'];
    expect(dataKeyChecks.map((check) => check.action)).toEqual([generate, decrypt, generate, decrypt, decrypt, decrypt]);
    for (const check of dataKeyChecks) expect(check.context['kms:EncryptionContext:purpose']).toBe(personalDataPurpose);
    for (const value of Object.values(generatedComplainant)) expect(output.text()).not.toContain(value);
  });

  it('refuses data sealed under another data key, which KMS answers with IncorrectKeyException', async () => {
    // Prepare
    const protector = new KmsPersonalDataProtector({ client: kms, lookupKeyId: lookupKey.arn });
    const sealed = await protector.seal(generatedComplainant, receipt, { keyRef: otherDataKey.arn });

    // Act: the record claims the data key; KMS finds the other key inside the ciphertext.
    const outcome = await protector.open({ ...sealed, keyRef: dataKey.arn }, receipt).catch((error: unknown) => error);

    // Assess
    expect(outcome).toBeInstanceOf(SealedDataRejectedError);
    expect((outcome as Error).cause).toMatchObject({ name: 'IncorrectKeyException' });
  });
});

/** A copy of `bytes` with the byte at `index` inverted. */
function flipped(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0xff;
  return copy;
}
