/**
 * CORS of the public complaint routes, as data and pure functions: which resources answer a
 * preflight and with which methods, and the headers of a preflight and of an actual response.
 * The functions (through `public-cors-headers.ts`) and the local runtime's HTTP server use these;
 * CDK builds API Gateway's preflight from the same `corsResources` and origin list.
 */
import { publicCors, routes as topologyRoutes, type RouteSpec } from '../topology.ts';
import { allowedOrigin } from './allowed-origin.ts';
import { problemType } from './problem.ts';

/** A resource (API Gateway path) that answers CORS, with the methods it serves. */
export interface CorsResource {
  readonly path: string;
  readonly methods: readonly RouteSpec['method'][];
}

/** Whether a route gets CORS: public, and under the public complaint prefix. Staff and department routes never do. */
export const routeHasCors = (route: RouteSpec): boolean => route.auth === 'public' && route.path.startsWith(publicCors.pathPrefix);

/** Every resource with CORS routes, each with exactly the methods declared on it, in topology order. */
export function corsResources(routes: readonly RouteSpec[] = topologyRoutes): readonly CorsResource[] {
  const byPath = new Map<string, RouteSpec['method'][]>();
  for (const route of routes.filter(routeHasCors)) {
    const methods = byPath.get(route.path) ?? [];
    if (!methods.includes(route.method)) methods.push(route.method);
    byPath.set(route.path, methods);
  }
  return [...byPath].map(([path, methods]) => ({ path, methods }));
}

/** Names of the functions serving CORS routes: they learn the allowed origins from the environment. */
export const corsFunctionNames = (routes: readonly RouteSpec[] = topologyRoutes): readonly string[] => [
  ...new Set(routes.filter(routeHasCors).map((route) => route.function)),
];

/**
 * Headers of an actual response of a CORS route: `Vary: Origin`, and for a listed origin
 * `Access-Control-Allow-Origin` with that origin and the headers a form may read. Never
 * `Access-Control-Allow-Credentials`: the public API uses no cookies. Nothing at all while no
 * origin is configured (CORS off).
 */
export function corsResponseHeaders(requestOrigin: string | undefined, allowedOrigins: readonly string[]): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  const origin = allowedOrigin(requestOrigin, allowedOrigins);
  if (origin === undefined) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': publicCors.exposedHeaders.join(','),
    vary: 'Origin',
  };
}

/** The answer to a preflight (`OPTIONS`). */
export interface PreflightAnswer {
  readonly statusCode: 204 | 403;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Body of a refused preflight: an RFC 9457 problem, as API Gateway's preflight template writes it.
 * A mock integration's template cannot weigh `Accept-Language`, so it is said in Chinese, the
 * default; the documented type explains it in English too.
 */
export const refusedPreflightBody: string = JSON.stringify({
  type: problemType('origin-not-allowed'),
  title: '来源不允许',
  status: 403,
  detail: '该来源未被列为可通过浏览器访问公众接口的来源。',
});

/**
 * Answers a preflight on a CORS resource. A listed origin gets 204 with the resource's own methods,
 * the request headers the public routes read, a max age and `Vary: Origin`; any other origin (or
 * none, or `null`) gets 403 with no `Access-Control-Allow-*` header, so nothing about the API is
 * granted to a page of another site.
 */
export function corsPreflight(requestOrigin: string | undefined, resource: CorsResource, allowedOrigins: readonly string[]): PreflightAnswer {
  const origin = allowedOrigin(requestOrigin, allowedOrigins);
  if (origin === undefined) {
    return { statusCode: 403, headers: { 'content-type': 'application/problem+json', vary: 'Origin' }, body: refusedPreflightBody };
  }
  return {
    statusCode: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': resource.methods.join(','),
      'access-control-allow-headers': publicCors.allowedHeaders.join(','),
      'access-control-max-age': String(publicCors.maxAgeSeconds),
      vary: 'Origin',
    },
    body: '',
  };
}
