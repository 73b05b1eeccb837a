/**
 * The local SQS endpoint through the real `@aws-sdk/client-sqs` (AWS JSON 1.0 protocol, MD5
 * checks on), so handler code that sends to SQS runs locally unchanged.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableLocalQueue } from '#infra/local/local-queue.ts';
import { type SqsEndpoint, startSqsEndpoint } from '#infra/local/sqs-endpoint.ts';

let directory: string;
let queue: DurableLocalQueue;
let endpoint: SqsEndpoint;
let sqs: SQSClient;
let queueUrl: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sqs-endpoint-'));
  queue = new DurableLocalQueue({ directory, name: 'records', visibilityTimeoutSeconds: 30, maxReceiveCount: 3, fsync: false });
  endpoint = await startSqsEndpoint(new Map([['records', queue]]));
  sqs = new SQSClient({
    endpoint: endpoint.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  queueUrl = endpoint.queueUrl('records');
});

afterAll(async () => {
  sqs?.destroy();
  await endpoint?.stop();
  await rm(directory, { recursive: true, force: true });
});

/** Empties the queue so each test starts clean. */
async function drain(): Promise<void> {
  for (let messages = await queue.receive(10); messages.length > 0; messages = await queue.receive(10)) {
    await Promise.all(messages.map((message) => queue.delete(message.receiptHandle)));
  }
}

describe('startSqsEndpoint', () => {
  it('answers GetQueueUrl with the local queue URL and names a missing queue', async () => {
    // Act
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: 'records' }));
    const missing = sqs.send(new GetQueueUrlCommand({ QueueName: 'complaints' }));

    // Assess
    expect(found.QueueUrl).toBe(`${endpoint.endpoint}/000000000000/records`);
    await expect(missing).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('sends, receives and deletes with the MD5 checksums the SDK verifies', async () => {
    // Prepare
    await drain();
    const body = '{"department":"haishu-market-regulation","caseId":"许可-2025-001"}';

    // Act
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageAttributes: { schema: { DataType: 'String', StringValue: 'licensing/v1' } },
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const [message] = received.Messages ?? [];
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }));

    // Assess
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update(body, 'utf8').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: body,
      MD5OfBody: sent.MD5OfMessageBody,
      Attributes: { ApproximateReceiveCount: '1', SenderId: '000000000000' },
      MessageAttributes: { schema: { DataType: 'String', StringValue: 'licensing/v1' } },
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
    });
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, deadLetters: 0 });
  });

  it('computes the message-attribute MD5 the way SQS does', async () => {
    // Act (the vector SQS itself returns for this attribute, as recorded by moto's test suite)
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'derp',
        MessageAttributes: { 'SOME_Valid.attribute-Name': { DataType: 'Number', StringValue: '1493147359900' } },
      }),
    );

    // Assess
    expect(sent.MD5OfMessageBody).toBe('58fd9edd83341c29f1aebba81c31e257');
    expect(sent.MD5OfMessageAttributes).toBe('36655e7e9d7c0e8479fa3f3f42247ae7');
  });

  it('reports per-entry results of a batch send and a batch delete', async () => {
    // Prepare
    await drain();

    // Act
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'first', MessageBody: 'one' },
          { Id: 'second', MessageBody: 'two' },
          { Id: 'control', MessageBody: 'bad\u0001' },
        ],
      }),
    );
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: (received.Messages ?? []).map((message, index) => ({ Id: `d${index}`, ReceiptHandle: message.ReceiptHandle })),
      }),
    );

    // Assess
    expect(sent.Successful?.map((entry) => entry.Id)).toEqual(['first', 'second']);
    expect(sent.Failed).toEqual([expect.objectContaining({ Id: 'control', Code: 'InvalidMessageContents', SenderFault: true })]);
    expect(received.Messages?.map((message) => message.Body)).toEqual(['one', 'two']);
    expect(deleted.Successful?.map((entry) => entry.Id)).toEqual(['d0', 'd1']);
    expect(queue.stats().visible + queue.stats().inFlight).toBe(0);
  });

  it('changes visibility and counts visible and in-flight messages in the queue attributes', async () => {
    // Prepare
    await drain();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hidden' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'waiting' }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }));

    // Act
    const whileHidden = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: received.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const afterChange = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));

    // Assess
    expect(whileHidden.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      QueueArn: 'arn:aws-cn:sqs:cn-north-1:000000000000:records',
    });
    expect(JSON.parse(whileHidden.Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: 'arn:aws-cn:sqs:cn-north-1:000000000000:records-dlq',
      maxReceiveCount: 3,
    });
    expect(afterChange.Attributes).toEqual({ ApproximateNumberOfMessages: '2' });
  });

  it("serves a queue's dead-letter queue under <name>-dlq, with typed attributes kept and no redrive policy of its own", async () => {
    // Prepare
    await drain();
    const attributes = {
      schema: { DataType: 'String', StringValue: 'licensing/v1' },
      attempt: { DataType: 'Number.int', StringValue: '3' },
      signature: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 255, 7]) },
    };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'poison', MessageAttributes: attributes }));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }));
    }
    const afterLimit = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // Act
    const { QueueUrl: deadLetterUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'records-dlq' }));
    const counted = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['ApproximateNumberOfMessages', 'QueueArn', 'RedrivePolicy'] }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: deadLetterUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    const [deadLetter] = received.Messages ?? [];
    await sqs.send(new DeleteMessageCommand({ QueueUrl: deadLetterUrl, ReceiptHandle: deadLetter?.ReceiptHandle }));
    const afterDelete = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['All'] }));

    // Assess
    expect(afterLimit.Messages ?? []).toEqual([]);
    expect(deadLetterUrl).toBe(endpoint.queueUrl('records-dlq'));
    expect(endpoint.queueNames()).toEqual(['records', 'records-dlq']);
    expect(counted.Attributes).toEqual({
      ApproximateNumberOfMessages: '1',
      QueueArn: 'arn:aws-cn:sqs:cn-north-1:000000000000:records-dlq',
    });
    expect(deadLetter).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'poison',
      Attributes: { ApproximateReceiveCount: '4' },
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
    });
    expect(deadLetter?.MessageAttributes?.schema).toEqual(attributes.schema);
    expect(deadLetter?.MessageAttributes?.attempt).toEqual(attributes.attempt);
    expect(deadLetter?.MessageAttributes?.signature?.DataType).toBe('Binary');
    expect(Buffer.from(deadLetter?.MessageAttributes?.signature?.BinaryValue ?? []).toString('hex')).toBe('00ff07');
    expect(afterDelete.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    expect(afterDelete.Attributes?.RedrivePolicy).toBeUndefined();
  });

  it('waits for a message on a long poll', async () => {
    // Prepare
    await drain();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));

    // Act
    await new Promise((resolve) => setTimeout(resolve, 100));
    await queue.send('late record');
    const received = await polling;

    // Assess
    expect(received.Messages?.map((message) => message.Body)).toEqual(['late record']);
  });

  it('refuses a message to a queue that does not exist with QueueDoesNotExist', async () => {
    // Act
    const sending = sqs.send(new SendMessageCommand({ QueueUrl: endpoint.queueUrl('complaints'), MessageBody: 'complaint' }));

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'QueueDoesNotExist', $metadata: { httpStatusCode: 400 } });
  });
});
