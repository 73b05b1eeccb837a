/**
 * `<dataDir>/runtime.json`: where a running local runtime can be reached, written when it has
 * started, so the operators' commands (`npm run redrive -- --local`, `npm run restore-drill --
 * --local`) find its endpoints, tables and queues the way they find a deployment from its
 * configuration file.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { TableName } from '#shared/topology.ts';

/** File name of the manifest inside the runtime's data folder. */
export const runtimeManifestFileName = 'runtime.json';

const httpUrl = z.url({ protocol: /^https?$/ });

/** The manifest's format (version 1). */
export const RuntimeManifestSchema = z.strictObject({
  version: z.literal(1),
  /** When the runtime finished starting (ISO instant). */
  startedAt: z.iso.datetime(),
  /** Process that serves the endpoints; a manifest whose process is gone is stale. */
  pid: z.number().int().positive(),
  region: z.string().min(1),
  /** Prefix of the runtime's resource names (`<prefix>-records`, `<prefix>-cases`), as a deployment's. */
  prefix: z.string().min(1),
  apiUrl: httpUrl,
  endpoints: z.strictObject({
    dynamodb: httpUrl,
    sqs: httpUrl,
    eventbridge: httpUrl,
    kms: httpUrl.optional(),
    s3: httpUrl.optional(),
    /** Lambda `Invoke` (absent from manifests of runtimes started before it was served). */
    lambda: httpUrl.optional(),
  }),
  /** The audit trail's digest bucket and signing key (ARN), for `npm run audit:verify -- --local`. */
  auditTrail: z.strictObject({ bucket: z.string().min(3), signingKey: z.string().min(1) }).optional(),
  /** Physical table names by logical name (`cases`, `reference`, ...). */
  tables: z.record(z.string().min(1), z.string().min(3)),
  /** Queue URLs by queue name, dead-letter queues (`<queue>-dlq`) included. */
  queues: z.record(z.string().min(1), httpUrl),
  /** An operator's credentials for this run (an administrator of the account; key policies still apply). */
  operatorCredentials: z.strictObject({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sessionToken: z.string().min(1) }),
});

/** Where a running local runtime can be reached. */
export type RuntimeManifest = z.infer<typeof RuntimeManifestSchema>;

/** What the runtime knows once it has started. */
export interface RuntimeManifestInput {
  readonly region: string;
  readonly prefix: string;
  readonly apiUrl: string;
  readonly dynamoEndpoint: string;
  readonly eventBridgeEndpoint: string;
  /** Lambda `Invoke`, for the commands that invoke a function (records:verify). */
  readonly lambdaEndpoint?: string;
  /** The SQS endpoint: its address, the queues it serves and their URLs. */
  readonly sqs: { readonly endpoint: string; queueNames(): readonly string[]; queueUrl(name: string): string };
  readonly tables: Readonly<Record<TableName, string>>;
  readonly operatorCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken: string };
  readonly kmsEndpoint?: string;
  readonly s3Endpoint?: string;
  readonly auditTrail?: { readonly bucket: string; readonly signingKey: string };
}

/** A manifest that is missing or unreadable. */
export class RuntimeManifestError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeManifestError';
  }
}

/** The manifest's content for a started runtime (pure). */
export function runtimeManifestOf(input: RuntimeManifestInput, startedAt: Date, pid: number): RuntimeManifest {
  return {
    version: 1,
    startedAt: startedAt.toISOString(),
    pid,
    region: input.region,
    prefix: input.prefix,
    apiUrl: input.apiUrl,
    endpoints: {
      dynamodb: input.dynamoEndpoint,
      sqs: input.sqs.endpoint,
      eventbridge: input.eventBridgeEndpoint,
      ...(input.lambdaEndpoint === undefined ? {} : { lambda: input.lambdaEndpoint }),
      ...(input.kmsEndpoint === undefined ? {} : { kms: input.kmsEndpoint }),
      ...(input.s3Endpoint === undefined ? {} : { s3: input.s3Endpoint }),
    },
    ...(input.auditTrail === undefined ? {} : { auditTrail: { ...input.auditTrail } }),
    tables: { ...input.tables },
    queues: Object.fromEntries(input.sqs.queueNames().map((name) => [name, input.sqs.queueUrl(name)])),
    operatorCredentials: { ...input.operatorCredentials },
  };
}

/**
 * Writes `<dataDir>/runtime.json` (mode 0600), replacing an older one in one rename so a reader
 * never sees half a file.
 * @returns the file's path.
 */
export async function writeRuntimeManifest(dataDir: string, input: RuntimeManifestInput): Promise<string> {
  const file = join(dataDir, runtimeManifestFileName);
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(runtimeManifestOf(input, new Date(), process.pid), null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return file;
}

/**
 * Reads and validates `<dataDir>/runtime.json`.
 * @throws RuntimeManifestError when it is missing or not a valid manifest.
 */
export async function readRuntimeManifest(dataDir: string): Promise<RuntimeManifest> {
  const file = join(dataDir, runtimeManifestFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new RuntimeManifestError(
        file,
        `没有找到 ${file}：本地运行时未在此数据目录启动过（npm start） / ${file} not found: no local runtime has started with this data folder (npm start)`,
      );
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RuntimeManifestError(file, `${file} 不是有效的 JSON / ${file} is not valid JSON`);
  }
  const result = RuntimeManifestSchema.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new RuntimeManifestError(file, `${file} 格式无效 / ${file} is not a valid runtime manifest: ${problems}`);
  }
  return result.data;
}

/** Whether the process that wrote the manifest still runs (signal 0 only probes). */
export function manifestProcessIsRunning(manifest: RuntimeManifest): boolean {
  try {
    process.kill(manifest.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
