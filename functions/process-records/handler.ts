/**
 * Consumer of the records queue. Messages of a batch are grouped by case so each case is
 * evaluated once; failures are reported per message (partial batch response), so only the
 * messages of a failed case, or unreadable ones, come back — and after `maxReceiveCount`
 * receives go to the dead-letter queue.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { RecordEnvelopeMessage } from '#shared/api/record-envelope.ts';
import type { RecordEnvelope } from '#shared/application/ports.ts';
import { processRecords, type ProcessRecordDependencies } from '#shared/application/process-record.ts';
import { CaseProcessingEnvironment, EscalationEnvironment, FeedEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { CachedMatterVersions } from '#shared/adapters/dynamodb/cached-matter-versions.ts';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import type { RecordFamilyRegistry } from '#shared/domain/records/record-families.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { signalMeasurements } from '#shared/observability/operational-metrics.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { EventBridgeSignalEventPublisher } from '#shared/adapters/eventbridge/eventbridge-signal-event-publisher.ts';
import { publishCommittedEvents } from '#shared/application/relay-signal-events.ts';
import type { AlertEvent } from '#shared/domain/alerts/alert-events.ts';
import { DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';
import { RecordSealer } from '#shared/application/record-seals/hour-keys.ts';
import { hourKeysFromEnvironment } from '#shared/adapters/kms/hour-keys-from-environment.ts';

/** The deployment's escalation policy (environment), read once at cold start. */
function escalationPolicy() {
  const env = readEnvironment(EscalationEnvironment);
  return { promptToWarningWorkingDays: env.ESCALATE_PROMPT_AFTER_WORKING_DAYS, warningToCorrectionWorkingDays: env.ESCALATE_WARNING_AFTER_WORKING_DAYS };
}

const { logger, metrics, middlewares } = createObservability('process-records');
const env = readEnvironment(CaseProcessingEnvironment);
const documentClient = createDocumentClient();
// The State Council arrangement, with the years a supervisor loaded or corrected laid over it.
const familyProvider = new RecordFamilyProvider(new DynamoDbRecordKindStore(documentClient, env.REFERENCE_TABLE));
const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE));
const relay = {
  outbox: new DynamoDbSignalEventOutbox(documentClient, env.CASES_TABLE),
  publisher: new EventBridgeSignalEventPublisher(env.ALERT_EVENT_BUS),
};
// Every record stored is sealed under the current hour's key, derived from the record-seal key at most once an hour.
const sealer = new RecordSealer(hourKeysFromEnvironment(2), () => new Date());
const dependencies: ProcessRecordDependencies = {
  cases: new DynamoDbCaseRepository(documentClient, env.CASES_TABLE, sealer),
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  calendar: stateCouncilCalendar,
  escalation: escalationPolicy(),
  feeds: new DynamoDbFeedStatus(documentClient, env.CASES_TABLE, readEnvironment(FeedEnvironment).FEED_STALE_AFTER_HOURS * 3_600_000),
  matterVersions: new CachedMatterVersions(new DynamoDbCatalogueRepository(documentClient, env.REFERENCE_TABLE)),
  clock: () => new Date(),
};

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
  const families = await familyProvider.registry();
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
  const results = await processRecords(readable, { ...dependencies, families, calendar: await calendars.calendar() });
  const committedEvents = new Map<string, AlertEvent>();
  for (const [id, result] of results) {
    if (result.ok) {
      if (result.outcome.evaluation.result === 'committed') for (const e of result.outcome.evaluation.alertEvents) committedEvents.set(e.eventId, e);
      if (result.outcome.stored === 'conflict') logger.warn('record conflicts with a stored one; kept the stored one', { messageId: id });
      continue;
    }
    failed.push(id);
    const error = result.error instanceof Error ? { name: result.error.name, message: result.error.message } : { message: String(result.error) };
    // Throttling is expected under load, not a defect: the message simply comes back later.
    if (result.error instanceof DependencyUnavailableError) logger.warn('dependency unavailable; the messages of the case will be retried', { messageId: id, error });
    else logger.error('case evaluation failed; its messages will be retried', { messageId: id, error });
  }
  // The events are safe in the outbox already; publishing late (by the sweep) is the fallback.
  await publishCommittedEvents([...committedEvents.values()], relay).catch((error: unknown) =>
    logger.warn('alert events left in the outbox for the sweep', { events: committedEvents.size, reason: error instanceof Error ? error.message : String(error) }),
  );
  metrics.record(signalMeasurements([...committedEvents.values()]));
  logger.info('batch processed', { messages: event.Records.length, failed: failed.length, alertEvents: committedEvents.size });
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

export const handler = middy(processBatch).use(middlewares);
