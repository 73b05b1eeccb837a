/**
 * Staff authorizer: API Gateway REQUEST authorizer in front of every `staff` route (REQUEST, not
 * TOKEN, because the lockout needs the caller's source address, or the viewer's address that the
 * site's distribution sends).
 *
 * Primary course: the address is not locked out, the bearer token is genuine and current (the
 * city's OIDC provider, the session cap), and the staff role may call the targeted route → Allow
 * with the staff context. Not a genuine, current token → `Unauthorized` (401). A locked-out
 * address, or a genuine token whose role, jurisdiction, second factor or route does not fit →
 * Deny (403). Sign-ins, refusals and lockouts are audited (`authorizeStaffRequest`).
 */
import middy from '@middy/core';
import type { APIGatewayRequestAuthorizerEvent, PolicyDocument } from 'aws-lambda';
import * as z from 'zod';
import { environmentNames } from '#shared/topology.ts';
import type { StaffAuthorizerContext, StaffPrincipal } from '#shared/access/principal.ts';
import { createStaffTokenVerifier } from '#shared/access/staff-token-verifier.ts';
import { callerAddress } from '#shared/access/viewer-address.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbStaffSignIns } from '#shared/adapters/dynamodb/dynamodb-staff-sign-ins.ts';
import { authorizeStaffRequest, type AuthorizeStaffDependencies } from '#shared/application/access/authorize-staff-request.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { StaffAccessEnvironment, staffAccessSettingsFrom } from '#shared/config/staff-access-environment.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { staffLockedOutRequestMeasurement, staffLockoutMeasurement, staffUnauthenticatedMeasurement } from '#shared/observability/operational-metrics.ts';

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

const AuthorizerConfig = z.object({
  [environmentNames.jwtIssuer]: z.string().min(1),
  [environmentNames.jwtAudience]: z.string().min(1),
  // Keys must come over TLS; plain http only to the local runtime's own provider.
  [environmentNames.jwksUrl]: z.url().refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.includes(url.hostname));
  }, 'https, or http on a loopback address'),
  ...tablesEnvironment.security.shape,
  ...tablesEnvironment.audit.shape,
});

const { logger, metrics, middlewares, securityEvents } = createObservability('staff-authorizer');
const config = readEnvironment(AuthorizerConfig);
const settings = staffAccessSettingsFrom(readEnvironment(StaffAccessEnvironment));
const documentClient = createDocumentClient();
const signIns = new DynamoDbStaffSignIns(documentClient, config[environmentNames.tables.security]);
const dependencies: AuthorizeStaffDependencies = {
  verifier: createStaffTokenVerifier({
    issuer: config[environmentNames.jwtIssuer],
    audience: config[environmentNames.jwtAudience],
    jwksUrl: config[environmentNames.jwksUrl],
    maxSessionSeconds: settings.maxSessionSeconds,
  }),
  failures: signIns,
  signIns,
  audit: new DynamoDbAuditLog(documentClient, config[environmentNames.tables.audit]),
  securityEvents,
  settings,
  source: 'staff-authorizer',
};

/** What API Gateway receives: an Allow policy with the staff context, or a Deny policy. */
export interface StaffAuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: PolicyDocument;
  /** Present on Allow only; API Gateway hands it to the handler as `requestContext.authorizer`. */
  readonly context?: StaffAuthorizerContext;
}

/** The request's `Authorization` header, whatever its letter case. */
const authorizationHeader = (headers: APIGatewayRequestAuthorizerEvent['headers']): string | undefined =>
  Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? undefined;

/**
 * Decides one request. Throws `Error('Unauthorized')` for a missing or non-genuine token (API
 * Gateway answers 401); otherwise returns a Deny (403) or an Allow policy for the `methodArn`.
 */
export const authorizeStaff = async (event: APIGatewayRequestAuthorizerEvent): Promise<StaffAuthorizerResult> => {
  const decision = await authorizeStaffRequest(
    {
      authorization: authorizationHeader(event.headers),
      methodArn: event.methodArn,
      // Through the site's distribution, the viewer behind CloudFront's edge (shared/access/viewer-address.ts).
      sourceIp: callerAddress(event.headers, event.requestContext?.identity?.sourceIp ?? 'unknown'),
      at: new Date(),
    },
    dependencies,
  );
  if (decision.outcome === 'unauthenticated') {
    // No role or jurisdiction logged: claims of a token we could not verify are not to be believed.
    logger.warn('staff access unauthenticated', {
      decision: 'unauthorized',
      reason: decision.reason,
      ...(decision.lockoutStarted ? { lockoutStarted: true } : {}),
    });
    // API Gateway's 401 is a thrown error, so Lambda counts it in Errors; the errors alarm subtracts this count.
    metrics.record([staffUnauthenticatedMeasurement(), ...(decision.lockoutStarted ? [staffLockoutMeasurement()] : [])]);
    throw new Error('Unauthorized');
  }
  const route = decision.route === undefined ? 'unknown' : `${decision.route.method} ${decision.route.path}`;
  if (decision.outcome === 'deny') {
    logger.warn('staff access denied', { decision: 'deny', reason: decision.reason, role: decision.role, jurisdiction: decision.jurisdiction, route });
    if (decision.reason === 'addressLockedOut') metrics.record([staffLockedOutRequestMeasurement()]);
    return policy(decision.principalId, 'Deny', event.methodArn);
  }
  const { principal } = decision;
  logger.info('staff access allowed', {
    decision: 'allow',
    reason: 'roleAllowed',
    role: principal.role,
    jurisdiction: principal.jurisdiction,
    route,
    ...(decision.firstUseOfSignIn ? { signIn: true } : {}),
  });
  return { ...policy(principal.subject, 'Allow', event.methodArn), context: authorizerContext(principal) };
};

const policy = (principalId: string, effect: 'Allow' | 'Deny', methodArn: string): StaffAuthorizerResult => ({
  principalId,
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methodArn }] },
});

/** Lambda entry point: {@link authorizeStaff} with the invocation context in every log line, and its metrics. */
export const handler = middy(authorizeStaff).use(middlewares);

const authorizerContext = (principal: StaffPrincipal): StaffAuthorizerContext => ({
  subject: principal.subject,
  role: principal.role,
  jurisdiction: principal.jurisdiction,
  department: principal.department ?? '',
  secondFactor: principal.secondFactor === true,
});
