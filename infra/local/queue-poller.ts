/**
 * The local stand-in for a Lambda SQS event source mapping with `ReportBatchItemFailures`:
 * it receives batches from a durable local queue, invokes the consumer with a real `SQSEvent`,
 * and deletes what succeeded. Failed messages reappear after the visibility timeout and, after
 * `maxReceiveCount` receives, land in the dead-letter queue.
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { type FunctionSpec, functions, type QueueSpec } from '#shared/topology.ts';
import type { DurableLocalQueue, MessageAttribute, ReceivedMessage } from './local-queue.ts';

/** Sleep between checks while waiting for the queue to become idle. */
const idleCheckMs = 20;
/**
 * The longest an empty queue's poller sleeps by default: it wakes at once when a message is sent,
 * and when the soonest in-flight message's visibility timeout passes; this bounds the wait for
 * anything else. Polling every 20 ms instead kept every idle runtime busy.
 */
const defaultEmptyQueueWakeMs = 1_000;
const localAccount = '000000000000';

/** A consumer of SQS events: a Lambda handler. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface QueuePollerOptions {
  readonly queue: DurableLocalQueue;
  /** The queue's declaration (batch size, name, consumer). */
  readonly spec: QueueSpec;
  readonly handler: SqsHandler;
  readonly region: string;
  /**
   * Batches in flight at once: the event source mapping's maximum concurrency
   * (`ScalingConfig.MaximumConcurrency` in the template, from `processing.maxConcurrency`).
   */
  readonly maxConcurrency: number;
  /** The longest sleep on an empty queue (default 1 s); a message sent wakes the poller sooner. */
  readonly emptyQueueWakeMs?: number;
  /** Told about a batch that threw or answered malformed, and about queue errors; defaults to console.error. */
  readonly onError?: (error: unknown) => void;
}

export interface QueuePoller {
  /** Stops polling and resolves once the batches in progress are done. */
  stop(): Promise<void>;
  /**
   * Resolves once the queue has no visible or in-flight messages and no batch is running.
   * Rejects if the poller is stopped first.
   */
  idle(): Promise<void>;
  /**
   * Stops taking messages until `resume` (batches in progress finish), as disabling a Lambda event
   * source mapping does; messages wait on the queue.
   */
  pause(): void;
  resume(): void;
}

/** Starts polling `queue` and invoking `handler`, at most `maxConcurrency` batches at a time. */
export function startQueuePoller(options: QueuePollerOptions): QueuePoller {
  const { queue, spec, handler, region } = options;
  const onError = options.onError ?? ((error: unknown) => console.error(`queue ${spec.name}:`, error));
  const eventSourceARN = `arn:${partitionOf(region)}:sqs:${region}:${localAccount}:${spec.name}`;
  const emptyQueueWakeMs = options.emptyQueueWakeMs ?? defaultEmptyQueueWakeMs;
  const timeoutMs = (consumerSpec(spec.consumer)?.timeoutSeconds ?? 30) * 1000;
  let stopped = false;
  let paused = false;
  let busy = 0;
  const wakers = new Set<() => void>();

  const processBatch = async (messages: readonly ReceivedMessage[]): Promise<void> => {
    const event: SQSEvent = { Records: messages.map((message) => toSqsRecord(message, eventSourceARN, region)) };
    let failedIds: ReadonlySet<string>;
    try {
      const response = await handler(event, createInvocationContext(spec.consumer, region, timeoutMs));
      failedIds = failedMessageIds(response, messages);
    } catch (error) {
      onError(error);
      return; // The whole batch stays; it reappears after the visibility timeout.
    }
    const succeeded = messages.filter((message) => !failedIds.has(message.messageId));
    await Promise.all(succeeded.map((message) => queue.delete(message.receiptHandle))).catch(onError);
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  /** Sleeps until a message is sent, an in-flight one's timeout passes, or `emptyQueueWakeMs`, whichever is first. */
  const sleepUntilMessages = (): Promise<void> => {
    const returning = queue.nextVisibleAt();
    const untilReturning = returning === undefined ? emptyQueueWakeMs : Math.max(0, returning - Date.now());
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        stopListening();
        wakers.delete(wake);
        resolve();
      };
      const stopListening = queue.onMessageVisible(wake);
      const timer = setTimeout(wake, Math.min(emptyQueueWakeMs, untilReturning));
      wakers.add(wake);
    });
  };

  const loop = async (): Promise<void> => {
    while (!stopped) {
      if (paused) {
        await sleep(idleCheckMs);
        continue;
      }
      busy += 1;
      let received = 0;
      try {
        // No wait for a fuller batch: whatever is visible goes now, for low latency.
        const messages = await queue.receive(spec.batchSize).catch((error: unknown) => {
          onError(error);
          return [] as ReceivedMessage[];
        });
        received = messages.length;
        if (received > 0) await processBatch(messages);
      } finally {
        busy -= 1;
      }
      if (received === 0) await sleepUntilMessages();
    }
  };

  if (!Number.isInteger(options.maxConcurrency) || options.maxConcurrency < 1) {
    throw new RangeError(`maxConcurrency must be a positive whole number, not ${options.maxConcurrency}`);
  }
  const loops = Array.from({ length: options.maxConcurrency }, () => loop());

  return {
    async stop() {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      for (const wake of [...wakers]) wake();
    },
    async idle() {
      for (;;) {
        if (stopped) throw new Error(`The poller of queue ${spec.name} was stopped before the queue became idle`);
        if (paused) throw new Error(`The poller of queue ${spec.name} is paused: its queue cannot become idle`);
        const stats = queue.stats();
        if (busy === 0 && stats.visible === 0 && stats.inFlight === 0) return;
        await new Promise((resolve) => setTimeout(resolve, idleCheckMs));
      }
    },
  };
}

/**
 * A minimal Lambda context for a local invocation of `functionName`.
 * @param timeoutMs the function's timeout, for `getRemainingTimeInMillis`.
 */
export function createInvocationContext(functionName: string, region: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const requestId = randomUUID();
  const unsupported = (): never => {
    throw new Error('Callback-style completion is not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:${partitionOf(region)}:lambda:${region}:${localAccount}:function:${functionName}`,
    memoryLimitInMB: String(consumerSpec(functionName)?.memoryMiB ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** The partition of a region: `aws-cn` for the China regions, `aws` elsewhere. */
function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : 'aws';
}

function consumerSpec(name: string): FunctionSpec | undefined {
  return (functions as readonly FunctionSpec[]).find((candidate) => candidate.name === name);
}

function toSqsRecord(message: ReceivedMessage, eventSourceARN: string, awsRegion: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: { ...message.attributes },
    messageAttributes: lambdaMessageAttributes(message.messageAttributes),
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}

/** Message attributes as Lambda puts them in an SQS event (camel case, empty list values). */
function lambdaMessageAttributes(attributes: Readonly<Record<string, MessageAttribute>>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [
      name,
      {
        dataType: attribute.dataType,
        ...(attribute.binaryValue !== undefined ? { binaryValue: attribute.binaryValue } : { stringValue: attribute.stringValue }),
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
}

/**
 * The messages to keep, read as Lambda reads a partial batch response: none when the handler
 * returns nothing or an empty list; the whole batch when an identifier is missing or unknown.
 */
function failedMessageIds(response: SQSBatchResponse | void, messages: readonly ReceivedMessage[]): ReadonlySet<string> {
  const failures = response?.batchItemFailures ?? [];
  const batchIds = new Set(messages.map((message) => message.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = failure?.itemIdentifier;
    if (typeof id !== 'string' || !batchIds.has(id)) {
      throw new Error(`Partial batch response names an unknown message "${String(id)}"; the whole batch is retried`);
    }
    failed.add(id);
  }
  return failed;
}
