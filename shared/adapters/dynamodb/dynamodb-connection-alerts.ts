/**
 * The connection signals of a department, stored as the alerts of its pseudo-cases (kind
 * `connection`: `CASE#<department>#connection#<feed|kind>`, `ALERT#<ruleId>`), with the same item
 * layout and alert-queue index attributes as every alert, and their events put in the outbox in
 * the same transaction. A raise is conditional on no alert being stored, an update on the version
 * read: two checks running at once change each signal once, the second finds its write refused.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AlertEvent } from '../../domain/alerts/alert-events.ts';
import type { Alert } from '../../domain/alerts/alert.ts';
import type { AlertChange } from '../../domain/alerts/reconcile-alerts.ts';
import type { CaseKey } from '../../application/case-key.ts';
import type { ConnectionAlertStore } from '../../application/connection-health/connection-alert-store.ts';
import { alertFromItem, alertSk, alertWrites, casePk } from './case-items.ts';

export class DynamoDbConnectionAlerts implements ConnectionAlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async alerts(key: CaseKey): Promise<Alert[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alerts)',
        ExpressionAttributeValues: { ':pk': casePk(key), ':alerts': alertSk('') },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map(alertFromItem);
  }

  async apply(key: CaseKey, change: AlertChange, events: readonly AlertEvent[]): Promise<'applied' | 'changedConcurrently'> {
    const alert = change.alert;
    const condition =
      change.type === 'raise'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': change.expectedVersion } };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: alertWrites(this.tableName, key, alert, condition, events),
        }),
      );
      return 'applied';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'changedConcurrently';
      throw error;
    }
  }
}
