/** Consumer of the records queue: each message stored and its case evaluated; failures reported per message. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { RecordEnvelopeMessage } from '#shared/api/record-envelope.ts';
import { parseRecord } from '#shared/domain/records/record-families.ts';
import { processRecord, type ProcessRecordDependencies } from '#shared/application/process-record.ts';
import { CaseProcessingEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { createLogger } from '#shared/observability/logger.ts';

const logger = createLogger('process-records');
const env = readEnvironment(CaseProcessingEnvironment);
const documentClient = createDocumentClient();
const dependencies: ProcessRecordDependencies = {
  cases: new DynamoDbCaseRepository(documentClient, env.CASES_TABLE),
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  calendar: stateCouncilCalendar,
  clock: () => new Date(),
};
const processor = new BatchProcessor(EventType.SQS);

async function processMessage(message: SQSRecord): Promise<void> {
  const { record: raw, ...envelope } = RecordEnvelopeMessage.parse(JSON.parse(message.body));
  const parsed = parseRecord(raw);
  // Ingest validated it; a record that fails now is poison and goes to the dead-letter queue.
  if (!parsed.ok) throw new Error(`queued record no longer valid: ${parsed.issue}`);
  const outcome = await processRecord({ ...envelope, record: parsed.record }, dependencies);
  logger.debug('record processed', { department: parsed.record.department, kind: parsed.record.kind, caseId: parsed.record.caseId, sequence: parsed.record.sequence, stored: outcome.stored, evaluation: outcome.evaluation.result });
  if (outcome.stored === 'conflict') {
    logger.warn('record conflicts with a stored one; kept the stored one', { department: parsed.record.department, kind: parsed.record.kind, caseId: parsed.record.caseId, sequence: parsed.record.sequence });
  }
}

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const response = await processPartialResponse(event, processMessage, processor, { context, throwOnFullBatchFailure: false });
  if (response.batchItemFailures.length > 0) {
    logger.warn('messages failed; they will be retried, then dead-lettered', { failed: response.batchItemFailures.length, ids: response.batchItemFailures.map((f) => f.itemIdentifier) });
  }
  return response;
}
