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
  const dynamoDb = await startDynamoDbLocal({ inMemory: true });
  project.provide('dynamoEndpoint', dynamoDb.endpoint);
  return () => dynamoDb.stop();
}
