/**
 * The local API's answer to CORS preflights, as API Gateway's mock `OPTIONS` methods give it
 * (`infra/cdk/constructs/public-cors.ts`): only on the resources of the public complaint routes,
 * and only while origins are configured. Every other `OPTIONS` request falls through to routing,
 * which answers it as a method the API does not serve (403 Missing Authentication Token).
 */
import { parseAllowedOrigins } from '#shared/http/allowed-origin.ts';
import { corsPreflight, corsResources, type PreflightAnswer } from '#shared/http/public-cors.ts';
import type { RouteSpec } from '#shared/topology.ts';

/** Answers a request if it is a preflight on a CORS resource; undefined for anything else. */
export type PreflightResponder = (method: string, rawPath: string, origin: string | undefined) => PreflightAnswer | undefined;

const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

/** Whether a raw request path matches a resource template (`{param}` matches one non-empty segment). */
export function pathMatchesResource(template: string, rawPath: string): boolean {
  const expected = segmentsOf(template);
  const actual = segmentsOf(rawPath);
  return expected.length === actual.length && expected.every((part, index) => /^\{[^}+]+\}$/.test(part) || part === actual[index]);
}

/**
 * Builds the preflight responder for the given routes and origins (normalised again here, so a
 * bad origin stops the start naming it).
 */
export function createPreflightResponder(routes: readonly RouteSpec[], origins: readonly string[] | undefined): PreflightResponder {
  const allowedOrigins = parseAllowedOrigins(origins);
  const resources = allowedOrigins.length === 0 ? [] : corsResources(routes);
  return (method, rawPath, origin) => {
    if (method !== 'OPTIONS') return undefined;
    const resource = resources.find((candidate) => pathMatchesResource(candidate.path, rawPath));
    return resource && corsPreflight(origin, resource, allowedOrigins);
  };
}
