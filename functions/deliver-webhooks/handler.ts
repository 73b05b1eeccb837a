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
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbWebhookStore } from '#shared/adapters/dynamodb/dynamodb-webhook-store.ts';
import { EventBridgeWebhookNewsPublisher } from '#shared/adapters/eventbridge/eventbridge-webhook-news-publisher.ts';
import { KmsWebhookSecretSealer } from '#shared/adapters/kms/kms-webhook-secret-sealer.ts';
import { SqsDeliveryQueue } from '#shared/adapters/sqs/sqs-delivery-queue.ts';
import { smsSenderOf } from '#shared/adapters/sms/sms-senders.ts';
import { HttpsWebhookSender } from '#shared/adapters/webhooks/https-webhook-sender.ts';
import { OpenedSecrets } from '#shared/adapters/webhooks/opened-secrets.ts';
import {
  deliverOrders,
  fanOutSignalEvent,
  type AttemptOutcome,
  type BusEvent,
  type DeliverWebhooksDependencies,
  type DeliveryAttempt,
} from '#shared/application/webhooks/deliver-webhooks.ts';
import { readEnvironment } from '#shared/config/function-environment.ts';
import { WebhookDeliveryEnvironment } from '#shared/config/webhook-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const { logger, middlewares } = createObservability('deliver-webhooks');
const env = readEnvironment(WebhookDeliveryEnvironment);
const client = createDocumentClient();
const store = new DynamoDbWebhookStore(client, env[environmentNames.tables.reference]);
const queue = new SqsDeliveryQueue(env[environmentNames.queues.webhooks]);
const news = new EventBridgeWebhookNewsPublisher(env[environmentNames.alertEventBus]);
const deps: DeliverWebhooksDependencies = {
  state: store,
  // Kept opened for a few minutes by this sandbox: a burst of signals opens each secret once.
  secrets: new OpenedSecrets(store, new KmsWebhookSecretSealer(env[environmentNames.webhookSecretKey])),
  log: store,
  sender: new HttpsWebhookSender(env[environmentNames.webhookLoopbackTargets]),
  // Department names for the texts people read, each read once a minute at most by this sandbox.
  departments: new DynamoDbReferenceReader(client, env[environmentNames.tables.reference]),
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

/** The messages left on the queue (the partial batch response): held back for a retry, or failed by a fault of ours. */
class MessagesLeft {
  readonly items: { itemIdentifier: string }[] = [];

  heldBack(message: SQSRecord): void {
    this.items.push({ itemIdentifier: message.messageId });
  }

  /** Ours, not the subscriber's (the store, the queue, the bus, KMS): retried at the visibility timeout, then dead-lettered. */
  fault(message: SQSRecord, error: unknown): void {
    logger.error('webhook message failed; it will be retried', { messageId: message.messageId, error: error instanceof Error ? error.name : 'unknown' });
    this.items.push({ itemIdentifier: message.messageId });
  }
}

type QueuedDelivery = { readonly message: SQSRecord; readonly attempt: DeliveryAttempt };

/** The delivery orders of a batch attempted together; a failed attempt held back for its backoff. */
async function deliverAll(deliveries: readonly QueuedDelivery[], left: MessagesLeft): Promise<void> {
  let outcomes: AttemptOutcome[];
  try {
    outcomes = await deliverOrders(
      deliveries.map(({ attempt }) => attempt),
      deps,
    );
  } catch (error) {
    for (const { message } of deliveries) left.fault(message, error);
    return;
  }
  await Promise.all(
    outcomes.map(async (outcome, index) => {
      const { message } = deliveries[index]!;
      if ('fault' in outcome) return left.fault(message, outcome.fault);
      if (outcome.verdict.done) return;
      try {
        await queue.holdBack(message.receiptHandle, outcome.verdict.retryAfterSeconds);
        left.heldBack(message);
      } catch (error) {
        left.fault(message, error);
      }
    }),
  );
}

/** A signal event of the bus rule: one delivery order queued per subscriber. */
async function fanOut(message: SQSRecord, event: BusEvent, left: MessagesLeft): Promise<void> {
  try {
    const orders = await fanOutSignalEvent(event, deps);
    logger.debug('signal event fanned out', { detailType: event['detail-type'], orders });
  } catch (error) {
    left.fault(message, error);
  }
}

/** A batch of messages: signal events fanned out, delivery orders attempted together. */
export async function deliverBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const left = new MessagesLeft();
  const deliveries: QueuedDelivery[] = [];
  const fanOuts: Promise<void>[] = [];
  for (const message of event.Records) {
    const read = readMessage(message);
    if (read === undefined) continue;
    if ('delivery' in read) {
      deliveries.push({ message, attempt: { order: read.delivery, attempt: Number(message.attributes.ApproximateReceiveCount) || 1 } });
    } else {
      fanOuts.push(fanOut(message, read, left));
    }
  }
  await Promise.all([...fanOuts, deliveries.length === 0 ? undefined : deliverAll(deliveries, left)]);
  return { batchItemFailures: left.items };
}

export const handler = middy(deliverBatch).use(middlewares);
