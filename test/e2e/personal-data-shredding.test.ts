/**
 * Crypto-shredding that reaches backups, through the local runtime: complaints sealed under the
 * intake key of their month, moved under their retention key when finished, and a table
 * "restored" from a backup (the raw items of a complaint as they were, written back) that opens
 * while the key its copy is under lives, and opens no more once the keeper of the personal-data
 * keys has scheduled that key's deletion — and after the pending window, when the key is gone.
 * Simulated time: the keeper and the sweep are fired at future instants, the local KMS clock is
 * moved past a pending window.
 */
import { DynamoDBClient, PutItemCommand, QueryCommand, DeleteItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DescribeKeyCommand, KMSClient, ListAliasesCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { deletionGraceDays, keyPeriodOf, periodEnd } from '#shared/domain/complaints/personal-data-key-periods.ts';
import { callComplaintApi, daysAhead, runtimeDynamoClient, type ComplaintCallOptions, type ComplaintReply } from '../support/complaint-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { generatedIdentityNumber } from '../shared/domain/complaints/complaint-mother.ts';

const day = 86_400_000;
const hour = 3_600_000;

let started: TestRuntime;
let runtime: LocalRuntime;
let dynamo: DynamoDBClient;
let kms: KMSClient;
let supervisor: string;

beforeAll(async () => {
  started = await startTestRuntime('shredding');
  runtime = started.runtime;
  dynamo = runtimeDynamoClient(runtime);
  kms = new KMSClient({ endpoint: runtime.endpoints.kms, region: runtime.region, credentials: runtime.operatorCredentials });
  supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  dynamo?.destroy();
  kms?.destroy();
  await started?.dispose();
});

const call = (method: string, path: string, options?: ComplaintCallOptions): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, method, path, options);

/** Generated people, never real ones. */
const personA = { name: '粉碎测试甲', idNumber: generatedIdentityNumber('330203', '19810304', '071'), phone: '13677770001', address: '宁波市海曙区粉碎路1号' };
const personB = { name: '粉碎测试乙', idNumber: generatedIdentityNumber('330203', '19820405', '082'), phone: '13677770002', address: '宁波市海曙区粉碎路2号' };

async function file(person: typeof personA, content: string): Promise<{ receiptNumber: string; queryToken: string }> {
  const filed = await call('POST', '/v1/public/complaints', {
    body: { department: 'haishu-housing', category: 'delay', content, realName: true, complainant: person },
  });
  expect(filed.status).toBe(201);
  return filed.json as { receiptNumber: string; queryToken: string };
}

type RawItem = Record<string, AttributeValue>;

/** A backup of one complaint, as a recovery point holds it: its items as they are now. */
async function backupOf(receiptNumber: string): Promise<RawItem[]> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: runtime.tables.oversight,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `COMPLAINT#${receiptNumber}` } },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

/** The complaint restored from a backup: its items replaced by the backup's, as a restore of the table would leave them. */
async function restore(receiptNumber: string, backup: readonly RawItem[]): Promise<void> {
  for (const item of await backupOf(receiptNumber))
    await dynamo.send(new DeleteItemCommand({ TableName: runtime.tables.oversight, Key: { pk: item['pk']!, sk: item['sk']! } }));
  for (const item of backup) await dynamo.send(new PutItemCommand({ TableName: runtime.tables.oversight, Item: item }));
}

/** The key ARN each wrapped data key of a stored complaint names. */
function keyRefsOf(items: readonly RawItem[]): string[] {
  return items.flatMap((item) => {
    const own = item['keyRef']?.S;
    const state = item['complaint']?.M;
    const sealed = state?.['sealed']?.M?.['keyRef']?.S;
    const comment = state?.['rating']?.M?.['comment']?.M?.['keyRef']?.S;
    return [own, sealed, comment].filter((ref): ref is string => ref !== undefined);
  });
}

/** The period key an alias of this deployment names (`intake-2026-12`): its key id. */
async function periodKeyId(label: string): Promise<string | undefined> {
  const aliases = await kms.send(new ListAliasesCommand({ Limit: 100 }));
  return aliases.Aliases?.find((alias) => alias.AliasName?.endsWith(`-pd-${label}`))?.TargetKeyId;
}

const keyIdOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
const keyState = async (keyId: string) => (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
const keeperAt = (at: number) => runtime.fireSchedule('personal-data-keys', new Date(at));
const revealed = (receiptNumber: string) => call('POST', `/v1/complaints/${receiptNumber}/identity`, { bearer: supervisor, body: { purpose: '恢复演练核实' } });

/**
 * Both complaints are filed today, before any simulated time: B accepted (its decision notice
 * sealed with it) and backed up while open; A not accepted (decision notice), rated with a
 * comment, and backed up before its erasure. The two tests then move time forward in order: the
 * first up to some 800 days from now, the second past A's retention end (1,095 days).
 */
let now: number;
let a: { receiptNumber: string; queryToken: string };
let b: { receiptNumber: string; queryToken: string };
let openBackup: RawItem[];
let beforeErasure: RawItem[];

describe("a backup's copy of complainants' personal data", () => {
  beforeAll(async () => {
    now = Date.now();
    b = await file(personB, '粉碎测试：许可超期未办结（乙）。');
    const accepted = await call('POST', `/v1/complaints/${b.receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: daysAhead(20) } },
    });
    expect(accepted.status).toBe(200);
    openBackup = await backupOf(b.receiptNumber);
    a = await file(personA, '粉碎测试：许可超期未办结（甲）。');
    const decided = await call('POST', `/v1/complaints/${a.receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: false, reasons: '不属于本机关受理范围。' },
    });
    expect(decided.status).toBe(200);
    expect(
      (await call('POST', `/v1/public/complaints/${a.receiptNumber}/rating`, { queryToken: a.queryToken, body: { score: 2, comment: '答复太慢' } })).status,
    ).toBe(201);
    beforeErasure = await backupOf(a.receiptNumber);
  });

  it('opens under the intake key while an open complaint needs it, and opens no more once that key is deleted, a finished complaint under its retention key untouched', async () => {
    // Prepare: B's backup names its month's intake key.
    const intakeKeyRefs = [...new Set(keyRefsOf(openBackup))];
    expect(intakeKeyRefs).toHaveLength(1);
    const intakeKey = keyIdOf(intakeKeyRefs[0]!);
    const intakeLabel = `intake-${keyPeriodOf(new Date(now))}`;
    expect(await periodKeyId(intakeLabel)).toBe(intakeKey);
    const monthOver = periodEnd(keyPeriodOf(new Date(now))).getTime() + deletionGraceDays * day;

    // Act 1: the keeper after the month, and a year and more later, while B is still open.
    await keeperAt(monthOver + hour);
    await keeperAt(monthOver + 400 * day);
    const stillNeeded = await keyState(intakeKey);
    const neededTags = await kms.send(new ListResourceTagsCommand({ KeyId: intakeKey }));
    const openRead = await revealed(b.receiptNumber);

    // Assess 1: never deleted while an open complaint is under it.
    expect(stillNeeded?.KeyState).toBe('Enabled');
    expect(neededTags.Tags?.find((tag) => tag.TagKey === 'esup:unusedSince')?.TagValue ?? '').toBe('');
    expect(openRead.status).toBe(200);

    // Act 2: B is concluded (everything it has moves under its retention key); the keeper finds the intake key unused.
    const concluded = await call('POST', `/v1/complaints/${b.receiptNumber}/result`, {
      bearer: supervisor,
      body: { expectedVersion: 2, summary: '已督促办结。', evidence: [] },
    });
    expect(concluded.status).toBe(200);
    const finishedRefs = [...new Set(keyRefsOf(await backupOf(b.receiptNumber)))];
    const foundUnused = monthOver + 401 * day;
    await keeperAt(foundUnused);
    const marked = await kms.send(new ListResourceTagsCommand({ KeyId: intakeKey }));
    const backupWindowOver = foundUnused + (365 + deletionGraceDays) * day;
    await keeperAt(backupWindowOver - hour);
    const notYet = await keyState(intakeKey);
    // Restored from the backup taken while it was open, B opens: its intake key lives.
    const finishedBackup = await backupOf(b.receiptNumber);
    await restore(b.receiptNumber, openBackup);
    const restoredBefore = await revealed(b.receiptNumber);
    await restore(b.receiptNumber, finishedBackup);

    // Assess 2
    expect(finishedRefs).toHaveLength(1);
    expect(finishedRefs[0]).not.toBe(intakeKeyRefs[0]);
    expect(await periodKeyId(`retention-${keyPeriodOf(new Date(Date.now() + 1095 * day))}`)).toBe(keyIdOf(finishedRefs[0]!));
    expect(marked.Tags).toContainEqual({ TagKey: 'esup:unusedSince', TagValue: new Date(foundUnused).toISOString() });
    expect(notYet?.KeyState).toBe('Enabled');
    expect(restoredBefore.status).toBe(200);
    expect(restoredBefore.json).toMatchObject({ complainant: { name: personB.name } });

    // Act 3: every backup of its open time has expired; the keeper schedules the intake key's deletion.
    await keeperAt(backupWindowOver + hour);
    const pending = await keyState(intakeKey);
    const finishedRead = await revealed(b.receiptNumber);
    await restore(b.receiptNumber, openBackup);
    const restoredPending = await revealed(b.receiptNumber);
    const restoredNotice = await call('GET', `/v1/complaints/${b.receiptNumber}/notices/decision`, { bearer: supervisor });
    runtime.setKmsClock(new Date(now + 31 * day));
    const restoredGone = await revealed(b.receiptNumber);
    await restore(b.receiptNumber, finishedBackup);

    // Assess 3: the restored copy is shredded; the finished complaint, under its retention key, is not.
    expect(pending?.KeyState).toBe('PendingDeletion');
    expect(Math.abs(pending!.DeletionDate!.getTime() - (now + 30 * day))).toBeLessThan(10 * 60_000);
    expect(finishedRead.status).toBe(200);
    for (const reply of [restoredPending, restoredNotice, restoredGone]) {
      expect(reply.status).toBe(410);
      expect(reply.json).toMatchObject({ type: expect.stringContaining('personal-data-erased') });
    }
    await expect(keyState(intakeKey)).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(access(join(started.dataDir, 'kms', `${intakeKey}.key`))).rejects.toThrow(/ENOENT/);
  });

  it('opens from a backup taken before the erasure until the retention key of its month is deleted, then never again', async () => {
    // Prepare: A's backup before its erasure names its retention key, all its data keys alike.
    const state = beforeErasure.find((item) => item['sk']?.S === 'STATE');
    const retainedUntil = state?.['complaint']?.M?.['personalDataRetainedUntil']?.S ?? '';
    const keyRefs = [...new Set(keyRefsOf(beforeErasure))];
    expect(keyRefs).toHaveLength(1);
    const retentionKey = keyIdOf(keyRefs[0]!);
    const retentionLabel = `retention-${keyPeriodOf(retainedUntil)}`;
    const due = periodEnd(keyPeriodOf(retainedUntil)).getTime() + deletionGraceDays * day;

    // Act 1: the sweep erases A at its retention end; the table is then restored from the backup.
    await runtime.fireSchedule('oversight-sweep', new Date(Date.parse(retainedUntil) + day));
    const erased = await revealed(a.receiptNumber);
    await restore(a.receiptNumber, beforeErasure);
    const restored = await revealed(a.receiptNumber);
    const restoredNotice = await call('GET', `/v1/public/complaints/${a.receiptNumber}/notices/decision`, { queryToken: a.queryToken });
    await keeperAt(due - hour);
    const early = await keyState(retentionKey);
    const stillOpens = await revealed(a.receiptNumber);

    // Assess 1: the restore brought the erased data back, readable, until the key goes.
    expect(await periodKeyId(retentionLabel)).toBe(retentionKey);
    expect(erased.status).toBe(410);
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ complainant: { name: personA.name, idNumber: personA.idNumber } });
    expect(restoredNotice.status).toBe(200);
    expect(early?.KeyState).toBe('Enabled');
    expect(stillOpens.status).toBe(200);

    // Act 2: the month of its retention end is over; the keeper schedules the deletion of its retention key.
    await keeperAt(due + hour);
    const pending = await keyState(retentionKey);
    const shredded = await Promise.all([
      revealed(a.receiptNumber),
      call('GET', `/v1/public/complaints/${a.receiptNumber}/notices/decision`, { queryToken: a.queryToken }),
      call('GET', `/v1/complaints/${a.receiptNumber}/notices/decision`, { bearer: supervisor }),
    ]);
    const detail = await call('GET', `/v1/complaints/${a.receiptNumber}`, { bearer: supervisor });
    runtime.setKmsClock(new Date(pending!.DeletionDate!.getTime() + 60_000));
    const gone = await revealed(a.receiptNumber);
    // The first sweep against the restored table erases A again.
    await runtime.fireSchedule('oversight-sweep', new Date(due + 2 * hour));
    const afterSweep = await backupOf(a.receiptNumber);
    const audit = await dynamo.send(
      new QueryCommand({
        TableName: runtime.tables.audit,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `AUDIT#${new Date().toISOString().slice(0, 10)}` } },
        ConsistentRead: true,
      }),
    );

    // Assess 2: nothing of the backup's copy opens any more, and the key is gone for good.
    expect(pending?.KeyState).toBe('PendingDeletion');
    for (const reply of [...shredded, gone]) {
      expect(reply.status).toBe(410);
      expect(reply.json).toMatchObject({ type: expect.stringContaining('personal-data-erased') });
    }
    expect(detail.status).toBe(200);
    expect(detail.json).not.toHaveProperty('complainant');
    expect(detail.json).not.toHaveProperty('content');
    await expect(keyState(retentionKey)).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(access(join(started.dataDir, 'kms', `${retentionKey}.key`))).rejects.toThrow(/ENOENT/);
    expect(afterSweep.map((item) => item['sk']?.S).filter((sk) => !sk?.startsWith('STEP#'))).toEqual(['STATE', 'STATE#TIMERS']);
    const entries = (audit.Items ?? []).map((item) => ({ action: item['action']?.S, target: item['target']?.S }));
    expect(entries).toContainEqual({ action: 'personalDataKey.scheduleDeletion', target: `kms-period-key:${retentionLabel}` });
    expect(entries).toContainEqual({ action: 'personalDataKey.create', target: expect.stringMatching(/^kms-period-key:(intake|retention)-\d{4}-\d{2}$/) });
  });
});
