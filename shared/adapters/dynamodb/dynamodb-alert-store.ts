import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AlertEvent } from '../../domain/alerts/alert-events.ts';
import type { Alert } from '../../domain/alerts/alert.ts';
import { AlertVersionChanged } from '../../application/store-refusals.ts';
import type { CaseKey } from '../../application/case-key.ts';
import type { AlertStore } from '../../application/ports.ts';
import { signalAnswerDeltas } from '../../domain/statistics/signal-answer-contribution.ts';
import { alertFromItem, alertSk, alertWrites, casePk } from './case-items.ts';
import { statisticsAdditions, statisticsUpdate } from './statistics-items.ts';

/**
 * One alert read and written by people's actions; the version condition refuses a lost update.
 * Its events go to the outbox, and a response's move in the statistics of signals answered in
 * time to the aggregates, in the same transaction.
 */
export class DynamoDbAlertStore implements AlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(key: CaseKey, ruleId: string): Promise<Alert | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: casePk(key), sk: alertSk(ruleId) }, ConsistentRead: true }));
    return Item ? alertFromItem(Item) : undefined;
  }

  async save(key: CaseKey, before: Alert, alert: Alert, events: readonly AlertEvent[]): Promise<void> {
    const additions = statisticsAdditions(key, signalAnswerDeltas(before, alert));
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...alertWrites(
              this.tableName,
              key,
              alert,
              { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': before.version } },
              events,
            ),
            ...additions.map((addition) => statisticsUpdate(this.tableName, addition)),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new AlertVersionChanged(
          { zh: '预警在您读取后已被修改', en: 'The alert changed since it was read' },
          { zh: '请重新读取，如仍需要再重复该操作。', en: 'Read it again and repeat the action if it still applies.' },
        );
      }
      throw error;
    }
  }
}
