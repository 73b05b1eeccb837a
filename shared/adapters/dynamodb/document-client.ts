import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';

/**
 * One document client per cold start. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` in the local runtime), so handler code is the same in both runtimes.
 * Retries with capped backoff absorb short throttling; what outlasts them reaches the use case as
 * `DependencyThrottledError` or `DependencyUnavailableError` (`../aws/dependency-overload.ts`).
 */
export function createDocumentClient(client: DynamoDBClient = nameOverloadOf(new DynamoDBClient(awsClientConfig()), 'dynamodb')): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
