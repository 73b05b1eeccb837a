/**
 * The connection check (schedule `connection-check`, hourly): every department against the
 * connection rules (`checkConnections`), as of the scheduled time. A retried or repeated firing
 * changes no signal twice.
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbConnectionAlerts } from '#shared/adapters/dynamodb/dynamodb-connection-alerts.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { EventBridgeSignalEventPublisher } from '#shared/adapters/eventbridge/eventbridge-signal-event-publisher.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import { checkConnections, type ConnectionCheckReport } from '#shared/application/connection-health/check-connections.ts';
import { ConnectionHealthEnvironment, readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const CheckEnvironment = z.object({
  ...tablesEnvironment.cases.shape,
  ...tablesEnvironment.reference.shape,
  [environmentNames.alertEventBus]: z.string().min(1).max(256),
  ...ConnectionHealthEnvironment.shape,
});

const { logger, middlewares } = createObservability('connection-check');
const env = readEnvironment(CheckEnvironment);
const documentClient = createDocumentClient();
const casesTable = env[environmentNames.tables.cases];
const referenceTable = env[environmentNames.tables.reference];
const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, referenceTable));
const dependencies = {
  structure: new DynamoDbCityStructureRepository(documentClient, referenceTable),
  // Only the feed's facts are read here: no stale-feed decision is made.
  feeds: new DynamoDbFeedStatus(documentClient, casesTable, Number.POSITIVE_INFINITY),
  alerts: new DynamoDbConnectionAlerts(documentClient, casesTable),
  calendar: () => calendars.calendar(),
  settings: {
    silentAfterWorkingHours: env[environmentNames.settings.connectionSilentAfterWorkingHours],
    graceWorkingDays: env[environmentNames.settings.connectionGraceWorkingDays],
  },
  relay: {
    outbox: new DynamoDbSignalEventOutbox(documentClient, casesTable),
    publisher: new EventBridgeSignalEventPublisher(env[environmentNames.alertEventBus]),
  },
  onPublicationFailed: (error: unknown) =>
    logger.warn('connection signal events left in the outbox for the relay', { reason: error instanceof Error ? error.name : String(error) }),
};

const ScheduleEvent = z.object({ time: z.iso.datetime({ offset: true }) });

export async function checkDepartmentConnections(event: ScheduledEvent): Promise<ConnectionCheckReport> {
  // Judged as of the scheduled time, not the start: a late or retried run decides the same.
  const report = await checkConnections(new Date(ScheduleEvent.parse(event).time), dependencies);
  logger.info('connection check finished', { ...report });
  return report;
}

export const handler = middy(checkDepartmentConnections).use(middlewares);
