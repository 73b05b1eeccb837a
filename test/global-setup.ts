/**
 * Starts one in-memory DynamoDB Local for the whole test run and hands its endpoint to the
 * test files (`inject('dynamoEndpoint')`, see `test/support/dynamodb.ts`).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the run's DynamoDB Local. */
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The SDK's notice that its 2027 releases need Node 22: known; versions are pinned in the lockfile.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const dynamoDb = await startDynamoDbLocal({ inMemory: true });
  project.provide('dynamoEndpoint', dynamoDb.endpoint);
  return () => dynamoDb.stop();
}
