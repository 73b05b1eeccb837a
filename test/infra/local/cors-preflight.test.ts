import { afterEach, describe, expect, it } from 'vitest';
import { type ApiServer, type ApiServerOptions, type LambdaHandler, startApiServer } from '#infra/local/api-server.ts';
import { departmentCredentials } from '#infra/local/department-credentials.ts';
import { createPreflightResponder, pathMatchesResource } from '#infra/local/cors-preflight.ts';
import { InvalidOriginError } from '#shared/http/allowed-origin.ts';
import { publicCors, routes } from '#shared/topology.ts';

const portal = 'https://ts.ningbo.gov.cn';

let server: ApiServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A local API whose functions are stand-ins that count their invocations. */
const start = async (options: Partial<ApiServerOptions> = {}): Promise<{ api: ApiServer; invocations: string[] }> => {
  const invocations: string[] = [];
  const answer: LambdaHandler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
  server = await startApiServer({
    region: 'cn-north-1',
    credentials: departmentCredentials([]),
    logError: () => undefined,
    loadHandler: async (name) => {
      invocations.push(name);
      return answer;
    },
    ...options,
  });
  return { api: server, invocations };
};

const preflight = (api: ApiServer, path: string, origin?: string): Promise<Response> =>
  fetch(`${api.url}${path}`, {
    method: 'OPTIONS',
    headers: { ...(origin === undefined ? {} : { origin }), 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

const corsHeaderNames = (response: Response): string[] => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('local API: CORS preflights of the public complaint routes', () => {
  it("answers a listed origin with 204 and the resource's methods, without invoking a function", async () => {
    // Prepare
    const { api, invocations } = await start({ publicCorsOrigins: [portal] });

    // Act
    const response = await preflight(api, '/v1/public/complaints/TS20260302ABCDEFGH/rating', portal);

    // Assess
    expect(response.status).toBe(204);
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'))).toEqual({
      'access-control-allow-origin': portal,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type,x-query-token',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(invocations).toEqual([]);
  });

  it('refuses another origin, and a preflight without Origin, with 403 and no Access-Control-Allow-* header', async () => {
    // Prepare
    const { api } = await start({ publicCorsOrigins: [portal] });

    // Act
    const responses = [await preflight(api, '/v1/public/complaints', 'https://evil.example'), await preflight(api, '/v1/public/complaints')];

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(corsHeaderNames(response)).toEqual([]);
      expect(response.headers.get('vary')).toBe('Origin');
      expect(await response.json()).toMatchObject({ status: 403, title: '来源不允许' });
    }
  });

  it('answers OPTIONS on staff and department routes as a method it does not serve, without CORS headers, while no site origin is set', async () => {
    // Prepare
    const { api, invocations } = await start({ publicCorsOrigins: [portal] });

    // Act
    const responses = [
      await preflight(api, '/v1/complaints/TS20260302ABCDEFGH', portal),
      await preflight(api, '/v1/records', portal),
      await preflight(api, '/v1/openapi.json', portal),
    ];

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ title: 'Missing Authentication Token', type: expect.stringContaining('gateway-refusal') });
      expect(corsHeaderNames(response)).toEqual([]);
    }
    expect(invocations).toEqual([]);
  });

  it('answers no preflight at all while no origin is configured', async () => {
    // Prepare
    const { api } = await start();

    // Act
    const response = await preflight(api, '/v1/public/complaints', portal);

    // Assess
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ title: 'Missing Authentication Token', type: expect.stringContaining('gateway-refusal') });
    expect(corsHeaderNames(response)).toEqual([]);
  });

  it("counts preflights against the public routes' limit per address, as the WAF rule does", async () => {
    // Prepare
    const { api } = await start({ publicCorsOrigins: [portal], publicRateLimit: { requestsPerSecond: 0.001, burst: 1 } });

    // Act
    const first = await preflight(api, '/v1/public/complaints', portal);
    const second = await preflight(api, '/v1/public/complaints', portal);

    // Assess
    expect(first.status).toBe(204);
    expect(second.status).toBe(429);
    expect(corsHeaderNames(second)).toEqual([]);
    // The firewall's own fixed answer (Chinese), not API Gateway's.
    expect(await second.json()).toMatchObject({ type: expect.stringContaining('too-many-requests'), title: '请求过于频繁，请稍后再试', status: 429 });
  });
});

describe('local API: CORS of the staff routes for a site whose pages call the API directly', () => {
  const site = 'http://localhost:5173';
  const staffPreflight = (api: ApiServer, path: string, origin: string, method = 'GET'): Promise<Response> =>
    fetch(`${api.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,accept-language' },
    });

  it("answers the site's preflight on a staff resource with 204 and that resource's staff methods, without invoking a function", async () => {
    // Prepare
    const { api, invocations } = await start({ siteOrigin: site });

    // Act
    const response = await staffPreflight(api, '/v1/supervision-cases', site, 'POST');

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
    expect(response.headers.get('access-control-allow-methods')?.split(',').sort()).toEqual(['GET', 'POST']);
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,accept-language');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(invocations).toEqual([]);
  });

  it("refuses another origin's staff preflight with 403 and no Access-Control-Allow-* header", async () => {
    // Prepare
    const { api } = await start({ siteOrigin: site });

    // Act
    const response = await staffPreflight(api, '/v1/alerts', 'https://evil.example');

    // Assess
    expect(response.status).toBe(403);
    expect(corsHeaderNames(response)).toEqual([]);
    expect(await response.json()).toMatchObject({ status: 403, title: '来源不允许' });
  });

  it("lets the site's complaint page call the public routes too, beside the portals", async () => {
    // Prepare
    const { api } = await start({ siteOrigin: site, publicCorsOrigins: [portal] });

    // Act
    const fromSite = await preflight(api, '/v1/public/complaints', site);
    const fromPortal = await preflight(api, '/v1/public/complaints', portal);

    // Assess
    expect(fromSite.status).toBe(204);
    expect(fromPortal.status).toBe(204);
  });

  it("puts the site's origin on the gateway's own refusals, as the stack's gateway responses do", async () => {
    // Prepare
    const { api } = await start({ siteOrigin: site });

    // Act
    const unauthenticated = await fetch(`${api.url}/v1/alerts`, { headers: { origin: site } });
    const unknown = await fetch(`${api.url}/v1/nowhere`, { headers: { origin: site } });

    // Assess
    for (const response of [unauthenticated, unknown]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(site);
      expect(response.headers.get('vary')).toBe('Origin');
    }
    expect(unauthenticated.status).toBe(401);
    expect(unknown.status).toBe(403);
  });

  it('answers no staff preflight and adds nothing to refusals without a site origin', async () => {
    // Prepare
    const { api } = await start({ publicCorsOrigins: [portal] });

    // Act
    const preflighted = await staffPreflight(api, '/v1/alerts', portal);
    const refused = await fetch(`${api.url}/v1/alerts`, { headers: { origin: portal } });

    // Assess
    expect(preflighted.status).toBe(403);
    expect(await preflighted.json()).toMatchObject({ title: 'Missing Authentication Token' });
    expect(corsHeaderNames(preflighted)).toEqual([]);
    expect(refused.status).toBe(401);
    expect(corsHeaderNames(refused)).toEqual([]);
  });
});

describe('the local preflight responder', () => {
  it('matches a resource template one segment per parameter', () => {
    // Act / Assess
    expect(pathMatchesResource('/v1/public/complaints/{receiptNumber}', '/v1/public/complaints/TS1')).toBe(true);
    expect(pathMatchesResource('/v1/public/complaints/{receiptNumber}', '/v1/public/complaints/TS1/rating')).toBe(false);
    expect(pathMatchesResource('/v1/public/complaints/{receiptNumber}', '/v1/public/complaints')).toBe(false);
    expect(pathMatchesResource('/v1/public/complaints', '/v1/public/complaints/')).toBe(true);
  });

  it('answers only OPTIONS', () => {
    // Prepare
    const respond = createPreflightResponder(routes, [{ policy: publicCors, origins: [portal] }]);

    // Act / Assess
    expect(respond('POST', '/v1/public/complaints', portal)).toBeUndefined();
    expect(respond('OPTIONS', '/v1/public/complaints', portal)?.answer.statusCode).toBe(204);
  });

  it('refuses to start with an origin that is not one', () => {
    // Act / Assess
    expect(() => createPreflightResponder(routes, [{ policy: publicCors, origins: ['*'] }])).toThrow(InvalidOriginError);
  });
});
