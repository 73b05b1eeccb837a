/**
 * Signatures of webhook deliveries, per the Standard Webhooks convention (standardwebhooks.com),
 * so a subscriber can verify them with any of its libraries: the secret is `whsec_` followed by
 * the base64 of at least 32 random bytes; each delivery carries `webhook-id` (the event's id),
 * `webhook-timestamp` (seconds since the epoch) and `webhook-signature: v1,<base64 HMAC-SHA256
 * of "<id>.<timestamp>.<body>" under the secret's bytes>`. A subscriber refuses a timestamp
 * outside its tolerance (replays) and a signature that does not match.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of a webhook secret. */
export const webhookSecretPrefix = 'whsec_';

/** Random bytes of a new secret (Standard Webhooks asks for 24 to 64). */
export const webhookSecretBytes = 32;

/** How far a delivery's timestamp may lie from the subscriber's clock (either way) before it is refused as a replay. */
export const defaultToleranceSeconds = 300;

/** The headers a delivery is signed with. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** A new secret: `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `${webhookSecretPrefix}${randomBytes(webhookSecretBytes).toString('base64')}`;

/** The key bytes of a secret (the base64 after the prefix). */
export function webhookSecretKey(secret: string): Buffer {
  if (!secret.startsWith(webhookSecretPrefix)) throw new Error('not a webhook secret');
  return Buffer.from(secret.slice(webhookSecretPrefix.length), 'base64');
}

/** The `v1,<base64>` signature of one delivery. */
export function webhookSignature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', webhookSecretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The headers of a delivery of `body` with id `id`, signed at `at`. */
export function signedHeaders(secret: string, id: string, at: Date, body: string): WebhookSignatureHeaders {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': webhookSignature(secret, id, timestamp, body) };
}

export type VerificationResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'timestamp' | 'signature' };

/**
 * What a subscriber does with a delivery: refuses a timestamp more than `toleranceSeconds` from
 * `now`, then accepts it when any `v1` signature of the (space-separated) header matches.
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookSignatureHeaders,
  body: string,
  now: Date,
  toleranceSeconds: number = defaultToleranceSeconds,
): VerificationResult {
  const timestamp = Number(headers['webhook-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'timestamp' };
  const expected = Buffer.from(webhookSignature(secret, headers['webhook-id'], timestamp, body));
  const matches = headers['webhook-signature']
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? { ok: true } : { ok: false, reason: 'signature' };
}
