/**
 * Sealing and verifying the audit trail through the real adapters: entries in DynamoDB Local,
 * digests in the local S3 endpoint (Object Lock, compliance mode), signatures by the local KMS
 * endpoint's P-256 key. The clock is the test's: entries are written at chosen instants.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKmsEndpoint, type KmsEndpoint } from '#infra/local/kms-endpoint.ts';
import { startS3Endpoint, type S3Endpoint } from '#infra/local/s3-endpoint.ts';
import { DynamoDbAuditEntries } from '#shared/adapters/dynamodb/dynamodb-audit-entries.ts';
import { auditDayPartition, DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { KmsDigestSigner, KmsDigestVerifier } from '#shared/adapters/kms/kms-digest-keys.ts';
import { S3DigestStore } from '#shared/adapters/s3/s3-digest-store.ts';
import { sealAuditTrail, type SealAuditTrailDependencies } from '#shared/application/audit/seal-audit-trail.ts';
import { verifyAuditTrail } from '#shared/application/audit/verify-audit-trail.ts';
import type { SecurityEvent } from '#shared/application/security-events.ts';
import { auditEntryDigest } from '#shared/domain/audit/audit-entry.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

const region = 'cn-north-1';
const signingKeyArn = `arn:aws-cn:kms:${region}:000000000000:key/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e`;
const bucket = 'esup-test-audit-digests';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const options = { graceSeconds: 360, maxSpansPerRun: 48, headLookbackDays: 366 };

let db: TestTables;
let directory: string;
let kmsEndpoint: KmsEndpoint;
let s3Endpoint: S3Endpoint;
let s3: S3Client;
let kms: KMSClient;

beforeAll(async () => {
  db = await createTestTables();
  directory = await mkdtemp(join(tmpdir(), 'audit-sealing-'));
  kmsEndpoint = await startKmsEndpoint({
    keys: [{ keyId: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', arn: signingKeyArn, spec: 'ECC_NIST_P256' }],
    keyDirectory: join(directory, 'kms'),
  });
  s3Endpoint = await startS3Endpoint({
    region,
    buckets: [{ name: bucket, arn: `arn:aws-cn:s3:::${bucket}`, versioned: true, objectLock: { defaultRetention: { mode: 'COMPLIANCE', days: 365 } } }],
  });
  s3 = new S3Client({ region, endpoint: s3Endpoint.endpoint, credentials });
  kms = new KMSClient({ region, endpoint: kmsEndpoint.endpoint, credentials });
});

afterAll(async () => {
  s3?.destroy();
  kms?.destroy();
  await s3Endpoint?.stop();
  await kmsEndpoint?.stop();
  await rm(directory, { recursive: true, force: true });
});

/** The trail's dependencies. Each test writes on days of its own; the chain runs through them all, in test order. */
function trail(events: SecurityEvent[] = [], now = () => new Date()): SealAuditTrailDependencies {
  return {
    entries: new DynamoDbAuditEntries(db.documentClient, db.tables.audit),
    digests: new S3DigestStore(s3, bucket),
    signer: new KmsDigestSigner(kms, signingKeyArn),
    verifier: new KmsDigestVerifier(kms, signingKeyArn),
    securityEvents: { record: async (event) => void events.push(event) },
    clock: now,
  };
}

/** Appends an entry at `at`, returning its key. */
async function appendAt(at: string, action = 'alert.acknowledge'): Promise<string> {
  await new DynamoDbAuditLog(db.documentClient, db.tables.audit, () => new Date(at)).append({
    action,
    outcome: 'allowed',
    actor: 'citySupervisor:s1',
    target: 'alert:1',
  });
  const entries = await new DynamoDbAuditEntries(db.documentClient, db.tables.audit).entriesBetween(
    at.slice(0, 10),
    at,
    new Date(Date.parse(at) + 1).toISOString(),
  );
  return entries.at(-1)!.key;
}

/** Seals as a run scheduled (and clocked) at `at` would. */
const sealAt = (at: string, events: SecurityEvent[] = []) =>
  sealAuditTrail(
    new Date(at),
    trail(events, () => new Date(at)),
    options,
  );

describe('sealing the audit trail', () => {
  it('chains every entry up to the grace period ago, across midnight, into digests that verify', async () => {
    // Prepare
    await appendAt('2026-01-10T23:50:00.000Z');
    await appendAt('2026-01-11T00:02:00.000Z');
    await appendAt('2026-01-11T00:20:00.000Z');

    // Act: the first run begins the chain at its day's midnight; runs 5 and 10 minutes later go on.
    const first = await sealAt('2026-01-10T23:58:00.000Z');
    const second = await sealAt('2026-01-11T00:10:00.000Z');
    const again = await sealAt('2026-01-11T00:10:00.000Z');
    const verification = await verifyAuditTrail(['2026-01-10', '2026-01-11'], trail(), { today: '2026-01-11' });

    // Assess
    expect(first.sealed).toEqual([{ start: '2026-01-10T00:00:00.000Z', end: '2026-01-10T23:52:00.000Z' }]);
    expect(second.sealed).toEqual([
      { start: '2026-01-10T23:52:00.000Z', end: '2026-01-11T00:00:00.000Z' },
      { start: '2026-01-11T00:00:00.000Z', end: '2026-01-11T00:04:00.000Z' },
    ]);
    expect([first.entriesSealed, second.entriesSealed]).toEqual([1, 1]);
    expect(again.sealed).toEqual([]);
    expect(verification).toMatchObject({ entries: 3, digests: 3, findings: 0 });
    expect(verification.days[1]).toMatchObject({ sealedUntil: '2026-01-11T00:04:00.000Z', unsealed: { beforeChain: 0, pending: 1 } });
  });

  it('writes each digest once: two runs at once extend the chain once, the second stops', async () => {
    // Prepare
    await appendAt('2026-01-20T08:00:00.000Z');
    await sealAt('2026-01-20T08:00:00.000Z');

    // Act
    const [one, other] = await Promise.all([sealAt('2026-01-20T09:00:00.000Z'), sealAt('2026-01-20T09:00:00.000Z')]);
    const verification = await verifyAuditTrail(['2026-01-20'], trail(), { today: '2026-01-20' });

    // Assess
    expect([one.stopped, other.stopped].filter((stopped) => stopped === 'raced')).toHaveLength(1);
    expect(verification).toMatchObject({ digests: 2, findings: 0 });
  });

  it('catches up after an outage a bounded number of spans per run', async () => {
    // Prepare
    await appendAt('2026-02-01T10:00:00.000Z');
    await sealAt('2026-02-01T10:00:00.000Z');

    // Act: four days later, two spans a run.
    const bounded = await sealAuditTrail(
      new Date('2026-02-05T10:00:00.000Z'),
      trail([], () => new Date('2026-02-05T10:00:00.000Z')),
      { ...options, maxSpansPerRun: 2 },
    );
    const rest = await sealAt('2026-02-05T10:00:00.000Z');

    // Assess
    expect(bounded.sealed.map((span) => span.end)).toEqual(['2026-02-02T00:00:00.000Z', '2026-02-03T00:00:00.000Z']);
    expect(rest.sealed.map((span) => span.end)).toEqual(['2026-02-04T00:00:00.000Z', '2026-02-05T00:00:00.000Z', '2026-02-05T09:54:00.000Z']);
  });
});

describe("the sealer's re-check", () => {
  it('names an entry of the last sealed span altered behind its back, as a security event', async () => {
    // Prepare
    const key = await appendAt('2026-03-02T10:00:00.000Z');
    await sealAt('2026-03-02T10:10:00.000Z');
    await db.documentClient.send(
      new UpdateCommand({
        TableName: db.tables.audit,
        Key: { pk: auditDayPartition('2026-03-02'), sk: key },
        UpdateExpression: 'SET outcome = :o',
        ExpressionAttributeValues: { ':o': 'denied' },
      }),
    );
    const events: SecurityEvent[] = [];

    // Act
    const outcome = await sealAt('2026-03-02T10:15:00.000Z', events);

    // Assess
    expect(outcome.headFindings).toEqual([
      { kind: 'entryAltered', at: '2026-03-02T10:00:00.000Z', entry: key, span: { start: '2026-03-02T00:00:00.000Z', end: '2026-03-02T10:04:00.000Z' } },
    ]);
    expect(events).toEqual([
      {
        kind: 'integrityBreak',
        at: '2026-03-02T10:15:00.000Z',
        source: 'audit-sealer',
        subject: 'audit trail',
        detail: { check: 'head', findings: 1, first: 'entryAltered', firstAt: '2026-03-02T10:00:00.000Z', entry: key },
      },
    ]);
    expect(outcome.sealed).toHaveLength(1);
  });

  it('names a deleted entry, an inserted one, and one rewritten with a fresh unkeyed digest', async () => {
    // Prepare
    const [deleted, rewritten] = [await appendAt('2026-03-03T09:00:00.000Z'), await appendAt('2026-03-03T09:30:00.000Z')];
    await sealAt('2026-03-03T10:00:00.000Z');
    await db.documentClient.send(new DeleteCommand({ TableName: db.tables.audit, Key: { pk: auditDayPartition('2026-03-03'), sk: deleted } }));
    const content = {
      at: '2026-03-03T09:30:00.000Z',
      action: 'alert.acknowledge',
      outcome: 'allowed',
      actor: 'citySupervisor:someone-else',
      target: 'alert:1',
    };
    await db.documentClient.send(
      new PutCommand({
        TableName: db.tables.audit,
        Item: { pk: auditDayPartition('2026-03-03'), sk: rewritten, digest: auditEntryDigest(content), ...content },
      }),
    );
    const inserted = '2026-03-03T09:45:00.000Z#zzzzzzzz#00000000-0000-4000-8000-000000000000';
    const insertedContent = { at: '2026-03-03T09:45:00.000Z', action: 'complaint.decide', outcome: 'allowed', actor: 'citySupervisor:s9' };
    await db.documentClient.send(
      new PutCommand({
        TableName: db.tables.audit,
        Item: { pk: auditDayPartition('2026-03-03'), sk: inserted, digest: auditEntryDigest(insertedContent), ...insertedContent },
      }),
    );

    // Act
    const outcome = await sealAt('2026-03-03T10:05:00.000Z');

    // Assess
    expect(outcome.headFindings.map((finding) => [finding.kind, 'entry' in finding ? finding.entry : ''])).toEqual([
      ['entryMissing', deleted],
      ['entryAltered', rewritten],
      ['entryInserted', inserted],
    ]);
  });

  it('names an entry written late into a span already sealed as inserted', async () => {
    // Prepare
    await appendAt('2026-03-04T09:00:00.000Z');
    await sealAt('2026-03-04T10:00:00.000Z');

    // Act: a writer whose clock lags by more than the grace period.
    const late = await appendAt('2026-03-04T09:50:00.000Z');
    const verification = await verifyAuditTrail(['2026-03-04'], trail(), { today: '2026-03-04' });

    // Assess
    expect(verification.firstFinding).toMatchObject({ kind: 'entryInserted', entry: late });
  });

  it('notices the digest before the head is gone, and a digest overwritten under its key', async () => {
    // Prepare
    await appendAt('2026-03-05T08:00:00.000Z');
    await sealAt('2026-03-05T08:30:00.000Z');
    await appendAt('2026-03-05T09:00:00.000Z');
    await sealAt('2026-03-05T09:30:00.000Z');
    s3Endpoint.loseObject(bucket, 'digests/2026-03-05/000000.000Z.json');

    // Act
    const outcome = await sealAt('2026-03-05T09:35:00.000Z');
    const verification = await verifyAuditTrail(['2026-03-05'], trail(), { today: '2026-03-05' });

    // Assess
    expect(outcome.headFindings.map((finding) => finding.kind === 'chainBroken' && finding.reason)).toEqual(['previousMissing']);
    expect(verification.firstFinding).toMatchObject({
      kind: 'digestMissing',
      span: { start: '2026-03-05T00:00:00.000Z', end: '2026-03-05T08:24:00.000Z' },
      entries: 1,
    });
  });

  it('verifies the whole day before when it seals the first span of a new day', async () => {
    // Prepare: an entry early in the day, sealed hours before the day ends, then changed.
    const early = await appendAt('2026-03-06T01:00:00.000Z');
    await sealAt('2026-03-06T02:00:00.000Z');
    await appendAt('2026-03-06T20:00:00.000Z');
    await sealAt('2026-03-06T23:00:00.000Z');
    await db.documentClient.send(new DeleteCommand({ TableName: db.tables.audit, Key: { pk: auditDayPartition('2026-03-06'), sk: early } }));
    const events: SecurityEvent[] = [];

    // Act
    const outcome = await sealAt('2026-03-07T00:10:00.000Z', events);

    // Assess
    expect(outcome.dayChecked).toMatchObject({ day: '2026-03-06', findings: 1, firstFinding: { kind: 'entryMissing', entry: early } });
    expect(events.map((event) => event.detail['check'])).toEqual(['day']);
  });

  it('finds a digest whose body was changed, or signed by another key, broken', async () => {
    // Prepare
    await appendAt('2026-03-08T08:00:00.000Z');
    await sealAt('2026-03-08T08:30:00.000Z');
    const objectKey = 'digests/2026-03-08/000000.000Z.json';
    const original = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }))).Body!.transformToString());
    s3Endpoint.loseObject(bucket, objectKey);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: JSON.stringify({ ...original, entries: [] }), IfNoneMatch: '*' }));

    // Act
    const verification = await verifyAuditTrail(['2026-03-08'], trail(), { today: '2026-03-08' });

    // Assess
    expect(verification.firstFinding).toMatchObject({ kind: 'digestBroken', digest: objectKey, reason: 'altered', entries: 1 });
  });
});
