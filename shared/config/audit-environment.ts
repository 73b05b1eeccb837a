/**
 * What the audit trail's functions read at cold start: the digest bucket, the signing key and
 * (the sealer) its grace period. Set by the stack from the topology's `auditTrail` and
 * `settings: ['auditSealing']`.
 */
import * as z from 'zod';
import { environmentNames } from '../topology.ts';
import { numberFromEnvironment, required, settingRules } from './setting-rules.ts';

/** A bucket name as S3 accepts it. */
const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name');

/** The sealed digests and the key that signs them. */
export const AuditTrailEnvironment = z.object({
  [environmentNames.tables.audit]: z.string().min(3).max(255),
  [environmentNames.auditDigestBucket]: bucketName,
  [environmentNames.auditSigningKey]: z.string().regex(/^arn:aws(-cn)?:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, 'a KMS key ARN'),
});

/** Seconds the sealer stays behind the clock (`audit.sealGraceSeconds` of the configuration). */
export const AuditSealingEnvironment = z.object({
  [environmentNames.settings.auditSealGraceSeconds]: numberFromEnvironment(required(settingRules.audit.sealGraceSeconds)),
});
