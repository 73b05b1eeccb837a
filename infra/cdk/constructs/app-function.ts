/**
 * The one way a Lambda function of this project is built: handler from `functions/<name>/`,
 * runtime, bundling, log group, environment and IAM all decided here, so the stacks only say
 * which function binds to which table or queue.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, personalDataKeyAliasesOf, securityAcknowledgments } from '../security-acknowledgments.ts';
import { functionBundling, functionBundlingEsbuildArgs } from './function-bundling.ts';
import { grantWebhookSecrets, webhookSecretRoleName } from './webhook-secret-key.ts';
import { grantRecordSeals, recordSealRoleName } from './record-seal-key.ts';
import { periodKeyPolicy } from '#shared/adapters/kms/personal-data-key-policy.ts';
import { grantPersonalData, grantPersonalDataKeyKeeping, periodKeyAliasPrefix, personalDataRoleName, type PersonalDataKeySet } from './personal-data-keys.ts';
import { auditSealerRoleName, grantAuditTrail, type AuditTrailStoreSet } from './audit-trail-store.ts';
import { metricsNamespace } from '#shared/observability/operational-metrics.ts';
import type { TableDesign } from '#shared/tables.ts';
import { environmentNames, handlerPath, writingItemActions, type FunctionSpec, type QueueSpec, type TableGrant } from '#shared/topology.ts';

/** Repository root: entries, the lockfile and `package.json` `imports` are resolved from here. */
export const repositoryRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Memory when the topology does not say (MiB); CPU scales with it, and a bundled SDK starts faster with more. */
export const defaultMemoryMiB = 512;
/** Timeout when the topology does not say (seconds); API Gateway gives up after 29 s anyway. */
export const defaultTimeoutSeconds = 10;
/** Memory of a notice-rendering function when the topology does not say: PDF setting with a CJK font. */
export const noticeRenderingMemoryMiB = 1024;

/** The memory a function gets: its spec's, else enough for its work. */
export const memoryMiBOf = (spec: FunctionSpec): number => spec.memoryMiB ?? (spec.rendersNotices ? noticeRenderingMemoryMiB : defaultMemoryMiB);

/** The notice font in the repository (a subset of Noto Sans SC), copied into notice-rendering bundles. */
export const noticeFontSource = 'assets/fonts/NotoSansSC-Notice.otf';
/** Where the font lies in a deployed notice-rendering function (the bundle is unpacked in /var/task). */
export const deployedNoticeFontFile = '/var/task/NotoSansSC-Notice.otf';

/**
 * Shell commands run after esbuild: copy the notice font beside the bundle, or stop the build
 * naming the missing file (a function without its font would fail at its first notice).
 */
export const noticeFontCopyCommands = (inputDir: string, outputDir: string): string[] => {
  const source = `${inputDir}/${noticeFontSource}`;
  const fileName = noticeFontSource.slice(noticeFontSource.lastIndexOf('/') + 1);
  return [`test -f "${source}" || { echo "notice font missing: ${noticeFontSource}" >&2; exit 1; }`, `cp "${source}" "${outputDir}/${fileName}"`];
};

/**
 * A text IAM accepts as a role description: at most 1000 characters of Latin-1 (CloudFormation
 * refuses e.g. Chinese terms such as 督办), dropping parentheses left empty.
 */
export const iamDescription = (text: string): string =>
  text
    .replace(/[^\t\n\r\u0020-\u007E\u00A1-\u00FF]+/g, '')
    .replace(/\s*\(\s*\)/g, '')
    .slice(0, 1000);

const noticeFontHooks: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: noticeFontCopyCommands,
};

/** A table as the stateful stack hands it over: its design and the deployed table. */
export interface AppTable {
  readonly design: TableDesign;
  readonly table: TableV2;
  readonly encryptionKey: IKey;
}

/** A queue as the stateful stack hands it over. */
export interface AppQueue {
  readonly spec: QueueSpec;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly encryptionKey: IKey;
}

/** A table's grants as one list (a `FunctionSpec.tables` entry is one grant or several). */
export const tableGrantsOf = (grant: TableGrant | readonly TableGrant[]): readonly TableGrant[] =>
  'actions' in grant ? [grant as TableGrant] : (grant as readonly TableGrant[]);

/**
 * What DynamoDB does with the table's key on the caller's behalf: decrypting for any item
 * action, generating and encrypting data keys when the caller writes (CDK's own table grants ask
 * the same of a customer-managed key).
 */
export const tableKeyActions = (grants: readonly TableGrant[]): string[] =>
  grants.some((grant) => grant.actions.some((action) => writingItemActions.includes(action)))
    ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']
    : ['kms:Decrypt'];

/** A function's physical name in a deployment: `<prefix>-<name>`. */
export const appFunctionName = (prefix: string, name: string): string => `${prefix}-${name}`;

/** A function's log group: the name Lambda itself would write to. */
export const appFunctionLogGroupName = (prefix: string, name: string): string => `/aws/lambda/${appFunctionName(prefix, name)}`;

/** Properties of an {@link AppFunction}. */
export interface AppFunctionProps {
  /** The function as declared in `shared/topology.ts`. */
  readonly spec: FunctionSpec;
  /** Deployment prefix; the function is named `<prefix>-<spec.name>`. */
  readonly prefix: string;
  /** Customer-managed key for the function's log group. */
  readonly logEncryptionKey: IKey;
  /** Log retention (at least a year). */
  readonly logRetention: RetentionDays;
  /** Active X-Ray tracing; false in `aws-cn`, where Lambda has no X-Ray integration. */
  readonly tracing: boolean;
  /** Variables every function of the deployment gets (JWT issuer, department role prefix...). */
  readonly environment: Readonly<Record<string, string>>;
  /** Powertools log level. @default 'INFO' */
  readonly logLevel?: string;
  /**
   * Where failed asynchronous invocations go (functions driven by EventBridge schedules).
   * Functions without one are invoked only synchronously or by an SQS event source.
   */
  readonly asyncFailureQueue?: { readonly queue: IQueue; readonly encryptionKey: IKey };
}

/**
 * A Lambda function of the project, with its own KMS-encrypted log group and a role that starts
 * with nothing but the right to write that log group; {@link bindTable}, {@link bindQueue} and
 * {@link consumeQueue} add exactly what the topology declares.
 */
export class AppFunction extends Construct {
  readonly spec: FunctionSpec;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly #prefix: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.spec = props.spec;
    this.#prefix = props.prefix;
    const functionName = appFunctionName(props.prefix, props.spec.name);

    // Named like the group Lambda would create, so Lambda writes here instead of an unencrypted,
    // never-expiring group of its own; retained so logs outlive a stack deletion (≥ 1 year).
    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: appFunctionLogGroupName(props.prefix, props.spec.name),
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (props.spec.personalData && props.spec.recordSeals) {
      throw new Error(`function ${props.spec.name} cannot both handle personal data and record seals: each needs a role name of its own key policy`);
    }
    this.role = new Role(this, 'Role', {
      // Personal-data, record-seal functions and the audit sealer get names their key policies recognise.
      roleName:
        (props.spec.personalData && personalDataRoleName(props.prefix, props.spec.name, props.spec.personalData)) ||
        (props.spec.recordSeals && recordSealRoleName(props.prefix, props.spec.name, props.spec.recordSeals)) ||
        (props.spec.auditTrail === 'seal' ? auditSealerRoleName(props.prefix, props.spec.name) : undefined) ||
        (props.spec.webhookSecrets && webhookSecretRoleName(props.prefix, props.spec.name, props.spec.webhookSecrets)),
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: iamDescription(`Execution role of ${functionName}: ${props.spec.description}`),
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: props.spec.description,
      entry: join(repositoryRoot, handlerPath(props.spec.name)),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: join(repositoryRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: memoryMiBOf(props.spec),
      timeout: Duration.seconds(props.spec.timeoutSeconds ?? defaultTimeoutSeconds),
      role: this.role,
      deadLetterQueue: props.asyncFailureQueue?.queue,
      tracing: props.tracing ? Tracing.ACTIVE : undefined,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.spec.name,
        // Turns the functions' measurements into CloudWatch metrics (embedded metric format).
        [environmentNames.metricsNamespace]: metricsNamespace,
        LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...(props.spec.rendersNotices ? { [environmentNames.noticeFont]: deployedNoticeFontFile } : {}),
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourceMap,
        target: functionBundling.target,
        mainFields: [...functionBundling.mainFields],
        banner: functionBundling.banner,
        externalModules: [...functionBundling.externalModules],
        bundleAwsSDK: true,
        esbuildArgs: functionBundlingEsbuildArgs,
        commandHooks: props.spec.rendersNotices ? noticeFontHooks : undefined,
      },
    });
    this.function.node.addDependency(this.logGroup);

    if (props.asyncFailureQueue) {
      // Lambda writes failed events with the function's role; the queue is KMS-encrypted.
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.asyncFailureQueue.encryptionKey.keyArn],
        }),
      );
    } else {
      acknowledge(this.function, securityAcknowledgments.synchronousFunction);
    }
    acknowledge(this.function, securityAcknowledgments.nodeRuntimePinned, securityAcknowledgments.nodeRuntimePinnedServerless);
    acknowledge(this, ...(props.tracing ? [securityAcknowledgments.xrayNeedsAllResources] : [securityAcknowledgments.noLambdaTracingInChina]));
  }

  /**
   * Gives the function one table: sets its environment variable and grants exactly the declared
   * item actions on the table (with `dynamodb:LeadingKeys` where the grant bounds them), Query on
   * the declared indexes, and the table key's use those actions need. No wildcards, no Scan.
   */
  bindTable(table: AppTable, grant: TableGrant | readonly TableGrant[]): void {
    this.function.addEnvironment(environmentNames.tables[table.design.name], table.table.tableName);
    const grants = tableGrantsOf(grant);
    for (const { actions, indexes = [], leadingKeys } of grants) {
      const unknownIndex = indexes.find((name) => !table.design.globalSecondaryIndexes.some((index) => index.indexName === name));
      if (unknownIndex !== undefined) throw new Error(`${this.spec.name} queries index ${unknownIndex}, which table ${table.design.name} does not have`);
      // A grant of indexes only (no item action on the table itself) adds no statement on the table.
      if (actions.length > 0) {
        this.role.addToPrincipalPolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: actions.map((action) => `dynamodb:${action}`),
            resources: [table.table.tableArn],
            conditions: leadingKeys ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] } } : undefined,
          }),
        );
      }
      if (indexes.length > 0) {
        this.role.addToPrincipalPolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: ['dynamodb:Query'],
            resources: indexes.map((name) => `${table.table.tableArn}/index/${name}`),
          }),
        );
      }
    }
    this.role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: tableKeyActions(grants), resources: [table.encryptionKey.keyArn] }));
  }

  /**
   * Gives a personal-data function (`spec.personalData`) the keys: the stack's keys' ARNs as
   * PERSONAL_DATA_KEY and LOOKUP_HASH_KEY, the alias prefix of the keys per period as
   * PERSONAL_DATA_PERIOD_KEYS, and the grants its access level needs, nothing more.
   */
  bindPersonalDataKeys(keys: PersonalDataKeySet): void {
    const access = this.spec.personalData;
    if (access === undefined) {
      throw new Error(`function ${this.spec.name} does not declare personalData; it gets no personal-data keys`);
    }
    this.function.addEnvironment(environmentNames.personalDataKey, keys.dataKey.keyArn);
    this.function.addEnvironment(environmentNames.lookupHashKey, keys.lookupHashKey.keyArn);
    this.function.addEnvironment(environmentNames.personalDataPeriodKeys, periodKeyAliasPrefix(this.#prefix));
    grantPersonalData(this.role, keys, access, { prefix: this.#prefix, rewrap: this.spec.rewrapsPersonalData === true });
    acknowledge(this.role, securityAcknowledgments.personalDataKeysByTag);
  }

  /**
   * Makes the function the keeper of the personal-data keys per period (`spec.keepsPersonalDataKeys`):
   * their alias prefix as PERSONAL_DATA_PERIOD_KEYS, the key policy it creates them with as
   * PERSONAL_DATA_PERIOD_KEY_POLICY (naming its own role), and the IAM grants to create and alias them.
   */
  keepPersonalDataKeys(): void {
    if (this.spec.keepsPersonalDataKeys !== true || this.spec.personalData !== undefined) {
      throw new Error(`function ${this.spec.name} must declare keepsPersonalDataKeys, and no personalData, to keep the personal-data keys`);
    }
    const stack = Stack.of(this);
    const policy = periodKeyPolicy({ partition: stack.partition, account: stack.account, prefix: this.#prefix, keeperRoleArn: this.role.roleArn });
    this.function.addEnvironment(environmentNames.personalDataPeriodKeys, periodKeyAliasPrefix(this.#prefix));
    this.function.addEnvironment(environmentNames.personalDataPeriodKeyPolicy, stack.toJsonString(policy));
    grantPersonalDataKeyKeeping(this.role, this.#prefix);
    acknowledge(
      this.role,
      securityAcknowledgments.personalDataKeyKeeper,
      securityAcknowledgments.personalDataKeysByTag,
      personalDataKeyAliasesOf(this.#prefix),
    );
  }

  /**
   * Gives a record-seal function (`spec.recordSeals`) the record-seal key: its ARN as
   * INTEGRITY_KEY_ID and `kms:GenerateMac` on it (the writer seals, the verifier re-derives the
   * same hour keys), nothing more.
   */
  bindRecordSealKey(key: IKey): void {
    if (this.spec.recordSeals === undefined) {
      throw new Error(`function ${this.spec.name} does not declare recordSeals; it gets no record-seal key`);
    }
    this.function.addEnvironment(environmentNames.integrityKeyId, key.keyArn);
    grantRecordSeals(this.role, key);
  }

  /**
   * Gives a webhook-secret function (`spec.webhookSecrets`) the key's ARN as WEBHOOK_SECRET_KEY and
   * its one operation on it: `kms:Encrypt` to seal, `kms:Decrypt` to open, for sealed secrets only.
   */
  bindWebhookSecretKey(key: IKey): void {
    if (this.spec.webhookSecrets === undefined) {
      throw new Error(`function ${this.spec.name} does not declare webhookSecrets; it gets no webhook-secret key`);
    }
    this.function.addEnvironment(environmentNames.webhookSecretKey, key.keyArn);
    grantWebhookSecrets(this.role, key, this.spec.webhookSecrets);
  }

  /**
   * Gives a function that declares `auditTrail` the digest bucket and the signing key: their
   * names as AUDIT_DIGEST_BUCKET and AUDIT_SIGNING_KEY, and the grants its access needs.
   */
  bindAuditTrail(store: AuditTrailStoreSet): void {
    const access = this.spec.auditTrail;
    if (access === undefined) throw new Error(`function ${this.spec.name} does not declare auditTrail; it gets no audit trail grants`);
    this.function.addEnvironment(environmentNames.auditDigestBucket, store.digestBucketName);
    this.function.addEnvironment(environmentNames.auditSigningKey, store.signingKey.keyArn);
    grantAuditTrail(this.role, store, access);
  }

  /** Lets the function send to a queue: sets its URL variable and grants `sqs:SendMessage` and the key use SSE needs. */
  bindQueue(queue: AppQueue): void {
    this.function.addEnvironment(environmentNames.queues[queue.spec.name], queue.queue.queueUrl);
    this.role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['sqs:SendMessage'], resources: [queue.queue.queueArn] }));
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [queue.encryptionKey.keyArn],
      }),
    );
  }

  /**
   * Makes the function the queue's consumer: batches as declared, partial batch failures
   * reported so only the failed records return to the queue, and at most `maxConcurrency`
   * batches at once (the deployment's `processing.maxConcurrency`).
   */
  consumeQueue(queue: AppQueue, options: { readonly maxConcurrency: number }): void {
    this.function.addEventSourceMapping(`${queue.spec.name}-source`, {
      eventSourceArn: queue.queue.queueArn,
      batchSize: queue.spec.batchSize,
      maxBatchingWindow: Duration.seconds(queue.spec.maxBatchingWindowSeconds),
      reportBatchItemFailures: true,
      maxConcurrency: options.maxConcurrency,
    });
    // What Lambda's poller does with the role, and nothing more (CDK's SqsEventSource would also grant GetQueueUrl).
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        resources: [queue.queue.queueArn],
      }),
    );
    this.role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['kms:Decrypt'], resources: [queue.encryptionKey.keyArn] }));
    acknowledge(this.function, securityAcknowledgments.sqsEventSourceFailures);
  }
}
