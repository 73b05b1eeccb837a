/**
 * 浙政钉 work notices (工作通知) as a webhook subscriber: the system, registered as an application
 * on the 浙政钉 / 专有钉钉 open platform (its `appKey` and `appSecret`, given by whoever registered
 * it), sends each signal as a Chinese text work notice to the chosen accounts (`receiverIds`) or
 * organisations (`organizationCodes`) of a tenant (`tenantId`).
 *
 * The call, as public client code for the platform shows it (not checked against the service):
 * `POST <platform>/message/workNotification`, a form body of `bizMsgId`, `msg` (the message JSON,
 * `{"msgtype":"text","text":{"content":…}}`), `receiverIds` and/or `organizationCodes` (comma
 * separated) and `tenantId`, signed with the platform's HMAC scheme: headers `apiKey` (the app
 * key), `X-Hmac-Auth-Timestamp` (`YYYY-MM-DDTHH:mm:ss.000+08:00`), `X-Hmac-Auth-Version: 1.0`,
 * `X-Hmac-Auth-Nonce`, and `X-Hmac-Auth-Signature` = base64 HMAC-SHA256, under the app secret, of
 * `"POST\n<timestamp>\n<nonce>\n/message/workNotification\n<the parameters sorted by name, k=v joined by &>"`.
 * The platform answers JSON whose `success` is `true` when it took the notice.
 */
import { createHmac } from 'node:crypto';

/** 浙政钉's production platform, and 专有钉钉's (the same open platform, its SaaS domain). */
export const workNoticeHosts: readonly string[] = ['openplatform-pro.ding.zj.gov.cn', 'openplatform.dg-work.cn'];

export const workNoticePath = '/message/workNotification';

/** Whether a URL is a platform's work-notice API. */
export const isWorkNoticeUrl = (url: URL): boolean => workNoticeHosts.includes(url.hostname) && url.pathname === workNoticePath && url.search === '';

/** The application's credentials on the platform (sealed like a webhook secret). */
export interface WorkNoticeCredentials {
  readonly appKey: string;
  readonly appSecret: string;
}

/** Who receives the notices: a tenant's accounts and/or organisations (at least one of them). */
export interface WorkNoticeAudience {
  readonly tenantId: string;
  readonly receiverIds?: readonly string[];
  readonly organizationCodes?: readonly string[];
}

/** `2026-12-05T16:00:00.000+08:00`: the platform's timestamp, in Shanghai time. */
export function workNoticeTimestamp(at: Date): string {
  const shanghai = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${shanghai.slice(0, 19)}.000+08:00`;
}

/** The parameters as the signature and the body take them: sorted by name, `k=v` joined by `&`. */
export const canonicalParameters = (parameters: Readonly<Record<string, string>>): string =>
  Object.keys(parameters)
    .sort()
    .map((name) => `${name}=${parameters[name]}`)
    .join('&');

/** `X-Hmac-Auth-Signature` of a POST to `path` with `parameters`. */
export function workNoticeSignature(appSecret: string, timestamp: string, nonce: string, path: string, parameters: Readonly<Record<string, string>>): string {
  const canonical = canonicalParameters(parameters);
  const signed = `POST\n${timestamp}\n${nonce}\n${path}${canonical === '' ? '' : `\n${canonical}`}`;
  return createHmac('sha256', appSecret).update(signed, 'utf8').digest('base64');
}

/** The signed request of one notice: its headers and its form body. */
export function workNoticeRequest(
  audience: WorkNoticeAudience,
  credentials: WorkNoticeCredentials,
  bizMsgId: string,
  text: string,
  at: Date,
  nonce: string,
): { readonly headers: Record<string, string>; readonly body: string } {
  const parameters: Record<string, string> = {
    bizMsgId,
    msg: JSON.stringify({ msgtype: 'text', text: { content: text } }),
    tenantId: audience.tenantId,
    ...(audience.receiverIds?.length ? { receiverIds: audience.receiverIds.join(',') } : {}),
    ...(audience.organizationCodes?.length ? { organizationCodes: audience.organizationCodes.join(',') } : {}),
  };
  const timestamp = workNoticeTimestamp(at);
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      apiKey: credentials.appKey,
      'X-Hmac-Auth-Timestamp': timestamp,
      'X-Hmac-Auth-Version': '1.0',
      'X-Hmac-Auth-Nonce': nonce,
      'X-Hmac-Auth-Signature': workNoticeSignature(credentials.appSecret, timestamp, nonce, workNoticePath, parameters),
    },
    body: new URLSearchParams(Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b))).toString(),
  };
}

/** Whether the platform took the notice: a 2xx whose JSON says `success: true` (and not a nested `success: false`). */
export function workNoticeAccepted(statusCode: number, body: string | undefined): boolean {
  if (statusCode < 200 || statusCode >= 300 || body === undefined) return false;
  try {
    const answer = JSON.parse(body) as { success?: unknown; content?: { success?: unknown } };
    return answer.success === true && answer.content?.success !== false;
  } catch {
    return false;
  }
}
