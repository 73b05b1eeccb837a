/**
 * What the API says to a person, through the local runtime: Chinese unless the request prefers
 * English, zod's refusals included; every problem names its request (`instance`, the id API
 * Gateway returns in `x-amzn-RequestId`) and its documented type; a department's refused records
 * are worded the same way inside the 202.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { problemType } from '#shared/http/problem.ts';
import { signedPost } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const department = 'haishu-housing';

let started: TestRuntime;
let runtime: LocalRuntime;
let housing: DepartmentCredential;

beforeAll(async () => {
  started = await startTestRuntime('problem-language');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
});

afterAll(async () => {
  await started?.dispose();
});

const fileComplaint = async (body: unknown, acceptLanguage?: string) => {
  const response = await fetch(new URL('/v1/public/complaints', runtime.apiUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
};
const badComplaint = { jurisdiction: 'haishu', category: 'gossip', content: '   ', realName: false };

describe('a refused request', () => {
  it('is answered in Chinese when the request names no language, naming the request and the documented type', async () => {
    // Act
    const reply = await fileComplaint(badComplaint);

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-language')).toBe('zh-CN');
    expect(reply.json).toMatchObject({ type: problemType('invalid-request'), title: '请求无效', status: 400 });
    expect(reply.json.instance).toEqual(expect.any(String));
    expect(reply.json.instance).toBe(reply.headers.get('x-amzn-requestid'));
    const details = Object.fromEntries(reply.json.errors.map((e: { pointer: string; detail: string }) => [e.pointer, e.detail]));
    expect(details['/category']).toMatch(/^无效选项：期望以下之一 /);
    expect(details['/content']).toBe('必填');
  });

  it('is answered in English when Accept-Language prefers English', async () => {
    // Act
    const reply = await fileComplaint(badComplaint, 'en-US,en;q=0.9');

    // Assess
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-language')).toBe('en');
    expect(reply.json).toMatchObject({ type: problemType('invalid-request'), title: 'Invalid request', instance: reply.headers.get('x-amzn-requestid') });
    const details = Object.fromEntries(reply.json.errors.map((e: { pointer: string; detail: string }) => [e.pointer, e.detail]));
    expect(details['/category']).toMatch(/^Invalid option: expected one of /);
    expect(details['/content']).toBe('required');
  });

  it('stays Chinese for a browser preferring Chinese or another language, and for nonsense', async () => {
    for (const header of ['zh-CN,zh;q=0.9,en;q=0.8', 'fr-FR', 'q=;;,']) {
      const reply = await fileComplaint(badComplaint, header);
      expect(reply.json.title, header).toBe('请求无效');
    }
  });

  it('gives each request its own instance', async () => {
    const [first, second] = await Promise.all([fileComplaint(badComplaint), fileComplaint(badComplaint)]);
    expect(first.json.instance).not.toBe(second.json.instance);
  });
});

describe("a department's batch with a refused record", () => {
  const batch = (caseId: string) =>
    JSON.stringify({
      records: [
        { kind: 'licensing', department, matterCode: 'construction-permit', caseId, sequence: 1, event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
        { kind: 'licensing', department, matterCode: 'construction-permit', caseId, sequence: 'two', event: 'received' },
        { kind: 'licensing', department, matterCode: 'no such code!', caseId, sequence: 3, event: 'received', occurredAt: '2025-09-01T10:00:00+08:00' },
      ],
    });

  it("words the refused record's problem in the batch's language", async () => {
    // Act
    const chinese = await signedPost(runtime.apiUrl, '/v1/records', batch(`PL-${Date.now().toString(36)}-zh`), housing);
    const english = await signedPost(runtime.apiUrl, '/v1/records', batch(`PL-${Date.now().toString(36)}-en`), housing, {
      headers: { 'Accept-Language': 'en' },
    });

    // Assess
    expect([chinese.status, english.status], chinese.text).toEqual([202, 202]);
    const refusedIn = (reply: typeof chinese) => reply.json.results.find((verdict: { status: string }) => verdict.status === 'refused').problem;
    expect(refusedIn(chinese)).toMatchObject({ type: problemType('invalid-request'), status: 400, title: '记录无效' });
    expect(refusedIn(chinese).errors).toEqual(
      expect.arrayContaining([
        { pointer: '/records/1/sequence', detail: '无效输入：期望 数字，实际接收 string' },
        { pointer: '/records/1/occurredAt', detail: '应为带时区偏移的 ISO 8601 日期时间，如 2026-03-02T09:30:00+08:00' },
      ]),
    );
    expect(refusedIn(english)).toMatchObject({ type: problemType('invalid-request'), status: 400, title: 'The record is not valid' });
    expect(refusedIn(english).errors).toEqual(
      expect.arrayContaining([
        { pointer: '/records/1/sequence', detail: 'Invalid input: expected number, received string' },
        { pointer: '/records/1/occurredAt', detail: 'ISO 8601 date-time with offset, e.g. 2026-03-02T09:30:00+08:00' },
      ]),
    );
    // A schema's own message is said in the batch's language too, with no English left in the Chinese.
    const badCodeIn = (reply: typeof chinese) => reply.json.results.find((verdict: { index: number }) => verdict.index === 2).problem.errors;
    expect(badCodeIn(chinese)).toEqual([{ pointer: '/records/2/matterCode', detail: '应为字母、数字、点、下划线或连字符，至多 64 个字符' }]);
    expect(badCodeIn(english)).toEqual([{ pointer: '/records/2/matterCode', detail: 'letters, digits, dot, underscore, hyphen; up to 64 characters' }]);
  });
});
