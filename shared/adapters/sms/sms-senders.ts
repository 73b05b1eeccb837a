/**
 * The SMS senders there are until a provider in China is configured: the local runtime's sink,
 * which appends each text as a JSON line to a file of its data folder (`sms.jsonl`: what a
 * provider would have been asked to send), and the deployments' `unavailable` one, whose every
 * attempt fails as `unavailable` (logged on the subscription, retried, then disabled like any
 * failing subscriber). Neither logs the numbers or the text.
 */
import { appendFile } from 'node:fs/promises';
import type { SendResult, SmsSender } from '../../application/webhooks/webhook-ports.ts';

/** Appends `{ at, to, text }` lines to a file: the local runtime's stand-in for a provider. */
export class LocalSmsSink implements SmsSender {
  constructor(
    private readonly file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(phoneNumbers: readonly string[], text: string): Promise<SendResult> {
    const started = performance.now();
    try {
      await appendFile(this.file, `${JSON.stringify({ at: this.clock().toISOString(), to: phoneNumbers, text })}\n`, 'utf8');
      return { kind: 'answered', statusCode: 200, durationMs: performance.now() - started };
    } catch {
      return { kind: 'failed', errorClass: 'connection', durationMs: performance.now() - started };
    }
  }
}

/** No provider configured: nothing is sent. */
export class UnavailableSmsSender implements SmsSender {
  send(): Promise<SendResult> {
    return Promise.resolve({ kind: 'failed', errorClass: 'unavailable', durationMs: 0 });
  }
}

/** The sender the environment names: `unavailable`, or the absolute path of a sink file. */
export const smsSenderOf = (sink: string): SmsSender => (sink === 'unavailable' ? new UnavailableSmsSender() : new LocalSmsSink(sink));
