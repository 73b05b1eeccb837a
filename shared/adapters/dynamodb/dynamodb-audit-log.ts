import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../../application/ports.ts';
import { canonicalJson } from '../../application/content-hash.ts';

/**
 * Append-only, tamper-evident audit store: entries of a day form a hash chain (each entry's
 * hash covers the previous entry's hash), appended with a conditional put so two writers cannot
 * take the same place. The functions' IAM policy allows PutItem only on this table.
 */
export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const at = this.now().toISOString();
    const pk = `AUDIT#${at.slice(0, 10)}`;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const last = await this.client.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: 1, ConsistentRead: true }),
      );
      const previous = last.Items?.[0];
      const sequence = previous ? Number(previous['sequence']) + 1 : 1;
      const previousHash = previous ? String(previous['hash']) : 'GENESIS';
      const body = { at, ...entry };
      const hash = createHash('sha256').update(previousHash).update(canonicalJson(body)).digest('hex');
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { pk, sk: String(sequence).padStart(12, '0'), sequence, previousHash, hash, ...body },
            ConditionExpression: 'attribute_not_exists(sk)',
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error('audit append lost the race ten times');
  }
}

/** Recomputes a day's chain; returns the sequence numbers whose hash does not match. */
export async function verifyAuditChain(client: DynamoDBDocumentClient, tableName: string, day: string): Promise<number[]> {
  const broken: number[] = [];
  let previousHash = 'GENESIS';
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${day}` }, ExclusiveStartKey: cursor, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, sequence, previousHash: storedPrevious, hash, ...body } = item;
      const expected = createHash('sha256').update(previousHash).update(canonicalJson(body)).digest('hex');
      if (storedPrevious !== previousHash || hash !== expected) broken.push(Number(sequence));
      previousHash = String(hash);
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return broken;
}
