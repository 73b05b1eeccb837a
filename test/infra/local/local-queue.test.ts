/**
 * The durable local queue keeps SQS standard-queue semantics (visibility, receive counts, a
 * dead-letter queue that is a queue of its own) and keeps every accepted message across
 * restarts and crashes.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableLocalQueue, type DurableLocalQueueOptions, QueueError } from '#infra/local/local-queue.ts';

const directories: string[] = [];

afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function newDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'local-queue-'));
  directories.push(directory);
  return directory;
}

/** A clock the test moves by hand (epoch milliseconds). */
function manualClock(start = Date.UTC(2025, 8, 1, 2)): { now: () => number; advance(seconds: number): void } {
  let current = start;
  return { now: () => current, advance: (seconds) => (current += seconds * 1000) };
}

function queueIn(directory: string, overrides: Partial<DurableLocalQueueOptions> = {}): DurableLocalQueue {
  return new DurableLocalQueue({ directory, name: 'records', visibilityTimeoutSeconds: 30, maxReceiveCount: 3, ...overrides });
}

describe('DurableLocalQueue', () => {
  it('hides a received message for the visibility timeout, then delivers it again', async () => {
    // Prepare
    const clock = manualClock();
    const queue = queueIn(await newDirectory(), { now: clock.now });
    const { messageId } = await queue.send('licensing record');
    await queue.receive(10);

    // Act
    clock.advance(29);
    const duringTimeout = await queue.receive(10);
    clock.advance(1);
    const afterTimeout = await queue.receive(10);

    // Assess
    expect(duringTimeout).toEqual([]);
    expect(afterTimeout.map((message) => message.messageId)).toEqual([messageId]);
    expect(afterTimeout[0]?.attributes.ApproximateReceiveCount).toBe('2');
  });

  it('delivers in send order and reports the SQS system attributes', async () => {
    // Prepare
    const clock = manualClock();
    const queue = queueIn(await newDirectory(), { now: clock.now });
    const first = await queue.send('first');
    clock.advance(1);
    const second = await queue.send('second');
    clock.advance(1);

    // Act
    const received = await queue.receive(10);

    // Assess
    expect(received.map((message) => message.body)).toEqual(['first', 'second']);
    expect(received[0]).toMatchObject({
      messageId: first.messageId,
      md5OfBody: '8b04d5e3775d298e78455efc5ca404d5',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(clock.now() - 2000),
        ApproximateFirstReceiveTimestamp: String(clock.now()),
        SenderId: '000000000000',
      },
    });
    expect(received[1]?.messageId).toBe(second.messageId);
  });

  it('moves a message to the dead-letter queue instead of delivering it beyond maxReceiveCount', async () => {
    // Prepare
    const clock = manualClock();
    const queue = queueIn(await newDirectory(), { now: clock.now, maxReceiveCount: 2 });
    const { messageId } = await queue.send('poison');
    const counts: string[] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const [message] = await queue.receive(1);
      counts.push(message?.attributes.ApproximateReceiveCount ?? 'none');
      clock.advance(30);
    }

    // Act
    const third = await queue.receive(10);

    // Assess
    expect(counts).toEqual(['1', '2']);
    expect(third).toEqual([]);
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 1 });
    const deadLetters = await queue.deadLetterQueue!.receive(10);
    // The dead letter keeps its id and its receive count, which its receives there continue.
    expect(deadLetters.map((message) => [message.messageId, message.attributes.ApproximateReceiveCount])).toEqual([[messageId, '3']]);
  });

  it('deletes with the latest receipt handle and ignores a stale one', async () => {
    // Prepare
    const clock = manualClock();
    const queue = queueIn(await newDirectory(), { now: clock.now });
    await queue.send('record');
    const [firstReceipt] = await queue.receive(1);
    clock.advance(30);
    const [secondReceipt] = await queue.receive(1);

    // Act
    await queue.delete(firstReceipt?.receiptHandle ?? '');
    const afterStaleDelete = queue.stats();
    await queue.delete(secondReceipt?.receiptHandle ?? '');

    // Assess
    expect(afterStaleDelete).toEqual({ visible: 0, inFlight: 1, deadLetters: 0 });
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
  });

  it('makes a message visible at once when its visibility is changed to zero', async () => {
    // Prepare
    const clock = manualClock();
    const queue = queueIn(await newDirectory(), { now: clock.now });
    await queue.send('record');
    const [received] = await queue.receive(1);

    // Act
    await queue.changeVisibility(received?.receiptHandle ?? '', 0);
    const again = await queue.receive(1);

    // Assess
    expect(again.map((message) => message.messageId)).toEqual([received?.messageId]);
    await expect(queue.changeVisibility(received?.receiptHandle ?? '', 10)).rejects.toMatchObject({
      code: 'MessageNotInflight',
    });
  });

  it('fails only the invalid entries of a batch and refuses batches over ten', async () => {
    // Prepare
    const queue = queueIn(await newDirectory());
    const eleven = Array.from({ length: 11 }, (_, index) => ({ id: `e${index}`, body: 'x' }));

    // Act
    const result = await queue.sendBatch([
      { id: 'good', body: '{"caseId":"A-1"}' },
      { id: 'control', body: 'bad\u0000character' },
    ]);

    // Assess
    expect(result.successful.map((entry) => entry.id)).toEqual(['good']);
    expect(result.failed).toEqual([expect.objectContaining({ id: 'control', code: 'InvalidMessageContents' })]);
    await expect(queue.sendBatch(eleven)).rejects.toBeInstanceOf(QueueError);
    expect(queue.stats().visible).toBe(1);
  });

  it('refuses an empty body and one over 256 KiB', async () => {
    // Prepare
    const queue = queueIn(await newDirectory());

    // Act
    const empty = queue.send('');
    const tooLarge = queue.send('x'.repeat(262_145));

    // Assess
    await expect(empty).rejects.toMatchObject({ code: 'InvalidMessageContents' });
    await expect(tooLarge).rejects.toMatchObject({ code: 'InvalidMessageContents' });
  });

  it('delivers each of thousands of messages exactly once, in batches', async () => {
    // Prepare
    const queue = queueIn(await newDirectory(), { fsync: false });
    const sent = new Set<string>();
    for (let batch = 0; batch < 300; batch += 1) {
      const result = await queue.sendBatch(Array.from({ length: 10 }, (_, index) => ({ id: `m${index}`, body: `${batch}-${index}` })));
      for (const entry of result.successful) sent.add(entry.messageId);
    }

    // Act
    const received: string[] = [];
    for (let messages = await queue.receive(10); messages.length > 0; messages = await queue.receive(10)) {
      received.push(...messages.map((message) => message.messageId));
      await Promise.all(messages.map((message) => queue.delete(message.receiptHandle)));
    }

    // Assess
    expect(received).toHaveLength(3000);
    expect(new Set(received)).toEqual(sent);
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
  });
});

describe('DurableLocalQueue dead-letter queue', () => {
  async function queueWithDeadLetters(count: number): Promise<{ queue: DurableLocalQueue; ids: string[]; clock: ReturnType<typeof manualClock> }> {
    const clock = manualClock();
    const queue = queueIn(await newDirectory(), { now: clock.now, maxReceiveCount: 1 });
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) ids.push((await queue.send(`poison ${index}`)).messageId);
    await queue.receive(10);
    clock.advance(30);
    await queue.receive(10);
    return { queue, ids, clock };
  }

  it('is a queue of its own, named after the queue: dead letters are received, hidden and deleted there', async () => {
    // Prepare
    const { queue, ids, clock } = await queueWithDeadLetters(3);
    const deadLetterQueue = queue.deadLetterQueue!;

    // Act
    const received = await deadLetterQueue.receive(2);
    const whileHidden = deadLetterQueue.stats();
    await deadLetterQueue.delete(received[0]?.receiptHandle ?? '');
    clock.advance(30);
    const afterTimeout = await deadLetterQueue.receive(10);

    // Assess
    expect(deadLetterQueue.name).toBe('records-dlq');
    expect(received.map((message) => message.messageId)).toEqual(ids.slice(0, 2));
    expect(whileHidden).toEqual({ visible: 1, inFlight: 2, deadLetters: 0 });
    expect(afterTimeout.map((message) => message.messageId).sort()).toEqual(ids.slice(1).sort());
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 2 });
  });

  it("keeps a dead letter's body and typed attributes", async () => {
    // Prepare
    const clock = manualClock();
    const queue = queueIn(await newDirectory(), { now: clock.now, maxReceiveCount: 1 });
    const attributes = {
      schema: { dataType: 'String', stringValue: 'licensing/v1' },
      attempt: { dataType: 'Number.int', stringValue: '3' },
      signature: { dataType: 'Binary', binaryValue: Buffer.from([0, 255, 7]).toString('base64') },
    };
    const { messageId } = await queue.send('{"caseId":"许可-2025-001"}\r\n', attributes);
    await queue.receive(1);
    clock.advance(30);

    // Act
    await queue.receive(1);
    const [deadLetter] = await queue.deadLetterQueue!.receive(1);

    // Assess
    expect(deadLetter).toMatchObject({ messageId, body: '{"caseId":"许可-2025-001"}\r\n', messageAttributes: attributes });
  });

  it('never moves its own messages on, however often they are received', async () => {
    // Prepare
    const { queue, ids, clock } = await queueWithDeadLetters(1);
    const deadLetterQueue = queue.deadLetterQueue!;

    // Act
    const counts: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const [message] = await deadLetterQueue.receive(1);
      counts.push(`${message?.messageId}:${message?.attributes.ApproximateReceiveCount}`);
      clock.advance(30);
    }

    // Assess
    expect(deadLetterQueue.deadLetterQueue).toBeUndefined();
    expect(counts).toEqual([2, 3, 4, 5, 6].map((count) => `${ids[0]}:${count}`));
  });
});

describe('DurableLocalQueue durability', () => {
  it('gives a new instance on the same folder the messages, receive counts and in-flight ones', async () => {
    // Prepare
    const directory = await newDirectory();
    const clock = manualClock();
    const before = queueIn(directory, { now: clock.now });
    const inFlight = await before.send('in flight');
    const deleted = await before.send('deleted');
    const waiting = await before.send('waiting');
    const received = await before.receive(2);
    await before.delete(received.find((message) => message.messageId === deleted.messageId)?.receiptHandle ?? '');

    // Act
    const after = queueIn(directory, { now: clock.now });
    const stats = after.stats();
    const redelivered = await after.receive(10);

    // Assess
    expect(stats).toEqual({ visible: 2, inFlight: 0, deadLetters: 0 });
    expect(redelivered.map((message) => [message.messageId, message.attributes.ApproximateReceiveCount])).toEqual([
      [inFlight.messageId, '2'],
      [waiting.messageId, '1'],
    ]);
  });

  it('keeps dead letters and their receive counts for a new instance, which can move them back', async () => {
    // Prepare
    const directory = await newDirectory();
    const clock = manualClock();
    const before = queueIn(directory, { now: clock.now, maxReceiveCount: 1 });
    const { messageId } = await before.send('poison');
    await before.receive(1);
    clock.advance(30);
    await before.receive(1);

    // Act
    const after = queueIn(directory, { now: clock.now, maxReceiveCount: 1 });
    const [deadLetter] = await after.deadLetterQueue!.receive(1);
    const moved = await after.send(deadLetter?.body ?? '', deadLetter?.messageAttributes);
    await after.deadLetterQueue!.delete(deadLetter?.receiptHandle ?? '');
    const redelivered = await after.receive(1);

    // Assess
    expect([deadLetter?.messageId, deadLetter?.attributes.ApproximateReceiveCount]).toEqual([messageId, '2']);
    expect(redelivered.map((message) => [message.messageId, message.body, message.attributes.ApproximateReceiveCount])).toEqual([
      [moved.messageId, 'poison', '1'],
    ]);
    expect(queueIn(directory, { now: clock.now, maxReceiveCount: 1 }).stats()).toEqual({
      visible: 1,
      inFlight: 0,
      deadLetters: 0,
    });
  });

  it('reads message files written before attributes kept their data types as String attributes', async () => {
    // Prepare
    const directory = await newDirectory();
    await mkdir(join(directory, 'records'));
    const legacy = { messageId: 'legacy-1', body: 'record', md5OfBody: 'x', messageAttributes: { schema: 'licensing/v1' }, sentTimestamp: 1, sequence: 0 };
    await writeFile(join(directory, 'records', 'legacy-1.msg'), JSON.stringify(legacy));

    // Act
    const [message] = await queueIn(directory).receive(1);

    // Assess
    expect(message?.messageAttributes).toEqual({ schema: { dataType: 'String', stringValue: 'licensing/v1' } });
  });

  it('keeps every acknowledged message when the process is killed with SIGKILL', async () => {
    // Prepare
    const directory = await newDirectory();
    const acknowledged: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'send-until-killed.ts'), directory], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    const enough = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        acknowledged.push(...lines.filter((line) => line !== ''));
        if (acknowledged.length >= 200) resolve();
      });
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));

    // Act
    await enough;
    child.kill('SIGKILL');
    await exited;
    const recovered = queueIn(directory);

    // Assess
    const present = new Set<string>();
    for (let messages = await recovered.receive(10); messages.length > 0; messages = await recovered.receive(10)) {
      for (const message of messages) present.add(message.messageId);
    }
    expect(acknowledged.filter((messageId) => !present.has(messageId))).toEqual([]);
    expect((await readdir(join(directory, 'records'))).some((file) => file.startsWith('.tmp-'))).toBe(false);
  });
});
