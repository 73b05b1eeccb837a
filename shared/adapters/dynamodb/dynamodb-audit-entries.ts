/**
 * Reads of the audit store (the sealer, the verifier, the auditor): a day's partition by key
 * range, never a scan. Entries are strongly consistent reads, so a span read for sealing holds
 * every entry written before the read.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredAuditEntry } from '../../domain/audit/audit-entry.ts';
import type { AuditEntryPage, AuditEntryPageQuery, AuditEntryReader } from '../../application/audit/audit-trail-ports.ts';
import { auditDayPartition } from './dynamodb-audit-log.ts';
import { queryEveryPage } from './query-every-page.ts';

/** Items a listing request reads at most before it answers with what it found and a cursor. */
export const maxItemsReadPerListing = 2_000;

const entryOf = (item: Record<string, unknown>): StoredAuditEntry => {
  const { pk: _pk, sk, digest, ...content } = item;
  return { key: String(sk), digest: String(digest), content };
};

export class DynamoDbAuditEntries implements AuditEntryReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async entriesBetween(day: string, from: string, to: string): Promise<StoredAuditEntry[]> {
    // Keys start with their instant: `sk BETWEEN from AND to` holds instants in [from, to), since a key at `to` sorts after `to`.
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': auditDayPartition(day), ':from': from, ':to': to },
      ConsistentRead: true,
    });
    return items.map(entryOf);
  }

  /**
   * One page of the day's entries matching the filters (a filter over the day's partition: the
   * auditor's reads are few, a day's entries bounded; an index would tax every append). Reads at
   * most {@link maxItemsReadPerListing} items, so a rare filter answers a short page and a cursor.
   */
  async page(query: AuditEntryPageQuery): Promise<AuditEntryPage> {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pk': auditDayPartition(query.day) };
    if (query.actor !== undefined) {
      conditions.push('#actor = :actor');
      names['#actor'] = 'actor';
      values[':actor'] = query.actor;
    }
    if (query.action !== undefined) {
      conditions.push('begins_with(#action, :action)');
      names['#action'] = 'action';
      values[':action'] = query.action;
    }
    if (query.object !== undefined) {
      conditions.push('#target = :target');
      names['#target'] = 'target';
      values[':target'] = query.object;
    }
    const found: StoredAuditEntry[] = [];
    let after = query.after;
    let read = 0;
    while (read < maxItemsReadPerListing) {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ...(after === undefined ? {} : { ExclusiveStartKey: { pk: auditDayPartition(query.day), sk: after } }),
          Limit: Math.min(500, maxItemsReadPerListing - read),
          ConsistentRead: true,
        }),
      );
      read += page.ScannedCount ?? 0;
      for (const item of page.Items ?? []) {
        found.push(entryOf(item));
        if (found.length === query.limit) return { entries: found, after: String(item['sk']) };
      }
      if (page.LastEvaluatedKey === undefined) return { entries: found };
      after = String(page.LastEvaluatedKey['sk']);
    }
    return { entries: found, ...(after === undefined ? {} : { after }) };
  }
}
