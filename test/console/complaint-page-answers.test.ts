/**
 * How the citizen's complaint page reads the API's answers: a 400's field errors placed at their
 * fields, a 429 or 503 as a wait (with `Retry-After` as seconds or a date), anything else as its
 * problem's words.
 */
import { describe, expect, it } from 'vitest';
import { failureOf, retryAfterSeconds } from '../../console/complaint/complaint-api.ts';
import { waitInWords } from '../../console/complaint/complaint-labels.ts';
import { placeFieldErrors } from '../../console/complaint/field-errors.ts';

const problem = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

describe('the wait a refusal asks for', () => {
  it('reads Retry-After as seconds or as an HTTP date, and nothing from an absent or unreadable one', () => {
    const now = new Date('2026-12-05T08:00:00Z');
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Sat, 05 Dec 2026 08:02:30 GMT', now)).toBe(150);
    expect(retryAfterSeconds('Sat, 05 Dec 2026 07:59:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });

  it('says how long in Chinese words', () => {
    expect(waitInWords(45)).toBe('45 秒');
    expect(waitInWords(61)).toBe('约 2 分钟');
    expect(waitInWords(7200)).toBe('约 2 小时');
  });

  it("makes the firewall's 429 a wait without a figure, and a busy 503 a wait with its Retry-After", async () => {
    const firewall = await failureOf(
      problem(429, { title: '请求过于频繁，请稍后再试', status: 429, detail: '该凭证或地址的请求频率超过限制；请在几分钟后重试。' }),
    );
    const busy = await failureOf(problem(503, { title: '服务繁忙', status: 503 }, { 'retry-after': '30' }));

    expect(firewall).toEqual({ kind: 'wait', status: 429, title: '请求过于频繁，请稍后再试', detail: '该凭证或地址的请求频率超过限制；请在几分钟后重试。' });
    expect(busy).toEqual({ kind: 'wait', status: 503, title: '服务繁忙', retryAfterSeconds: 30 });
  });

  it('keeps field errors of a 400, and words any other problem by its title and detail', async () => {
    const invalid = await failureOf(problem(400, { title: '请求无效', status: 400, errors: [{ pointer: '/content', detail: '必填' }] }));
    const missing = await failureOf(problem(404, { title: '投诉不存在', status: 404, detail: '没有与该受理编号和查询码相符的投诉。' }));
    const bare = await failureOf(new Response('<html>bad gateway</html>', { status: 502 }));

    expect(invalid).toEqual({ kind: 'invalid', title: '请求无效', fieldErrors: [{ pointer: '/content', detail: '必填' }] });
    expect(missing).toEqual({ kind: 'problem', status: 404, title: '投诉不存在', detail: '没有与该受理编号和查询码相符的投诉。' });
    expect(bare).toEqual({ kind: 'problem', status: 502, title: '请求未成功（502）' });
  });
});

describe('field errors beside their fields', () => {
  const fields = ['content', 'case', 'complainant', 'complainant.phone'];

  it('places each error at the deepest field its pointer falls under, and keeps the rest for the banner', () => {
    const placed = placeFieldErrors(
      [
        { pointer: '/complainant/phone', detail: '应为大陆手机号码' },
        { pointer: '/complainant', detail: '实名投诉须填写投诉人' },
        { pointer: '/case/caseId', detail: '格式不对' },
        { pointer: '/complainant/fax', detail: '不允许的字段：fax' },
        { pointer: '/extra', detail: '不允许的字段：extra' },
        { pointer: '/content', detail: '必填' },
        { pointer: '/content', detail: '含有控制字符' },
      ],
      fields,
    );

    expect(placed.byField).toEqual({
      'complainant.phone': ['应为大陆手机号码'],
      complainant: ['实名投诉须填写投诉人', '不允许的字段：fax'],
      case: ['格式不对'],
      content: ['必填', '含有控制字符'],
    });
    expect(placed.unplaced).toEqual(['不允许的字段：extra']);
  });

  it('reads escaped pointer segments (~1 is /, ~0 is ~)', () => {
    expect(placeFieldErrors([{ pointer: '/a~1b', detail: 'x' }], ['a/b']).byField).toEqual({ 'a/b': ['x'] });
  });
});
