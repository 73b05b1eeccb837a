import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ServiceUnavailableError } from '../../http/errors.ts';
import type { RecordEnvelope, RecordQueue } from '../../application/ports.ts';

const maxEntriesPerBatch = 10;
const maxAttempts = 4;

/**
 * Sends validated records to the processing queue, ten to a request, retrying failed entries
 * with backoff. If any entry still fails, the whole call fails: ingest then answers 503 and the
 * department re-sends (receipts make that harmless), so nothing is acknowledged unqueued.
 */
export class SqsRecordQueue implements RecordQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient = new SQSClient({ maxAttempts: 6 }),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async enqueue(envelopes: readonly RecordEnvelope[]): Promise<void> {
    const chunks: RecordEnvelope[][] = [];
    for (let i = 0; i < envelopes.length; i += maxEntriesPerBatch) chunks.push(envelopes.slice(i, i + maxEntriesPerBatch));
    await Promise.all(chunks.map((chunk) => this.sendChunk(chunk)));
  }

  private async sendChunk(chunk: readonly RecordEnvelope[]): Promise<void> {
    let pending = chunk.map((envelope, i) => ({ Id: String(i), MessageBody: JSON.stringify(envelope) }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      let failedIds: Set<string>;
      try {
        const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
        failedIds = new Set((result.Failed ?? []).map((f) => f.Id ?? ''));
      } catch (error) {
        if (attempt >= maxAttempts) throw new ServiceUnavailableError(`queue unavailable: ${(error as Error).name}`);
        failedIds = new Set(pending.map((p) => p.Id));
      }
      pending = pending.filter((entry) => failedIds.has(entry.Id));
      if (pending.length > 0) {
        if (attempt >= maxAttempts) throw new ServiceUnavailableError('queue refused entries after retries');
        await this.sleep(50 * 2 ** attempt);
      }
    }
  }
}
