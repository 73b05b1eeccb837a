/**
 * Digests of a table's content, per partition, to prove a restored copy equal to its source
 * without holding either in memory: each item is reduced to the SHA-256 of its canonical form,
 * and each partition to the SHA-256 of its items' hashes in sort-key order. Two tables hold the
 * same items exactly when they have the same partitions with the same digests.
 *
 * Reading is a paginated Scan of the whole table: an operator's command, never a request or
 * sweep path.
 */
import { createHash } from 'node:crypto';
import { type AttributeValue, type DynamoDBClient, type KeySchemaElement, ScanCommand } from '@aws-sdk/client-dynamodb';

/** The digest of one partition. */
export interface PartitionDigest {
  readonly items: number;
  /** Hex SHA-256 over the SHA-256 of each item's canonical form, in sort-key order. */
  readonly digest: string;
}

/** A table's content in digests. */
export interface TableDigest {
  readonly itemCount: number;
  /** By the partition key's canonical text (`S:"CASE#…"`). */
  readonly partitions: ReadonlyMap<string, PartitionDigest>;
}

/** Why a partition differs between source and copy. */
export type PartitionDifference = 'missingInCopy' | 'onlyInCopy' | 'contentDiffers';

/** One partition that differs. */
export interface DifferingPartition {
  /** The partition key value (`S:"CASE#…"`). */
  readonly partitionKey: string;
  readonly difference: PartitionDifference;
  readonly sourceItems: number;
  readonly copyItems: number;
}

/** Source and copy compared partition by partition. */
export interface DigestComparison {
  readonly sourceItems: number;
  readonly copyItems: number;
  /** Partitions found in either table. */
  readonly partitionsCompared: number;
  readonly partitionsMatching: number;
  readonly partitionsDiffering: number;
  /** The first differing partitions, in partition-key order (at most the limit asked for). */
  readonly firstDiffering: readonly DifferingPartition[];
}

/**
 * A value's canonical text: its type and value, map keys and set members sorted, so the same
 * item reads the same from any table however DynamoDB orders them.
 */
export function canonicalValue(value: AttributeValue): string {
  if (value.S !== undefined) return `S:${JSON.stringify(value.S)}`;
  if (value.N !== undefined) return `N:${value.N}`;
  if (value.B !== undefined) return `B:${Buffer.from(value.B).toString('base64')}`;
  if (value.BOOL !== undefined) return `BOOL:${value.BOOL}`;
  if (value.NULL !== undefined) return 'NULL';
  if (value.SS !== undefined)
    return `SS:[${[...value.SS]
      .map((member) => JSON.stringify(member))
      .sort()
      .join(',')}]`;
  if (value.NS !== undefined) return `NS:[${[...value.NS].sort().join(',')}]`;
  if (value.BS !== undefined)
    return `BS:[${value.BS.map((member) => Buffer.from(member).toString('base64'))
      .sort()
      .join(',')}]`;
  if (value.L !== undefined) return `L:[${value.L.map(canonicalValue).join(',')}]`;
  if (value.M !== undefined) return `M:${canonicalItem(value.M)}`;
  throw new Error(`Unknown attribute value type: ${Object.keys(value).join(', ')}`);
}

/** An item's canonical text: attributes sorted by name. */
export function canonicalItem(item: Readonly<Record<string, AttributeValue>>): string {
  const names = Object.keys(item).sort();
  return `{${names.map((name) => `${JSON.stringify(name)}:${canonicalValue(item[name]!)}`).join(',')}}`;
}

/** Folds items into per-partition digests; `add` each item once, then `finish`. */
export class TableDigester {
  private readonly partitionKey: string;
  private readonly sortKey: string | undefined;
  private readonly byPartition = new Map<string, { sortKey: string; hash: Buffer }[]>();
  private count = 0;

  constructor(keySchema: readonly KeySchemaElement[]) {
    const partitionKey = keySchema.find((element) => element.KeyType === 'HASH')?.AttributeName;
    if (partitionKey === undefined) throw new Error('The key schema has no partition key');
    this.partitionKey = partitionKey;
    this.sortKey = keySchema.find((element) => element.KeyType === 'RANGE')?.AttributeName;
  }

  add(item: Readonly<Record<string, AttributeValue>>): void {
    const partitionValue = item[this.partitionKey];
    if (partitionValue === undefined) throw new Error(`An item lacks its partition key ${this.partitionKey}`);
    const partition = canonicalValue(partitionValue);
    const sortValue = this.sortKey === undefined ? undefined : item[this.sortKey];
    const entries = this.byPartition.get(partition) ?? [];
    entries.push({
      sortKey: sortValue === undefined ? '' : canonicalValue(sortValue),
      hash: createHash('sha256').update(canonicalItem(item), 'utf8').digest(),
    });
    this.byPartition.set(partition, entries);
    this.count += 1;
  }

  finish(): TableDigest {
    const partitions = new Map<string, PartitionDigest>();
    for (const [partition, entries] of this.byPartition) {
      entries.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
      const hash = createHash('sha256');
      for (const entry of entries) hash.update(entry.hash);
      partitions.set(partition, { items: entries.length, digest: hash.digest('hex') });
    }
    return { itemCount: this.count, partitions };
  }
}

/** Reads every item of a table (paginated, strongly consistent Scan) into a digest. */
export async function digestTable(dynamodb: DynamoDBClient, tableName: string, keySchema: readonly KeySchemaElement[]): Promise<TableDigest> {
  const digester = new TableDigester(keySchema);
  for await (const page of scanPages(dynamodb, tableName)) for (const item of page) digester.add(item);
  return digester.finish();
}

/** The table's items, one Scan page (up to 1 MB) at a time. */
export async function* scanPages(dynamodb: DynamoDBClient, tableName: string): AsyncGenerator<Record<string, AttributeValue>[]> {
  let cursor: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: cursor }));
    yield page.Items ?? [];
    cursor = page.LastEvaluatedKey;
  } while (cursor !== undefined);
}

/** Compares two digests partition by partition (pure). */
export function compareDigests(source: TableDigest, copy: TableDigest, listLimit = 10): DigestComparison {
  const keys = [...new Set([...source.partitions.keys(), ...copy.partitions.keys()])].sort();
  const differing: DifferingPartition[] = [];
  for (const partitionKey of keys) {
    const inSource = source.partitions.get(partitionKey);
    const inCopy = copy.partitions.get(partitionKey);
    if (inSource !== undefined && inCopy !== undefined && inSource.digest === inCopy.digest) continue;
    differing.push({
      partitionKey,
      difference: inCopy === undefined ? 'missingInCopy' : inSource === undefined ? 'onlyInCopy' : 'contentDiffers',
      sourceItems: inSource?.items ?? 0,
      copyItems: inCopy?.items ?? 0,
    });
  }
  return {
    sourceItems: source.itemCount,
    copyItems: copy.itemCount,
    partitionsCompared: keys.length,
    partitionsMatching: keys.length - differing.length,
    partitionsDiffering: differing.length,
    firstDiffering: differing.slice(0, listLimit),
  };
}
