/**
 * `runtime.json` tells the operators' commands where a running local runtime is; a missing,
 * damaged or stale one is named as such.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  manifestProcessIsRunning,
  readRuntimeManifest,
  RuntimeManifestError,
  writeRuntimeManifest,
  type RuntimeManifestInput,
} from '#infra/local/runtime-manifest.ts';

const directories: string[] = [];

afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function newDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'runtime-manifest-'));
  directories.push(directory);
  return directory;
}

const input: RuntimeManifestInput = {
  region: 'cn-north-1',
  prefix: 'esup-local',
  apiUrl: 'http://127.0.0.1:3000',
  dynamoEndpoint: 'http://127.0.0.1:8000',
  eventBridgeEndpoint: 'http://127.0.0.1:4010',
  sqs: {
    endpoint: 'http://127.0.0.1:4020',
    queueNames: () => ['records', 'records-dlq'],
    queueUrl: (name) => `http://127.0.0.1:4020/000000000000/${name}`,
  },
  tables: {
    cases: 'esup-local-cases',
    reference: 'esup-local-reference',
    audit: 'esup-local-audit',
    oversight: 'esup-local-oversight',
    security: 'esup-local-security',
  },
  operatorCredentials: { accessKeyId: 'ASIAOPERATOR', secretAccessKey: 'operator-secret', sessionToken: 'operator-session' },
};

describe('runtime manifest', () => {
  it('writes endpoints, region, tables, every queue URL and the operator credentials, readable only by its owner', async () => {
    // Prepare
    const dataDir = await newDirectory();

    // Act
    const file = await writeRuntimeManifest(dataDir, input);
    const manifest = await readRuntimeManifest(dataDir);

    // Assess
    expect(file).toBe(join(dataDir, 'runtime.json'));
    expect(manifest).toEqual({
      version: 1,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      pid: process.pid,
      region: 'cn-north-1',
      prefix: 'esup-local',
      apiUrl: 'http://127.0.0.1:3000',
      endpoints: { dynamodb: 'http://127.0.0.1:8000', sqs: 'http://127.0.0.1:4020', eventbridge: 'http://127.0.0.1:4010' },
      tables: input.tables,
      queues: {
        records: 'http://127.0.0.1:4020/000000000000/records',
        'records-dlq': 'http://127.0.0.1:4020/000000000000/records-dlq',
      },
      operatorCredentials: { accessKeyId: 'ASIAOPERATOR', secretAccessKey: 'operator-secret', sessionToken: 'operator-session' },
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(manifestProcessIsRunning(manifest)).toBe(true);
  });

  it('writes the Lambda endpoint when the runtime serves one, and reads a manifest without it', async () => {
    // Prepare
    const withLambda = await newDirectory();
    const withoutLambda = await newDirectory();

    // Act
    await writeRuntimeManifest(withLambda, { ...input, lambdaEndpoint: 'http://127.0.0.1:4030' });
    await writeRuntimeManifest(withoutLambda, input);

    // Assess
    expect((await readRuntimeManifest(withLambda)).endpoints.lambda).toBe('http://127.0.0.1:4030');
    expect((await readRuntimeManifest(withoutLambda)).endpoints.lambda).toBeUndefined();
  });

  it('names a missing or damaged manifest in Chinese and English', async () => {
    // Prepare
    const empty = await newDirectory();
    const damaged = await newDirectory();
    await writeFile(join(damaged, 'runtime.json'), JSON.stringify({ version: 1, region: 'cn-north-1' }));

    // Act
    const missing = readRuntimeManifest(empty);
    const invalid = readRuntimeManifest(damaged);

    // Assess
    await expect(missing).rejects.toBeInstanceOf(RuntimeManifestError);
    await expect(missing).rejects.toThrow(/没有找到 .*runtime\.json.* \/ .*not found/);
    await expect(invalid).rejects.toThrow(/格式无效 \/ .* is not a valid runtime manifest: .*endpoints/);
  });

  it('tells a manifest whose process has ended', async () => {
    // Prepare: the pid of a process that has exited.
    const dataDir = await newDirectory();
    await writeRuntimeManifest(dataDir, input);
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const stale = { ...JSON.parse(await readFile(join(dataDir, 'runtime.json'), 'utf8')), pid: Number(ended.stdout) };
    await writeFile(join(dataDir, 'runtime.json'), JSON.stringify(stale));

    // Act
    const manifest = await readRuntimeManifest(dataDir);

    // Assess
    expect(manifestProcessIsRunning(manifest)).toBe(false);
  });
});
