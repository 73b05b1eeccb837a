/**
 * The queue poller behaves like a Lambda SQS event source mapping with ReportBatchItemFailures:
 * real SQS events, partial batch failures honoured, a thrown batch retried whole.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableLocalQueue } from '#infra/local/local-queue.ts';
import { type QueuePoller, type QueuePollerOptions, startQueuePoller } from '#infra/local/queue-poller.ts';
import type { QueueSpec } from '#shared/topology.ts';

const spec: QueueSpec = {
  name: 'records',
  consumer: 'process-records',
  batchSize: 10,
  maxBatchingWindowSeconds: 1,
  visibilityTimeoutSeconds: 1,
  maxReceiveCount: 3,
  retentionDays: 14,
};

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function newQueue(): Promise<DurableLocalQueue> {
  const directory = await mkdtemp(join(tmpdir(), 'queue-poller-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  return new DurableLocalQueue({
    directory,
    name: spec.name,
    visibilityTimeoutSeconds: spec.visibilityTimeoutSeconds,
    maxReceiveCount: spec.maxReceiveCount,
    fsync: false,
  });
}

/** Two batches at once unless a test says otherwise. */
function poll(options: Omit<QueuePollerOptions, 'maxConcurrency'> & Partial<Pick<QueuePollerOptions, 'maxConcurrency'>>): QueuePoller {
  const poller = startQueuePoller({ maxConcurrency: 2, ...options });
  cleanups.push(() => poller.stop());
  return poller;
}

describe('startQueuePoller', () => {
  it('sleeps on an empty queue until a message is sent, then hands it over at once', { timeout: 20_000 }, async () => {
    // Prepare: a poller that, left to its timer, would not look again for a minute
    const queue = await newQueue();
    let receives = 0;
    const receive = queue.receive.bind(queue);
    queue.receive = (...args) => ((receives += 1), receive(...args));
    const handled: string[] = [];
    let handledOne: () => void = () => undefined;
    const handledNow = new Promise<void>((resolve) => (handledOne = resolve));
    poll({
      queue,
      spec,
      region: 'cn-north-1',
      emptyQueueWakeMs: 60_000,
      handler: async (event) => (handled.push(...event.Records.map((record) => record.body)), handledOne()),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const receivesWhileEmpty = receives;

    // Act
    await queue.send('{"caseId":"A-9"}');
    await handledNow;

    // Assess: one look per batch slot while empty, none since
    expect(receivesWhileEmpty).toBe(2);
    expect(handled).toEqual(['{"caseId":"A-9"}']);
  });

  it('wakes when a failed message becomes visible again, without a message sent', { timeout: 20_000 }, async () => {
    // Prepare
    const queue = await newQueue();
    await queue.send('{"caseId":"A-10"}');
    const attempts: number[] = [];

    // Act: the first attempt fails; the message comes back after the 1 s visibility timeout
    const poller = poll({
      queue,
      spec,
      region: 'cn-north-1',
      emptyQueueWakeMs: 60_000,
      handler: async (event) => {
        attempts.push(Date.now());
        if (attempts.length === 1) return { batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId ?? '' }] };
        return undefined;
      },
    });
    await expect.poll(() => attempts.length, { timeout: 15_000 }).toBe(2);
    await poller.idle();

    // Assess
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
  });

  it('hands the consumer a Lambda SQS event for the China partition and deletes what succeeded', async () => {
    // Prepare
    const queue = await newQueue();
    const { messageId, md5OfBody } = await queue.send('{"caseId":"A-1"}');
    const events: SQSEvent[] = [];

    // Act
    const poller = poll({ queue, spec, region: 'cn-north-1', handler: async (event) => void events.push(event) });
    await poller.idle();

    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]?.Records).toEqual([
      {
        messageId,
        receiptHandle: expect.any(String),
        body: '{"caseId":"A-1"}',
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: expect.stringMatching(/^\d{13}$/),
          ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
          SenderId: '000000000000',
        },
        messageAttributes: {},
        md5OfBody,
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws-cn:sqs:cn-north-1:000000000000:records',
        awsRegion: 'cn-north-1',
      },
    ]);
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
  });

  it('works on at most maxConcurrency batches at once, as the event source mapping allows', async () => {
    // Prepare: one message a batch, each taking a moment, many more messages than batches allowed.
    const queue = await newQueue();
    await queue.sendBatch(Array.from({ length: 10 }, (_, index) => ({ id: `m${index}`, body: `record ${index}` })));
    let running = 0;
    let peak = 0;

    // Act
    const poller = poll({
      queue,
      spec: { ...spec, batchSize: 1 },
      region: 'cn-north-1',
      maxConcurrency: 3,
      handler: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 40));
        running -= 1;
      },
    });
    await poller.idle();

    // Assess
    expect(peak).toBe(3);
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
  });

  it('takes nothing while paused, as a disabled event source mapping, and everything once resumed', async () => {
    // Prepare
    const queue = await newQueue();
    const events: SQSEvent[] = [];
    const poller = poll({ queue, spec, region: 'cn-north-1', handler: async (event) => void events.push(event) });
    poller.pause();

    // Act
    await queue.send('{"caseId":"P-1"}');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const whilePaused = { events: events.length, stats: queue.stats() };
    const idleWhilePaused = await poller.idle().then(
      () => 'idle',
      (error: Error) => error.message,
    );
    poller.resume();
    await poller.idle();

    // Assess
    expect(whilePaused).toEqual({ events: 0, stats: { visible: 1, inFlight: 0, deadLetters: 0 } });
    expect(idleWhilePaused).toMatch(/paused/);
    expect(events.flatMap((event) => event.Records.map((record) => record.body))).toEqual(['{"caseId":"P-1"}']);
  });

  it('refuses a concurrency that is not a positive whole number', () => {
    expect(() => startQueuePoller({ queue: undefined as never, spec, region: 'cn-north-1', handler: async () => undefined, maxConcurrency: 0 })).toThrow(
      RangeError,
    );
  });

  it('retries exactly the messages a partial batch response names, then dead-letters them', async () => {
    // Prepare
    const queue = await newQueue();
    const sent = await queue.sendBatch(
      Array.from({ length: 10 }, (_, index) => ({ id: `r${index}`, body: index < 3 ? `poison ${index}` : `record ${index}` })),
    );
    const poisonIds = sent.successful.slice(0, 3).map((entry) => entry.messageId);
    const deliveries = new Map<string, number>();

    // Act
    const poller = poll({
      queue,
      spec,
      region: 'cn-north-1',
      handler: async (event) => {
        for (const record of event.Records) deliveries.set(record.messageId, (deliveries.get(record.messageId) ?? 0) + 1);
        return {
          batchItemFailures: event.Records.filter((record) => record.body.startsWith('poison')).map((record) => ({
            itemIdentifier: record.messageId,
          })),
        };
      },
    });
    await poller.idle();

    // Assess
    const deadLetterIds = (await queue.deadLetterQueue!.receive(10)).map((message) => message.messageId);
    expect(deadLetterIds.sort()).toEqual([...poisonIds].sort());
    for (const entry of sent.successful) {
      expect(deliveries.get(entry.messageId)).toBe(poisonIds.includes(entry.messageId) ? spec.maxReceiveCount : 1);
    }
  });

  it('hands message attributes over as Lambda does, typed', async () => {
    // Prepare
    const queue = await newQueue();
    await queue.send('record', {
      schema: { dataType: 'String', stringValue: 'licensing/v1' },
      attempt: { dataType: 'Number', stringValue: '2' },
      signature: { dataType: 'Binary', binaryValue: 'AP8H' },
    });
    const events: SQSEvent[] = [];

    // Act
    const poller = poll({ queue, spec, region: 'cn-north-1', handler: async (event) => void events.push(event) });
    await poller.idle();

    // Assess
    expect(events[0]?.Records[0]?.messageAttributes).toEqual({
      schema: { dataType: 'String', stringValue: 'licensing/v1', stringListValues: [], binaryListValues: [] },
      attempt: { dataType: 'Number', stringValue: '2', stringListValues: [], binaryListValues: [] },
      signature: { dataType: 'Binary', binaryValue: 'AP8H', stringListValues: [], binaryListValues: [] },
    });
  });

  it('keeps the whole batch when the consumer throws or names a message not in the batch', async () => {
    // Prepare
    const queue = await newQueue();
    const errors: unknown[] = [];
    let calls = 0;
    await queue.send('record');

    // Act
    const poller = poll({
      queue,
      spec,
      region: 'us-east-1',
      handler: async () => {
        calls += 1;
        if (calls === 1) throw new Error('consumer failed');
        return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };
      },
      onError: (error) => errors.push(error),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stats = queue.stats();
    await poller.stop();

    // Assess
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
    expect(stats.visible + stats.inFlight).toBe(1);
  });

  it('runs at most two batches at once', async () => {
    // Prepare
    const queue = await newQueue();
    for (let batch = 0; batch < 5; batch += 1) {
      await queue.sendBatch(Array.from({ length: 10 }, (_, index) => ({ id: `m${index}`, body: `${batch}-${index}` })));
    }
    let running = 0;
    let mostRunning = 0;

    // Act
    const poller = poll({
      queue,
      spec,
      region: 'cn-north-1',
      handler: async () => {
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running -= 1;
      },
    });
    await poller.idle();

    // Assess
    expect(mostRunning).toBe(2);
  });
});
