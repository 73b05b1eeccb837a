/**
 * Consumer of the records queue. The case engine takes the batch as a whole (each case once,
 * with all its records); failures are reported per message (partial batch response), so only the
 * messages of a failed case, or unreadable ones, come back — and after `maxReceiveCount`
 * receives go to the dead-letter queue.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { caseEngineFromEnvironment } from '#shared/adapters/case-engine-from-environment.ts';
import { RecordEnvelopeMessage } from '#shared/api/record-envelope.ts';
import type { RecordEnvelope } from '#shared/application/ports.ts';
import { processRecordBatch } from '#shared/application/process-record.ts';
import type { RecordFamilyRegistry } from '#shared/domain/records/record-families.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { signalMeasurements } from '#shared/observability/operational-metrics.ts';
import { DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';

const { logger, metrics, middlewares } = createObservability('process-records');
const wiring = caseEngineFromEnvironment(createDocumentClient(), { storesRecords: true });

/** A queued message as a validated envelope, or undefined when it is unreadable (poison). */
function envelopeOf(body: string, families: RecordFamilyRegistry): RecordEnvelope | undefined {
  try {
    const { record: raw, ...envelope } = RecordEnvelopeMessage.parse(JSON.parse(body));
    const parsed = families.parseRecord(raw);
    return parsed.ok ? { ...envelope, record: parsed.record } : undefined;
  } catch {
    return undefined;
  }
}

export async function processBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const { engine, families } = await wiring.engine();
  const failed: string[] = [];
  const readable: { id: string; envelope: RecordEnvelope }[] = [];
  for (const message of event.Records) {
    const envelope = envelopeOf(message.body, families);
    if (envelope) readable.push({ id: message.messageId, envelope });
    else {
      failed.push(message.messageId);
      logger.error('unreadable message; it will be retried, then dead-lettered', { messageId: message.messageId });
    }
  }
  const { messages, run } = await processRecordBatch(readable, { engine, clock: () => new Date() });
  for (const [id, result] of messages) {
    if (result.ok) {
      if (result.outcome.stored === 'conflict') logger.warn('record conflicts with a stored one; kept the stored one', { messageId: id });
      continue;
    }
    failed.push(id);
    const error = result.error instanceof Error ? { name: result.error.name, message: result.error.message } : { message: String(result.error) };
    // Throttling is expected under load, not a defect: the message simply comes back later.
    if (result.error instanceof DependencyUnavailableError)
      logger.warn('dependency unavailable; the messages of the case will be retried', { messageId: id, error });
    else logger.error('case evaluation failed; its messages will be retried', { messageId: id, error });
  }
  // The events are safe in the outbox already; publishing late (by the sweep's relay) is the fallback.
  if (run.publicationFailure !== undefined) {
    const reason = run.publicationFailure instanceof Error ? run.publicationFailure.message : String(run.publicationFailure);
    logger.warn('alert events left in the outbox for the sweep', { events: run.alertEvents.length, reason });
  }
  metrics.record(signalMeasurements(run.alertEvents));
  logger.info('batch processed', { messages: event.Records.length, failed: failed.length, alertEvents: run.alertEvents.length });
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

export const handler = middy(processBatch).use(middlewares);
