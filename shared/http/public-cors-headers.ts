/**
 * The middy middleware that puts the CORS headers on every response of a public complaint route,
 * errors included: registered before `httpErrorMapper`, so its `onError` runs after the mapper
 * has turned the error into a problem response.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ConfigurationError } from '../config/function-environment.ts';
import { publicCors } from '../topology.ts';
import { InvalidOriginError, parseAllowedOrigins } from './allowed-origin.ts';
import { headerValue } from './header-value.ts';
import { corsResources, corsResponseHeaders } from './public-cors.ts';

/**
 * The allowed origins from `PUBLIC_CORS_ORIGINS` (comma-separated), read once at cold start.
 * Absent or empty: none, CORS off.
 * @throws ConfigurationError naming the variable when an entry is not an origin
 */
export function publicCorsOriginsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): readonly string[] {
  try {
    return parseAllowedOrigins(environment[publicCors.environmentName]);
  } catch (error) {
    if (error instanceof InvalidOriginError) throw new ConfigurationError(`function environment invalid: ${publicCors.environmentName} (${error.message})`);
    throw error;
  }
}

const corsPaths = new Set(corsResources().map((resource) => resource.path));

type ApiRequest = Request<APIGatewayProxyEvent, APIGatewayProxyResult>;

/**
 * Adds `Vary: Origin` and, for a listed origin, `Access-Control-Allow-Origin` and
 * `Access-Control-Expose-Headers` to the responses of CORS routes (by `event.resource`), so a
 * staff route served by the same function would still get none.
 */
export function publicCorsHeaders(allowedOrigins: readonly string[]): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const decorate = async (request: ApiRequest): Promise<void> => {
    const response = request.response;
    if (response === undefined || response === null || !corsPaths.has(request.event.resource)) return;
    const cors = corsResponseHeaders(headerValue(request.event.headers, 'origin'), allowedOrigins);
    if (Object.keys(cors).length === 0) return;
    request.response = { ...response, headers: { ...response.headers, ...cors } };
  };
  return { after: decorate, onError: decorate };
}
