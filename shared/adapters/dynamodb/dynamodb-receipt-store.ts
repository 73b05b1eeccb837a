import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordBase } from '../../domain/records/record-family.ts';
import type { ReceiptOutcome, ReceiptStore } from '../../application/ports.ts';
import { writeInBatches } from './batch-requests.ts';
import { receiptPk, receiptSk } from './case-items.ts';
import { reconciliationAttributes } from './reconciliation-items.ts';
import { transactionItemLimit } from './request-limits.ts';

/**
 * Ingest receipts: the first content seen for a (case, sequence) wins; later ones are compared to
 * it. A new receipt carries `awaitingQueue` until its record is confirmed on the queue; receipts
 * written before that attribute existed are taken as confirmed (their records were re-enqueued
 * on every re-send anyway).
 *
 * A batch's receipts are written in transactions of up to 100 conditional puts: one request for a
 * department's batch of 100 records, where one put a record made the batch wait on 100 requests.
 * A receipt already taken cancels its transaction, which names it (with the stored receipt, so
 * its verdict is known at once); the others are sent again without it.
 *
 * Each receipt carries the keys of the `recordsByDay` index (`reconciliation-items.ts`), in the
 * write that receipts it and again when it is confirmed: what a reconciliation finds held is what
 * was receipted, exactly once per record, at no write beyond the index entry.
 */
export class DynamoDbReceiptStore implements ReceiptStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(receipts: readonly { readonly event: RecordBase; readonly contentHash: string }[], receivedAt: string): Promise<ReceiptOutcome[]> {
    const outcomes: ReceiptOutcome[] = new Array(receipts.length);
    for (let start = 0; start < receipts.length; start += transactionItemLimit) {
      let pending = receipts.slice(start, start + transactionItemLimit).map((receipt, i) => ({ ...receipt, at: start + i }));
      while (pending.length > 0) {
        try {
          await this.client.send(
            new TransactWriteCommand({
              TransactItems: pending.map(({ event, contentHash }) => ({
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: receiptPk(event),
                    sk: receiptSk(event.sequence),
                    contentHash,
                    receivedAt,
                    awaitingQueue: true,
                    ...reconciliationAttributes(event, contentHash),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              })),
            }),
          );
          for (const { at } of pending) outcomes[at] = 'new';
          break;
        } catch (error) {
          const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
          const taken = new Set<number>();
          reasons.forEach((reason, i) => {
            const receipt = pending[i];
            if (reason.Code !== 'ConditionalCheckFailed' || receipt === undefined) return;
            taken.add(i);
            // The transaction's reasons carry the stored item in DynamoDB's wire format.
            const stored = reason.Item as Record<string, { S?: string; BOOL?: boolean }> | undefined;
            outcomes[receipt.at] =
              stored?.['contentHash']?.S !== receipt.contentHash ? 'conflict' : stored['awaitingQueue']?.BOOL === true ? 'unqueued' : 'duplicate';
          });
          // Cancelled for anything else (throttled, a conflicting transaction on the same receipt): the caller's error.
          if (taken.size === 0) throw error;
          pending = pending.filter((_receipt, i) => !taken.has(i));
        }
      }
    }
    return outcomes;
  }

  /**
   * Rewrites the receipts without `awaitingQueue`, 25 a request. Unconditional puts are safe here:
   * only receipts this ingest wrote or found awaiting with the same content are confirmed, and no
   * writer ever changes a receipt's content.
   */
  async confirmQueued(receipts: readonly { readonly event: RecordBase; readonly contentHash: string; readonly receivedAt: string }[]): Promise<void> {
    await writeInBatches(
      this.client,
      this.tableName,
      receipts.map(({ event, contentHash, receivedAt }) => ({
        PutRequest: { Item: { pk: receiptPk(event), sk: receiptSk(event.sequence), contentHash, receivedAt, ...reconciliationAttributes(event, contentHash) } },
      })),
    );
  }
}
