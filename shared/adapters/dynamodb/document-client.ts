import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per cold start. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` in the local runtime), so handler code is the same in both runtimes.
 * Retries with backoff absorb throttling before an error reaches a use case.
 */
export function createDocumentClient(client: DynamoDBClient = new DynamoDBClient({ maxAttempts: 8 })): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
