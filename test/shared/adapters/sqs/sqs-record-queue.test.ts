/**
 * The records queue's adapter and the entries SQS reports failed inside a successful
 * SendMessageBatch (which the SDK does not retry): sent again, then named in the port's words when
 * the queue's side keeps refusing them, and never called overload when SQS refuses them as invalid.
 * The SQS client stands in for the service at its boundary; whole-call throttling is covered
 * through the local runtime (test/e2e/overload.test.ts).
 */
import type { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { SqsRecordQueue } from '#shared/adapters/sqs/sqs-record-queue.ts';
import { DependencyThrottledError, DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';
import type { RecordEnvelope } from '#shared/application/ports.ts';

const envelope = (caseId: string): RecordEnvelope =>
  ({
    v: 1,
    receivedAt: '2026-03-02T01:00:00.000Z',
    contentHash: caseId,
    record: { kind: 'licensing', department: 'haishu-housing', caseId, sequence: 1 },
  }) as unknown as RecordEnvelope;

/** A client answering each SendMessageBatch with `failed(entries, call)`, recording the entry ids it was sent. */
const scriptedClient = (failed: (ids: string[], call: number) => { Id: string; Code: string; SenderFault: boolean }[]) => {
  const calls: string[][] = [];
  const client = {
    send: async (command: SendMessageBatchCommand) => {
      const ids = (command.input.Entries ?? []).map((entry) => entry.Id ?? '');
      calls.push(ids);
      return { Successful: [], Failed: failed(ids, calls.length) };
    },
  } as unknown as SQSClient;
  return { client, calls };
};
const noWait = async (): Promise<void> => undefined;

describe('SqsRecordQueue', () => {
  it('sends again only the entries a call reported failed, and succeeds when they are taken', async () => {
    // Prepare
    const { client, calls } = scriptedClient((ids, call) => (call === 1 ? [{ Id: ids[1]!, Code: 'InternalError', SenderFault: false }] : []));

    // Act
    await new SqsRecordQueue('https://queue', client, noWait).enqueue([envelope('A'), envelope('B'), envelope('C')]);

    // Assess
    expect(calls).toEqual([['0', '1', '2'], ['1']]);
  });

  it('names entries the queue keeps throttling DependencyThrottledError, so ingest answers 503', async () => {
    // Prepare
    const { client, calls } = scriptedClient((ids) => ids.map((Id) => ({ Id, Code: 'RequestThrottled', SenderFault: false })));

    // Act
    const error = await new SqsRecordQueue('https://queue', client, noWait).enqueue([envelope('A')]).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(DependencyThrottledError);
    expect(error).toMatchObject({ dependency: 'sqs', operation: 'SendMessageBatch', code: 'RequestThrottled' });
    expect(calls.length).toBeGreaterThan(1);
  });

  it("names entries failing on the queue's side for another reason DependencyUnavailableError", async () => {
    const { client } = scriptedClient((ids) => ids.map((Id) => ({ Id, Code: 'InternalError', SenderFault: false })));
    const error = await new SqsRecordQueue('https://queue', client, noWait).enqueue([envelope('A')]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error).not.toBeInstanceOf(DependencyThrottledError);
  });

  it('fails at once, as a defect and not overload, when SQS refuses an entry as invalid', async () => {
    // Prepare
    const { client, calls } = scriptedClient((ids) => [{ Id: ids[0]!, Code: 'InvalidMessageContents', SenderFault: true }]);

    // Act
    const error = await new SqsRecordQueue('https://queue', client, noWait).enqueue([envelope('A')]).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DependencyUnavailableError);
    expect(calls).toHaveLength(1);
  });
});
