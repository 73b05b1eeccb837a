import { describe, expect, it } from 'vitest';
import { queryTokenHeader } from '#shared/api/complaint-contract.ts';
import { parseAllowedOrigins } from '#shared/http/allowed-origin.ts';
import { headerValue } from '#shared/http/header-value.ts';
import { problemType } from '#shared/http/problem.ts';
import { corsFunctionNames, corsPreflight, corsResources, corsResponseHeaders } from '#shared/http/cors.ts';
import { publicCors, routes, staffCors, type RouteSpec } from '#shared/topology.ts';

const portal = 'https://ts.ningbo.gov.cn';
const allowed = parseAllowedOrigins([portal]);
const filing = { path: '/v1/public/complaints', methods: ['POST'] } as const;

describe('CORS of the public routes', () => {
  it('covers exactly the public complaint and published evaluation resources, each with the methods it serves', () => {
    // Act
    const resources = corsResources(publicCors);

    // Assess
    expect(resources).toEqual([
      { path: '/v1/public/evaluations/{owner}/{period}', methods: ['GET'] },
      { path: '/v1/public/complaints', methods: ['POST'] },
      { path: '/v1/public/complaints/{receiptNumber}', methods: ['GET'] },
      { path: '/v1/public/complaints/{receiptNumber}/notices/{notice}', methods: ['GET'] },
      { path: '/v1/public/complaints/{receiptNumber}/rating', methods: ['POST'] },
      { path: '/v1/public/complaints/{receiptNumber}/reopening', methods: ['POST'] },
    ]);
  });

  it('leaves every staff and department route, and public routes outside /v1/public/, without CORS', () => {
    // Prepare
    const corsPaths = new Set(corsResources(publicCors).map((resource) => resource.path));

    // Act
    const others = routes.filter((route) => route.auth !== 'public' || !route.path.startsWith(publicCors.pathPrefix));

    // Assess
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((route) => corsPaths.has(route.path))).toEqual([]);
    expect(corsPaths.has('/v1/openapi.json')).toBe(false);
  });

  it('lists every method of a resource with several, and never a staff method on a public-looking path', () => {
    // Prepare
    const declared: RouteSpec[] = [
      { operation: 'readThing', method: 'GET', path: '/v1/public/things/{id}', function: 'public-things', auth: 'public' },
      { operation: 'saveThing', method: 'PUT', path: '/v1/public/things/{id}', function: 'public-things', auth: 'public' },
      { operation: 'deleteThing', method: 'DELETE', path: '/v1/public/things/{id}', function: 'things-api', auth: 'staff', roles: ['citySupervisor'] },
    ];

    // Act
    const resources = corsResources(publicCors, declared);

    // Assess
    expect(resources).toEqual([{ path: '/v1/public/things/{id}', methods: ['GET', 'PUT'] }]);
    expect(corsFunctionNames(publicCors, declared)).toEqual(['public-things']);
  });

  it('tells the origins to the functions of the public routes only: filing, the follow-up and the published evaluations', () => {
    // Act / Assess
    expect(corsFunctionNames(publicCors)).toEqual(['public-api', 'complaint-filing', 'complaint-follow-up']);
  });

  it('lets a form send the query token header the follow-up reads', () => {
    // Act / Assess
    expect(publicCors.allowedHeaders).toContain(queryTokenHeader);
    expect(publicCors.allowedHeaders).toContain('content-type');
  });

  it("answers a preflight from a listed origin with 204, the resource's methods, the headers, a max age and Vary", () => {
    // Act
    const answer = corsPreflight(publicCors, portal, filing, allowed);

    // Assess
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).toEqual({
      'access-control-allow-origin': portal,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type,x-query-token',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(answer.body).toBe('');
  });

  it.each([['https://evil.example'], ['null'], [undefined]])('refuses a preflight from %s with 403 and no Access-Control-Allow-* header', (origin) => {
    // Act
    const answer = corsPreflight(publicCors, origin, filing, allowed);

    // Assess
    expect(answer.statusCode).toBe(403);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(answer.headers.vary).toBe('Origin');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 403, type: problemType('origin-not-allowed'), title: '来源不允许' });
  });

  it('marks an actual response for a listed origin as readable, with the headers a form needs, and no credentials', () => {
    // Act
    const headers = corsResponseHeaders(publicCors, portal, allowed);

    // Assess
    expect(headers).toEqual({
      'access-control-allow-origin': portal,
      'access-control-expose-headers': 'location,retry-after,content-disposition',
      vary: 'Origin',
    });
    expect(headers).not.toHaveProperty('access-control-allow-credentials');
  });

  it('gives a response to another origin only Vary: Origin, and nothing at all while CORS is off', () => {
    // Act / Assess
    expect(corsResponseHeaders(publicCors, 'https://evil.example', allowed)).toEqual({ vary: 'Origin' });
    expect(corsResponseHeaders(publicCors, undefined, allowed)).toEqual({ vary: 'Origin' });
    expect(corsResponseHeaders(publicCors, portal, [])).toEqual({});
  });

  it('finds a header whatever the case of its name', () => {
    // Act / Assess
    expect(headerValue({ Origin: portal }, 'origin')).toBe(portal);
    expect(headerValue({ origin: portal }, 'Origin')).toBe(portal);
    expect(headerValue(null, 'origin')).toBeUndefined();
  });
});

const site = 'https://jianc.ningbo.gov.cn';
const siteOnly = parseAllowedOrigins([site]);

describe('CORS of the staff routes, for the site the console is served from', () => {
  it('covers every resource of a staff route with exactly its staff methods, and no department or public method', () => {
    // Prepare
    const declared: RouteSpec[] = [
      {
        operation: 'readCatalogue',
        method: 'GET',
        path: '/v1/departments/{department}/catalogue',
        function: 'catalogue-api',
        auth: 'staff',
        roles: ['citySupervisor'],
      },
      { operation: 'pushCatalogue', method: 'PUT', path: '/v1/departments/{department}/catalogue', function: 'catalogue-api', auth: 'department' },
      { operation: 'fileThing', method: 'POST', path: '/v1/public/things', function: 'public-things', auth: 'public' },
    ];

    // Act
    const resources = corsResources(staffCors, declared);

    // Assess
    expect(resources).toEqual([{ path: '/v1/departments/{department}/catalogue', methods: ['GET'] }]);
    expect(corsFunctionNames(staffCors, declared)).toEqual(['catalogue-api']);
  });

  it('covers the resource of every staff route of the topology and no other route', () => {
    // Prepare
    const staffRoutes = routes.filter((route) => route.auth === 'staff');

    // Act
    const resources = corsResources(staffCors);

    // Assess
    expect(resources.flatMap((resource) => resource.methods.map((method) => `${method} ${resource.path}`)).sort()).toEqual(
      staffRoutes.map((route) => `${route.method} ${route.path}`).sort(),
    );
    const publicPaths = new Set(corsResources(publicCors).map((resource) => resource.path));
    expect(resources.filter((resource) => publicPaths.has(resource.path))).toEqual([]);
  });

  it('lets the console send its bearer, a JSON body and its language', () => {
    // Act
    const answer = corsPreflight(staffCors, site, { path: '/v1/alerts', methods: ['GET'] }, siteOnly);

    // Assess
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).toEqual({
      'access-control-allow-origin': site,
      'access-control-allow-methods': 'GET',
      'access-control-allow-headers': 'authorization,content-type,accept-language',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it.each([['https://evil.example'], ['null'], [undefined], ['http://jianc.ningbo.gov.cn']])(
    'refuses a staff preflight from %s with 403, naming the staff routes, and no Access-Control-Allow-* header',
    (origin) => {
      // Act
      const answer = corsPreflight(staffCors, origin, { path: '/v1/alerts', methods: ['GET'] }, siteOnly);

      // Assess
      expect(answer.statusCode).toBe(403);
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 403, type: problemType('origin-not-allowed'), detail: expect.stringContaining('工作人员接口') });
    },
  );

  it("marks the site's actual responses readable, a file's name included, and never with credentials", () => {
    // Act
    const headers = corsResponseHeaders(staffCors, site, siteOnly);

    // Assess
    expect(headers).toEqual({
      'access-control-allow-origin': site,
      'access-control-expose-headers': 'location,retry-after,content-disposition',
      vary: 'Origin',
    });
    expect(corsResponseHeaders(staffCors, 'null', siteOnly)).toEqual({ vary: 'Origin' });
    expect(corsResponseHeaders(staffCors, site, [])).toEqual({});
  });
});
