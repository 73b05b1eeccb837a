/**
 * The redrive command's logic through the real SQS SDK against the local SQS endpoint, with the
 * real process-records consumer (tables on DynamoDB Local, environment from a local runtime)
 * behind a poller. The queue here has short timings (visibility 1 s, two receives) so a failing
 * message reaches its dead-letter queue in seconds rather than the topology's fifteen minutes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSMessageAttributes } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableLocalQueue } from '#infra/local/local-queue.ts';
import { type QueuePoller, startQueuePoller } from '#infra/local/queue-poller.ts';
import { type SqsEndpoint, startSqsEndpoint } from '#infra/local/sqs-endpoint.ts';
import { findRedriveQueues, redrive, type RedriveQueues, RedriveRefusedError } from '#infra/operations/redrive.ts';
import { casePk } from '#shared/adapters/dynamodb/case-items.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import { queues as topologyQueues } from '#shared/topology.ts';
import { createTestTables, testClientConfig, type TestTables } from '../../support/dynamodb.ts';
import { startTestRuntime, type TestRuntime } from '../../support/test-runtime.ts';

const department = 'haishu-housing';
const spec = { ...topologyQueues.find((queue) => queue.name === 'records')!, visibilityTimeoutSeconds: 1, maxReceiveCount: 2 };

/** What the consumer was handed, per delivery. */
interface Delivery {
  readonly messageId: string;
  readonly body: string;
  readonly messageAttributes: SQSMessageAttributes;
}

let testRuntime: TestRuntime;
let tables: TestTables;
let directory: string;
let queue: DurableLocalQueue;
let endpoint: SqsEndpoint;
let sqs: SQSClient;
let poller: QueuePoller;
let queues: RedriveQueues;
/** While true the consumer fails every batch, as if its database were unreachable. */
let outage = false;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  // The runtime gives the real consumer its environment (tables, event bus) on the shared emulator.
  testRuntime = await startTestRuntime('redrive');
  tables = await createTestTables();
  directory = await mkdtemp(join(tmpdir(), 'redrive-'));
  queue = new DurableLocalQueue({ directory, name: spec.name, visibilityTimeoutSeconds: 1, maxReceiveCount: 2, fsync: false });
  endpoint = await startSqsEndpoint(new Map([[spec.name, queue]]), { region: testRuntime.runtime.region });
  sqs = new SQSClient({ ...testClientConfig, endpoint: endpoint.endpoint });
  // The real consumer, in its sandbox of the runtime, with its role.
  const handler = (event: SQSEvent) => testRuntime.runtime.invokeFunction('process-records', event);
  poller = startQueuePoller({
    queue,
    spec,
    region: testRuntime.runtime.region,
    maxConcurrency: 2,
    handler: async (event) => {
      for (const record of event.Records) {
        deliveries.push({ messageId: record.messageId, body: record.body, messageAttributes: record.messageAttributes });
      }
      if (outage) throw new Error('downstream unavailable');
      return (await handler(event)) as Awaited<ReturnType<Parameters<typeof startQueuePoller>[0]['handler']>>;
    },
    onError: () => undefined,
  });
  queues = await findRedriveQueues(sqs, endpoint.queueUrl('records-dlq'));
}, 60_000);

afterAll(async () => {
  await poller?.stop();
  sqs?.destroy();
  await endpoint?.stop();
  tables?.client.destroy();
  await testRuntime?.dispose();
  await rm(directory, { recursive: true, force: true });
});

/** A queued licensing record, as ingest enqueues it. */
function envelope(caseId: string): string {
  const record = {
    kind: 'licensing',
    event: 'received',
    department,
    matterCode: 'construction-permit',
    caseId,
    sequence: 1,
    occurredAt: '2026-03-02T09:30:00+08:00',
  };
  return JSON.stringify({ v: 1, receivedAt: '2026-03-02T01:30:05.000Z', contentHash: contentHash(record), record });
}

/** Attributes of every kind SQS has, with values that would show any change. */
function attributesOf(caseId: string) {
  return {
    caseId: { DataType: 'String', StringValue: `${caseId} 许可` },
    attempt: { DataType: 'Number.int', StringValue: '7' },
    trace: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 255, caseId.length]) },
  };
}

async function sendRecords(caseIds: readonly string[], body: (caseId: string) => string = envelope): Promise<string[]> {
  const ids: string[] = [];
  for (const caseId of caseIds) {
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: endpoint.queueUrl('records'), MessageBody: body(caseId), MessageAttributes: attributesOf(caseId) }),
    );
    ids.push(sent.MessageId ?? '');
  }
  return ids;
}

async function deadLetterCount(): Promise<number> {
  const { Attributes: attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queues.deadLetterQueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(attributes?.ApproximateNumberOfMessages);
}

/** Stored events and the state's version of a case, as process-records wrote them. */
async function storedCase(caseId: string): Promise<{ events: number; eventCount: number | undefined; stateVersion: number | undefined }> {
  const { Items: items = [] } = await tables.documentClient.send(
    new QueryCommand({
      TableName: testRuntime.runtime.tables.cases,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': casePk({ department, kind: 'licensing', caseId }) },
      ConsistentRead: true,
    }),
  );
  const state = items.find((item) => item['sk'] === 'STATE');
  return {
    events: items.filter((item) => String(item['sk']).startsWith('EVENT#')).length,
    eventCount: state === undefined ? undefined : Number(state['eventCount']),
    stateVersion: state === undefined ? undefined : Number(state['stateVersion']),
  };
}

const lambdaAttributesOf = (caseId: string): SQSMessageAttributes => ({
  caseId: { dataType: 'String', stringValue: `${caseId} 许可`, stringListValues: [], binaryListValues: [] },
  attempt: { dataType: 'Number.int', stringValue: '7', stringListValues: [], binaryListValues: [] },
  trace: { dataType: 'Binary', binaryValue: Buffer.from([0, 255, caseId.length]).toString('base64'), stringListValues: [], binaryListValues: [] },
});

const sourceIdsOf = (messages: readonly { sourceMessageId: string }[]): string[] => messages.map((message) => message.sourceMessageId);

describe('redrive', () => {
  const caseIds = ['RD-1', 'RD-2', 'RD-3', 'RD-4', 'RD-5'];
  let deadLetterIds: string[] = [];

  it("finds the source queue from the dead-letter queue by its name and the source's redrive policy", () => {
    // Assess (queues were found in the set-up)
    expect(queues).toEqual({ deadLetterQueueUrl: endpoint.queueUrl('records-dlq'), sourceQueueUrl: endpoint.queueUrl('records') });
  });

  it('sees messages the consumer keeps failing reach the dead-letter queue, nothing stored', async () => {
    // Prepare
    outage = true;

    // Act
    deadLetterIds = await sendRecords(caseIds);
    await poller.idle();

    // Assess
    expect(await deadLetterCount()).toBe(caseIds.length);
    expect((await Promise.all(caseIds.map(storedCase))).map((stored) => stored.events)).toEqual([0, 0, 0, 0, 0]);
  });

  it('moves no more than --max messages back, oldest first, bodies and typed attributes intact', async () => {
    // Prepare
    outage = false;
    deliveries.length = 0;

    // Act
    const report = await redrive(sqs, queues, { max: 2, waitSeconds: 0 });
    await poller.idle();

    // Assess
    expect(report.stoppedBecause).toBe('max');
    expect(report.moved.map((message) => message.deadLetterMessageId)).toEqual(deadLetterIds.slice(0, 2));
    expect(report.moved.map((message) => message.receiveCount)).toEqual([3, 3]);
    expect(report.remaining).toBe(3);
    const delivered = new Map(deliveries.map((delivery) => [delivery.messageId, delivery]));
    // SQS delivers at least once: a consumer run slower than the 1 s visibility timeout (a cold start
    // on a loaded machine) sees its message again. Two messages came back, each stored once (below).
    expect(delivered.size).toBe(2);
    expect(report.moved.map((message) => delivered.get(message.sourceMessageId))).toEqual(
      caseIds.slice(0, 2).map((caseId, index) => ({
        messageId: report.moved[index]?.sourceMessageId,
        body: envelope(caseId),
        messageAttributes: lambdaAttributesOf(caseId),
      })),
    );
    expect((await Promise.all(caseIds.map(storedCase))).map((stored) => stored.events)).toEqual([1, 1, 0, 0, 0]);
  });

  it('moves each dead letter back once, however often it runs, and the consumer stores each record once', async () => {
    // Act: two runs at once, then a third.
    const [first, second] = await Promise.all([redrive(sqs, queues, { max: 100, waitSeconds: 0 }), redrive(sqs, queues, { max: 100, waitSeconds: 0 })]);
    await poller.idle();
    const afterwards = await Promise.all(caseIds.map(storedCase));
    const third = await redrive(sqs, queues, { max: 100, waitSeconds: 0 });
    await poller.idle();

    // Assess
    const movedIds = [...first.moved, ...second.moved].map((message) => message.deadLetterMessageId);
    expect(movedIds.sort()).toEqual(deadLetterIds.slice(2).sort());
    expect([first.stoppedBecause, second.stoppedBecause, third.stoppedBecause]).toEqual(['empty', 'empty', 'empty']);
    expect(third.moved).toEqual([]);
    expect(third.remaining).toBe(0);
    expect(afterwards.map((stored) => [stored.events, stored.eventCount])).toEqual(caseIds.map(() => [1, 1]));
    expect(await Promise.all(caseIds.map(storedCase))).toEqual(afterwards);
  });

  it('leaves a message that is still poison in the dead-letter queue and stops when it comes back', async () => {
    // Prepare: a record no family can read fails every time.
    const [poisonId] = await sendRecords(['RD-POISON'], () =>
      JSON.stringify({ v: 1, receivedAt: 'yesterday', contentHash: '-', record: { kind: 'licensing' } }),
    );
    await poller.idle();
    const before = await deadLetterCount();

    // Act: the run waits long enough on the dead-letter queue to see the copy fail twice and come back.
    const report = await redrive(sqs, queues, { max: 100, waitSeconds: 10 });

    // Assess
    expect(before).toBe(1);
    expect(report.moved.map((message) => message.deadLetterMessageId)).toEqual([poisonId]);
    expect(report.returned).toEqual(sourceIdsOf(report.moved));
    expect(report.stoppedBecause).toBe('returned');
    expect(report.remaining).toBe(1);
  }, 30_000);

  it('loses nothing when it stops between sending and deleting: the next run sends again, stored once', async () => {
    // Prepare: drain the poison message, dead-letter one record, and a client whose deletes fail once.
    await drainDeadLetters();
    outage = true;
    await sendRecords(['RD-6']);
    await poller.idle();
    outage = false;
    const failingDeletes = new SQSClient({ ...testClientConfig, endpoint: endpoint.endpoint });
    failingDeletes.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteMessageCommand') throw new Error('connection reset');
        return next(args);
      },
      { step: 'initialize' },
    );

    // Act
    const interrupted = await redrive(failingDeletes, queues, { max: 100, waitSeconds: 0, visibilityTimeoutSeconds: 1 });
    await poller.idle();
    const storedOnce = await storedCase('RD-6');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const retried = await redrive(sqs, queues, { max: 100, waitSeconds: 0 });
    await poller.idle();
    failingDeletes.destroy();

    // Assess
    expect(interrupted.moved).toEqual([]);
    expect(interrupted.failed).toEqual([expect.objectContaining({ step: 'delete' })]);
    expect(interrupted.stoppedBecause).toBe('failed');
    expect(retried.moved.map((message) => message.deadLetterMessageId)).toEqual([interrupted.failed[0]?.deadLetterMessageId]);
    expect(storedOnce).toMatchObject({ events: 1, eventCount: 1 });
    expect(await storedCase('RD-6')).toEqual(storedOnce);
    expect(await deadLetterCount()).toBe(0);
  }, 30_000);

  it("refuses a schedule's dead-letter queue, naming what to do instead", async () => {
    // Act
    const refused = findRedriveQueues(sqs, 'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/esup-demo-bj-deadline-sweep-schedule-dlq');

    // Assess
    await expect(refused).rejects.toBeInstanceOf(RedriveRefusedError);
    await expect(refused).rejects.toMatchObject({ reason: 'scheduleDeadLetterQueue', english: expect.stringContaining('next tick') });
  });
});

/** Deletes whatever is in the dead-letter queue (the poison message of the test before). */
async function drainDeadLetters(): Promise<void> {
  const deadLetterQueue = queue.deadLetterQueue!;
  for (let received = await deadLetterQueue.receive(10); received.length > 0; received = await deadLetterQueue.receive(10)) {
    await Promise.all(received.map((message) => deadLetterQueue.delete(message.receiptHandle)));
  }
}
