/**
 * What the API says to a person is Chinese unless the request prefers English: the negotiation
 * of `Accept-Language`, zod's refusals worded in either language, and the body the error mapper
 * writes (its language, its `type`, the request's id as `instance`).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { languageOf } from '#shared/http/language.ts';
import { fieldErrorsFromZod, problemType, wordsOfMessage } from '#shared/http/problem.ts';
import { parseInput } from '#shared/http/request-input.ts';

describe('languageOf (Accept-Language)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5,zh;q=0.8', 'zh-CN'],
    ['zh;q=0.5,en;q=0.8', 'en'],
    ['en,zh', 'en'],
    ['zh,en', 'zh-CN'],
    ['fr', 'zh-CN'],
    ['fr,en;q=0.5', 'en'],
    ['*', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['en;q=banana', 'zh-CN'],
    ['english', 'zh-CN'],
    [';;;,,,=q', 'zh-CN'],
    ['\u0000\uffff garbage', 'zh-CN'],
  ] as const)('%j → %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});

describe('zod refusals in both languages', () => {
  const Body = z.strictObject({ count: z.number().int().min(1), colour: z.enum(['red', 'green']), name: z.string() });

  it("words zod's own message again with zod's Chinese locale, from the same issue", () => {
    const parsed = Body.safeParse({ count: 0, colour: 'blue', name: 7 }, { reportInput: true });
    const errors = fieldErrorsFromZod(parsed.error!, '/body');
    expect(errors).toEqual([
      { pointer: '/body/count', detail: { zh: '数值过小：期望 number >=1', en: 'Too small: expected number to be >=1' } },
      { pointer: '/body/colour', detail: { zh: '无效选项：期望以下之一 "red"|"green"', en: 'Invalid option: expected one of "red"|"green"' } },
      { pointer: '/body/name', detail: { zh: '无效输入：期望 string，实际接收 数字', en: 'Invalid input: expected string, received number' } },
    ]);
  });

  it('names refused fields in both languages', () => {
    const parsed = Body.safeParse({ count: 1, colour: 'red', name: 'x', role: 'admin' });
    expect(fieldErrorsFromZod(parsed.error!)).toEqual([{ pointer: '/role', detail: { zh: '不允许的字段：role', en: 'field not allowed: role' } }]);
  });

  it("reads a schema's own message written 中文 / English as a pair, and keeps one in a single language", () => {
    expect(wordsOfMessage('辖区 x 重复 / duplicate jurisdiction x')).toEqual({ zh: '辖区 x 重复', en: 'duplicate jurisdiction x' });
    expect(wordsOfMessage('您的范围内没有该辖区。/ No such jurisdiction in your scope.')).toEqual({
      zh: '您的范围内没有该辖区。',
      en: 'No such jurisdiction in your scope.',
    });
    expect(wordsOfMessage('a UTC day YYYY-MM-DD')).toEqual({ zh: 'a UTC day YYYY-MM-DD', en: 'a UTC day YYYY-MM-DD' });
    expect(wordsOfMessage('at most 24 hours / request')).toEqual({ zh: 'at most 24 hours / request', en: 'at most 24 hours / request' });
  });
});

describe('the problem body the error mapper writes', () => {
  const Query = z.strictObject({ limit: z.coerce.number().int().max(100) });
  const logger = { warn: vi.fn(), error: vi.fn() } as unknown as Logger;
  const handler = middy(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    parseInput(Query, event.queryStringParameters ?? {}, '/query');
    return { statusCode: 200, body: '' };
  }).use(httpErrorMapper({ name: 'test', logger, securityEvents: { record: async () => undefined } }));
  const event = (headers: Record<string, string>): APIGatewayProxyEvent =>
    ({ headers, queryStringParameters: { limit: '500' }, requestContext: { requestId: 'a1b2c3d4-request' } }) as unknown as APIGatewayProxyEvent;
  const answer = async (headers: Record<string, string>) => {
    const response = await handler(event(headers), {} as Context);
    return { response, body: JSON.parse(response.body) };
  };

  it('is Chinese without Accept-Language, names the request and points to the documentation', async () => {
    const { response, body } = await answer({});
    expect(response.statusCode).toBe(400);
    expect(response.headers).toMatchObject({ 'content-language': 'zh-CN' });
    expect(body).toEqual({
      type: problemType('invalid-request'),
      title: '请求无效',
      status: 400,
      instance: 'a1b2c3d4-request',
      errors: [{ pointer: '/query/limit', detail: '数值过大：期望 number <=100' }],
    });
    expect(body.type).toBe('https://e-supervision.example/docs/problems.md#invalid-request');
  });

  it('is English when the request prefers English, whatever the case of the header name', async () => {
    const { response, body } = await answer({ 'accept-language': 'en-US,en;q=0.9' });
    expect(response.headers).toMatchObject({ 'content-language': 'en' });
    expect(body).toMatchObject({
      title: 'Invalid request',
      instance: 'a1b2c3d4-request',
      errors: [{ pointer: '/query/limit', detail: 'Too big: expected number to be <=100' }],
    });
    expect((await answer({ 'Accept-Language': 'en' })).body.title).toBe('Invalid request');
  });

  it('stays Chinese for a request that prefers another language or sends nonsense', async () => {
    expect((await answer({ 'Accept-Language': 'fr' })).body.title).toBe('请求无效');
    expect((await answer({ 'Accept-Language': 'zh-CN' })).body.title).toBe('请求无效');
    expect((await answer({ 'Accept-Language': '!!!;q=x' })).body.title).toBe('请求无效');
  });

  it('names the request on a 500 too, and nothing else', async () => {
    const failing = middy(async (): Promise<APIGatewayProxyResult> => {
      throw new Error('connection string with secrets');
    }).use(httpErrorMapper({ name: 'test', logger, securityEvents: { record: async () => undefined } }));
    const response = await failing(event({}), {} as Context);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ status: 500, type: problemType('internal'), title: '系统内部错误', instance: 'a1b2c3d4-request' });
    expect(response.body).not.toContain('secrets');
  });
});
