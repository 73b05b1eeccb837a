/**
 * Verifies the audit trail over a range of days, as the sealer re-checks it and as an evaluator
 * would: each day's entries against the sealed digests (every entry sealed as it was), the
 * digests against each other (one chain, no gap, no restart) and against the signing key (each
 * signature checked with the key's public key from KMS). Names the first missing, altered or
 * inserted entry, and any missing or broken digest.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbAuditEntries } from '#shared/adapters/dynamodb/dynamodb-audit-entries.ts';
import { KmsDigestVerifier } from '#shared/adapters/kms/kms-digest-keys.ts';
import { S3DigestStore } from '#shared/adapters/s3/s3-digest-store.ts';
import { describeFinding } from '#shared/application/audit/describe-finding.ts';
import { verifyAuditTrail, type AuditTrailVerification } from '#shared/application/audit/verify-audit-trail.ts';
import { daysFrom } from '#shared/domain/audit/seal-span.ts';
import type { AuditTrailConnection } from './audit-trail-connection.ts';

/** The days from `from` to `to`, both included (UTC dates, as the store partitions its entries). */
export const daysBetween = (from: string, to: string): string[] => daysFrom(from, to);

/** A verification with what it was run against. */
export interface AuditVerification extends AuditTrailVerification {
  readonly table: string;
  readonly bucket: string;
  /** ARN of the signing key whose signatures were checked. */
  readonly signingKey: string;
  /** The first finding in words (Chinese first). */
  readonly firstFindingDescription?: string;
}

/** Reads and checks each day (an operator's read: entries, digests and the public key). */
export async function verifyAudit(
  dynamodb: DynamoDBClient,
  table: string,
  trail: AuditTrailConnection,
  days: readonly string[],
  today = new Date().toISOString().slice(0, 10),
): Promise<AuditVerification> {
  const verifier = await KmsDigestVerifier.load(trail.kms, trail.signingKey);
  const result = await verifyAuditTrail(
    days,
    { entries: new DynamoDbAuditEntries(DynamoDBDocumentClient.from(dynamodb), table), digests: new S3DigestStore(trail.s3, trail.bucket), verifier },
    { today },
  );
  return {
    table,
    bucket: trail.bucket,
    signingKey: verifier.keyId,
    ...result,
    ...(result.firstFinding === undefined ? {} : { firstFindingDescription: describeFinding(result.firstFinding) }),
  };
}

/** Findings printed per day at most (all are counted; `--json` has them all). */
const printedPerDay = 20;

/** What a person reads: Chinese first, English second. */
export function formatAuditVerification(result: AuditVerification): string {
  const first = result.days[0]?.day;
  const last = result.days.at(-1)?.day;
  const pending = result.days.reduce((sum, day) => sum + day.unsealed.pending, 0);
  const beforeChain = result.days.reduce((sum, day) => sum + day.unsealed.beforeChain, 0);
  const lines = [
    `审计表 / Audit table: ${result.table}`,
    `摘要桶 / Digest bucket: ${result.bucket}`,
    `签名密钥 / Signing key: ${result.signingKey}`,
    `日期 / Days: ${first} – ${last}（${result.days.length} 天 / days）`,
    `核验条目 / Entries checked: ${result.entries}；封存摘要 / Sealed digests: ${result.digests}`,
    `待下次封存的条目 / Entries awaiting the next seal: ${pending}；封存链开始前的条目 / Entries before the chain began: ${beforeChain}`,
    `发现的问题 / Findings: ${result.findings}`,
  ];
  if (result.firstFindingDescription !== undefined) lines.push(`第一个问题 / First finding: ${result.firstFindingDescription}`);
  for (const day of result.days.filter((checked) => checked.findings.length > 0)) {
    lines.push(`  ${day.day}:`, ...day.findings.slice(0, printedPerDay).map((finding) => `    ${describeFinding(finding)}`));
    if (day.findings.length > printedPerDay)
      lines.push(`    … 另有 ${day.findings.length - printedPerDay} 个 / and ${day.findings.length - printedPerDay} more (--json)`);
  }
  if (result.findings === 0) lines.push('封存的条目与摘要链完整，签名有效 / Every sealed entry is as sealed; the chain is whole and every signature valid');
  return `${lines.join('\n')}\n`;
}
