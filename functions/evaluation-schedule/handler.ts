/**
 * The evaluation's monthly run (schedule `evaluation-schedule`, 02:00 Shanghai time on the 1st):
 * the month just ended for the city and every district with a scoring model in force, as the
 * system (`runScheduledEvaluations`). A retried or repeated firing stores nothing more.
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbPeriodEvaluationStore } from '#shared/adapters/dynamodb/dynamodb-period-evaluation-store.ts';
import { DynamoDbScoringModelStore } from '#shared/adapters/dynamodb/dynamodb-scoring-model-store.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { StatisticsMetricsSource } from '#shared/application/evaluation/department-metrics-source.ts';
import { runScheduledEvaluations, type ScheduledEvaluations } from '#shared/application/evaluation/scheduled-evaluations.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const ScheduleEnvironment = z.object({ ...tablesEnvironment.cases.shape, ...tablesEnvironment.reference.shape, ...tablesEnvironment.audit.shape });

const { logger, middlewares } = createObservability('evaluation-schedule');
const env = readEnvironment(ScheduleEnvironment);
const documentClient = createDocumentClient();
const referenceTable = env[environmentNames.tables.reference];
const structure = new DynamoDbCityStructureRepository(documentClient, referenceTable);
const dependencies = {
  models: new DynamoDbScoringModelStore(documentClient, referenceTable),
  metrics: new StatisticsMetricsSource(new DynamoDbStatisticsReader(documentClient, env[environmentNames.tables.cases]), structure),
  evaluations: new DynamoDbPeriodEvaluationStore(documentClient, referenceTable),
  audit: new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]),
  structure,
  clock: () => new Date(),
};

const ScheduleEvent = z.object({ time: z.iso.datetime({ offset: true }) });

export async function evaluatePeriodsEnded(event: ScheduledEvent): Promise<readonly ScheduledEvaluations[]> {
  // The periods are judged from the scheduled time, not the start: a late or retried run evaluates the same ones.
  const runs = await runScheduledEvaluations(new Date(ScheduleEvent.parse(event).time), dependencies);
  for (const run of runs) {
    const owners = (outcome: string) => run.owners.filter((owner) => owner.outcome === outcome).map((owner) => owner.owner);
    logger.info('scheduled evaluation run', {
      period: run.period,
      evaluated: run.owners.flatMap((owner) => (owner.outcome === 'evaluated' ? [`${owner.owner}@v${owner.version}`] : [])),
      alreadyEvaluated: owners('alreadyEvaluated'),
      // Skipped: no scoring model version in force for the period.
      noModelInForce: owners('noModelInForce'),
    });
  }
  return runs;
}

export const handler = middy(evaluatePeriodsEnded).use(middlewares);
