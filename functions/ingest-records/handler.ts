/** `POST /v1/records`: a department's batch → 202 with a verdict per record. */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { departmentFromCallerArn } from '#shared/access/department-identity.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbReceiptStore } from '#shared/adapters/dynamodb/dynamodb-receipt-store.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { SqsRecordQueue } from '#shared/adapters/sqs/sqs-record-queue.ts';
import { ingestLimits } from '#shared/api/ingest-contract.ts';
import { ingestRecords, type IngestDependencies } from '#shared/application/ingest-records.ts';
import { FeedEnvironment, IngestEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { requestLanguage } from '#shared/http/language.ts';
import { batchResponseIn } from '#shared/http/ingest-verdicts.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { ingestMeasurements, refusedTotal } from '#shared/observability/operational-metrics.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';

const observability = createObservability('ingest-records');
const { logger, metrics, middlewares, securityEvents } = observability;
const env = readEnvironment(IngestEnvironment);
const feedEnv = readEnvironment(FeedEnvironment);
// The batch's records are screened one by one by the use case: a classified record refuses only itself.
const screening = { classifiedMarkers: env.CLASSIFIED_MARKERS, elementsInspectedApart: ['/records'] };
const documentClient = createDocumentClient();
// Built-in record kinds plus those a supervisor defined by configuration.
const families = new RecordFamilyProvider(new DynamoDbRecordKindStore(documentClient, env.REFERENCE_TABLE));
const feeds = new DynamoDbFeedStatus(documentClient, env.CASES_TABLE, feedEnv.FEED_STALE_AFTER_HOURS * 3_600_000);
const dependencies: IngestDependencies = {
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  receipts: new DynamoDbReceiptStore(documentClient, env.CASES_TABLE),
  queue: new SqsRecordQueue(env.RECORDS_QUEUE_URL),
  audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  clock: () => new Date(),
  feeds,
  // The department's connection health of the day: one counter update a batch, refused batches included.
  health: feeds,
  classifiedMarkers: env.CLASSIFIED_MARKERS,
  // The security administrator's alarm counts these events (metric filters and alarm in the stateless stack).
  securityEvents,
  // Refused batches too (4xx): the dashboard's per-department table reads this line.
  onCounted: (counts) => {
    metrics.record(ingestMeasurements(counts));
    logger.info('batch ingested', { ...counts, refused: refusedTotal(counts), refusedByReason: counts.refused });
  },
  onReceiptsUnconfirmed: (count, error) =>
    logger.warn('receipts of enqueued records left unconfirmed; a re-send would accept them again', {
      count,
      reason: error instanceof Error ? error.name : String(error),
    }),
  onHealthNotCounted: (error) =>
    logger.warn("batch left out of the department's health figures of the day", { reason: error instanceof Error ? error.name : String(error) }),
  onFeedNotTouched: (error) => logger.warn('feed not marked current; the next batch marks it', { reason: error instanceof Error ? error.name : String(error) }),
};

export async function ingest(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const principal = departmentFromCallerArn(event.requestContext?.identity?.userArn, env.DEPARTMENT_ROLE_PREFIX);
  const payload = parseJsonBody(event, ingestLimits.maxBodyBytes, screening);
  const outcome = await ingestRecords(principal, payload, { ...dependencies, families: await families.registry() });
  // Refused records' problems in the request's language, as the error mapper says a refused batch.
  const language = requestLanguage(event);
  return jsonResponse(outcome.status, batchResponseIn(outcome.body, language), { 'content-language': language });
}

export const handler = middy(ingest, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
