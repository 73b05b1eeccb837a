/**
 * How an operator's command finds the system it works on:
 *
 * - `--local [--data-dir .local]`: the local runtime, through the `runtime.json` it writes when it
 *   starts (endpoints, region, table and queue names, placeholder credentials);
 * - `--config <deployment>`: a deployment, by its configuration file in `infra/cdk/config/`
 *   (`prefix` names the resources, `region` the region), with the SDK's standard credential
 *   chain and endpoint variables (`AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL_DYNAMODB`,
 *   `AWS_ENDPOINT_URL_LAMBDA`);
 * - neither: explicit names or URLs (`--queue-url`, `--table`), with the SDK's standard region,
 *   credential and endpoint resolution (`--region` overrides the region).
 */
import { basename, join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { configDirectory, type DeploymentConfig, loadDeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { manifestProcessIsRunning, readRuntimeManifest, type RuntimeManifest } from '#infra/local/runtime-manifest.ts';
import { physicalTableName, tableDesigns } from '#shared/tables.ts';
import type { TableName } from '#shared/topology.ts';
import { UsageError } from './command-line.ts';

/** Where the command was told to look. */
export type SystemTarget =
  | { readonly kind: 'local'; readonly dataDir: string; readonly manifest: RuntimeManifest }
  | { readonly kind: 'deployment'; readonly config: DeploymentConfig }
  | { readonly kind: 'explicit' };

/** The options every operator command accepts to find the system. */
export interface ConnectionOptions {
  readonly local: boolean;
  /** Data folder of the local runtime (default `.local`). */
  readonly dataDir: string;
  /** A deployment name (`cn-north-1`) or the path of its configuration file. */
  readonly config?: string;
  /** Region for explicit targets; a deployment's region comes from its configuration. */
  readonly region?: string;
}

/** SDK clients for one system, and how its resources are named. */
export interface SystemConnection {
  readonly target: SystemTarget;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  /** Invokes the deployment's functions (an operator's `lambda:InvokeFunction`). */
  readonly lambda: LambdaClient;
  /** Closes the clients' connections. */
  destroy(): void;
}

/** The parseArgs options of {@link ConnectionOptions}, to spread into a command's own. */
export const connectionArgumentOptions = {
  local: { type: 'boolean', default: false },
  'data-dir': { type: 'string', default: '.local' },
  config: { type: 'string' },
  region: { type: 'string' },
} as const;

/**
 * Resolves the target and builds its clients.
 * @throws UsageError when `--local` and `--config` are both given, or the local runtime is not running.
 * @throws RuntimeManifestError / DeploymentConfigError when the file they name is missing or invalid.
 */
export async function connectToSystem(options: ConnectionOptions): Promise<SystemConnection> {
  const target = await resolveTarget(options);
  const clientConfig = clientConfigOf(target, options.region);
  const sqs = new SQSClient(clientConfig('sqs'));
  const dynamodb = new DynamoDBClient(clientConfig('dynamodb'));
  const lambda = new LambdaClient(clientConfig('lambda'));
  return {
    target,
    sqs,
    dynamodb,
    lambda,
    destroy() {
      sqs.destroy();
      dynamodb.destroy();
      lambda.destroy();
    },
  };
}

async function resolveTarget(options: ConnectionOptions): Promise<SystemTarget> {
  if (options.local && options.config !== undefined) {
    throw new UsageError('--local 与 --config 只能选一个', '--local and --config exclude each other');
  }
  if (options.local) {
    const dataDir = resolve(options.dataDir);
    const manifest = await readRuntimeManifest(dataDir);
    if (!manifestProcessIsRunning(manifest)) {
      throw new UsageError(
        `本地运行时未在运行（${dataDir}/runtime.json 写于 ${manifest.startedAt}，进程 ${manifest.pid} 已结束）；请先 npm start`,
        `the local runtime is not running (${dataDir}/runtime.json was written at ${manifest.startedAt} by process ${manifest.pid}, which has ended); run npm start first`,
        false,
      );
    }
    return { kind: 'local', dataDir, manifest };
  }
  if (options.config !== undefined) {
    const file = /[\\/]|\.json$/.test(options.config) ? options.config : join(configDirectory, `${basename(options.config)}.json`);
    return { kind: 'deployment', config: loadDeploymentConfig(file) };
  }
  return { kind: 'explicit' };
}

type ClientConfig = { region?: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } };

function clientConfigOf(target: SystemTarget, region: string | undefined): (service: 'sqs' | 'dynamodb' | 'lambda') => ClientConfig {
  switch (target.kind) {
    case 'local':
      return (service) => ({
        region: target.manifest.region,
        // A runtime started before it served Lambda has none: a command that invokes says so (localLambdaEndpoint).
        endpoint: target.manifest.endpoints[service] ?? 'http://127.0.0.1:9',
        credentials: { ...target.manifest.operatorCredentials },
      });
    case 'deployment':
      // Endpoint and credentials come from the SDK's standard resolution (AWS_ENDPOINT_URL_*, profiles, roles).
      return () => ({ region: target.config.region });
    case 'explicit':
      return () => (region === undefined ? {} : { region });
  }
}

/**
 * Refuses a local runtime that serves no Lambda endpoint (started by an older version), for the
 * commands that invoke a function.
 * @throws UsageError naming what to do
 */
export function requireInvocableTarget(target: SystemTarget): void {
  if (target.kind === 'local' && target.manifest.endpoints.lambda === undefined) {
    throw new UsageError(
      `本地运行时（${target.dataDir}）不提供 Lambda 调用；请重新 npm start`,
      `the local runtime (${target.dataDir}) serves no Lambda invocations; start it again (npm start)`,
      false,
    );
  }
}

/** A deployment's physical name for a resource named without its prefix; names that carry it stay as they are. */
export function prefixedName(target: SystemTarget, name: string): string {
  if (target.kind === 'explicit') return name;
  const prefix = `${target.kind === 'deployment' ? target.config.prefix : target.manifest.prefix}-`;
  return name.startsWith(prefix) ? name : `${prefix}${name}`;
}

/**
 * A table's physical name: a logical name (`cases`, `reference`, `audit`, `oversight`) is
 * resolved for the target; anything else is taken as the physical name.
 */
export function tableNameOf(target: SystemTarget, name: string): string {
  const logical = Object.hasOwn(tableDesigns, name) ? (name as TableName) : undefined;
  if (logical === undefined) return name;
  if (target.kind === 'local') return target.manifest.tables[logical] ?? name;
  if (target.kind === 'deployment') return physicalTableName(target.config.prefix, logical);
  return name;
}

/** What the command reads and writes, for its report (`local: .local`, `deployment demo-beijing (cn-north-1)`). */
export function describeTarget(target: SystemTarget, region?: string): string {
  switch (target.kind) {
    case 'local':
      return `local (${target.dataDir})`;
    case 'deployment':
      return `deployment ${target.config.name} (${target.config.region})`;
    case 'explicit':
      return region === undefined ? 'explicit (SDK default region)' : `explicit (${region})`;
  }
}
