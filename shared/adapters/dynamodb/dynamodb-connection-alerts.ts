/**
 * The signals of a department's pseudo-cases (kind `connection`: `CASE#<department>#connection#<feed|kind>`;
 * kind `accountability`: `CASE#<department>#accountability#<measure>`; `ALERT#<ruleId>`), with the
 * same item layout and alert-queue index attributes as every alert, their events put in the outbox
 * and their move in the department's statistics (`STATS#…`, `pseudo-case-contribution.ts`) added in
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
import { pseudoCaseKinds, pseudoCaseSignalDeltas } from '../../domain/statistics/pseudo-case-contribution.ts';
import { alertFromItem, alertSk, alertWrites, casePk } from './case-items.ts';
import { queryEveryPage } from './query-every-page.ts';
import { statisticsAdditions, statisticsUpdate } from './statistics-items.ts';

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

  async apply(key: CaseKey, change: AlertChange, events: readonly AlertEvent[], previous: Alert | undefined): Promise<'applied' | 'changedConcurrently'> {
    const alert = change.alert;
    const condition =
      change.type === 'raise'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': change.expectedVersion } };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...alertWrites(this.tableName, key, alert, condition, events),
            ...statisticsAdditions(key, pseudoCaseSignalDeltas(change.type === 'raise' ? undefined : previous, alert)).map((addition) =>
              statisticsUpdate(this.tableName, addition),
            ),
          ],
        }),
      );
      return 'applied';
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'changedConcurrently';
      // Another run's write to the same statistics item at the same instant (the orders of a department share one a month):
      // nothing was written, and the next check finds the signal as it was and writes it again.
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict'))
        return 'changedConcurrently';
      throw error;
    }
  }

  /**
   * The alerts of a department's pseudo-cases raised from `from` until `until` (ISO instants), from
   * the index its alert list reads (every alert of the department in the interval, those of its
   * cases filtered out): for the verification of the statistics, never on a hot path.
   */
  async alertsRaised(department: string, from: string, until: string): Promise<Alert[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      IndexName: 'alertsByDepartment',
      KeyConditionExpression: 'alertDepartment = :department AND alertOrder BETWEEN :from AND :until',
      FilterExpression: `#kind IN (${pseudoCaseKinds.map((_kind, i) => `:kind${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: {
        ':department': department,
        ':from': from,
        // `~` sorts after the `#` that follows the instant: every alert raised at `until` is in.
        ':until': `${until}~`,
        ...Object.fromEntries(pseudoCaseKinds.map((kind, i) => [`:kind${i}`, kind])),
      },
    });
    return items.map(alertFromItem);
  }
}
