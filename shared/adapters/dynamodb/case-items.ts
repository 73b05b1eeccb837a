/**
 * Item layout of the `cases` table (see `shared/tables.ts` for the access patterns). Keys are
 * built here and nowhere else.
 */
import type { Alert } from '../../domain/alerts/alert.ts';
import type { AlertMessage } from '../../domain/alerts/alert-messages.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { sealShardCount, sweepShardCount } from '../../tables.ts';
import type { CaseKey } from '../../application/case-key.ts';
import { createHash } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AlertEvent } from '../../domain/alerts/alert-events.ts';
import { outboxItem } from './outbox-items.ts';

export const casePk = (key: CaseKey): string => `CASE#${key.department}#${key.kind}#${key.caseId}`;
export const receiptPk = (key: CaseKey): string => `RECEIPT#${key.department}#${key.kind}#${key.caseId}`;
export const stateSk = 'STATE';
export const eventSk = (sequence: number): string => `EVENT#${String(sequence).padStart(10, '0')}`;
export const receiptSk = (sequence: number): string => `SEQ#${String(sequence).padStart(10, '0')}`;
export const alertSk = (ruleId: string): string => `ALERT#${ruleId}`;
export const citywidePartition = 'ALL';
/** The alert-event outbox: the layout every outbox shares. */
export { outboxItem, outboxPk, outboxSk } from './outbox-items.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The condition an alert's put is written under: none stored yet, or still the version read. */
export type AlertWriteCondition = { readonly ConditionExpression: string; readonly ExpressionAttributeValues?: Record<string, unknown> };

/** One alert put under its condition, and its events to the outbox: the items of the transaction that writes it (the put first). */
export function alertWrites(tableName: string, key: CaseKey, alert: Alert, condition: AlertWriteCondition, events: readonly AlertEvent[]): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName,
        Item: { pk: casePk(key), sk: alertSk(alert.ruleId), ...alertItemFields(alert), ...alertIndexAttributes(alert) },
        ...condition,
      },
    },
    ...events.map((event) => ({ Put: { TableName: tableName, Item: outboxItem(event) } })),
  ];
}

export function caseKeyFromPk(pk: string): CaseKey {
  const [, department, kind, ...rest] = pk.split('#');
  return { department: department ?? '', kind: kind ?? '', caseId: rest.join('#') };
}

/** Stable shard of a case in the sweep index: spreads due checks over partitions. */
export function sweepShardOf(key: CaseKey): string {
  const digest = createHash('sha256').update(`${key.department}#${key.kind}#${key.caseId}`).digest();
  return String((digest[0] ?? 0) % sweepShardCount);
}

/** The sealed-records index partition of a case's record sealed in `hour`: `<hour>#<shard>`, the shard by case. */
export function sealHourOfCase(hour: string, pk: string): string {
  const digest = createHash('sha256').update(pk).digest();
  return `${hour}#${(digest[0] ?? 0) % sealShardCount}`;
}

/** The sealed-records index partitions of an hour. */
export const sealHourPartitions = (hour: string): string[] => Array.from({ length: sealShardCount }, (_unused, shard) => `${hour}#${shard}`);

/** Index attributes that list an alert for its department, its jurisdiction and the city. */
export function alertIndexAttributes(alert: Alert): Record<string, string> {
  return {
    alertDepartment: alert.department,
    alertJurisdiction: alert.jurisdiction,
    alertCitywide: citywidePartition,
    alertOrder: `${alert.raisedAt}#${alert.department}#${alert.caseId}#${alert.ruleId}`,
  };
}

const indexAttributeNames = ['pk', 'sk', 'alertDepartment', 'alertJurisdiction', 'alertCitywide', 'alertOrder'];

/** Marks a history entry stored without the message it shares with its alert. */
const sharesAlertMessage = 'messageOfAlert';

const sameMessage = (a: AlertMessage, b: AlertMessage): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * An alert's fields as stored. A history entry restating the alert's current message stores a
 * marker instead of a second copy: a raised alert then stays under 1 KB, one write unit a copy (in
 * the table and each alert queue index) instead of two. So does an entry whose message wraps the
 * alert's current one (an escalation, a hold): the marker stands for the wrapped finding.
 */
export function alertItemFields(alert: Alert): Record<string, unknown> {
  const message = alert.message;
  if (message === undefined) return { ...alert };
  return {
    ...alert,
    history: alert.history.map((entry) => {
      if (entry.message === undefined) return entry;
      if (sameMessage(entry.message, message)) {
        const { message: _shared, ...rest } = entry;
        return { ...rest, [sharesAlertMessage]: true };
      }
      if (entry.message.finding === undefined || !sameMessage(entry.message.finding, message)) return entry;
      const { finding: _wrapped, ...wrapper } = entry.message;
      return { ...entry, message: { ...wrapper, [sharesAlertMessage]: true } };
    }),
  };
}

export function alertFromItem(item: Record<string, unknown>): Alert {
  const copy: Record<string, unknown> = { ...item };
  for (const name of indexAttributeNames) delete copy[name];
  const message = copy['message'];
  if (Array.isArray(copy['history'])) {
    copy['history'] = (copy['history'] as Record<string, unknown>[]).map((entry) => {
      const wrapper = entry['message'] as Record<string, unknown> | undefined;
      if (wrapper?.[sharesAlertMessage] === true) {
        const { [sharesAlertMessage]: _marker, ...rest } = wrapper;
        return { ...entry, message: { ...rest, finding: message } };
      }
      if (entry[sharesAlertMessage] !== true) return entry;
      const { [sharesAlertMessage]: _marker, ...rest } = entry;
      return { ...rest, message };
    });
  }
  return copy as unknown as Alert;
}
