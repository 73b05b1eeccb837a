/** Scheduled sweep: evaluates every case whose next check is due at the schedule's time. */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { caseKeyText } from '#shared/application/case-key.ts';
import { sweepDueChecks, type SweepOutcome } from '#shared/application/sweep-due-checks.ts';
import { CaseProcessingEnvironment, EscalationEnvironment, FeedEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { CachedMatterVersions } from '#shared/adapters/dynamodb/cached-matter-versions.ts';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { signalMeasurements, sweepMeasurements } from '#shared/observability/operational-metrics.ts';
import { StaleFeedWatch } from '#shared/observability/stale-feed-watch.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { EventBridgeSignalEventPublisher } from '#shared/adapters/eventbridge/eventbridge-signal-event-publisher.ts';
import { publishAndRelay } from '#shared/application/relay-signal-events.ts';
import { DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';

/** The deployment's escalation policy (environment), read once at cold start. */
function escalationPolicy() {
  const env = readEnvironment(EscalationEnvironment);
  return { promptToWarningWorkingDays: env.ESCALATE_PROMPT_AFTER_WORKING_DAYS, warningToCorrectionWorkingDays: env.ESCALATE_WARNING_AFTER_WORKING_DAYS };
}

const { logger, metrics, middlewares } = createObservability('deadline-sweep');
const env = readEnvironment(CaseProcessingEnvironment);
const documentClient = createDocumentClient();
// The State Council arrangement, with the years a supervisor loaded or corrected laid over it.
const familyProvider = new RecordFamilyProvider(new DynamoDbRecordKindStore(documentClient, env.REFERENCE_TABLE));
const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE));
// Notes the departments whose feed is found stale (their time-driven signals are held), for the run's metric.
const feeds = new StaleFeedWatch(new DynamoDbFeedStatus(documentClient, env.CASES_TABLE, readEnvironment(FeedEnvironment).FEED_STALE_AFTER_HOURS * 3_600_000));
const dependencies = {
  cases: new DynamoDbCaseRepository(documentClient, env.CASES_TABLE),
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  calendar: stateCouncilCalendar,
  escalation: escalationPolicy(),
  feeds,
  matterVersions: new CachedMatterVersions(new DynamoDbCatalogueRepository(documentClient, env.REFERENCE_TABLE)),
};

const relay = {
  outbox: new DynamoDbSignalEventOutbox(documentClient, env.CASES_TABLE),
  publisher: new EventBridgeSignalEventPublisher(env.ALERT_EVENT_BUS),
};

const SweepEvent = z.object({ time: z.iso.datetime({ offset: true }) });

/** Events younger than this are left to the writer that committed them. */
const relayGraceMs = 60_000;

export async function sweep(event: ScheduledEvent): Promise<SweepOutcome & { relayed: number }> {
  const { time } = SweepEvent.parse(event);
  // What an earlier run that threw had noted is not this run's.
  feeds.takeStaleDepartments();
  const outcome = await sweepDueChecks(new Date(time), { ...dependencies, families: await familyProvider.registry(), calendar: await calendars.calendar() }, { maxCases: 5000, concurrency: 8 }, (error, key) => {
    // The case is named (department, kind, the department's case id: no personal data) so a case that keeps failing can be found.
    const fields = { case: caseKeyText(key), error: error instanceof Error ? error.message : String(error) };
    // Throttling is expected under load, not a defect: the next tick takes the case up again.
    if (error instanceof DependencyUnavailableError) logger.warn('case evaluation failed; it stays due', fields);
    else logger.error('case evaluation failed; it stays due', fields);
  });
  const { relayed, oldestPendingAt, failure } = await publishAndRelay(outcome.alertEvents, relay, new Date(Date.now() - relayGraceMs).toISOString());
  if (failure !== undefined) logger.warn('alert events left in the outbox for the next run', { reason: failure instanceof Error ? failure.message : String(failure) });
  const staleDepartments = feeds.takeStaleDepartments();
  // One text field, so the dashboard's Logs Insights table shows the list as it is.
  if (staleDepartments.length > 0) logger.info('department feeds stale: their time-driven signals are held', { staleFeeds: staleDepartments.length, staleDepartments: staleDepartments.join(',') });
  metrics.record([...sweepMeasurements({ now: new Date(), earliestDueAt: outcome.earliestDueAt, oldestPendingAt, staleDepartments }), ...signalMeasurements(outcome.alertEvents)]);
  const { alertEvents, ...counts } = outcome;
  logger.info('sweep finished', { time, ...counts, alertEvents: alertEvents.length, relayed });
  return { ...outcome, relayed };
}

export const handler = middy(sweep).use(middlewares);
