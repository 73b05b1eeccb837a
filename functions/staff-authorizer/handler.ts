/**
 * Staff authorizer: API Gateway TOKEN authorizer in front of every `staff` route.
 *
 * Primary course: take the bearer token, verify it against the city's OIDC provider, find the
 * route the request targets, and allow it when the staff role may call that route.
 * Not a genuine, current token → `Unauthorized` (401). Genuine token but the role, jurisdiction,
 * second factor or route does not fit → Deny (403).
 */
import middy from '@middy/core';
import type { APIGatewayTokenAuthorizerEvent, PolicyDocument } from 'aws-lambda';
import { z } from 'zod';
import { environmentNames } from '#shared/topology.ts';
import type { RouteSpec } from '#shared/topology.ts';
import type { StaffAuthorizerContext, StaffPrincipal } from '#shared/access/principal.ts';
import { findStaffRoute, isRoleAllowed } from '#shared/access/route-permissions.ts';
import { createStaffTokenVerifier } from '#shared/access/staff-token-verifier.ts';
import type { StaffVerification } from '#shared/access/staff-token-verifier.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { staffUnauthenticatedMeasurement } from '#shared/observability/operational-metrics.ts';

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

const AuthorizerConfig = z.object({
  [environmentNames.jwtIssuer]: z.string().min(1),
  [environmentNames.jwtAudience]: z.string().min(1),
  // Keys must come over TLS; plain http only to the local runtime's own provider.
  [environmentNames.jwksUrl]: z.url().refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.includes(url.hostname));
  }, 'https, or http on a loopback address'),
});

const config = AuthorizerConfig.parse(process.env);
const verifier = createStaffTokenVerifier({
  issuer: config[environmentNames.jwtIssuer],
  audience: config[environmentNames.jwtAudience],
  jwksUrl: config[environmentNames.jwksUrl],
});
const { logger, metrics, middlewares } = createObservability('staff-authorizer');

/** What API Gateway receives: an Allow policy with the staff context, or a Deny policy. */
export interface StaffAuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: PolicyDocument;
  /** Present on Allow only; API Gateway hands it to the handler as `requestContext.authorizer`. */
  readonly context?: StaffAuthorizerContext;
}

/**
 * Decides one request. Throws `Error('Unauthorized')` for a missing or non-genuine token (API
 * Gateway answers 401); otherwise returns a Deny (403) or an Allow policy for the `methodArn`.
 */
export const authorizeStaff = async (event: APIGatewayTokenAuthorizerEvent): Promise<StaffAuthorizerResult> => {
  if (machineSignature.test(event.authorizationToken ?? '')) {
    // A department's signed request on a staff route: a known kind of caller without the right (403).
    logger.warn('staff access denied', { decision: 'deny', reason: 'departmentCredential' });
    return denyAll('department', event.methodArn);
  }
  const verification = await verifier.verify(bearerToken(event.authorizationToken));
  if (!verification.ok && verification.status === 'unauthenticated') {
    // No role or jurisdiction logged: claims of a token we could not verify are not to be believed.
    logger.warn('staff access unauthenticated', { decision: 'unauthorized', reason: verification.reason });
    // API Gateway's 401 is a thrown error, so Lambda counts it in Errors; the errors alarm subtracts this count.
    metrics.record([staffUnauthenticatedMeasurement()]);
    throw new Error('Unauthorized');
  }

  const route = findStaffRoute(event.methodArn);
  const decision = decide(verification, route);
  const logged = {
    decision: decision.effect === 'Allow' ? 'allow' : 'deny',
    reason: decision.reason,
    role: decision.role,
    jurisdiction: decision.jurisdiction,
    route: route === undefined ? 'unknown' : `${route.method} ${route.path}`,
  };
  if (decision.effect === 'Allow') logger.info('staff access allowed', logged);
  else logger.warn('staff access denied', logged);

  return {
    principalId: decision.subject,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: decision.effect, Resource: event.methodArn }],
    },
    ...(decision.effect === 'Allow' ? { context: authorizerContext(decision.principal) } : {}),
  };
};

/** SigV4 `Authorization` header of a department's business system. */
const machineSignature = /^AWS4-HMAC-SHA256\s+Credential=/i;

const denyAll = (principalId: string, methodArn: string): StaffAuthorizerResult => ({
  principalId,
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: methodArn }] },
});

/** Lambda entry point: {@link authorizeStaff} with the invocation context in every log line, and its metrics. */
export const handler = middy(authorizeStaff).use(middlewares);

type Decision = { readonly subject: string; readonly reason: string; readonly role?: string; readonly jurisdiction?: string } & (
  | { readonly effect: 'Allow'; readonly principal: StaffPrincipal }
  | { readonly effect: 'Deny' }
);

/** Function-level authorization of an authenticated caller on the targeted route. */
const decide = (
  verification: Exclude<StaffVerification, { status: 'unauthenticated' }>,
  route: RouteSpec | undefined,
): Decision => {
  if (!verification.ok) {
    const { subject, reason, role, jurisdiction } = verification;
    return { effect: 'Deny', subject, reason, role, jurisdiction };
  }
  const { principal } = verification;
  const claimed = { subject: principal.subject, role: principal.role, jurisdiction: principal.jurisdiction };
  if (route === undefined) return { effect: 'Deny', reason: 'unknownRoute', ...claimed };
  if (!isRoleAllowed(route, principal.role)) return { effect: 'Deny', reason: 'roleNotAllowed', ...claimed };
  return { effect: 'Allow', reason: 'roleAllowed', principal, ...claimed };
};

/** The token after `Bearer ` (any case); `''` when the header is missing or of another scheme. */
const bearerToken = (header: string | undefined): string => /^bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';

const authorizerContext = (principal: StaffPrincipal): StaffAuthorizerContext => ({
  subject: principal.subject,
  role: principal.role,
  jurisdiction: principal.jurisdiction,
  department: principal.department ?? '',
});
