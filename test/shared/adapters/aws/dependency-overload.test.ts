/**
 * How the functions' AWS clients meet overload: short throttling is absorbed by the retries,
 * what outlasts them is named in the port's words, throttled transactions are retried like any
 * throttle, and every other error passes through untouched. The clients talk to a stand-in HTTP
 * endpoint answering as DynamoDB's JSON protocol does (DynamoDB Local never throttles).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsClientConfig, awsRetryPolicy, dependencyFailureOf, nameOverloadOf, retryDelayMs } from '#shared/adapters/aws/dependency-overload.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DependencyThrottledError, DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';

/** An AWS SDK error as the clients throw it: a name, a fault side, the HTTP status. */
const awsError = (name: string, fault: 'client' | 'server' = 'client', extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: fault === 'server' ? 500 : 400 }, ...extra });

describe('naming what a service answered', () => {
  it.each([
    ['dynamodb', awsError('ProvisionedThroughputExceededException')],
    ['dynamodb', awsError('ThrottlingException')],
    ['dynamodb', awsError('RequestLimitExceeded')],
    ['dynamodb', awsError('TransactionCanceledException', 'client', { CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }] })],
    ['dynamodb', awsError('TransactionCanceledException', 'client', { CancellationReasons: [{ Code: 'ProvisionedThroughputExceeded' }] })],
    ['sqs', awsError('RequestThrottled')],
    ['sqs', awsError('KmsThrottled')],
    ['events', awsError('ThrottlingException')],
    ['kms', awsError('ThrottlingException')],
  ] as const)('calls %s answering %s throttled', (service, error) => {
    const named = dependencyFailureOf(error, service, 'Op');
    expect(named).toBeInstanceOf(DependencyThrottledError);
    expect(named).toMatchObject({ dependency: service, operation: 'Op', code: error.name, condition: 'throttled', cause: error });
  });

  it.each([
    ['dynamodb', awsError('ServiceUnavailable', 'server')],
    ['dynamodb', awsError('InternalServerError', 'server')],
    ['sqs', awsError('InternalError', 'server')],
    ['kms', awsError('KMSInternalException', 'server')],
    ['events', awsError('SomethingNew', 'server')],
  ] as const)('calls %s answering %s unavailable (a failure on its side)', (service, error) => {
    const named = dependencyFailureOf(error, service);
    expect(named).toBeInstanceOf(DependencyUnavailableError);
    expect(named).not.toBeInstanceOf(DependencyThrottledError);
    expect(named?.condition).toBe('failed');
  });

  it.each([
    ['dynamodb', awsError('ConditionalCheckFailedException')],
    ['dynamodb', awsError('AccessDeniedException')],
    ['dynamodb', awsError('ValidationException')],
    [
      'dynamodb',
      awsError('TransactionCanceledException', 'client', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'ThrottlingError' }] }),
    ],
    ['dynamodb', awsError('TransactionCanceledException', 'client', { CancellationReasons: [{ Code: 'TransactionConflict' }] })],
    ['kms', awsError('LimitExceededException')],
    ['events', awsError('LimitExceededException')],
    ['sqs', new TypeError('not an AWS error')],
  ] as const)('leaves %s %s as it is: not overload', (service, error) => {
    expect(dependencyFailureOf(error, service)).toBeUndefined();
  });
});

describe('the retry policy', () => {
  it('waits at most 0.1, 0.2, 0.4, 0.8, 1, 1, 1 s between the eight attempts: 4.5 s in all', () => {
    const bounds = Array.from({ length: awsRetryPolicy.maxAttempts - 1 }, (_, i) => retryDelayMs(i + 1, awsRetryPolicy, () => 0.999_999));
    expect(bounds).toEqual([99, 199, 399, 799, 999, 999, 999]);
    expect(bounds.reduce((sum, delay) => sum + delay, 0)).toBeLessThan(4500);
    expect(retryDelayMs(7, awsRetryPolicy, () => 0)).toBe(0);
  });
});

/** A stand-in DynamoDB endpoint: answers each request with the next scripted answer, the last one forever. */
function scriptedDynamoDb(): { url: () => string; script: (answers: readonly Answer[]) => void; requests: () => number; server: Server } {
  type State = { answers: readonly Answer[]; count: number };
  const state: State = { answers: [], count: 0 };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = state.answers[Math.min(state.count, state.answers.length - 1)] ?? { status: 200, body: {} };
      state.count += 1;
      const body = JSON.stringify(answer.body);
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
  return {
    server,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script: (answers) => {
      state.answers = answers;
      state.count = 0;
    },
    requests: () => state.count,
  };
}
type Answer = { readonly status: number; readonly body: Record<string, unknown> };

const throttled: Answer = {
  status: 400,
  body: { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded' },
};
const cancelledFor = (...codes: string[]): Answer => ({
  status: 400,
  body: {
    __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
    message: 'Transaction cancelled',
    CancellationReasons: codes.map((Code) => ({ Code })),
  },
});
const ok: Answer = { status: 200, body: {} };

describe('a DynamoDB client of the functions', () => {
  const endpoint = scriptedDynamoDb();
  // No waiting between attempts in these tests; the delays themselves are checked above.
  const client = () =>
    nameOverloadOf(
      new DynamoDBClient({
        ...awsClientConfig(awsRetryPolicy, () => 0),
        endpoint: endpoint.url(),
        region: 'cn-north-1',
        credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      }),
      'dynamodb',
    );
  const get = new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } });

  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => endpoint.server.close(resolve));
  });

  it('absorbs throttling shorter than its attempts: the call succeeds', async () => {
    // Prepare
    endpoint.script([throttled, throttled, throttled, ok]);

    // Act
    const result = await client().send(get);

    // Assess
    expect(result.$metadata.attempts).toBe(4);
    expect(endpoint.requests()).toBe(4);
  });

  it('names throttling that outlasts its eight attempts DependencyThrottledError, with the operation and code', async () => {
    // Prepare
    endpoint.script([throttled]);

    // Act
    const error = await client()
      .send(get)
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(DependencyThrottledError);
    expect(error).toMatchObject({ dependency: 'dynamodb', operation: 'GetItem', code: 'ProvisionedThroughputExceededException' });
    expect(endpoint.requests()).toBe(awsRetryPolicy.maxAttempts);
  });

  it('retries a transaction cancelled for throughput, through the document client too', async () => {
    // Prepare
    endpoint.script([cancelledFor('None', 'ThrottlingError'), cancelledFor('ProvisionedThroughputExceeded'), ok]);
    const documents = createDocumentClient(client());

    // Act
    await documents.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a' } } }] }));

    // Assess
    expect(endpoint.requests()).toBe(3);
  });

  it('hands a transaction cancelled by a failed condition to the adapter unchanged, without retrying it', async () => {
    // Prepare
    endpoint.script([cancelledFor('ConditionalCheckFailed', 'None')]);
    const documents = createDocumentClient(client());

    // Act
    const error = await documents
      .send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a' } } }] }))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(endpoint.requests()).toBe(1);
  });
});
