/**
 * A city portal's browser complaint form, as the browser would call the local runtime: preflights
 * and actual requests of the public complaint routes carry CORS for the listed portal origins
 * only; staff and department routes never answer CORS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { corsHeaders, fromPage as fromPageAt, preflight as preflightAt } from '../support/cross-origin-requests.ts';

const portal = 'https://ts.ningbo.gov.cn';
const localForm = 'http://localhost:8080';
const elsewhere = 'https://evil.example';

let started: TestRuntime;
let runtime: LocalRuntime;

beforeAll(async () => {
  // Listed as an operator might write them; browsers send the normalised form.
  started = await startTestRuntime('cors', { publicCorsOrigins: [`${portal}/`, localForm] });
  runtime = started.runtime;
});

afterAll(async () => {
  await started?.dispose();
});

const anonymous = { jurisdiction: 'haishu', category: 'other', content: '浏览器表单端到端投诉。', realName: false };

const fromPage = (origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Response> =>
  fromPageAt(runtime.apiUrl, origin, method, path, headers, body);

const preflight = (origin: string, path: string, method: string, requestHeaders: string): Promise<Response> =>
  preflightAt(runtime.apiUrl, origin, path, method, requestHeaders);

describe('a browser complaint form on a listed portal origin', () => {
  it('gets its preflight for filing answered with 204 and what the browser needs', async () => {
    // Act
    const response = await preflight(portal, '/v1/public/complaints', 'POST', 'content-type');

    // Assess
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': portal,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type,x-query-token',
      'access-control-max-age': '600',
    });
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it("gets the status resource's own method and the query token header allowed", async () => {
    // Act
    const response = await preflight(localForm, '/v1/public/complaints/TS20260302ABCDEFGH', 'GET', 'x-query-token');

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(localForm);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET');
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toContain('x-query-token');
  });

  it('files a complaint and may read the 201, its receipt and its Location', async () => {
    // Act
    const response = await fromPage(portal, 'POST', '/v1/public/complaints', {}, anonymous);
    const filed = (await response.json()) as { receiptNumber: string; queryToken: string };

    // Assess
    expect(response.status).toBe(201);
    expect(filed.receiptNumber).toMatch(/^TS\d{8}/);
    expect(response.headers.get('access-control-allow-origin')).toBe(portal);
    expect(response.headers.get('access-control-expose-headers')?.split(',')).toContain('location');
    expect(response.headers.get('location')).toBe(`/v1/public/complaints/${filed.receiptNumber}`);
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('reads the status with the query token header', async () => {
    // Prepare
    const filed = (await (await fromPage(portal, 'POST', '/v1/public/complaints', {}, anonymous)).json()) as { receiptNumber: string; queryToken: string };

    // Act
    const response = await fromPage(portal, 'GET', `/v1/public/complaints/${filed.receiptNumber}`, { 'x-query-token': filed.queryToken });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(portal);
    expect(await response.json()).toMatchObject({ receiptNumber: filed.receiptNumber, stage: 'awaitingDecision' });
  });

  it('may read a 400 problem naming the field, so the form can show what to correct', async () => {
    // Act
    const response = await fromPage(portal, 'POST', '/v1/public/complaints', {}, { ...anonymous, content: '' });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('access-control-allow-origin')).toBe(portal);
    expect(await response.json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ pointer: '/content' })] });
  });

  it('may read the 404 of a wrong query token', async () => {
    // Act
    const response = await fromPage(localForm, 'GET', '/v1/public/complaints/TS20260302ABCDEFGH', { 'x-query-token': 'not-the-token' });

    // Assess
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(localForm);
  });
});

describe('a page on any other origin', () => {
  it('gets its preflight refused with 403 and no Access-Control-Allow-* header', async () => {
    // Act
    const response = await preflight(elsewhere, '/v1/public/complaints', 'POST', 'content-type');

    // Assess
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('cannot read what the API answers, and the opaque origin null cannot either', async () => {
    // Act
    const responses = [
      await fromPage(elsewhere, 'POST', '/v1/public/complaints', {}, anonymous),
      await fromPage('null', 'POST', '/v1/public/complaints', {}, { ...anonymous, content: '' }),
    ];

    // Assess
    expect(responses.map((response) => response.status)).toEqual([201, 400]);
    for (const response of responses) {
      expect(corsHeaders(response)).toEqual({});
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });
});

describe('staff and department routes', () => {
  it('answer no CORS preflight, even from a listed origin', async () => {
    // Act
    const responses = await Promise.all([
      preflight(portal, '/v1/complaints', 'GET', 'authorization'),
      preflight(portal, '/v1/complaints/TS20260302ABCDEFGH/decision', 'POST', 'authorization,content-type'),
      preflight(portal, '/v1/records', 'POST', 'authorization,content-type,x-amz-date'),
    ]);

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(corsHeaders(response)).toEqual({});
      expect(response.headers.get('vary')).toBeNull();
    }
  });

  it('send no Access-Control-Allow-Origin on their answers to a listed origin', async () => {
    // Prepare
    const token = await runtime.mintStaffToken({ subject: 'cors-sup', role: 'citySupervisor', jurisdiction: 'city' });

    // Act
    const response = await fromPage(portal, 'GET', '/v1/complaints?queue=awaitingDecision', { authorization: `Bearer ${token}` });

    // Assess
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toBeNull();
  });
});
