/** Scheduled sweep: evaluates every case whose next check is due at the schedule's time. */
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

const { logger, metrics, middlewares } = createObservability('deadline-sweep');
// Notes the departments whose feed is found stale (their time-driven signals are held), for the run's metric.
const wiring = caseEngineFromEnvironment(createDocumentClient(), { storesRecords: false, watchesFeeds: true });
const staleFeeds = wiring.staleFeeds as StaleFeedWatch;

const SweepEvent = z.object({ time: z.iso.datetime({ offset: true }) });

/** Events younger than this are left to the writer that committed them. */
const relayGraceMs = 60_000;

export async function sweep(event: ScheduledEvent): Promise<SweepOutcome & { relayed: number }> {
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
  return { ...outcome, relayed: relayed.relayed };
}

export const handler = middy(sweep).use(middlewares);
