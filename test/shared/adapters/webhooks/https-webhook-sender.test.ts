/**
 * The webhook call itself, against a real HTTP server on this machine: only with the local switch
 * is loopback reached; a name that resolves to a refused address is refused when connecting (DNS
 * rebinding); redirects are answers, never followed; a subscriber that does not answer in time is a timeout.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, HttpsWebhookSender, SystemHostResolver } from '#shared/adapters/webhooks/https-webhook-sender.ts';
import { checkEndpoint } from '#shared/application/webhooks/manage-webhook-subscriptions.ts';

let server: Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    request.resume();
    if (request.url === '/moved') response.writeHead(301, { location: '/ok' }).end();
    else response.writeHead(200).end('ignored body');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('HttpsWebhookSender', () => {
  it('posts to a loopback subscriber under the local switch, and refuses it without, the server never reached', async () => {
    // Act
    const allowed = await new HttpsWebhookSender('allowed').post(`${base}/ok`, { 'webhook-id': 'e' }, '{}');
    const before = hits.length;
    const refused = await new HttpsWebhookSender('refused').post(`${base}/ok`, { 'webhook-id': 'e' }, '{}');
    const byName = await new HttpsWebhookSender('refused').post(`https://localhost:${new URL(base).port}/ok`, {}, '{}');

    // Assess
    expect(allowed).toMatchObject({ kind: 'answered', statusCode: 200 });
    expect(refused).toMatchObject({ kind: 'failed', errorClass: 'addressRefused' });
    expect(byName).toMatchObject({ kind: 'failed', errorClass: 'addressRefused' });
    expect(hits.length).toBe(before);
  });

  it('refuses, at connection time, a name that resolves to a refused address (the rebinding a check at subscription time cannot see)', async () => {
    // Act: the lookup the socket uses, for a name that resolves to loopback.
    const looked = await new Promise<{ error: Error | null; address: string }>((resolve) =>
      guardedLookup('refused')('localhost', {}, (error, address) => resolve({ error, address: String(address) })),
    );
    const allowedLookup = await new Promise<{ error: Error | null; address: string }>((resolve) =>
      guardedLookup('allowed')('localhost', {}, (error, address) => resolve({ error, address: String(address) })),
    );

    // Assess
    expect(looked.error?.message).toBe('address not allowed');
    expect(allowedLookup.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(allowedLookup.address);
  });

  it('does not follow a redirect', async () => {
    // Act
    const result = await new HttpsWebhookSender('allowed').post(`${base}/moved`, {}, '{}');

    // Assess
    expect(result).toMatchObject({ kind: 'answered', statusCode: 301 });
    expect(hits.at(-1)).toBe('/moved');
  });

  it('names a refused connection, without retrying it itself', async () => {
    // Prepare: a port nobody listens on.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    // Act
    const result = await new HttpsWebhookSender('allowed').post(`http://127.0.0.1:${port}/`, {}, '{}');

    // Assess
    expect(result).toMatchObject({ kind: 'failed', errorClass: 'connection' });
  });

  it('checks a subscription URL with the switch off: loopback by address or by name is refused, with the field named', async () => {
    // Act
    const refusals = await Promise.all(
      [`${base}/ok`, `https://localhost/ok`, 'https://[::1]/ok', 'https://[::ffff:127.0.0.1]/ok'].map((url) =>
        checkEndpoint(url, '/url', { resolver: new SystemHostResolver(), loopback: 'refused' }).then(
          () => undefined,
          (error: { errors?: { pointer: string }[] }) => error.errors?.[0]?.pointer,
        ),
      ),
    );

    // Assess
    expect(refusals).toEqual(['/url', '/url', '/url', '/url']);
  });

  it("refuses a robot subscription to anything but DingTalk's robot API, before resolving it", async () => {
    // Act
    const refused = await checkEndpoint(
      'https://oa.haishu.gov.cn/robot/send?access_token=x',
      '/url',
      { resolver: new SystemHostResolver(), loopback: 'allowed' },
      'dingtalkRobot',
    ).then(
      () => undefined,
      (error: { errors?: { pointer: string; detail: { en: string } }[] }) => error.errors?.[0],
    );

    // Assess
    expect(refused).toEqual({
      pointer: '/url',
      detail: expect.objectContaining({ en: "a DingTalk robot's URL is https://oapi.dingtalk.com/robot/send?access_token=…" }),
    });
  });
});
