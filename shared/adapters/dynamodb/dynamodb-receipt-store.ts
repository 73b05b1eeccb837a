import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordBase } from '../../domain/records/record-family.ts';
import type { ReceiptOutcome, ReceiptStore } from '../../application/ports.ts';
import { receiptPk, receiptSk } from './case-items.ts';

/** Ingest receipts: the first content seen for a (case, sequence) wins; later ones are compared to it. */
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
          Item: { pk: receiptPk(event), sk: receiptSk(event.sequence), contentHash, receivedAt },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'new';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return error.Item?.['contentHash']?.S === contentHash ? 'duplicate' : 'conflict';
      }
      throw error;
    }
  }
}
