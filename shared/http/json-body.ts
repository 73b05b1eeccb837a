/**
 * The one way a request body is read: media type, size, JSON, and the screening for classified
 * content (Art. 14) that every body of every route goes through before a use case sees it.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { classifiedScanMaxDepth, classifiedScanMaxNodes, findClassifiedContent } from '../domain/classified-content/classified-marking.ts';
import { ClassifiedContentRefused } from '../domain/refusal.ts';
import { BodyNotReadable, PayloadTooLarge, UnsupportedMediaType } from './errors.ts';
import { headerValue } from './header-value.ts';

/** How a body is screened for classified content. */
export interface ContentScreening {
  /** The deployment's extra markers (`CLASSIFIED_MARKERS`), besides the marking forms of 秘密/机密/绝密. */
  readonly classifiedMarkers: readonly string[];
  /**
   * Arrays (JSON pointers) whose elements the use case screens one by one, so one classified
   * element refuses only itself (ingest: `/records`). Everything else is screened here.
   */
  readonly elementsInspectedApart?: readonly string[];
}

/**
 * Reads a JSON request body within a byte limit: 415 for another media type, 413 when too large,
 * 400 when not JSON or too deep or large to screen, 422 ({@link ClassifiedContentRefused})
 * when a value or member name carries a classified marking — naming the field, never its content.
 */
export function parseJsonBody(
  event: Pick<APIGatewayProxyEvent, 'body' | 'headers' | 'isBase64Encoded'>,
  maxBytes: number,
  screening: ContentScreening,
): unknown {
  const contentType = headerValue(event.headers, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaType({ zh: '请以 application/json 格式提交', en: 'Send application/json' }, undefined, [
      { pointer: '/headers/content-type', detail: { zh: '应为 application/json', en: 'must be application/json' } },
    ]);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) {
    throw new PayloadTooLarge(
      { zh: '请求体过大', en: 'Request body too large' },
      { zh: `每个请求最多 ${maxBytes} 字节。`, en: `At most ${maxBytes} bytes a request.` },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BodyNotReadable({ zh: '请求体不是有效的 JSON', en: 'Request body is not JSON' }, undefined, [
      { pointer: '/', detail: { zh: 'JSON 格式错误', en: 'malformed JSON' } },
    ]);
  }
  const finding = findClassifiedContent(body, { extraMarkers: screening.classifiedMarkers, elementsInspectedApart: screening.elementsInspectedApart });
  if (finding?.reason === 'uninspectable') {
    throw new BodyNotReadable(
      { zh: '请求体无法完整检查', en: 'The body cannot be inspected completely' },
      {
        zh: `嵌套最多 ${classifiedScanMaxDepth} 层，值最多 ${classifiedScanMaxNodes} 个。`,
        en: `At most ${classifiedScanMaxDepth} levels of nesting and ${classifiedScanMaxNodes} values.`,
      },
      [{ pointer: finding.pointer, detail: { zh: '嵌套过深或内容过多，无法检查', en: 'too deep or too large to inspect' } }],
    );
  }
  if (finding !== undefined) throw new ClassifiedContentRefused(finding.pointer);
  return body;
}
