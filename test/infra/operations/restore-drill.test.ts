/**
 * The restore drill against DynamoDB Local, through the real SDK: the copy gets the source's
 * keys and indexes and every item; a copy or source that differs afterwards is named partition
 * by partition; the source is never changed by the drill. Point-in-time recovery does not
 * exist in DynamoDB Local, so its two operations are played by a stand-in in one test, which
 * checks what the drill asks AWS for and that it waits and verifies the same way.
 */
import { randomBytes } from 'node:crypto';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  type RestoreTableToPointInTimeCommandInput,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { drillTableName, restoreDrill, RestoreDrillRefusedError } from '#infra/operations/restore-drill.ts';
import { drillExitCode } from '#infra/operations/restore-drill-report.ts';
import { digestTable } from '#infra/operations/table-digest.ts';
import { testClientConfig } from '../../support/dynamodb.ts';

const partitions = 20;
const itemsPerPartition = 20;
const keySchema = [
  { AttributeName: 'pk', KeyType: 'HASH' as const },
  { AttributeName: 'sk', KeyType: 'RANGE' as const },
];

let dynamodb: DynamoDBClient;
let source: string;
const created: string[] = [];

beforeAll(async () => {
  dynamodb = new DynamoDBClient({ ...testClientConfig, endpoint: inject('dynamoEndpoint') });
  source = `drill-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}-cases`;
  await createSourceTable(source);
  await seed(source);
}, 60_000);

afterAll(async () => {
  for (const table of [source, ...created]) await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  dynamodb.destroy();
});

async function createSourceTable(name: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'kind', AttributeType: 'S' },
        { AttributeName: 'order', AttributeType: 'N' },
      ],
      KeySchema: keySchema,
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byKind',
          KeySchema: [
            { AttributeName: 'kind', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byOrder',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'order', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
}

/** 400 items over 20 partitions, with values of every DynamoDB type. */
async function seed(table: string): Promise<void> {
  const items: Record<string, AttributeValue>[] = [];
  for (let partition = 0; partition < partitions; partition += 1) {
    for (let index = 0; index < itemsPerPartition; index += 1) {
      items.push({
        pk: { S: `CASE#haishu-housing#licensing#DR-${String(partition).padStart(2, '0')}` },
        sk: { S: `EVENT#${String(index).padStart(10, '0')}` },
        kind: { S: index % 2 === 0 ? 'received' : 'accepted' },
        order: { N: String(index * 7) },
        note: { S: `办件 ${partition}-${index}` },
        flags: { SS: ['urgent', `p${partition}`] },
        counts: { NS: ['1', String(index + 2)] },
        raw: { B: new Uint8Array([partition, index]) },
        done: { BOOL: index % 3 === 0 },
        missing: { NULL: true },
        steps: { L: [{ S: 'received' }, { N: String(index) }] },
        detail: { M: { matterCode: { S: 'construction-permit' }, limit: { N: '10' } } },
      });
    }
  }
  for (let start = 0; start < items.length; start += 25) {
    await dynamodb.send(
      new BatchWriteItemCommand({ RequestItems: { [table]: items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } })) } }),
    );
  }
}

const partitionKey = (partition: number): string => `CASE#haishu-housing#licensing#DR-${String(partition).padStart(2, '0')}`;

async function tableExists(name: string): Promise<boolean> {
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

describe('restore drill (export and import, DynamoDB Local)', () => {
  let target: string;

  it('copies the table with its keys and indexes and finds every partition matching, in a measured time', async () => {
    // Prepare
    const sourceBefore = await digestTable(dynamodb, source, keySchema);

    // Act
    const report = await restoreDrill(dynamodb, { sourceTable: source, method: 'copy', pollIntervalMs: 50 });
    target = report.target;
    created.push(target);

    // Assess
    expect(target).toMatch(new RegExp(`^${source}-drill-\\d{8}T\\d{6}Z$`));
    expect(report).toMatchObject({ source, method: 'copy', identical: true, targetDeleted: false });
    expect(report.comparison).toEqual({
      sourceItems: partitions * itemsPerPartition,
      copyItems: partitions * itemsPerPartition,
      partitionsCompared: partitions,
      partitionsMatching: partitions,
      partitionsDiffering: 0,
      firstDiffering: [],
    });
    expect(report.recoverySeconds).toBeGreaterThan(0);
    expect(report.recoverySeconds).toBeCloseTo((report.restoreSeconds ?? 0) + report.verifySeconds, 2);
    expect(drillExitCode(report)).toBe(0);
    const [{ Table: copy }, { Table: original }] = await Promise.all([
      dynamodb.send(new DescribeTableCommand({ TableName: target })),
      dynamodb.send(new DescribeTableCommand({ TableName: source })),
    ]);
    expect(copy?.KeySchema).toEqual(original?.KeySchema);
    expect(copy?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection])).toEqual(
      original?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection]),
    );
    expect(copy?.LocalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection])).toEqual(
      original?.LocalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection]),
    );
    const byKind = await dynamodb.send(
      new QueryCommand({
        TableName: target,
        IndexName: 'byKind',
        KeyConditionExpression: 'kind = :kind',
        ExpressionAttributeValues: { ':kind': { S: 'accepted' } },
        Select: 'COUNT',
      }),
    );
    expect(byKind.Count).toBe((partitions * itemsPerPartition) / 2);
    expect(await digestTable(dynamodb, source, keySchema)).toEqual(sourceBefore);
  }, 60_000);

  it('names the partitions of a copy altered afterwards, and ends with a non-zero code', async () => {
    // Prepare: one item changed, one removed, one partition that the source never had.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: target,
        Key: { pk: { S: partitionKey(3) }, sk: { S: 'EVENT#0000000004' } },
        UpdateExpression: 'SET note = :note',
        ExpressionAttributeValues: { ':note': { S: 'tampered' } },
      }),
    );
    await dynamodb.send(new DeleteItemCommand({ TableName: target, Key: { pk: { S: partitionKey(7) }, sk: { S: 'EVENT#0000000000' } } }));
    await dynamodb.send(new PutItemCommand({ TableName: target, Item: { pk: { S: 'CASE#intruder' }, sk: { S: 'STATE' } } }));

    // Act
    const report = await restoreDrill(dynamodb, { sourceTable: source, method: 'compareOnly', targetTable: target });

    // Assess
    expect(report).toMatchObject({ identical: false, restorePoint: undefined, restoreSeconds: undefined });
    expect(report.comparison).toMatchObject({
      sourceItems: 400,
      copyItems: 400,
      partitionsCompared: partitions + 1,
      partitionsMatching: partitions - 2,
      partitionsDiffering: 3,
    });
    expect(report.comparison.firstDiffering).toEqual([
      { partitionKey: `S:"${partitionKey(3)}"`, difference: 'contentDiffers', sourceItems: 20, copyItems: 20 },
      { partitionKey: `S:"${partitionKey(7)}"`, difference: 'contentDiffers', sourceItems: 20, copyItems: 19 },
      { partitionKey: 'S:"CASE#intruder"', difference: 'onlyInCopy', sourceItems: 0, copyItems: 1 },
    ]);
    expect(drillExitCode(report)).toBe(3);
  });

  it('names a partition of the source written after the copy', async () => {
    // Prepare: a fresh copy, then a write to the source.
    const fresh = await restoreDrill(dynamodb, { sourceTable: source, method: 'copy', pollIntervalMs: 50, targetTable: `${source}-drill-later` });
    created.push(fresh.target);
    await dynamodb.send(new PutItemCommand({ TableName: source, Item: { pk: { S: partitionKey(12) }, sk: { S: 'EVENT#0000000020' } } }));

    // Act
    const report = await restoreDrill(dynamodb, { sourceTable: source, method: 'compareOnly', targetTable: fresh.target });

    // Assess
    expect(fresh.identical).toBe(true);
    expect(report.identical).toBe(false);
    expect(report.comparison.firstDiffering).toEqual([
      { partitionKey: `S:"${partitionKey(12)}"`, difference: 'contentDiffers', sourceItems: 21, copyItems: 20 },
    ]);
    await dynamodb.send(new DeleteItemCommand({ TableName: source, Key: { pk: { S: partitionKey(12) }, sk: { S: 'EVENT#0000000020' } } }));
  }, 60_000);

  it('deletes the drill table afterwards when asked, and only that table', async () => {
    // Act
    const report = await restoreDrill(dynamodb, {
      sourceTable: source,
      method: 'copy',
      pollIntervalMs: 50,
      deleteAfter: true,
      targetTable: `${source}-drill-deleted`,
    });

    // Assess
    expect(report).toMatchObject({ identical: true, targetDeleted: true });
    expect(await tableExists(report.target)).toBe(false);
    expect(await tableExists(source)).toBe(true);
  }, 60_000);

  it('refuses what would touch the source or cannot be done, before creating anything', async () => {
    // Act
    const attempts = [
      restoreDrill(dynamodb, { sourceTable: source, method: 'copy', targetTable: source }),
      restoreDrill(dynamodb, { sourceTable: source, method: 'copy', at: new Date('2026-03-02T01:00:00Z'), targetTable: `${source}-drill-at` }),
      restoreDrill(dynamodb, { sourceTable: source, method: 'compareOnly', targetTable: target, deleteAfter: true }),
      restoreDrill(dynamodb, { sourceTable: `${source}-absent`, method: 'copy' }),
    ];

    // Assess
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(RestoreDrillRefusedError);
    expect(await tableExists(`${source}-drill-at`)).toBe(false);
    expect(await tableExists(target)).toBe(true);
  });
});

describe('restore drill (point-in-time recovery, its two AWS operations played by a stand-in)', () => {
  const earliest = new Date('2026-11-20T00:00:00Z');
  const latest = new Date('2026-12-04T08:00:00Z');
  const restoreRequests: RestoreTableToPointInTimeCommandInput[] = [];

  /** A client on DynamoDB Local that answers the two point-in-time operations as AWS would, restoring by copying. */
  function clientWithPointInTimeStandIn(): DynamoDBClient {
    const client = new DynamoDBClient({ ...testClientConfig, endpoint: inject('dynamoEndpoint') });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DescribeContinuousBackupsCommand') {
          return {
            output: {
              $metadata: {},
              ContinuousBackupsDescription: {
                ContinuousBackupsStatus: 'ENABLED',
                PointInTimeRecoveryDescription: {
                  PointInTimeRecoveryStatus: 'ENABLED',
                  EarliestRestorableDateTime: earliest,
                  LatestRestorableDateTime: latest,
                },
              },
            },
            response: {},
          } as never;
        }
        if (context.commandName === 'RestoreTableToPointInTimeCommand') {
          const input = args.input as RestoreTableToPointInTimeCommandInput;
          restoreRequests.push(input);
          await copyTableAsRestore(input.SourceTableName ?? '', input.TargetTableName ?? '');
          return { output: { $metadata: {}, TableDescription: { TableName: input.TargetTableName, TableStatus: 'CREATING' } }, response: {} } as never;
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    return client;
  }

  /** What AWS does in the background: a new table with the source's keys, indexes and items. */
  async function copyTableAsRestore(from: string, to: string): Promise<void> {
    const { Table: table } = await dynamodb.send(new DescribeTableCommand({ TableName: from }));
    await dynamodb.send(
      new CreateTableCommand({
        TableName: to,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: table?.AttributeDefinitions,
        KeySchema: table?.KeySchema,
        GlobalSecondaryIndexes: table?.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
        LocalSecondaryIndexes: table?.LocalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
      }),
    );
    let cursor: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamodb.send(new ScanCommand({ TableName: from, ExclusiveStartKey: cursor, Limit: 25 }));
      if ((page.Items ?? []).length > 0) {
        await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [to]: (page.Items ?? []).map((item) => ({ PutRequest: { Item: item } })) } }));
      }
      cursor = page.LastEvaluatedKey;
    } while (cursor !== undefined);
  }

  it('restores the latest restorable time into a drill table by default, waits for it and verifies it', async () => {
    // Prepare
    const client = clientWithPointInTimeStandIn();
    const now = Date.parse('2026-12-04T08:05:09Z');

    // Act
    const report = await restoreDrill(client, { sourceTable: source, method: 'pointInTime', pollIntervalMs: 50, now: () => now });
    created.push(report.target);
    client.destroy();

    // Assess
    expect(report.target).toBe(drillTableName(source, new Date(now)));
    expect(report.target).toBe(`${source}-drill-20261204T080509Z`);
    expect(restoreRequests.at(-1)).toEqual({
      SourceTableName: source,
      TargetTableName: report.target,
      RestoreDateTime: latest,
      BillingModeOverride: 'PAY_PER_REQUEST',
    });
    expect(report).toMatchObject({ method: 'pointInTime', restorePoint: latest.toISOString(), identical: true });
  }, 60_000);

  it('restores the instant asked for, and refuses one outside the restorable window', async () => {
    // Prepare
    const client = clientWithPointInTimeStandIn();
    const at = new Date('2026-12-01T16:00:00Z');

    // Act
    const report = await restoreDrill(client, {
      sourceTable: source,
      method: 'pointInTime',
      at,
      pollIntervalMs: 50,
      targetTable: `${source}-drill-at-instant`,
    });
    created.push(report.target);
    const tooEarly = restoreDrill(client, {
      sourceTable: source,
      method: 'pointInTime',
      at: new Date('2026-11-01T00:00:00Z'),
      targetTable: `${source}-drill-too-early`,
    });

    // Assess
    expect(restoreRequests.at(-1)?.RestoreDateTime).toEqual(at);
    expect(report.restorePoint).toBe(at.toISOString());
    await expect(tooEarly).rejects.toThrow(/不在可恢复区间 .* \/ .* is outside the restorable window/);
    expect(await tableExists(`${source}-drill-too-early`)).toBe(false);
    client.destroy();
  }, 60_000);
});
