/**
 * The webhook delivery queue as the delivery function uses it: the fan-out's orders sent ten to a
 * request (entries a call reports failed are sent again, then the call fails and the event comes
 * back whole: at least once), and a failed delivery's message held back for its backoff.
 */
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryOrder, DeliveryQueue } from '../../application/webhooks/webhook-ports.ts';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';

const maxEntriesPerBatch = 10;
const maxEntryRounds = 3;

export class SqsDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient = nameOverloadOf(new SQSClient(awsClientConfig()), 'sqs'),
  ) {}

  async enqueue(orders: readonly DeliveryOrder[]): Promise<void> {
    for (let i = 0; i < orders.length; i += maxEntriesPerBatch) {
      let pending = orders.slice(i, i + maxEntriesPerBatch).map((order, index) => ({ Id: String(index), MessageBody: JSON.stringify({ delivery: order }) }));
      for (let round = 1; pending.length > 0; round += 1) {
        const { Failed = [] } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
        if (Failed.length === 0) break;
        if (round >= maxEntryRounds) throw new Error(`delivery queue refused ${Failed.length} orders: ${Failed[0]?.Code ?? 'unknown'}`);
        const failedIds = new Set(Failed.map((entry) => entry.Id));
        pending = pending.filter((entry) => failedIds.has(entry.Id));
      }
    }
  }

  /** Keeps a received message hidden for `seconds` (its next attempt). */
  async holdBack(receiptHandle: string, seconds: number): Promise<void> {
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
  }
}
