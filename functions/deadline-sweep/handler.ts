/** Scheduled sweep: evaluates every case whose next check is due at the schedule's time. */
import type { ScheduledEvent } from 'aws-lambda';
import { z } from 'zod';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { sweepDueChecks, type SweepOutcome } from '#shared/application/sweep-due-checks.ts';
import { CaseProcessingEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { createLogger } from '#shared/observability/logger.ts';

const logger = createLogger('deadline-sweep');
const env = readEnvironment(CaseProcessingEnvironment);
const documentClient = createDocumentClient();
const dependencies = {
  cases: new DynamoDbCaseRepository(documentClient, env.CASES_TABLE),
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  calendar: stateCouncilCalendar,
};

const SweepEvent = z.object({ time: z.iso.datetime({ offset: true }) });

export async function handler(event: ScheduledEvent): Promise<SweepOutcome> {
  const { time } = SweepEvent.parse(event);
  const outcome = await sweepDueChecks(new Date(time), dependencies, { maxCases: 5000, concurrency: 8 }, (error) =>
    logger.error('case evaluation failed; it stays due', { error: error instanceof Error ? error.message : String(error) }),
  );
  logger.info('sweep finished', { time, ...outcome });
  return outcome;
}
