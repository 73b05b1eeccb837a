import { defineConfig } from 'vitest/config';

/**
 * One DynamoDB Local for the whole run (started in `test/global-setup.ts`); each test file
 * creates its own tables under a unique prefix, so files run in parallel in separate forks.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The SDK's notice that releases from 2027 need Node 22: known, versions are pinned in the lockfile.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
