/**
 * Verifies the seals of stored act records: every hour (its schedule) the records sealed in the
 * hour before and a rolling share of older hours (`shared/application/record-seals/seal-hours.ts`);
 * for an operator (`npm run records:verify`, invoking this function) the hours asked for. A
 * record whose seal does not match is named in the log by its table key and raises one
 * `integrityBreak` security event per run (the alarm's metric filter counts it).
 */
import middy from '@middy/core';
import * as z from 'zod';
import { DynamoDbSealedRecords } from '#shared/adapters/dynamodb/dynamodb-sealed-records.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { hourKeysFromEnvironment } from '#shared/adapters/kms/hour-keys-from-environment.ts';
import { SealVerificationRequest } from '#shared/api/record-seal-contract.ts';
import { scheduledSealHours, sealHoursBetween } from '#shared/application/record-seals/seal-hours.ts';
import { verifyRecordSeals, type SealVerification } from '#shared/application/record-seals/verify-record-seals.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { metricNames } from '#shared/observability/operational-metrics.ts';

const observability = createObservability('verify-records');
const { logger, metrics, middlewares, securityEvents } = observability;
const env = readEnvironment(tablesEnvironment.cases);
const dependencies = {
  records: new DynamoDbSealedRecords(createDocumentClient(), env.CASES_TABLE),
  // Hour after hour: only the key of the hour being checked stays in memory.
  keys: hourKeysFromEnvironment(1),
  securityEvents,
  source: observability.name,
  clock: () => new Date(),
};

/** Records one invocation checks at most: bounds its time (the function's timeout) and its reads. */
const maxRecordsPerRun = 100_000;

const ScheduledRun = z.object({ 'detail-type': z.literal('Scheduled Event'), time: z.iso.datetime({ offset: true }) });

/** The hours an invocation checks: its schedule's, or the operator's range. */
function hoursOf(event: unknown): string[] {
  const scheduled = ScheduledRun.safeParse(event);
  if (scheduled.success) return scheduledSealHours(new Date(scheduled.data.time));
  const { verify } = SealVerificationRequest.parse(event);
  return sealHoursBetween(verify.from, verify.to);
}

export async function verifyRecords(event: unknown): Promise<SealVerification> {
  const hours = hoursOf(event);
  const result = await verifyRecordSeals(hours, dependencies, { maxRecords: maxRecordsPerRun });
  // Table keys only (department, kind, the department's case id, sequence): no personal data, no content.
  for (const broken of result.brokenRecords) logger.error('record seal broken: changed outside the application', { ...broken });
  metrics.record([{ name: metricNames.recordsVerified, unit: 'Count', value: result.records }]);
  logger.info('records verified', {
    hours: hours.length,
    hoursChecked: result.hours.length,
    records: result.records,
    broken: result.broken,
    deferredHours: result.deferredHours.length,
  });
  return result;
}

export const handler = middy(verifyRecords).use(middlewares);
