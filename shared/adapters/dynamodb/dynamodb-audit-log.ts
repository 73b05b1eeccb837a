import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditLog } from '../../application/ports.ts';
import { auditEntryDigest } from '../../domain/audit/audit-entry.ts';

/** The partition of a day's entries (`AUDIT#<yyyy-mm-dd>`, the UTC day of the writer's instant). */
export const auditDayPartition = (day: string): string => `AUDIT#${day}`;

/** Orders entries one writer appends within the same millisecond (across writers the instant orders them). */
let appended = 0;

/**
 * Append-only audit store: each entry is written once under a key of its own (the instant, a
 * counter and a random id), with a digest of its content, by a conditional put that can never
 * overwrite — no read first, so the functions' role needs nothing but `PutItem` on the table and
 * writers never contend. Sealing the entries into signed, chained digests is the sealer's work
 * (`shared/application/audit/seal-audit-trail.ts`), apart from the writers.
 */
export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    // The instant is taken right before the write: the sealer's grace period counts from it.
    const at = this.now().toISOString();
    const body = { at, ...entry };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: auditDayPartition(at.slice(0, 10)),
          sk: `${at}#${(appended++).toString(36).padStart(8, '0')}#${randomUUID()}`,
          digest: auditEntryDigest(body),
          ...body,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}
