/**
 * The usage meter the bench hands the local runtime: through the DynamoDB gateway it counts each
 * request and the units DynamoDB reports (indexes included) without the caller seeing a field it
 * did not ask for; without a meter the gateway passes answers through byte for byte.
 */
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbGateway, type DynamoDbGateway } from '#infra/local/dynamodb-gateway.ts';
import { IamAuthorizer, type IamPrincipal } from '#infra/local/iam/iam-authorizer.ts';
import { FaultInjector, issueCredentials, ServiceGuard } from '#infra/local/iam/service-guard.ts';
import { billingChunkBytes, consumedUnitsOf, totalsOf, UsageMeter } from '#infra/local/usage-meter.ts';
import { createTestTables, testClientConfig, type TestTables } from '../../support/dynamodb.ts';

const account = '000000000000';
const region = 'cn-north-1';
const writer: IamPrincipal = {
  name: 'process-records',
  roleArn: `arn:aws-cn:iam::${account}:role/process-records`,
  sessionArn: `arn:aws-cn:sts::${account}:assumed-role/process-records/session`,
  identityPolicies: [{ name: 'policy', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] } }],
};
const [credential] = issueCredentials([writer]);

let tables: TestTables;
let meter: UsageMeter;
let metered: DynamoDbGateway;
let plain: DynamoDbGateway;
const clients: DynamoDBClient[] = [];

const clientOf = (endpoint: string): DynamoDBClient => {
  const client = new DynamoDBClient({
    endpoint,
    region,
    maxAttempts: 1,
    credentials: { accessKeyId: credential!.accessKeyId, secretAccessKey: credential!.secretAccessKey, sessionToken: credential!.sessionToken },
  });
  clients.push(client);
  return client;
};

/** An alert item: listed in the three alert indexes, so one put writes the table and three indexes. */
const alertItem = (caseId: string): Record<string, AttributeValue> => ({
  pk: { S: `CASE#haishu-housing#licensing#${caseId}` },
  sk: { S: 'ALERT#licensing.decision-time-limit' },
  alertDepartment: { S: 'haishu-housing' },
  alertJurisdiction: { S: 'haishu' },
  alertCitywide: { S: 'ALL' },
  alertOrder: { S: `2026-01-05T09:00:00.000Z#haishu-housing#${caseId}#licensing.decision-time-limit` },
  level: { S: 'warning' },
});

beforeAll(async () => {
  tables = await createTestTables();
  const authorizer = new IamAuthorizer({ account });
  meter = new UsageMeter();
  const directory = { partition: 'aws-cn', region, account, tableByName: () => undefined };
  const guardOf = (onAdmitted?: UsageMeter['request']) =>
    new ServiceGuard({ region, credentials: [credential!], authorizer, faults: new FaultInjector(), ...(onAdmitted ? { onAdmitted } : {}) });
  metered = await startDynamoDbGateway({ upstream: tables.endpoint, tables: directory, guard: guardOf((...call) => meter.request(...call)), meter });
  plain = await startDynamoDbGateway({ upstream: tables.endpoint, tables: directory, guard: guardOf() });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await metered?.stop();
  await plain?.stop();
});

describe('UsageMeter through the DynamoDB gateway', () => {
  it('counts a put into the table and its three alert indexes as four write units, and answers without ConsumedCapacity', async () => {
    // Prepare
    meter.reset();
    const client = clientOf(metered.endpoint);

    // Act
    const answer = await client.send(new PutItemCommand({ TableName: tables.tables.cases, Item: alertItem('M-1') }));

    // Assess
    expect(answer.ConsumedCapacity).toBeUndefined();
    const dynamo = totalsOf(meter.snapshot(), (count) => count.service === 'dynamodb');
    expect(dynamo).toMatchObject({ requests: 1, writeUnits: 4, readUnits: 0 });
    expect(meter.snapshot().calls[0]).toMatchObject({ service: 'dynamodb', operation: 'PutItem', caller: 'process-records' });
  });

  it('leaves ConsumedCapacity in the answer when the caller asked for it, and counts the same units', async () => {
    // Prepare
    meter.reset();
    const client = clientOf(metered.endpoint);

    // Act
    const answer = await client.send(new PutItemCommand({ TableName: tables.tables.cases, Item: alertItem('M-2'), ReturnConsumedCapacity: 'TOTAL' }));

    // Assess
    expect(consumedUnitsOf(answer.ConsumedCapacity)).toBe(4);
    expect(totalsOf(meter.snapshot()).writeUnits).toBe(4);
  });

  it('adds up batches, transactions (twice the units) and reads, and counts refused writes', async () => {
    // Prepare
    meter.reset();
    const client = clientOf(metered.endpoint);
    const plainItem = (n: number) => ({ pk: { S: `CASE#haishu-housing#licensing#B-${n}` }, sk: { S: 'EVENT#0000000001' }, payload: { S: 'x'.repeat(100) } });

    // Act
    await client.send(new BatchWriteItemCommand({ RequestItems: { [tables.tables.cases]: [1, 2, 3].map((n) => ({ PutRequest: { Item: plainItem(n) } })) } }));
    await client.send(
      new TransactWriteItemsCommand({ TransactItems: [4, 5, 6, 7, 8].map((n) => ({ Put: { TableName: tables.tables.cases, Item: plainItem(n) } })) }),
    );
    await client.send(new GetItemCommand({ TableName: tables.tables.cases, Key: { pk: plainItem(1).pk, sk: plainItem(1).sk }, ConsistentRead: true }));
    const page = await client.send(
      new QueryCommand({
        TableName: tables.tables.cases,
        IndexName: 'alertsByDepartment',
        KeyConditionExpression: 'alertDepartment = :d',
        ExpressionAttributeValues: { ':d': { S: 'haishu-housing' } },
      }),
    );
    const refused = await client
      .send(new PutItemCommand({ TableName: tables.tables.cases, Item: plainItem(1), ConditionExpression: 'attribute_not_exists(pk)' }))
      .then(
        () => 'written',
        (error: Error) => error.name,
      );

    // Assess
    expect(page.Items).toHaveLength(2);
    expect(page.ConsumedCapacity).toBeUndefined();
    expect(refused).toBe('ConditionalCheckFailedException');
    const byOperation = Object.fromEntries(meter.snapshot().calls.map((count) => [count.operation, count]));
    expect(byOperation['BatchWriteItem']).toMatchObject({ requests: 1, writeUnits: 3 });
    // Two units an item, priced from the items sent: DynamoDB Local would report 4 for the whole transaction.
    expect(byOperation['TransactWriteItems']).toMatchObject({ requests: 1, writeUnits: 10 });
    expect(byOperation['GetItem']).toMatchObject({ requests: 1, readUnits: 1 });
    expect(byOperation['Query']?.readUnits).toBeGreaterThan(0);
    expect(byOperation['PutItem']).toMatchObject({ requests: 1, writeUnits: 0, refusedWrites: 1 });
    expect(totalsOf(meter.snapshot()).requests).toBe(5);
  });

  it("without a meter passes DynamoDB's answer through unchanged", async () => {
    // Prepare
    const direct = new DynamoDBClient({ ...testClientConfig, endpoint: tables.endpoint });
    clients.push(direct);
    const key = { pk: alertItem('M-1')['pk']!, sk: alertItem('M-1')['sk']! };
    const before = totalsOf(meter.snapshot()).requests;

    // Act
    const [throughGateway, fromDynamoDb] = await Promise.all([
      clientOf(plain.endpoint).send(new GetItemCommand({ TableName: tables.tables.cases, Key: key })),
      direct.send(new GetItemCommand({ TableName: tables.tables.cases, Key: key })),
    ]);

    // Assess
    expect(throughGateway.Item).toEqual(fromDynamoDb.Item);
    expect(throughGateway.ConsumedCapacity).toBeUndefined();
    expect(totalsOf(meter.snapshot()).requests).toBe(before);
  });
});

describe('UsageMeter', () => {
  it('bills SQS payloads in 64 KB chunks and counts EventBridge entries', () => {
    // Prepare
    const usage = new UsageMeter();

    // Act
    usage.request('sqs', 'SendMessageBatch', 'ingest-records', new Uint8Array(billingChunkBytes + 1));
    usage.request('sqs', 'SendMessageBatch', 'ingest-records', new Uint8Array(10));
    usage.request('events', 'PutEvents', 'process-records', Buffer.from(JSON.stringify({ Entries: [{}, {}, {}] })));
    usage.invocation('process-records', 12.2);
    usage.logLine('process-records', 100);

    // Assess
    const snapshot = usage.snapshot();
    expect(totalsOf(snapshot, (count) => count.service === 'sqs')).toMatchObject({ requests: 2, chunks: 3 });
    expect(totalsOf(snapshot, (count) => count.service === 'events')).toMatchObject({ requests: 1, entries: 3 });
    expect(snapshot.functions['process-records']).toEqual({ invocations: 1, billedMilliseconds: 13, logBytes: 100, logLines: 1 });
  });
});
