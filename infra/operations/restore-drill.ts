/**
 * The restore drill: restores a table into a new one and proves the copy against its source.
 *
 * Primary course: read the source's description; restore it into `<source>-drill-<UTC stamp>`
 * — in AWS with `RestoreTableToPointInTime` (the latest restorable time, or the instant asked
 * for), locally (DynamoDB Local has no point-in-time recovery) by an export and import: a
 * paginated Scan of the source written into a new table with the same keys and indexes; wait
 * until the copy is ACTIVE; digest source and copy partition by partition and compare; time it
 * all. The source is only ever read. The drill table is deleted afterwards only when asked.
 */
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  RestoreTableToPointInTimeCommand,
  type SSESpecification,
  type TableDescription,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { compareDigests, type DigestComparison, digestTable, scanPages } from './table-digest.ts';

/** How the copy is made: AWS point-in-time recovery, or an export and import (the local runtime). */
export type RestoreMethod = 'pointInTime' | 'copy';

/** What a drill is asked to do. */
export interface RestoreDrillOptions {
  readonly sourceTable: string;
  /** `compareOnly`: no restore; `targetTable` exists already (a restore made earlier, by hand or by a drill). */
  readonly method: RestoreMethod | 'compareOnly';
  /** Default `<source>-drill-<UTC stamp>`. */
  readonly targetTable?: string;
  /** Point in time to restore (point-in-time recovery only); default the latest restorable time. */
  readonly at?: Date;
  /** Delete the drill table after the report (never with `compareOnly`). */
  readonly deleteAfter?: boolean;
  /** How many differing partitions the report names (default 10). */
  readonly listLimit?: number;
  /** Between two looks at a table that is not ACTIVE yet (default 5 s; tests shorten it). */
  readonly pollIntervalMs?: number;
  /** How long a restore may take to become ACTIVE (default 4 h: large restores take hours). */
  readonly activeTimeoutMs?: number;
  /** Told what the drill is doing, for a terminal. */
  readonly onProgress?: (chinese: string, english: string) => void;
  /** Epoch milliseconds (tests pass a fixed one to name the table). */
  readonly now?: () => number;
}

/** What a drill found. */
export interface RestoreDrillReport {
  readonly source: string;
  readonly target: string;
  readonly method: RestoreMethod | 'compareOnly';
  /**
   * The instant restored: point-in-time recovery restores exactly this; a copy reads the source
   * from this instant on (a Scan is not a snapshot); undefined when only comparing.
   */
  readonly restorePoint: string | undefined;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Restore start → copy ACTIVE (and filled, for a copy); undefined when only comparing. */
  readonly restoreSeconds: number | undefined;
  readonly verifySeconds: number;
  /** Restore start → copy ACTIVE and verified: the measured recovery time. */
  readonly recoverySeconds: number;
  readonly comparison: DigestComparison;
  /** Same item counts and every partition matching. */
  readonly identical: boolean;
  readonly targetDeleted: boolean;
}

/** A drill that cannot run as asked (nothing was created). */
export class RestoreDrillRefusedError extends Error {
  constructor(
    readonly chinese: string,
    readonly english: string,
  ) {
    super(`${chinese} / ${english}`);
    this.name = 'RestoreDrillRefusedError';
  }
}

const batchWriteSize = 25;
const writesInFlight = 4;
const maxWriteAttempts = 10;

/** `<source>-drill-20260302T010000Z`. */
export function drillTableName(source: string, at: Date): string {
  return `${source}-drill-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')}`;
}

/** Runs a drill: restore (or not), wait, verify, report; deletes the drill table when asked. */
export async function restoreDrill(dynamodb: DynamoDBClient, options: RestoreDrillOptions): Promise<RestoreDrillReport> {
  const now = options.now ?? Date.now;
  const progress = options.onProgress ?? (() => undefined);
  const started = now();
  const target = options.targetTable ?? drillTableName(options.sourceTable, new Date(started));
  refuseImpossible(options, target);
  const source = await describeTable(dynamodb, options.sourceTable);
  const keySchema = source.KeySchema ?? [];

  let restorePoint: Date | undefined;
  if (options.method === 'pointInTime') {
    restorePoint = await restorePointInTime(dynamodb, source, target, options.at);
    progress(
      `正在恢复 ${options.sourceTable} 到 ${restorePoint.toISOString()} 的状态，写入 ${target}`,
      `restoring ${options.sourceTable} as of ${restorePoint.toISOString()} into ${target}`,
    );
    await waitUntilActive(dynamodb, target, options, progress);
  } else if (options.method === 'copy') {
    restorePoint = new Date(now());
    progress(`正在把 ${options.sourceTable} 复制到 ${target}（导出并导入）`, `copying ${options.sourceTable} into ${target} (export and import)`);
    await createLikeSource(dynamodb, source, target);
    await waitUntilActive(dynamodb, target, options, progress);
    await copyItems(dynamodb, options.sourceTable, target);
  } else {
    await describeTable(dynamodb, target); // it must exist
  }
  const restored = now();

  progress(`正在校验 ${target} 与 ${options.sourceTable}`, `verifying ${target} against ${options.sourceTable}`);
  const [sourceDigest, copyDigest] = await Promise.all([digestTable(dynamodb, options.sourceTable, keySchema), digestTable(dynamodb, target, keySchema)]);
  const comparison = compareDigests(sourceDigest, copyDigest, options.listLimit ?? 10);
  const verified = now();

  let targetDeleted = false;
  if (options.deleteAfter === true) {
    await dynamodb.send(new DeleteTableCommand({ TableName: target }));
    targetDeleted = true;
  }
  const restoring = options.method !== 'compareOnly';
  return {
    source: options.sourceTable,
    target,
    method: options.method,
    restorePoint: restorePoint?.toISOString(),
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(now()).toISOString(),
    restoreSeconds: restoring ? seconds(restored - started) : undefined,
    verifySeconds: seconds(verified - restored),
    recoverySeconds: seconds(verified - started),
    comparison,
    identical: comparison.partitionsDiffering === 0 && comparison.sourceItems === comparison.copyItems,
    targetDeleted,
  };
}

function refuseImpossible(options: RestoreDrillOptions, target: string): void {
  if (target === options.sourceTable) {
    throw new RestoreDrillRefusedError('目标表不能是源表', 'the target table must not be the source table');
  }
  if (options.at !== undefined && options.method !== 'pointInTime') {
    throw new RestoreDrillRefusedError(
      '--at 只适用于时间点恢复（AWS）；本地的 DynamoDB Local 没有时间点恢复，复制的是当前内容',
      '--at applies to point-in-time recovery (AWS) only; DynamoDB Local has none, so a local drill copies the current content',
    );
  }
  if (options.deleteAfter === true && options.method === 'compareOnly') {
    throw new RestoreDrillRefusedError(
      '仅比较时不删除任何表（--delete-after 只删除本次演练创建的表）',
      'a comparison deletes no table (--delete-after deletes only a table the drill created)',
    );
  }
}

async function describeTable(dynamodb: DynamoDBClient, tableName: string): Promise<TableDescription> {
  try {
    const { Table: table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (table !== undefined) return table;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  throw new RestoreDrillRefusedError(`表 ${tableName} 不存在`, `table ${tableName} does not exist`);
}

/** Starts the restore; the restore point is the instant asked for, else the latest restorable one. */
async function restorePointInTime(dynamodb: DynamoDBClient, source: TableDescription, target: string, at: Date | undefined): Promise<Date> {
  const sourceName = source.TableName ?? '';
  const { ContinuousBackupsDescription: backups } = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: sourceName }));
  const recovery = backups?.PointInTimeRecoveryDescription;
  if (recovery?.PointInTimeRecoveryStatus !== 'ENABLED' || recovery.LatestRestorableDateTime === undefined) {
    throw new RestoreDrillRefusedError(`${sourceName} 未启用时间点恢复`, `${sourceName} has no point-in-time recovery enabled`);
  }
  const earliest = recovery.EarliestRestorableDateTime;
  const latest = recovery.LatestRestorableDateTime;
  if (at !== undefined && ((earliest !== undefined && at < earliest) || at > latest)) {
    throw new RestoreDrillRefusedError(
      `--at ${at.toISOString()} 不在可恢复区间 ${earliest?.toISOString() ?? '?'} 至 ${latest.toISOString()} 内`,
      `--at ${at.toISOString()} is outside the restorable window ${earliest?.toISOString() ?? '?'} to ${latest.toISOString()}`,
    );
  }
  const restorePoint = at ?? latest;
  await dynamodb.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: sourceName,
      TargetTableName: target,
      RestoreDateTime: restorePoint,
      BillingModeOverride: 'PAY_PER_REQUEST',
      ...sseOf(source, 'override'),
    }),
  );
  return restorePoint;
}

/** A new table with the source's keys, attribute definitions and indexes (on demand, same KMS key). */
async function createLikeSource(dynamodb: DynamoDBClient, source: TableDescription, target: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: target,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: source.AttributeDefinitions,
      KeySchema: source.KeySchema,
      ...(source.GlobalSecondaryIndexes === undefined || source.GlobalSecondaryIndexes.length === 0
        ? {}
        : {
            GlobalSecondaryIndexes: source.GlobalSecondaryIndexes.map((index) => ({
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: index.Projection,
            })),
          }),
      ...(source.LocalSecondaryIndexes === undefined || source.LocalSecondaryIndexes.length === 0
        ? {}
        : {
            LocalSecondaryIndexes: source.LocalSecondaryIndexes.map((index) => ({
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: index.Projection,
            })),
          }),
      ...sseOf(source, 'create'),
    }),
  );
}

/** The source's customer-managed key, so the copy is encrypted like it (DynamoDB Local reports none). */
function sseOf(source: TableDescription, use: 'create'): { SSESpecification?: SSESpecification };
function sseOf(source: TableDescription, use: 'override'): { SSESpecificationOverride?: SSESpecification };
function sseOf(source: TableDescription, use: 'create' | 'override'): Record<string, SSESpecification> {
  const key = source.SSEDescription?.KMSMasterKeyArn;
  if (key === undefined) return {};
  const specification: SSESpecification = { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: key };
  return use === 'create' ? { SSESpecification: specification } : { SSESpecificationOverride: specification };
}

async function waitUntilActive(
  dynamodb: DynamoDBClient,
  tableName: string,
  options: RestoreDrillOptions,
  progress: (chinese: string, english: string) => void,
): Promise<void> {
  const interval = options.pollIntervalMs ?? 5_000;
  const deadline = Date.now() + (options.activeTimeoutMs ?? 4 * 3_600_000);
  let lastReport = Date.now();
  for (;;) {
    const table = await describeTable(dynamodb, tableName);
    const indexesActive = (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} is still ${table.TableStatus} after the time allowed`);
    if (Date.now() - lastReport > 60_000) {
      lastReport = Date.now();
      progress(`${tableName} 仍为 ${table.TableStatus}，继续等待`, `${tableName} is still ${table.TableStatus}; waiting`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Copies every item, 25 to a BatchWriteItem, a few requests in flight, retrying what DynamoDB leaves unprocessed. */
async function copyItems(dynamodb: DynamoDBClient, source: string, target: string): Promise<void> {
  const pending = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const page of scanPages(dynamodb, source)) {
    for (let start = 0; start < page.length && failure === undefined; start += batchWriteSize) {
      const write: Promise<void> = writeBatch(dynamodb, target, page.slice(start, start + batchWriteSize))
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => pending.delete(write));
      pending.add(write);
      if (pending.size >= writesInFlight) await Promise.race(pending);
    }
    if (failure !== undefined) break;
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure.error;
}

async function writeBatch(dynamodb: DynamoDBClient, table: string, items: readonly Record<string, AttributeValue>[]): Promise<void> {
  let requests: WriteRequest[] = items.map((item) => ({ PutRequest: { Item: item } }));
  for (let attempt = 1; requests.length > 0; attempt += 1) {
    if (attempt > maxWriteAttempts) throw new Error(`${requests.length} items of ${table} were still unprocessed after ${maxWriteAttempts} attempts`);
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 50 * 2 ** attempt)));
    const { UnprocessedItems: unprocessed } = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
    requests = unprocessed?.[table] ?? [];
  }
}

function seconds(milliseconds: number): number {
  return Math.round(milliseconds) / 1000;
}
