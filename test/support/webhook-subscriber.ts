/**
 * A test subscriber for webhook deliveries: an HTTP server on 127.0.0.1 (reachable only under the
 * local runtime's loopback switch) recording what it receives, and the Standard Webhooks signature
 * check written apart from the system's code, as a subscriber would write it.
 */
import { webcrypto } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the subscriber received. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

export interface WebhookSubscriber {
  /** `http://127.0.0.1:<port>`: a subscription's URL is this and a path. */
  readonly url: string;
  /** Everything received, in arrival order. */
  readonly received: Received[];
  close(): Promise<void>;
}

/** A DingTalk robot's answer when it takes a message. */
export const robotTookIt = (response: ServerResponse): void => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
};

/** Starts a subscriber answering each request with `answer` (204 unless said). */
export async function startWebhookSubscriber(
  answer: (path: string, response: ServerResponse) => void = (_path, response) => response.writeHead(204).end(),
): Promise<WebhookSubscriber> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      answer(request.url ?? '', response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Standard Webhooks verification (WebCrypto HMAC-SHA256 over `<id>.<timestamp>.<body>` under the secret's bytes). */
export async function signatureValid(secret: string, headers: IncomingHttpHeaders, body: string): Promise<boolean> {
  const key = await webcrypto.subtle.importKey('raw', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signed = `${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`;
  const mac = Buffer.from(await webcrypto.subtle.sign('HMAC', key, new TextEncoder().encode(signed))).toString('base64');
  return String(headers['webhook-signature']).split(' ').includes(`v1,${mac}`);
}

/** What `probe` finds, asked every 200 ms for `timeoutMs` at most. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
