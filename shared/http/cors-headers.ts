/**
 * The middy middleware that puts the CORS headers of one {@link CorsPolicy} on every response of
 * its routes, errors included: registered before `httpErrorMapper`, so its `onError` runs after
 * the mapper has turned the error into a problem response.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ConfigurationError } from '../config/function-environment.ts';
import { routes as topologyRoutes, type CorsPolicy, type RouteSpec } from '../topology.ts';
import { InvalidOriginError, parseAllowedOrigins } from './allowed-origin.ts';
import { corsResponseHeaders, routeHasCors } from './cors.ts';
import { headerValue } from './header-value.ts';

/**
 * The policy's allowed origins from its variable (comma-separated), read once at cold start.
 * Absent or empty: none, CORS off.
 * @throws ConfigurationError naming the variable when an entry is not an origin
 */
export function corsOriginsFromEnvironment(policy: CorsPolicy, environment: NodeJS.ProcessEnv = process.env): readonly string[] {
  try {
    return parseAllowedOrigins(environment[policy.environmentName]);
  } catch (error) {
    if (error instanceof InvalidOriginError) throw new ConfigurationError(`function environment invalid: ${policy.environmentName} (${error.message})`);
    throw error;
  }
}

type ApiRequest = Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

const routeKey = (method: string, resource: string): string => `${method} ${resource}`;

/**
 * Adds `Vary: Origin` and, for a listed origin, `Access-Control-Allow-Origin` and
 * `Access-Control-Expose-Headers` to the responses of the policy's routes (by `event.httpMethod`
 * and `event.resource`), so a department route served by the same function, even on the same
 * resource, still gets none.
 * @param allowedOrigins the origins; by default the policy's variable, read now (at cold start)
 */
export function corsHeaders(
  policy: CorsPolicy,
  allowedOrigins: readonly string[] = corsOriginsFromEnvironment(policy),
  routes: readonly RouteSpec[] = topologyRoutes,
): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const corsRoutes = new Set(routes.filter((route) => routeHasCors(policy, route)).map((route) => routeKey(route.method, route.path)));
  const decorate = async (request: ApiRequest): Promise<void> => {
    const response = request.response;
    if (response === undefined || response === null || !corsRoutes.has(routeKey(request.event.httpMethod, request.event.resource))) return;
    const cors = corsResponseHeaders(policy, headerValue(request.event.headers, 'origin'), allowedOrigins);
    if (Object.keys(cors).length === 0) return;
    request.response = { ...response, headers: { ...response.headers, ...cors } };
  };
  return { after: decorate, onError: decorate };
}
