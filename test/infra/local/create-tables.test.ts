/**
 * The local runtime creates the declared tables in DynamoDB Local, and keeps them (with their
 * data) when it starts again on a persisted database.
 */
import { randomBytes } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTables } from '#infra/local/create-tables.ts';
import { tableDesigns } from '#shared/tables.ts';
import { testClientConfig } from '../../support/dynamodb.ts';

const client = new DynamoDBClient({ ...testClientConfig, endpoint: inject('dynamoEndpoint') });
const newPrefix = (): string => `create-tables-${randomBytes(4).toString('hex')}`;

afterAll(() => client.destroy());

describe('createTables', () => {
  it('creates every declared table with its keys, indexes and on-demand billing', async () => {
    // Prepare
    const prefix = newPrefix();

    // Act
    const tables = await createTables(client, prefix);

    // Assess
    expect(tables).toEqual({
      cases: `${prefix}-cases`,
      reference: `${prefix}-reference`,
      audit: `${prefix}-audit`,
      oversight: `${prefix}-oversight`,
      security: `${prefix}-security`,
    });
    const { Table: cases } = await client.send(new DescribeTableCommand({ TableName: tables.cases }));
    expect(cases?.TableStatus).toBe('ACTIVE');
    expect(cases?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(cases?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(cases?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.Projection?.ProjectionType]).sort()).toEqual(
      tableDesigns.cases.globalSecondaryIndexes.map((index) => [index.indexName, index.projection]).sort(),
    );
  });

  it('keeps existing tables and their items when run again', async () => {
    // Prepare
    const prefix = newPrefix();
    const first = await createTables(client, prefix);
    const item = { pk: { S: 'DEPARTMENT#haishu-market-regulation' }, sk: { S: 'PROFILE' } };
    await client.send(new PutItemCommand({ TableName: first.reference, Item: item }));

    // Act
    const second = await createTables(client, prefix);

    // Assess
    expect(second).toEqual(first);
    const { Item: kept } = await client.send(new GetItemCommand({ TableName: second.reference, Key: item }));
    expect(kept).toEqual(item);
  });
});
