import { afterEach, describe, expect, it } from 'vitest';
import { type ApiServer, type ApiServerOptions, type LambdaHandler, startApiServer } from '#infra/local/api-server.ts';
import { departmentCredentials } from '#infra/local/department-credentials.ts';
import { createPreflightResponder, pathMatchesResource } from '#infra/local/public-cors-preflight.ts';
import { InvalidOriginError } from '#shared/http/allowed-origin.ts';
import { routes } from '#shared/topology.ts';

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

  it('answers OPTIONS on staff and department routes as a method it does not serve, without CORS headers', async () => {
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
    const respond = createPreflightResponder(routes, [portal]);

    // Act / Assess
    expect(respond('POST', '/v1/public/complaints', portal)).toBeUndefined();
    expect(respond('OPTIONS', '/v1/public/complaints', portal)?.statusCode).toBe(204);
  });

  it('refuses to start with an origin that is not one', () => {
    // Act / Assess
    expect(() => createPreflightResponder(routes, ['*'])).toThrow(InvalidOriginError);
  });
});
