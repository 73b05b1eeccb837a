/**
 * One function's sandbox, run in a worker thread: like a Lambda execution environment it has
 * only the function's own environment (the variables its CloudFormation resource sets, its
 * role's credentials, the endpoints of the local services), loads the function's bundle once
 * (the cold start) and then serves invocations the host sends it.
 */
import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

/** What the host gives the sandbox when it starts. */
export interface SandboxData {
  readonly bundleFile: string;
  /**
   * When the host reads the sandbox's output: a line starting with this, followed by the
   * invocation's id, written after the handler's last output and before its reply, so the host
   * answers only once everything the invocation wrote (its metric records) has been read.
   */
  readonly endOfOutputMarker?: string;
  /** The function's name: the sandbox's thread takes it, so `top -H` and the bench tell functions apart. */
  readonly functionName?: string;
}

/** Linux lets a thread rename itself (15 bytes at most); elsewhere nothing happens. */
function nameThisThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    // Not Linux, or /proc not mounted: the thread keeps its name.
  }
}

/** The parts of a Lambda context that cross the thread boundary. */
export interface SerializedContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Epoch milliseconds at which the invocation times out. */
  readonly deadline: number;
}

export type SandboxRequest =
  | { readonly type: 'invoke'; readonly id: number; readonly event: unknown; readonly context: SerializedContext }
  /** Which environment variables the function has read so far (set or not). */
  | { readonly type: 'environmentReads'; readonly id: number };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export type SandboxReply =
  | { readonly type: 'ready' }
  | { readonly type: 'initError'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'environmentReads'; readonly id: number; readonly names: readonly string[] }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const serializeError = (error: unknown): SerializedError =>
  error instanceof Error
    ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
    : { name: 'Error', message: String(error) };

const contextOf = (serialized: SerializedContext): Context => {
  const unsupported = (): never => {
    throw new Error('Callback-style completion is not supported; return a promise');
  };
  return {
    ...serialized,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, serialized.deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
};

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the Lambda sandbox runs in a worker thread');
  const { bundleFile, endOfOutputMarker, functionName } = workerData as SandboxData;
  if (functionName) nameThisThread(functionName);
  const send = (reply: SandboxReply): void => port.postMessage(reply);
  // Every variable the code reads is noted, so the runtime can show which ones the stack does not set.
  const environmentReads = new Set<string>();
  process.env = new Proxy(process.env, {
    get(target, name, receiver) {
      if (typeof name === 'string') environmentReads.add(name);
      return Reflect.get(target, name, receiver) as unknown;
    },
    has(target, name) {
      if (typeof name === 'string') environmentReads.add(name);
      return Reflect.has(target, name);
    },
  });
  let handler: Handler;
  try {
    const module = (await import(pathToFileURL(bundleFile).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new Error(`${bundleFile} does not export a function named handler`);
    handler = module.handler as Handler;
  } catch (error) {
    send({ type: 'initError', error: serializeError(error) });
    return;
  }
  port.on('message', (request: SandboxRequest) => {
    if (request.type === 'environmentReads') {
      send({ type: 'environmentReads', id: request.id, names: [...environmentReads].sort() });
      return;
    }
    void (async () => {
      let reply: SandboxReply;
      try {
        reply = { type: 'result', id: request.id, value: await handler(request.event, contextOf(request.context)) };
      } catch (error) {
        reply = { type: 'error', id: request.id, error: serializeError(error) };
      }
      if (endOfOutputMarker !== undefined) process.stdout.write(`${endOfOutputMarker}${request.id}\n`);
      send(reply);
    })();
  });
  send({ type: 'ready' });
}

void main();
