/**
 * DynamoDB Local started on a database folder keeps tables and items across a stop and a
 * start, which is what lets `npm start` keep its data between runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createTables } from '#infra/local/create-tables.ts';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { testClientConfig } from '../../support/dynamodb.ts';

const directories: string[] = [];

afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

async function withDynamoDb<T>(dbPath: string, work: (client: DynamoDBClient) => Promise<T>): Promise<T> {
  const dynamoDb = await startDynamoDbLocal({ dbPath });
  const client = new DynamoDBClient({ ...testClientConfig, endpoint: dynamoDb.endpoint });
  try {
    return await work(client);
  } finally {
    client.destroy();
    await dynamoDb.stop();
  }
}

describe('startDynamoDbLocal', () => {
  it('keeps tables and items in its database folder across a restart', async () => {
    // Prepare
    const dbPath = await mkdtemp(join(tmpdir(), 'dynamodb-local-'));
    directories.push(dbPath);
    const key = { pk: { S: 'CASE#haishu-market-regulation#A-1' }, sk: { S: 'STATE' } };
    await withDynamoDb(dbPath, async (client) => {
      const tables = await createTables(client, 'local');
      await client.send(new PutItemCommand({ TableName: tables.cases, Item: key }));
    });

    // Act
    const [tableNames, item] = await withDynamoDb(dbPath, async (client) =>
      Promise.all([
        client.send(new ListTablesCommand({})).then((result) => result.TableNames),
        client.send(new GetItemCommand({ TableName: 'local-cases', Key: key })).then((result) => result.Item),
      ]),
    );

    // Assess
    expect(tableNames).toEqual(['local-audit', 'local-cases', 'local-oversight', 'local-reference', 'local-security']);
    expect(item).toEqual(key);
  }, 60_000);

  it('answers on the endpoint it reports and frees it on stop', async () => {
    // Prepare
    const dynamoDb = await startDynamoDbLocal({ inMemory: true });
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: dynamoDb.endpoint, maxAttempts: 1 });

    // Act
    const before = await client.send(new ListTablesCommand({}));
    await dynamoDb.stop();
    const after = client.send(new ListTablesCommand({}));

    // Assess
    expect(before.TableNames).toEqual([]);
    expect(dynamoDb.endpoint).toBe(`http://127.0.0.1:${dynamoDb.port}`);
    await expect(after).rejects.toThrow();
    client.destroy();
  }, 60_000);

  it('says that Java is needed when no java is on the PATH', async () => {
    // Prepare
    const path = process.env.PATH;
    process.env.PATH = '';

    // Act
    const starting = startDynamoDbLocal({ inMemory: true });
    await starting.catch(() => undefined);
    process.env.PATH = path;

    // Assess
    await expect(starting).rejects.toThrow(/needs Java 17/);
  });
});
