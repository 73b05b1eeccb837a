/**
 * Creates the tables declared in `shared/tables.ts` in DynamoDB Local, the same designs CDK
 * deploys. Idempotent: a persisted local database keeps its tables and data across restarts,
 * and an index added to a design later is added to the existing table.
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ResourceInUseException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type IndexDesign, type KeyAttribute, physicalTableName, type TableDesign, tableDesigns } from '#shared/tables.ts';
import type { TableName } from '#shared/topology.ts';

const activeTimeoutMs = 60_000;

/**
 * Creates every table of {@link tableDesigns} as `physicalTableName(prefix, name)`
 * (PAY_PER_REQUEST, the declared GSIs and TTL), keeps tables that already exist, and waits
 * until each table and index is ACTIVE.
 * @returns the physical name of each logical table.
 */
export async function createTables(client: DynamoDBClient, prefix: string): Promise<Record<TableName, string>> {
  const designs = Object.values(tableDesigns);
  await Promise.all(designs.map((design) => createTable(client, physicalTableName(prefix, design.name), design)));
  return Object.fromEntries(designs.map((design) => [design.name, physicalTableName(prefix, design.name)])) as Record<TableName, string>;
}

async function createTable(client: DynamoDBClient, tableName: string, design: TableDesign): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions([design.partitionKey, design.sortKey], design.globalSecondaryIndexes),
        KeySchema: keySchema(design.partitionKey, design.sortKey),
        ...(design.globalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes: design.globalSecondaryIndexes.map(globalSecondaryIndex) } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const existing = await waitUntilActive(client, tableName);
  assertSameKeys(tableName, design, existing);
  await addMissingIndexes(client, tableName, design, existing);
  await enableTimeToLive(client, tableName, design);
}

/** DynamoDB accepts one index creation per UpdateTable call, so indexes are added in turn. */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, design: TableDesign, existing: TableDescription): Promise<void> {
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of design.globalSecondaryIndexes.filter((candidate) => !present.has(candidate.indexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions([], [index]),
        GlobalSecondaryIndexUpdates: [{ Create: globalSecondaryIndex(index) }],
      }),
    );
    await waitUntilActive(client, tableName);
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string, design: TableDesign): Promise<void> {
  if (design.timeToLiveAttribute === undefined) return;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: design.timeToLiveAttribute, Enabled: true },
    }),
  );
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<TableDescription> {
  const deadline = Date.now() + activeTimeoutMs;
  for (;;) {
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return table;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE within ${activeTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A table kept from an earlier run must have the declared key, or every access would fail later. */
function assertSameKeys(tableName: string, design: TableDesign, existing: TableDescription): void {
  const wanted = JSON.stringify(keySchema(design.partitionKey, design.sortKey));
  const actual = JSON.stringify((existing.KeySchema ?? []).map(({ AttributeName, KeyType }) => ({ AttributeName, KeyType })));
  if (wanted !== actual) {
    throw new Error(
      `Existing table ${tableName} has key schema ${actual}, but shared/tables.ts declares ${wanted}; ` + 'delete the local database or use another prefix.',
    );
  }
}

function keySchema(partitionKey: KeyAttribute, sortKey: KeyAttribute): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    { AttributeName: sortKey.name, KeyType: 'RANGE' },
  ];
}

function globalSecondaryIndex(index: IndexDesign): GlobalSecondaryIndex {
  return {
    IndexName: index.indexName,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: index.projection },
  };
}

/** Every key attribute of the table and its indexes, declared once each. */
function attributeDefinitions(keys: readonly KeyAttribute[], indexes: readonly IndexDesign[]): AttributeDefinition[] {
  const all = [...keys, ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  const byName = new Map(all.map((attribute) => [attribute.name, attribute.type]));
  return [...byName].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}
