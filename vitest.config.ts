import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Where the local runtimes of this run write what their functions used (IAM decisions, variables
 * read), for the whole-run checks; one folder per run, shared by both projects.
 */
process.env['ESUP_TEST_RUN_DIRECTORY'] ??= mkdtempSync(join(tmpdir(), 'esup-test-run-'));

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks',
  // The SDK's notice that releases from 2027 need Node 22: known, versions are pinned in the lockfile.
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
} as const;

/**
 * Two projects run one after the other. `system`: every test, on one DynamoDB Local for the run
 * (started in `test/global-setup.ts`); each test file creates its own tables under a unique
 * prefix, so files run in parallel in separate forks. `whole-run`: checks over what the whole
 * run's functions did (every grant used, every use granted, every variable read set by the
 * stack), once every other test has finished.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: ['test/whole-run/**', '**/node_modules/**'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'whole-run',
          include: ['test/whole-run/**/*.test.ts'],
          globalSetup: ['test/whole-run/global-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
