/**
 * What DynamoDB Local's own CPU costs per operation, on the cases table with its indexes: the
 * emulator shares the machine's cores with the functions, so its cost per operation bounds what
 * the pipeline can do here (it says nothing of DynamoDB, which runs elsewhere). Items of the
 * sizes the pipeline writes (a state ~0.9 KB, an event ~0.4 KB), 8 requests in flight.
 *
 * `npx tsx bench/emulator-operations.ts` (about 20 s; Linux only: CPU is read from /proc).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DynamoDBClient,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { startLocalRuntime } from '../infra/local/runtime.ts';
import { cpuSoFar } from './cpu-split.ts';

const partitions = 400;
const emulatorSeconds = (): number => cpuSoFar()['DynamoDB Local (java)'] ?? 0;
const casePk = (i: number): AttributeValue => ({ S: `CASE#BENCH#licensing#C${i % partitions}` });

export interface EmulatorOperationCost {
  readonly operation: string;
  /** DynamoDB Local's CPU per request, milliseconds. */
  readonly cpuMs: number;
  readonly wallMs: number;
}

export async function measureEmulatorOperations(): Promise<EmulatorOperationCost[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'esup-emulator-'));
  const runtime = await startLocalRuntime({ dataDir, ephemeral: true, schedulesEnabled: false, quiet: true, seedDemo: false, onFunctionLog: () => undefined });
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: runtime.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = runtime.tables.cases;
  const results: EmulatorOperationCost[] = [];
  const measure = async (operation: string, requests: number, send: (i: number) => Promise<unknown>, inFlight = 8) => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => send(i))); // warm
    const before = emulatorSeconds();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < requests) await send(next++);
      }),
    );
    results.push({ operation, cpuMs: (1000 * (emulatorSeconds() - before)) / requests, wallMs: (performance.now() - started) / requests });
  };
  try {
    const seeded = Array.from({ length: partitions }, (_, i) => [
      { pk: casePk(i), sk: { S: 'STATE' }, body: { S: 's'.repeat(900) } },
      { pk: casePk(i), sk: { S: 'EVENT#0000000001' }, body: { S: 'e'.repeat(400) } },
    ]).flat();
    for (let i = 0; i < seeded.length; i += 25) {
      await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: seeded.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    await measure('Query of a case partition (consistent, 2 items)', 400, (i) =>
      client.send(
        new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': casePk(i) }, ConsistentRead: true }),
      ),
    );
    await measure('Query of an empty partition (a new case)', 400, (i) =>
      client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `CASE#NONE#${i}` } },
          ConsistentRead: true,
        }),
      ),
    );
    await measure(
      'BatchGetItem of 100 state items',
      8,
      (i) =>
        client.send(
          new BatchGetItemCommand({
            RequestItems: { [table]: { Keys: Array.from({ length: 100 }, (_, j) => ({ pk: casePk(i * 100 + j), sk: { S: 'STATE' } })), ConsistentRead: true } },
          }),
        ),
      1,
    );
    let batch = 0;
    await measure(
      'TransactWriteItems of 100 conditional puts (0.9 KB)',
      12,
      () => {
        const at = batch++;
        return client.send(
          new TransactWriteItemsCommand({
            TransactItems: Array.from({ length: 100 }, (_, j) => ({
              Put: {
                TableName: table,
                Item: { pk: { S: `CASE#TX#${at}#${j}` }, sk: { S: 'STATE' }, body: { S: 's'.repeat(900) } },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
          }),
        );
      },
      1,
    );
    await measure(
      'BatchWriteItem of 25 puts (0.9 KB)',
      48,
      () => {
        const at = batch++;
        return client.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [table]: Array.from({ length: 25 }, (_, j) => ({
                PutRequest: { Item: { pk: { S: `CASE#BW#${at}#${j}` }, sk: { S: 'STATE' }, body: { S: 's'.repeat(900) } } },
              })),
            },
          }),
        );
      },
      1,
    );
    return results;
  } finally {
    client.destroy();
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function printEmulatorOperations(costs: readonly EmulatorOperationCost[]): void {
  console.log('\nDynamoDB Local CPU per request (cases table, its indexes):');
  for (const cost of costs) console.log(`- ${cost.operation}: ${cost.cpuMs.toFixed(1)} ms CPU, ${cost.wallMs.toFixed(1)} ms wall`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printEmulatorOperations(await measureEmulatorOperations());
  process.exit(0);
}
