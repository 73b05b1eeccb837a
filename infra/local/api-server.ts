/**
 * The local API: a node:http server that serves every route of the topology the way API Gateway
 * (REST API, Lambda proxy integration) does — same matching, same limits, same authorization
 * (SigV4 for departments, a REQUEST Lambda authorizer for staff), same event shape and the same
 * error bodies — so a handler cannot tell it from AWS, and neither can a client.
 *
 * It also serves the local identity provider under `/local-idp/` (its JWKS, discovery document
 * and sign-in endpoints), which belongs to the identity provider, not to the API; and, when given
 * one, the console's static site on every path outside `/v1/`, as CloudFront will route them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayAuthorizerResult, APIGatewayEventIdentity, APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { publicCors, routes as topologyRoutes, staffAuthorizerFunction, staffCors, type RouteSpec } from '#shared/topology.ts';
import type { IdentityProviderAnswer } from './authorization-code-flow.ts';
import type { ConsoleSite } from './console-site.ts';
import type { DepartmentCredentials } from './department-credentials.ts';
import { identityProviderPath, jwksPath, openidConfigurationPath, type LocalIdentityProvider } from './identity-provider.ts';
import { createPreflightResponder } from './cors-preflight.ts';
import { createInvocationContext } from './queue-poller.ts';
import { verifySigV4, type SigV4Refusal } from './sigv4-verifier.ts';
import { viewerAddressHeader } from '#shared/access/viewer-address.ts';
import {
  firewallTooManyRequestsBody,
  firewallViewerAddressNotVerifiedBody,
  gatewayRefusalBody,
  gatewayRefusalContentType,
} from '#shared/http/gateway-refusal.ts';

/** A Lambda handler as the runtime invokes it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** Resolves a topology function name to its handler (imported lazily, after the environment is set). */
export type HandlerLoader = (functionName: string) => Promise<LambdaHandler>;

/** A usage plan's throttle: a token bucket per API key (one key per department). */
export interface RateLimit {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

export interface ApiServerOptions {
  /** Region the API is "deployed" in: SigV4 scope and ARNs. */
  readonly region: string;
  readonly loadHandler: HandlerLoader;
  /** Departments' signing credentials and API keys. */
  readonly credentials: Pick<DepartmentCredentials, 'byAccessKeyId' | 'byApiKey'>;
  /** Served under `/local-idp/` when given; its sign-in endpoints too when it has them. */
  readonly identityProvider?: Pick<LocalIdentityProvider, 'jwks' | 'openidConfiguration'> & Partial<Pick<LocalIdentityProvider, 'signIn'>>;
  /** The console's site, on every path outside `/v1/`; without it those paths are unknown routes. */
  readonly consoleSite?: ConsoleSite;
  /** Defaults to the topology's routes. */
  readonly routes?: readonly RouteSpec[];
  /** Role name prefix of the departments' IAM roles; defaults to {@link localDepartmentRolePrefix}. */
  readonly departmentRolePrefix?: string;
  /**
   * IAM authorization of a department's signed call, as API Gateway evaluates the caller's
   * identity policies for `execute-api:Invoke` on the method: resolves with AWS's message when the
   * role may not call it (a revoked department's role denies its routes). Without it, a valid
   * signature is enough.
   */
  readonly authorizeDepartmentCall?: (call: DepartmentCall) => Promise<string | undefined>;
  /** The departments' usage plan: per API key, i.e. per department. Defaults to 100 requests/s with a burst of 200. */
  readonly rateLimit?: RateLimit;
  /**
   * Public routes, per source address (the regional WAF's rate-based rule in AWS). Defaults to
   * the WAF's 100 requests per 5 minutes with a burst of 100.
   */
  readonly publicRateLimit?: RateLimit;
  /**
   * Origins whose browser forms may call the public complaint routes (CORS preflights answered
   * here; the functions add the response headers themselves). Default none: CORS off.
   */
  readonly publicCorsOrigins?: readonly string[];
  /**
   * The origin of a site whose pages call this API directly, as in AWS China (`--site-origin`):
   * the staff routes allow it (CORS preflights answered here; the functions add the response
   * headers), the public complaint routes too, and the gateway's refusals carry it, as the stack
   * builds them. Default none: no staff CORS.
   */
  readonly siteOrigin?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Defaults to 127.0.0.1: the local runtime is never exposed beyond this machine. */
  readonly host?: string;
  /** API Gateway's integration timeout, 29 s by default. */
  readonly integrationTimeoutMs?: number;
  /** Clock for SigV4 dates and the throttle, for tests. */
  readonly now?: () => Date;
  /** Where failures of handlers are reported; stderr by default. */
  readonly logError?: (message: string, error: unknown) => void;
  /** Told of every answer a function gave through a route (the tests check each against the OpenAPI document). */
  readonly onFunctionAnswer?: (answer: FunctionAnswer) => void;
}

/** A function's answer to a request on one of the topology's routes, as sent to the caller. */
export interface FunctionAnswer {
  readonly method: string;
  /** The route's path template, e.g. `/v1/alerts/{alertId}/acknowledge`. */
  readonly route: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/** A running local API. */
export interface ApiServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and waits for requests in flight. */
  stop(): Promise<void>;
}

/** A department's signed request, as its IAM authorization sees it. */
export interface DepartmentCall {
  readonly department: string;
  /** The ARN of the caller's session (`requestContext.identity.userArn`). */
  readonly callerArn: string;
  readonly method: string;
  /** The path as requested (still percent-encoded). */
  readonly rawPath: string;
}

/** The account id every local ARN carries. */
export const localAccountId = '000000000000';
/** API id and stage name of the local API. */
export const localApiId = 'local';
export const localStage = 'local';
/** Role name prefix of the local departments' "IAM roles" (env `DEPARTMENT_ROLE_PREFIX`). */
export const localDepartmentRolePrefix = 'esup-local-department-';
/** API Gateway's payload limit. */
export const maxRequestBodyBytes = 10 * 1024 * 1024;

const defaultRateLimit: RateLimit = { requestsPerSecond: 100, burst: 200 };
const defaultPublicRateLimit: RateLimit = { requestsPerSecond: 100 / 300, burst: 100 };

/** The partition of a region: ARNs in the China regions are `arn:aws-cn:...`. */
export const partitionOf = (region: string): string => (region.startsWith('cn-') ? 'aws-cn' : 'aws');

/** ARN of the role a department signs with. */
export const departmentRoleArn = (region: string, rolePrefix: string, department: string): string =>
  `arn:${partitionOf(region)}:sts::${localAccountId}:assumed-role/${rolePrefix}${department}/local`;

/** A route matched against a request path, with its decoded path parameters. */
export interface RouteMatch {
  readonly route: RouteSpec;
  readonly pathParameters: Record<string, string> | null;
}

const splitPath = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

const decodeSegment = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

/**
 * Finds the route for a method and raw path as API Gateway does: literal segments match exactly,
 * `{name}` matches one segment, `{name+}` the rest. An unknown path and a known path with another
 * method are both "no match" (API Gateway answers both with 403).
 */
export function matchRoute(routes: readonly RouteSpec[], method: string, rawPath: string): RouteMatch | undefined {
  const segments = splitPath(rawPath).map(decodeSegment);
  if (segments.some((segment) => segment === undefined)) return undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const parameters = matchTemplate(splitPath(route.path), segments as string[]);
    if (parameters) return { route, pathParameters: Object.keys(parameters).length > 0 ? parameters : null };
  }
  return undefined;
}

function matchTemplate(template: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) {
      if (index >= segments.length) return undefined;
      parameters[greedy[1]!] = segments.slice(index).join('/');
      return parameters;
    }
    const segment = segments[index];
    if (segment === undefined) return undefined;
    const parameter = /^\{(.+)\}$/.exec(part);
    if (parameter) parameters[parameter[1]!] = segment;
    else if (part !== segment) return undefined;
  }
  return template.length === segments.length ? parameters : undefined;
}

/** A token bucket per key; `take` says whether one more request fits the plan now. */
export function createThrottle(limit: RateLimit, now: () => number): { take(key: string): boolean } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: time };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.at) / 1000) * limit.requestsPerSecond);
      bucket.at = time;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}

/**
 * A refusal before any function runs: an API Gateway gateway response (status, API Gateway's
 * message and response type, its error type header; the body as the stack's mapping template
 * writes it), or the firewall's fixed answer.
 */
interface GatewayResponse {
  readonly statusCode: number;
  readonly message: string | null;
  /** `$context.error.responseType`. */
  readonly responseType: string;
  /** The `x-amzn-ErrorType` header; none on the firewall's answer. */
  readonly errorType?: string;
  /** A fixed body instead of the gateway responses' template (the firewall's custom response). */
  readonly fixedBody?: { readonly contentType: string; readonly text: string };
}

const gateway = {
  missingAuthenticationToken: {
    statusCode: 403,
    message: 'Missing Authentication Token',
    responseType: 'MISSING_AUTHENTICATION_TOKEN',
    errorType: 'MissingAuthenticationTokenException',
  },
  requestTooLarge: { statusCode: 413, message: 'Request Too Long', responseType: 'REQUEST_TOO_LARGE', errorType: 'RequestTooLargeException' },
  unauthorized: { statusCode: 401, message: 'Unauthorized', responseType: 'UNAUTHORIZED', errorType: 'UnauthorizedException' },
  explicitDeny: {
    statusCode: 403,
    message: 'User is not authorized to access this resource with an explicit deny',
    responseType: 'ACCESS_DENIED',
    errorType: 'AccessDeniedException',
  },
  implicitDeny: {
    statusCode: 403,
    message: 'User is not authorized to access this resource',
    responseType: 'ACCESS_DENIED',
    errorType: 'AccessDeniedException',
  },
  authorizerFailure: { statusCode: 500, message: null, responseType: 'AUTHORIZER_CONFIGURATION_ERROR', errorType: 'AuthorizerConfigurationException' },
  // A method that requires an API key, called without one or with a key of no usage plan of the stage.
  invalidApiKey: { statusCode: 403, message: 'Forbidden', responseType: 'INVALID_API_KEY', errorType: 'ForbiddenException' },
  throttled: { statusCode: 429, message: 'Too Many Requests', responseType: 'THROTTLED', errorType: 'TooManyRequestsException' },
  // The regional firewall's rate-based rule on the public routes answers before API Gateway does.
  firewallThrottled: { statusCode: 429, message: null, responseType: 'WAF', fixedBody: { contentType: 'application/json', text: firewallTooManyRequestsBody } },
  // The firewall's ForgedViewerAddress rule: only the site's distribution may name a viewer, and here there is none.
  firewallViewerAddressNotVerified: {
    statusCode: 403,
    message: null,
    responseType: 'WAF',
    fixedBody: { contentType: 'application/json', text: firewallViewerAddressNotVerifiedBody },
  },
  internalError: { statusCode: 502, message: 'Internal server error', responseType: 'INTEGRATION_FAILURE', errorType: 'InternalServerErrorException' },
  timeout: { statusCode: 504, message: 'Endpoint request timed out', responseType: 'INTEGRATION_TIMEOUT', errorType: 'InternalServerErrorException' },
} satisfies Record<string, GatewayResponse>;

const sigV4ResponseTypes: Record<SigV4Refusal, string> = {
  missingAuthentication: 'MISSING_AUTHENTICATION_TOKEN',
  malformedAuthorization: 'INVALID_SIGNATURE',
  wrongScope: 'INVALID_SIGNATURE',
  unknownAccessKey: 'UNAUTHORIZED',
  signatureExpired: 'INVALID_SIGNATURE',
  signatureNotYetCurrent: 'INVALID_SIGNATURE',
  bodyHashMismatch: 'INVALID_SIGNATURE',
  signatureMismatch: 'INVALID_SIGNATURE',
};

const sigV4ErrorTypes: Record<SigV4Refusal, string> = {
  missingAuthentication: 'MissingAuthenticationTokenException',
  malformedAuthorization: 'IncompleteSignatureException',
  wrongScope: 'InvalidSignatureException',
  unknownAccessKey: 'UnrecognizedClientException',
  signatureExpired: 'InvalidSignatureException',
  signatureNotYetCurrent: 'InvalidSignatureException',
  bodyHashMismatch: 'InvalidSignatureException',
  signatureMismatch: 'InvalidSignatureException',
};

/** Starts the local API on 127.0.0.1. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const handleRequest = createRequestHandler(options);
  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      (options.logError ?? defaultLogError)('local API: request failed', error);
      if (!response.headersSent) sendGatewayResponse(response, gateway.internalError, randomUUID(), gatewayCorsHeaders(options.siteOrigin));
      else response.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, port, stop: () => closeServer(server) };
}

async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Requests in flight get a few seconds to finish; then their connections are cut.
  const force = setTimeout(() => server.closeAllConnections(), 5000);
  await closed;
  clearTimeout(force);
}

const defaultLogError = (message: string, error: unknown): void => {
  process.stderr.write(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
};

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function createRequestHandler(options: ApiServerOptions): RequestHandler {
  const routes = options.routes ?? topologyRoutes;
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? defaultLogError;
  const settings: AdmissionSettings = {
    options,
    now,
    throttle: createThrottle(options.rateLimit ?? defaultRateLimit, () => now().getTime()),
    publicThrottle: createThrottle(options.publicRateLimit ?? defaultPublicRateLimit, () => now().getTime()),
    rolePrefix: options.departmentRolePrefix ?? localDepartmentRolePrefix,
    logError,
  };
  const siteOrigins = options.siteOrigin === undefined ? [] : [options.siteOrigin];
  const answerPreflight = createPreflightResponder(routes, [
    // The site's complaint page calls the public routes from the site's origin, as the stack allows it.
    { policy: publicCors, origins: [...(options.publicCorsOrigins ?? []), ...siteOrigins] },
    { policy: staffCors, origins: siteOrigins },
  ]);
  const refusalCors = gatewayCorsHeaders(options.siteOrigin);
  const refuse = (response: ServerResponse, gatewayResponse: GatewayResponse, requestId: string): void =>
    sendGatewayResponse(response, gatewayResponse, requestId, refusalCors);

  return async (request, response) => {
    const requestId = randomUUID();
    const requestTime = now();
    const method = request.method ?? 'GET';
    const [rawPath = '/', rawQuery = ''] = splitUrl(request.url ?? '/');

    if (rawPath === identityProviderPath || rawPath.startsWith(`${identityProviderPath}/`)) {
      const form = await readForm(request);
      const origin = request.headers.origin;
      const answer = await serveIdentityProvider(options.identityProvider, {
        method,
        path: rawPath.slice(identityProviderPath.length),
        query: new URLSearchParams(rawQuery),
        form,
        ...(origin === undefined ? {} : { origin }),
      });
      response.writeHead(answer.statusCode, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      response.end(answer.body);
      return;
    }

    if (options.consoleSite && rawPath !== '/v1' && !rawPath.startsWith('/v1/')) {
      await drain(request);
      const answer = await options.consoleSite.answer(method, rawPath);
      response.writeHead(answer.statusCode, answer.headers);
      response.end(method === 'HEAD' ? undefined : answer.body);
      return;
    }

    if (request.headers[viewerAddressHeader] !== undefined) {
      await drain(request);
      return refuse(response, gateway.firewallViewerAddressNotVerified, requestId);
    }

    const preflight = answerPreflight(method, rawPath, request.headers.origin);
    if (preflight) {
      await drain(request);
      // Counted like any request on /v1/public/ (the WAF rule sees preflights too).
      const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
      if (preflight.policy === publicCors && !settings.publicThrottle.take(sourceIp)) return refuse(response, gateway.firewallThrottled, requestId);
      response.writeHead(preflight.answer.statusCode, { ...preflight.answer.headers, 'x-amzn-requestid': requestId });
      response.end(preflight.answer.body);
      return;
    }

    const match = matchRoute(routes, method, rawPath);
    const body = await readBody(request);
    if (!match) return refuse(response, gateway.missingAuthenticationToken, requestId);
    if (body === 'tooLarge') return refuse(response, gateway.requestTooLarge, requestId);

    const headers = collectHeaders(request.rawHeaders);
    const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const anonymous = anonymousIdentity(sourceIp, headers.single['user-agent'] ?? null);
    const eventWith = (identity: APIGatewayEventIdentity, authorizer: Record<string, unknown> | null): APIGatewayProxyEvent =>
      proxyEvent({ match, method, rawPath, rawQuery, headers, body, identity, authorizer, requestId, requestTime, protocol: `HTTP/${request.httpVersion}` });
    const admission = await admit(settings, match.route, {
      method,
      rawPath,
      rawQuery,
      headers,
      nodeHeaders: request.headers,
      body,
      sourceIp,
      authorizerEvent: (methodArn) => requestAuthorizerEvent(eventWith(anonymous, null), methodArn),
    });
    if ('refused' in admission) return refuse(response, admission.refused, requestId);
    const event = eventWith({ ...anonymous, ...admission.identity }, admission.authorizer);
    const outcome = await invoke(options, match.route.function, event);
    if (outcome.kind === 'result') {
      const sent = sendProxyResult(response, outcome.result, requestId, refusalCors);
      if (sent) options.onFunctionAnswer?.({ method, route: match.route.path, ...sent });
      return;
    }
    if (outcome.kind === 'error') logError(`local API: ${match.route.function} failed (request ${requestId})`, outcome.error);
    return refuse(response, outcome.kind === 'timeout' ? gateway.timeout : gateway.internalError, requestId);
  };
}

interface AdmissionSettings {
  readonly options: ApiServerOptions;
  readonly now: () => Date;
  readonly throttle: { take(key: string): boolean };
  readonly publicThrottle: { take(key: string): boolean };
  readonly rolePrefix: string;
  readonly logError: (message: string, error: unknown) => void;
}

interface ReceivedRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly headers: CollectedHeaders;
  readonly nodeHeaders: IncomingMessage['headers'];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** The REQUEST authorizer's event for this request and a method ARN. */
  readonly authorizerEvent: (methodArn: string) => APIGatewayRequestAuthorizerEvent;
}

/** Who the caller is, for the event; or the gateway's refusal. */
type Admission =
  { readonly refused: GatewayResponse } | { readonly identity: Partial<APIGatewayEventIdentity>; readonly authorizer: Record<string, unknown> | null };

/**
 * Applies the route's authorization as API Gateway would: IAM (SigV4, then the API key and its
 * usage plan), REQUEST authorizer, or none.
 */
async function admit(settings: AdmissionSettings, route: RouteSpec, request: ReceivedRequest): Promise<Admission> {
  const { options } = settings;
  if (route.auth === 'department') {
    const verdict = await verifySigV4(
      { method: request.method, path: request.rawPath, rawQuery: request.rawQuery, headers: request.nodeHeaders, body: request.body },
      { region: options.region, lookup: (key) => options.credentials.byAccessKeyId(key), now: settings.now },
    );
    if (!verdict.ok) {
      return {
        refused: { statusCode: 403, message: verdict.message, responseType: sigV4ResponseTypes[verdict.reason], errorType: sigV4ErrorTypes[verdict.reason] },
      };
    }
    const callerArn = departmentRoleArn(options.region, settings.rolePrefix, verdict.credential.department);
    // IAM authorization comes before the API key, as in API Gateway: the role's policies decide.
    const denied = await options.authorizeDepartmentCall?.({
      department: verdict.credential.department,
      callerArn,
      method: request.method,
      rawPath: request.rawPath,
    });
    if (denied !== undefined) return { refused: { statusCode: 403, message: denied, responseType: 'ACCESS_DENIED', errorType: 'AccessDeniedException' } };
    // The route requires an API key (`x-api-key`) of the departments' usage plan; the plan's
    // throttle is a bucket per key, so a department keeps its own limit however often it signs in.
    // As in AWS, the key identifies the plan's client; the signature alone says who the caller is.
    const apiKey = request.headers.single['x-api-key'];
    const keyHolder = apiKey === undefined ? undefined : options.credentials.byApiKey(apiKey);
    if (keyHolder === undefined) return { refused: gateway.invalidApiKey };
    if (!settings.throttle.take(keyHolder.apiKeyId)) return { refused: gateway.throttled };
    // In AWS the caller is the department's assumed role; `caller` is its unique id and session.
    const caller = `AROA${verdict.credential.accessKeyId.slice('LOCAL'.length)}:local`;
    return {
      identity: {
        apiKey: keyHolder.apiKey,
        apiKeyId: keyHolder.apiKeyId,
        accessKey: verdict.credential.accessKeyId,
        accountId: localAccountId,
        caller,
        user: caller,
        userArn: callerArn,
      },
      authorizer: null,
    };
  }
  if (route.auth === 'staff') {
    // The authorizer's identity source is the Authorization header: without one, API Gateway answers 401 itself.
    if (request.headers.single.authorization === undefined) return { refused: gateway.unauthorized };
    const decision = await authorizeStaff(options, request.authorizerEvent, `${request.method}${request.rawPath}`, settings.logError);
    return 'statusCode' in decision ? { refused: decision } : { identity: {}, authorizer: decision.authorizer };
  }
  if (!settings.publicThrottle.take(request.sourceIp)) return { refused: gateway.firewallThrottled };
  return { identity: {}, authorizer: null };
}

const splitUrl = (url: string): [string, string] => {
  const separator = url.indexOf('?');
  return separator < 0 ? [url, ''] : [url.slice(0, separator), url.slice(separator + 1)];
};

/** Reads the body up to API Gateway's limit; past it, drains the rest so the client reads the 413. */
async function readBody(request: IncomingMessage): Promise<Buffer | 'tooLarge'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = declared > maxRequestBodyBytes;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxRequestBodyBytes) tooLarge = true;
    if (!tooLarge) chunks.push(chunk);
    // Draining protects the client's read of the 413; beyond this, cutting the connection is kinder.
    if (size > 8 * maxRequestBodyBytes) {
      request.destroy();
      break;
    }
  }
  return tooLarge ? 'tooLarge' : Buffer.concat(chunks);
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const _chunk of request) {
    // discard
  }
}

/** The identity provider's forms are small: a token request, a sign-in choice. */
const maxFormBytes = 16 * 1024;

/** Reads an `application/x-www-form-urlencoded` body; anything else (or too large) reads as empty. */
async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxFormBytes) chunks.push(chunk);
  }
  const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  return isForm && size <= maxFormBytes ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : new URLSearchParams();
}

async function serveIdentityProvider(
  provider: ApiServerOptions['identityProvider'],
  request: Parameters<NonNullable<LocalIdentityProvider['signIn']>['answer']>[0],
): Promise<IdentityProviderAnswer> {
  const fullPath = `${identityProviderPath}${request.path}`;
  const document =
    provider && request.method === 'GET'
      ? fullPath === jwksPath
        ? provider.jwks()
        : fullPath === openidConfigurationPath
          ? provider.openidConfiguration()
          : undefined
      : undefined;
  if (document === undefined) {
    const answer = await provider?.signIn?.answer(request);
    if (answer) return answer;
  }
  // The console's scripts fetch the documents from another origin when it is opened by another host name.
  const allowed = request.origin !== undefined && (provider?.signIn?.clientOrigins() ?? []).includes(request.origin);
  return {
    statusCode: document ? 200 : 404,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'max-age=300',
      ...(allowed ? { 'access-control-allow-origin': request.origin!, vary: 'Origin' } : {}),
    },
    body: JSON.stringify(document ?? { message: 'Not Found' }),
  };
}

interface CollectedHeaders {
  /** Last value of each header, names as the client sent them. */
  readonly single: Record<string, string> & { authorization?: string; 'user-agent'?: string };
  readonly byName: Record<string, string>;
  readonly multi: Record<string, string[]>;
}

/** Headers as API Gateway passes them: the client's spelling, last value wins in `headers`. */
function collectHeaders(rawHeaders: readonly string[]): CollectedHeaders {
  const byName: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const single: Record<string, string> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index]!;
    const value = rawHeaders[index + 1]!;
    byName[name] = value;
    (multi[name] ??= []).push(value);
    single[name.toLowerCase()] = value;
  }
  return { single, byName, multi };
}

function anonymousIdentity(sourceIp: string, userAgent: string | null): APIGatewayEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}

type StaffDecision = GatewayResponse | { readonly authorizer: Record<string, unknown> };

/**
 * The event of a REQUEST Lambda authorizer: the request's headers, parameters and context (the
 * caller's source address among them), without its body, and the method ARN.
 */
function requestAuthorizerEvent(request: APIGatewayProxyEvent, methodArn: string): APIGatewayRequestAuthorizerEvent {
  const { body: _body, isBase64Encoded: _encoded, requestContext, ...rest } = request;
  const { authorizer: _authorizer, ...context } = requestContext;
  return { type: 'REQUEST', methodArn, ...rest, requestContext: context } as APIGatewayRequestAuthorizerEvent;
}

/** Runs the staff authorizer as a REQUEST Lambda authorizer and applies its policy to this method. */
async function authorizeStaff(
  options: ApiServerOptions,
  authorizerEvent: (methodArn: string) => APIGatewayRequestAuthorizerEvent,
  methodAndPath: string,
  logError: (message: string, error: unknown) => void,
): Promise<StaffDecision> {
  const methodArn = `arn:${partitionOf(options.region)}:execute-api:${options.region}:${localAccountId}:${localApiId}/${localStage}/${methodAndPath}`;
  const event = authorizerEvent(methodArn);
  const started = Date.now();
  const outcome = await invoke(options, staffAuthorizerFunction, event);
  if (outcome.kind === 'error' && outcome.error instanceof Error && outcome.error.message === 'Unauthorized') {
    return gateway.unauthorized;
  }
  if (outcome.kind !== 'result') {
    if (outcome.kind === 'error') logError('local API: the staff authorizer failed', outcome.error);
    return gateway.authorizerFailure;
  }
  const result = outcome.result as Partial<APIGatewayAuthorizerResult> | null;
  if (!result || typeof result.principalId !== 'string' || !result.policyDocument) {
    logError('local API: the staff authorizer returned no principalId or policyDocument', result);
    return gateway.authorizerFailure;
  }
  const effect = policyEffect(result.policyDocument, methodArn);
  if (effect === 'Deny') return gateway.explicitDeny;
  if (effect === undefined) return gateway.implicitDeny;
  const context: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result.context ?? {})) {
    if (value !== null && typeof value === 'object') {
      logError(`local API: the staff authorizer's context '${key}' is not a string, number or boolean`, value);
      return gateway.authorizerFailure;
    }
    // REST APIs hand the authorizer's context values to the integration as strings.
    context[key] = value === null || value === undefined ? value : String(value);
  }
  return { authorizer: { ...context, principalId: result.principalId, integrationLatency: Date.now() - started } };
}

interface PolicyStatementLike {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly Resource?: string | readonly string[];
}

/** IAM evaluation of an authorizer policy for one method ARN: an explicit Deny wins over Allow. */
export function policyEffect(policy: { Statement?: unknown }, methodArn: string): 'Allow' | 'Deny' | undefined {
  const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as PolicyStatementLike[];
  const applicable = statements.filter(
    (statement) =>
      statement &&
      toList(statement.Action).some((action) => globMatches(action, 'execute-api:Invoke')) &&
      toList(statement.Resource).some((resource) => globMatches(resource, methodArn)),
  );
  if (applicable.some((statement) => statement.Effect === 'Deny')) return 'Deny';
  if (applicable.some((statement) => statement.Effect === 'Allow')) return 'Allow';
  return undefined;
}

const toList = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

const globMatches = (pattern: string, value: string): boolean => {
  const expression = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${expression}$`, 'i').test(value);
};

interface ProxyEventInput {
  readonly match: RouteMatch;
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly headers: CollectedHeaders;
  readonly body: Buffer;
  readonly identity: APIGatewayEventIdentity;
  readonly authorizer: Record<string, unknown> | null;
  readonly requestId: string;
  readonly requestTime: Date;
  readonly protocol: string;
}

/** Builds the API Gateway REST proxy event (payload format 1.0). */
function proxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const { match, method, rawPath, rawQuery, headers, body, identity, authorizer, requestId, requestTime } = input;
  const query = queryParameters(rawQuery);
  const path = decodeSegment(rawPath) ?? rawPath;
  return {
    resource: match.route.path,
    path,
    httpMethod: method,
    headers: headers.byName,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: match.pathParameters,
    stageVariables: null,
    requestContext: {
      accountId: localAccountId,
      apiId: localApiId,
      resourceId: createHash('sha256').update(match.route.path).digest('hex').slice(0, 6),
      resourcePath: match.route.path,
      httpMethod: method,
      extendedRequestId: requestId,
      requestTime: apiGatewayRequestTime(requestTime),
      path: `/${localStage}${path}`,
      stage: localStage,
      domainPrefix: localApiId,
      domainName: headers.single.host ?? '127.0.0.1',
      requestId,
      requestTimeEpoch: requestTime.getTime(),
      protocol: input.protocol,
      identity,
      authorizer,
    },
    body: body.length > 0 ? body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}

function queryParameters(rawQuery: string): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const separator = piece.indexOf('=');
    const decode = (text: string): string => decodeSegment(text.replace(/\+/g, ' ')) ?? text;
    const key = decode(separator < 0 ? piece : piece.slice(0, separator));
    const value = separator < 0 ? '' : decode(piece.slice(separator + 1));
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return Object.keys(single).length > 0 ? { single, multi } : { single: null, multi: null };
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `02/Mar/2026:01:30:00 +0000`, API Gateway's requestTime. */
const apiGatewayRequestTime = (time: Date): string => {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(time.getUTCDate())}/${months[time.getUTCMonth()]}/${time.getUTCFullYear()}:${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())} +0000`;
};

type Invocation = { readonly kind: 'result'; readonly result: unknown } | { readonly kind: 'error'; readonly error: unknown } | { readonly kind: 'timeout' };

/**
 * Invokes a function as Lambda would: the event crosses a JSON boundary (no shared references),
 * the context carries the function's name and deadline.
 */
async function invoke(options: ApiServerOptions, functionName: string, event: unknown): Promise<Invocation> {
  const timeoutMs = options.integrationTimeoutMs ?? 29_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Invocation>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
  });
  const invoked = (async (): Promise<Invocation> => {
    try {
      const handler = await options.loadHandler(functionName);
      const context = createInvocationContext(functionName, options.region, timeoutMs);
      const result = await handler(JSON.parse(JSON.stringify(event)), context);
      return { kind: 'result', result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (error) {
      return { kind: 'error', error };
    }
  })();
  try {
    return await Promise.race([invoked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Writes a Lambda proxy result; anything that is not one is a 502, as in API Gateway. */
/** Sends a function's proxy result as API Gateway would; what was sent, or undefined when the result was malformed (a 502). */
function sendProxyResult(
  response: ServerResponse,
  result: unknown,
  requestId: string,
  refusalCors: Readonly<Record<string, string>>,
): Pick<FunctionAnswer, 'status' | 'contentType' | 'body'> | undefined {
  const proxy = result as {
    statusCode?: unknown;
    headers?: Record<string, unknown> | null;
    multiValueHeaders?: Record<string, unknown[]> | null;
    body?: unknown;
    isBase64Encoded?: unknown;
  } | null;
  const statusCode = Number(proxy?.statusCode);
  if (!proxy || typeof proxy !== 'object' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    process.stderr.write(`local API: malformed Lambda proxy response (request ${requestId})\n`);
    sendGatewayResponse(response, gateway.internalError, requestId, refusalCors);
    return undefined;
  }
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(proxy.headers ?? {})) headers[name.toLowerCase()] = [String(value)];
  for (const [name, values] of Object.entries(proxy.multiValueHeaders ?? {})) {
    const key = name.toLowerCase();
    headers[key] = [...(headers[key] ?? []), ...(values ?? []).map(String)].filter((value, index, all) => all.indexOf(value) === index);
  }
  headers['content-type'] ??= ['application/json'];
  headers['x-amzn-requestid'] = [requestId];
  const body = typeof proxy.body === 'string' ? proxy.body : proxy.body == null ? '' : String(proxy.body);
  const bytes = proxy.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  for (const [name, values] of Object.entries(headers)) response.setHeader(name, values.length === 1 ? values[0]! : values);
  response.setHeader('content-length', bytes.length);
  response.writeHead(statusCode);
  response.end(bytes);
  return { status: statusCode, contentType: headers['content-type']?.[0], body: bytes };
}

/**
 * The headers the stack's gateway responses (and the firewall's 429) add for a site whose pages
 * call the API directly: its origin, statically (there is one), so the console can read a refusal.
 */
const gatewayCorsHeaders = (siteOrigin: string | undefined): Readonly<Record<string, string>> =>
  siteOrigin === undefined ? {} : { 'access-control-allow-origin': siteOrigin, vary: 'Origin' };

function sendGatewayResponse(
  response: ServerResponse,
  gatewayResponse: GatewayResponse,
  requestId: string,
  refusalCors: Readonly<Record<string, string>>,
): void {
  const { contentType, text } = gatewayResponse.fixedBody ?? {
    contentType: gatewayRefusalContentType,
    text: gatewayRefusalBody({ message: gatewayResponse.message, responseType: gatewayResponse.responseType, requestId }),
  };
  response.writeHead(gatewayResponse.statusCode, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...(gatewayResponse.errorType === undefined ? {} : { 'x-amzn-errortype': gatewayResponse.errorType }),
    ...refusalCors,
  });
  response.end(text);
}
