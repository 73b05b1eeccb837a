/**
 * Every cdk-nag finding this project accepts, in one place, each with the compensating control
 * that makes it acceptable. Constructs apply them with {@link acknowledge}; the list of applied
 * acknowledgments is snapshot-tested, so a new one shows up in review.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A rule (or one finding of a rule, `Rule[Finding]`) accepted with its compensating control. */
export interface SecurityAcknowledgment {
  readonly id: string;
  readonly reason: string;
}

/** Why CDK's upload function of the site may use the wildcards its construct grants. */
const siteUploadGrants =
  "CDK's BucketDeployment function, which copies the console's build into the site bucket during a deployment (CloudFormation alone invokes it): read on the deployment's CDK asset bucket and its objects, write and delete on the site bucket's objects, as the construct grants them; object keys are the build's content-hashed file names, unknown when the policy is written.";

/** The catalogue of accepted findings. */
export const securityAcknowledgments = {
  backupServiceRolePolicy: {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    reason:
      "AWS Backup service-role policy, maintained by AWS for backup and cross-region copy of DynamoDB; the role is assumable only by backup.amazonaws.com and used only by this plan's selection of our tables.",
  },
  backupRestoreRolePolicy: {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
    reason:
      'AWS Backup restore policy, maintained by AWS, needed for the restore drill (`npm run restore-drill`, docs/operations.md); the role is assumable only by backup.amazonaws.com, and restores create new tables (PITR and deletion protection on the originals).',
  },
  nodeRuntimePinned: {
    id: 'AwsSolutions-L1',
    reason:
      'Runtime pinned to nodejs22.x, the version the code is built and tested for (target node22 in bundling); upgrades are a reviewed change of the AppFunction construct, not drift.',
  },
  nodeRuntimePinnedServerless: {
    id: 'Serverless-LambdaLatestVersion',
    reason:
      'Runtime pinned to nodejs22.x, the version the code is built and tested for (target node22 in bundling); upgrades are a reviewed change of the AppFunction construct, not drift.',
  },
  busRuleTargetOfTheSameDeployment: {
    id: 'Annotation::@aws-cdk/aws-events:ruleUnresolvedEnvironment',
    reason:
      "The bus rule's target is the webhook queue of the same deployment's stateful stack (same account and region, its ARN passed between the two stacks of one stage); CDK cannot read the account and region from the ARN's tokens, nothing crosses accounts or regions.",
  },
  deadLetterQueueIsTheEnd: {
    id: 'AwsSolutions-SQS3',
    reason:
      "This queue is itself a dead-letter queue (of an SQS queue or of an EventBridge target); its depth > 0 raises an alarm to operations; `npm run redrive` moves an SQS queue's dead letters back to it (docs/operations.md), and a schedule's are inspected and purged, its next tick catching up.",
  },
  deadLetterQueueHasNoRedrive: {
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      "This queue is itself a dead-letter queue; its depth > 0 raises an alarm to operations, messages are kept 14 days, and `npm run redrive` moves them back to their source queue (docs/operations.md; a schedule's dead letters have none, its next tick catches up).",
  },
  bodyValidatedByFunction: {
    id: 'AwsSolutions-APIG2',
    reason:
      'Request parameters are validated by API Gateway; bodies are validated by the functions against the zod wire schemas, which answer per-record verdicts and RFC 9457 problems naming the field (a gateway model would reject a whole batch for one bad record).',
  },
  noCognitoUserPools: {
    id: 'AwsSolutions-COG4',
    reason:
      "AWS China has no Cognito user pools: departments call with SigV4 under one IAM role each (Roles Anywhere, X.509), staff with OIDC JWTs of the city's identity provider verified by the staff Lambda authorizer; the same design is used in every partition.",
  },
  publicRoute: {
    id: 'AwsSolutions-APIG4',
    reason:
      'Route declared public in shared/topology.ts (published information only, no personal data); protected by the WAF common rule set, the per-address rate rule and stage throttling.',
  },
  publicComplaintRoute: {
    id: 'AwsSolutions-APIG4',
    reason:
      'Art. 19 complaint route, public by law (citizens and enterprises file and follow complaints without an account); protected by the WAF common rule set, a per-address rate rule on /v1/public/ (429), stage throttling of filing, body size limits and strict schemas in the function; a status is answered only to the holder of the receipt number and its secret query token.',
  },
  corsPreflight: {
    id: 'AwsSolutions-APIG4',
    reason:
      'CORS preflight (OPTIONS) of an Art. 19 public complaint resource: browsers send preflights without credentials by design; a mock integration (no Lambda, no data) answers 204 with the allowed methods only to the origins listed in the deployment configuration and 403 to any other; covered by the WAF rules on /v1/public/.',
  },
  staffCorsPreflight: {
    id: 'AwsSolutions-APIG4',
    reason:
      "CORS preflight (OPTIONS) of a staff resource, where the console calls the API on its own domain (AWS China): browsers send preflights without credentials by design, so the staff authorizer cannot run on them; a mock integration (no Lambda, no data) answers 204 with the allowed methods only to the site's own origin and 403 to any other; covered by the API's WAF rules. The staff methods themselves keep their authorizer.",
  },
  xrayNeedsAllResources: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Added by Lambda active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; write-only telemetry actions.',
  },
  alarmEmailSubscription: {
    id: 'Serverless-SNSRedrivePolicy',
    reason: 'E-mail subscription of the operations mailbox; SNS retries delivery, and every alarm stays visible in CloudWatch whether or not the mail arrives.',
  },
  synchronousFunction: {
    id: 'Serverless-LambdaDLQ',
    reason:
      'Invoked synchronously (API Gateway, the caller sees the error; or the custom-resource provider framework of a deployment step, whose failure fails and rolls back the deployment) or by an SQS event source mapping (failed records return to the queue and its redrive policy moves them to an alarmed DLQ); there are no asynchronous invocations to lose.',
  },
  sqsEventSourceFailures: {
    id: 'Serverless-LambdaEventSourceMappingDestination',
    reason:
      'SQS event source mappings have no on-failure destination; partial batch failures return to the queue, whose redrive policy moves them after maxReceiveCount to the DLQ with a depth alarm.',
  },
  noLambdaTracingInChina: {
    id: 'Serverless-LambdaTracing',
    reason:
      'Lambda has no X-Ray integration in AWS China (aws-cn), so tracing is feature-flagged off there; correlation comes from Powertools structured logs with request ids, and API Gateway access logs.',
  },
  noApiTracingInChina: {
    id: 'Serverless-APIGWXrayEnabled',
    reason:
      'Tracing is feature-flagged off in AWS China (aws-cn), where Lambda has no X-Ray integration; JSON access logs carry request ids that the function logs repeat.',
  },
  providerFrameworkInvokesCityStructureStep: {
    // The finding names the step function by its logical id; `DeploymentStep` checks at synthesis that it still does.
    id: 'AwsSolutions-IAM5[Resource::<applycitystructureFunctionDDDCB3CE.Arn>:*]',
    reason:
      'CDK custom-resource provider framework of the city-structure deployment step: lambda:InvokeFunction on the apply-city-structure function and its versions (`:*`), as the framework grants it. The role may invoke that one function and write its own log group, nothing else, and only CloudFormation invokes the framework.',
  },
  personalDataKeysByTag: {
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
    reason:
      "The personal-data keys per month are created at run time by the personal-data-keys function, so no ARN can be named: every grant on them is conditioned on the deployment's tags (aws:ResourceTag/esup:deployment and esup:purpose, the filing only esup:kind=intake, re-wrapping only to esup:kind=retention) and on the purpose encryption context; each key's own policy (shared/adapters/kms/personal-data-key-policy.ts) denies its use to every role but the personal-data function roles.",
  },
  personalDataKeyKeeper: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      "kms:CreateKey and kms:ListAliases name no resource in IAM. CreateKey is allowed only for a symmetric AWS_KMS key of one Region tagged with exactly the deployment's tags (aws:RequestTag, aws:TagKeys); tagging only keys without the deployment's tag; aliases only under alias/<prefix>-pd-. What else the keeper does to a key, it may only to the keys it made, by their own key policy.",
  },
  personalDataKeyAliases: {
    // `<prefix>` is the deployment's: `personalDataKeyAliasesOf` fills it in.
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:alias/<prefix>-pd-*]',
    reason:
      "The keeper names each key per period by an alias it creates at run time (alias/<prefix>-pd-intake-<month>, alias/<prefix>-pd-retention-<month>): kms:CreateAlias is allowed on this deployment's alias prefix only, and on the target key only when that key carries the deployment's personal-data tags.",
  },
  auditDigestObjectsByPrefix: {
    // `<bucket>` is the deployment's digest bucket: `digestObjectsByPrefix` fills it in.
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<bucket>/digests/*]',
    reason:
      'Audit digests are named by the span they seal (digests/<day>/<time>Z.json), so a role can be granted their prefix only. The bucket policy refuses every delete and retention change and any write of a digest without If-None-Match: * to every principal, and Object Lock in compliance mode keeps each digest version for retention.auditDays (AuditTrailStore).',
  },
  providerFrameworkInvokesPersonalDataKeysStep: {
    // The finding names the step function by its logical id; `DeploymentStep` checks at synthesis that it still does.
    id: 'AwsSolutions-IAM5[Resource::<personaldatakeysFunction038B2661.Arn>:*]',
    reason:
      'CDK custom-resource provider framework of the personal-data-keys deployment step: lambda:InvokeFunction on the personal-data-keys function and its versions (`:*`), as the framework grants it. The role may invoke that one function and write its own log group, nothing else, and only CloudFormation invokes the framework.',
  },
  providerFrameworkSynchronous: {
    id: 'Serverless-LambdaDLQ',
    reason:
      'CloudFormation invokes the provider framework function of a custom resource and waits for its answer; a failure fails the deployment, which CloudFormation rolls back and reports: there is no asynchronous event to lose.',
  },
  accessLogBucketLogsNothing: {
    id: 'AwsSolutions-S1',
    reason:
      "The access-log bucket of the audit digest bucket (AuditTrailStore): it receives that bucket's server access logs and would only log into itself; it blocks public access, accepts TLS only, is versioned and encrypted (SSE-S3, the only encryption S3 log delivery accepts), and only the S3 logging service may write to it.",
  },
  siteLogBucketLogsNothing: {
    id: 'AwsSolutions-S1',
    reason:
      "The site's log bucket (ConsoleSite): it receives CloudFront's standard logs and the site bucket's server access logs and would only log into itself; it blocks public access, accepts TLS only, is versioned and encrypted (SSE-S3, the only encryption S3 and CloudFront log delivery accept), and keeps logs retention.logDays.",
  },
  siteGeoRestriction: {
    id: 'AwsSolutions-CFR1',
    reason:
      "The console and the complaint page serve the city's staff and citizens wherever they are (staff on mission, citizens abroad filing an Art. 19 complaint); the site holds only the public build, and every /v1/ request is authenticated or rate-limited at the API.",
  },
  siteWithoutEdgeFirewall: {
    id: 'AwsSolutions-CFR2',
    reason:
      "AWS China offers WAF only regionally, never on CloudFront, and one design serves both partitions: the default and asset behaviours serve the static build only, and every /v1/ request still passes the API stage's regional web ACL (common rule set, rate rules) and throttling; requests through the distribution are counted per viewer there (rules ForgedViewerAddress and RatePerViewerAddress, on the x-viewer-address header the distribution's function writes); in AWS China the site has no /v1/ behaviour, and the pages call the API's own domain.",
  },
  siteOriginVerificationNotRotated: {
    id: 'AwsSolutions-SMG4',
    reason:
      "The site's origin verification value is no one's credential: CloudFront sends it to the API and the API's web ACL compares it, so that a viewer address the distribution writes can be trusted. CloudFormation resolves it into those two resources at deployment only, so a rotation would leave them holding the old value; and a leaked value lets its holder choose the address its requests are counted under (as using many addresses would), while staff routes still need a token and every per-token limit stands.",
  },
  siteOriginAccessIdentityInChina: {
    id: 'AwsSolutions-CFR7',
    reason:
      'CloudFront in AWS China has no origin access control (CloudFormation does not know AWS::CloudFront::OriginAccessControl there): the bucket is read through an origin access identity instead, the bucket blocks all public access, and its policy lets only that identity read objects; other partitions use OAC.',
  },
  siteDefaultCertificate: {
    id: 'AwsSolutions-CFR4',
    reason:
      "No site.customDomain in this deployment (outside AWS China only): CloudFront's default *.cloudfront.net certificate, whose security policy cannot be raised; browsers negotiate TLS 1.2 or 1.3 with it. A deployment with its own domain gets TLSv1.2_2021 (docs/deploy.md).",
  },
  siteUploadManagedPolicy: {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "CDK's BucketDeployment function, which copies the console's build into the site bucket during a deployment: the AWS-managed basic execution policy lets it write its own logs only; CloudFormation alone invokes it.",
  },
  siteUploadReadsAssetObjects: {
    id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
    reason: siteUploadGrants,
  },
  siteUploadReadsAssetBucket: {
    id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
    reason: siteUploadGrants,
  },
  siteUploadListsBuckets: {
    id: 'AwsSolutions-IAM5[Action::s3:List*]',
    reason: siteUploadGrants,
  },
  siteUploadReplacesObjects: {
    id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
    reason: siteUploadGrants,
  },
  siteUploadAbortsUploads: {
    id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
    reason: siteUploadGrants,
  },
  siteUploadAssetObjects: {
    // `<bucket>` is the deployment's CDK asset bucket: `siteUploadAssetObjectsOf` fills it in.
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<bucket>/*]',
    reason: siteUploadGrants,
  },
  siteUploadSiteObjects: {
    // The finding names the site bucket by its logical id; `ConsoleSite` checks at synthesis that it still does.
    id: 'AwsSolutions-IAM5[Resource::<ConsoleSiteBucket380F1C30.Arn>/*]',
    reason: siteUploadGrants,
  },
  siteUploadRuntime: {
    id: 'AwsSolutions-L1',
    reason: "CDK's BucketDeployment function: its runtime is chosen and upgraded by aws-cdk-lib with the construct; it runs only during a deployment.",
  },
  siteUploadRuntimeServerless: {
    id: 'Serverless-LambdaLatestVersion',
    reason: "CDK's BucketDeployment function: its runtime is chosen and upgraded by aws-cdk-lib with the construct; it runs only during a deployment.",
  },
  siteUploadInvokedByCloudFormation: {
    id: 'Serverless-LambdaDLQ',
    reason:
      "CDK's BucketDeployment function: CloudFormation invokes it for its custom resource and waits for its answer; a failure or no answer fails the deployment, which CloudFormation rolls back and reports, so there is no event to lose.",
  },
  siteUploadTracing: {
    id: 'Serverless-LambdaTracing',
    reason:
      "CDK's BucketDeployment function, which copies the console's build during a deployment only; its outcome is the deployment's (CloudFormation events), its logs go to its encrypted log group, and there is no request path to trace.",
  },
  departmentOwnAlertRoute: {
    // `<route>` is one of the department's own routes with path parameters: `departmentOwnAlertRouteOf` fills it in.
    id: 'AwsSolutions-IAM5[Resource::<route>]',
    reason:
      "A department role's invoke grant on its own department's routes (shared/topology.ts, auth `department`: its alerts, the accountability measures about it, and its reconciliation manifests): the department segment of the path is the role's own department, so the role can reach no other department's; the wildcards stand for the path parameters ({kind}/{caseId}/{ruleId} of an alert, {measureNumber} of a measure, {day} of a manifest) of that department, unknown when the policy is written. The serving function checks again that the path's department is the signing one (test/e2e/department-alerts.test.ts, test/e2e/accountability-measures.test.ts, test/e2e/reconciliation.test.ts: refused by the role's policy under the local runtime's IAM).",
  },
} as const satisfies Record<string, SecurityAcknowledgment>;

/** The keeper's alias acknowledgment, for a deployment's prefix. */
export const personalDataKeyAliasesOf = (prefix: string): SecurityAcknowledgment => ({
  ...securityAcknowledgments.personalDataKeyAliases,
  id: securityAcknowledgments.personalDataKeyAliases.id.replace('<prefix>', prefix),
});

/** The acknowledgment of one department role's grant on one of its own alert routes, named as cdk-nag names its resource. */
export const departmentOwnAlertRouteOf = (resource: string): SecurityAcknowledgment => ({
  ...securityAcknowledgments.departmentOwnAlertRoute,
  id: securityAcknowledgments.departmentOwnAlertRoute.id.replace('<route>', resource),
});

/** The upload function's read of the asset bucket, for a deployment's CDK asset bucket. */
export const siteUploadAssetObjectsOf = (bucket: string): SecurityAcknowledgment => ({
  ...securityAcknowledgments.siteUploadAssetObjects,
  id: securityAcknowledgments.siteUploadAssetObjects.id.replace('<bucket>', bucket),
});

/** Acknowledges findings on a construct and everything under it. */
export const acknowledge = (scope: IConstruct, ...acknowledgments: readonly SecurityAcknowledgment[]): void => {
  for (const { id, reason } of acknowledgments) {
    Validations.of(scope).acknowledge({ id, reason });
  }
};
