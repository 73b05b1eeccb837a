/**
 * The one place errors become HTTP: registered last in every API handler's middy chain. A refusal
 * keeps its words and gets the status of its kind ({@link statusOfRefusal}, the one table of
 * them); a refusal of the request as HTTP ({@link EdgeRefusal}) carries its own; a dependency that cannot serve for now (throttled, or failing on
 * its side, after the clients' retries) is 503 with `Retry-After`; anything else is logged
 * (without the request) and answered with a body that reveals nothing. Every body is said in the
 * request's language (`Accept-Language`; Chinese unless English is preferred) and names the
 * request (`instance`). Classified content refused
 * by the body parser is also a security event, raised here for every route (Art. 14).
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DependencyUnavailableError } from '../application/dependency-unavailable.ts';
import type { SecurityEventLog } from '../application/security-events.ts';
import { ClassifiedContentRefused, Refusal, type RefusalKind } from '../domain/refusal.ts';
import { EdgeRefusal } from './errors.ts';
import { problemResponse } from './http-response.ts';
import { defaultLanguage, requestLanguage, type Language } from './language.ts';
import { renderProblem, type ProblemStatement } from './problem.ts';

/**
 * Seconds a caller should wait before sending a request answered 503 again. By then the clients
 * have already retried for up to 4.5 s with backoff (`awsRetryPolicy`), so the overload lasted
 * longer than a blip; the services' own limits recover within seconds (SQS, EventBridge and KMS
 * request quotas are per second; DynamoDB on-demand and adaptive capacity react in seconds to
 * minutes). Five seconds lets that happen without holding a department's push back for long, and
 * is short next to a sweep's minute. Callers add their own jitter.
 */
export const retryAfterSeconds = 5;

/** The HTTP status of each kind of refusal: said here once, for every route. */
export const statusOfRefusal: Readonly<Record<RefusalKind, number>> = {
  invalid: 400,
  'not-permitted': 403,
  'not-found': 404,
  'version-changed': 409,
  'not-allowed-now': 409,
  conflicting: 409,
  erased: 410,
  unprocessable: 422,
};

/** A refusal as a problem: its words, its section of the documentation, the status of its kind. */
export const problemOfRefusal = (refusal: Refusal): ProblemStatement => ({
  slug: refusal.slug,
  status: statusOfRefusal[refusal.kind],
  title: refusal.title,
  ...(refusal.detail === undefined ? {} : { detail: refusal.detail }),
  ...(refusal.errors === undefined ? {} : { errors: refusal.errors }),
});

/** Every 503: the same for every dependency and condition, naming nothing internal. */
export const serviceBusy: ProblemStatement = {
  slug: 'service-unavailable',
  status: 503,
  title: { zh: '服务繁忙，请稍后重试', en: 'Service busy, retry later' },
  detail: {
    zh: `系统依赖的服务暂时限流或不可用；请在 ${retryAfterSeconds} 秒后原样重发同一请求，重发是安全的。`,
    en: `A service this request depends on is throttling or briefly unavailable; send the same request again after ${retryAfterSeconds} seconds. Sending it again is safe.`,
  },
};

/** Every 500: a defect of ours, so nothing about it but that it happened and which request it was. */
const internalError: ProblemStatement = {
  slug: 'internal',
  status: 500,
  title: { zh: '系统内部错误', en: 'Internal error' },
  detail: {
    zh: '请求未能完成；请将 instance 中的请求编号告知运维人员。',
    en: 'The request could not be completed; quote the request id in instance to operations.',
  },
};

/** What the answer to a request says about it: its language and its id. */
export interface Addressee {
  readonly language: Language;
  readonly instance?: string;
}

/** The addressee of an API Gateway request: `Accept-Language` and `requestContext.requestId`. */
export const addresseeOf = (event: Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'> | undefined): Addressee => {
  const instance = event?.requestContext?.requestId;
  return { language: requestLanguage(event), ...(typeof instance === 'string' && instance !== '' ? { instance } : {}) };
};

const problemAnswer = (problem: ProblemStatement, to: Addressee, headers: Record<string, string> = {}): APIGatewayProxyResult =>
  problemResponse(renderProblem(problem, to.language, to.instance), { 'content-language': to.language, ...headers });

/**
 * middy's options for a function behind the API: answer a second before the function's timeout
 * (503 with `Retry-After`, see `ranOutOfTime`) rather than be cut off, which API Gateway turns into
 * a bare 502 or 504. A second leaves room for the answer when the function is short of CPU.
 */
export const answerBeforeTimeout = { timeoutEarlyInMillis: 1_000 } as const;

/** middy's early answer before the function's timeout (`timeoutEarlyResponse`): a `TimeoutError` from `@middy/core`. */
function ranOutOfTime(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError' && (error.cause as { package?: unknown } | undefined)?.package === '@middy/core';
}

export function errorToResponse(error: unknown, logger: Logger, to: Addressee = { language: defaultLanguage }): APIGatewayProxyResult {
  if (error instanceof Refusal) return problemAnswer(problemOfRefusal(error), to);
  if (error instanceof EdgeRefusal) return problemAnswer(error, to);
  if (error instanceof DependencyUnavailableError) {
    // The operations runbook searches for this message (docs/operations.md, `<prefix>-api-5xx`).
    logger.warn('dependency unavailable', { dependency: error.dependency, operation: error.operation, code: error.code, condition: error.condition });
    return problemAnswer(serviceBusy, to, { 'retry-after': String(retryAfterSeconds) });
  }
  if (ranOutOfTime(error)) {
    // Overload, not a defect: the function waited on the CPU or a dependency until just before its
    // timeout. What it wrote is idempotent on a re-send (receipts, versions), so the caller is told
    // to send it again after the same wait as for a busy dependency.
    logger.warn('request ran out of time', { timeoutEarly: true });
    return problemAnswer(serviceBusy, to, { 'retry-after': String(retryAfterSeconds) });
  }
  logger.error('unexpected error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return problemAnswer(internalError, to);
}

/** What the error mapper needs of the function's observability. */
export interface ErrorMapperObservability {
  /** The function's topology name: the source of the security events it raises. */
  readonly name: string;
  readonly logger: Logger;
  readonly securityEvents: SecurityEventLog;
}

const assumedRoleName = /^arn:[a-z-]+:sts::\d{12}:assumed-role\/([^/]+)\/[^/]+$/;
const departmentRoleMarker = '-department-';

/**
 * Who sent a request, in the words of a security event and never personal: `<role>:<subject>` for
 * staff (the authorizer's context), `department:<id>` for a department's signed request, `public`.
 */
export function requestSubject(event: Pick<APIGatewayProxyEvent, 'requestContext'> | undefined): string {
  const authorizer = event?.requestContext?.authorizer as { role?: unknown; subject?: unknown } | null | undefined;
  if (typeof authorizer?.role === 'string' && typeof authorizer.subject === 'string') return `${authorizer.role}:${authorizer.subject}`;
  const roleName = assumedRoleName.exec(event?.requestContext?.identity?.userArn ?? '')?.[1];
  if (roleName !== undefined) {
    const marker = roleName.lastIndexOf(departmentRoleMarker);
    return marker >= 0 ? `department:${roleName.slice(marker + departmentRoleMarker.length)}` : `role:${roleName}`;
  }
  return 'public';
}

/**
 * Raises the `classifiedRefused` security event of a refused request: who sent it, on which
 * route, where in the body — never what.
 */
async function raiseClassifiedRefused(
  event: APIGatewayProxyEvent | undefined,
  error: ClassifiedContentRefused,
  observability: ErrorMapperObservability,
): Promise<void> {
  try {
    await observability.securityEvents.record({
      kind: 'classifiedRefused',
      at: new Date().toISOString(),
      source: observability.name,
      subject: requestSubject(event),
      detail: { count: 1, route: `${event?.httpMethod ?? ''} ${event?.resource ?? ''}`.trim(), pointer: error.pointer },
    });
  } catch (failure) {
    // The refusal stands whatever happens to its report; the log says the report is missing.
    observability.logger.error('security event not recorded', {
      securityEventKind: 'classifiedRefused',
      reason: failure instanceof Error ? failure.name : String(failure),
    });
  }
}

export const httpErrorMapper = (observability: ErrorMapperObservability): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    if (request.error instanceof ClassifiedContentRefused) await raiseClassifiedRefused(request.event, request.error, observability);
    request.response = errorToResponse(request.error, observability.logger, addresseeOf(request.event));
  },
});
