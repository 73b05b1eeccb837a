/**
 * Overload through the local runtime, with throttling injected where AWS would answer it (the
 * DynamoDB, SQS and EventBridge stand-ins, after the signature check): short throttling is
 * absorbed by the functions' retries; throttling that outlasts them is answered 503 with
 * `Retry-After` on an API route, never 500; nothing acknowledged is lost, and a re-sent batch is
 * accepted whole; the queue consumer reports a throttled record as a batch item failure and
 * stores it once on the retry; a throttled sweep run fails and the next one catches up.
 */
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { scheduledEvent } from '#infra/local/scheduler.ts';
import { awsRetryPolicy } from '#shared/adapters/aws/dependency-overload.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { retryAfterSeconds } from '#shared/http/http-error-mapper.ts';
import { bearerGet, signedPost, type ApiReply } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const department = 'haishu-housing';
const matterCode = 'construction-permit';
/** Enough faults that no call gets through: the test clears them to end the overload. */
const sustained = 10_000;

let started: TestRuntime;
let runtime: LocalRuntime;
let housing: DepartmentCredential;
let cityToken: string;

beforeAll(async () => {
  started = await startTestRuntime('overload');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  cityToken = await runtime.mintStaffToken({ subject: 'city-overload', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

afterEach(() => {
  runtime.faults.clear();
});

let counter = 0;
const newCaseId = (label: string): string => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;
const shanghaiNow = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
/** A case received and accepted (two records), and a third record of another case. */
const threeRecords = (label: string) => {
  const first = newCaseId(label);
  const second = newCaseId(label);
  const at = '2025-09-01T09:00:00+08:00';
  return {
    caseIds: [first, second],
    body: JSON.stringify({
      records: [
        { kind: 'licensing', department, matterCode, caseId: first, sequence: 1, event: 'received', occurredAt: at },
        { kind: 'licensing', department, matterCode, caseId: first, sequence: 2, event: 'accepted', occurredAt: '2025-09-01T10:00:00+08:00' },
        { kind: 'licensing', department, matterCode, caseId: second, sequence: 1, event: 'received', occurredAt: at },
      ],
    }),
  };
};
const push = (body: string): Promise<ApiReply> => signedPost(runtime.apiUrl, '/v1/records', body, housing);
/** How many records of a case are stored, as a supervisor reads its timeline (0 when the case is unknown). */
const storedRecords = async (caseId: string): Promise<number> => {
  const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/licensing/${caseId}/timeline`, cityToken);
  return timeline.status === 404 ? 0 : (timeline.json.events as unknown[]).length;
};
const expectServiceBusy = (reply: ApiReply): void => {
  expect(reply.status, reply.text).toBe(503);
  expect(reply.headers.get('retry-after')).toBe(String(retryAfterSeconds));
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(reply.json).toMatchObject({
    status: 503,
    title: '服务繁忙，请稍后重试',
    type: expect.stringMatching(/#service-unavailable$/),
    instance: reply.headers.get('x-amzn-requestid'),
  });
};

describe('a department push while the tables throttle', () => {
  it('absorbs throttling shorter than the retries: 202, every record stored', async () => {
    // Prepare: fewer faults than one call's attempts.
    const { body, caseIds } = threeRecords('blip');
    runtime.faults.inject({ service: 'dynamodb', principal: 'ingest-records', code: 'ThrottlingException', times: awsRetryPolicy.maxAttempts - 2 });

    // Act
    const reply = await push(body);
    await runtime.idle();

    // Assess
    expect(reply.status, reply.text).toBe(202);
    expect(reply.json).toMatchObject({ accepted: 3, duplicates: 0, refused: 0 });
    expect(runtime.faults.remaining()).toBe(0);
    expect((await storedRecords(caseIds[0]!)) + (await storedRecords(caseIds[1]!))).toBe(3);
  });

  it('answers 503 with Retry-After when the throttling outlasts the retries, queues nothing, and accepts the same batch whole once it is over', async () => {
    // Prepare
    const { body, caseIds } = threeRecords('throttled');
    runtime.faults.inject({ service: 'dynamodb', principal: 'ingest-records', code: 'ProvisionedThroughputExceededException', times: sustained });

    // Act: during the overload, then after it.
    const during = await push(body);
    const consumed = sustained - runtime.faults.remaining();
    runtime.faults.clear();
    await runtime.idle();
    const queuedDuring = runtime.queueStats().records;
    const storedDuring = (await storedRecords(caseIds[0]!)) + (await storedRecords(caseIds[1]!));
    const after = await push(body);
    await runtime.idle();

    // Assess
    expectServiceBusy(during);
    expect(consumed).toBeGreaterThanOrEqual(awsRetryPolicy.maxAttempts);
    expect(queuedDuring).toMatchObject({ visible: 0, inFlight: 0 });
    expect(storedDuring).toBe(0);
    expect(after.status, after.text).toBe(202);
    expect(after.json).toMatchObject({ accepted: 3, duplicates: 0, refused: 0 });
    expect((await storedRecords(caseIds[0]!)) + (await storedRecords(caseIds[1]!))).toBe(3);
    expect(runtime.queueStats().records.deadLetters).toBe(0);
  });
});

describe('a department push while the queue throttles', () => {
  it('answers 503 after the receipts are written, and a re-send accepts those records (not duplicates) and stores each once', async () => {
    // Prepare
    const { body, caseIds } = threeRecords('queue');
    runtime.faults.inject({ service: 'sqs', principal: 'ingest-records', operation: 'SendMessageBatch', code: 'RequestThrottled', times: sustained });

    // Act
    const during = await push(body);
    runtime.faults.clear();
    const resent = await push(body);
    const again = await push(body);
    await runtime.idle();

    // Assess
    expectServiceBusy(during);
    expect(resent.json).toMatchObject({ accepted: 3, duplicates: 0, refused: 0 });
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 3, refused: 0 });
    expect((await storedRecords(caseIds[0]!)) + (await storedRecords(caseIds[1]!))).toBe(3);
    expect(runtime.queueStats().records.deadLetters).toBe(0);
  });
});

describe('the queue consumer while its transaction throttles', () => {
  it('stores records exactly once when TransactWriteItems throttles for a while, nothing dead-lettered', async () => {
    // Prepare: cancelled transactions (which the SDK alone would not retry) and throughput errors.
    const { body, caseIds } = threeRecords('consumer');
    runtime.faults.inject({
      service: 'dynamodb',
      principal: 'process-records',
      operation: 'TransactWriteItems',
      code: 'TransactionCanceledException',
      times: 3,
    });
    runtime.faults.inject({
      service: 'dynamodb',
      principal: 'process-records',
      operation: 'TransactWriteItems',
      code: 'ProvisionedThroughputExceededException',
      times: 3,
    });

    // Act
    const reply = await push(body);
    await runtime.idle();

    // Assess
    expect(reply.status).toBe(202);
    expect(runtime.faults.remaining()).toBe(0);
    expect(await storedRecords(caseIds[0]!)).toBe(2);
    expect(await storedRecords(caseIds[1]!)).toBe(1);
    expect(runtime.queueStats().records).toMatchObject({ visible: 0, inFlight: 0, deadLetters: 0 });
  });

  it('reports a record throttled beyond the retries as a batch item failure, and stores it once when it comes back', async () => {
    // Prepare: the message as the event source mapping would deliver it.
    const caseId = newCaseId('redelivered');
    const record = { kind: 'licensing', department, matterCode, caseId, sequence: 1, event: 'received', occurredAt: shanghaiNow() };
    const messageId = randomUUID();
    const event: SQSEvent = {
      Records: [
        {
          messageId,
          receiptHandle: randomUUID(),
          body: JSON.stringify({ v: 1, receivedAt: new Date().toISOString(), contentHash: contentHash(record), record }),
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: String(Date.now()),
            SenderId: 'local',
            ApproximateFirstReceiveTimestamp: String(Date.now()),
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws-cn:sqs:${runtime.region}:000000000000:records`,
          awsRegion: runtime.region,
        },
      ],
    };
    runtime.faults.inject({
      service: 'dynamodb',
      principal: 'process-records',
      operation: 'TransactWriteItems',
      code: 'ProvisionedThroughputExceededException',
      times: awsRetryPolicy.maxAttempts,
    });

    // Act: delivered while throttled, then again (the retry after the visibility timeout), then once more.
    const throttled = (await runtime.invokeFunction('process-records', event)) as SQSBatchResponse;
    const storedWhileThrottled = await storedRecords(caseId);
    const retried = (await runtime.invokeFunction('process-records', event)) as SQSBatchResponse;
    const redelivered = (await runtime.invokeFunction('process-records', event)) as SQSBatchResponse;

    // Assess
    expect(throttled.batchItemFailures).toEqual([{ itemIdentifier: messageId }]);
    expect(runtime.faults.remaining()).toBe(0);
    expect(storedWhileThrottled).toBe(0);
    expect(retried.batchItemFailures).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(await storedRecords(caseId)).toBe(1);
  });
});

describe('a console route while the tables throttle or fail', () => {
  it.each(['ThrottlingException', 'ServiceUnavailable', 'InternalServerError'])(
    'answers GET /v1/alerts 503 with Retry-After on %s, not 500, and 200 once it is over',
    async (code) => {
      // Prepare
      runtime.faults.inject({ service: 'dynamodb', principal: 'console-api', code, times: sustained });

      // Act
      const during = await bearerGet(runtime.apiUrl, '/v1/alerts', cityToken);
      runtime.faults.clear();
      const after = await bearerGet(runtime.apiUrl, '/v1/alerts', cityToken);

      // Assess
      expectServiceBusy(during);
      expect(after.status).toBe(200);
    },
  );
});

describe('the deadline sweep while the tables throttle', () => {
  it('fails a run whose query is throttled, leaves a case whose commit is throttled due, and the next tick catches up', async () => {
    // Prepare: a case received today, its promised limit weeks ahead; the ticks come after it.
    const caseId = newCaseId('sweep');
    const pushed = await push(
      JSON.stringify({ records: [{ kind: 'licensing', department, matterCode, caseId, sequence: 1, event: 'received', occurredAt: shanghaiNow() }] }),
    );
    await runtime.idle();
    const tick = (minutes: number) => scheduledEvent('deadline-sweep', new Date(Date.now() + 120 * 86_400_000 + minutes * 60_000), runtime.region);
    type Outcome = { due: number; committed: number; failed: number };
    const alertsOfCase = async () =>
      ((await bearerGet(runtime.apiUrl, `/v1/alerts?department=${department}`, cityToken)).json.items as { caseId: string }[]).filter(
        (a) => a.caseId === caseId,
      );

    // Act
    runtime.faults.inject({ service: 'dynamodb', principal: 'deadline-sweep', operation: 'Query', code: 'ThrottlingException', times: sustained });
    const queryThrottled = await runtime.invokeFunction('deadline-sweep', tick(0)).catch((error: Error) => error);
    runtime.faults.clear();
    runtime.faults.inject({ service: 'dynamodb', principal: 'deadline-sweep', operation: 'TransactWriteItems', code: 'ThrottlingException', times: sustained });
    const commitThrottled = (await runtime.invokeFunction('deadline-sweep', tick(1))) as Outcome;
    const alertsWhileThrottled = await alertsOfCase();
    runtime.faults.clear();
    const next = (await runtime.invokeFunction('deadline-sweep', tick(2))) as Outcome;

    // Assess
    expect(pushed.status).toBe(202);
    expect(queryThrottled).toMatchObject({ name: 'DependencyThrottledError' });
    expect(commitThrottled.failed).toBeGreaterThanOrEqual(1);
    expect(commitThrottled.committed).toBe(0);
    expect(alertsWhileThrottled).toEqual([]);
    expect(next).toMatchObject({ failed: 0 });
    expect(next.committed).toBeGreaterThanOrEqual(1);
    expect(await alertsOfCase()).not.toEqual([]);
  });
});
