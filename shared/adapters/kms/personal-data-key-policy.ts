/**
 * What every personal-data key per period is made with, in one place for the stack (which hands
 * it to the keeper and grants by it) and the keeper (which creates keys with it): the tags that
 * say what a key is, and its key policy. The policy is that of the stack's personal-data key
 * (`infra/cdk/constructs/personal-data-keys.ts`) — the account administers it through IAM, no
 * principal but the personal-data function roles may use it, none without the purpose context,
 * and only the opening roles may unwrap or re-wrap — plus what the keeper may do to the keys it
 * made: describe them, read and set the mark of being unused, turn on rotation and schedule
 * their deletion. Nothing else of them, and nothing of any other key.
 */
import { personalDataPurpose } from './kms-personal-data-protector.ts';

/** The tags of a period key (`aws:ResourceTag/<tag>` in the grants). */
export const periodKeyTags = {
  /** The deployment prefix. */
  deployment: 'esup:deployment',
  /** Always `complaint-personal-data`. */
  purpose: 'esup:purpose',
  /** `intake` or `retention` (the stack's own personal-data key: `legacy`). */
  kind: 'esup:kind',
  /** The month, `YYYY-MM`. */
  period: 'esup:period',
  /** An intake key: when the keeper first found no open complaint under it (ISO), empty while one is. */
  unusedSince: 'esup:unusedSince',
} as const;

/** The tags a key is created with (everything but the mark of being unused). */
export const periodKeyCreationTags = [periodKeyTags.deployment, periodKeyTags.purpose, periodKeyTags.kind, periodKeyTags.period] as const;

/** Cryptographic uses of a data-wrapping key. */
export const dataKeyUse = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'] as const;

/** What the keeper may do to the period keys it made (their key policy grants it; its IAM policy does not). */
export const keeperKeyActions = ['kms:DescribeKey', 'kms:ListResourceTags', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion'] as const;

/** `personal-data-keys` role prefixes: any personal-data function, and those that open. */
export const personalDataRolePrefixes = (prefix: string) => ({ any: `${prefix}-pd-`, seal: `${prefix}-pd-seal-`, sealAndOpen: `${prefix}-pd-open-` }) as const;

export interface PeriodKeyPolicyInput {
  /** `aws`, `aws-cn`, ... */
  readonly partition: string;
  readonly account: string;
  /** Deployment prefix. */
  readonly prefix: string;
  /** The keeper's role. */
  readonly keeperRoleArn: string;
}

type Statement = Record<string, unknown>;

/** The key policy every period key is created with. */
export function periodKeyPolicy(input: PeriodKeyPolicyInput): { readonly Version: '2012-10-17'; readonly Statement: readonly Statement[] } {
  const roleArnLike = (namePrefix: string): string => `arn:${input.partition}:iam::${input.account}:role/${namePrefix}*`;
  const roles = personalDataRolePrefixes(input.prefix);
  const everyone = { AWS: '*' };
  const ofThisDeployment = { [`aws:ResourceTag/${periodKeyTags.deployment}`]: input.prefix };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccountAdministersThroughIam',
        Effect: 'Allow',
        Principal: { AWS: `arn:${input.partition}:iam::${input.account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'OnlyForComplaintPersonalData',
        Effect: 'Deny',
        Principal: everyone,
        Action: [...dataKeyUse],
        Resource: '*',
        Condition: { StringNotEquals: { 'kms:EncryptionContext:purpose': personalDataPurpose } },
      },
      {
        Sid: 'OnlyPersonalDataFunctionsSeal',
        Effect: 'Deny',
        Principal: everyone,
        Action: [...dataKeyUse],
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': roleArnLike(roles.any) } },
      },
      {
        Sid: 'OnlyOpeningFunctionsDecrypt',
        Effect: 'Deny',
        Principal: everyone,
        Action: ['kms:Decrypt', 'kms:ReEncrypt*'],
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': roleArnLike(roles.sealAndOpen) } },
      },
      {
        Sid: 'KeeperKeepsThePeriodKeysItMade',
        Effect: 'Allow',
        Principal: { AWS: input.keeperRoleArn },
        Action: [...keeperKeyActions],
        Resource: '*',
        Condition: { StringEquals: ofThisDeployment },
      },
      {
        Sid: 'KeeperMarksIntakeKeysUnused',
        Effect: 'Allow',
        Principal: { AWS: input.keeperRoleArn },
        Action: 'kms:TagResource',
        Resource: '*',
        Condition: {
          StringEquals: { ...ofThisDeployment, [`aws:ResourceTag/${periodKeyTags.kind}`]: 'intake' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [periodKeyTags.unusedSince] },
        },
      },
    ],
  };
}
