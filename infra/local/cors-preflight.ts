/**
 * The local API's answer to CORS preflights, as API Gateway's mock `OPTIONS` methods give it
 * (`infra/cdk/constructs/cors.ts`): only on the resources of a policy's routes (the public
 * complaint routes, the staff routes), and only while that policy has origins. Every other
 * `OPTIONS` request falls through to routing, which answers it as a method the API does not serve
 * (403 Missing Authentication Token).
 */
import { parseAllowedOrigins } from '#shared/http/allowed-origin.ts';
import { corsPreflight, corsResources, type PreflightAnswer } from '#shared/http/cors.ts';
import type { CorsPolicy, RouteSpec } from '#shared/topology.ts';

/** A preflight's answer and the policy of the resource it was asked on. */
export interface AnsweredPreflight {
  readonly policy: CorsPolicy;
  readonly answer: PreflightAnswer;
}

/** Answers a request if it is a preflight on a CORS resource; undefined for anything else. */
export type PreflightResponder = (method: string, rawPath: string, origin: string | undefined) => AnsweredPreflight | undefined;

const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

/** Whether a raw request path matches a resource template (`{param}` matches one non-empty segment). */
export function pathMatchesResource(template: string, rawPath: string): boolean {
  const expected = segmentsOf(template);
  const actual = segmentsOf(rawPath);
  return expected.length === actual.length && expected.every((part, index) => /^\{[^}+]+\}$/.test(part) || part === actual[index]);
}

/** A policy and the origins it allows, as the local runtime is configured. */
export interface CorsGrant {
  readonly policy: CorsPolicy;
  readonly origins: readonly string[] | undefined;
}

/**
 * Builds the preflight responder for the given routes and policies' origins (normalised again
 * here, so a bad origin stops the start naming it).
 */
export function createPreflightResponder(routes: readonly RouteSpec[], grants: readonly CorsGrant[]): PreflightResponder {
  const served = grants.flatMap(({ policy, origins }) => {
    const allowedOrigins = parseAllowedOrigins(origins);
    return allowedOrigins.length === 0 ? [] : corsResources(policy, routes).map((resource) => ({ policy, resource, allowedOrigins }));
  });
  return (method, rawPath, origin) => {
    if (method !== 'OPTIONS') return undefined;
    // Topology order, as routing matches routes.
    const found = served.find((candidate) => pathMatchesResource(candidate.resource.path, rawPath));
    return found && { policy: found.policy, answer: corsPreflight(found.policy, origin, found.resource, found.allowedOrigins) };
  };
}
