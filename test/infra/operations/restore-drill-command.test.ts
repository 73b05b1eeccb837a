/**
 * `npm run restore-drill -- --local` against the tables of a local runtime on DynamoDB Local,
 * found through `runtime.json`: the drill writes its Markdown and JSON report under the data
 * folder, ends 0 when the copy is identical and 3 when it differs (naming the partition), and
 * refuses bad arguments with exit code 2, Chinese first.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperatorCommand } from '../../support/operator-command.ts';
import { createTables } from '#infra/local/create-tables.ts';
import { seedDemoReferenceData } from '../../support/reference-data.ts';
import { writeRuntimeManifest } from '#infra/local/runtime-manifest.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';

const run = (how: 'npm' | 'node', args: readonly string[], env: NodeJS.ProcessEnv = process.env) =>
  runOperatorCommand('restore-drill', 'infra/operations/restore-drill-command.ts', how, args, env);

let tables: TestTables;
let dataDir: string;
const drillTables: string[] = [];

beforeAll(async () => {
  tables = await createTestTables();
  await seedDemoReferenceData(tables.documentClient, tables.tables.reference);
  dataDir = await mkdtemp(join(tmpdir(), 'restore-drill-cli-'));
  // What a running local runtime writes; this process stands for it (its pid is alive).
  const unused = 'http://127.0.0.1:9';
  await writeRuntimeManifest(dataDir, {
    region: 'cn-north-1',
    prefix: tables.prefix,
    apiUrl: unused,
    dynamoEndpoint: tables.endpoint,
    eventBridgeEndpoint: unused,
    sqs: { endpoint: unused, queueNames: () => [], queueUrl: (name) => `${unused}/000000000000/${name}` },
    tables: tables.tables,
    // DynamoDB Local itself checks no credentials; the runtime's operator key would be checked by its gateway.
    operatorCredentials: { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'local' },
  });
}, 60_000);

afterAll(async () => {
  for (const table of drillTables) await tables.client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  tables?.client.destroy();
  await rm(dataDir, { recursive: true, force: true });
});

async function tableExists(name: string): Promise<boolean> {
  try {
    await tables.client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

describe('npm run restore-drill -- --local', () => {
  let drillTable: string;

  it('copies a table by its logical name, verifies it and writes the report under the data folder', async () => {
    // Act
    const result = await run('npm', ['--local', '--data-dir', dataDir, '--table', 'reference']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^一致 / IDENTICAL: ${tables.tables.reference} → ${tables.tables.reference}-drill-\\d{8}T\\d{6}Z\\n`));
    drillTable = /→ (\S+)/.exec(result.stdout)?.[1] ?? '';
    drillTables.push(drillTable);
    const record = JSON.parse(await readFile(join(dataDir, 'restore-drills', `${drillTable}.json`), 'utf8'));
    expect(record).toMatchObject({
      version: 1,
      system: `local (${dataDir})`,
      source: tables.tables.reference,
      target: drillTable,
      method: 'copy',
      identical: true,
      targetDeleted: false,
      comparison: { partitionsDiffering: 0 },
    });
    expect(record.comparison.sourceItems).toBeGreaterThan(10);
    expect(record.comparison.copyItems).toBe(record.comparison.sourceItems);
    expect(record.recoverySeconds).toBeGreaterThan(0);
    const markdown = await readFile(join(dataDir, 'restore-drills', `${drillTable}.md`), 'utf8');
    expect(markdown).toContain('# 恢复演练报告 / Restore drill report');
    expect(markdown).toContain(
      `| 分区 / Partitions | 比较 / compared ${record.comparison.partitionsCompared}，一致 / matching ${record.comparison.partitionsCompared}，不一致 / differing 0 |`,
    );
    expect(markdown).toContain('| 结果 / Result | **一致 / IDENTICAL** |');
  }, 60_000);

  it('ends with 3 and names the partition when the source has changed since the copy', async () => {
    // Prepare
    await tables.documentClient.send(
      new PutCommand({ TableName: tables.tables.reference, Item: { pk: 'DEPARTMENT#haishu-housing', sk: 'MATTER#drill-added', name: '演练' } }),
    );

    // Act
    const result = await run('node', ['--local', '--data-dir', dataDir, '--table', 'reference', '--compare-only', '--target', drillTable, '--json']);

    // Assess
    expect(result.code).toBe(3);
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({ method: 'compareOnly', identical: false });
    expect(record.comparison.firstDiffering).toEqual([
      { partitionKey: 'S:"DEPARTMENT#haishu-housing"', difference: 'contentDiffers', sourceItems: expect.any(Number), copyItems: expect.any(Number) },
    ]);
  }, 30_000);

  it('deletes the drill table afterwards when asked', async () => {
    // Act
    const result = await run('node', ['--local', '--data-dir', dataDir, '--table', 'audit', '--delete-after', '--target', `${tables.tables.audit}-drill-cli`]);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('演练表已删除 / Drill table deleted: 是 / yes');
    expect(await tableExists(`${tables.tables.audit}-drill-cli`)).toBe(false);
    expect(await tableExists(tables.tables.audit)).toBe(true);
  }, 30_000);

  it.each([
    [['--at', 'yesterday'], /^参数 --at 必须是带时区的 ISO 时间，例如 2026-03-02T01:00:00Z \/ --at must be an ISO instant with its offset/],
    [['--at', '2026-03-02T01:00:00Z'], /^--at 只适用于时间点恢复（AWS）.* \/ --at applies to point-in-time recovery \(AWS\) only/],
    [['--method', 'pitr'], /^DynamoDB Local 没有时间点恢复；本地演练用 copy \/ DynamoDB Local has no point-in-time recovery/],
    [['--compare-only'], /^--compare-only 需要 --target/],
    [['--bogus'], /^参数无效 \/ Invalid arguments: Unknown option '--bogus'/],
  ])(
    'refuses %j with exit code 2, Chinese first',
    async (extra, message) => {
      // Act
      const result = await run('node', ['--local', '--data-dir', dataDir, '--table', 'cases', ...extra]);

      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    },
    30_000,
  );

  it("works against a deployment by its configuration, through the SDK's standard endpoint variable", async () => {
    // Prepare: the tables of deployment cn-north-1 (prefix esup-demo-bj) on an endpoint that stands for AWS.
    const deployed = await createTables(tables.client, 'esup-demo-bj');
    await seedDemoReferenceData(tables.documentClient, deployed.reference);
    const reportDir = join(dataDir, 'deployment-drills');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
      AWS_ACCESS_KEY_ID: 'operator',
      AWS_SECRET_ACCESS_KEY: 'operator',
    };
    delete env.AWS_PROFILE;

    // Act
    const result = await run(
      'node',
      ['--config', 'cn-north-1', '--table', 'reference', '--method', 'copy', '--delete-after', '--report-dir', reportDir, '--json'],
      env,
    );
    for (const table of Object.values(deployed)) await tables.client.send(new DeleteTableCommand({ TableName: table }));

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      system: 'deployment demo-beijing (cn-north-1)',
      source: 'esup-demo-bj-reference',
      target: expect.stringMatching(/^esup-demo-bj-reference-drill-\d{8}T\d{6}Z$/),
      identical: true,
      targetDeleted: true,
    });
  }, 60_000);
});
