/**
 * A durable queue with the semantics of an SQS standard queue with a redrive policy, for the
 * local runtime: visibility timeout, receive counts, and a dead-letter queue after
 * `maxReceiveCount` receives. The dead-letter queue is a queue of its own (`<name>-dlq`), served
 * by the SQS endpoint like any other, so operators move messages back with the same SQS calls
 * as in AWS (`npm run redrive`).
 *
 * Durability: a message accepted by `send` is its own file, written to a temporary name,
 * fsynced, renamed and its directory fsynced, so it survives a crash of the process. Receive
 * counts are appended to a log per folder (one write and one fsync per receive, shared by
 * concurrent receives). Visibility is kept in memory only: messages in flight when the process
 * dies are visible again after a restart, as they would be after their timeout.
 *
 * Layout: `<directory>/<name>/<messageId>.msg` and `receive-counts.log`; the dead-letter queue
 * is the same in `<directory>/<name>-dlq/`. A message moves to it by one rename, so it is always
 * in exactly one place, and keeps its id and receive count there, as in SQS.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The message system attributes the Lambda SQS event carries (all strings, as in SQS). */
export interface ReceivedMessageAttributes {
  readonly ApproximateReceiveCount: string;
  readonly SentTimestamp: string;
  readonly ApproximateFirstReceiveTimestamp: string;
  readonly SenderId: string;
}

/**
 * A message attribute as SQS keeps it: its data type (`String`, `Number` or `Binary`, with an
 * optional custom suffix such as `Number.int`) and its value.
 */
export interface MessageAttribute {
  readonly dataType: string;
  /** The value of a String or Number attribute. */
  readonly stringValue?: string;
  /** The bytes of a Binary attribute, base64-encoded. */
  readonly binaryValue?: string;
}

/** A message as handed to a consumer. */
export interface ReceivedMessage {
  readonly messageId: string;
  /** Opaque; valid for `delete`/`changeVisibility` until the message is received again. */
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: ReceivedMessageAttributes;
  /** Message attributes given to `send`, with their data types. */
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
  /** Hex MD5 of the UTF-8 body, as SQS reports it. */
  readonly md5OfBody: string;
}

export interface SendResult {
  readonly messageId: string;
  readonly md5OfBody: string;
}

export interface SendBatchEntry {
  /** Caller's id for the entry, unique in the batch (`[A-Za-z0-9_-]{1,80}`). */
  readonly id: string;
  readonly body: string;
  readonly attributes?: Readonly<Record<string, MessageAttribute>>;
}

export interface SendBatchResult {
  readonly successful: readonly (SendResult & { readonly id: string })[];
  readonly failed: readonly { readonly id: string; readonly code: QueueErrorCode; readonly message: string }[];
}

export interface QueueStats {
  readonly visible: number;
  readonly inFlight: number;
  /** Messages in the queue's dead-letter queue (visible or in flight); 0 for a queue without one. */
  readonly deadLetters: number;
}

export interface DurableLocalQueueOptions {
  /** Parent folder; the queue lives in `<directory>/<name>`, its dead-letter queue in `<directory>/<name>-dlq`. */
  readonly directory: string;
  /** Queue name, as in SQS: 1–80 characters of letters, digits, `-` and `_`. */
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  /**
   * The redrive policy: receives after which the next receive moves the message to the
   * dead-letter queue `<name>-dlq`, created beside the queue. Without it the queue has no
   * dead-letter queue (it is one itself, for instance).
   */
  readonly maxReceiveCount?: number;
  /** Visibility timeout of the dead-letter queue (default 30 s, the SQS default). */
  readonly deadLetterVisibilityTimeoutSeconds?: number;
  /** fsync files and folders (default `true`); `false` keeps crash atomicity, not durability. */
  readonly fsync?: boolean;
  /** Clock in epoch milliseconds; tests pass a controllable one. */
  readonly now?: () => number;
}

/** SQS error codes the queue raises; the SQS endpoint answers with them as `__type`. */
export type QueueErrorCode =
  | 'InvalidMessageContents'
  | 'InvalidParameterValue'
  | 'EmptyBatchRequest'
  | 'TooManyEntriesInBatchRequest'
  | 'BatchEntryIdsNotDistinct'
  | 'InvalidBatchEntryId'
  | 'BatchRequestTooLong'
  | 'ReceiptHandleIsInvalid'
  | 'MessageNotInflight';

/** A request the queue refuses, named by its SQS error code. */
export class QueueError extends Error {
  constructor(
    readonly code: QueueErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** SQS limits: 256 KiB per message and per batch, 12 hours of visibility, 10 entries a batch. */
export const maxMessageBytes = 262_144;
/** The name of a queue's dead-letter queue, as the local runtime and the stacks name it. */
export const deadLetterQueueName = (name: string): string => `${name}-dlq`;
const defaultDeadLetterVisibilitySeconds = 30;
const maxVisibilitySeconds = 43_200;
const maxBatchEntries = 10;
const localSenderId = '000000000000';
const receiveLogName = 'receive-counts.log';
const messageSuffix = '.msg';
const temporaryPrefix = '.tmp-';
/** SQS accepts only these characters in a body (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF). */
const invalidBodyCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** What is written in a message's file; immutable while the message lives. */
interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  /** Files written before data types were kept hold plain strings (String attributes). */
  readonly messageAttributes: Record<string, MessageAttribute>;
  readonly sentTimestamp: number;
  /** Send order within a millisecond. */
  readonly sequence: number;
}

interface ReceiveState {
  receiveCount: number;
  firstReceiveTimestamp: number;
}

interface Entry extends ReceiveState {
  readonly stored: StoredMessage;
  state: 'visible' | 'inFlight';
  receiptHandle: string | undefined;
  /** When an in-flight message becomes visible again (epoch ms). */
  visibleAt: number;
  heapIndex: number;
}

/**
 * A durable local queue with SQS standard-queue semantics and, with a redrive policy, a
 * dead-letter queue of its own. The constructor loads what an earlier process left in the folder.
 */
export class DurableLocalQueue {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  /** The redrive policy's receive limit; undefined for a queue without a dead-letter queue. */
  readonly maxReceiveCount: number | undefined;
  /** Where messages go after `maxReceiveCount` receives: a queue like any other, named `<name>-dlq`. */
  readonly deadLetterQueue: DurableLocalQueue | undefined;

  private readonly folder: QueueFolder;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  /** Visible messages, oldest send first. */
  private readonly visible = new IndexedHeap<Entry>((a, b) =>
    a.stored.sentTimestamp !== b.stored.sentTimestamp ? a.stored.sentTimestamp - b.stored.sentTimestamp : a.stored.sequence - b.stored.sequence,
  );
  /** In-flight messages, soonest visible first. */
  private readonly inFlight = new IndexedHeap<Entry>((a, b) => a.visibleAt - b.visibleAt);
  private sequence = 0;
  /** Told whenever a message becomes visible by a send or a move, so a consumer need not poll an empty queue. */
  private readonly visibleListeners = new Set<() => void>();

  constructor(options: DurableLocalQueueOptions) {
    assertQueueName(options.name);
    if (options.maxReceiveCount !== undefined) assertPositiveInteger('maxReceiveCount', options.maxReceiveCount);
    assertVisibility(options.visibilityTimeoutSeconds);
    this.name = options.name;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds;
    this.maxReceiveCount = options.maxReceiveCount;
    this.now = options.now ?? Date.now;
    const fsync = options.fsync ?? true;
    this.folder = new QueueFolder(join(options.directory, options.name), fsync);
    this.deadLetterQueue =
      options.maxReceiveCount === undefined
        ? undefined
        : new DurableLocalQueue({
            directory: options.directory,
            name: deadLetterQueueName(options.name),
            visibilityTimeoutSeconds: options.deadLetterVisibilityTimeoutSeconds ?? defaultDeadLetterVisibilitySeconds,
            fsync,
            now: this.now,
          });

    for (const loaded of this.folder.load()) this.makeVisible(loaded.stored, loaded);
  }

  /** Accepts a message; resolves once it is durable. */
  async send(body: string, attributes?: Readonly<Record<string, MessageAttribute>>): Promise<SendResult> {
    const problem = bodyProblem(body);
    if (problem !== undefined) throw new QueueError('InvalidMessageContents', problem);
    const stored = this.newMessage(body, attributes);
    await this.folder.write(stored);
    this.makeVisible(stored);
    return { messageId: stored.messageId, md5OfBody: stored.md5OfBody };
  }

  /** Sends up to ten messages; entries with invalid bodies fail alone, as in SQS. */
  async sendBatch(entries: readonly SendBatchEntry[]): Promise<SendBatchResult> {
    assertBatch(entries.map((entry) => entry.id));
    const totalBytes = entries.reduce((sum, entry) => sum + Buffer.byteLength(entry.body, 'utf8'), 0);
    if (totalBytes > maxMessageBytes) {
      throw new QueueError('BatchRequestTooLong', `The batch bodies total ${totalBytes} bytes; at most ${maxMessageBytes}.`);
    }
    const failed: { id: string; code: QueueErrorCode; message: string }[] = [];
    const accepted: { id: string; stored: StoredMessage }[] = [];
    for (const entry of entries) {
      const problem = bodyProblem(entry.body);
      if (problem === undefined) accepted.push({ id: entry.id, stored: this.newMessage(entry.body, entry.attributes) });
      else failed.push({ id: entry.id, code: 'InvalidMessageContents', message: problem });
    }
    await this.folder.writeAll(accepted.map((entry) => entry.stored));
    for (const { stored } of accepted) this.makeVisible(stored);
    return {
      successful: accepted.map(({ id, stored }) => ({ id, messageId: stored.messageId, md5OfBody: stored.md5OfBody })),
      failed,
    };
  }

  /**
   * Receives up to `maxMessages` visible messages, oldest first, and hides them for the
   * visibility timeout. A message already received `maxReceiveCount` times moves to the
   * dead-letter queue instead. Resolves once the new receive counts are durable.
   */
  async receive(maxMessages: number, options: { visibilityTimeoutSeconds?: number } = {}): Promise<ReceivedMessage[]> {
    assertPositiveInteger('maxMessages', maxMessages);
    const visibilitySeconds = options.visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds;
    assertVisibility(visibilitySeconds);
    const now = this.now();
    this.releaseExpired(now);
    const delivered: Entry[] = [];
    const deadLettered: Entry[] = [];
    while (delivered.length < maxMessages) {
      const entry = this.visible.pop();
      if (entry === undefined) break;
      if (this.maxReceiveCount !== undefined && entry.receiveCount >= this.maxReceiveCount) {
        this.entries.delete(entry.stored.messageId);
        deadLettered.push(entry);
        continue;
      }
      entry.receiveCount += 1;
      if (entry.firstReceiveTimestamp === 0) entry.firstReceiveTimestamp = now;
      entry.state = 'inFlight';
      entry.receiptHandle = `${entry.stored.messageId}.${randomUUID()}`;
      entry.visibleAt = now + visibilitySeconds * 1000;
      this.inFlight.push(entry);
      delivered.push(entry);
    }
    await Promise.all([
      this.folder.recordReceives(delivered.map((entry) => ({ messageId: entry.stored.messageId, ...entry }))),
      deadLettered.length > 0 ? this.moveToDeadLetterQueue(deadLettered) : undefined,
    ]);
    return delivered.map((entry) => toReceivedMessage(entry, entry.receiptHandle ?? ''));
  }

  /** Deletes the message if the handle is its latest; a stale handle does nothing, as in SQS. */
  async delete(receiptHandle: string): Promise<void> {
    const entry = this.entryFor(receiptHandle);
    if (entry === undefined) return;
    this.entries.delete(entry.stored.messageId);
    (entry.state === 'visible' ? this.visible : this.inFlight).remove(entry);
    await this.folder.remove(entry.stored.messageId);
  }

  /**
   * Makes an in-flight message visible again `seconds` from now (0: at once).
   * @throws QueueError `MessageNotInflight` when the handle is stale or the message is visible.
   */
  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    assertVisibility(seconds);
    this.releaseExpired(this.now());
    const entry = this.entryFor(receiptHandle);
    if (entry === undefined || entry.state !== 'inFlight') {
      throw new QueueError('MessageNotInflight', 'The message referred to is not in flight.');
    }
    entry.visibleAt = this.now() + seconds * 1000;
    this.inFlight.update(entry);
    this.releaseExpired(this.now());
  }

  /** Counts of visible and in-flight messages, and of the messages in the dead-letter queue. */
  /**
   * Calls `listener` whenever a message is sent to the queue or moved into it; resolves nothing
   * about in-flight messages coming back, whose time `nextVisibleAt` tells. Returns the way to stop.
   */
  onMessageVisible(listener: () => void): () => void {
    this.visibleListeners.add(listener);
    return () => this.visibleListeners.delete(listener);
  }

  /** When the soonest in-flight message becomes visible again (the queue's clock); undefined when none is in flight. */
  nextVisibleAt(): number | undefined {
    return this.inFlight.peek()?.visibleAt;
  }

  stats(): QueueStats {
    this.releaseExpired(this.now());
    const deadLetters = this.deadLetterQueue?.stats();
    return {
      visible: this.visible.size,
      inFlight: this.inFlight.size,
      deadLetters: deadLetters === undefined ? 0 : deadLetters.visible + deadLetters.inFlight,
    };
  }

  /**
   * Moves messages past their receive limit to the dead-letter queue, keeping id, body,
   * attributes and receive count. Their counts are logged in the dead-letter queue's folder
   * before the files move, so a crash in between leaves each message in the source with its
   * old count, to be moved on its next receive.
   */
  private async moveToDeadLetterQueue(entries: readonly Entry[]): Promise<void> {
    const target = this.deadLetterQueue;
    if (target === undefined) throw new Error(`Queue ${this.name} has no dead-letter queue`);
    await target.folder.recordReceives(entries.map((entry) => ({ messageId: entry.stored.messageId, ...entry })));
    await this.folder.moveTo(
      target.folder,
      entries.map((entry) => entry.stored.messageId),
    );
    for (const entry of entries) target.makeVisible(entry.stored, entry);
  }

  private newMessage(body: string, attributes: Readonly<Record<string, MessageAttribute>> | undefined): StoredMessage {
    return {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      messageAttributes: { ...attributes },
      sentTimestamp: this.now(),
      sequence: this.sequence++,
    };
  }

  private makeVisible(stored: StoredMessage, state: ReceiveState = { receiveCount: 0, firstReceiveTimestamp: 0 }): void {
    const entry: Entry = {
      stored,
      receiveCount: state.receiveCount,
      firstReceiveTimestamp: state.firstReceiveTimestamp,
      state: 'visible',
      receiptHandle: undefined,
      visibleAt: 0,
      heapIndex: -1,
    };
    this.entries.set(stored.messageId, entry);
    this.visible.push(entry);
    for (const listener of [...this.visibleListeners]) listener();
  }

  /** Moves in-flight messages whose visibility timeout has passed back to the visible set. */
  private releaseExpired(now: number): void {
    for (let next = this.inFlight.peek(); next !== undefined && next.visibleAt <= now; next = this.inFlight.peek()) {
      this.inFlight.pop();
      next.state = 'visible';
      this.visible.push(next);
    }
  }

  private entryFor(receiptHandle: string): Entry | undefined {
    const messageId = receiptHandle.split('.', 1)[0] ?? '';
    const entry = this.entries.get(messageId);
    return entry !== undefined && entry.receiptHandle === receiptHandle ? entry : undefined;
  }
}

/** The hex MD5 of a body's UTF-8 bytes, the checksum SQS returns and the SDK verifies. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function toReceivedMessage(entry: { stored: StoredMessage } & ReceiveState, receiptHandle: string): ReceivedMessage {
  const { stored } = entry;
  return {
    messageId: stored.messageId,
    receiptHandle,
    body: stored.body,
    attributes: {
      ApproximateReceiveCount: String(entry.receiveCount),
      SentTimestamp: String(stored.sentTimestamp),
      ApproximateFirstReceiveTimestamp: String(entry.firstReceiveTimestamp),
      SenderId: localSenderId,
    },
    messageAttributes: stored.messageAttributes,
    md5OfBody: stored.md5OfBody,
  };
}

/** A message file written before attributes kept their data types holds plain strings: String attributes. */
function withTypedAttributes(stored: StoredMessage): StoredMessage {
  const attributes = stored.messageAttributes as Record<string, MessageAttribute | string> | undefined;
  return {
    ...stored,
    messageAttributes: Object.fromEntries(
      Object.entries(attributes ?? {}).map(([name, value]) => [name, typeof value === 'string' ? { dataType: 'String', stringValue: value } : value]),
    ),
  };
}

function bodyProblem(body: string): string | undefined {
  if (body.length === 0) return 'The message body must not be empty.';
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > maxMessageBytes) return `The message body is ${bytes} bytes; at most ${maxMessageBytes}.`;
  if (invalidBodyCharacter.test(body)) return 'The message body contains characters outside the allowed set.';
  return undefined;
}

function assertBatch(ids: readonly string[]): void {
  if (ids.length === 0) throw new QueueError('EmptyBatchRequest', 'The batch request contains no entries.');
  if (ids.length > maxBatchEntries) {
    throw new QueueError('TooManyEntriesInBatchRequest', `The batch has ${ids.length} entries; at most ${maxBatchEntries}.`);
  }
  const invalid = ids.find((id) => !/^[A-Za-z0-9_-]{1,80}$/.test(id));
  if (invalid !== undefined) throw new QueueError('InvalidBatchEntryId', `Batch entry id "${invalid}" is not valid.`);
  if (new Set(ids).size !== ids.length) {
    throw new QueueError('BatchEntryIdsNotDistinct', 'Two or more batch entries have the same id.');
  }
}

function assertQueueName(name: string): void {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new Error(`Queue name "${name}" is not a valid SQS queue name`);
}

function assertPositiveInteger(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new QueueError('InvalidParameterValue', `${field} must be a positive integer; got ${value}.`);
  }
}

function assertVisibility(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > maxVisibilitySeconds) {
    throw new QueueError('InvalidParameterValue', `A visibility timeout must be 0–${maxVisibilitySeconds} seconds; got ${seconds}.`);
  }
}

/**
 * One folder of message files plus its receive-count log. Files are written to a temporary
 * name and renamed, so a reader never sees half a message; fsyncs of the folder and of the log
 * are shared by concurrent callers (group commit), keeping throughput up under load.
 */
class QueueFolder {
  private readonly directorySync: GroupCommit;
  private readonly log: ReceiveLog;

  constructor(
    readonly path: string,
    private readonly fsync: boolean,
  ) {
    mkdirSync(path, { recursive: true });
    this.directorySync = new GroupCommit(async () => {
      if (!this.fsync) return;
      const handle = await open(this.path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    this.log = new ReceiveLog(join(path, receiveLogName), fsync);
  }

  /** Reads the messages left by an earlier process, oldest first, with their receive counts. */
  load(): ({ stored: StoredMessage } & ReceiveState)[] {
    const counts = this.log.load();
    const messages: ({ stored: StoredMessage } & ReceiveState)[] = [];
    for (const file of readdirSync(this.path)) {
      if (file.startsWith(temporaryPrefix)) {
        unlinkSync(join(this.path, file));
        continue;
      }
      if (!file.endsWith(messageSuffix)) continue;
      const filePath = join(this.path, file);
      let stored: StoredMessage;
      try {
        stored = withTypedAttributes(JSON.parse(readFileSync(filePath, 'utf8')) as StoredMessage);
      } catch (error) {
        throw new Error(`Unreadable queue message file ${filePath}: ${String(error)}`);
      }
      const state = counts.get(stored.messageId) ?? { receiveCount: 0, firstReceiveTimestamp: 0 };
      messages.push({ stored, ...state });
    }
    messages.sort((a, b) => a.stored.sentTimestamp - b.stored.sentTimestamp || a.stored.sequence - b.stored.sequence);
    this.log.compact(new Map(messages.map((message) => [message.stored.messageId, message])));
    return messages;
  }

  async write(stored: StoredMessage): Promise<void> {
    await this.writeAll([stored]);
  }

  /** Writes the files, then makes all of them durable with one folder fsync. */
  async writeAll(messages: readonly StoredMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await Promise.all(messages.map((stored) => this.writeFile(stored)));
    await this.directorySync.run();
  }

  async remove(messageId: string): Promise<void> {
    this.log.forget(messageId);
    await unlink(this.fileOf(messageId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await this.directorySync.run();
  }

  /** Renames message files into another folder: atomic per message on one file system. */
  async moveTo(target: QueueFolder, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    for (const messageId of messageIds) this.log.forget(messageId);
    await Promise.all(messageIds.map((messageId) => rename(this.fileOf(messageId), target.fileOf(messageId))));
    await Promise.all([target.directorySync.run(), this.directorySync.run()]);
  }

  recordReceives(states: readonly ({ messageId: string } & ReceiveState)[]): Promise<void> {
    return this.log.append(states);
  }

  private fileOf(messageId: string): string {
    return join(this.path, `${messageId}${messageSuffix}`);
  }

  private async writeFile(stored: StoredMessage): Promise<void> {
    const temporary = join(this.path, `${temporaryPrefix}${stored.messageId}`);
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(JSON.stringify(stored), 'utf8');
      if (this.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.fileOf(stored.messageId));
  }
}

/**
 * Append-only log of `<messageId> <receiveCount> <firstReceiveTimestamp>` lines; the last line
 * for a message wins. Rewritten without the lines of gone messages at load and when it has
 * grown well past the number of messages.
 */
class ReceiveLog {
  private pending: string[] = [];
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;
  private lines = 0;
  private live = new Map<string, ReceiveState>();

  constructor(
    private readonly path: string,
    private readonly fsync: boolean,
  ) {}

  load(): Map<string, ReceiveState> {
    const counts = new Map<string, ReceiveState>();
    let text = '';
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      // A torn last line from a crash mid-append is skipped.
      const [messageId, count, first] = line.split(' ');
      const receiveCount = Number(count);
      const firstReceiveTimestamp = Number(first);
      if (messageId && Number.isInteger(receiveCount) && Number.isInteger(firstReceiveTimestamp)) {
        counts.set(messageId, { receiveCount, firstReceiveTimestamp });
      }
    }
    return counts;
  }

  /** Rewrites the log with only the given states (at load, before any append). */
  compact(states: ReadonlyMap<string, ReceiveState>): void {
    this.live = new Map();
    for (const [messageId, state] of states) {
      if (state.receiveCount > 0) this.live.set(messageId, { ...state });
    }
    const temporary = `${this.path}.compact`;
    const descriptor = openSync(temporary, 'w');
    try {
      writeSync(descriptor, this.liveText());
      if (this.fsync) fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, this.path);
    this.lines = this.live.size;
  }

  /** The message is gone from this folder; its lines become garbage for the next rewrite. */
  forget(messageId: string): void {
    this.live.delete(messageId);
  }

  append(states: readonly ({ messageId: string } & ReceiveState)[]): Promise<void> {
    if (states.length === 0) return Promise.resolve();
    for (const state of states) {
      this.pending.push(formatLine(state.messageId, state));
      this.live.set(state.messageId, { receiveCount: state.receiveCount, firstReceiveTimestamp: state.firstReceiveTimestamp });
    }
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return done;
  }

  /** Writes everything pending with one write and one fsync, repeating while more arrives. */
  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const text = this.pending.join('');
      const waiting = this.waiting;
      this.lines += this.pending.length;
      this.pending = [];
      this.waiting = [];
      try {
        // Opened per flush so no descriptor outlives the queue; flushes are per batch, not per message.
        const handle = await open(this.path, 'a');
        try {
          await handle.write(text);
          if (this.fsync) await handle.datasync();
        } finally {
          await handle.close();
        }
        for (const waiter of waiting) waiter.resolve();
      } catch (error) {
        for (const waiter of waiting) waiter.reject(error);
      }
      if (this.lines > 1024 + 4 * this.live.size) await this.rewrite().catch(() => undefined);
    }
    this.flushing = false;
  }

  /**
   * Replaces the log with the live states while no append runs. Lines still pending are
   * appended afterwards; they repeat states already written, so the last line still wins.
   */
  private async rewrite(): Promise<void> {
    const temporary = `${this.path}.compact`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(this.liveText(), 'utf8');
      if (this.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.path);
    this.lines = this.live.size;
  }

  private liveText(): string {
    let text = '';
    for (const [messageId, state] of this.live) {
      if (state.receiveCount > 0) text += formatLine(messageId, state);
    }
    return text;
  }
}

function formatLine(messageId: string, state: ReceiveState): string {
  return `${messageId} ${state.receiveCount} ${state.firstReceiveTimestamp}\n`;
}

/** Runs an action on behalf of every caller that asked while it was not yet running. */
class GroupCommit {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly action: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running === undefined) {
      this.running = this.action().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // A call already running may have started before our change; join the next one.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.run();
      });
    return this.next;
  }
}

/** A binary min-heap whose items know their index, so any item can be removed or re-keyed in O(log n). */
class IndexedHeap<T extends { heapIndex: number }> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.siftUp(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(item: T): void {
    const index = item.heapIndex;
    if (index < 0 || this.items[index] !== item) return;
    const last = this.items.pop() as T;
    item.heapIndex = -1;
    if (last === item) return;
    this.items[index] = last;
    last.heapIndex = index;
    this.siftDown(index);
    this.siftUp(last.heapIndex);
  }

  /** Restores order after the item's key changed. */
  update(item: T): void {
    if (item.heapIndex < 0) return;
    this.siftUp(item.heapIndex);
    this.siftDown(item.heapIndex);
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compare(this.at(index), this.at(parent)) >= 0) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.items.length && this.compare(this.at(left), this.at(smallest)) < 0) smallest = left;
      if (right < this.items.length && this.compare(this.at(right), this.at(smallest)) < 0) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private at(index: number): T {
    return this.items[index] as T;
  }

  private swap(a: number, b: number): void {
    const first = this.at(a);
    const second = this.at(b);
    this.items[a] = second;
    this.items[b] = first;
    first.heapIndex = b;
    second.heapIndex = a;
  }
}
