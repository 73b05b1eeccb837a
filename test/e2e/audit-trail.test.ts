/**
 * The audit trail end to end, under the enforced IAM of the local runtime: the sealer (its own
 * function, role and schedule) chains what the functions appended into digests signed by the
 * KMS stand-in's P-256 key and kept in the S3 stand-in under Object Lock; then entries are
 * altered, deleted, inserted, a whole day removed and a digest lost behind the application's
 * back, and each is found — by `npm run audit:verify`, by the sealer's re-check (its security
 * event and `AuditIntegrityBreaks` metric) and by the auditor's verification route. The auditor
 * alone reads the trail through the API, and each read is audited.
 *
 * The command's main function runs in the test's process for most checks (its exit code and what
 * it prints, as `runCommand` gives them); one test runs `npm run audit:verify` itself, as an
 * operator types it.
 *
 * The runtime runs with a sealing grace period of 1 s instead of the deployment's 6 minutes, so a
 * test can seal what it has just written; the configuration refuses that value for a deployment.
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { auditDigestBucketName } from '#infra/cdk/constructs/audit-trail-store.ts';
import { auditEntryDigest } from '#shared/domain/audit/audit-entry.ts';
import { digestDayPrefix } from '#shared/domain/audit/seal-span.ts';
import { runtimeDynamoClient } from '../support/complaint-client.ts';
import { bearerGet, signedPost } from '../support/local-api-client.ts';
import { auditVerifyMain, auditVerifyUsage } from '#infra/operations/audit-verify-main.ts';
import { runCommandInProcess, runOperatorCommand } from '../support/operator-command.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';

let started: TestRuntime;
let runtime: LocalRuntime;
let documents: DynamoDBDocumentClient;
let operatorS3: S3Client;
let bucket: string;
let auditor: string;
const today = (): string => new Date().toISOString().slice(0, 10);
/** The command's arguments for the local runtime's trail of today. */
const verifyArgs = (args: readonly string[] = []): string[] => ['--local', '--data-dir', started.dataDir, '--from', today(), ...args];
const verify = (args: readonly string[] = []) => runCommandInProcess(auditVerifyMain, auditVerifyUsage, verifyArgs(args));

beforeAll(async () => {
  const base = loadLocalDeploymentConfig();
  started = await startTestRuntime('audittrail', { config: { ...base, audit: { ...base.audit, sealGraceSeconds: 1 } } });
  runtime = started.runtime;
  documents = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  operatorS3 = new S3Client({ region: runtime.region, endpoint: runtime.endpoints.s3, credentials: runtime.operatorCredentials });
  bucket = auditDigestBucketName({
    prefix: runtime.tables.audit.replace(/-audit$/, ''),
    account: runtime.deployment.environment.account,
    region: runtime.region,
  });
  auditor = await runtime.mintStaffToken({ subject: 'auditor-1', role: 'auditor', jurisdiction: 'city' });
}, 120_000);

afterAll(async () => {
  operatorS3?.destroy();
  await started?.dispose();
});

/** An audited act of a department (a batch naming another department, refused and audited); resolves with its entry's key. */
async function auditedRefusal(): Promise<string> {
  const housing = runtime.credentials.find((credential) => credential.department === 'haishu-housing') as DepartmentCredential;
  const caseId = `AUDIT-${randomUUID().slice(0, 8)}`;
  const foreign = {
    kind: 'licensing',
    department: 'yinzhou-market-regulation',
    matterCode: 'food-business-licence',
    caseId,
    sequence: 1,
    event: 'received',
    occurredAt: '2025-09-01T09:00:00+08:00',
  };
  const refused = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records: [foreign] }), housing);
  expect(refused.status).toBe(403);
  const entries = await dayEntries();
  return String(entries.filter((entry) => entry['action'] === 'records.ingest').at(-1)!['sk']);
}

async function dayEntries(): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: runtime.tables.audit,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${today()}` },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/**
 * Runs the sealer once its cut-off (the clock less the grace period of 1 s, down to the whole
 * second) has passed everything written up to 100 ms from now: waits for the second after next,
 * between 1 and 2 s, not a fixed 2.1 s.
 */
async function seal(): Promise<void> {
  const writtenBy = Date.now() + 100;
  const cutoffPasses = (Math.floor(writtenBy / 1000) + 2) * 1000;
  await new Promise((resolve) => setTimeout(resolve, cutoffPasses + 5 - Date.now()));
  await runtime.fireSchedule('audit-seal');
}

/** The integrity breaks the sealer's runs reported since `from` (its `AuditIntegrityBreaks` metric). */
const integrityBreaksSince = (from: number): number =>
  runtime
    .metrics()
    .slice(from)
    .filter((record) => record['service'] === 'audit-sealer')
    .reduce((sum, record) => sum + Number(record['AuditIntegrityBreaks'] ?? 0), 0);

/** An entry as it was, to put back after a test changed it. */
const restore = (items: readonly Record<string, unknown>[]) =>
  Promise.all(items.map((Item) => documents.send(new PutCommand({ TableName: runtime.tables.audit, Item }))));

/**
 * Tampers after the entry is sealed in the chain head, then runs the sealer (whose first act is
 * to re-check the head) and the command; resolves with what both found.
 */
async function tamperAndCheck(tamper: () => Promise<void>): Promise<{ breaks: number; command: Awaited<ReturnType<typeof verify>> }> {
  await seal();
  await tamper();
  const before = runtime.metrics().length;
  await runtime.fireSchedule('audit-seal');
  const breaks = integrityBreaksSince(before);
  return { breaks, command: await verify(['--json']) };
}

describe('sealing', () => {
  it('seals what the functions appended into signed digests under Object Lock, which the command finds intact', async () => {
    // Prepare
    await auditedRefusal();

    // Act
    await seal();
    const result = await verify(['--json']);
    const { Contents = [] } = await operatorS3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: digestDayPrefix(today()) }));

    // Assess
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ findings: 0, signingKey: expect.stringMatching(/^arn:aws-cn:kms:cn-north-1:000000000000:key\//) });
    expect(report.entries).toBeGreaterThan(0);
    expect(report.days[0].unsealed.beforeChain).toBe(0);
    expect(Contents.length).toBeGreaterThan(0);
    const digest = JSON.parse(await (await operatorS3.send(new GetObjectCommand({ Bucket: bucket, Key: Contents[0]!.Key! }))).Body!.transformToString());
    expect(digest).toMatchObject({ format: 'e-supervision/audit-digest/1', signingAlgorithm: 'ECDSA_SHA_256', previous: null });
  });
});

describe('what tampering leaves for the command and the sealer to find', () => {
  it('an entry altered', async () => {
    // Prepare
    const key = await auditedRefusal();
    const original = (await documents.send(new GetCommand({ TableName: runtime.tables.audit, Key: { pk: `AUDIT#${today()}`, sk: key } }))).Item!;

    // Act
    const { breaks, command } = await tamperAndCheck(async () => {
      await documents.send(
        new UpdateCommand({
          TableName: runtime.tables.audit,
          Key: { pk: original['pk'], sk: key },
          UpdateExpression: 'SET outcome = :o',
          ExpressionAttributeValues: { ':o': 'allowed' },
        }),
      );
    });
    await restore([original]);

    // Assess
    expect(breaks).toBe(1);
    expect(command.code).toBe(3);
    expect(JSON.parse(command.stdout).firstFinding).toMatchObject({ kind: 'entryAltered', entry: key });
    expect(JSON.parse(command.stdout).firstFindingDescription).toBe(`条目被改动 / entry altered: ${key}`);
  });

  it('an entry altered together with its unkeyed digest', async () => {
    // Prepare
    const key = await auditedRefusal();
    const original = (await documents.send(new GetCommand({ TableName: runtime.tables.audit, Key: { pk: `AUDIT#${today()}`, sk: key } }))).Item!;

    // Act
    const { breaks, command } = await tamperAndCheck(async () => {
      const { pk, sk, digest: _digest, ...content } = original;
      const rewritten = { ...content, actor: 'department:someone-else' };
      await documents.send(new PutCommand({ TableName: runtime.tables.audit, Item: { pk, sk, digest: auditEntryDigest(rewritten), ...rewritten } }));
    });
    await restore([original]);

    // Assess
    expect(breaks).toBe(1);
    expect(JSON.parse(command.stdout).firstFinding).toMatchObject({ kind: 'entryAltered', entry: key });
  });

  it('an entry deleted', async () => {
    // Prepare
    const key = await auditedRefusal();
    const original = (await documents.send(new GetCommand({ TableName: runtime.tables.audit, Key: { pk: `AUDIT#${today()}`, sk: key } }))).Item!;

    // Act
    const { breaks, command } = await tamperAndCheck(async () => {
      await documents.send(new DeleteCommand({ TableName: runtime.tables.audit, Key: { pk: original['pk'], sk: key } }));
    });
    await restore([original]);

    // Assess
    expect(breaks).toBe(1);
    expect(command.code).toBe(3);
    expect(JSON.parse(command.stdout).firstFinding).toMatchObject({ kind: 'entryMissing', entry: key });
    expect(command.stdout).toContain('条目缺失');
  });

  it('an entry inserted into a span already sealed', async () => {
    // Prepare
    const key = await auditedRefusal();
    const forgedKey = `${key.slice(0, 24)}#zzzzzzzz#${randomUUID()}`;
    const content = {
      at: key.slice(0, 24),
      action: 'complaint.identity.reveal',
      outcome: 'allowed',
      actor: 'citySupervisor:nobody',
      target: 'complaint:TS0',
      reason: 'forged',
    };

    // Act
    const { breaks, command } = await tamperAndCheck(async () => {
      await documents.send(
        new PutCommand({ TableName: runtime.tables.audit, Item: { pk: `AUDIT#${today()}`, sk: forgedKey, digest: auditEntryDigest(content), ...content } }),
      );
    });
    await documents.send(new DeleteCommand({ TableName: runtime.tables.audit, Key: { pk: `AUDIT#${today()}`, sk: forgedKey } }));

    // Assess
    expect(breaks).toBe(1);
    expect(JSON.parse(command.stdout).firstFinding).toMatchObject({ kind: 'entryInserted', entry: forgedKey });
  });

  it('a whole day of entries deleted', async () => {
    // Prepare
    await auditedRefusal();
    let day: Record<string, unknown>[] = [];

    // Act
    const { breaks, command } = await tamperAndCheck(async () => {
      day = await dayEntries();
      for (let at = 0; at < day.length; at += 25) {
        await documents.send(
          new BatchWriteCommand({
            RequestItems: { [runtime.tables.audit]: day.slice(at, at + 25).map((item) => ({ DeleteRequest: { Key: { pk: item['pk'], sk: item['sk'] } } })) },
          }),
        );
      }
    });
    const report = JSON.parse(command.stdout);
    await restore(day);

    // Assess: the sealer's re-check finds the head's entries gone; the command, every sealed one.
    expect(breaks).toBeGreaterThan(0);
    expect(report.firstFinding).toMatchObject({ kind: 'entryMissing', entry: day[0]!['sk'] });
    expect(report.days[0].findings.filter((finding: { kind: string }) => finding.kind === 'entryMissing')).toHaveLength(day.length);
  });

  it('a digest lost', async () => {
    // Prepare: two spans sealed one after the other; the first one's digest then goes missing.
    await auditedRefusal();
    await seal();
    await auditedRefusal();
    await seal();
    const { Contents = [] } = await operatorS3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: digestDayPrefix(today()) }));
    const lostKey = Contents.at(-2)!.Key!;
    const text = await (await operatorS3.send(new GetObjectCommand({ Bucket: bucket, Key: lostKey }))).Body!.transformToString();
    const before = runtime.metrics().length;

    // Act
    runtime.loseS3Object(bucket, lostKey);
    await runtime.fireSchedule('audit-seal');
    const breaks = integrityBreaksSince(before);
    const command = await verify(['--json']);
    await operatorS3.send(new PutObjectCommand({ Bucket: bucket, Key: lostKey, Body: text, IfNoneMatch: '*' }));
    const repaired = await verify();

    // Assess
    expect(breaks).toBe(1);
    expect(JSON.parse(command.stdout).firstFinding).toMatchObject({ kind: 'digestMissing' });
    expect(repaired.code, repaired.stdout).toBe(0);
  });

  it('nothing, once every change was undone: detection is of content, not of who touched it (`npm run audit:verify` itself)', async () => {
    // Act
    const result = await runOperatorCommand('audit:verify', 'infra/operations/audit-verify-command.ts', 'npm', verifyArgs());

    // Assess
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('发现的问题 / Findings: 0');
  });
});

describe("the auditor's reads", () => {
  it("lists a day's entries by action, a page at a time, and audits the read", async () => {
    // Prepare
    await auditedRefusal();
    await auditedRefusal();

    // Act
    const first = await bearerGet(runtime.apiUrl, `/v1/audit/entries?day=${today()}&action=records.&actor=department:haishu-housing&limit=1`, auditor);
    const second = await bearerGet(
      runtime.apiUrl,
      `/v1/audit/entries?day=${today()}&action=records.&actor=department:haishu-housing&limit=1&cursor=${first.json.nextCursor}`,
      auditor,
    );
    const reads = (await dayEntries()).filter((entry) => entry['action'] === 'audit.entries.read');

    // Assess
    expect(first.status, first.text).toBe(200);
    expect(first.json.items).toEqual([
      expect.objectContaining({ action: 'records.ingest', outcome: 'denied', actor: 'department:haishu-housing', reason: 'record names another department' }),
    ]);
    expect(second.json.items).toHaveLength(1);
    expect(second.json.items[0].id > first.json.items[0].id).toBe(true);
    expect(reads.map((entry) => entry['actor'])).toEqual(['auditor:auditor-1', 'auditor:auditor-1']);
    expect(reads[0]).toMatchObject({ target: `day:${today()}`, reason: 'actor=department:haishu-housing action=records. 1 read' });
  });

  it('verifies a day against its digests, naming what is wrong, and audits the verification', async () => {
    // Prepare
    const key = await auditedRefusal();
    await seal();
    const original = (await documents.send(new GetCommand({ TableName: runtime.tables.audit, Key: { pk: `AUDIT#${today()}`, sk: key } }))).Item!;

    // Act
    const intact = await bearerGet(runtime.apiUrl, `/v1/audit/verifications?day=${today()}`, auditor);
    await documents.send(new DeleteCommand({ TableName: runtime.tables.audit, Key: { pk: original['pk'], sk: key } }));
    const broken = await bearerGet(runtime.apiUrl, `/v1/audit/verifications?day=${today()}`, auditor);
    await restore([original]);

    // Assess
    expect(intact.status, intact.text).toBe(200);
    expect(intact.json).toMatchObject({ day: today(), status: 'intact', findings: 0, listed: [] });
    expect(intact.json.digests).toBeGreaterThan(0);
    expect(broken.json).toMatchObject({
      status: 'broken',
      firstFinding: { kind: 'entryMissing', entry: key, description: `条目缺失（已封存，现已不在） / entry missing (sealed, now gone): ${key}` },
    });
    const verifications = (await dayEntries()).filter((entry) => entry['action'] === 'audit.verify');
    expect(verifications.map((entry) => entry['reason'])).toEqual(['intact', '1 findings, first entryMissing']);
  });

  it('refuses every other role, and a day that is not a date', async () => {
    // Prepare
    const others = await Promise.all([
      runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' }),
      runtime.mintStaffToken({ subject: 'security-1', role: 'securityAdministrator', jurisdiction: 'city' }),
      runtime.mintStaffToken({ subject: 'admin-1', role: 'systemAdministrator', jurisdiction: 'city' }),
      runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department: 'haishu-housing', secondFactor: false }),
    ]);

    // Act
    const refused = await Promise.all(
      others.flatMap((token) =>
        [`/v1/audit/entries?day=${today()}`, `/v1/audit/verifications?day=${today()}`].map((path) => bearerGet(runtime.apiUrl, path, token)),
      ),
    );
    const malformed = await bearerGet(runtime.apiUrl, '/v1/audit/entries?day=2026-13-45', auditor);

    // Assess
    expect(refused.map((reply) => reply.status)).toEqual(refused.map(() => 403));
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0].pointer).toBe('/query/day');
  });
});

describe('the command line', () => {
  it('refuses a malformed day in Chinese first, with exit code 2', async () => {
    // Act
    const result = await runCommandInProcess(auditVerifyMain, auditVerifyUsage, ['--local', '--data-dir', started.dataDir, '--from', '2026-13-45']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^参数 --from 必须是 YYYY-MM-DD 日期 \/ --from must be a YYYY-MM-DD date/);
  });
});
