/**
 * A CloudTrail trail of every write to the deployment's tables (DynamoDB data events, write only):
 * who put, updated or deleted which item, when and from where, as evidence when a seal or the
 * audit trail's digest finds content changed outside the application (docs/operations.md,
 * "Act records altered" and "Audit trail integrity break"). Management events are not selected:
 * the account's event history (90 days) or an organisation trail holds them, and a second copy of
 * them would be billed.
 *
 * Its log files go to a bucket of their own: versioned, Object Lock in compliance mode for
 * `retention.auditDays`, encrypted (SSE-S3, as CloudTrail writes without a key grant), TLS only,
 * public access blocked, access logged; with log file validation, so a changed or deleted log
 * file is found by `aws cloudtrail validate-logs`.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnTrail, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Name of a deployment's table-write trail. */
export const tableWriteTrailName = (prefix: string): string => `${prefix}-table-writes`;

/** Properties of {@link TableWriteTrail}. */
export interface TableWriteTrailProps {
  readonly prefix: string;
  /** Days each log file stays locked (compliance mode) and kept. */
  readonly retentionDays: number;
  /** Where the log bucket's access logs go. */
  readonly accessLogBucket: IBucket;
}

/** The trail of the writes to every table named `<prefix>-*`, and its log bucket; both retained on stack deletion. */
export class TableWriteTrail extends Construct {
  readonly trail: Trail;
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: TableWriteTrailProps) {
    super(scope, id);
    this.logBucket = new Bucket(this, 'LogBucket', {
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'table-write-trail/',
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays + 1), noncurrentVersionExpiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new Trail(this, 'Trail', {
      trailName: tableWriteTrailName(props.prefix),
      bucket: this.logBucket,
      enableFileValidation: true,
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
      sendToCloudWatchLogs: false,
    });
    this.trail.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // DynamoDB data events need advanced event selectors, which CDK's Trail does not offer; with
    // them, only what they select is logged (no management events).
    const stack = Stack.of(this);
    const cfnTrail = this.trail.node.defaultChild as CfnTrail;
    // CloudTrail refuses basic and advanced selectors together, even an empty list of the first.
    cfnTrail.addPropertyDeletionOverride('EventSelectors');
    cfnTrail.advancedEventSelectors = [
      {
        name: 'Writes to the tables of this deployment',
        fieldSelectors: [
          { field: 'eventCategory', equalTo: ['Data'] },
          { field: 'resources.type', equalTo: ['AWS::DynamoDB::Table'] },
          { field: 'readOnly', equalTo: ['false'] },
          { field: 'resources.ARN', startsWith: [`arn:${stack.partition}:dynamodb:${stack.region}:${stack.account}:table/${props.prefix}-`] },
        ],
      },
    ];
  }
}
