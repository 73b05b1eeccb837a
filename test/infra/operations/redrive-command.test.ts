/**
 * `npm run redrive` against a running local runtime, found through the `runtime.json` it wrote:
 * dead letters go back to `records` and are stored by the runtime's own consumer; bad arguments
 * and a schedule's dead-letter queue are refused with exit code 2, in Chinese and English.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperatorCommand } from '../../support/operator-command.ts';
import { DurableLocalQueue } from '#infra/local/local-queue.ts';
import { readRuntimeManifest, type RuntimeManifest } from '#infra/local/runtime-manifest.ts';
import { startSqsEndpoint } from '#infra/local/sqs-endpoint.ts';
import { casePk } from '#shared/adapters/dynamodb/case-items.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';
import { startTestRuntime, type TestRuntime } from '../../support/test-runtime.ts';

const run = (how: 'npm' | 'node', args: readonly string[], env: NodeJS.ProcessEnv = process.env) =>
  runOperatorCommand('redrive', 'infra/operations/redrive-command.ts', how, args, env);

let testRuntime: TestRuntime;
let tables: TestTables;
let dataDir: string;
let manifest: RuntimeManifest;
let sqs: SQSClient;

beforeAll(async () => {
  testRuntime = await startTestRuntime('redrivecli');
  tables = await createTestTables();
  dataDir = testRuntime.dataDir;
  manifest = await readRuntimeManifest(dataDir);
  sqs = new SQSClient({ region: manifest.region, endpoint: manifest.endpoints.sqs, credentials: manifest.operatorCredentials });
}, 60_000);

afterAll(async () => {
  sqs?.destroy();
  tables?.client.destroy();
  await testRuntime?.dispose();
});

function envelope(caseId: string): string {
  const record = {
    kind: 'licensing',
    event: 'received',
    department: 'haishu-housing',
    matterCode: 'construction-permit',
    caseId,
    sequence: 1,
    occurredAt: '2026-03-02T09:30:00+08:00',
  };
  return JSON.stringify({ v: 1, receivedAt: '2026-03-02T01:30:05.000Z', contentHash: contentHash(record), record });
}

async function stateOf(caseId: string): Promise<Record<string, unknown> | undefined> {
  const { Item: item } = await tables.documentClient.send(
    new GetCommand({
      TableName: testRuntime.runtime.tables.cases,
      Key: { pk: casePk({ department: 'haishu-housing', kind: 'licensing', caseId }), sk: 'STATE' },
      ConsistentRead: true,
    }),
  );
  return item;
}

describe('npm run redrive', () => {
  it('finds the running runtime through its runtime.json', () => {
    // Assess
    expect(manifest).toMatchObject({
      pid: process.pid,
      region: testRuntime.runtime.region,
      apiUrl: testRuntime.runtime.apiUrl,
      // Operators reach the services through the endpoints that enforce IAM, as the functions do.
      endpoints: { dynamodb: testRuntime.runtime.endpoints.dynamodb, sqs: testRuntime.runtime.sqsEndpoint },
      tables: testRuntime.runtime.tables,
      queues: {
        [`${manifest.prefix}-records`]: `${testRuntime.runtime.sqsEndpoint}/000000000000/${manifest.prefix}-records`,
        [`${manifest.prefix}-records-dlq`]: `${testRuntime.runtime.sqsEndpoint}/000000000000/${manifest.prefix}-records-dlq`,
      },
    });
  });

  it('moves dead letters back within --max, then the rest, then nothing; the runtime stores each record once', async () => {
    // Prepare: three records in the runtime's dead-letter queue, as if they had failed five times.
    const caseIds = ['CLI-1', 'CLI-2', 'CLI-3'];
    for (const caseId of caseIds) {
      await sqs.send(new SendMessageCommand({ QueueUrl: manifest.queues[`${manifest.prefix}-records-dlq`], MessageBody: envelope(caseId) }));
    }

    // Act
    const bounded = await run('node', ['--local', '--data-dir', dataDir, '--queue', 'records', '--max', '2']);
    const rest = await run('node', ['--local', '--data-dir', dataDir, '--queue', 'records-dlq', '--json']);
    await testRuntime.runtime.idle();
    const again = await run('node', ['--local', '--data-dir', dataDir, '--queue', 'records', '--json']);

    // Assess
    expect(bounded).toMatchObject({ code: 0, stderr: '' });
    expect(bounded.stdout).toContain('已移回 / Moved back: 2');
    expect(bounded.stdout).toContain('停止原因 / Stopped: 已达 --max 上限 / reached --max');
    expect(bounded.stdout).toContain('死信队列剩余（约）/ Left in the dead-letter queue (approx.): 1');
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ moved: [expect.any(Object)], stoppedBecause: 'empty', remaining: 0 });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ moved: [], stoppedBecause: 'empty', remaining: 0 });
    for (const caseId of caseIds) expect(await stateOf(caseId)).toMatchObject({ eventCount: 1 });
    expect(testRuntime.runtime.queueStats().records).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
  }, 60_000);

  it('answers a bad --max in Chinese first, then English, with exit code 2', async () => {
    // Act
    const result = await run('npm', ['--local', '--data-dir', dataDir, '--max', '0']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^参数 --max 必须是 1 到 100000 之间的正整数 \/ --max must be a positive integer up to 100000\n/);
    expect(result.stdout).toBe('');
  }, 30_000);

  it("refuses a schedule's dead-letter queue with exit code 2, saying the next tick catches up", async () => {
    // Act
    const result = await run('node', ['--local', '--data-dir', dataDir, '--queue', 'deadline-sweep-schedule-dlq']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('是定时任务的死信队列');
    expect(result.stderr).toContain('The next tick of the schedule catches up on everything due');
  }, 30_000);

  it('says so when no local runtime has started in the data folder', async () => {
    // Prepare
    const empty = await mkdtemp(join(tmpdir(), 'redrive-empty-'));

    // Act
    const result = await run('node', ['--local', '--data-dir', empty, '--queue', 'records']);
    await rm(empty, { recursive: true, force: true });

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^没有找到 .*runtime\.json.*npm start.*\n$/);
  }, 30_000);

  it("works against a deployment, by its configuration or as its alarm says, through the SDK's standard endpoint variable", async () => {
    // Prepare: queues named as deployment cn-north-1 names them, behind an SQS endpoint that stands for AWS.
    const directory = await mkdtemp(join(tmpdir(), 'redrive-deployment-'));
    const queue = new DurableLocalQueue({ directory, name: 'esup-demo-bj-records', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, fsync: false });
    const endpoint = await startSqsEndpoint(new Map([[queue.name, queue]]), { region: 'cn-north-1' });
    const deployed = new SQSClient({
      region: 'cn-north-1',
      endpoint: endpoint.endpoint,
      credentials: { accessKeyId: 'operator', secretAccessKey: 'operator' },
    });
    for (const body of ['first', 'second']) {
      await deployed.send(new SendMessageCommand({ QueueUrl: endpoint.queueUrl('esup-demo-bj-records-dlq'), MessageBody: body }));
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL_SQS: endpoint.endpoint,
      AWS_ACCESS_KEY_ID: 'operator',
      AWS_SECRET_ACCESS_KEY: 'operator',
    };
    delete env.AWS_PROFILE;

    // Act
    const byConfig = await run('node', ['--config', 'cn-north-1', '--queue', 'records', '--max', '1', '--json'], env);
    const asTheAlarmSays = await run('node', ['--region', 'cn-north-1', '--queue', 'esup-demo-bj-records-dlq', '--json'], env);
    deployed.destroy();
    await endpoint.stop();
    await rm(directory, { recursive: true, force: true });

    // Assess
    expect(byConfig.code).toBe(0);
    expect(JSON.parse(byConfig.stdout)).toMatchObject({
      deadLetterQueueUrl: endpoint.queueUrl('esup-demo-bj-records-dlq'),
      sourceQueueUrl: endpoint.queueUrl('esup-demo-bj-records'),
      moved: [expect.any(Object)],
      stoppedBecause: 'max',
    });
    expect(asTheAlarmSays.code).toBe(0);
    expect(JSON.parse(asTheAlarmSays.stdout)).toMatchObject({ moved: [expect.any(Object)], stoppedBecause: 'empty', remaining: 0 });
    expect(queue.stats()).toEqual({ visible: 2, inFlight: 0, deadLetters: 0 });
  }, 30_000);
});
