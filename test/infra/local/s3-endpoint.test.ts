/**
 * The local S3 endpoint through the real `@aws-sdk/client-s3` (path-style, chosen by the SDK for
 * an IP-address endpoint): objects written once and read back, listings by prefix page by page,
 * Object Lock as S3 applies it (default compliance retention, versions that cannot be deleted or
 * have their retention shortened, delete markers), the integrity checks S3 demands of a locked
 * bucket, and every request signed (S3's SigV4, unsigned payload included) and authorized
 * against the caller's IAM policy, the bucket policy and the bucket key.
 */
import { createHash } from 'node:crypto';
import aws4 from 'aws4';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IamAuthorizer, type IamPrincipal, type PolicyDocument } from '#infra/local/iam/iam-authorizer.ts';
import { FaultInjector, issueCredentials, type PrincipalCredential, ServiceGuard } from '#infra/local/iam/service-guard.ts';
import { type S3Endpoint, startS3Endpoint } from '#infra/local/s3-endpoint.ts';

const account = '000000000000';
const region = 'cn-north-1';
const key = `arn:aws-cn:kms:${region}:${account}:key/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e`;
const lockedBucket = 'esup-test-audit-digests';
const plainBucket = 'esup-test-governed';
const bucketArn = (name: string): string => `arn:aws-cn:s3:::${name}`;

/** The digest bucket's policy as the stack writes it: TLS only, no deletes, no overwrites of digests. */
const bucketPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [bucketArn(lockedBucket), `${bucketArn(lockedBucket)}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:BypassGovernanceRetention'],
      Resource: `${bucketArn(lockedBucket)}/*`,
    },
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Resource: `${bucketArn(lockedBucket)}/digests/*`,
      Condition: { Null: { 's3:if-none-match': 'true' } },
    },
  ],
};

/** The bucket key's policy: the account delegates to IAM. */
const keyPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws-cn:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
};

const principal = (name: string, statements: Record<string, unknown>[]): IamPrincipal => ({
  name,
  roleArn: `arn:aws-cn:iam::${account}:role/${name}`,
  sessionArn: `arn:aws-cn:sts::${account}:assumed-role/${name}/session`,
  identityPolicies: [{ name: 'policy', document: { Version: '2012-10-17', Statement: statements } }],
});

const sealer = principal('esup-test-audit-sealer', [
  { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `${bucketArn(lockedBucket)}/digests/*` },
  { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn(lockedBucket), Condition: { StringLike: { 's3:prefix': 'digests/*' } } },
  { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: key },
]);
const keyless = principal('esup-test-keyless', [
  { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `${bucketArn(lockedBucket)}/digests/*` },
]);
const administrator = principal('esup-test-operator', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);

let endpoint: S3Endpoint;
let authorizer: IamAuthorizer;
let credentials: PrincipalCredential[];
let clock = new Date('2026-03-02T10:00:00.000Z');
const clients: S3Client[] = [];

const credentialOf = (who: IamPrincipal): PrincipalCredential => credentials.find((credential) => credential.principal.name === who.name)!;
const clientOf = (who: IamPrincipal, options: { secretAccessKey?: string; requestChecksumCalculation?: 'WHEN_REQUIRED' } = {}): S3Client => {
  const credential = credentialOf(who);
  const client = new S3Client({
    endpoint: endpoint.endpoint,
    region,
    maxAttempts: 1,
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? credential.secretAccessKey,
      sessionToken: credential.sessionToken,
    },
    ...(options.requestChecksumCalculation ? { requestChecksumCalculation: options.requestChecksumCalculation } : {}),
  });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  credentials = issueCredentials([sealer, keyless, administrator]);
  authorizer = new IamAuthorizer({
    account,
    resourcePolicyOf: (arn) =>
      arn === key ? keyPolicy : arn === bucketArn(lockedBucket) || arn.startsWith(`${bucketArn(lockedBucket)}/`) ? bucketPolicy : undefined,
  });
  const guard = new ServiceGuard({ region, credentials, authorizer, faults: new FaultInjector() });
  endpoint = await startS3Endpoint({
    region,
    buckets: [
      {
        name: lockedBucket,
        arn: bucketArn(lockedBucket),
        versioned: true,
        objectLock: { defaultRetention: { mode: 'COMPLIANCE', days: 365 } },
        encryptionKeyArn: key,
      },
      { name: plainBucket, arn: bucketArn(plainBucket), versioned: true, objectLock: {} },
    ],
    guard: () => guard,
    now: () => clock,
  });
});

beforeEach(() => {
  clock = new Date('2026-03-02T10:00:00.000Z');
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await endpoint?.stop();
});

async function s3Failure(call: Promise<unknown>): Promise<S3ServiceException> {
  const outcome = await call.then(
    () => new Error('expected the call to be refused, but it succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof S3ServiceException)) throw outcome;
  return outcome;
}

const putDigest = (client: S3Client, objectKey: string, body = `{"digest":"${objectKey}"}`) =>
  client.send(new PutObjectCommand({ Bucket: lockedBucket, Key: objectKey, Body: body, ContentType: 'application/json', IfNoneMatch: '*' }));

describe('writing and reading objects', () => {
  it('writes an object once, reads it back, and refuses a second write of the key', async () => {
    // Prepare
    const s3 = clientOf(sealer);

    // Act
    const written = await putDigest(s3, 'digests/2026-03-02/100000.000Z.json');
    const read = await s3.send(new GetObjectCommand({ Bucket: lockedBucket, Key: 'digests/2026-03-02/100000.000Z.json' }));
    const again = await s3Failure(putDigest(s3, 'digests/2026-03-02/100000.000Z.json', '{"forged":true}'));
    const unconditional = await s3Failure(
      s3.send(new PutObjectCommand({ Bucket: lockedBucket, Key: 'digests/2026-03-02/100000.000Z.json', Body: '{"forged":true}' })),
    );

    // Assess
    expect(await read.Body?.transformToString()).toBe('{"digest":"digests/2026-03-02/100000.000Z.json"}');
    expect(read.VersionId).toBe(written.VersionId);
    expect(read.ServerSideEncryption).toBe('aws:kms');
    expect(again.$metadata.httpStatusCode).toBe(412);
    expect(again.name).toBe('PreconditionFailed');
    expect(unconditional.name).toBe('AccessDenied');
    expect(unconditional.message).toContain('explicit deny in a resource-based policy');
  });

  it('lists keys under a prefix in order, page by page, after a key', async () => {
    // Prepare
    const s3 = clientOf(sealer);
    for (const time of ['000000', '000500', '001000', '001500', '002000']) await putDigest(s3, `digests/2026-03-01/${time}.000Z.json`);

    // Act
    const first = await s3.send(new ListObjectsV2Command({ Bucket: lockedBucket, Prefix: 'digests/2026-03-01/', MaxKeys: 2 }));
    const second = await s3.send(
      new ListObjectsV2Command({ Bucket: lockedBucket, Prefix: 'digests/2026-03-01/', MaxKeys: 2, ContinuationToken: first.NextContinuationToken }),
    );
    const third = await s3.send(
      new ListObjectsV2Command({ Bucket: lockedBucket, Prefix: 'digests/2026-03-01/', MaxKeys: 2, ContinuationToken: second.NextContinuationToken }),
    );
    const after = await s3.send(
      new ListObjectsV2Command({ Bucket: lockedBucket, Prefix: 'digests/2026-03-01/', StartAfter: 'digests/2026-03-01/001000.000Z.json' }),
    );
    const unprefixed = await s3Failure(s3.send(new ListObjectsV2Command({ Bucket: lockedBucket })));

    // Assess
    const keys = (page: { Contents?: { Key?: string }[] }) => (page.Contents ?? []).map((object) => object.Key?.slice(-16));
    expect([keys(first), keys(second), keys(third)]).toEqual([
      ['000000.000Z.json', '000500.000Z.json'],
      ['001000.000Z.json', '001500.000Z.json'],
      ['002000.000Z.json'],
    ]);
    expect([first.IsTruncated, second.IsTruncated, third.IsTruncated]).toEqual([true, true, false]);
    expect(keys(after)).toEqual(['001500.000Z.json', '002000.000Z.json']);
    expect(unprefixed.name).toBe('AccessDenied');
  });

  it('answers a missing key with 404 NoSuchKey, and a HEAD with its status alone', async () => {
    // Prepare
    const s3 = clientOf(sealer);

    // Act
    const missing = await s3Failure(s3.send(new GetObjectCommand({ Bucket: lockedBucket, Key: 'digests/2026-01-01/000000.000Z.json' })));
    const head = await s3Failure(s3.send(new HeadObjectCommand({ Bucket: lockedBucket, Key: 'digests/2026-01-01/000000.000Z.json' })));

    // Assess
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
    expect(head.$metadata.httpStatusCode).toBe(404);
  });
});

describe('Object Lock', () => {
  it('locks each new version in compliance mode for the bucket default, beyond the reach of an administrator', async () => {
    // Prepare
    const written = await putDigest(clientOf(sealer), 'digests/2026-03-02/101500.000Z.json');
    const operator = clientOf(administrator);

    // Act
    const retention = await operator.send(new GetObjectRetentionCommand({ Bucket: lockedBucket, Key: 'digests/2026-03-02/101500.000Z.json' }));
    const deleteVersion = await s3Failure(
      operator.send(new DeleteObjectCommand({ Bucket: lockedBucket, Key: 'digests/2026-03-02/101500.000Z.json', VersionId: written.VersionId })),
    );
    const shorten = await s3Failure(
      operator.send(
        new PutObjectRetentionCommand({
          Bucket: lockedBucket,
          Key: 'digests/2026-03-02/101500.000Z.json',
          Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date('2026-04-01T00:00:00Z') },
        }),
      ),
    );

    // Assess
    expect(retention.Retention).toEqual({ Mode: 'COMPLIANCE', RetainUntilDate: new Date('2027-03-02T10:00:00.000Z') });
    expect(deleteVersion.name).toBe('AccessDenied');
    expect(shorten.name).toBe('AccessDenied');
  });

  it('refuses to delete a locked version even without a bucket policy, and lets a delete marker hide it', async () => {
    // Prepare: a bucket whose policy forbids nothing; the lock alone protects the version.
    const operator = clientOf(administrator);
    const until = new Date('2026-06-01T00:00:00.000Z');
    const written = await operator.send(
      new PutObjectCommand({ Bucket: plainBucket, Key: 'records/one.json', Body: '{}', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until }),
    );

    // Act
    const deleteVersion = await s3Failure(
      operator.send(new DeleteObjectCommand({ Bucket: plainBucket, Key: 'records/one.json', VersionId: written.VersionId })),
    );
    const marker = await operator.send(new DeleteObjectCommand({ Bucket: plainBucket, Key: 'records/one.json' }));
    const hidden = await s3Failure(operator.send(new GetObjectCommand({ Bucket: plainBucket, Key: 'records/one.json' })));
    const kept = await operator.send(new GetObjectCommand({ Bucket: plainBucket, Key: 'records/one.json', VersionId: written.VersionId }));
    clock = new Date('2026-06-02T00:00:00.000Z');
    await operator.send(new DeleteObjectCommand({ Bucket: plainBucket, Key: 'records/one.json', VersionId: written.VersionId }));

    // Assess
    expect(deleteVersion.message).toBe('Access Denied because object protected by object lock.');
    expect(marker.DeleteMarker).toBe(true);
    expect(hidden.name).toBe('NoSuchKey');
    expect(await kept.Body?.transformToString()).toBe('{}');
  });

  it('shortens a governance retention only with the bypass', async () => {
    // Prepare
    const operator = clientOf(administrator);
    await operator.send(
      new PutObjectCommand({
        Bucket: plainBucket,
        Key: 'records/two.json',
        Body: '{}',
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: new Date('2026-06-01T00:00:00Z'),
      }),
    );
    const shorter = {
      Bucket: plainBucket,
      Key: 'records/two.json',
      Retention: { Mode: 'GOVERNANCE' as const, RetainUntilDate: new Date('2026-04-01T00:00:00Z') },
    };

    // Act
    const refused = await s3Failure(operator.send(new PutObjectRetentionCommand(shorter)));
    await operator.send(new PutObjectRetentionCommand({ ...shorter, BypassGovernanceRetention: true }));
    const retention = await operator.send(new GetObjectRetentionCommand({ Bucket: plainBucket, Key: 'records/two.json' }));

    // Assess
    expect(refused.name).toBe('AccessDenied');
    expect(retention.Retention?.RetainUntilDate).toEqual(new Date('2026-04-01T00:00:00Z'));
  });

  it('demands an integrity checksum of every upload to a locked bucket, and checks it', async () => {
    // Prepare
    const withoutChecksum = clientOf(sealer, { requestChecksumCalculation: 'WHEN_REQUIRED' });

    // Act
    const missing = await s3Failure(putDigest(withoutChecksum, 'digests/2026-03-02/103000.000Z.json'));
    const wrong = await s3Failure(
      withoutChecksum.send(
        new PutObjectCommand({
          Bucket: lockedBucket,
          Key: 'digests/2026-03-02/103000.000Z.json',
          Body: '{}',
          IfNoneMatch: '*',
          ContentMD5: createHash('md5').update('other').digest('base64'),
        }),
      ),
    );

    // Assess
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['InvalidRequest', 400]);
    expect(wrong.name).toBe('BadDigest');
  });

  it('lets only a caller allowed to set retentions put an object with lock headers', async () => {
    // Act
    const refused = await s3Failure(
      clientOf(sealer).send(
        new PutObjectCommand({
          Bucket: lockedBucket,
          Key: 'digests/2026-03-02/104500.000Z.json',
          Body: '{}',
          IfNoneMatch: '*',
          ObjectLockMode: 'GOVERNANCE',
          ObjectLockRetainUntilDate: new Date('2026-03-03T00:00:00Z'),
        }),
      ),
    );

    // Assess
    expect(refused.name).toBe('AccessDenied');
    expect(refused.message).toContain('s3:PutObjectRetention');
  });
});

describe('signatures and the bucket key', () => {
  it('refuses a request signed with the wrong secret', async () => {
    // Act
    const refused = await s3Failure(clientOf(sealer, { secretAccessKey: 'wrong' }).send(new GetObjectCommand({ Bucket: lockedBucket, Key: 'digests/x' })));

    // Assess
    expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403]);
  });

  it('accepts an unsigned payload declared as such, the signature covering the headers', async () => {
    // Prepare
    const credential = credentialOf(sealer);
    const url = new URL(`/${lockedBucket}/digests/2026-03-02/110000.000Z.json`, endpoint.endpoint);
    const body = '{"unsigned":true}';
    const signed = aws4.sign(
      {
        host: url.host,
        method: 'PUT',
        path: url.pathname,
        service: 's3',
        region,
        body,
        headers: {
          'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
          'If-None-Match': '*',
          'Content-MD5': createHash('md5').update(body).digest('base64'),
          'X-Amz-Security-Token': credential.sessionToken,
        },
      },
      credential,
    );

    // Act
    const response = await fetch(url, { method: 'PUT', headers: signed.headers as Record<string, string>, body });

    // Assess
    expect(response.status, await response.text()).toBe(200);
  });

  it("refuses a write when the caller may not use the bucket's key, as S3 uses it on the caller's behalf", async () => {
    // Act
    const refused = await s3Failure(putDigest(clientOf(keyless), 'digests/2026-03-02/111500.000Z.json'));

    // Assess
    expect(refused.name).toBe('AccessDenied');
    expect(refused.message).toContain('kms:GenerateDataKey');
    expect(authorizer.decisions().at(-1)).toEqual({ principal: keyless.name, action: 'kms:GenerateDataKey', resource: key, allowed: false, via: 's3' });
  });
});
