/**
 * The security events' store (`security` table, `EVENTS#<day>` partitions; access patterns in
 * `shared/tables.ts`): the functions that raise events append, never reading first and never
 * overwriting; the security API reads a day, of every kind or of one (index
 * `securityEventsByKind`). Each item expires {@link securityEventRetentionDays} after its event.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../../application/index-cursor.ts';
import { securityEventKinds, type SecurityEvent, type SecurityEventKind, type SecurityEventLog } from '../../application/security-events.ts';
import {
  InvalidSecurityEventCursorError,
  type SecurityEventPage,
  type SecurityEventQuery,
  type SecurityEventReader,
  type StoredSecurityEvent,
} from '../../application/security/security-event-reader.ts';
import { securityPartitions } from '../../tables.ts';

/** Days a security event is kept: over a year (Cybersecurity Law Art. 23: network logs ≥ 6 months; security.md: ≥ 365 days). */
export const securityEventRetentionDays = 400;

const kindIndex = 'securityEventsByKind';
const dayPartition = (day: string): string => `${securityPartitions.events}${day}`;
const kindDayOf = (kind: SecurityEventKind, day: string): string => `${kind}#${day}`;

/** Orders events one writer appends within the same millisecond (across writers the instant orders them). */
let appended = 0;

/** Appends security events to the store; the role needs nothing but `PutItem` on `EVENTS#*`. */
export class DynamoDbSecurityEventLog implements SecurityEventLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(event: SecurityEvent): Promise<void> {
    const day = shanghaiDate(event.at);
    const expiresAt = Math.floor(Date.parse(event.at) / 1000) + securityEventRetentionDays * 86_400;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: dayPartition(day),
          sk: `${event.at}#${(appended++).toString(36).padStart(8, '0')}#${randomUUID()}`,
          kindDay: kindDayOf(event.kind, day),
          kind: event.kind,
          at: event.at,
          source: event.source,
          ...(event.subject === undefined ? {} : { subject: event.subject }),
          detail: event.detail,
          expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}

const isKind = (value: unknown): value is SecurityEventKind => (securityEventKinds as readonly unknown[]).includes(value);

/** Reads a day's security events, oldest first, a page at a time (the security API). */
export class DynamoDbSecurityEventReader implements SecurityEventReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page({ day, kind, limit, cursor }: SecurityEventQuery): Promise<SecurityEventPage> {
    const byKind = kind !== undefined;
    const partition = byKind ? kindDayOf(kind, day) : dayPartition(day);
    const partitionAttribute = byKind ? 'kindDay' : 'pk';
    // An index page's key carries the index key and the table key.
    const keyAttributes = byKind ? ['kindDay', 'sk', 'pk'] : ['pk', 'sk'];
    const start = cursor === undefined ? undefined : decodeIndexCursor(cursor, keyAttributes, partitionAttribute, partition);
    if (cursor !== undefined && start === undefined) throw new InvalidSecurityEventCursorError();
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(byKind ? { IndexName: kindIndex } : {}),
        KeyConditionExpression: `${partitionAttribute} = :partition`,
        ExpressionAttributeValues: { ':partition': partition },
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    const items = (page.Items ?? []).flatMap((item): StoredSecurityEvent[] => {
      if (!isKind(item['kind'])) return [];
      return [
        {
          id: String(item['sk']),
          kind: item['kind'],
          at: String(item['at']),
          source: String(item['source']),
          ...(typeof item['subject'] === 'string' ? { subject: item['subject'] } : {}),
          detail: (item['detail'] ?? {}) as StoredSecurityEvent['detail'],
        },
      ];
    });
    return { items, ...(page.LastEvaluatedKey === undefined ? {} : { next: encodeIndexCursor(page.LastEvaluatedKey) }) };
  }
}
