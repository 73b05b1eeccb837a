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
const problem = { type: 'https://e-supervision.example/problems/not-found', title: '未找到', status: 404 };
const gatewayRefusal = {
  type: 'https://e-supervision.example/docs/problems.md#gateway-refusal',
  title: 'Unauthorized',
  code: 'UNAUTHORIZED',
  instance: 'request-1',
  requestId: 'request-1',
};

describe('the OpenAPI contract check', () => {
  it('passes an answer the document describes', () => {
    expect(check.check(answer(404, problem))).toBeUndefined();
  });

  it('fails a body with a field the document does not declare, naming it', () => {
    expect(check.check(answer(404, { ...problem, internals: 'x' }))?.reason).toMatch(/internals/);
  });

  it('fails a status the operation does not document', () => {
    expect(check.check(answer(418, problem))?.reason).toMatch(/status 418 is not documented/);
  });

  it('fails a content type the status does not document, and a route the document lacks', () => {
    expect(check.check(answer(404, '<html/>', 'text/html'))?.reason).toMatch(/content type text\/html/);
    expect(check.check({ ...answer(200, {}), route: '/v1/nothing' })?.reason).toMatch(/not in the document/);
  });

  it("follows a status described once among API Gateway's refusals: its body, or the function's where both may answer", () => {
    expect(check.check(answer(401, gatewayRefusal))).toBeUndefined();
    expect(check.check(answer(401, problem))?.reason).toMatch(/does not match/);
    expect(check.check(answer(403, { ...gatewayRefusal, title: 'User is not authorized to access this resource', code: 'ACCESS_DENIED' }))).toBeUndefined();
    expect(check.check(answer(403, { ...problem, status: 403 }))).toBeUndefined();
    expect(check.check(answer(504, { ...gatewayRefusal, internals: 'x' }))?.reason).toMatch(/internals/);
  });
});
