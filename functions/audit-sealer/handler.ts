/**
 * Scheduled sealer of the audit trail (`audit-seal`, every 5 minutes): chains the entries written
 * up to the grace period ago into signed digests under Object Lock, and re-checks the last digest
 * (and, on a new day, the whole day before) against the stored entries. An integrity break is a
 * security event and the `AuditIntegrityBreaks` metric the alarm watches.
 */
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditEntries } from '#shared/adapters/dynamodb/dynamodb-audit-entries.ts';
import { createKmsClient, KmsDigestSigner, KmsDigestVerifier } from '#shared/adapters/kms/kms-digest-keys.ts';
import { createS3Client, S3DigestStore } from '#shared/adapters/s3/s3-digest-store.ts';
import { sealAuditTrail } from '#shared/application/audit/seal-audit-trail.ts';
import { AuditSealingEnvironment, AuditTrailEnvironment } from '#shared/config/audit-environment.ts';
import { readEnvironment } from '#shared/config/function-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { auditSealMeasurements } from '#shared/observability/operational-metrics.ts';
import { environmentNames } from '#shared/topology.ts';

const { logger, metrics, middlewares, securityEvents } = createObservability('audit-sealer');
const env = readEnvironment(AuditTrailEnvironment.extend(AuditSealingEnvironment.shape));
const kms = createKmsClient();
const dependencies = {
  entries: new DynamoDbAuditEntries(createDocumentClient(), env[environmentNames.tables.audit]),
  digests: new S3DigestStore(createS3Client(), env[environmentNames.auditDigestBucket]),
  signer: new KmsDigestSigner(kms, env[environmentNames.auditSigningKey]),
  verifier: new KmsDigestVerifier(kms, env[environmentNames.auditSigningKey]),
  // The log line (counted) and the security administrator's store.
  securityEvents,
  clock: () => new Date(),
};

/**
 * Spans per run: 48 is two days of catch-up (a span never crosses midnight), each span one query,
 * one signature and one put; a longer outage drains over the next runs.
 */
const options = { graceSeconds: env[environmentNames.settings.auditSealGraceSeconds], maxSpansPerRun: 48, headLookbackDays: 366 };

const SealEvent = z.object({ time: z.iso.datetime({ offset: true }) });

export async function seal(event: ScheduledEvent) {
  const { time } = SealEvent.parse(event);
  const outcome = await sealAuditTrail(new Date(time), dependencies, options);
  const integrityBreaks = outcome.headFindings.length + (outcome.dayChecked?.findings ?? 0);
  metrics.record(auditSealMeasurements({ now: new Date(), earliestDueAt: outcome.earliestDueAt, entriesSealed: outcome.entriesSealed, integrityBreaks }));
  const summary = {
    cutoff: outcome.cutoff,
    spans: outcome.sealed.length,
    entriesSealed: outcome.entriesSealed,
    integrityBreaks,
    ...(outcome.dayChecked ? { dayChecked: outcome.dayChecked.day } : {}),
    ...(outcome.stopped ? { stopped: outcome.stopped } : {}),
  };
  if (outcome.stopped === 'headUnreadable')
    logger.error('the chain head cannot be read: nothing sealed until a person restores it (docs/operations.md)', summary);
  else logger.info('audit trail sealed', summary);
  return summary;
}

export const handler = middy(seal).use(middlewares);
