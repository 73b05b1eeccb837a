/**
 * The whole system on one machine, stood up from what CDK synthesizes for a deployment
 * configuration: DynamoDB Local with the tables of `shared/tables.ts` behind an IAM-enforcing
 * gateway, a durable queue per topology queue behind an SQS endpoint, an EventBridge endpoint,
 * KMS and S3 endpoints with the deployment's keys and buckets,
 * the API server for every route, a poller per queue and a scheduler per schedule. Each function
 * runs in a sandbox of its own with exactly the environment its CloudFormation resource sets and
 * the credentials of its role, so every AWS call it makes is authorized against the IAM policy
 * the stack gives that role — what passes here works in AWS. Used by `npm start` and the
 * end-to-end tests.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, ScheduledEvent, SQSEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { departmentRoleName, departmentRolePrefix, partitionOf, type DeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { apiStageName } from '#infra/cdk/stateless-stack.ts';
import { normalizeOrigin, parseAllowedOrigins } from '#shared/http/allowed-origin.ts';
import {
  alertEventBus,
  environmentNames,
  functions as topologyFunctions,
  queues as topologyQueues,
  schedules as topologySchedules,
  type FunctionSpec,
  type QueueName,
  type TableName,
} from '#shared/topology.ts';
import { type DepartmentCall, type FunctionAnswer, type HandlerLoader, localAccountId, localApiId, type RateLimit, startApiServer } from './api-server.ts';
import { createTables } from './create-tables.ts';
import { eventSourceConcurrencyOf, readLocalDeployment, type DeployedFunction, type LocalDeployment } from './deployment/local-deployment.ts';
import { synthesizeLocalStage } from './deployment/synthesize-stage.ts';
import { configuredDepartmentIds, loadLocalDeploymentConfig, localConfigFile } from './deployment-configuration.ts';
import { deployLocally } from './deploy-locally.ts';
import { type DeploymentStepRun, runDeploymentSteps } from './deployment-steps.ts';
import { type DepartmentCredential, loadDepartmentCredentials } from './department-credentials.ts';
import { startDynamoDbGateway } from './dynamodb-gateway.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startKmsEndpoint } from './kms-endpoint.ts';
import { startLambdaEndpoint } from './lambda-endpoint.ts';
import { startEventBridgeEndpoint, type DeliveredEvent } from './eventbridge-endpoint.ts';
import { IamAuthorizer, type IamPrincipal, type PolicyDocument, type RecordedDecision, resourcePolicyProblems } from './iam/iam-authorizer.ts';
import { FaultInjector, issueCredentials, type PrincipalCredential, ServiceGuard } from './iam/service-guard.ts';
import { createConsoleSite } from './console-site.ts';
import { consoleAudience, jwksPath, loadIdentityProvider, localIssuer, type StaffTokenRequest } from './identity-provider.ts';
import { buildFunctionBundles, type FunctionBundles } from './lambda/function-bundles.ts';
import { LambdaHost } from './lambda/lambda-host.ts';
import { DurableLocalQueue, type QueueStats } from './local-queue.ts';
import { createInvocationContext, type SqsHandler, startQueuePoller } from './queue-poller.ts';
import { type ScheduledHandler, scheduledEvent, startScheduler } from './scheduler.ts';
import { startSqsEndpoint } from './sqs-endpoint.ts';
import { startS3Endpoint } from './s3-endpoint.ts';
import { auditDigestBucketName, auditSigningKeyAlias } from '#infra/cdk/constructs/audit-trail-store.ts';
import { writeRuntimeManifest } from './runtime-manifest.ts';
import type { UsageMeter } from './usage-meter.ts';

/** A CloudWatch embedded-metric-format record: `_aws` describes the metrics, the other fields hold dimensions and values. */
export type EmbeddedMetricRecord = Readonly<Record<string, unknown>> & { readonly _aws: { readonly CloudWatchMetrics: readonly unknown[] } };

/** Whether a function's output line is an embedded-metric-format record, as CloudWatch Logs recognises them. */
export function embeddedMetricRecordOf(line: string): EmbeddedMetricRecord | undefined {
  if (!line.startsWith('{') || !line.includes('"_aws"')) return undefined;
  try {
    const parsed = JSON.parse(line) as { _aws?: { CloudWatchMetrics?: unknown } };
    return Array.isArray(parsed._aws?.CloudWatchMetrics) ? (parsed as EmbeddedMetricRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A resource name as it reads in any deployment of the same stacks: the deployment's prefix as
 * `<prefix>`, a key by its first alias (`key/alias/<prefix>-data`) instead of its id. Grants and
 * uses of runtimes with different prefixes compare through it.
 */
export function deploymentIndependentName(deployment: Pick<LocalDeployment, 'keys'>, prefix: string): (resource: string) => string {
  const aliases = new Map(deployment.keys.map((key) => [key.arn, key.aliases[0]]));
  return (resource) => {
    const alias = aliases.get(resource);
    const named = alias === undefined ? resource : `${resource.slice(0, resource.lastIndexOf('/') + 1)}${alias}`;
    return named.split(prefix).join('<prefix>');
  };
}

/** What the functions used while the runtime ran: for the tests that compare it with what the stack grants and sets. */
export interface RuntimeUsage {
  /** Each distinct IAM decision (principal, action, resource, allowed, via), resources named deployment-independently. */
  readonly decisions: readonly RecordedDecision[];
  /** Per function: the variables its code read that its stack resource does not set (the platform's own left out). */
  readonly unsetEnvironmentReads: Readonly<Record<string, readonly string[]>>;
}

/**
 * Variables the platform and libraries read on their own (the SDK, Node.js, Powertools' optional
 * knobs): their absence is the platform's default, not a setting the stack forgot.
 */
export const isPlatformVariable = (name: string): boolean =>
  /^(AWS_|_X_AMZN_|_HANDLER$|LAMBDA_|NODE_|POWERTOOLS_|UV_|NPM_|npm_)/.test(name) ||
  [
    ...['TZ', 'HOME', 'PATH', 'DEBUG', 'TERM', 'CI', 'FORCE_COLOR', 'NO_COLOR', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'LANG', 'TMPDIR', 'TEMP', 'TMP'],
    // Powertools Logger's optional `environment` field.
    'ENVIRONMENT',
    // Node.js's module loader, undici (fetch) and jose's test-runner detection.
    'WATCH_REPORT_DEPENDENCIES',
    'UNDICI_NO_FG',
    'JEST_WORKER_ID',
    // exceljs's libraries' optional switches (the evaluation reports' Excel files): graceful-fs, readable-stream.
    'GRACEFUL_FS_PLATFORM',
    'TEST_GRACEFUL_FS_GLOBAL_PATCH',
    'READABLE_STREAM',
  ].includes(name) ||
  // exceljs's promise library's optional switches (bluebird).
  /^BLUEBIRD_/.test(name);

/** Table name prefix of the local runtime. */
export const defaultTablePrefix = 'esup-local';

/** The name operators' credentials carry (IAM principal `operator`). */
export const operatorPrincipalName = 'operator';

export interface LocalRuntimeOptions {
  /** Folder for the database, queues, credentials and the identity provider's key. */
  readonly dataDir: string;
  /** In-memory DynamoDB and a throw-away queue folder; credentials and keys still live in `dataDir`. */
  readonly ephemeral?: boolean;
  /** Reuse a running DynamoDB (Local) instead of starting one (tests). */
  readonly dynamoEndpoint?: string;
  /** Resource prefix (tables, queues, functions); defaults to {@link defaultTablePrefix}. */
  readonly tablePrefix?: string;
  /** Port of the API; a free one when omitted or 0. */
  readonly apiPort?: number;
  /** Port of DynamoDB Local; a free one when omitted. */
  readonly dynamoPort?: number;
  /** Run the deployment steps at start, as a deployment does (apply the configuration's city structure); default true. */
  readonly applyConfiguration?: boolean;
  /** Load the demo catalogue through the catalogue API (idempotent); default true. */
  readonly seedDemo?: boolean;
  /** Fire schedules on their own; default true. Tests turn it off and call `fireSchedule`. */
  readonly schedulesEnabled?: boolean;
  /** No progress lines; handlers log at WARN unless LOG_LEVEL is set. */
  readonly quiet?: boolean;
  /**
   * Each line a function writes to its log (CloudWatch Logs' view, metric records aside), by the
   * topology's function name, instead of this process's stdout and stderr. Functions then log at
   * their deployed level even when `quiet`.
   */
  readonly onFunctionLog?: (functionName: string, line: string) => void;
  /** Told of every answer a function gives through the API (the tests check each against the OpenAPI document). */
  readonly onFunctionAnswer?: (answer: FunctionAnswer) => void;
  /** Departments' throttle (the usage plan, per API key); the configuration's `api.departmentThrottling` by default. */
  readonly rateLimit?: RateLimit;
  /** Public routes' limit per source address; the WAF's by default. */
  readonly publicRateLimit?: RateLimit;
  /** Origins whose browser complaint form may call the public complaint routes (CORS); the configuration's by default. */
  readonly publicCorsOrigins?: readonly string[];
  /**
   * The origin the console and the complaint page are opened at when they call the API on its
   * own origin (this runtime's `apiUrl`), as they do in AWS China: the site's settings name the
   * API's origin, and the API allows this one on the staff and public complaint routes (CORS).
   * None by default: the pages call the API on the origin they were opened at.
   */
  readonly siteOrigin?: string;
  /**
   * The deployment configuration the stacks are synthesized from (default: `localConfigFile`, the Beijing deployment's).
   * Its account, prefix and identity provider are replaced by the local ones.
   */
  readonly config?: DeploymentConfig;
  /** The functions' declarations; the topology's by default. Tests take a grant away to see it enforced. */
  readonly functions?: readonly FunctionSpec[];
  /** Bundles built beforehand (the tests build once per run); built or found in the cache otherwise. */
  readonly bundles?: FunctionBundles;
  /** Counts what the functions use (requests, units, invocations, log bytes) as AWS bills it; none by default (the bench's). */
  readonly meter?: UsageMeter;
  /** The console's build (`console/dist`), served on every path outside `/v1/`; none by default. */
  readonly consoleDirectory?: string;
  /**
   * Lets webhook subscriptions name an endpoint on this machine's loopback (`http://127.0.0.1:<port>`,
   * `localhost`), for a test subscriber: the functions that check or call webhook endpoints get
   * `allowed` instead of the stack's `refused`. A local switch only (`npm start -- --allow-loopback-webhooks`):
   * no deployment configuration can set it. Off by default.
   */
  readonly allowLoopbackWebhooks?: boolean;
}

/** Where the local stand-ins of AWS services listen: an SDK client's `endpoint`. */
export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly events: string;
  readonly kms: string;
  /** Lambda `Invoke`, for operators' commands (the functions themselves invoke none). */
  readonly lambda: string;
  readonly s3: string;
}

/** A running local runtime. */
export interface LocalRuntime {
  /** `http://127.0.0.1:<port>` */
  readonly apiUrl: string;
  /** DynamoDB Local itself, without IAM (table set-up, tests' direct reads). */
  readonly dynamoEndpoint: string;
  readonly sqsEndpoint: string;
  /** The endpoints functions and operators call, with IAM enforced. */
  readonly endpoints: LocalEndpoints;
  /** Alert events put on the local bus since start (also appended to `<dataDir>/events.jsonl`). */
  alertEvents(): readonly DeliveredEvent[];
  /** Physical table names by logical name. */
  readonly tables: Record<TableName, string>;
  readonly region: string;
  /** Issuer of the local identity provider (`JWT_ISSUER`). */
  readonly issuer: string;
  /** Every department's signing credentials. */
  readonly credentials: readonly DepartmentCredential[];
  /** An operator's credentials (an administrator of the account: every action, within key policies). */
  readonly operatorCredentials: Pick<PrincipalCredential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  /** What the stacks deploy, as the local runtime stood it up. */
  readonly deployment: LocalDeployment;
  /**
   * The embedded-metric-format records the functions wrote since start (CloudWatch would turn
   * them into metrics; locally they are kept here and in `<dataDir>/metrics.jsonl`).
   */
  metrics(): readonly EmbeddedMetricRecord[];
  /** Every IAM decision on the functions' and operators' calls since start. */
  iamDecisions(): readonly RecordedDecision[];
  /** What the functions have used so far: IAM decisions, and variables read that the stack does not set. */
  usage(): Promise<RuntimeUsage>;
  /** Exactly the environment a function's sandbox sees. */
  functionEnvironment(functionName: string): Readonly<Record<string, string>>;
  /**
   * Sets the instant the local KMS takes as now (the deletion date of a key scheduled for
   * deletion, and when such a key is gone); undefined: the real clock again. Tests move it past a
   * pending window instead of waiting for it.
   */
  setKmsClock(now: Date | undefined): void;
  /** Throttling (or other faults) to answer calls with, for tests of overload. */
  readonly faults: FaultInjector;
  /**
   * Loses every version of an S3 object, as only a storage fault or a replaced bucket could (no S3
   * operation can do this to a locked object): for tests of what verification makes of a lost
   * digest. False when there was none.
   */
  loseS3Object(bucket: string, key: string): boolean;
  /** Mints a staff token from the local identity provider. */
  mintStaffToken(request: StaffTokenRequest): Promise<string>;
  /** Invokes a function as `aws lambda invoke` would (in its sandbox, with its role); resolves with what it returns. */
  invokeFunction(functionName: string, event: unknown): Promise<unknown>;
  /** Runs the deployment steps again, as the next `cdk deploy` would (`Update` events with the template's properties). */
  runDeploymentSteps(): Promise<DeploymentStepRun[]>;
  /** Runs a topology schedule now, as if it fired at `time` (default now); resolves when the run is done. */
  fireSchedule(name: string, time?: Date): Promise<void>;
  /** Resolves once every queue is empty and no batch is running. */
  idle(): Promise<void>;
  /** Stops (`false`) or restarts (`true`) every queue's consumer, as enabling or disabling the Lambda event source mappings does. */
  setQueueConsumers(enabled: boolean): void;
  /** Visible, in-flight and dead-lettered messages per queue. */
  queueStats(): Record<QueueName, QueueStats>;
  /** Stops the scheduler, the API (requests in flight finish), the pollers (their batches finish), the functions, the queues and DynamoDB. */
  stop(): Promise<void>;
}

/** The configuration as the local runtime deploys it: its own account, prefix, identity provider and portal origins. */
export function localDeploymentConfig(
  base: DeploymentConfig,
  local: { readonly prefix: string; readonly issuer: string; readonly jwksUri: string; readonly publicCorsOrigins?: readonly string[] },
): DeploymentConfig {
  return {
    ...base,
    account: localAccountId,
    prefix: local.prefix,
    identityProvider: { issuer: local.issuer, audience: consoleAudience, jwksUri: local.jwksUri },
    api: { ...base.api, publicCorsOrigins: local.publicCorsOrigins === undefined ? base.api.publicCorsOrigins : [...local.publicCorsOrigins] },
  };
}

/** The departments' usage-plan throttle of a configuration, as the local API applies it to each API key. */
export const departmentRateLimitOf = (config: Pick<DeploymentConfig, 'api'>): RateLimit => ({
  requestsPerSecond: config.api.departmentThrottling.rateLimit,
  burst: config.api.departmentThrottling.burstLimit,
});

/** An operator of the account: `AdministratorAccess`, as the deploy guide's operators have. */
const operatorPrincipal = (partition: string, prefix: string): IamPrincipal => ({
  name: operatorPrincipalName,
  roleArn: `arn:${partition}:iam::${localAccountId}:role/${prefix}-operator`,
  sessionArn: `arn:${partition}:sts::${localAccountId}:assumed-role/${prefix}-operator/local`,
  identityPolicies: [{ name: 'AdministratorAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
});

const functionPrincipal = (deployed: DeployedFunction, partition: string): IamPrincipal => ({
  name: deployed.name,
  roleArn: deployed.roleArn,
  sessionArn: `arn:${partition}:sts::${localAccountId}:assumed-role/${deployed.roleName}/${deployed.functionName}`,
  identityPolicies: deployed.identityPolicies,
});

interface SandboxEnvironmentInput {
  readonly deployed: DeployedFunction;
  readonly credential: PrincipalCredential;
  readonly endpoints: LocalEndpoints;
  readonly codeDirectory: string;
  readonly region: string;
  readonly logLevel?: string;
  /** The local runtime's switch: loopback webhook endpoints allowed (only where the stack set the variable). */
  readonly allowLoopbackWebhooks?: boolean;
  /** Where SMS texts go instead of a provider (only where the stack set the variable): `<data dir>/sms.jsonl`. */
  readonly smsSinkFile?: string;
}

/**
 * What a function's sandbox sees: the variables of its CloudFormation resource (paths under
 * Lambda's `/var/task` pointing into its bundle), the variables Lambda adds (region, role
 * credentials, function name), and the SDK's standard endpoint variables naming the local
 * stand-ins of the services. Nothing of the host's environment leaks in.
 */
export function sandboxEnvironment(input: SandboxEnvironmentInput): Record<string, string> {
  const { deployed, credential, endpoints, region } = input;
  const fromTemplate = Object.fromEntries(
    Object.entries(deployed.environment).map(([name, value]) => [
      name,
      value.startsWith('/var/task/') ? join(input.codeDirectory, value.slice('/var/task/'.length)) : value,
    ]),
  );
  const loopbackSwitch = environmentNames.webhookLoopbackTargets;
  const smsSink = environmentNames.smsSink;
  return {
    ...fromTemplate,
    ...(input.allowLoopbackWebhooks && loopbackSwitch in fromTemplate ? { [loopbackSwitch]: 'allowed' } : {}),
    // No SMS provider here: the texts go to the runtime's sink file.
    ...(input.smsSinkFile !== undefined && smsSink in fromTemplate ? { [smsSink]: input.smsSinkFile } : {}),
    ...(input.logLevel === undefined ? {} : { LOG_LEVEL: input.logLevel }),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: credential.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credential.secretAccessKey,
    AWS_SESSION_TOKEN: credential.sessionToken,
    AWS_LAMBDA_FUNCTION_NAME: deployed.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(deployed.memoryMiB),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${deployed.functionName}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: input.codeDirectory,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.events,
    AWS_ENDPOINT_URL_KMS: endpoints.kms,
    // An IP-address endpoint: the S3 client addresses buckets path-style on its own.
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    // A developer's own AWS profile must never reach a function: no shared config or credentials files.
    AWS_CONFIG_FILE: join(input.codeDirectory, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(input.codeDirectory, 'no-aws-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Starts the local runtime. On failure, whatever had started is stopped again. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const progress = (line: string): void => {
    if (!options.quiet) process.stderr.write(`[local] ${line}\n`);
  };
  const reportError = (source: string) => (error: unknown) => {
    process.stderr.write(`[local] ${source}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  };
  /** Undo steps of what has started, run last-first on a failed start. */
  const undo: (() => Promise<void>)[] = [];
  const prefix = options.tablePrefix ?? defaultTablePrefix;
  const baseConfig = options.config ?? loadLocalDeploymentConfig(localConfigFile);
  const region = baseConfig.region;
  const partition = partitionOf(baseConfig);
  const specs = options.functions ?? (topologyFunctions as readonly FunctionSpec[]);
  const hosts = new Map<string, LambdaHost>();
  let markReady: () => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => undefined);
  const loadHandler: HandlerLoader = async (functionName) => {
    await ready;
    const host = hosts.get(functionName);
    if (!host) throw new Error(`no function ${functionName} in the deployment`);
    const meter = options.meter;
    if (meter === undefined) return (event: unknown, context: Context) => host.invoke(event, context);
    return async (event: unknown, context: Context) => {
      const started = performance.now();
      try {
        return await host.invoke(event, context);
      } finally {
        meter.invocation(functionName, performance.now() - started);
      }
    };
  };
  let guard: ServiceGuard | undefined;

  try {
    const publicCorsOrigins = parseAllowedOrigins(options.publicCorsOrigins ?? baseConfig.api.publicCorsOrigins);
    const siteOrigin = options.siteOrigin === undefined ? undefined : normalizeOrigin(options.siteOrigin);
    // Known once the API listens; read by the site's settings on each request.
    let apiOrigin: string | undefined;
    await mkdir(options.dataDir, { recursive: true });

    // 1. Database and tables.
    let dynamoEndpoint = options.dynamoEndpoint;
    let stopDynamo = async (): Promise<void> => undefined;
    if (dynamoEndpoint === undefined) {
      progress('starting DynamoDB Local…');
      const dynamo = await startDynamoDbLocal(
        options.ephemeral ? { inMemory: true, port: options.dynamoPort } : { dbPath: join(options.dataDir, 'dynamodb'), port: options.dynamoPort },
      );
      dynamoEndpoint = dynamo.endpoint;
      stopDynamo = () => dynamo.stop();
      undo.push(stopDynamo);
    }
    const dynamoClient = new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    undo.push(async () => dynamoClient.destroy());
    const tables = await createTables(dynamoClient, prefix);

    // 2. Queues (named as the stack names them) and the service endpoints the functions call.
    const queueDirectory = options.ephemeral ? await mkdtemp(join(tmpdir(), 'esup-local-queues-')) : join(options.dataDir, 'queues');
    if (options.ephemeral) undo.push(() => rm(queueDirectory, { recursive: true, force: true }));
    await mkdir(queueDirectory, { recursive: true });
    const queueName = (name: QueueName): string => `${prefix}-${name}`;
    const queues = new Map(
      topologyQueues.map((spec) => [
        queueName(spec.name),
        new DurableLocalQueue({
          directory: queueDirectory,
          name: queueName(spec.name),
          visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
          maxReceiveCount: spec.maxReceiveCount,
          fsync: !options.ephemeral,
        }),
      ]),
    );
    let deployment: LocalDeployment | undefined;
    const sqs = await startSqsEndpoint(queues, {
      region,
      guard: () => guard,
      queueKey: (name) => deployment?.queueByName(name)?.keyArn,
    });
    undo.push(() => sqs.stop());
    const eventBus = await startEventBridgeEndpoint({
      region,
      quiet: options.quiet ?? false,
      logFile: options.ephemeral ? undefined : join(options.dataDir, 'events.jsonl'),
      guard: () => guard,
      // The bus rules of the topology (`QueueSpec.fedBy`), as the stack builds them: matching events onto their queues.
      deliver: (event) => deliverToRuleTargets(event, `${prefix}-${alertEventBus.name}`, (name) => queues.get(queueName(name))),
      onDeliveryError: reportError('event bus rule target'),
    });
    undo.push(() => eventBus.stop());

    // 3. Who may call: departments' keys and the staff identity provider.
    const credentials = await loadDepartmentCredentials(options.dataDir, configuredDepartmentIds(baseConfig));
    const identityProvider = await loadIdentityProvider({ dataDir: options.dataDir });
    // Departments' calls are authorized against their roles' policies in the templates, apart from
    // the functions' decisions (a refused department is no grant missing from a function's role).
    const departmentCalls = new IamAuthorizer({ account: localAccountId });
    const authorizeDepartmentCall = async (call: DepartmentCall): Promise<string | undefined> => {
      await ready;
      const methodArn = `arn:${partition}:execute-api:${region}:${localAccountId}:${localApiId}/${apiStageName}/${call.method}${call.rawPath}`;
      const role = deployment?.roleByName(departmentRoleName(prefix, call.department));
      const decision = await departmentCalls.authorize(
        {
          name: `department:${call.department}`,
          roleArn: role?.roleArn ?? `arn:${partition}:iam::${localAccountId}:role/${departmentRoleName(prefix, call.department)}`,
          sessionArn: call.callerArn,
          identityPolicies: role?.identityPolicies ?? [],
        },
        [{ action: 'execute-api:Invoke', resource: methodArn }],
      );
      if (decision.allowed) return undefined;
      // API Gateway's wording for an IAM caller its policies do not let call the method.
      return `User: ${call.callerArn} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}${decision.message.includes('explicit deny') ? ' with an explicit deny' : ''}`;
    };

    // 4. The API. It listens before the deployment is read (its port names the issuer), but no
    //    function is invoked until `ready`.
    const api = await startApiServer({
      region,
      loadHandler,
      credentials,
      identityProvider,
      ...(options.consoleDirectory === undefined
        ? {}
        : {
            consoleSite: createConsoleSite({
              directory: options.consoleDirectory,
              configuration: () => ({
                oidc: { authority: identityProvider.issuer, clientId: consoleAudience, scope: 'openid' },
                ...(siteOrigin === undefined || apiOrigin === undefined ? {} : { apiOrigin }),
              }),
              // The portals that may call the public routes are those that may frame the complaint page.
              portalOrigins: publicCorsOrigins,
            }),
          }),
      departmentRolePrefix: departmentRolePrefix(prefix),
      authorizeDepartmentCall,
      rateLimit: options.rateLimit ?? departmentRateLimitOf(baseConfig),
      publicRateLimit: options.publicRateLimit,
      publicCorsOrigins,
      ...(siteOrigin === undefined ? {} : { siteOrigin }),
      port: options.apiPort ?? 0,
      logError: (message, error) => reportError(message)(error),
      ...(options.onFunctionAnswer ? { onFunctionAnswer: options.onFunctionAnswer } : {}),
    });
    undo.push(() => api.stop());
    apiOrigin = new URL(api.url).origin;
    await identityProvider.bindIssuer(localIssuer(api.port));

    // 5. The deployment, as CDK synthesizes it for this configuration.
    const config = localDeploymentConfig(baseConfig, {
      prefix,
      issuer: identityProvider.issuer,
      jwksUri: `${api.url}${jwksPath}`,
      publicCorsOrigins,
    });
    deployment = readLocalDeployment(
      synthesizeLocalStage(config, specs, siteOrigin),
      { partition, region, account: localAccountId, sqsEndpoint: sqs.endpoint },
      prefix,
      specs,
    );
    const deployed = deployment;

    // 6. IAM: a principal per function role (and one for operators), each with its own keys.
    const principals = [...deployed.functions.values()].map((fn) => functionPrincipal(fn, partition));
    const issued = issueCredentials([...principals, operatorPrincipal(partition, prefix)]);
    // Keys the KMS endpoint creates at run time carry the policy their CreateKey set.
    let createdKeyPolicyOf: (arn: string) => PolicyDocument | undefined = () => undefined;
    const authorizer = new IamAuthorizer({
      account: localAccountId,
      resourcePolicyOf: (arn) => deployed.resourcePolicyOf(arn) ?? createdKeyPolicyOf(arn),
      // Always printed, quiet or not: a denial in a green run is a grant missing from the stack.
      onDenied: (principal, check) => process.stderr.write(`[local] IAM denied ${principal.name}: ${check.action} on ${check.resource}\n`),
    });
    const faults = new FaultInjector();
    const meter = options.meter;
    guard = new ServiceGuard({
      region,
      credentials: issued,
      authorizer,
      faults,
      onCrash: (name) => hosts.get(name)?.crash(),
      ...(meter
        ? { onAdmitted: (service: string, operation: string, caller: string, body: Uint8Array) => meter.request(service, operation, caller, body) }
        : {}),
    });
    const dynamoGateway = await startDynamoDbGateway({
      upstream: dynamoEndpoint,
      guard,
      ...(meter ? { meter } : {}),
      tables: {
        partition,
        region,
        account: localAccountId,
        tableByName: (name) => deployed.tableByName(name),
      },
    });
    undo.push(() => dynamoGateway.stop());
    // KMS with the deployment's keys; their policies and the roles' grants are enforced as in AWS.
    const serviceGuard = guard;
    let kmsNow: Date | undefined;
    const kms = await startKmsEndpoint({
      keys: deployed.keys.map((key) => ({ keyId: key.keyId, arn: key.arn, spec: key.spec, aliases: [...key.aliases], tags: key.tags })),
      keyDirectory: join(options.dataDir, 'kms'),
      keyArnPrefix: `arn:${partition}:kms:${region}:${localAccountId}:key/`,
      clock: () => kmsNow ?? new Date(),
      // A key policy IAM could not read would not be accepted by KMS either.
      keyPolicyProblems: (policy) => resourcePolicyProblems(policy as unknown as PolicyDocument),
      authorize: async (call, checks) => {
        const [path = '/', rawQuery = ''] = call.url.split('?', 2);
        const verdict = await serviceGuard.admit({ method: call.method, path, rawQuery, headers: call.headers, body: call.body }, 'kms', call.operation, () =>
          checks.map((check) => ({ action: check.action, resource: check.resource, context: { ...check.context, 'kms:CallerAccount': localAccountId } })),
        );
        if (verdict.ok) return undefined;
        if (verdict.code === 'AccessDeniedException') return { denied: verdict.message };
        return { refused: { code: verdict.code, message: verdict.message, status: verdict.status } };
      },
    });
    undo.push(() => kms.stop());
    createdKeyPolicyOf = (arn) => kms.keyPolicyOf(arn) as PolicyDocument | undefined;
    // Lambda Invoke for operators' commands (records:verify invokes the verifier), as in AWS.
    const lambda = await startLambdaEndpoint({
      functions: [...deployed.functions.values()].map((fn) => ({ name: fn.name, functionName: fn.functionName, functionArn: fn.functionArn })),
      invoke: async (name, event) =>
        (await loadHandler(name))(event, createInvocationContext(name, region, (deployed.functions.get(name)?.timeoutSeconds ?? 30) * 1000)),
      guard: () => guard,
    });
    undo.push(() => lambda.stop());
    // S3 with the deployment's buckets (the audit trail's digests, under Object Lock); their policies and keys enforced as in AWS.
    const s3 = await startS3Endpoint({
      region,
      buckets: deployed.buckets.map((bucket) => ({
        name: bucket.name,
        arn: bucket.arn,
        versioned: bucket.versioned,
        ...(bucket.objectLock ? { objectLock: bucket.objectLock } : {}),
        ...(bucket.keyArn ? { encryptionKeyArn: bucket.keyArn } : {}),
      })),
      ...(options.ephemeral ? {} : { directory: join(options.dataDir, 's3') }),
      guard: () => serviceGuard,
    });
    undo.push(() => s3.stop());
    const endpoints: LocalEndpoints = {
      dynamodb: dynamoGateway.endpoint,
      sqs: sqs.endpoint,
      events: eventBus.endpoint,
      kms: kms.endpoint,
      lambda: lambda.endpoint,
      s3: s3.endpoint,
    };
    await authorizeServiceUses(authorizer, deployed, principals);

    // 7. The functions, each in its own sandbox with its own environment.
    const bundles = options.bundles ?? (await buildFunctionBundles({ specs }));
    // Metric records go where CloudWatch would take them from the logs: a file and memory, not the console.
    const metricRecords: EmbeddedMetricRecord[] = [];
    const metricsFile = options.ephemeral ? undefined : createWriteStream(join(options.dataDir, 'metrics.jsonl'), { flags: 'a' });
    if (metricsFile) undo.push(() => new Promise<void>((resolve) => metricsFile.end(resolve)));
    const onLogLineOf =
      (functionName: string) =>
      (line: string, stream: 'stdout' | 'stderr'): void => {
        options.meter?.logLine(functionName, Buffer.byteLength(line) + 1);
        const record = stream === 'stdout' ? embeddedMetricRecordOf(line) : undefined;
        if (record !== undefined) {
          metricRecords.push(record);
          metricsFile?.write(`${line}\n`);
        } else if (options.onFunctionLog) {
          options.onFunctionLog(functionName, line);
        } else {
          process[stream].write(`${line}\n`);
        }
      };
    const environments = new Map<string, Record<string, string>>();
    for (const fn of deployed.functions.values()) {
      const credential = issued.find((candidate) => candidate.principal.name === fn.name)!;
      environments.set(
        fn.name,
        sandboxEnvironment({
          deployed: fn,
          credential,
          endpoints,
          codeDirectory: bundles.codeDirectory(fn.name),
          region,
          // A log sink sees what CloudWatch would: the deployed level, not the quiet one.
          logLevel: process.env['LOG_LEVEL'] ?? (options.quiet && !options.onFunctionLog ? 'WARN' : undefined),
          allowLoopbackWebhooks: options.allowLoopbackWebhooks ?? false,
          smsSinkFile: join(options.dataDir, 'sms.jsonl'),
        }),
      );
      hosts.set(
        fn.name,
        new LambdaHost({
          name: fn.name,
          functionName: fn.functionName,
          functionArn: fn.functionArn,
          workerFile: bundles.workerFile,
          bundleFile: join(bundles.codeDirectory(fn.name), 'index.mjs'),
          environment: environments.get(fn.name)!,
          memoryMiB: fn.memoryMiB,
          timeoutSeconds: fn.timeoutSeconds,
          onLogLine: onLogLineOf(fn.name),
        }),
      );
    }
    const stopHosts = async (): Promise<void> => {
      await Promise.all([...hosts.values()].map((host) => host.stop()));
    };
    undo.push(stopHosts);
    markReady();
    // What a deployment does once its resources exist (the deployment steps), then the demo data,
    // through the function and the API they take in AWS.
    await deployLocally({
      config,
      deployment: deployed,
      region,
      dataDir: options.dataDir,
      loadHandler,
      apiUrl: api.url,
      mintStaffToken: (request) => identityProvider.mintStaffToken(request),
      applyConfiguration: options.applyConfiguration ?? true,
      seedDemo: options.seedDemo ?? true,
      progress,
    });

    // 8. Consumers and timers.
    const pollers = topologyQueues.map((spec) =>
      startQueuePoller({
        queue: queues.get(queueName(spec.name))!,
        spec,
        region,
        // As many batches at once as the stack's event source mapping allows.
        maxConcurrency: eventSourceConcurrencyOf(deployed, `${prefix}-${spec.consumer}`),
        handler: async (event: SQSEvent, context: Context) => (await loadHandler(spec.consumer))(event, context) as ReturnType<SqsHandler>,
        onError: reportError(`queue ${spec.name} (${spec.consumer})`),
      }),
    );
    const stopPollers = async (): Promise<void> => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    };
    undo.push(stopPollers);
    const scheduledHandlers: Record<string, ScheduledHandler> = Object.fromEntries(
      topologySchedules.map((spec) => [spec.function, async (event: ScheduledEvent, context: Context) => (await loadHandler(spec.function))(event, context)]),
    );
    const scheduler =
      (options.schedulesEnabled ?? true)
        ? startScheduler({ schedules: topologySchedules, handlers: scheduledHandlers, region, onError: reportError('scheduler') })
        : undefined;
    if (scheduler) undo.push(() => scheduler.stop());

    const operator = issued.find((candidate) => candidate.principal.name === operatorPrincipalName)!;
    // Operators reach the services as the functions do: through the endpoints that enforce IAM.
    await writeRuntimeManifest(options.dataDir, {
      region,
      prefix,
      apiUrl: api.url,
      dynamoEndpoint: dynamoGateway.endpoint,
      eventBridgeEndpoint: eventBus.endpoint,
      lambdaEndpoint: lambda.endpoint,
      sqs,
      tables,
      kmsEndpoint: kms.endpoint,
      s3Endpoint: s3.endpoint,
      auditTrail: auditTrailOf(deployed, prefix),
      operatorCredentials: { accessKeyId: operator.accessKeyId, secretAccessKey: operator.secretAccessKey, sessionToken: operator.sessionToken },
    });
    progress(
      `API on ${api.url}, DynamoDB on ${dynamoGateway.endpoint} (IAM enforced), SQS on ${sqs.endpoint}, EventBridge on ${eventBus.endpoint}${options.ephemeral ? '' : ` (events in ${join(options.dataDir, 'events.jsonl')})`}`,
    );

    let stopping: Promise<void> | undefined;
    return {
      apiUrl: api.url,
      dynamoEndpoint,
      sqsEndpoint: sqs.endpoint,
      endpoints,
      alertEvents: () => eventBus.events(),
      tables,
      region,
      issuer: identityProvider.issuer,
      credentials: credentials.all,
      operatorCredentials: { accessKeyId: operator.accessKeyId, secretAccessKey: operator.secretAccessKey, sessionToken: operator.sessionToken },
      deployment: deployed,
      metrics: () => metricRecords,
      iamDecisions: () => authorizer.decisions(),
      usage: async () => {
        const rename = deploymentIndependentName(deployed, prefix);
        const distinct = new Map(
          authorizer.decisions().map((decision) => {
            const named = { ...decision, resource: rename(decision.resource) };
            return [JSON.stringify(named), named];
          }),
        );
        const unsetEnvironmentReads: Record<string, readonly string[]> = {};
        for (const [name, host] of hosts) {
          const environment = environments.get(name) ?? {};
          const unset = (await host.environmentReads().catch(() => [])).filter((variable) => !(variable in environment) && !isPlatformVariable(variable));
          if (unset.length > 0) unsetEnvironmentReads[name] = unset;
        }
        return { decisions: [...distinct.values()], unsetEnvironmentReads };
      },
      functionEnvironment: (functionName) => {
        const environment = environments.get(functionName);
        if (!environment) throw new Error(`no function ${functionName} in the deployment`);
        return environment;
      },
      faults,
      setKmsClock: (now) => {
        kmsNow = now;
      },
      loseS3Object: (bucket, key) => s3.loseObject(bucket, key),
      mintStaffToken: (request) => identityProvider.mintStaffToken(request),
      runDeploymentSteps: () => runDeploymentSteps({ deployment: deployed, region, dataDir: options.dataDir, loadHandler }),
      invokeFunction: async (functionName, event) => {
        const timeoutSeconds = deployed.functions.get(functionName)?.timeoutSeconds ?? 30;
        return (await loadHandler(functionName))(event, createInvocationContext(functionName, region, timeoutSeconds * 1000));
      },
      fireSchedule: (name, time) => (scheduler ? scheduler.fire(name, time) : fireByHand(name, time ?? new Date(), scheduledHandlers, region, deployed)),
      idle: async () => {
        await Promise.all(pollers.map((poller) => poller.idle()));
      },
      setQueueConsumers: (enabled) => {
        for (const poller of pollers) {
          if (enabled) poller.resume();
          else poller.pause();
        }
      },
      queueStats: () =>
        Object.fromEntries(topologyQueues.map((spec) => [spec.name, queues.get(queueName(spec.name))!.stats()])) as Record<QueueName, QueueStats>,
      stop() {
        // Timers first, then the front door, then the work already inside, then the stores.
        stopping ??= (async () => {
          await scheduler?.stop();
          await api.stop();
          await stopPollers();
          await stopHosts();
          await sqs.stop();
          await eventBus.stop();
          await dynamoGateway.stop();
          await kms.stop();
          await lambda.stop();
          await s3.stop();
          await new Promise<void>((resolve) => (metricsFile ? metricsFile.end(resolve) : resolve()));
          dynamoClient.destroy();
          await stopDynamo();
          if (options.ephemeral) await rm(queueDirectory, { recursive: true, force: true });
          progress('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    failReady(error instanceof Error ? error : new Error(String(error)));
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/**
 * What Lambda itself does with a function's role, checked as AWS checks it when the stack is
 * deployed (an event source mapping or a dead-letter queue the role cannot use fails the
 * deployment) or when the function runs (logs): polling the queues a function consumes,
 * sending failed asynchronous invocations to its dead-letter queue, writing its log group.
 */
async function authorizeServiceUses(authorizer: IamAuthorizer, deployment: LocalDeployment, principals: readonly IamPrincipal[]): Promise<void> {
  const principalOf = (functionName: string): IamPrincipal | undefined => {
    const fn = [...deployment.functions.values()].find((candidate) => candidate.functionName === functionName);
    return fn && principals.find((principal) => principal.name === fn.name);
  };
  const queueByArn = (arn: string) => deployment.queues.find((queue) => queue.arn === arn);
  for (const source of deployment.eventSources) {
    const principal = principalOf(source.functionName);
    const queue = queueByArn(source.queueArn);
    if (!principal || !queue) continue;
    const decision = await authorizer.authorize(principal, [
      ...['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'].map((action) => ({
        action,
        resource: queue.arn,
        via: 'lambda',
      })),
      ...(queue.keyArn ? [{ action: 'kms:Decrypt', resource: queue.keyArn, via: 'lambda' }] : []),
    ]);
    if (!decision.allowed) throw new Error(`the event source of ${source.functionName} could not be created in AWS: ${decision.message}`);
  }
  for (const fn of deployment.functions.values()) {
    const principal = principals.find((candidate) => candidate.name === fn.name)!;
    if (fn.deadLetterQueueArn) {
      const queue = queueByArn(fn.deadLetterQueueArn);
      const decision = await authorizer.authorize(principal, [
        { action: 'sqs:SendMessage', resource: fn.deadLetterQueueArn, via: 'lambda' },
        ...(queue?.keyArn ? ['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({ action, resource: queue.keyArn!, via: 'lambda' })) : []),
      ]);
      if (!decision.allowed) throw new Error(`function ${fn.functionName} could not be deployed in AWS: ${decision.message}`);
    }
    if (fn.logGroupArn) {
      const decision = await authorizer.authorize(
        principal,
        ['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({ action, resource: fn.logGroupArn!, via: 'lambda' })),
      );
      if (!decision.allowed) process.stderr.write(`[local] ${fn.functionName} could not write its logs in AWS: ${decision.message}\n`);
    }
  }
}

/**
 * What the bus rules do with an event put on the alert bus: each queue fed by a rule whose
 * sources include the event's gets the event as EventBridge hands it to an SQS target (its
 * envelope, without the local bookkeeping of the bus name).
 */
export async function deliverToRuleTargets(
  event: DeliveredEvent,
  alertBusName: string,
  queueOf: (name: QueueName) => Pick<DurableLocalQueue, 'send'> | undefined,
): Promise<void> {
  if (event.eventBusName !== alertBusName && !event.eventBusName.endsWith(`:event-bus/${alertBusName}`)) return;
  const { eventBusName: _bus, ...envelope } = event;
  for (const spec of topologyQueues) {
    if (spec.fedBy === undefined || !spec.fedBy.sources.includes(event.source)) continue;
    await queueOf(spec.name)?.send(JSON.stringify(envelope));
  }
}

/** Fires a schedule by hand when the scheduler's timers are off (tests): same event, same handler. */
async function fireByHand(name: string, time: Date, handlers: Record<string, ScheduledHandler>, region: string, deployment: LocalDeployment): Promise<void> {
  const spec = topologySchedules.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`Unknown schedule ${name}`);
  const timeoutSeconds = deployment.functions.get(spec.function)?.timeoutSeconds ?? 30;
  await handlers[spec.function]!(scheduledEvent(name, time, region), createInvocationContext(spec.function, region, timeoutSeconds * 1000));
}

/** The audit trail's digest bucket and signing key as the local deployment has them, for the operators' commands. */
function auditTrailOf(deployment: LocalDeployment, prefix: string): { readonly bucket: string; readonly signingKey: string } | undefined {
  const { account, region } = deployment.environment;
  const bucket = deployment.buckets.find((candidate) => candidate.name === auditDigestBucketName({ prefix, account, region }));
  const signingKey = deployment.keys.find((key) => key.aliases.includes(auditSigningKeyAlias(prefix)));
  return bucket && signingKey ? { bucket: bucket.name, signingKey: signingKey.arn } : undefined;
}
