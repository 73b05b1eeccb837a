/**
 * The local KMS endpoint's keys made and retired at run time, through the real
 * `@aws-sdk/client-kms`: `CreateKey` with a key policy and tags, aliases, tags, rotation, the
 * deletion of a key (unusable while pending, gone with its material and aliases once the window
 * has passed on the endpoint's clock), and `ReEncrypt` from one key to another; each with the IAM
 * checks KMS would evaluate.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  GenerateDataKeyCommand,
  KMSClient,
  KMSServiceException,
  ListAliasesCommand,
  ListResourceTagsCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDepartmentCredential } from '#infra/local/department-credentials.ts';
import {
  type KmsAuthorizationCheck,
  type KmsAuthorizationVerdict,
  type KmsEndpoint,
  type LocalKmsKeyDeclaration,
  startKmsEndpoint,
} from '#infra/local/kms-endpoint.ts';

const region = 'cn-north-1';
const account = '000000000000';
const declaredKey: LocalKmsKeyDeclaration = {
  keyId: '3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e01',
  arn: `arn:aws-cn:kms:${region}:${account}:key/3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e01`,
  spec: 'SYMMETRIC_DEFAULT',
  aliases: ['alias/esup-test-personal-data'],
  tags: { 'esup:deployment': 'esup-test', 'esup:kind': 'legacy' },
};
const context = { purpose: 'complaint-personal-data', context: 'TS20261009K7M2Q9XA' };
const tags = [
  { TagKey: 'esup:deployment', TagValue: 'esup-test' },
  { TagKey: 'esup:kind', TagValue: 'retention' },
];
const policy = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws-cn:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
};
const day = 86_400_000;
const caller = generateDepartmentCredential('kms-lifecycle-caller');

let directory: string;
let now: Date;
let endpoint: KmsEndpoint;
let kms: KMSClient;
let checks: KmsAuthorizationCheck[][];
let decide: (checks: readonly KmsAuthorizationCheck[]) => KmsAuthorizationVerdict;

async function start(): Promise<void> {
  endpoint = await startKmsEndpoint({
    keys: [declaredKey],
    keyDirectory: join(directory, 'keys'),
    clock: () => now,
    authorize: async (_call, asked) => {
      checks.push([...asked]);
      return decide(asked);
    },
  });
  kms = new KMSClient({
    endpoint: endpoint.endpoint,
    region,
    credentials: { accessKeyId: caller.accessKeyId, secretAccessKey: caller.secretAccessKey },
    maxAttempts: 1,
  });
}

async function stop(): Promise<void> {
  kms?.destroy();
  await endpoint?.stop();
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kms-lifecycle-'));
  now = new Date('2029-10-08T00:00:00.000Z');
  checks = [];
  decide = () => undefined;
  await start();
});

afterEach(async () => {
  await stop();
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

const createKey = async (extra: Partial<ConstructorParameters<typeof CreateKeyCommand>[0]> = {}) =>
  (
    await kms.send(
      new CreateKeyCommand({ Description: 'retention 2029-09', Policy: JSON.stringify(policy), BypassPolicyLockoutSafetyCheck: true, Tags: tags, ...extra }),
    )
  ).KeyMetadata!;

const sealedDataKey = async (keyId: string) => {
  const generated = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }));
  return { plaintext: Buffer.from(generated.Plaintext!), blob: generated.CiphertextBlob! };
};

describe('CreateKey', () => {
  it('makes a usable key in the account with its policy and tags, asking IAM what KMS asks', async () => {
    // Act
    const created = await createKey();
    const { blob, plaintext } = await sealedDataKey(created.Arn!);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));
    const listed = await kms.send(new ListResourceTagsCommand({ KeyId: created.KeyId }));

    // Assess
    expect(created).toMatchObject({
      Arn: expect.stringMatching(new RegExp(`^arn:aws-cn:kms:${region}:${account}:key/[0-9a-f-]{36}$`)),
      KeyState: 'Enabled',
      Description: 'retention 2029-09',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
    });
    expect(created.CreationDate).toEqual(now);
    expect(Buffer.from(opened.Plaintext!).equals(plaintext)).toBe(true);
    expect(listed.Tags).toEqual([...tags].sort((a, b) => a.TagKey.localeCompare(b.TagKey)));
    expect(endpoint.keyPolicyOf(created.Arn!)).toEqual(policy);
    expect(checks[0]).toEqual([
      {
        action: 'kms:CreateKey',
        resource: '*',
        context: {
          'kms:KeySpec': 'SYMMETRIC_DEFAULT',
          'kms:KeyUsage': 'ENCRYPT_DECRYPT',
          'kms:KeyOrigin': 'AWS_KMS',
          'kms:MultiRegion': 'false',
          'kms:BypassPolicyLockoutSafetyCheck': 'true',
          'aws:RequestTag/esup:deployment': 'esup-test',
          'aws:RequestTag/esup:kind': 'retention',
          'aws:TagKeys': ['esup:deployment', 'esup:kind'],
        },
      },
      {
        action: 'kms:TagResource',
        resource: created.Arn,
        context: expect.objectContaining({ 'aws:RequestTag/esup:kind': 'retention', 'aws:TagKeys': ['esup:deployment', 'esup:kind'] }),
      },
    ]);
    // Every later use of the key carries its tags.
    expect(checks[1]?.[0]?.context).toMatchObject({ 'aws:ResourceTag/esup:deployment': 'esup-test', 'aws:ResourceTag/esup:kind': 'retention' });
  });

  it('refuses a key the hook denies, and makes nothing', async () => {
    // Prepare
    decide = () => ({ denied: 'not allowed to create keys' });

    // Act
    const failure = await kmsFailure(createKey());
    decide = () => undefined;
    const aliases = await kms.send(new ListAliasesCommand({}));

    // Assess
    expect(failure.name).toBe('AccessDeniedException');
    expect(aliases.Aliases?.map((alias) => alias.AliasName)).toEqual(['alias/esup-test-personal-data']);
  });

  it('runs the lockout safety check against the new policy unless bypassed, refusing a policy the caller could not change', async () => {
    // Prepare: the hook sees the policy of the key being created while it decides.
    let seenPolicy: unknown;
    decide = (asked) => {
      if (asked[0]?.action !== 'kms:PutKeyPolicy') return undefined;
      seenPolicy = endpoint.keyPolicyOf(asked[0].resource);
      return { denied: 'the policy does not let the caller change it' };
    };

    // Act
    const failure = await kmsFailure(createKey({ BypassPolicyLockoutSafetyCheck: false }));

    // Assess
    expect(failure.name).toBe('MalformedPolicyDocumentException');
    expect(seenPolicy).toEqual(policy);
    expect(endpoint.keyPolicyOf(checks[1]![0]!.resource)).toBeUndefined();
  });

  it.each([
    ['a policy that is not JSON', { Policy: '{"Statement":' }, 'MalformedPolicyDocumentException'],
    [
      'a statement without a principal',
      { Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }) },
      'MalformedPolicyDocumentException',
    ],
    ['a tag under aws:', { Tags: [{ TagKey: 'aws:owner', TagValue: 'x' }] }, 'TagException'],
    ['one tag key twice', { Tags: [tags[0]!, tags[0]!] }, 'TagException'],
    ['an asymmetric key spec', { KeySpec: 'RSA_2048' as const, KeyUsage: 'SIGN_VERIFY' as const }, 'UnsupportedOperationException'],
    ['a multi-Region key', { MultiRegion: true }, 'UnsupportedOperationException'],
    ['imported key material', { Origin: 'EXTERNAL' as const }, 'UnsupportedOperationException'],
  ])('refuses %s before asking IAM', async (_case, extra, code) => {
    // Act
    const failure = await kmsFailure(createKey(extra));

    // Assess
    expect(failure.name).toBe(code);
    expect(checks).toEqual([]);
  });
});

describe('aliases and tags', () => {
  it('points a new alias at a created key, which then answers to it, and lists aliases in pages', async () => {
    // Prepare
    const created = await createKey();

    // Act
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/esup-test-pd-retention-2029-09', TargetKeyId: created.KeyId }));
    const sealed = await kms.send(
      new GenerateDataKeyCommand({ KeyId: 'alias/esup-test-pd-retention-2029-09', KeySpec: 'AES_256', EncryptionContext: context }),
    );
    const first = await kms.send(new ListAliasesCommand({ Limit: 1 }));
    const second = await kms.send(new ListAliasesCommand({ Limit: 1, Marker: first.NextMarker }));
    const taken = await kmsFailure(kms.send(new CreateAliasCommand({ AliasName: 'alias/esup-test-personal-data', TargetKeyId: created.KeyId })));

    // Assess
    expect(sealed.KeyId).toBe(created.Arn);
    // In name order: "pd-" before "personal".
    expect(first).toMatchObject({
      Aliases: [
        {
          AliasName: 'alias/esup-test-pd-retention-2029-09',
          AliasArn: `arn:aws-cn:kms:${region}:${account}:alias/esup-test-pd-retention-2029-09`,
          TargetKeyId: created.KeyId,
        },
      ],
      Truncated: true,
    });
    expect(second).toMatchObject({ Aliases: [{ AliasName: 'alias/esup-test-personal-data', TargetKeyId: declaredKey.keyId }], Truncated: false });
    expect(taken.name).toBe('AlreadyExistsException');
    expect(checks[1]).toEqual([
      { action: 'kms:CreateAlias', resource: `arn:aws-cn:kms:${region}:${account}:alias/esup-test-pd-retention-2029-09`, context: {} },
      expect.objectContaining({
        action: 'kms:CreateAlias',
        resource: created.Arn,
        context: expect.objectContaining({ 'aws:ResourceTag/esup:kind': 'retention' }),
      }),
    ]);
  });

  it('adds and changes tags, checked with the request tags and the tags the key has', async () => {
    // Prepare
    const created = await createKey();

    // Act
    await kms.send(new TagResourceCommand({ KeyId: created.KeyId, Tags: [{ TagKey: 'esup:unusedSince', TagValue: '2027-01-10T00:00:00.000Z' }] }));
    await kms.send(new TagResourceCommand({ KeyId: created.KeyId, Tags: [{ TagKey: 'esup:unusedSince', TagValue: '' }] }));
    const listed = await kms.send(new ListResourceTagsCommand({ KeyId: created.KeyId }));

    // Assess
    expect(listed.Tags).toContainEqual({ TagKey: 'esup:unusedSince', TagValue: '' });
    expect(checks[1]?.[0]).toMatchObject({
      action: 'kms:TagResource',
      context: { 'aws:RequestTag/esup:unusedSince': '2027-01-10T00:00:00.000Z', 'aws:TagKeys': ['esup:unusedSince'], 'aws:ResourceTag/esup:kind': 'retention' },
    });
  });

  it("carries a declared key's template tags in its checks", async () => {
    // Act
    await sealedDataKey(declaredKey.arn);

    // Assess
    expect(checks[0]?.[0]?.context).toMatchObject({ 'aws:ResourceTag/esup:kind': 'legacy' });
  });
});

describe('the deletion of a key', () => {
  it('makes it unusable at once, then gone with its material and aliases once the window has passed', async () => {
    // Prepare
    const created = await createKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/esup-test-pd-retention-2029-09', TargetKeyId: created.KeyId }));
    await kms.send(new EnableKeyRotationCommand({ KeyId: created.KeyId }));
    const { blob } = await sealedDataKey(created.Arn!);

    // Act
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: created.KeyId, PendingWindowInDays: 7 }));
    const pending = await Promise.all([
      kmsFailure(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }))),
      kmsFailure(kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/esup-test-pd-retention-2029-09', KeySpec: 'AES_256', EncryptionContext: context }))),
      kmsFailure(kms.send(new ScheduleKeyDeletionCommand({ KeyId: created.KeyId, PendingWindowInDays: 7 }))),
    ]);
    const described = await kms.send(new DescribeKeyCommand({ KeyId: created.KeyId }));
    now = new Date(now.getTime() + 7 * day - 1);
    const lastMoment = await kmsFailure(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })));
    now = new Date(now.getTime() + 1);
    const gone = await Promise.all([
      kmsFailure(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }))),
      kmsFailure(kms.send(new DescribeKeyCommand({ KeyId: created.KeyId }))),
    ]);
    const aliases = await kms.send(new ListAliasesCommand({}));
    await stop();
    await start();
    const afterRestart = await kmsFailure(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })));

    // Assess
    expect(scheduled).toMatchObject({
      KeyId: created.Arn,
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 7,
      DeletionDate: new Date('2029-10-15T00:00:00.000Z'),
    });
    expect(pending.map((failure) => failure.name)).toEqual(['KMSInvalidStateException', 'KMSInvalidStateException', 'KMSInvalidStateException']);
    expect(described.KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: new Date('2029-10-15T00:00:00.000Z'),
      PendingDeletionWindowInDays: 7,
    });
    expect(lastMoment.name).toBe('KMSInvalidStateException');
    expect(gone.map((failure) => failure.name)).toEqual(['NotFoundException', 'NotFoundException']);
    expect(aliases.Aliases?.map((alias) => alias.AliasName)).toEqual(['alias/esup-test-personal-data']);
    await expect(access(join(directory, 'keys', `${created.KeyId}.key`))).rejects.toThrow(/ENOENT/);
    expect(afterRestart.name).toBe('NotFoundException');
  });

  it('can be cancelled while pending: the key is disabled until enabled again', async () => {
    // Prepare
    const created = await createKey();
    const { blob } = await sealedDataKey(created.Arn!);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: created.KeyId }));

    // Act
    await kms.send(new CancelKeyDeletionCommand({ KeyId: created.KeyId }));
    const disabled = await kmsFailure(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })));
    await kms.send(new EnableKeyCommand({ KeyId: created.KeyId }));
    now = new Date(now.getTime() + 31 * day);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));

    // Assess
    expect(disabled.name).toBe('DisabledException');
    expect(opened.KeyId).toBe(created.Arn);
  });

  it('keeps created keys, their aliases, tags and a pending deletion across a restart', async () => {
    // Prepare
    const kept = await createKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/esup-test-pd-intake-2026-12', TargetKeyId: kept.KeyId }));
    const { blob, plaintext } = await sealedDataKey(kept.Arn!);
    const pending = await createKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: pending.KeyId, PendingWindowInDays: 30 }));

    // Act
    await stop();
    await start();
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));
    const byAlias = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/esup-test-pd-intake-2026-12' }));
    const stillPending = await kms.send(new DescribeKeyCommand({ KeyId: pending.KeyId }));

    // Assess
    expect(Buffer.from(opened.Plaintext!).equals(plaintext)).toBe(true);
    expect(byAlias.KeyMetadata?.Arn).toBe(kept.Arn);
    expect(endpoint.keyPolicyOf(kept.Arn!)).toEqual(policy);
    expect(stillPending.KeyMetadata?.KeyState).toBe('PendingDeletion');
  });
});

describe('ReEncrypt', () => {
  it('moves a wrapped data key to another key inside KMS, checked as ReEncryptFrom the source and ReEncryptTo the destination', async () => {
    // Prepare: a data key wrapped under the declared key, moved to a created one.
    const destination = await createKey();
    const { blob, plaintext } = await sealedDataKey(declaredKey.arn);
    checks = [];

    // Act
    const moved = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: blob,
        SourceKeyId: declaredKey.arn,
        SourceEncryptionContext: context,
        DestinationKeyId: destination.Arn,
        DestinationEncryptionContext: context,
      }),
    );
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob, EncryptionContext: context }));

    // Assess
    expect(moved).toMatchObject({
      SourceKeyId: declaredKey.arn,
      KeyId: destination.Arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    });
    expect(Object.keys(moved)).not.toContain('Plaintext');
    expect(Buffer.from(opened.Plaintext!).equals(plaintext)).toBe(true);
    expect(opened.KeyId).toBe(destination.Arn);
    expect(checks[0]).toEqual([
      expect.objectContaining({
        action: 'kms:ReEncryptFrom',
        resource: declaredKey.arn,
        context: expect.objectContaining({
          'kms:EncryptionContext:purpose': 'complaint-personal-data',
          'kms:ReEncryptOnSameKey': 'false',
          'aws:ResourceTag/esup:kind': 'legacy',
        }),
      }),
      expect.objectContaining({
        action: 'kms:ReEncryptTo',
        resource: destination.Arn,
        context: expect.objectContaining({ 'kms:EncryptionContext:context': context.context, 'aws:ResourceTag/esup:kind': 'retention' }),
      }),
    ]);
  });

  it.each([
    ['under another source context', { SourceEncryptionContext: { ...context, context: 'TS20261009AAAAAAAA' } }, 'InvalidCiphertextException'],
    ['naming another source key', { SourceKeyId: 'alias/esup-test-pd-retention-x' }, 'NotFoundException'],
  ])('refuses a ciphertext %s', async (_case, change, code) => {
    // Prepare
    const destination = await createKey();
    const { blob } = await sealedDataKey(declaredKey.arn);

    // Act
    const failure = await kmsFailure(
      kms.send(
        new ReEncryptCommand({
          CiphertextBlob: blob,
          SourceEncryptionContext: context,
          DestinationKeyId: destination.Arn,
          DestinationEncryptionContext: context,
          ...change,
        }),
      ),
    );

    // Assess
    expect(failure.name).toBe(code);
  });

  it('refuses to move a data key to a key pending deletion', async () => {
    // Prepare
    const destination = await createKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: destination.KeyId }));
    const { blob } = await sealedDataKey(declaredKey.arn);

    // Act
    const failure = await kmsFailure(
      kms.send(
        new ReEncryptCommand({
          CiphertextBlob: blob,
          SourceEncryptionContext: context,
          DestinationKeyId: destination.Arn,
          DestinationEncryptionContext: context,
        }),
      ),
    );

    // Assess
    expect(failure.name).toBe('KMSInvalidStateException');
  });
});
