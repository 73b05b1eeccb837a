/**
 * Everything that holds data or keys: the customer-managed keys (data; complainants' personal
 * data and its lookup hash; the record seals), the tables of `shared/tables.ts`, the queues of `shared/topology.ts`
 * with their dead-letter queues, the operations alarm topic, the backup plan, and the audit
 * trail's digest bucket and signing key. Kept apart from
 * functions and API so those can be replaced freely; every data resource here is retained on
 * stack deletion.
 */
import { Arn, ArnFormat, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { periodKeyTags } from '#shared/adapters/kms/personal-data-key-policy.ts';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2, type Attribute, type GlobalSecondaryIndexPropsV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { physicalTableName, tableDesigns, type KeyAttribute, type TableDesign } from '#shared/tables.ts';
import { alertEventBus, queues, type QueueName, type TableName } from '#shared/topology.ts';
import { copyVaultName } from './backup-copy-vault-stack.ts';
import { wafLogGroupPrefix } from './constructs/api-firewall.ts';
import type { AppQueue, AppTable } from './constructs/app-function.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { PersonalDataKeys } from './constructs/personal-data-keys.ts';
import { RecordSealKey } from './constructs/record-seal-key.ts';
import { WebhookSecretKey } from './constructs/webhook-secret-key.ts';
import { AuditTrailStore } from './constructs/audit-trail-store.ts';
import { TableWriteTrail } from './constructs/table-write-trail.ts';
import type { DeploymentConfig } from './deployment-config.ts';
import { acknowledge, securityAcknowledgments } from './security-acknowledgments.ts';

/** Properties of a {@link StatefulStack}. */
export interface StatefulStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

/**
 * What keeps recovery points: a vault access policy denying their deletion and any change of their
 * lifecycle to every principal (application roles and operators alike; AWS Backup still expires
 * them by the plan), and, where the region offers it, Vault Lock in governance mode so that none
 * is deleted before the daily retention has passed.
 */
export const recoveryPointProtection = (config: Pick<DeploymentConfig, 'backup' | 'retention'>) => ({
  blockRecoveryPointDeletion: true,
  ...(config.backup.vaultLock ? { lockConfiguration: { minRetention: Duration.days(config.retention.dailyBackupDays) } } : {}),
});

/** Name pattern of every EventBridge rule of a deployment (the key lets them fill encrypted DLQs). */
export const eventRuleNamePattern = (prefix: string): string => `${prefix}-*`;

/** Physical name of a rule on the alert bus that feeds a queue (`QueueSpec.fedBy`). */
export const busRuleName = (prefix: string, rule: string): string => `${prefix}-${rule}`;

/** ARN of such a rule (a rule on a custom bus is `rule/<bus>/<rule>`), built from names so the queue's policy needs no reference to it. */
export const busRuleArn = (stack: Stack, prefix: string, rule: string): string =>
  Arn.format({ service: 'events', resource: 'rule', resourceName: `${prefix}-${alertEventBus.name}/${busRuleName(prefix, rule)}` }, stack);

/** Log group name patterns of a deployment, for the key policy's CloudWatch Logs statement. */
export const logGroupNamePatterns = (prefix: string): readonly string[] => [
  `/aws/lambda/${prefix}-*`,
  `/aws/apigateway/${prefix}-*`,
  `${wafLogGroupPrefix}${prefix}-*`,
  // API Gateway names its execution log group after the API id, which is not known in advance.
  'API-Gateway-Execution-Logs_*',
];

const attribute = (key: KeyAttribute): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const globalSecondaryIndexes = (design: TableDesign): GlobalSecondaryIndexPropsV2[] =>
  design.globalSecondaryIndexes.map((index) => ({
    indexName: index.indexName,
    partitionKey: attribute(index.partitionKey),
    sortKey: attribute(index.sortKey),
    projectionType: index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
  }));

const constructId = (name: string): string => name.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

/** Keys, tables, queues, alarm topic and backups of one deployment. */
export class StatefulStack extends Stack {
  /** The customer-managed key for tables, queues, log groups and the alarm topic. */
  readonly key: Key;
  /** The keys of complainants' personal data (envelope encryption and lookup hashes). */
  readonly personalDataKeys: PersonalDataKeys;
  /** The HMAC key the hour keys of the record seals are derived from. */
  readonly recordSealKey: Key;
  /** The key that seals webhook subscribers' signing secrets. */
  readonly webhookSecretKey: Key;
  readonly tables: Readonly<Record<TableName, AppTable>>;
  readonly queues: Readonly<Record<QueueName, AppQueue>>;
  /** The dead-letter queues of the queues, with their alarms (for the dashboard). */
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  readonly alarmTopic: Topic;
  readonly backupVault: BackupVault;
  readonly backupPlan: BackupPlan;
  /** The audit trail's sealed digests (Object Lock) and the key that signs them. */
  readonly auditTrail: AuditTrailStore;
  /** CloudTrail of every write to the tables (`audit.tableWriteTrail`). */
  readonly tableWriteTrail?: TableWriteTrail;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.key = this.createKey(config.prefix);
    this.personalDataKeys = new PersonalDataKeys(this, 'PersonalDataKeys', { prefix: config.prefix });
    this.recordSealKey = new RecordSealKey(this, 'RecordSealKey', { prefix: config.prefix }).key;
    this.webhookSecretKey = new WebhookSecretKey(this, 'WebhookSecretKey', { prefix: config.prefix }).key;

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      topicName: `${config.prefix}-alarms`,
      displayName: `${config.prefix} operations alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new EmailSubscription(config.alarm.email));
    acknowledge(this.alarmTopic, securityAcknowledgments.alarmEmailSubscription);

    this.tables = Object.fromEntries(Object.values(tableDesigns).map((design) => [design.name, this.createTable(config.prefix, design)])) as Record<
      TableName,
      AppTable
    >;

    const deadLetterQueues: DeadLetterQueue[] = [];
    this.queues = Object.fromEntries(
      queues.map((spec) => {
        const deadLetter = new DeadLetterQueue(this, `${constructId(spec.name)}DeadLetterQueue`, {
          queueName: `${config.prefix}-${spec.name}-dlq`,
          encryptionKey: this.key,
          alarmTopic: this.alarmTopic,
          purpose: `Records that failed ${spec.maxReceiveCount} times in ${spec.consumer}.`,
          source: 'queue',
        });
        deadLetterQueues.push(deadLetter);
        const queue = new Queue(this, `${constructId(spec.name)}Queue`, {
          queueName: `${config.prefix}-${spec.name}`,
          encryption: QueueEncryption.KMS,
          encryptionMasterKey: this.key,
          enforceSSL: true,
          visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
          retentionPeriod: Duration.days(spec.retentionDays),
          deadLetterQueue: { queue: deadLetter.queue, maxReceiveCount: spec.maxReceiveCount },
          // Accepted records (202) wait here; losing the queue would lose them.
          removalPolicy: RemovalPolicy.RETAIN,
        });
        if (spec.fedBy !== undefined) {
          // The bus rule that fills it (in the stateless stack, named by its physical name: no cross-stack reference back).
          // Its dead-letter queue takes what the rule could not deliver.
          for (const [target, sid] of [
            [queue, 'TheBusRuleFillsTheQueue'],
            [deadLetter.queue, 'TheBusRuleDeadLettersHere'],
          ] as const) {
            target.addToResourcePolicy(
              new PolicyStatement({
                sid,
                principals: [new ServicePrincipal('events.amazonaws.com')],
                actions: ['sqs:SendMessage'],
                resources: [target.queueArn],
                conditions: { ArnEquals: { 'aws:SourceArn': busRuleArn(this, config.prefix, spec.fedBy.rule) } },
              }),
            );
          }
        }
        const appQueue: AppQueue = { spec, queue, deadLetterQueue: deadLetter.queue, encryptionKey: this.key };
        return [spec.name, appQueue];
      }),
    ) as Record<QueueName, AppQueue>;
    this.deadLetterQueues = deadLetterQueues;

    this.backupVault = new BackupVault(this, 'BackupVault', {
      backupVaultName: `${config.prefix}-backup`,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
      ...recoveryPointProtection(config),
    });
    this.backupPlan = this.createBackupPlan(config);
    this.auditTrail = new AuditTrailStore(this, 'AuditTrail', {
      prefix: config.prefix,
      account: config.account,
      region: config.region,
      retentionDays: config.retention.auditDays,
      accessLogDays: config.retention.logDays,
      dataKey: this.key,
    });
    if (config.audit.tableWriteTrail) {
      this.tableWriteTrail = new TableWriteTrail(this, 'TableWriteTrail', {
        prefix: config.prefix,
        retentionDays: config.retention.auditDays,
        accessLogBucket: this.auditTrail.accessLogBucket,
      });
    }
  }

  private createKey(prefix: string): Key {
    const key = new Key(this, 'DataKey', {
      alias: `alias/${prefix}-data`,
      description: `Encrypts the tables, queues, log groups and alarm topic of ${prefix}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The deployment's tag: the keeper of the personal-data keys may tag only keys without it.
    Tags.of(key).add(periodKeyTags.deployment, prefix);
    const arnOf = (service: string, resource: string, resourceName: string): string =>
      Arn.format({ service, resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, this);

    // CloudWatch Logs uses a regional service principal (`.amazonaws.com.cn` in China).
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsEncryptsThisDeploymentsLogGroups',
        principals: [new ServicePrincipal(`logs.${this.region}.${this.urlSuffix}`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': logGroupNamePatterns(prefix).map((name) => arnOf('logs', 'log-group', name)),
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted alarm topic.
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheAlarmTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        // Only this account's alarms of this deployment (a confused deputy elsewhere gets nothing).
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': Arn.format(
              { service: 'cloudwatch', resource: 'alarm', resourceName: `${prefix}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME },
              this,
            ),
          },
        },
      }),
    );
    // EventBridge puts undeliverable schedule events into encrypted dead-letter queues.
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeRulesFillTheirDeadLetterQueues',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'aws:SourceArn': Arn.format({ service: 'events', resource: 'rule', resourceName: eventRuleNamePattern(prefix) }, this),
          },
        },
      }),
    );
    return key;
  }

  private createTable(prefix: string, design: TableDesign): AppTable {
    const table = new TableV2(this, `${constructId(design.name)}Table`, {
      tableName: physicalTableName(prefix, design.name),
      partitionKey: attribute(design.partitionKey),
      sortKey: attribute(design.sortKey),
      globalSecondaryIndexes: globalSecondaryIndexes(design),
      timeToLiveAttribute: design.timeToLiveAttribute,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return { design, table, encryptionKey: this.key };
  }

  private createBackupPlan(config: DeploymentConfig): BackupPlan {
    const copyVault = BackupVault.fromBackupVaultArn(
      this,
      'CopyRegionVault',
      Arn.format(
        {
          service: 'backup',
          region: config.backup.copyRegion,
          resource: 'backup-vault',
          resourceName: copyVaultName(config.prefix),
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        },
        this,
      ),
    );
    const daily = Duration.days(config.retention.dailyBackupDays);
    const monthly = Duration.days(config.retention.monthlyBackupDays);
    const plan = new BackupPlan(this, 'BackupPlan', {
      backupPlanName: `${config.prefix}-tables`,
      backupVault: this.backupVault,
    });
    plan.addRule(
      new BackupPlanRule({
        ruleName: 'Daily',
        // 18:00 UTC is 02:00 in Beijing; plain UTC cron keeps the plan free of optional time-zone support.
        scheduleExpression: Schedule.cron({ hour: '18', minute: '0' }),
        deleteAfter: daily,
        copyActions: [{ destinationBackupVault: copyVault, deleteAfter: daily }],
      }),
    );
    plan.addRule(
      new BackupPlanRule({
        ruleName: 'Monthly',
        scheduleExpression: Schedule.cron({ day: '1', hour: '19', minute: '0' }),
        deleteAfter: monthly,
        copyActions: [{ destinationBackupVault: copyVault, deleteAfter: monthly }],
      }),
    );
    const selection = plan.addSelection('Tables', {
      backupSelectionName: `${config.prefix}-tables`,
      resources: Object.values(this.tables).map((table) => BackupResource.fromArn(table.table.tableArn)),
      allowRestores: true,
    });
    acknowledge(selection, securityAcknowledgments.backupServiceRolePolicy, securityAcknowledgments.backupRestoreRolePolicy);
    return plan;
  }
}
