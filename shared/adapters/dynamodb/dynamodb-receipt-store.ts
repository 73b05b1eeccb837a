import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordBase } from '../../domain/records/record-family.ts';
import type { ReceiptOutcome, ReceiptStore } from '../../application/ports.ts';
import { mapConcurrently } from '../../application/map-concurrently.ts';
import { receiptPk, receiptSk } from './case-items.ts';

/** Receipt confirmations in flight at once (one UpdateItem each). */
const confirmConcurrency = 16;

/**
 * Ingest receipts: the first content seen for a (case, sequence) wins; later ones are compared to
 * it. A new receipt carries `awaitingQueue` until its record is confirmed on the queue; receipts
 * written before that attribute existed are taken as confirmed (their records were re-enqueued
 * on every re-send anyway).
 */
export class DynamoDbReceiptStore implements ReceiptStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(event: RecordBase, contentHash: string, receivedAt: string): Promise<ReceiptOutcome> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: receiptPk(event), sk: receiptSk(event.sequence), contentHash, receivedAt, awaitingQueue: true },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'new';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        if (error.Item?.['contentHash']?.S !== contentHash) return 'conflict';
        return error.Item?.['awaitingQueue']?.BOOL === true ? 'unqueued' : 'duplicate';
      }
      throw error;
    }
  }

  async confirmQueued(receipts: readonly { readonly event: RecordBase; readonly contentHash: string }[]): Promise<void> {
    await mapConcurrently(receipts, confirmConcurrency, async ({ event, contentHash }) => {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: receiptPk(event), sk: receiptSk(event.sequence) },
            UpdateExpression: 'REMOVE awaitingQueue',
            // Only the receipt of this content; never creates one.
            ConditionExpression: 'contentHash = :hash',
            ExpressionAttributeValues: { ':hash': contentHash },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
  }
}
