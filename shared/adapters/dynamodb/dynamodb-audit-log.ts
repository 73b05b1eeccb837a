import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryEveryPage } from './query-every-page.ts';
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../../application/ports.ts';
import { canonicalJson } from '../../application/content-hash.ts';

/** The partition of a day's entries. */
const dayPartition = (day: string): string => `AUDIT#${day}`;

/** Orders entries one writer appends within the same millisecond (across writers the instant orders them). */
let appended = 0;

const digestOf = (body: Readonly<Record<string, unknown>>): string => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * Append-only audit store: each entry is written once under a key of its own (the instant and a
 * random id), with a digest of its content, by a conditional put that can never overwrite — no
 * read first, so the functions' role needs nothing but `PutItem` on the table and writers never
 * contend. Chaining the entries into signed digests is the sealer's work, apart from the writers.
 */
export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const at = this.now().toISOString();
    const body = { at, ...entry };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: dayPartition(at.slice(0, 10)), sk: `${at}#${(appended++).toString(36).padStart(8, '0')}#${randomUUID()}`, digest: digestOf(body), ...body },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}

/** Reads a day's entries (an auditor's or sealer's read) and returns the keys of those whose digest does not match their content. */
export async function verifyAuditDay(client: DynamoDBDocumentClient, tableName: string, day: string): Promise<string[]> {
  const altered: string[] = [];
  const items = await queryEveryPage(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': dayPartition(day) }, ConsistentRead: true });
  for (const item of items) {
    const { pk: _pk, sk, digest, ...body } = item;
    if (digest !== digestOf(body)) altered.push(String(sk));
  }
  return altered;
}
