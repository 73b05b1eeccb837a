/**
 * An SQS-compatible HTTP endpoint over the local durable queues, so handler code sends with
 * the real `@aws-sdk/client-sqs` unchanged. It speaks the AWS JSON 1.0 protocol the current SDK
 * uses (`X-Amz-Target: AmazonSQS.<Operation>`), including the query-compatible error header.
 * Listens on 127.0.0.1 only and does not check signatures: it is reachable from this machine only.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AuthorizationCheck } from './iam/iam-authorizer.ts';
import type { ServiceGuard } from './iam/service-guard.ts';
import { type DurableLocalQueue, type MessageAttribute, maxMessageBytes, QueueError, type ReceivedMessage } from './local-queue.ts';

/** The account id local ARNs and queue URLs carry. */
const localAccount = '000000000000';
const maxRequestBytes = 2 * 1024 * 1024;
const maxWaitSeconds = 20;
const longPollIntervalMs = 20;

/** A running SQS endpoint. */
export interface SqsEndpoint {
  /** `http://127.0.0.1:<port>`, for the `endpoint` of an `SQSClient`. */
  readonly endpoint: string;
  /** `${endpoint}/000000000000/${name}`, as `GetQueueUrl` answers. */
  queueUrl(name: string): string;
  /** Every queue served: the given ones and their dead-letter queues. */
  queueNames(): readonly string[];
  stop(): Promise<void>;
}

export interface SqsEndpointOptions {
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  /** Region in the queue ARNs that `GetQueueAttributes` reports (default `cn-north-1`). */
  readonly region?: string;
  /**
   * Checks each caller's signature and IAM permissions (the queue's actions, and the use of its
   * key that SQS makes on the caller's behalf); read at each request, so it can be set once the
   * deployment is known. Without one, any caller is served.
   */
  readonly guard?: () => ServiceGuard | undefined;
  /** The customer-managed key of a queue's encryption, by queue name. */
  readonly queueKey?: (queueName: string) => string | undefined;
}

/**
 * Serves SendMessage, SendMessageBatch, ReceiveMessage (with long polling), DeleteMessage,
 * DeleteMessageBatch, ChangeMessageVisibility, GetQueueAttributes and GetQueueUrl for the
 * given queues, keyed by queue name, and for each one's dead-letter queue under its own name
 * (`<name>-dlq`), as SQS serves a dead-letter queue like any other queue.
 */
export async function startSqsEndpoint(given: ReadonlyMap<string, DurableLocalQueue>, options: SqsEndpointOptions = {}): Promise<SqsEndpoint> {
  const region = options.region ?? 'cn-north-1';
  const queues = withDeadLetterQueues(given);
  let endpoint = '';
  let closing = false;
  const context = (): OperationContext => ({ queues, endpoint, region, closing: () => closing, guard: options.guard?.(), queueKey: options.queueKey });
  const server = createServer((request, response) => {
    void serve(request, response, context());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    queueUrl: (name) => queueUrlOf(endpoint, name),
    queueNames: () => [...queues.keys()],
    async stop() {
      closing = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

/** The given queues and, under their own names, their dead-letter queues. */
function withDeadLetterQueues(given: ReadonlyMap<string, DurableLocalQueue>): Map<string, DurableLocalQueue> {
  const queues = new Map(given);
  for (const queue of given.values()) {
    const deadLetterQueue = queue.deadLetterQueue;
    if (deadLetterQueue === undefined) continue;
    const known = queues.get(deadLetterQueue.name);
    if (known !== undefined && known !== deadLetterQueue) {
      throw new Error(`Queue name ${deadLetterQueue.name} is taken; it names the dead-letter queue of ${queue.name}`);
    }
    queues.set(deadLetterQueue.name, deadLetterQueue);
  }
  return queues;
}

interface OperationContext {
  readonly queues: ReadonlyMap<string, DurableLocalQueue>;
  readonly endpoint: string;
  readonly region: string;
  readonly closing: () => boolean;
  readonly guard: ServiceGuard | undefined;
  readonly queueKey: ((queueName: string) => string | undefined) | undefined;
}

type JsonObject = Record<string, unknown>;
type Operation = (input: JsonObject, context: OperationContext) => Promise<JsonObject>;

/** An SQS error: its shape name, the awsQuery code older clients know it by, and the status. */
class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly queryCode: string = type,
    readonly status = 400,
  ) {
    super(message);
  }
}

const queryCodes: Partial<Record<string, string>> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

const operations: Record<string, Operation> = {
  async GetQueueUrl(input, context) {
    const name = requiredString(input, 'QueueName');
    if (!context.queues.has(name)) throw queueDoesNotExist(name);
    return { QueueUrl: queueUrlOf(context.endpoint, name) };
  },

  async SendMessage(input, context) {
    const queue = queueOf(input, context);
    refuseDelay(input.DelaySeconds);
    const attributes = messageAttributesOf(input.MessageAttributes);
    const result = await queue.send(requiredString(input, 'MessageBody'), attributes.values);
    return {
      MessageId: result.messageId,
      MD5OfMessageBody: result.md5OfBody,
      ...(attributes.md5 === undefined ? {} : { MD5OfMessageAttributes: attributes.md5 }),
    };
  },

  async SendMessageBatch(input, context) {
    const queue = queueOf(input, context);
    const entries = arrayOf(input, 'Entries').map((entry) => {
      refuseDelay(entry.DelaySeconds);
      const attributes = messageAttributesOf(entry.MessageAttributes);
      return { id: requiredString(entry, 'Id'), body: requiredString(entry, 'MessageBody'), attributes };
    });
    const result = await queue.sendBatch(entries.map(({ id, body, attributes }) => ({ id, body, attributes: attributes.values })));
    const attributeMd5 = new Map(entries.map((entry) => [entry.id, entry.attributes.md5]));
    return {
      Successful: result.successful.map((entry) => ({
        Id: entry.id,
        MessageId: entry.messageId,
        MD5OfMessageBody: entry.md5OfBody,
        ...(attributeMd5.get(entry.id) === undefined ? {} : { MD5OfMessageAttributes: attributeMd5.get(entry.id) }),
      })),
      Failed: result.failed.map((entry) => ({ Id: entry.id, SenderFault: true, Code: entry.code, Message: entry.message })),
    };
  },

  async ReceiveMessage(input, context) {
    const queue = queueOf(input, context);
    const maxMessages = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
    const visibility = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
    const waitSeconds = optionalInteger(input, 'WaitTimeSeconds', 0, maxWaitSeconds) ?? 0;
    const systemNames = [...stringList(input.MessageSystemAttributeNames), ...stringList(input.AttributeNames)];
    const attributeNames = stringList(input.MessageAttributeNames);
    const deadline = Date.now() + waitSeconds * 1000;
    let messages = await queue.receive(maxMessages, visibility === undefined ? {} : { visibilityTimeoutSeconds: visibility });
    while (messages.length === 0 && Date.now() < deadline && !context.closing()) {
      await new Promise((resolve) => setTimeout(resolve, longPollIntervalMs));
      messages = await queue.receive(maxMessages, visibility === undefined ? {} : { visibilityTimeoutSeconds: visibility });
    }
    return { Messages: messages.map((message) => toSqsMessage(message, systemNames, attributeNames)) };
  },

  async DeleteMessage(input, context) {
    await queueOf(input, context).delete(requiredString(input, 'ReceiptHandle'));
    return {};
  },

  async DeleteMessageBatch(input, context) {
    const queue = queueOf(input, context);
    const entries = arrayOf(input, 'Entries').map((entry) => ({
      id: requiredString(entry, 'Id'),
      receiptHandle: requiredString(entry, 'ReceiptHandle'),
    }));
    assertBatchIds(entries.map((entry) => entry.id));
    await Promise.all(entries.map((entry) => queue.delete(entry.receiptHandle)));
    return { Successful: entries.map((entry) => ({ Id: entry.id })), Failed: [] };
  },

  async ChangeMessageVisibility(input, context) {
    const queue = queueOf(input, context);
    const seconds = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
    if (seconds === undefined) throw missing('VisibilityTimeout');
    await queue.changeVisibility(requiredString(input, 'ReceiptHandle'), seconds);
    return {};
  },

  async GetQueueAttributes(input, context) {
    const queue = queueOf(input, context);
    const requested = stringList(input.AttributeNames);
    const stats = queue.stats();
    const arn = (name: string): string => `arn:${partitionOf(context.region)}:sqs:${context.region}:${localAccount}:${name}`;
    const all: Record<string, string> = {
      ApproximateNumberOfMessages: String(stats.visible),
      ApproximateNumberOfMessagesNotVisible: String(stats.inFlight),
      ApproximateNumberOfMessagesDelayed: '0',
      VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      MaximumMessageSize: String(maxMessageBytes),
      QueueArn: arn(queue.name),
      // As in SQS, only a queue with a redrive policy reports one; its dead-letter queue does not.
      ...(queue.deadLetterQueue === undefined
        ? {}
        : {
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: arn(queue.deadLetterQueue.name),
              maxReceiveCount: queue.maxReceiveCount,
            }),
          }),
    };
    const names = requested.includes('All') ? Object.keys(all) : requested;
    const unknown = names.find((name) => !(name in all) && !optionalAttributeNames.has(name));
    if (unknown !== undefined) throw new SqsError('InvalidAttributeName', `Unknown attribute ${unknown}.`);
    return { Attributes: Object.fromEntries(names.filter((name) => name in all).map((name) => [name, all[name]])) };
  },
};

/** Attributes a queue may lack (SQS then leaves them out of the answer rather than refusing the name). */
const optionalAttributeNames = new Set(['RedrivePolicy']);

async function serve(request: IncomingMessage, response: ServerResponse, context: OperationContext): Promise<void> {
  const requestId = randomUUID();
  try {
    const target = request.headers['x-amz-target'];
    const operationName = typeof target === 'string' && target.startsWith('AmazonSQS.') ? target.slice(10) : undefined;
    if (request.method !== 'POST' || operationName === undefined) {
      throw new SqsError('InvalidAction', 'Expected a POST with an X-Amz-Target: AmazonSQS.<Operation> header.');
    }
    const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
    if (operation === undefined) {
      throw new SqsError('UnsupportedOperation', `The local SQS endpoint does not support ${operationName}.`);
    }
    const raw = await readBody(request);
    const input = parseJson(raw);
    if (context.guard) {
      const [path = '/', rawQuery = ''] = (request.url ?? '/').split('?', 2);
      const verdict = await context.guard.admit({ method: request.method, path, rawQuery, headers: request.headers, body: raw }, 'sqs', operationName, () =>
        authorizationChecks(operationName, input, context),
      );
      if (!verdict.ok) {
        // A refused use of the queue's key is SQS's KMS error, not an IAM denial of the queue action.
        const keyRefused = verdict.check?.via === 'sqs';
        throw new SqsError(
          keyRefused ? 'KmsAccessDenied' : verdict.code,
          verdict.message,
          keyRefused ? 'KMS.AccessDeniedException' : verdict.code === 'AccessDeniedException' ? 'AccessDenied' : verdict.code,
          verdict.status,
        );
      }
    }
    const output = await operation(input, context);
    reply(response, 200, requestId, output);
  } catch (error) {
    const sqsError = toSqsError(error);
    reply(
      response,
      sqsError.status,
      requestId,
      { __type: `${sqsError.type === 'AccessDeniedException' ? 'com.amazon.coral.service' : 'com.amazonaws.sqs'}#${sqsError.type}`, message: sqsError.message },
      sqsError.status < 500 ? `${sqsError.queryCode};Sender` : `${sqsError.queryCode};Receiver`,
    );
  }
}

function reply(response: ServerResponse, status: number, requestId: string, body: JsonObject, queryError?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...(queryError === undefined ? {} : { 'x-amzn-query-error': queryError }),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBytes) throw new SqsError('RequestTooLarge', `The request exceeds ${maxRequestBytes} bytes.`, 'RequestTooLarge', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The IAM checks of one SQS call: the action on the queue (a batch call authorizes as its single
 * counterpart), and for an encrypted queue the key use SQS makes with the caller's permissions —
 * a producer's data key and a consumer's decryption.
 */
function authorizationChecks(operation: string, input: JsonObject, context: OperationContext): AuthorizationCheck[] {
  const arn = (name: string): string => `arn:${partitionOf(context.region)}:sqs:${context.region}:${localAccount}:${name}`;
  const name =
    typeof input.QueueUrl === 'string'
      ? (input.QueueUrl.split('/')
          .filter((part) => part !== '')
          .at(-1) ?? '')
      : String(input.QueueName ?? '');
  // A request that names no queue fails its own validation (MissingParameter) once its caller is known.
  if (name === '') return [];
  const action = `sqs:${operation.replace(/Batch$/, '')}`;
  const checks: AuthorizationCheck[] = [{ action, resource: arn(name) }];
  const keyArn = context.queueKey?.(name);
  const keyActions = action === 'sqs:SendMessage' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : action === 'sqs:ReceiveMessage' ? ['kms:Decrypt'] : [];
  const viaService = `sqs.${context.region}.${partitionOf(context.region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  if (keyArn !== undefined) {
    for (const keyAction of keyActions) checks.push({ action: keyAction, resource: keyArn, context: { 'kms:ViaService': viaService }, via: 'sqs' });
  }
  return checks;
}

function parseJson(raw: Buffer): JsonObject {
  const text = raw.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SqsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SqsError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as JsonObject;
}

function toSqsError(error: unknown): SqsError {
  if (error instanceof SqsError) return error;
  if (error instanceof QueueError) return new SqsError(error.code, error.message, queryCodes[error.code] ?? error.code);
  // 5xx bodies never carry internals; the operator sees them in the runtime's own logs.
  console.error('local SQS endpoint failed', error);
  return new SqsError('InternalError', 'The local queue failed to process the request.', 'InternalError', 500);
}

function queueUrlOf(endpoint: string, name: string): string {
  return `${endpoint}/${localAccount}/${name}`;
}

function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : 'aws';
}

function queueOf(input: JsonObject, context: OperationContext): DurableLocalQueue {
  const url = requiredString(input, 'QueueUrl');
  const name =
    url
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? '';
  const queue = context.queues.get(name);
  if (queue === undefined) throw queueDoesNotExist(name);
  return queue;
}

function queueDoesNotExist(name: string): SqsError {
  return new SqsError('QueueDoesNotExist', `The specified queue ${name} does not exist.`, queryCodes.QueueDoesNotExist);
}

function missing(field: string): SqsError {
  return new SqsError('MissingParameter', `The request must contain the parameter ${field}.`);
}

function requiredString(input: JsonObject, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') throw missing(field);
  return value;
}

function optionalInteger(input: JsonObject, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SqsError('InvalidParameterValue', `${field} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function arrayOf(input: JsonObject, field: string): JsonObject[] {
  const value = input[field];
  if (!Array.isArray(value)) throw missing(field);
  return value.filter((item): item is JsonObject => typeof item === 'object' && item !== null);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function assertBatchIds(ids: readonly string[]): void {
  if (ids.length === 0) throw new SqsError('EmptyBatchRequest', 'The batch request contains no entries.', queryCodes.EmptyBatchRequest);
  if (ids.length > 10) {
    throw new SqsError('TooManyEntriesInBatchRequest', 'A batch has at most 10 entries.', queryCodes.TooManyEntriesInBatchRequest);
  }
  if (new Set(ids).size !== ids.length) {
    throw new SqsError('BatchEntryIdsNotDistinct', 'Two or more batch entries have the same id.', queryCodes.BatchEntryIdsNotDistinct);
  }
}

/** Delayed delivery is not implemented locally; refusing it beats silently ignoring it. */
function refuseDelay(delaySeconds: unknown): void {
  if (delaySeconds !== undefined && delaySeconds !== null && delaySeconds !== 0) {
    throw new SqsError('UnsupportedOperation', 'DelaySeconds is not supported by the local queue.', queryCodes.UnsupportedOperation);
  }
}

/**
 * String, Number and Binary message attributes, with their data types. The MD5 of the
 * attributes as sent is returned the way SQS computes it (sorted names; length-prefixed name,
 * type and value, with the transport type between).
 */
function messageAttributesOf(value: unknown): { values: Record<string, MessageAttribute> | undefined; md5: string | undefined } {
  if (value === undefined || value === null) return { values: undefined, md5: undefined };
  if (typeof value !== 'object') throw new SqsError('InvalidParameterValue', 'MessageAttributes must be an object.');
  const values: Record<string, MessageAttribute> = {};
  for (const [name, attribute] of Object.entries(value as Record<string, JsonObject>)) {
    values[name] = messageAttributeOf(name, attribute);
  }
  return Object.keys(values).length === 0 ? { values: undefined, md5: undefined } : { values, md5: messageAttributesMd5(values) };
}

function messageAttributeOf(name: string, attribute: JsonObject | undefined): MessageAttribute {
  const dataType = attribute?.DataType;
  const stringValue = attribute?.StringValue;
  const binaryValue = attribute?.BinaryValue;
  if (typeof dataType === 'string' && /^(String|Number)(\..+)?$/.test(dataType) && typeof stringValue === 'string') {
    return { dataType, stringValue };
  }
  // The JSON protocol carries a Binary value as base64.
  if (typeof dataType === 'string' && /^Binary(\..+)?$/.test(dataType) && typeof binaryValue === 'string') {
    return { dataType, binaryValue };
  }
  throw new SqsError('InvalidParameterValue', `Message attribute ${name} must be a String or Number with a StringValue, or a Binary with a BinaryValue.`);
}

function messageAttributesMd5(attributes: Readonly<Record<string, MessageAttribute>>): string {
  const parts: Buffer[] = [];
  const lengthPrefixed = (bytes: Buffer): void => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  const names = Object.keys(attributes).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  for (const name of names) {
    const attribute = attributes[name]!;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(attribute.dataType, 'utf8'));
    if (attribute.binaryValue !== undefined) {
      parts.push(Buffer.from([2])); // transport type 2: binary value
      lengthPrefixed(Buffer.from(attribute.binaryValue, 'base64'));
    } else {
      parts.push(Buffer.from([1])); // transport type 1: string-encoded value
      lengthPrefixed(Buffer.from(attribute.stringValue ?? '', 'utf8'));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}

function toSqsMessage(message: ReceivedMessage, systemNames: readonly string[], attributeNames: readonly string[]): JsonObject {
  const wantsAll = (names: readonly string[]): boolean => names.includes('All') || names.includes('.*');
  const system = Object.entries(message.attributes).filter(([name]) => wantsAll(systemNames) || systemNames.includes(name));
  const attributes = Object.fromEntries(
    Object.entries(message.messageAttributes).filter(([name]) => wantsAll(attributeNames) || attributeNames.includes(name)),
  );
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(system.length > 0 ? { Attributes: Object.fromEntries(system) } : {}),
    ...(Object.keys(attributes).length > 0
      ? {
          MessageAttributes: Object.fromEntries(
            Object.entries(attributes).map(([name, attribute]) => [
              name,
              attribute.binaryValue !== undefined
                ? { DataType: attribute.dataType, BinaryValue: attribute.binaryValue }
                : { DataType: attribute.dataType, StringValue: attribute.stringValue },
            ]),
          ),
          MD5OfMessageAttributes: messageAttributesMd5(attributes),
        }
      : {}),
  };
}
