/**
 * The staff authorizer's counters and marks in the security table (access patterns in
 * `shared/tables.ts`): `FAILURES#<address hash>` with one item per window, added to atomically;
 * `SIGNIN#<session key>` put once, on the first use of a sign-in. Both expire by TTL once they no
 * longer matter. A container remembers the sign-ins it saw, so a sign-in's later requests there
 * write nothing.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LRUCache } from 'lru-cache';
import type { StaffSession } from '../../access/staff-token-verifier.ts';
import type { FailedAuthentications, SignInLedger } from '../../application/access/staff-sign-ins.ts';
import { securityPartitions } from '../../tables.ts';

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

export class DynamoDbStaffSignIns implements FailedAuthentications, SignInLedger {
  readonly #seen = new LRUCache<string, true>({ max: 10_000 });

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countsSince(addressKey: string, since: string): Promise<readonly number[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues: { ':pk': `${securityPartitions.failures}${addressKey}`, ':since': since },
        ProjectionExpression: 'failures',
      }),
    );
    return (page.Items ?? []).map((item) => Number(item['failures'] ?? 0));
  }

  async add(addressKey: string, windowStart: string, keepUntil: Date): Promise<number> {
    const updated = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `${securityPartitions.failures}${addressKey}`, sk: windowStart },
        UpdateExpression: 'ADD failures :one SET expiresAt = :expiresAt',
        ExpressionAttributeValues: { ':one': 1, ':expiresAt': epochSeconds(keepUntil) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(updated.Attributes?.['failures'] ?? 1);
  }

  async firstUse(session: StaffSession): Promise<boolean> {
    if (this.#seen.has(session.key)) return false;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `${securityPartitions.signIns}${session.key}`, sk: 'FIRST_USE', signedInAt: session.signedInAt, expiresAt: session.endsBy },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      this.#seen.set(session.key, true);
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      this.#seen.set(session.key, true);
      return false;
    }
  }
}
