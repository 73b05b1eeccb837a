import { SendMessageBatchCommand, SQSClient, type BatchResultErrorEntry } from '@aws-sdk/client-sqs';
import { DependencyUnavailableError } from '../../application/dependency-unavailable.ts';
import type { RecordEnvelope, RecordQueue } from '../../application/ports.ts';
import { awsClientConfig, dependencyFailureOf, nameOverloadOf } from '../aws/dependency-overload.ts';

const maxEntriesPerBatch = 10;
/** Rounds of re-sending the entries a batch call reported failed (the SDK retries only whole calls). */
const maxEntryRounds = 4;

/** Why entries of an otherwise successful batch call were refused, in the port's words. */
function refusedEntriesError(failed: readonly BatchResultErrorEntry[]): Error {
  const first = failed[0];
  const code = first?.Code ?? 'UnknownError';
  // A sender fault is a message SQS will never take (too large, invalid): a defect, not overload.
  if (failed.some((entry) => entry.SenderFault)) return new Error(`queue refused ${failed.length} entries as invalid: ${code}`);
  // Otherwise the queue's side: throttled when the code says so, else unavailable.
  return (
    dependencyFailureOf({ name: code, $fault: 'server' }, 'sqs', 'SendMessageBatch') ??
    new DependencyUnavailableError({ dependency: 'sqs', operation: 'SendMessageBatch', code })
  );
}

/**
 * Sends validated records to the processing queue, ten to a request. A call the queue throttles
 * or fails is retried by the client (capped backoff) and then named `DependencyThrottledError` /
 * `DependencyUnavailableError`; entries a successful call reports failed are sent again a few
 * times, then named the same way. Either way the whole call fails: ingest then answers 503 and the
 * department re-sends (receipts make that harmless), so nothing is acknowledged unqueued.
 */
export class SqsRecordQueue implements RecordQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient = nameOverloadOf(new SQSClient(awsClientConfig()), 'sqs'),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async enqueue(envelopes: readonly RecordEnvelope[]): Promise<void> {
    const chunks: RecordEnvelope[][] = [];
    for (let i = 0; i < envelopes.length; i += maxEntriesPerBatch) chunks.push(envelopes.slice(i, i + maxEntriesPerBatch));
    await Promise.all(chunks.map((chunk) => this.sendChunk(chunk)));
  }

  private async sendChunk(chunk: readonly RecordEnvelope[]): Promise<void> {
    let pending = chunk.map((envelope, i) => ({ Id: String(i), MessageBody: JSON.stringify(envelope) }));
    for (let round = 1; ; round += 1) {
      const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
      const failed = result.Failed ?? [];
      if (failed.length === 0) return;
      if (round >= maxEntryRounds || failed.some((entry) => entry.SenderFault)) throw refusedEntriesError(failed);
      const failedIds = new Set(failed.map((entry) => entry.Id));
      pending = pending.filter((entry) => failedIds.has(entry.Id));
      await this.sleep(50 * 2 ** round);
    }
  }
}
