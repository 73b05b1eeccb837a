/**
 * Fresh tables for one test file on the run's shared DynamoDB Local: a unique prefix keeps
 * test files that run in parallel apart.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createTables } from '#infra/local/create-tables.ts';
import type { TableName } from '#shared/topology.ts';

export interface TestTables {
  /** DynamoDB Local's endpoint, for clients the code under test builds itself. */
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  /** Physical table names, by logical name. */
  readonly tables: Record<TableName, string>;
  readonly prefix: string;
}

/** The region and dummy credentials the tests use against DynamoDB Local. */
export const testClientConfig = {
  region: 'cn-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

/** Creates every table of `shared/tables.ts` under a new unique prefix. */
export async function createTestTables(): Promise<TestTables> {
  const endpoint = inject('dynamoEndpoint');
  const client = new DynamoDBClient({ ...testClientConfig, endpoint });
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const prefix = `test-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const tables = await createTables(client, prefix);
  return { endpoint, client, documentClient, tables, prefix };
}
