/**
 * The one place errors become HTTP: registered last in every API handler's middy chain. Caller
 * errors keep their problem body; anything else is logged (without the request) and answered
 * with a body that reveals nothing.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { CallerError, ServiceUnavailableError } from './errors.ts';
import { problemResponse } from './http-response.ts';
import { problemType } from './problem.ts';

export function errorToResponse(error: unknown, logger: Logger): APIGatewayProxyResult {
  if (error instanceof CallerError) {
    return problemResponse({
      type: problemType(error.slug),
      title: error.title,
      status: error.status,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.errors === undefined ? {} : { errors: error.errors }),
    });
  }
  if (error instanceof ServiceUnavailableError) {
    logger.warn('dependency unavailable', { reason: error.message });
    return {
      ...problemResponse({
        type: problemType('service-unavailable'),
        title: 'Service temporarily unavailable; the request may be retried unchanged',
        status: 503,
      }),
      headers: { 'content-type': 'application/problem+json; charset=utf-8', 'retry-after': '2' },
    };
  }
  logger.error('unexpected error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return problemResponse({ type: problemType('internal'), title: 'Internal error', status: 500 });
}

export const httpErrorMapper = (logger: Logger): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    request.response = errorToResponse(request.error, logger);
  },
});
