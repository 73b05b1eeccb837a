/**
 * A console served from a site of its own that calls the API on the API's own origin, as in AWS
 * China (`npm start -- --site-origin`): the staff routes answer its preflights and let it read
 * their answers and the gateway's refusals; any other origin gets nothing; department routes
 * never answer CORS. Without a site origin, staff routes have no CORS at all (`public-cors.test.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { corsHeaders, fromPage as fromPageAt, preflight as preflightAt } from '../support/cross-origin-requests.ts';

const site = 'http://localhost:5173';
const elsewhere = 'https://evil.example';

let started: TestRuntime;
let runtime: LocalRuntime;
let supervisor: string;

beforeAll(async () => {
  // Written as an operator might; browsers send the normalised form.
  started = await startTestRuntime('staffcors', { siteOrigin: `${site}/` });
  runtime = started.runtime;
  supervisor = await runtime.mintStaffToken({ subject: 'site-supervisor', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

const fromPage = (origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Response> =>
  fromPageAt(runtime.apiUrl, origin, method, path, headers, body);

const preflight = (origin: string, path: string, method: string, requestHeaders: string): Promise<Response> =>
  preflightAt(runtime.apiUrl, origin, path, method, requestHeaders);

describe("the console on the site's origin", () => {
  it("gets its preflight on a staff resource answered with 204, the resource's methods and the headers it sends", async () => {
    // Act
    const response = await preflight(site, '/v1/supervision-cases', 'POST', 'authorization,content-type,accept-language');

    // Assess
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': site,
      'access-control-allow-methods': 'POST,GET',
      'access-control-allow-headers': 'authorization,content-type,accept-language',
      'access-control-max-age': '600',
    });
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('reads the alert queue with its bearer token', async () => {
    // Act
    const response = await fromPage(site, 'GET', '/v1/alerts', { authorization: `Bearer ${supervisor}`, 'accept-language': 'en' });

    // Assess
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': site,
      'access-control-expose-headers': 'location,retry-after,content-disposition',
    });
    expect(response.headers.get('vary')).toBe('Origin');
    expect(await response.json()).toHaveProperty('items');
  });

  it("reads a function's problem answer, so it can show what was refused", async () => {
    // Act
    const response = await fromPage(site, 'POST', '/v1/supervision-cases', { authorization: `Bearer ${supervisor}` }, { origin: 'initiative' });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
    expect(await response.json()).toMatchObject({ status: 400 });
  });

  it("reads the gateway's 401 without a token and the authorizer's refusal of a bad one, so it can ask to sign in again", async () => {
    // Act
    const responses = [await fromPage(site, 'GET', '/v1/alerts'), await fromPage(site, 'GET', '/v1/alerts', { authorization: 'Bearer not-a-token' })];

    // Assess
    expect(responses.map((response) => response.status)).toEqual([401, 401]);
    for (const response of responses) {
      expect(response.headers.get('access-control-allow-origin')).toBe(site);
      expect(response.headers.get('vary')).toBe('Origin');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it("files a complaint from the site's complaint page and may read the 201", async () => {
    // Act
    const response = await fromPage(
      site,
      'POST',
      '/v1/public/complaints',
      {},
      { jurisdiction: 'haishu', category: 'other', content: '站点投诉页面端到端投诉。', realName: false },
    );

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
  });
});

describe('any other origin', () => {
  it('gets its staff preflight refused with 403 and no Access-Control-Allow-* header', async () => {
    // Act
    const response = await preflight(elsewhere, '/v1/alerts', 'GET', 'authorization');

    // Assess
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toBe('Origin');
    expect(await response.json()).toMatchObject({ status: 403, title: '来源不允许' });
  });

  it('cannot read a staff answer, even with a valid token', async () => {
    // Act
    const response = await fromPage(elsewhere, 'GET', '/v1/alerts', { authorization: `Bearer ${supervisor}` });

    // Assess
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toBe('Origin');
  });
});

describe('department routes', () => {
  it("answer no preflight, even from the site's origin", async () => {
    // Act
    const response = await preflight(site, '/v1/records', 'POST', 'authorization,content-type,x-amz-date');

    // Assess: the gateway's refusal of a method it does not serve (readable, as every refusal is).
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
    expect(await response.json()).toMatchObject({ title: 'Missing Authentication Token' });
  });
});
