/**
 * Refusals made before any function runs: API Gateway's own (an unknown route, a bad signature, a
 * refused token, throttling, a failed integration) and the firewall's rate limit. CDK configures
 * them from here and the local API answers them from here, so both send the same bodies.
 */
import { problemType } from './problem.ts';

/** What API Gateway knows of a refusal: `$context.error.messageString`, `.responseType` and `$context.requestId`. */
export interface GatewayRefusal {
  /** API Gateway's own English message; null where it has none. */
  readonly message: string | null;
  /** e.g. `MISSING_AUTHENTICATION_TOKEN`, `ACCESS_DENIED`, `THROTTLED`, `INTEGRATION_TIMEOUT`. */
  readonly responseType: string;
  readonly requestId: string;
}

export const gatewayRefusalContentType = 'application/problem+json';

/**
 * The body's fields in order, each as the mapping template writes it and as the local API fills
 * it: API Gateway's English message is the title, and the documented type says it in Chinese.
 */
const fields: readonly [name: string, template: string, local: (refusal: GatewayRefusal) => string | null][] = [
  ['type', JSON.stringify(problemType('gateway-refusal')), () => problemType('gateway-refusal')],
  ['title', '$context.error.messageString', (refusal) => refusal.message],
  ['code', '"$context.error.responseType"', (refusal) => refusal.responseType],
  ['instance', '"$context.requestId"', (refusal) => refusal.requestId],
  ['requestId', '"$context.requestId"', (refusal) => refusal.requestId],
];

/** The gateway responses' mapping template (DEFAULT_4XX and DEFAULT_5XX). */
export const gatewayRefusalTemplate = `{${fields.map(([name, template]) => `"${name}":${template}`).join(',')}}`;

/** The body API Gateway sends for `refusal` under that template. */
export function gatewayRefusalBody(refusal: GatewayRefusal): string {
  return JSON.stringify(Object.fromEntries(fields.map(([name, , local]) => [name, local(refusal)])));
}

/** The firewall's rate-limit answer: a fixed body (WAF reads no Accept-Language), Chinese, the default; its type's section explains it in English. */
export const firewallTooManyRequestsBody = JSON.stringify({
  type: problemType('too-many-requests'),
  title: '请求过于频繁，请稍后再试',
  status: 429,
  detail: '该凭证或地址的请求频率超过限制；请在几分钟后重试。',
});

/** The firewall's answer to a request naming a viewer without coming through the site's distribution (`x-viewer-address`). */
export const firewallViewerAddressNotVerifiedBody = JSON.stringify({
  type: problemType('viewer-address-not-verified'),
  title: '来源地址未经验证',
  status: 403,
  detail: '请求携带了 x-viewer-address 请求头，但并非经由本系统的网站分发而来；请去掉该请求头。',
});
