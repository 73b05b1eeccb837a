/**
 * The contract check the end-to-end suite runs on every answer: what the served document
 * describes passes; an undeclared field, an undocumented status or content type fails.
 */
import { describe, expect, it } from 'vitest';
import { createContractCheck } from './openapi-contract.ts';

const check = createContractCheck();
const answer = (status: number, body: unknown, contentType = 'application/problem+json') => ({
  method: 'GET',
  route: '/v1/alerts',
  status,
  contentType,
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});
const problem = { type: 'https://e-supervision.example/problems/unauthorized', title: '未登录', status: 401 };

describe('the OpenAPI contract check', () => {
  it('passes an answer the document describes', () => {
    expect(check.check(answer(401, problem))).toBeUndefined();
  });

  it('fails a body with a field the document does not declare, naming it', () => {
    expect(check.check(answer(401, { ...problem, internals: 'x' }))?.reason).toMatch(/internals/);
  });

  it('fails a status the operation does not document', () => {
    expect(check.check(answer(418, problem))?.reason).toMatch(/status 418 is not documented/);
  });

  it('fails a content type the status does not document, and a route the document lacks', () => {
    expect(check.check(answer(401, '<html/>', 'text/html'))?.reason).toMatch(/content type text\/html/);
    expect(check.check({ ...answer(200, {}), route: '/v1/nothing' })?.reason).toMatch(/not in the document/);
  });
});
