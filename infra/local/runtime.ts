/**
 * The whole system on one machine, assembled from the topology: DynamoDB Local with the tables
 * of `shared/tables.ts`, a durable queue per topology queue behind an SQS endpoint, the API
 * server for every route, a poller per queue and a scheduler per schedule — all invoking the
 * same handlers as AWS, with the same event shapes. Used by `npm start` and end-to-end tests.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, ScheduledEvent, SQSEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseAllowedOrigins } from '#shared/http/allowed-origin.ts';
import {
  alertEventBus,
  environmentNames,
  functions,
  handlerPath,
  publicCors,
  queues as topologyQueues,
  schedules as topologySchedules,
  type FunctionSpec,
  type QueueName,
  type TableName,
} from '#shared/topology.ts';
import { type HandlerLoader, type LambdaHandler, localDepartmentRolePrefix, type RateLimit, startApiServer } from './api-server.ts';
import { createTables } from './create-tables.ts';
import type { DeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { configuredDepartmentIds, loadLocalDeploymentConfig } from './deployment-configuration.ts';
import { deployLocally } from './local-deployment.ts';
import { type DepartmentCredential, loadDepartmentCredentials } from './department-credentials.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { consoleAudience, jwksPath, loadIdentityProvider, localIssuer, type StaffTokenRequest } from './identity-provider.ts';
import { DurableLocalQueue, type QueueStats } from './local-queue.ts';
import { createInvocationContext, type SqsHandler, startQueuePoller } from './queue-poller.ts';
import { type ScheduledHandler, scheduledEvent, startScheduler } from './scheduler.ts';
import { startEventBridgeEndpoint, type DeliveredEvent } from './eventbridge-endpoint.ts';
import { startSqsEndpoint } from './sqs-endpoint.ts';

/** The region the local runtime pretends to be deployed in (Beijing). */
export const localRegion = 'cn-north-1';
/** Table name prefix of the local runtime. */
export const defaultTablePrefix = 'esup-local';

export interface LocalRuntimeOptions {
  /** Folder for the database, queues, credentials and the identity provider's key. */
  readonly dataDir: string;
  /** In-memory DynamoDB and a throw-away queue folder; credentials and keys still live in `dataDir`. */
  readonly ephemeral?: boolean;
  /** Reuse a running DynamoDB (Local) instead of starting one (tests). */
  readonly dynamoEndpoint?: string;
  /** Defaults to {@link defaultTablePrefix}. */
  readonly tablePrefix?: string;
  /** Port of the API; a free one when omitted or 0. */
  readonly apiPort?: number;
  /** Port of DynamoDB Local; a free one when omitted. */
  readonly dynamoPort?: number;
  /** The deployment configuration (its city structure and departments); `infra/cdk/config/cn-north-1.json` by default. */
  readonly config?: DeploymentConfig;
  /** Run the deployment steps at start, as a deployment does (apply the configuration's city structure); default true. */
  readonly applyConfiguration?: boolean;
  /** Load the demo catalogue through the catalogue API (idempotent); default true. */
  readonly seedDemo?: boolean;
  /** Fire schedules on their own; default true. Tests turn it off and call `fireSchedule`. */
  readonly schedulesEnabled?: boolean;
  /** No progress lines; handlers log at WARN unless LOG_LEVEL is set. */
  readonly quiet?: boolean;
  /** Departments' throttle (usage plan); defaults to 100 requests/s, burst 200. */
  readonly rateLimit?: RateLimit;
  /** Public routes' limit per source address; the WAF's by default. */
  readonly publicRateLimit?: RateLimit;
  /** Origins whose browser complaint form may call the public complaint routes (CORS); none by default. */
  readonly publicCorsOrigins?: readonly string[];
}

/** A running local runtime. */
export interface LocalRuntime {
  /** `http://127.0.0.1:<port>` */
  readonly apiUrl: string;
  readonly dynamoEndpoint: string;
  readonly sqsEndpoint: string;
  /** Alert events put on the local bus since start (also appended to `<dataDir>/events.jsonl`). */
  alertEvents(): readonly DeliveredEvent[];
  /** Physical table names by logical name. */
  readonly tables: Record<TableName, string>;
  readonly region: string;
  /** Issuer of the local identity provider (`JWT_ISSUER`). */
  readonly issuer: string;
  /** Every department's signing credentials. */
  readonly credentials: readonly DepartmentCredential[];
  /** Mints a staff token from the local identity provider. */
  mintStaffToken(request: StaffTokenRequest): Promise<string>;
  /** Runs a topology schedule now, as if it fired at `time` (default now); resolves when the run is done. */
  fireSchedule(name: string, time?: Date): Promise<void>;
  /** Resolves once every queue is empty and no batch is running. */
  idle(): Promise<void>;
  /** Visible, in-flight and dead-lettered messages per queue. */
  queueStats(): Record<QueueName, QueueStats>;
  /** Stops the scheduler, the API (requests in flight finish), the pollers (their batches finish), the queues and DynamoDB. */
  stop(): Promise<void>;
}

const repositoryRoot = new URL('../../', import.meta.url);

/** Imports a function's handler module (`functions/<name>/handler.ts`, export `handler`). */
async function importHandler(functionName: string): Promise<LambdaHandler> {
  const module = (await import(new URL(handlerPath(functionName), repositoryRoot).href)) as {
    handler?: unknown;
  };
  if (typeof module.handler !== 'function') {
    throw new Error(`${handlerPath(functionName)} does not export a function named handler`);
  }
  return module.handler as LambdaHandler;
}

/**
 * A loader that imports each handler once, and not before `ready` resolves: handlers build
 * their clients from the environment at import (a cold start), so the environment comes first.
 */
function lazyHandlers(ready: Promise<void>): HandlerLoader {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  return (functionName) => {
    let handler = loaded.get(functionName);
    if (!handler) {
      handler = ready.then(() => importHandler(functionName));
      // A failed import is retried on the next invocation, as a new cold start would.
      handler.catch(() => loaded.delete(functionName));
      loaded.set(functionName, handler);
    }
    return handler;
  };
}

/** Starts the local runtime. On failure, whatever had started is stopped again. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const region = localRegion;
  const progress = (line: string): void => {
    if (!options.quiet) process.stderr.write(`[local] ${line}\n`);
  };
  const reportError = (source: string) => (error: unknown) => {
    process.stderr.write(`[local] ${source}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  };
  /** Undo steps of what has started, run last-first on a failed start. */
  const undo: (() => Promise<void>)[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const loadHandler = lazyHandlers(ready);

  try {
    // A bad origin stops the start before anything runs, naming the origin.
    const publicCorsOrigins = parseAllowedOrigins(options.publicCorsOrigins);
    const config = options.config ?? loadLocalDeploymentConfig();
    await mkdir(options.dataDir, { recursive: true });

    // 1. Database and tables.
    let dynamoEndpoint = options.dynamoEndpoint;
    let stopDynamo = async (): Promise<void> => undefined;
    if (dynamoEndpoint === undefined) {
      progress('starting DynamoDB Local…');
      const dynamo = await startDynamoDbLocal(
        options.ephemeral
          ? { inMemory: true, port: options.dynamoPort }
          : { dbPath: join(options.dataDir, 'dynamodb'), port: options.dynamoPort },
      );
      dynamoEndpoint = dynamo.endpoint;
      stopDynamo = () => dynamo.stop();
      undo.push(stopDynamo);
    }
    const dynamoClient = new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    undo.push(async () => dynamoClient.destroy());
    const tables = await createTables(dynamoClient, options.tablePrefix ?? defaultTablePrefix);

    // 2. Queues and the SQS endpoint the handlers send through.
    const queueDirectory = options.ephemeral
      ? await mkdtemp(join(tmpdir(), 'esup-local-queues-'))
      : join(options.dataDir, 'queues');
    if (options.ephemeral) undo.push(() => rm(queueDirectory, { recursive: true, force: true }));
    await mkdir(queueDirectory, { recursive: true });
    const queues = new Map(
      topologyQueues.map((spec) => [
        spec.name,
        new DurableLocalQueue({
          directory: queueDirectory,
          name: spec.name,
          visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
          maxReceiveCount: spec.maxReceiveCount,
          fsync: !options.ephemeral,
        }),
      ]),
    );
    const sqs = await startSqsEndpoint(queues, { region });
    undo.push(() => sqs.stop());
    const eventBus = await startEventBridgeEndpoint({ region, quiet: options.quiet ?? false, logFile: options.ephemeral ? undefined : join(options.dataDir, 'events.jsonl') });
    undo.push(() => eventBus.stop());

    // 3. Who may call: departments' keys and the staff identity provider.
    const credentials = await loadDepartmentCredentials(options.dataDir, configuredDepartmentIds(config));
    const identityProvider = await loadIdentityProvider({ dataDir: options.dataDir });

    // 4. The API. It listens before the environment is complete (its port names the issuer),
    //    but no handler is imported until `ready`.
    const api = await startApiServer({
      region,
      loadHandler,
      credentials,
      identityProvider,
      departmentRolePrefix: localDepartmentRolePrefix,
      rateLimit: options.rateLimit,
      publicRateLimit: options.publicRateLimit,
      publicCorsOrigins,
      port: options.apiPort ?? 0,
      logError: (message, error) => reportError(message)(error),
    });
    undo.push(() => api.stop());
    await identityProvider.bindIssuer(localIssuer(api.port));

    // 5. The environment the functions read at cold start, as CDK sets it in AWS.
    setFunctionEnvironment({
      region,
      dynamoEndpoint,
      sqsEndpoint: sqs.endpoint,
      eventBridgeEndpoint: eventBus.endpoint,
      tables,
      queueUrls: Object.fromEntries(topologyQueues.map((spec) => [spec.name, sqs.queueUrl(spec.name)])) as Record<
        QueueName,
        string
      >,
      issuer: identityProvider.issuer,
      jwksUrl: `${api.url}${jwksPath}`,
      keyDirectory: join(options.dataDir, 'keys'),
      quiet: options.quiet ?? false,
    });
    // The functions serving the CORS routes read the same origins (CDK sets them on those functions).
    if (publicCorsOrigins.length > 0) process.env[publicCors.environmentName] = publicCorsOrigins.join(',');
    else delete process.env[publicCors.environmentName];
    markReady();
    await deployLocally({
      config,
      region,
      dataDir: options.dataDir,
      loadHandler,
      apiUrl: api.url,
      mintStaffToken: (request) => identityProvider.mintStaffToken(request),
      applyConfiguration: options.applyConfiguration ?? true,
      seedDemo: options.seedDemo ?? true,
      progress,
    });

    // 6. Consumers and timers.
    const pollers = topologyQueues.map((spec) =>
      startQueuePoller({
        queue: queues.get(spec.name)!,
        spec,
        region,
        handler: async (event: SQSEvent, context: Context) =>
          (await loadHandler(spec.consumer))(event, context) as ReturnType<SqsHandler>,
        onError: reportError(`queue ${spec.name} (${spec.consumer})`),
      }),
    );
    const stopPollers = async (): Promise<void> => {
      await Promise.all(pollers.map((poller) => poller.stop()));
    };
    undo.push(stopPollers);
    const scheduledHandlers: Record<string, ScheduledHandler> = Object.fromEntries(
      topologySchedules.map((spec) => [
        spec.function,
        async (event: ScheduledEvent, context: Context) => (await loadHandler(spec.function))(event, context),
      ]),
    );
    const scheduler =
      (options.schedulesEnabled ?? true)
        ? startScheduler({ schedules: topologySchedules, handlers: scheduledHandlers, region, onError: reportError('scheduler') })
        : undefined;
    if (scheduler) undo.push(() => scheduler.stop());

    progress(`API on ${api.url}, DynamoDB on ${dynamoEndpoint}, SQS on ${sqs.endpoint}, EventBridge on ${eventBus.endpoint}${options.ephemeral ? '' : ` (events in ${join(options.dataDir, 'events.jsonl')})`}`);

    let stopping: Promise<void> | undefined;
    return {
      apiUrl: api.url,
      dynamoEndpoint,
      sqsEndpoint: sqs.endpoint,
      alertEvents: () => eventBus.events(),
      tables,
      region,
      issuer: identityProvider.issuer,
      credentials: credentials.all,
      mintStaffToken: (request) => identityProvider.mintStaffToken(request),
      fireSchedule: (name, time) =>
        scheduler ? scheduler.fire(name, time) : fireByHand(name, time ?? new Date(), scheduledHandlers, region),
      idle: async () => {
        await Promise.all(pollers.map((poller) => poller.idle()));
      },
      queueStats: () =>
        Object.fromEntries([...queues].map(([name, queue]) => [name, queue.stats()])) as Record<QueueName, QueueStats>,
      stop() {
        // Timers first, then the front door, then the work already inside, then the stores.
        stopping ??= (async () => {
          await scheduler?.stop();
          await api.stop();
          await stopPollers();
          await sqs.stop();
          dynamoClient.destroy();
          await stopDynamo();
          if (options.ephemeral) await rm(queueDirectory, { recursive: true, force: true });
          progress('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/** Fires a schedule by hand when the scheduler's timers are off (tests): same event, same handler. */
async function fireByHand(
  name: string,
  time: Date,
  handlers: Record<string, ScheduledHandler>,
  region: string,
): Promise<void> {
  const spec = topologySchedules.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`Unknown schedule ${name}`);
  const timeoutSeconds = (functions as readonly FunctionSpec[]).find((f) => f.name === spec.function)?.timeoutSeconds ?? 30;
  await handlers[spec.function]!(scheduledEvent(name, time, region), createInvocationContext(spec.function, region, timeoutSeconds * 1000));
}

interface FunctionEnvironment {
  readonly region: string;
  readonly dynamoEndpoint: string;
  readonly sqsEndpoint: string;
  readonly eventBridgeEndpoint: string;
  readonly tables: Record<TableName, string>;
  readonly queueUrls: Record<QueueName, string>;
  readonly issuer: string;
  readonly jwksUrl: string;
  /** Where the local personal-data keys live. */
  readonly keyDirectory: string;
  readonly quiet: boolean;
}

/** Sets what the functions' configuration reads: every name of `environmentNames`, plus the SDK's endpoints. */
function setFunctionEnvironment(environment: FunctionEnvironment): void {
  const set = (name: string, value: string): void => {
    process.env[name] = value;
  };
  set('AWS_REGION', environment.region);
  set('AWS_DEFAULT_REGION', environment.region);
  // DynamoDB Local and the local SQS endpoint accept any key; the SDK only needs one to sign.
  set('AWS_ACCESS_KEY_ID', 'local');
  set('AWS_SECRET_ACCESS_KEY', 'local');
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  set('AWS_ENDPOINT_URL_DYNAMODB', environment.dynamoEndpoint);
  set('AWS_ENDPOINT_URL_SQS', environment.sqsEndpoint);
  set('AWS_ENDPOINT_URL_EVENTBRIDGE', environment.eventBridgeEndpoint);
  set(environmentNames.alertEventBus, `esup-local-${alertEventBus.name}`);
  for (const [table, name] of Object.entries(environmentNames.tables)) set(name, environment.tables[table as TableName]);
  for (const [queue, name] of Object.entries(environmentNames.queues)) set(name, environment.queueUrls[queue as QueueName]);
  set(environmentNames.jwtIssuer, environment.issuer);
  set(environmentNames.jwtAudience, consoleAudience);
  set(environmentNames.jwksUrl, environment.jwksUrl);
  set(environmentNames.departmentRolePrefix, localDepartmentRolePrefix);
  // No KMS locally: the integrity digest key is named so configuration parses; the lead decides its local meaning.
  set(environmentNames.integrityKeyId, 'local-integrity-key');
  // Complainants' personal data: local keys beside the data (created on first use), not KMS.
  set(environmentNames.personalDataKey, `local:${join(environment.keyDirectory, 'personal-data.key')}`);
  set(environmentNames.lookupHashKey, `local:${join(environment.keyDirectory, 'lookup-hash.key')}`);
  set('POWERTOOLS_SERVICE_NAME', 'e-supervision');
  process.env.LOG_LEVEL ??= environment.quiet ? 'WARN' : 'INFO';
}
