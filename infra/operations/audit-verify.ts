/**
 * Checks the audit store day by day: every entry's digest must match its content, so an entry
 * changed outside the application is named. Until the sealer chains each interval's entries into
 * signed digests, a deleted entry leaves nothing to compare with: the report says so.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { verifyAuditDay } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { queryEveryPage } from '#shared/adapters/dynamodb/query-every-page.ts';

/** One day's result. */
export interface AuditDayCheck {
  readonly day: string;
  readonly entries: number;
  /** Sort keys of the entries whose digest does not match their content. */
  readonly altered: readonly string[];
}

export interface AuditVerification {
  readonly table: string;
  readonly days: readonly AuditDayCheck[];
  readonly entries: number;
  readonly altered: number;
}

const dayMs = 86_400_000;

/** The days from `from` to `to`, both included (UTC dates, as the store partitions its entries). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += dayMs) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** Reads each day's entries (an operator's or auditor's read) and names those altered. */
export async function verifyAudit(client: DynamoDBClient, table: string, days: readonly string[]): Promise<AuditVerification> {
  const documents = DynamoDBDocumentClient.from(client);
  const checks: AuditDayCheck[] = [];
  for (const day of days) {
    const entries = await queryEveryPage(documents, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${day}` },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    });
    const altered = entries.length === 0 ? [] : await verifyAuditDay(documents, table, day);
    checks.push({ day, entries: entries.length, altered });
  }
  return {
    table,
    days: checks,
    entries: checks.reduce((sum, check) => sum + check.entries, 0),
    altered: checks.reduce((sum, check) => sum + check.altered.length, 0),
  };
}

/** What a person reads: Chinese first, English second. */
export function formatAuditVerification(result: AuditVerification): string {
  const lines = [
    `审计表 / Audit table: ${result.table}`,
    `核验条目 / Entries checked: ${result.entries}（${result.days.length} 天 / days）`,
    `内容被改动的条目 / Entries altered: ${result.altered}`,
    ...result.days.filter((day) => day.altered.length > 0).flatMap((day) => [`  ${day.day}:`, ...day.altered.map((sk) => `    ${sk}`)]),
    '注意：尚无封存摘要链，被删除的条目无法发现 / Note: without the sealed digest chain a deleted entry cannot be detected yet',
  ];
  return `${lines.join('\n')}\n`;
}
