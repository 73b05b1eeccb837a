/**
 * Runs one function of the local runtime the way Lambda runs it: in a sandbox of its own (a
 * worker thread with only the function's environment, its memory size as heap limit, its code as
 * bundled for deployment), started on the first invocation (the cold start) and started again
 * after a crash or a failed initialisation. Invocations past the function's timeout fail with
 * Lambda's message.
 */
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import type { SandboxData, SandboxReply, SandboxRequest, SerializedContext, SerializedError } from './lambda-sandbox.ts';

export interface LambdaHostOptions {
  /** The topology's name of the function. */
  readonly name: string;
  /** Its deployed name and ARN, as the context Lambda hands the handler names them. */
  readonly functionName: string;
  readonly functionArn: string;
  readonly workerFile: string;
  readonly bundleFile: string;
  /** Exactly the variables the sandbox sees. */
  readonly environment: Readonly<Record<string, string>>;
  readonly memoryMiB: number;
  readonly timeoutSeconds: number;
  /**
   * Each line the function writes to stdout or stderr, as CloudWatch Logs receives both (a log
   * line, or an embedded-metric-format record); without it, they go to this process's own.
   */
  readonly onLogLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/** An error thrown inside the function, carried across the sandbox boundary. */
export class FunctionError extends Error {
  constructor(functionName: string, error: SerializedError) {
    super(error.message);
    this.name = error.name;
    this.stack = `${error.name}: ${error.message} (in ${functionName})\n${error.stack?.split('\n').slice(1).join('\n') ?? ''}`;
  }
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  /** An invocation whose output is read waits for its end-of-output line as well as its reply. */
  outputPending: boolean;
  reply?: { readonly value: unknown } | { readonly error: Error };
}

/**
 * Starts the line a sandbox writes after an invocation's output (then its id). Worker output and
 * worker messages travel apart, so without it a reply could overtake the invocation's last lines.
 */
const endOfOutputMarker = '\u001eend-of-invocation-output ';

interface Sandbox {
  readonly worker: Worker;
  readonly ready: Promise<void>;
}

/** The invocation's context as Lambda fills it: the caller's request id and deadline, the function's own names and memory. */
const toSerializedContext = (context: Context, options: LambdaHostOptions): SerializedContext => ({
  awsRequestId: context.awsRequestId,
  functionName: options.functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: options.functionArn,
  memoryLimitInMB: String(options.memoryMiB),
  logGroupName: `/aws/lambda/${options.functionName}`,
  logStreamName: context.logStreamName,
  deadline: Date.now() + Math.min(context.getRemainingTimeInMillis(), options.timeoutSeconds * 1000),
});

/** One function's sandbox and the invocations in it. */
export class LambdaHost {
  readonly #options: LambdaHostOptions;
  readonly #pending = new Map<number, Pending>();
  #sandbox: Sandbox | undefined;
  #nextId = 1;
  #stopped = false;

  constructor(options: LambdaHostOptions) {
    this.#options = options;
  }

  get name(): string {
    return this.#options.name;
  }

  #failAll(error: Error): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(id);
    }
  }

  #start(): Sandbox {
    const { workerFile, bundleFile, environment, memoryMiB, name } = this.#options;
    const worker = new Worker(workerFile, {
      workerData: { bundleFile, functionName: name, ...(this.#options.onLogLine ? { endOfOutputMarker } : {}) } satisfies SandboxData,
      env: { ...environment },
      resourceLimits: { maxOldGenerationSizeMb: memoryMiB },
      execArgv: ['--enable-source-maps'],
      stdout: this.#options.onLogLine !== undefined,
      stderr: this.#options.onLogLine !== undefined,
    });
    const onLine = this.#options.onLogLine;
    if (onLine) {
      for (const stream of ['stdout', 'stderr'] as const) {
        createInterface({ input: worker[stream], crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
          if (stream === 'stdout' && line.startsWith(endOfOutputMarker)) this.#outputEnded(Number(line.slice(endOfOutputMarker.length)));
          else onLine(line, stream);
        });
      }
    }
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: SandboxReply) => {
        switch (reply.type) {
          case 'ready':
            resolve();
            return;
          case 'initError':
            reject(new FunctionError(name, reply.error));
            void worker.terminate();
            return;
          case 'environmentReads':
            this.#settle(reply.id, { value: reply.names });
            return;
          case 'result':
            this.#settle(reply.id, { value: reply.value });
            return;
          case 'error':
            this.#settle(reply.id, { error: new FunctionError(name, reply.error) });
        }
      });
      worker.on('error', (error) => {
        reject(error);
        this.#failAll(error);
      });
      worker.on('exit', (code) => {
        if (this.#sandbox?.worker === worker) this.#sandbox = undefined;
        const error = new Error(`${name}: the sandbox exited (code ${code})`);
        reject(error);
        this.#failAll(error);
      });
    });
    // An unhandled rejection of `ready` would be reported twice: the invocation reports it.
    ready.catch(() => undefined);
    return { worker, ready };
  }

  /** Records a request's reply, and answers it once the invocation's output has been read too. */
  #settle(id: number, reply: NonNullable<Pending['reply']>): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    pending.reply = reply;
    if (pending.outputPending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    if ('error' in reply) pending.reject(reply.error);
    else pending.resolve(reply.value);
  }

  #outputEnded(id: number): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    pending.outputPending = false;
    if (pending.reply) this.#settle(id, pending.reply);
  }

  /** Invokes the function with an event; resolves with what its handler returns. */
  async invoke(event: unknown, context: Context): Promise<unknown> {
    if (this.#stopped) throw new Error(`${this.#options.name}: the runtime is stopping`);
    this.#sandbox ??= this.#start();
    const sandbox = this.#sandbox;
    await sandbox.ready;
    const serialized = toSerializedContext(context, this.#options);
    const id = this.#nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.#pending.delete(id);
          reject(new Error(`Task timed out after ${this.#options.timeoutSeconds.toFixed(2)} seconds`));
        },
        Math.max(0, serialized.deadline - Date.now()),
      );
      this.#pending.set(id, { resolve, reject, timer, outputPending: this.#options.onLogLine !== undefined });
      sandbox.worker.postMessage({ type: 'invoke', id, event, context: serialized } satisfies SandboxRequest);
    });
  }

  /** The environment variables the function has read in its current sandbox (none before its first invocation). */
  async environmentReads(): Promise<readonly string[]> {
    const sandbox = this.#sandbox;
    if (!sandbox) return [];
    await sandbox.ready.catch(() => undefined);
    const id = this.#nextId++;
    return new Promise<readonly string[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.#options.name}: the sandbox did not answer`));
      }, 5000);
      this.#pending.set(id, { resolve: (names) => resolve(names as readonly string[]), reject, timer, outputPending: false });
      sandbox.worker.postMessage({ type: 'environmentReads', id } satisfies SandboxRequest);
    });
  }

  /**
   * Kills the sandbox now, as Lambda's host kills a function out of memory: the invocations in
   * flight fail as Lambda reports it, whatever they had written stays written, and the next
   * invocation starts a fresh sandbox (a cold start).
   */
  crash(): void {
    const sandbox = this.#sandbox;
    this.#sandbox = undefined;
    this.#failAll(new Error('Runtime exited with error: signal: killed (Runtime.ExitError)'));
    void sandbox?.worker.terminate();
  }

  /** Ends the sandbox; invocations still running fail. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const sandbox = this.#sandbox;
    this.#sandbox = undefined;
    this.#failAll(new Error(`${this.#options.name}: the runtime stopped`));
    await sandbox?.worker.terminate();
  }
}
