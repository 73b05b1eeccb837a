/**
 * Test data: an SQS event as the records queue's event source mapping hands it to the consumer,
 * carrying records in the envelope the ingest function queues them in.
 */
import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { contentHash } from '#shared/application/content-hash.ts';

/** The queued form of a record, as the ingest function sends it. */
export const recordEnvelopeBody = (record: Record<string, unknown>, receivedAt = new Date()): string =>
  JSON.stringify({ v: 1, receivedAt: receivedAt.toISOString(), contentHash: contentHash(record), record });

/** One delivery of the given message bodies (a fresh message id each, receive count 1). */
export function recordsQueueEvent(region: string, bodies: readonly string[]): SQSEvent {
  const now = String(Date.now());
  return {
    Records: bodies.map((body): SQSRecord => ({
      messageId: randomUUID(),
      receiptHandle: randomUUID(),
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'local', ApproximateFirstReceiveTimestamp: now },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws-cn:sqs:${region}:000000000000:records`,
      awsRegion: region,
    })),
  };
}
