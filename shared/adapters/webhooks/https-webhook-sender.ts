/**
 * Webhook calls over the network (`node:https`; plain `http:` only to a loopback endpoint under
 * the local runtime's switch). The address is checked when the connection is made: the socket's
 * own DNS lookup refuses any resolved address that is not allowed, so a name re-pointed after the
 * subscription was checked (DNS rebinding) reaches nothing private. 10 seconds at most, redirects
 * never followed (a 3xx is an answer, and a failure), the answer's body never read beyond its end.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { HostResolver, SendResult, WebhookSender } from '../../application/webhooks/webhook-ports.ts';
import { addressAllowed, checkEndpointUrl, type LoopbackTargets } from '../../domain/webhooks/webhook-endpoint.ts';
import type { DeliveryErrorClass } from '../../domain/webhooks/webhook-subscription.ts';

/** How long a subscriber has to answer. */
export const webhookTimeoutMs = 10_000;

/** How much of an answer is kept (a robot's `{"errcode":0,...}`); never logged or stored. */
const maxAnswerBytes = 4096;

/** An address refused at connection time (the rule of the endpoint, checked on the address actually used). */
class AddressRefused extends Error {
  readonly code = 'EADDRREFUSED';
}

/** A DNS lookup that only hands out allowed addresses. */
export const guardedLookup =
  (loopback: LoopbackTargets): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((candidate) => !addressAllowed(candidate.address, loopback));
      if (refused !== undefined || addresses.length === 0) return callback(new AddressRefused('address not allowed'), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };

const errorClassOf = (error: unknown): DeliveryErrorClass => {
  const code = (error as { code?: string }).code ?? '';
  if (error instanceof AddressRefused || code === 'EADDRREFUSED') return 'addressRefused';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'TIMEOUT') return 'timeout';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return 'dns';
  if (/^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/.test(code)) return 'tls';
  return 'connection';
};

export class HttpsWebhookSender implements WebhookSender {
  constructor(private readonly loopback: LoopbackTargets) {}

  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    const verdict = checkEndpointUrl(url, this.loopback);
    if (!verdict.ok) return Promise.resolve({ kind: 'failed', errorClass: 'addressRefused', durationMs: 0 });
    const target = verdict.endpoint.url;
    // An address literal never goes through the lookup: check it here.
    if (verdict.endpoint.literal && !addressAllowed(verdict.endpoint.host, this.loopback)) {
      return Promise.resolve({ kind: 'failed', errorClass: 'addressRefused', durationMs: 0 });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: SendResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request = send(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'e-supervision-webhooks/1' },
          lookup: guardedLookup(this.loopback),
          // No connection reuse across subscribers.
          agent: false,
        },
        (response) => {
          // The status, and the answer's first 4 KiB for a robot's errcode; the rest is drained.
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept >= maxAnswerBytes) return;
            chunks.push(chunk.subarray(0, maxAnswerBytes - kept));
            kept += Math.min(chunk.length, maxAnswerBytes - kept);
          });
          const answered = (): void =>
            finish({ kind: 'answered', statusCode: response.statusCode ?? 0, durationMs: elapsed(), body: Buffer.concat(chunks).toString('utf8') });
          response.on('end', answered);
          response.on('error', answered);
        },
      );
      const timer = setTimeout(() => {
        finish({ kind: 'failed', errorClass: 'timeout', durationMs: elapsed() });
        request.destroy();
      }, webhookTimeoutMs);
      request.on('error', (error) => finish({ kind: 'failed', errorClass: errorClassOf(error), durationMs: elapsed() }));
      request.end(body);
    });
  }
}

/** The system resolver: every address of a name (none when it does not resolve). */
export class SystemHostResolver implements HostResolver {
  addressesOf(host: string): Promise<readonly string[]> {
    return new Promise((resolve, reject) => {
      dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => {
        if (error) {
          const code = (error as { code?: string }).code;
          // No answer (or none yet) is no address: the URL is refused, and may be tried again later.
          if (['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_AGAIN', 'ESERVFAIL', 'EAI_FAIL'].includes(code ?? '')) return resolve([]);
          return reject(error);
        }
        resolve(addresses.map((address) => address.address));
      });
    });
  }
}
