/**
 * Redrive: moves messages from a dead-letter queue back to the queue they came from, with the
 * SQS API only (AWS China offers no DLQ redrive of its own), so the same code serves AWS and the
 * local runtime's SQS endpoint.
 *
 * Primary course: receive up to ten dead letters at a time (hidden meanwhile); for each, send
 * its body and message attributes unchanged to the source queue, then delete it from the
 * dead-letter queue. A crash between the two leaves the message in both queues: it can be
 * duplicated, never lost, and processing downstream is idempotent. The run is bounded: at most
 * `max` messages, and it stops as soon as a message it moved comes back (still poison), so it
 * never moves the same message twice.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { schedules } from '#shared/topology.ts';

/** The pair of queues a redrive works on. */
export interface RedriveQueues {
  readonly deadLetterQueueUrl: string;
  readonly sourceQueueUrl: string;
}

/** Why a dead-letter queue cannot be redriven; nothing was changed. */
export type RedriveRefusal = 'scheduleDeadLetterQueue' | 'noSourceQueue' | 'sourceHasOtherDeadLetterQueue';

/** A dead-letter queue the command will not redrive, with the reason in Chinese and English. */
export class RedriveRefusedError extends Error {
  constructor(
    readonly reason: RedriveRefusal,
    readonly chinese: string,
    readonly english: string,
  ) {
    super(`${chinese} / ${english}`);
    this.name = 'RedriveRefusedError';
  }
}

/** How much one run may do. */
export interface RedriveOptions {
  /** At most this many messages are moved. */
  readonly max: number;
  /** Long-poll wait of each receive (default 1 s: in AWS a short poll may miss messages). */
  readonly waitSeconds?: number;
  /** How long received dead letters stay hidden while they are moved (default 60 s). */
  readonly visibilityTimeoutSeconds?: number;
}

/** One dead letter back on its source queue. */
export interface MovedMessage {
  readonly deadLetterMessageId: string;
  /** The id SQS gave the copy on the source queue; if it fails again it comes back under this id. */
  readonly sourceMessageId: string;
  /** Receives the message had had when it was taken (`ApproximateReceiveCount`). */
  readonly receiveCount: number | undefined;
}

/** A dead letter the run could not move. */
export interface FailedMove {
  readonly deadLetterMessageId: string;
  /** `send`: it stays a dead letter. `delete`: it was sent, and stays a dead letter too (a later run sends it again; harmless). */
  readonly step: 'send' | 'delete';
  readonly error: string;
}

/** Why the run ended. */
export type RedriveStop = 'empty' | 'max' | 'returned' | 'failed';

/** What a run did. */
export interface RedriveReport {
  readonly deadLetterQueueUrl: string;
  readonly sourceQueueUrl: string;
  readonly moved: readonly MovedMessage[];
  /** Messages moved in this run that came back to the dead-letter queue: still poison; left there. */
  readonly returned: readonly string[];
  readonly failed: readonly FailedMove[];
  readonly stoppedBecause: RedriveStop;
  /** Messages left in the dead-letter queue (SQS's approximate count, visible and hidden). */
  readonly remaining: number | undefined;
  readonly startedAt: string;
  readonly finishedAt: string;
}

const deadLetterSuffix = '-dlq';
const scheduleDeadLetterSuffix = '-schedule-dlq';

/** The last path segment of a queue URL: the queue's name. */
export function queueNameOfUrl(queueUrl: string): string {
  return (
    new URL(queueUrl).pathname
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? ''
  );
}

/**
 * Whether a queue is the dead-letter queue of a schedule (`<prefix>-<function>-schedule-dlq`):
 * EventBridge put the failed invocations there; there is no source queue to move them to.
 */
export function isScheduleDeadLetterQueue(queueName: string): boolean {
  if (!queueName.endsWith(scheduleDeadLetterSuffix)) return false;
  const stem = queueName.slice(0, -scheduleDeadLetterSuffix.length);
  return schedules.some((schedule) => stem === schedule.function || stem.endsWith(`-${schedule.function}`));
}

/**
 * Finds the queue a dead-letter queue serves: the one named without `-dlq` whose redrive policy
 * names this dead-letter queue, or `sourceQueueUrl` when the operator gives it.
 * @throws RedriveRefusedError for a schedule's dead-letter queue, or when no source is found.
 */
export async function findRedriveQueues(sqs: SQSClient, deadLetterQueueUrl: string, sourceQueueUrl?: string): Promise<RedriveQueues> {
  const deadLetterName = queueNameOfUrl(deadLetterQueueUrl);
  if (isScheduleDeadLetterQueue(deadLetterName)) throw scheduleRefusal(deadLetterName);
  const deadLetterArn = await queueAttribute(sqs, deadLetterQueueUrl, 'QueueArn');
  if (sourceQueueUrl !== undefined) {
    await queueAttribute(sqs, sourceQueueUrl, 'QueueArn'); // it must exist
    return { deadLetterQueueUrl, sourceQueueUrl };
  }
  if (!deadLetterName.endsWith(deadLetterSuffix)) {
    throw new RedriveRefusedError(
      'noSourceQueue',
      `${deadLetterName} 不以 -dlq 结尾，无法推断源队列；请用 --source-queue-url 指定`,
      `${deadLetterName} does not end in -dlq, so its source queue cannot be inferred; name it with --source-queue-url`,
    );
  }
  const sourceName = deadLetterName.slice(0, -deadLetterSuffix.length);
  let foundUrl: string | undefined;
  try {
    foundUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: sourceName }))).QueueUrl;
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist)) throw error;
  }
  if (foundUrl === undefined) {
    throw new RedriveRefusedError(
      'noSourceQueue',
      `找不到源队列 ${sourceName}；请用 --source-queue-url 指定`,
      `source queue ${sourceName} does not exist; name it with --source-queue-url`,
    );
  }
  const policy = parseRedrivePolicy(await queueAttribute(sqs, foundUrl, 'RedrivePolicy'));
  if (policy?.deadLetterTargetArn !== deadLetterArn) {
    throw new RedriveRefusedError(
      'sourceHasOtherDeadLetterQueue',
      `${sourceName} 的 RedrivePolicy 未指向 ${deadLetterName}；请核对后用 --source-queue-url 指定`,
      `the RedrivePolicy of ${sourceName} does not name ${deadLetterName}; check, then name the source with --source-queue-url`,
    );
  }
  return { deadLetterQueueUrl, sourceQueueUrl: foundUrl };
}

/**
 * Moves up to `options.max` messages from the dead-letter queue to the source queue, each sent
 * (same body bytes, same message attributes) before it is deleted.
 */
export async function redrive(sqs: SQSClient, queues: RedriveQueues, options: RedriveOptions): Promise<RedriveReport> {
  const startedAt = new Date().toISOString();
  const moved: MovedMessage[] = [];
  const failed: FailedMove[] = [];
  const returned: string[] = [];
  /** Copies sent in this run, by their id on the source queue: if one comes back, it is still poison. */
  const sentIds = new Set<string>();
  /** Dead letters already sent in this run (a second delivery of one is only deleted). */
  const sentFrom = new Set<string>();
  let stoppedBecause: RedriveStop = 'max';
  // Each pass moves or deletes at least one message, or ends the run; the cap is a second guard.
  for (let pass = 0; moved.length < options.max && pass < 2 * options.max + 10; pass += 1) {
    const messages = await receiveDeadLetters(sqs, queues.deadLetterQueueUrl, Math.min(10, options.max - moved.length), options);
    if (messages.length === 0) {
      stoppedBecause = 'empty';
      break;
    }
    const back = messages.filter((message) => sentIds.has(message.MessageId ?? ''));
    const again = messages.filter((message) => sentFrom.has(message.MessageId ?? ''));
    const fresh = messages.filter((message) => !back.includes(message) && !again.includes(message));
    const outcomes = await Promise.all(fresh.map((message) => moveOne(sqs, queues, message)));
    for (const outcome of outcomes) {
      if (outcome.ok) {
        moved.push(outcome.moved);
        sentIds.add(outcome.moved.sourceMessageId);
        sentFrom.add(outcome.moved.deadLetterMessageId);
      } else {
        failed.push(outcome.failure);
        if (outcome.failure.step === 'delete') sentFrom.add(outcome.failure.deadLetterMessageId);
      }
    }
    await Promise.all(again.map((message) => deleteDeadLetter(sqs, queues, message).catch(() => undefined)));
    // Left visible at once for whoever inspects them, and for the next run.
    await Promise.all([...back, ...failedMessages(fresh, failed)].map((message) => release(sqs, queues, message)));
    returned.push(...back.map((message) => message.MessageId ?? ''));
    if (back.length > 0) {
      stoppedBecause = 'returned';
      break;
    }
    if (outcomes.some((outcome) => !outcome.ok)) {
      stoppedBecause = 'failed';
      break;
    }
  }
  return {
    ...queues,
    moved,
    returned,
    failed,
    stoppedBecause,
    remaining: await remainingDeadLetters(sqs, queues.deadLetterQueueUrl),
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

type MoveOutcome = { readonly ok: true; readonly moved: MovedMessage } | { readonly ok: false; readonly failure: FailedMove };

async function moveOne(sqs: SQSClient, queues: RedriveQueues, message: Message): Promise<MoveOutcome> {
  const deadLetterMessageId = message.MessageId ?? '';
  let sourceMessageId: string;
  try {
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queues.sourceQueueUrl,
        MessageBody: message.Body ?? '',
        ...(message.MessageAttributes === undefined ? {} : { MessageAttributes: message.MessageAttributes }),
      }),
    );
    // SQS's checksums of what it stored must be those of the dead letter: same bytes, same attributes.
    if (sent.MD5OfMessageBody !== message.MD5OfBody || sent.MD5OfMessageAttributes !== message.MD5OfMessageAttributes) {
      throw new Error(
        `checksums differ: body ${sent.MD5OfMessageBody} vs ${message.MD5OfBody}, ` +
          `attributes ${sent.MD5OfMessageAttributes} vs ${message.MD5OfMessageAttributes}`,
      );
    }
    sourceMessageId = sent.MessageId ?? '';
  } catch (error) {
    return { ok: false, failure: { deadLetterMessageId, step: 'send', error: errorText(error) } };
  }
  try {
    await deleteDeadLetter(sqs, queues, message);
  } catch (error) {
    return { ok: false, failure: { deadLetterMessageId, step: 'delete', error: errorText(error) } };
  }
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount);
  return {
    ok: true,
    moved: { deadLetterMessageId, sourceMessageId, receiveCount: Number.isInteger(receiveCount) ? receiveCount : undefined },
  };
}

async function receiveDeadLetters(sqs: SQSClient, queueUrl: string, count: number, options: RedriveOptions): Promise<Message[]> {
  const { Messages: messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: count,
      WaitTimeSeconds: options.waitSeconds ?? 1,
      VisibilityTimeout: options.visibilityTimeoutSeconds ?? 60,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  return messages;
}

async function deleteDeadLetter(sqs: SQSClient, queues: RedriveQueues, message: Message): Promise<void> {
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }));
}

async function release(sqs: SQSClient, queues: RedriveQueues, message: Message): Promise<void> {
  await sqs
    .send(new ChangeMessageVisibilityCommand({ QueueUrl: queues.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }))
    .catch(() => undefined); // It becomes visible after the timeout all the same.
}

function failedMessages(messages: readonly Message[], failed: readonly FailedMove[]): Message[] {
  const ids = new Set(failed.filter((failure) => failure.step === 'send').map((failure) => failure.deadLetterMessageId));
  return messages.filter((message) => ids.has(message.MessageId ?? ''));
}

async function remainingDeadLetters(sqs: SQSClient, queueUrl: string): Promise<number | undefined> {
  try {
    const { Attributes: attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(attributes.ApproximateNumberOfMessages ?? 0) + Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  } catch {
    return undefined; // The count is for the report; what was moved is already done.
  }
}

async function queueAttribute(sqs: SQSClient, queueUrl: string, name: 'QueueArn' | 'RedrivePolicy'): Promise<string | undefined> {
  const { Attributes: attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [name] }));
  return attributes[name];
}

function parseRedrivePolicy(text: string | undefined): { deadLetterTargetArn?: string } | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as { deadLetterTargetArn?: string };
  } catch {
    return undefined;
  }
}

/** The refusal for a schedule's dead-letter queue, with what to do instead. */
export function scheduleRefusal(queueName: string): RedriveRefusedError {
  return new RedriveRefusedError(
    'scheduleDeadLetterQueue',
    `${queueName} 是定时任务的死信队列：其中是 EventBridge 调用失败的定时事件，没有可移回的源队列。下一次定时触发会补做所有到期的工作，无需重放；查看原因后可清空该队列（docs/operations.md）`,
    `${queueName} is a schedule's dead-letter queue: it holds scheduled events EventBridge failed to deliver, and there is no source queue to move them to. The next tick of the schedule catches up on everything due, so nothing needs replaying; inspect the failures, then purge the queue (docs/operations.md)`,
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
