/**
 * Scheduled sweep: fires every complaint and supervision-case timer due at the schedule's time,
 * the erasure of a finished complaint's personal data at the end of its retention included (it
 * only deletes: no key grant is needed). The signals raised are published on the event bus right
 * after their commit; events a run left in the outbox (older than a minute) are relayed.
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbOversightSignalOutbox } from '#shared/adapters/dynamodb/dynamodb-oversight-signal-outbox.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbOversightTimers } from '#shared/adapters/dynamodb/dynamodb-oversight-timers.ts';
import { DynamoDbSupervisionRepository } from '#shared/adapters/dynamodb/dynamodb-supervision-repository.ts';
import { EventBridgeSignalEventPublisher } from '#shared/adapters/eventbridge/eventbridge-signal-event-publisher.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import { complaintTimerFiring } from '#shared/application/complaints/fire-complaint-timers.ts';
import { supervisionTimerFiring } from '#shared/application/supervision/fire-supervision-timers.ts';
import { publishAndRelay } from '#shared/application/relay-signal-events.ts';
import { sweepOversightTimers, type OversightSweepOutcome } from '#shared/application/sweep-oversight-timers.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { SupervisionEnvironment, supervisionPolicyFrom } from '#shared/config/supervision-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { signalMeasurements, sweepMeasurements } from '#shared/observability/operational-metrics.ts';
import { environmentNames } from '#shared/topology.ts';

const { logger, metrics, middlewares } = createObservability('oversight-sweep');
const env = readEnvironment(
  tablesEnvironment.oversight
    .extend(tablesEnvironment.reference.shape)
    .extend(tablesEnvironment.audit.shape)
    .extend({ [environmentNames.alertEventBus]: z.string().min(1).max(256) }),
);
const documentClient = createDocumentClient();
const dependencies = {
  timers: new DynamoDbOversightTimers(documentClient, env.OVERSIGHT_TABLE),
  audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  firing: {
    complaint: complaintTimerFiring({ complaints: new DynamoDbComplaintRepository(documentClient, env.OVERSIGHT_TABLE) }),
    supervision: supervisionTimerFiring({
      supervision: new DynamoDbSupervisionRepository(documentClient, env.OVERSIGHT_TABLE),
      // The State Council arrangement, with the years a supervisor loaded or corrected laid over it.
      calendar: new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE)),
      policy: supervisionPolicyFrom(readEnvironment(SupervisionEnvironment)),
    }),
  },
};

/**
 * Signal events onto the deployment's bus, marked published on the items that fired them; events a
 * run could not publish keep their item due, and a later run's firing hands them back.
 */
const relay = {
  outbox: new DynamoDbOversightSignalOutbox(documentClient, env.OVERSIGHT_TABLE),
  publisher: new EventBridgeSignalEventPublisher(env.ALERT_EVENT_BUS),
};

/** Events younger than this are left to the writer that committed them. */
const relayGraceMs = 60_000;

const SweepEvent = z.object({ time: z.iso.datetime({ offset: true }) });

/**
 * Items per run: 1,000 fire in about 15 s even on DynamoDB Local (bench/README.md), so 2,000 stay
 * within the function's 50 s timeout; a larger backlog (after downtime) drains over the next runs.
 */
const maxItemsPerRun = 2_000;

export async function sweep(event: ScheduledEvent): Promise<Omit<OversightSweepOutcome, 'signalEvents'> & { signalEvents: number; relayed: number }> {
  const { time } = SweepEvent.parse(event);
  const outcome = await sweepOversightTimers(
    new Date(time),
    dependencies,
    { maxItems: maxItemsPerRun, concurrency: 8 },
    (ref, error) =>
      logger.error('timer firing failed; the item stays due', { type: ref.type, number: ref.number, reason: error instanceof Error ? error.name : 'unknown' }),
    (error) => logger.error('the audit entry of this run was not written', { reason: error instanceof Error ? error.message : 'unknown' }),
  );
  const { relayed, oldestPendingAt, failure } = await publishAndRelay(outcome.signalEvents, relay, new Date(Date.now() - relayGraceMs).toISOString());
  // Committed with their firings: the next run relays them.
  if (failure !== undefined)
    logger.warn('signal events left in the outbox for the next run', { reason: failure instanceof Error ? failure.message : String(failure) });
  metrics.record([
    ...sweepMeasurements({ now: new Date(), earliestDueAt: outcome.earliestDueAt, oldestPendingAt }),
    ...signalMeasurements(outcome.signalEvents),
  ]);
  const { signalEvents, ...counts } = outcome;
  const summary = { ...counts, signalEvents: signalEvents.length, relayed };
  logger.info('oversight sweep finished', { time, ...summary });
  return summary;
}

export const handler = middy(sweep).use(middlewares);
