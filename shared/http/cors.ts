/**
 * CORS as data and pure functions, for any {@link CorsPolicy} (the public complaint routes, the
 * staff routes): which resources answer a preflight and with which methods, and the headers of a
 * preflight and of an actual response. The functions (through `cors-headers.ts`) and the local
 * runtime's HTTP server use these; CDK builds API Gateway's preflights from the same
 * `corsResources` and origin lists.
 */
import { routes as topologyRoutes, type CorsPolicy, type RouteSpec } from '../topology.ts';
import { allowedOrigin } from './allowed-origin.ts';
import { problemType } from './problem.ts';

/** A resource (API Gateway path) that answers CORS, with the methods it serves. */
export interface CorsResource {
  readonly path: string;
  readonly methods: readonly RouteSpec['method'][];
}

/** Whether a route gets CORS under a policy: the policy's caller, under its prefix. Department routes never do. */
export const routeHasCors = (policy: CorsPolicy, route: RouteSpec): boolean => route.auth === policy.auth && route.path.startsWith(policy.pathPrefix);

/** Every resource with the policy's CORS routes, each with exactly the methods of those routes, in topology order. */
export function corsResources(policy: CorsPolicy, routes: readonly RouteSpec[] = topologyRoutes): readonly CorsResource[] {
  const byPath = new Map<string, RouteSpec['method'][]>();
  for (const route of routes.filter((candidate) => routeHasCors(policy, candidate))) {
    const methods = byPath.get(route.path) ?? [];
    if (!methods.includes(route.method)) methods.push(route.method);
    byPath.set(route.path, methods);
  }
  return [...byPath].map(([path, methods]) => ({ path, methods }));
}

/** Names of the functions serving the policy's CORS routes: they learn the allowed origins from the environment. */
export const corsFunctionNames = (policy: CorsPolicy, routes: readonly RouteSpec[] = topologyRoutes): readonly string[] => [
  ...new Set(routes.filter((route) => routeHasCors(policy, route)).map((route) => route.function)),
];

/**
 * Headers of an actual response of a CORS route: `Vary: Origin`, and for a listed origin
 * `Access-Control-Allow-Origin` with that origin and the headers a page may read. Never
 * `Access-Control-Allow-Credentials`: the API uses no cookies. Nothing at all while no origin is
 * configured (CORS off).
 */
export function corsResponseHeaders(policy: CorsPolicy, requestOrigin: string | undefined, allowedOrigins: readonly string[]): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  const origin = allowedOrigin(requestOrigin, allowedOrigins);
  if (origin === undefined) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': policy.exposedHeaders.join(','),
    vary: 'Origin',
  };
}

/** The answer to a preflight (`OPTIONS`). */
export interface PreflightAnswer {
  readonly statusCode: 204 | 403;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The routes a refusal names, in the caller's words. */
const routesNamed: Readonly<Record<CorsPolicy['auth'], string>> = { public: '公众接口', staff: '工作人员接口' };

/**
 * Body of a refused preflight: an RFC 9457 problem, as API Gateway's preflight template writes it.
 * A mock integration's template cannot weigh `Accept-Language`, so it is said in Chinese, the
 * default; the documented type explains it in English too.
 */
export const refusedPreflightBody = (policy: CorsPolicy): string =>
  JSON.stringify({
    type: problemType('origin-not-allowed'),
    title: '来源不允许',
    status: 403,
    detail: `该来源未被列为可通过浏览器访问${routesNamed[policy.auth]}的来源。`,
  });

/**
 * Answers a preflight on a CORS resource. A listed origin gets 204 with the resource's own methods,
 * the request headers the policy's pages send, a max age and `Vary: Origin`; any other origin (or
 * none, or `null`) gets 403 with no `Access-Control-Allow-*` header, so nothing about the API is
 * granted to a page of another site.
 */
export function corsPreflight(
  policy: CorsPolicy,
  requestOrigin: string | undefined,
  resource: CorsResource,
  allowedOrigins: readonly string[],
): PreflightAnswer {
  const origin = allowedOrigin(requestOrigin, allowedOrigins);
  if (origin === undefined) {
    return { statusCode: 403, headers: { 'content-type': 'application/problem+json', vary: 'Origin' }, body: refusedPreflightBody(policy) };
  }
  return {
    statusCode: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': resource.methods.join(','),
      'access-control-allow-headers': policy.allowedHeaders.join(','),
      'access-control-max-age': String(policy.maxAgeSeconds),
      vary: 'Origin',
    },
    body: '',
  };
}
