/**
 * DynamoDB Local, the official AWS emulator, as the embedded database of the local runtime and
 * of the integration tests. The jar ships in the npm package `amplify-dynamodb-simulator`; we
 * fetch only its tarball (not its ~330 dependencies), check it against a pinned digest and keep
 * its `emulator/` folder under `.cache/dynamodb-local/` at the repository root.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const simulatorPackage = 'amplify-dynamodb-simulator@2.9.30';
const simulatorIntegrity = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const cacheDirectory = join(repositoryRoot, '.cache', 'dynamodb-local');
const emulatorDirectory = join(cacheDirectory, 'emulator');

/** Download folders older than this are leftovers of a crashed process. */
const staleDownloadMs = 60 * 60 * 1000;
const readyTimeoutMs = 60_000;

const run = promisify(execFile);

/**
 * Makes sure the DynamoDB Local emulator is unpacked in `.cache/dynamodb-local/emulator` and
 * returns that folder. Idempotent; two processes may call it at once: each unpacks into its own
 * temporary folder and the first atomic rename wins.
 */
export async function ensureDynamoDbLocalJar(): Promise<string> {
  if (await isEmulatorComplete(emulatorDirectory)) return emulatorDirectory;
  await mkdir(cacheDirectory, { recursive: true });
  await removeStaleDownloads();
  const work = await mkdtemp(join(cacheDirectory, '.download-'));
  try {
    await run('npm', ['pack', simulatorPackage, '--pack-destination', work, '--silent'], {
      cwd: work,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: unknown) => {
      throw new Error(`Could not fetch ${simulatorPackage} with npm pack: ${describe(error)}`);
    });
    const tarball = (await readdir(work)).find((file) => file.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack ${simulatorPackage} produced no tarball`);
    const tarballPath = join(work, tarball);
    const integrity = `sha512-${await sha512Base64(tarballPath)}`;
    if (integrity !== simulatorIntegrity) {
      throw new Error(`${simulatorPackage} failed its integrity check: got ${integrity}`);
    }
    await run('tar', ['-xzf', tarballPath, '-C', work, 'package/emulator']);
    await rm(tarballPath);
    try {
      await rename(join(work, 'package', 'emulator'), emulatorDirectory);
    } catch (error) {
      // Another process renamed its copy first; theirs is complete because rename is atomic.
      if (!(await isEmulatorComplete(emulatorDirectory))) throw error;
    }
    return emulatorDirectory;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A running DynamoDB Local process. */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`, for the `endpoint` of a `DynamoDBClient`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops the emulator and resolves once the process has exited. */
  stop(): Promise<void>;
}

/** How to run DynamoDB Local: in memory (throw-away) or persisted in `dbPath`. */
export interface DynamoDbLocalOptions {
  readonly inMemory?: boolean;
  /** Folder for the emulator's database file; created if missing. Ignored when `inMemory`. */
  readonly dbPath?: string;
  /** Port to listen on; a free one is chosen when omitted. */
  readonly port?: number;
}

/**
 * Starts DynamoDB Local (fetching the jar if needed) and resolves once it answers requests.
 * All regions and credentials share one database (`-sharedDb`). The Java process is killed if
 * this process exits, and on SIGINT/SIGTERM when nobody else handles those signals; a runtime
 * that handles them should call {@link DynamoDbLocal.stop}.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const emulator = await ensureDynamoDbLocalJar();
  const inMemory = options.inMemory ?? options.dbPath === undefined;
  // Java runs in the emulator folder, so a relative database path is resolved against ours first.
  const dbPath = options.dbPath === undefined ? undefined : resolve(options.dbPath);
  if (!inMemory && dbPath !== undefined) await mkdir(dbPath, { recursive: true });
  // A free port found by probing can be taken before Java binds it; retry with another one.
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await findFreePort());
    try {
      return await launch(emulator, port, inMemory, dbPath);
    } catch (error) {
      if (attempt >= attempts || !(error instanceof PortInUseError)) throw error;
    }
  }
}

class PortInUseError extends Error {}

async function launch(emulator: string, port: number, inMemory: boolean, dbPath: string | undefined): Promise<DynamoDbLocal> {
  const storage = inMemory || dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath];
  const args = [
    `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(emulator, 'DynamoDBLocal.jar'),
    ...storage,
    '-sharedDb',
    '-port',
    String(port),
    '-disableTelemetry',
  ];
  const child = spawn('java', args, { cwd: emulator, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new OutputTail(8 * 1024);
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const guard = guardChildLifetime(child);

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, endpoint, output);
  } catch (error) {
    guard.release();
    child.kill('SIGKILL');
    await exited;
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(forced);
        }
      })();
      return stopping;
    },
  };
}

async function waitUntilReady(child: ChildProcess, endpoint: string, output: OutputTail): Promise<void> {
  const failure = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error('DynamoDB Local needs Java 17 or newer: no `java` found on PATH. Install a JRE and retry.') : error);
    });
    child.once('exit', (code, signal) => {
      const text = output.text();
      const message = `DynamoDB Local exited before it was ready (code ${code}, signal ${signal}):\n${text}`;
      reject(/address already in use|BindException/i.test(text) ? new PortInUseError(message) : new Error(message));
    });
  });
  failure.catch(() => undefined);
  const client = new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + readyTimeoutMs;
  try {
    for (;;) {
      const answered = await Promise.race([
        client.send(new ListTablesCommand({ Limit: 1 })).then(
          () => true,
          () => false,
        ),
        failure,
      ]);
      if (answered) return;
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${readyTimeoutMs} ms:\n${output.text()}`);
      }
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), failure]);
    }
  } finally {
    client.destroy();
  }
}

/** Emulator processes that must not outlive this process. */
const liveEmulators = new Set<ChildProcess>();

function killLiveEmulators(): void {
  for (const child of liveEmulators) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * An unhandled SIGINT/SIGTERM ends Node without an `exit` event, which would orphan Java; so
 * when ours is the only listener we kill the emulators and re-raise the signal. When the
 * runtime handles signals itself we leave the emulators running so it can drain its work and
 * call stop().
 */
function onTerminationSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killLiveEmulators();
  removeProcessListeners();
  process.kill(process.pid, signal);
}

function removeProcessListeners(): void {
  process.off('exit', killLiveEmulators);
  process.off('SIGINT', onTerminationSignal);
  process.off('SIGTERM', onTerminationSignal);
}

/** Ties the child's lifetime to this process's until `release` (or the child's own exit). */
function guardChildLifetime(child: ChildProcess): { release(): void } {
  if (liveEmulators.size === 0) {
    process.on('exit', killLiveEmulators);
    process.on('SIGINT', onTerminationSignal);
    process.on('SIGTERM', onTerminationSignal);
  }
  liveEmulators.add(child);
  const release = (): void => {
    liveEmulators.delete(child);
    if (liveEmulators.size === 0) removeProcessListeners();
  };
  child.once('exit', release);
  return { release };
}

/** Keeps the last `limit` bytes of a process's output for error messages. */
class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      this.size -= this.chunks.shift()?.length ?? 0;
    }
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8').trim();
  }
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function isEmulatorComplete(directory: string): Promise<boolean> {
  try {
    await stat(join(directory, 'DynamoDBLocal.jar'));
    await stat(join(directory, 'DynamoDBLocal_lib'));
    return true;
  } catch {
    return false;
  }
}

async function removeStaleDownloads(): Promise<void> {
  const entries = await readdir(cacheDirectory).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => entry.startsWith('.download-'))
      .map(async (entry) => {
        const path = join(cacheDirectory, entry);
        const info = await stat(path).catch(() => undefined);
        if (info !== undefined && Date.now() - info.mtimeMs > staleDownloadMs) {
          await rm(path, { recursive: true, force: true });
        }
      }),
  );
}

async function sha512Base64(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    return typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : error.message;
  }
  return String(error);
}
