/**
 * Starts one in-memory DynamoDB Local for the whole test run and hands its endpoint to the
 * test files (`inject('dynamoEndpoint')`, see `test/support/dynamodb.ts`), and builds the
 * functions' bundles once for every local runtime the tests start (`inject('functionBundles')`).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { buildFunctionBundles } from '#infra/local/lambda/function-bundles.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the run's DynamoDB Local. */
    dynamoEndpoint: string;
    /** The folder of the functions' bundles (see `buildFunctionBundles`). */
    functionBundles: string;
    /** Where the local runtimes write what their functions used, for the whole-run checks. */
    usageDirectory: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The SDK's notice that its 2027 releases need Node 22: known; versions are pinned in the lockfile.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const [dynamoDb, bundles] = await Promise.all([startDynamoDbLocal({ inMemory: true }), buildFunctionBundles()]);
  project.provide('dynamoEndpoint', dynamoDb.endpoint);
  project.provide('functionBundles', bundles.directory);
  project.provide('usageDirectory', process.env['ESUP_TEST_RUN_DIRECTORY'] ?? '');
  return () => dynamoDb.stop();
}
