/**
 * The one mapping of errors to HTTP: a dependency that cannot serve for now is 503 with
 * `Retry-After` and a problem body that names nothing internal, in Chinese unless the request
 * prefers English; a refusal gets the status of its kind, a refusal of the request as HTTP its own;
 * anything else is a bare 500 naming the request.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { DependencyThrottledError, DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';
import { AlertNotFound, RoleNotPermitted } from '#shared/domain/access-refusals.ts';
import { AlertActionNotAllowed } from '#shared/domain/alerts/alert-lifecycle.ts';
import { ClassifiedContentRefused, InvalidInput } from '#shared/domain/refusal.ts';
import { AlertVersionChanged } from '#shared/application/store-refusals.ts';
import { PersonalDataErased } from '#shared/application/complaints/complaint-refusals.ts';
import { OverlappingEffectiveDates } from '#shared/application/manage-catalogue.ts';
import { NoSuchEndpoint, PayloadTooLarge, UnsupportedMediaType } from '#shared/http/errors.ts';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { answerBeforeTimeout, errorToResponse, httpErrorMapper, retryAfterSeconds } from '#shared/http/http-error-mapper.ts';

const logger = () => ({ warn: vi.fn(), error: vi.fn() });

describe('errorToResponse', () => {
  it.each([
    new DependencyThrottledError({ dependency: 'dynamodb', operation: 'TransactWriteItems', code: 'ProvisionedThroughputExceededException' }),
    new DependencyUnavailableError({ dependency: 'sqs', operation: 'SendMessageBatch', code: 'InternalError' }),
  ])('answers %s with 503, Retry-After and a problem body that names no dependency', (error) => {
    // Prepare
    const log = logger();

    // Act
    const response = errorToResponse(error, log as unknown as Logger);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({
      'retry-after': String(retryAfterSeconds),
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ type: 'https://e-supervision.example/docs/problems.md#service-unavailable', status: 503, title: '服务繁忙，请稍后重试' });
    expect(body.detail).toContain(`${retryAfterSeconds} 秒后原样重发`);
    expect(response.body).not.toMatch(/dynamodb|sqs|SendMessageBatch|TransactWriteItems|Exception|InternalError/i);
    expect(log.warn).toHaveBeenCalledWith('dependency unavailable', {
      dependency: error.dependency,
      operation: error.operation,
      code: error.code,
      condition: error.condition,
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('asks for a short wait, a few seconds: longer than the clients already retried, shorter than a sweep tick', () => {
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(5);
    expect(retryAfterSeconds).toBeLessThan(60);
  });

  const words = { zh: '预警不存在', en: 'No such alert' };
  it.each([
    [new InvalidInput(words), 400, 'invalid-request'],
    [new RoleNotPermitted(words), 403, 'forbidden'],
    [new AlertNotFound(words), 404, 'not-found'],
    [new AlertVersionChanged(words), 409, 'stale-version'],
    [new AlertActionNotAllowed('close', 'closed'), 409, 'action-not-allowed'],
    [new OverlappingEffectiveDates(words), 409, 'overlapping-effective-dates'],
    [new PersonalDataErased(words), 410, 'personal-data-erased'],
    [new ClassifiedContentRefused('/note'), 422, 'classified-content'],
    [new NoSuchEndpoint(), 404, 'not-found'],
    [new PayloadTooLarge(words), 413, 'payload-too-large'],
    [new UnsupportedMediaType(words), 415, 'unsupported-media-type'],
  ])('answers %s with the status of its kind (%i) and its section of the documentation', (refusal, status, slug) => {
    const response = errorToResponse(refusal, logger() as unknown as Logger);
    expect(response.statusCode).toBe(status);
    expect(response.headers).not.toHaveProperty('retry-after');
    expect(JSON.parse(response.body)).toMatchObject({ status, type: expect.stringMatching(new RegExp(`#${slug}$`)) });
  });

  it('keeps a refusal its words, detail and field errors, in the language asked for', () => {
    const refusal = new InvalidInput({ zh: '请求无效', en: 'Invalid request' }, { zh: '见 errors。', en: 'See errors.' }, [
      { pointer: '/deadline', detail: { zh: '应不早于今日', en: 'must be today or later' } },
    ]);
    const response = errorToResponse(refusal, logger() as unknown as Logger, { language: 'en', instance: 'req-1' });
    expect(JSON.parse(response.body)).toEqual({
      type: 'https://e-supervision.example/docs/problems.md#invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: 'See errors.',
      instance: 'req-1',
      errors: [{ pointer: '/deadline', detail: 'must be today or later' }],
    });
  });

  it('answers a request that ran out of time (middy answering before the timeout) with 503 and Retry-After, not 500', () => {
    const log = logger();
    const timedOut = Object.assign(new Error('[AbortError]: The operation was aborted.', { cause: { package: '@middy/core' } }), { name: 'TimeoutError' });
    const response = errorToResponse(timedOut, log as unknown as Logger);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': String(retryAfterSeconds) });
    expect(log.error).not.toHaveBeenCalled();
    // A TimeoutError of anything else (an SDK call's own timeout, say) is not this: it stays unexpected.
    expect(errorToResponse(Object.assign(new Error('socket'), { name: 'TimeoutError' }), logger() as unknown as Logger).statusCode).toBe(500);
  });

  it('answers anything else with a bare 500, logged as unexpected', () => {
    const log = logger();
    const response = errorToResponse(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }), log as unknown as Logger);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('authorized');
    expect(log.error).toHaveBeenCalledWith('unexpected error', expect.anything());
  });

  it('says the 503 in English to a request that prefers English, naming the request', () => {
    const response = errorToResponse(
      new DependencyUnavailableError({ dependency: 'sqs', operation: 'SendMessageBatch', code: 'InternalError' }),
      logger() as unknown as Logger,
      {
        language: 'en',
        instance: 'c0ffee-1',
      },
    );
    expect(JSON.parse(response.body)).toMatchObject({ status: 503, title: 'Service busy, retry later', instance: 'c0ffee-1' });
    expect(response.headers).toMatchObject({ 'content-language': 'en' });
  });

  it('lets an API function answer 503 a second before its timeout instead of being cut off', async () => {
    // Prepare: a handler that needs 0.8 s with 1.3 s left: done in time, but within the last second, which an API function keeps for its answer.
    const log = logger();
    const slow = async (): Promise<APIGatewayProxyResult> => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'late' }), 800));
    const handler = middy(slow, answerBeforeTimeout).use(
      httpErrorMapper({ name: 'test', logger: log as unknown as Logger, securityEvents: { record: async () => undefined } }),
    );
    const context = { getRemainingTimeInMillis: () => 1_300 } as unknown as Context;

    // Act
    const response = await handler({} as APIGatewayProxyEvent, context);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': String(retryAfterSeconds) });
    expect(log.warn).toHaveBeenCalledWith('request ran out of time', expect.anything());
  });
});
