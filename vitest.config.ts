import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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

/** Test files that need a module graph of their own: they reload modules, or capture what a logger created at load writes. */
const isolatedTests = ['test/functions/staff-authorizer/handler.test.ts', 'test/shared/observability/function-observability.test.ts'];

/** Test files that drive the console in Chromium: those that use the browser fixture (`test/support/console-browser.ts`). */
const browserTests = readdirSync('test/console')
  .filter((name) => name.endsWith('.test.ts') && readFileSync(join('test/console', name), 'utf8').includes('support/console-browser.ts'))
  .map((name) => `test/console/${name}`);

/**
 * Three groups, one after the other. `system`: every test but the browser's, on one DynamoDB Local
 * (started in `test/global-setup.ts`); each test file creates its own tables under a unique prefix,
 * so files run two at a time, one fork per core, each fork keeping the modules it loaded from one
 * file to the next (not isolated: loading the SDK, CDK and zod again for each of 300 files took a
 * third of the run's CPU). `isolated`, beside it: the files whose tests reload modules or capture
 * what a module-level logger writes, each in a fresh module graph. `browser`: the files that drive
 * the console in Chromium, one at a time on a machine of their own: beside another fork their
 * waits for a page became a matter of luck; in one fork that keeps its modules, so the runtimes
 * they start share one synthesis of the stacks and the files share one Chromium (a run beside the system tests, three forks, was
 * no faster: the machine's two cores are the limit). `whole-run`: checks over what the whole run's
 * functions did (every grant used, every use granted, every variable read set by the stack), once
 * every other test has finished.
 */
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: ['test/whole-run/**', ...browserTests, ...isolatedTests, '**/node_modules/**'],
          globalSetup: ['test/global-setup.ts'],
          maxWorkers: 2,
          isolate: false,
        },
      },
      {
        test: {
          ...shared,
          name: 'isolated',
          include: isolatedTests,
          globalSetup: ['test/global-setup.ts'],
          maxWorkers: 1,
        },
      },
      {
        test: {
          ...shared,
          name: 'browser',
          include: browserTests,
          globalSetup: ['test/global-setup.ts'],
          maxWorkers: 1,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...shared,
          name: 'whole-run',
          include: ['test/whole-run/**/*.test.ts'],
          globalSetup: ['test/whole-run/global-setup.ts'],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
