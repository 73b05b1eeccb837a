import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '#shared/config/function-environment.ts';
import { invalidRequest, InvalidInput } from '#shared/domain/refusal.ts';
import { httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { corsHeaders, corsOriginsFromEnvironment } from '#shared/http/cors-headers.ts';
import { publicCors, staffCors, type RouteSpec } from '#shared/topology.ts';

const portal = 'https://ts.ningbo.gov.cn';
const logger = new Logger({ serviceName: 'public-cors-test', logLevel: 'SILENT' });
const context = {} as Context;

const request = (resource: string, headers: Record<string, string>, httpMethod = 'POST'): APIGatewayProxyEvent =>
  ({ resource, httpMethod, headers, path: resource, body: null }) as unknown as APIGatewayProxyEvent;

/** A handler wired as the public functions are: CORS, then the error mapper last. */
const served = (answer: () => Promise<APIGatewayProxyResult>, origins: readonly string[] = [portal]) =>
  middy(answer)
    .use(corsHeaders(publicCors, origins))
    .use(httpErrorMapper({ name: 'complaint-filing', logger, securityEvents: { record: async () => undefined } }));

describe("CORS headers on the public functions' responses", () => {
  it('lets a listed origin read a successful answer, keeping its own headers', async () => {
    // Prepare
    const handler = served(async () => jsonResponse(201, { receiptNumber: 'TS1' }, { location: '/v1/public/complaints/TS1' }));

    // Act
    const response = await handler(request('/v1/public/complaints', { Origin: portal }), context);

    // Assess
    expect(response.statusCode).toBe(201);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': portal,
      'access-control-expose-headers': 'location,retry-after,content-disposition',
      vary: 'Origin',
      location: '/v1/public/complaints/TS1',
      'content-type': 'application/json; charset=utf-8',
    });
  });

  it('lets a listed origin read a problem answer too', async () => {
    // Prepare
    const handler = served(async () => {
      throw new InvalidInput(invalidRequest, undefined, [{ pointer: '/content', detail: { zh: '必填', en: 'required' } }]);
    });

    // Act
    const response = await handler(request('/v1/public/complaints', { origin: portal }), context);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': portal,
      vary: 'Origin',
      'content-type': 'application/problem+json; charset=utf-8',
    });
  });

  it('lets a listed origin read the bare 500 of an unexpected failure', async () => {
    // Prepare
    const handler = served(async () => {
      throw new Error('boom');
    });

    // Act
    const response = await handler(request('/v1/public/complaints/{receiptNumber}', { origin: portal }, 'GET'), context);

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['access-control-allow-origin']).toBe(portal);
  });

  it('gives another origin only Vary: Origin', async () => {
    // Prepare
    const handler = served(async () => jsonResponse(200, {}));

    // Act
    const response = await handler(request('/v1/public/complaints/{receiptNumber}', { origin: 'https://evil.example' }, 'GET'), context);

    // Assess
    expect(response.headers?.vary).toBe('Origin');
    expect(Object.keys(response.headers ?? {}).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('adds nothing to a route outside the public complaint routes, even from a listed origin', async () => {
    // Prepare
    const handler = served(async () => jsonResponse(200, {}));

    // Act
    const response = await handler(request('/v1/complaints/{receiptNumber}', { origin: portal }, 'GET'), context);

    // Assess
    expect(Object.keys(response.headers ?? {}).filter((name) => name.startsWith('access-control-') || name === 'vary')).toEqual([]);
  });

  it('adds nothing while no origin is configured', async () => {
    // Prepare
    const handler = served(async () => jsonResponse(200, {}), []);

    // Act
    const response = await handler(request('/v1/public/complaints', { origin: portal }), context);

    // Assess
    expect(Object.keys(response.headers ?? {}).filter((name) => name.startsWith('access-control-') || name === 'vary')).toEqual([]);
  });

  it('reads the origins from PUBLIC_CORS_ORIGINS, none when it is absent', () => {
    // Act / Assess
    expect(corsOriginsFromEnvironment(publicCors, { PUBLIC_CORS_ORIGINS: `${portal}/,http://localhost:8080` })).toEqual([portal, 'http://localhost:8080']);
    expect(corsOriginsFromEnvironment(publicCors, {})).toEqual([]);
  });

  it('stops the cold start naming the variable when an entry is not an origin', () => {
    // Act
    const reading = () => corsOriginsFromEnvironment(publicCors, { PUBLIC_CORS_ORIGINS: '*' });

    // Assess
    expect(reading).toThrow(ConfigurationError);
    expect(reading).toThrow(/PUBLIC_CORS_ORIGINS/);
  });
});

describe("CORS headers on the staff functions' responses", () => {
  const site = 'https://jianc.ningbo.gov.cn';
  // A staff read and a department's push on one resource.
  const declared: RouteSpec[] = [
    {
      operation: 'listCatalogue',
      method: 'GET',
      path: '/v1/departments/{department}/catalogue',
      function: 'catalogue-api',
      auth: 'staff',
      roles: ['citySupervisor'],
    },
    { operation: 'pushCatalogue', method: 'PUT', path: '/v1/departments/{department}/catalogue', function: 'catalogue-api', auth: 'department' },
  ];
  const staffServed = (answer: () => Promise<APIGatewayProxyResult>) =>
    middy(answer)
      .use(corsHeaders(staffCors, [site], declared))
      .use(httpErrorMapper({ name: 'catalogue-api', logger, securityEvents: { record: async () => undefined } }));

  it("lets the site's console read a staff answer, a refusal included", async () => {
    // Prepare
    const handler = staffServed(async () => {
      throw new InvalidInput(invalidRequest, undefined, [{ pointer: '/note', detail: { zh: '必填', en: 'required' } }]);
    });

    // Act
    const response = await handler(request('/v1/departments/{department}/catalogue', { Origin: site }, 'GET'), context);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers).toMatchObject({ 'access-control-allow-origin': site, vary: 'Origin' });
    expect(response.headers).not.toHaveProperty('access-control-allow-credentials');
  });

  it('adds nothing to a department route on the same resource, even from the site', async () => {
    // Prepare
    const handler = staffServed(async () => jsonResponse(200, {}));

    // Act
    const response = await handler(request('/v1/departments/{department}/catalogue', { Origin: site }, 'PUT'), context);

    // Assess
    expect(Object.keys(response.headers ?? {}).filter((name) => name.startsWith('access-control-') || name === 'vary')).toEqual([]);
  });

  it('reads the site from STAFF_CORS_ORIGINS, none when it is empty', () => {
    // Act / Assess
    expect(corsOriginsFromEnvironment(staffCors, { STAFF_CORS_ORIGINS: `${site}/` })).toEqual([site]);
    expect(corsOriginsFromEnvironment(staffCors, { STAFF_CORS_ORIGINS: '' })).toEqual([]);
  });
});
