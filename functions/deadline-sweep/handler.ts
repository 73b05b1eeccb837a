/**
 * Scheduled sweep: evaluates every case whose next check is due at the schedule's time; at a
 * quarter past each hour it also checks every department's connection (`checkConnections`) and the
 * orders to correct past their deadline (`checkOverdueOrders`).
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { caseEngineFromEnvironment } from '#shared/adapters/case-engine-from-environment.ts';
import { caseKeyText } from '#shared/application/case-key.ts';
import { sweepDueChecks, type SweepOutcome } from '#shared/application/sweep-due-checks.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { signalMeasurements, sweepMeasurements } from '#shared/observability/operational-metrics.ts';
import type { StaleFeedWatch } from '#shared/observability/stale-feed-watch.ts';
import { publishAndRelay } from '#shared/application/relay-signal-events.ts';
import { DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbConnectionAlerts } from '#shared/adapters/dynamodb/dynamodb-connection-alerts.ts';
import { DynamoDbReconciliationStore } from '#shared/adapters/dynamodb/dynamodb-reconciliation-store.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { checkConnections, runsConnectionCheck, type ConnectionCheckReport } from '#shared/application/connection-health/check-connections.ts';
import { CaseProcessingEnvironment, ConnectionHealthEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { AccountabilityEnvironment } from '#shared/config/function-environment.ts';
import { DynamoDbAccountabilityStore } from '#shared/adapters/dynamodb/dynamodb-accountability-store.ts';
import { checkOverdueOrders, type OverdueOrderCheckReport } from '#shared/application/accountability/check-overdue-orders.ts';
import type { WorkingDayCalendar } from '#shared/domain/calendar/working-day-calendar.ts';
import { environmentNames } from '#shared/topology.ts';

const { logger, metrics, middlewares } = createObservability('deadline-sweep');
// Notes the departments whose feed is found stale (their time-driven signals are held), for the run's metric.
const documentClient = createDocumentClient();
const wiring = caseEngineFromEnvironment(documentClient, { storesRecords: false, watchesFeeds: true });
const staleFeeds = wiring.staleFeeds as StaleFeedWatch;
const tables = readEnvironment(CaseProcessingEnvironment);
const connectionHealth = readEnvironment(ConnectionHealthEnvironment);
const connectionChecking = {
  structure: new DynamoDbCityStructureRepository(documentClient, tables[environmentNames.tables.reference]),
  // Only the feeds' facts are read here: the stale-feed decision is the engine's.
  feeds: new DynamoDbFeedStatus(documentClient, tables[environmentNames.tables.cases], Number.POSITIVE_INFINITY),
  alerts: new DynamoDbConnectionAlerts(documentClient, tables[environmentNames.tables.cases]),
  settings: {
    silentAfterWorkingHours: connectionHealth[environmentNames.settings.connectionSilentAfterWorkingHours],
    graceWorkingDays: connectionHealth[environmentNames.settings.connectionGraceWorkingDays],
    dataStandard: {
      refusedPercentLimit: connectionHealth[environmentNames.settings.refusedPercentLimit],
      refusedWindowDays: connectionHealth[environmentNames.settings.refusedWindowDays],
      refusedMinimumRecords: connectionHealth[environmentNames.settings.refusedMinimumRecords],
    },
    manifestDueHour: connectionHealth[environmentNames.settings.reconciliationManifestDueHour],
  },
  reconciliations: new DynamoDbReconciliationStore(documentClient, tables[environmentNames.tables.cases]),
  relay: wiring.relay,
  onPublicationFailed: (error: unknown) =>
    logger.warn('connection signal events left in the outbox for the next run', { reason: error instanceof Error ? error.message : String(error) }),
};

const overdueOrderChecking = {
  orders: new DynamoDbAccountabilityStore(documentClient, tables[environmentNames.tables.reference]),
  alerts: connectionChecking.alerts,
  settings: {
    escalateAfterWorkingDays: readEnvironment(AccountabilityEnvironment)[environmentNames.settings.accountabilityOrderEscalateAfterWorkingDays],
  },
  relay: wiring.relay,
  onPublicationFailed: (error: unknown) =>
    logger.warn('overdue order signal events left in the outbox for the next run', { reason: error instanceof Error ? error.message : String(error) }),
};

/** The hourly check of orders to correct past their deadline; a failure is logged and leaves the rest of the run standing. */
async function checkOverdueOrdersAt(time: string, calendar: WorkingDayCalendar): Promise<OverdueOrderCheckReport | undefined> {
  try {
    const report = await checkOverdueOrders(new Date(time), { ...overdueOrderChecking, calendar: async () => calendar });
    logger.info('overdue order check finished', { time, ...report });
    return report;
  } catch (error) {
    logger.error('overdue order check failed; the next hour checks again', { time, error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

/** The hourly connection check; a failure is logged and leaves the sweep's own work standing (the next hour checks again). */
async function checkConnectionsAt(time: string, calendar: WorkingDayCalendar): Promise<ConnectionCheckReport | undefined> {
  try {
    const report = await checkConnections(new Date(time), { ...connectionChecking, calendar: async () => calendar });
    logger.info('connection check finished', { time, ...report });
    return report;
  } catch (error) {
    logger.error('connection check failed; the next hour checks again', { time, error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

const SweepEvent = z.object({ time: z.iso.datetime({ offset: true }) });

/** Events younger than this are left to the writer that committed them. */
const relayGraceMs = 60_000;

export async function sweep(
  event: ScheduledEvent,
): Promise<SweepOutcome & { relayed: number; connections?: ConnectionCheckReport; overdueOrders?: OverdueOrderCheckReport }> {
  const { time } = SweepEvent.parse(event);
  // What an earlier run that threw had noted is not this run's.
  staleFeeds.takeStaleDepartments();
  const { engine, calendar } = await wiring.engine();
  const outcome = await sweepDueChecks(new Date(time), { engine, cases: wiring.cases, calendar }, { maxCases: 5000, batchSize: 50 }, (error, key) => {
    // The case is named (department, kind, the department's case id: no personal data) so a case that keeps failing can be found.
    const fields = { case: caseKeyText(key), error: error instanceof Error ? error.message : String(error) };
    // Throttling is expected under load, not a defect: the next tick takes the case up again.
    if (error instanceof DependencyUnavailableError) logger.warn('case evaluation failed; it stays due', fields);
    else logger.error('case evaluation failed; it stays due', fields);
  });
  const connections = runsConnectionCheck(new Date(time)) ? await checkConnectionsAt(time, calendar) : undefined;
  const overdueOrders = runsConnectionCheck(new Date(time)) ? await checkOverdueOrdersAt(time, calendar) : undefined;
  // The engine published the run's own events; what is left in the outbox (a writer that died, a failed publication) goes now.
  const relayed = await publishAndRelay([], wiring.relay, new Date(Date.now() - relayGraceMs).toISOString());
  const { oldestPendingAt } = relayed;
  const failure = outcome.publicationFailure ?? relayed.failure;
  if (failure !== undefined)
    logger.warn('alert events left in the outbox for the next run', { reason: failure instanceof Error ? failure.message : String(failure) });
  const staleDepartments = staleFeeds.takeStaleDepartments();
  // One text field, so the dashboard's Logs Insights table shows the list as it is.
  if (staleDepartments.length > 0)
    logger.info('department feeds stale: their time-driven signals are held', {
      staleFeeds: staleDepartments.length,
      staleDepartments: staleDepartments.join(','),
    });
  metrics.record([
    ...sweepMeasurements({ now: new Date(), earliestDueAt: outcome.earliestDueAt, oldestPendingAt, staleDepartments }),
    ...signalMeasurements(outcome.alertEvents),
  ]);
  const { alertEvents, publicationFailure: _failure, ...counts } = outcome;
  logger.info('sweep finished', { time, ...counts, alertEvents: alertEvents.length, relayed: relayed.relayed });
  return { ...outcome, relayed: relayed.relayed, ...(connections ? { connections } : {}), ...(overdueOrders ? { overdueOrders } : {}) };
}

export const handler = middy(sweep).use(middlewares);
