/**
 * Consumer of the webhook queue: a signal event from the bus rule is fanned out (one delivery
 * order per subscriber); the delivery orders of a batch are attempted once, together (their
 * subscriptions read and their attempts logged in one request each). A failed attempt stays on
 * the queue, held back for its backoff (partial batch response); everything else is done.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbWebhookStore } from '#shared/adapters/dynamodb/dynamodb-webhook-store.ts';
import { EventBridgeWebhookNewsPublisher } from '#shared/adapters/eventbridge/eventbridge-webhook-news-publisher.ts';
import { KmsWebhookSecretSealer } from '#shared/adapters/kms/kms-webhook-secret-sealer.ts';
import { SqsDeliveryQueue } from '#shared/adapters/sqs/sqs-delivery-queue.ts';
import { smsSenderOf } from '#shared/adapters/sms/sms-senders.ts';
import { HttpsWebhookSender } from '#shared/adapters/webhooks/https-webhook-sender.ts';
import { OpenedSecrets } from '#shared/application/webhooks/opened-secrets.ts';
import {
  deliverOrders,
  fanOutSignalEvent,
  type AttemptOutcome,
  type DeliverWebhooksDependencies,
  type DeliveryAttempt,
} from '#shared/application/webhooks/deliver-webhooks.ts';
import { readEnvironment } from '#shared/config/function-environment.ts';
import { WebhookDeliveryEnvironment } from '#shared/config/webhook-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const { logger, middlewares } = createObservability('deliver-webhooks');
const env = readEnvironment(WebhookDeliveryEnvironment);
const store = new DynamoDbWebhookStore(createDocumentClient(), env[environmentNames.tables.reference]);
const queue = new SqsDeliveryQueue(env[environmentNames.queues.webhooks]);
const news = new EventBridgeWebhookNewsPublisher(env[environmentNames.alertEventBus]);
const deps: DeliverWebhooksDependencies = {
  state: store,
  // Kept opened for a few minutes by this sandbox: a burst of signals opens each secret once.
  secrets: new OpenedSecrets(store, new KmsWebhookSecretSealer(env[environmentNames.webhookSecretKey])),
  log: store,
  sender: new HttpsWebhookSender(env[environmentNames.webhookLoopbackTargets]),
  sms: smsSenderOf(env[environmentNames.smsSink]),
  queue,
  publish: (items) => news.publish(items),
  clock: () => new Date(),
  disableAfterFailingHours: env[environmentNames.settings.webhookDisableAfterFailingHours],
};

/** What a message on the queue is: a signal event as the bus rule delivers it, or a delivery order of the fan-out. */
const QueuedMessage = z.union([
  z.object({
    delivery: z.object({
      subscriptionId: z.string().min(1).max(200),
      payload: z.object({ 'detail-type': z.string().min(1), source: z.string().min(1), time: z.string().min(1), detail: z.unknown() }),
    }),
  }),
  z.object({ 'detail-type': z.string().min(1), source: z.string().min(1), time: z.string().min(1), detail: z.unknown() }),
]);

/** The message body as JSON; undefined when it is not (refused by the schema below). */
function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** A message's delivery order, the signal event to fan out, or nothing anybody could deliver. */
function readMessage(message: SQSRecord): z.infer<typeof QueuedMessage> | undefined {
  const parsed = QueuedMessage.safeParse(jsonOf(message.body));
  // Dropped, and said so (no content logged).
  if (!parsed.success) logger.error('unreadable webhook queue message dropped', { messageId: message.messageId });
  return parsed.success ? parsed.data : undefined;
}

/**
 * A batch of messages: signal events fanned out, delivery orders attempted together. A failed
 * attempt stays on the queue, held back for its backoff; a fault of ours is retried at the
 * visibility timeout, then dead-lettered.
 */
export async function deliverBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  const fault = (message: SQSRecord, error: unknown) => {
    // Ours, not the subscriber's (the store, the queue, the bus, KMS).
    logger.error('webhook message failed; it will be retried', { messageId: message.messageId, error: error instanceof Error ? error.name : 'unknown' });
    failures.push({ itemIdentifier: message.messageId });
  };
  const deliveries: { message: SQSRecord; attempt: DeliveryAttempt }[] = [];
  const fanOuts: Promise<void>[] = [];
  for (const message of event.Records) {
    const read = readMessage(message);
    if (read === undefined) continue;
    if ('delivery' in read) {
      deliveries.push({ message, attempt: { order: read.delivery, attempt: Number(message.attributes.ApproximateReceiveCount) || 1 } });
      continue;
    }
    fanOuts.push(
      fanOutSignalEvent(read, deps).then(
        (orders) => logger.debug('signal event fanned out', { detailType: read['detail-type'], orders }),
        (error: unknown) => fault(message, error),
      ),
    );
  }
  const delivered = deliveries.length === 0 ? Promise.resolve() : deliverAll(deliveries, fault);
  await Promise.all([...fanOuts, delivered]);
  return { batchItemFailures: failures };

  async function deliverAll(batch: typeof deliveries, failed: typeof fault): Promise<void> {
    let outcomes: AttemptOutcome[];
    try {
      outcomes = await deliverOrders(
        batch.map(({ attempt }) => attempt),
        deps,
      );
    } catch (error) {
      for (const { message } of batch) failed(message, error);
      return;
    }
    await Promise.all(
      outcomes.map(async (outcome, index) => {
        const { message } = batch[index]!;
        if ('fault' in outcome) return failed(message, outcome.fault);
        if (outcome.verdict.done) return;
        try {
          await queue.holdBack(message.receiptHandle, outcome.verdict.retryAfterSeconds);
          failures.push({ itemIdentifier: message.messageId });
        } catch (error) {
          failed(message, error);
        }
      }),
    );
  }
}

export const handler = middy(deliverBatch).use(middlewares);
