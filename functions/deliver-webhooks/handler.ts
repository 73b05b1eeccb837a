/**
 * Consumer of the webhook queue: a signal event from the bus rule is fanned out (one delivery
 * order per subscriber); a delivery order is attempted once. A failed attempt stays on the queue,
 * held back for its backoff (partial batch response); everything else is done.
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
import { deliverOrder, fanOutSignalEvent, type DeliverWebhooksDependencies } from '#shared/application/webhooks/deliver-webhooks.ts';
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

/** One message: done (true) or to be retried after `seconds`. */
async function handleMessage(message: SQSRecord): Promise<true | { seconds: number }> {
  const parsed = QueuedMessage.safeParse(jsonOf(message.body));
  if (!parsed.success) {
    // Nothing anybody could deliver: dropped, and said so (no content logged).
    logger.error('unreadable webhook queue message dropped', { messageId: message.messageId });
    return true;
  }
  if ('delivery' in parsed.data) {
    const attempt = Number(message.attributes.ApproximateReceiveCount) || 1;
    const verdict = await deliverOrder(parsed.data.delivery, attempt, deps);
    return verdict.done ? true : { seconds: verdict.retryAfterSeconds };
  }
  const orders = await fanOutSignalEvent(parsed.data, deps);
  logger.debug('signal event fanned out', { detailType: parsed.data['detail-type'], orders });
  return true;
}

export async function deliverBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  await Promise.all(
    event.Records.map(async (message) => {
      try {
        const outcome = await handleMessage(message);
        if (outcome === true) return;
        await queue.holdBack(message.receiptHandle, outcome.seconds);
        failures.push({ itemIdentifier: message.messageId });
      } catch (error) {
        // Ours, not the subscriber's (the store, the queue, the bus): retried at the visibility timeout, then dead-lettered.
        logger.error('webhook message failed; it will be retried', { messageId: message.messageId, error: error instanceof Error ? error.name : 'unknown' });
        failures.push({ itemIdentifier: message.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}

export const handler = middy(deliverBatch).use(middlewares);
