/**
 * Where the audit trail's sealed digests are kept, and the key that signs them (security.md,
 * Audit; modelled on CloudTrail's log-file integrity validation):
 *
 * - the digest bucket: versioned, S3 Object Lock in compliance mode for `retention.auditDays`
 *   (nobody, the account's root included, can delete or shorten a locked version before then),
 *   encrypted with the deployment's data key (bucket key on), public access blocked, TLS only,
 *   access logged; its policy refuses every delete, every retention change and every write of a
 *   digest that could replace one (`If-None-Match: *` required), to every principal;
 * - the access-log bucket it logs to (SSE-S3: S3 cannot deliver access logs to an SSE-KMS bucket);
 * - an asymmetric KMS key (`ECC_NIST_P256`, `SIGN_VERIFY`) whose policy lets only the sealer's
 *   role sign: ECDSA on P-256 is offered by KMS in the China regions and in every other region,
 *   and any ECDSA verifier (node:crypto, OpenSSL) checks it with the exported public key; SM2
 *   exists only in the China regions (the stack also deploys elsewhere) and node:crypto cannot
 *   verify SM2 signatures with the identifier SM2 requires.
 */
import { Arn, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage, type IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AuditTrailAccess } from '#shared/topology.ts';
import { acknowledge, securityAcknowledgments, type SecurityAcknowledgment } from '../security-acknowledgments.ts';

/** The prefix of every digest object key (`digests/<day>/<time>Z.json`). */
export const digestKeyPrefix = 'digests/';

/** Physical name of a deployment's digest bucket: unique in its partition (account and region), at most 62 characters. */
export const auditDigestBucketName = (config: { readonly prefix: string; readonly account: string; readonly region: string }): string =>
  `${config.prefix}-audit-digests-${config.account}-${config.region}`;

/** Alias of a deployment's audit signing key. */
export const auditSigningKeyAlias = (prefix: string): string => `alias/${prefix}-audit-signing`;

const sealerRolePrefix = (prefix: string): string => `${prefix}-audit-seal-`;

/** Physical name of a sealing function's role: the signing key's policy lets only roles so named sign. */
export const auditSealerRoleName = (prefix: string, functionName: string): string => `${sealerRolePrefix(prefix)}${functionName}`;

/** What the stateless stack needs of the audit trail store. */
export interface AuditTrailStoreSet {
  readonly digestBucket: IBucket;
  /** The digest bucket's name: fixed by the configuration, so grants name it without a cross-stack reference. */
  readonly digestBucketName: string;
  readonly signingKey: IKey;
  /** The key of the digest bucket's encryption. */
  readonly bucketKey: IKey;
}

/** Properties of {@link AuditTrailStore}. */
export interface AuditTrailStoreProps {
  readonly prefix: string;
  readonly account: string;
  readonly region: string;
  /** Days each digest stays locked (compliance mode). */
  readonly retentionDays: number;
  /** Days the access logs of the digest bucket are kept. */
  readonly accessLogDays: number;
  /** The deployment's data key: the digest bucket's encryption. */
  readonly dataKey: IKey;
}

/** The digest bucket, its access-log bucket and the signing key of one deployment, retained on stack deletion. */
export class AuditTrailStore extends Construct implements AuditTrailStoreSet {
  readonly digestBucket: Bucket;
  readonly digestBucketName: string;
  readonly accessLogBucket: Bucket;
  readonly signingKey: Key;
  readonly bucketKey: IKey;

  constructor(scope: Construct, id: string, props: AuditTrailStoreProps) {
    super(scope, id);
    this.bucketKey = props.dataKey;
    this.digestBucketName = auditDigestBucketName(props);
    this.accessLogBucket = new Bucket(this, 'AccessLogBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays), noncurrentVersionExpiration: Duration.days(props.accessLogDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.accessLogBucket, securityAcknowledgments.accessLogBucketLogsNothing);

    this.digestBucket = new Bucket(this, 'DigestBucket', {
      bucketName: this.digestBucketName,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      encryption: BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'digest-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const objects = this.digestBucket.arnForObjects('*');
    this.digestBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NoDeletesNoRetentionChanges',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:BypassGovernanceRetention'],
        resources: [objects],
      }),
    );
    this.digestBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DigestsAreWrittenOnceOnly',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.digestBucket.arnForObjects(`${digestKeyPrefix}*`)],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );

    this.signingKey = new Key(this, 'SigningKey', {
      alias: auditSigningKeyAlias(props.prefix),
      description: `Signs the sealed digests of the audit trail of ${props.prefix} (ECDSA P-256); only the sealer's role may sign`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.signingKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyTheSealerSigns',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:Sign'],
        resources: ['*'],
        conditions: {
          ArnNotLike: {
            'aws:PrincipalArn': Arn.format(
              { service: 'iam', region: '', resource: 'role', resourceName: `${sealerRolePrefix(props.prefix)}*` },
              Stack.of(this),
            ),
          },
        },
      }),
    );
  }
}

/**
 * Grants a function role what its access to the audit trail needs, on the digests' prefix only:
 * `seal` → write new digests (`s3:PutObject`, which the bucket policy allows only with
 * `If-None-Match: *`), read and list them, sign with the signing key and read its public key;
 * `read` → read and list digests and read the public key. Never a delete, a retention change or
 * a bypass. The bucket key's use is allowed only through S3.
 */
export function grantAuditTrail(role: IRole, store: AuditTrailStoreSet, access: AuditTrailAccess): void {
  const stack = Stack.of(role);
  const bucketArn = stack.formatArn({ service: 's3', region: '', account: '', resource: store.digestBucketName });
  const digests = `${bucketArn}/${digestKeyPrefix}*`;
  role.addToPrincipalPolicy(
    new PolicyStatement({ effect: Effect.ALLOW, actions: access === 'seal' ? ['s3:PutObject', 's3:GetObject'] : ['s3:GetObject'], resources: [digests] }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['s3:ListBucket'],
      resources: [bucketArn],
      conditions: { StringLike: { 's3:prefix': `${digestKeyPrefix}*` } },
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: access === 'seal' ? ['kms:Sign', 'kms:GetPublicKey'] : ['kms:GetPublicKey'],
      resources: [store.signingKey.keyArn],
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: access === 'seal' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:Decrypt'],
      resources: [store.bucketKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.${stack.urlSuffix}` } },
    }),
  );
  acknowledge(role, digestObjectsByPrefix(store.digestBucketName));
}

/**
 * The one wildcard of these grants: digest objects are named by span (`digests/<day>/<time>Z.json`)
 * as they are sealed, so a grant can name their prefix only.
 */
export const digestObjectsByPrefix = (bucketName: string): SecurityAcknowledgment => ({
  ...securityAcknowledgments.auditDigestObjectsByPrefix,
  id: securityAcknowledgments.auditDigestObjectsByPrefix.id.replace('<bucket>', bucketName),
});
