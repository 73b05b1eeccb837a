/**
 * The keeper of the personal-data keys per period: run by its daily schedule, and as the
 * deployment step `personal-data-keys` at every deployment whose retention or backup settings
 * changed (a CloudFormation custom resource: Create and Update run it, Delete keeps every key).
 * It creates the keys needed ahead, marks unused intake keys, and schedules the deletion of the
 * keys nothing may need any more (`keepPersonalDataKeys`). It seals and opens nothing: the key
 * policies deny it every cryptographic use.
 */
import middy from '@middy/core';
import type { CloudFormationCustomResourceEvent, ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import { kmsPeriodKeyStore } from '#shared/adapters/kms/kms-period-key-store.ts';
import { keepPersonalDataKeys, type KeptPersonalDataKeys } from '#shared/application/complaints/keep-personal-data-keys.ts';
import { readEnvironment } from '#shared/config/function-environment.ts';
import { PersonalDataKeyKeeperEnvironment } from '#shared/config/personal-data-key-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';

const { logger, middlewares } = createObservability('personal-data-keys');
const env = readEnvironment(PersonalDataKeyKeeperEnvironment);
const documentClient = createDocumentClient();
const aliasPrefix = env.PERSONAL_DATA_PERIOD_KEYS;
const dependencies = {
  keys: kmsPeriodKeyStore({
    aliasPrefix,
    // `alias/<prefix>-pd-` names the deployment whose keys these are.
    deployment: aliasPrefix.slice('alias/'.length, -'-pd-'.length),
    keyPolicy: env.PERSONAL_DATA_PERIOD_KEY_POLICY,
  }),
  complaints: new DynamoDbComplaintRepository(documentClient, env.OVERSIGHT_TABLE),
  audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  policy: {
    retentionDays: env.COMPLAINT_PERSONAL_DATA_RETENTION_DAYS,
    backupWindowDays: env.PERSONAL_DATA_BACKUP_WINDOW_DAYS,
    pendingWindowDays: env.PERSONAL_DATA_KEY_PENDING_WINDOW_DAYS,
  },
};

/** One resource per deployment: the id never changes, so CloudFormation never asks to delete a replaced one. */
export const personalDataKeysPhysicalId = 'personal-data-keys';

const ScheduleEvent = z.object({ time: z.iso.datetime({ offset: true }) });
const CustomResourceEvent = z.object({ RequestType: z.enum(['Create', 'Update', 'Delete']) });

/** What the provider framework hands back to CloudFormation. */
export interface KeeperResourceResult {
  readonly PhysicalResourceId: string;
  readonly Data?: Readonly<Record<string, string>>;
}

async function keep(at: Date): Promise<KeptPersonalDataKeys> {
  const kept = await keepPersonalDataKeys(at, dependencies);
  logger.info('personal-data keys kept', {
    at: at.toISOString(),
    created: kept.created,
    markedUnused: kept.markedUnused,
    markedInUse: kept.markedInUse,
    scheduledForDeletion: kept.scheduledForDeletion,
    openComplaintsRead: kept.openComplaintsRead,
  });
  return kept;
}

export async function keepKeys(event: ScheduledEvent | CloudFormationCustomResourceEvent): Promise<KeptPersonalDataKeys | KeeperResourceResult> {
  const resource = CustomResourceEvent.safeParse(event);
  if (resource.success) {
    if (resource.data.RequestType === 'Delete') return { PhysicalResourceId: personalDataKeysPhysicalId };
    const kept = await keep(new Date());
    return {
      PhysicalResourceId: personalDataKeysPhysicalId,
      Data: { Created: String(kept.created.length), ScheduledForDeletion: String(kept.scheduledForDeletion.length) },
    };
  }
  // A scheduled run judges as of its scheduled time (a late run catches up on what was due).
  return keep(new Date(ScheduleEvent.parse(event).time));
}

export const handler = middy(keepKeys).use(middlewares);
