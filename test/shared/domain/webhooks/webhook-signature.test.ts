import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signedHeaders, verifyWebhook, webhookSignature } from '#shared/domain/webhooks/webhook-signature.ts';

/** Standard Webhooks verification written apart from the code under test: WebCrypto's HMAC, the spec's steps. */
async function independentlyVerified(secret: string, headers: Record<string, string>, body: string): Promise<boolean> {
  const keyBytes = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await webcrypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const mac = new Uint8Array(await webcrypto.subtle.sign('HMAC', key, new TextEncoder().encode(signed)));
  const expected = btoa(String.fromCharCode(...mac));
  return (headers['webhook-signature'] ?? '').split(' ').some((part) => part === `v1,${expected}`);
}

describe('webhook signatures (Standard Webhooks)', () => {
  it('makes secrets of 32 random bytes behind whsec_, never the same twice', () => {
    // Act
    const secrets = Array.from({ length: 50 }, () => newWebhookSecret());

    // Assess
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(50);
  });

  it('signs "id.timestamp.body" so that an independent implementation verifies it', async () => {
    // Prepare
    const secret = newWebhookSecret();
    const body = JSON.stringify({
      'detail-type': 'AlertRaised',
      detail: { eventId: 'haishu-housing/licensing/JS-1/r/1/0', summaryZh: '未在法定期限内作出决定' },
    });

    // Act
    const headers = signedHeaders(secret, 'haishu-housing/licensing/JS-1/r/1/0', new Date('2026-12-05T08:00:00.900Z'), body);

    // Assess
    expect(headers['webhook-timestamp']).toBe(String(Date.parse('2026-12-05T08:00:00Z') / 1000));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(await independentlyVerified(secret, { ...headers }, body)).toBe(true);
    expect(await independentlyVerified(secret, { ...headers }, `${body} `)).toBe(false);
    expect(await independentlyVerified(newWebhookSecret(), { ...headers }, body)).toBe(false);
  });

  it('matches the published Standard Webhooks test vector', () => {
    // The example of the specification's reference libraries.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';

    // Act
    const signature = webhookSignature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body);

    // Assess
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies a delivery within the replay window and refuses an old, a future or a tampered one', () => {
    // Prepare
    const secret = newWebhookSecret();
    const sentAt = new Date('2026-12-05T08:00:00Z');
    const body = '{"detail":{}}';
    const headers = signedHeaders(secret, 'evt-1', sentAt, body);
    const later = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);

    // Act / Assess
    expect(verifyWebhook(secret, headers, body, later(299))).toEqual({ ok: true });
    expect(verifyWebhook(secret, headers, body, later(301))).toEqual({ ok: false, reason: 'timestamp' });
    expect(verifyWebhook(secret, headers, body, later(-301))).toEqual({ ok: false, reason: 'timestamp' });
    expect(verifyWebhook(secret, headers, '{"detail":{"x":1}}', later(1))).toEqual({ ok: false, reason: 'signature' });
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'evt-2' }, body, later(1))).toEqual({ ok: false, reason: 'signature' });
    expect(verifyWebhook(secret, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }, body, later(1))).toEqual({
      ok: false,
      reason: 'signature',
    });
    // A rotation period: the header may carry several signatures; one matching is enough.
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` }, body, later(1))).toEqual({ ok: true });
  });
});
