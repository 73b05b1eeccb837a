/**
 * A local runtime for one test file: its own tables on the run's shared DynamoDB Local, a
 * throw-away data folder, schedules fired by hand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { functionBundlesAt } from '#infra/local/lambda/function-bundles.ts';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '#infra/local/runtime.ts';

export interface TestRuntime {
  readonly runtime: LocalRuntime;
  /** The runtime's throw-away data folder (credentials, keys, `runtime.json`, the deployment steps' state). */
  readonly dataDir: string;
  dispose(): Promise<void>;
}

export async function startTestRuntime(label: string, options: Partial<LocalRuntimeOptions> = {}): Promise<TestRuntime> {
  const dataDir = await mkdtemp(join(tmpdir(), `esup-${label}-`));
  const runtime = await startLocalRuntime({
    dataDir,
    ephemeral: true,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `${label}${Date.now().toString(36)}`,
    schedulesEnabled: false,
    quiet: true,
    // Every test request comes from 127.0.0.1; the public limit has its own test.
    publicRateLimit: { requestsPerSecond: 1000, burst: 10_000 },
    bundles: functionBundlesAt(inject('functionBundles')),
    ...options,
  });
  return {
    runtime,
    dataDir,
    async dispose() {
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
