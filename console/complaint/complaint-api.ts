/**
 * The public complaint routes as the citizen's page calls them: plain `fetch` on the page's own
 * origin (the API is on the site: `/v1/...`), or on the API's own origin where the site's
 * settings name one (AWS China, so the firewall's per-address limit sees the citizen), typed by the generated OpenAPI types so a path or a
 * field the API does not have is a type error. Every answer becomes one {@link Outcome}: the
 * page shows field errors beside their fields, a rate limit with its explanation, any other
 * problem as its title and detail.
 */
import type { components } from '../src/api/schema';

export type FileComplaintBody = components['schemas']['FileComplaint'];
export type FiledComplaint = components['schemas']['FiledComplaint'];
export type ComplaintStatus = components['schemas']['ComplaintStatus'];
export type RatingBody = components['schemas']['ComplaintRating'];
export type NoticeKind = 'decision' | 'result';
export type PublishedEvaluation = components['schemas']['PublishedEvaluation'];

/** The header the query token travels in: never the URL, which ends up in logs and histories. */
const queryTokenHeader = 'x-query-token';

/** A refused field, as the 400 problem body names it (`errors[].pointer`, a JSON pointer into the request). */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
}

export type Outcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  /** 400 with `errors`: nothing was filed or changed. */
  | { readonly kind: 'invalid'; readonly title: string; readonly fieldErrors: readonly FieldError[] }
  /** 429 from the firewall, or 503 from a busy service: try again later, `retryAfterSeconds` when the answer said. */
  | { readonly kind: 'wait'; readonly status: 429 | 503; readonly title: string; readonly detail?: string; readonly retryAfterSeconds?: number }
  | { readonly kind: 'problem'; readonly status: number; readonly title: string; readonly detail?: string };

/**
 * `Retry-After` as seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined
 * when absent or unreadable, and never negative.
 */
export function retryAfterSeconds(header: string | null, now: Date = new Date()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

interface ProblemBody {
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

async function problemOf(response: Response): Promise<ProblemBody> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as ProblemBody) : {};
  } catch {
    return {};
  }
}

/** What an answer other than success means for the page. */
export async function failureOf(response: Response): Promise<Exclude<Outcome<never>, { kind: 'ok' }>> {
  const problem = await problemOf(response);
  if (response.status === 429 || response.status === 503) {
    const seconds = retryAfterSeconds(response.headers.get('retry-after'));
    return {
      kind: 'wait',
      status: response.status,
      title: problem.title ?? '请求过于频繁，请稍后再试',
      ...(problem.detail === undefined ? {} : { detail: problem.detail }),
      ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
    };
  }
  const title = problem.title ?? `请求未成功（${response.status}）`;
  if (response.status === 400 && Array.isArray(problem.errors) && problem.errors.length > 0) return { kind: 'invalid', title, fieldErrors: problem.errors };
  return { kind: 'problem', status: response.status, title, ...(problem.detail === undefined ? {} : { detail: problem.detail }) };
}

const networkFailure: Outcome<never> = {
  kind: 'problem',
  status: 0,
  title: '网络连接失败',
  detail: '未能连接到服务器，请检查网络后重试。您填写的内容仍在页面上。',
};

/** Where the site's settings are; the console reads the same file. */
const siteSettingsPath = '/console-config.json';

/** An origin as the settings may name it: scheme, host and port, nothing more. */
const webOrigin = /^https?:\/\/[^/?#\s]+$/;

let apiOrigin: Promise<string | undefined> | undefined;

/**
 * The origin to call the API on: `apiOrigin` of the site's settings, or `''` (the page's own)
 * when they name none or there are none (404). Read once; undefined while they cannot be read
 * (network), and then asked again at the next call.
 */
export function apiOriginOfSite(): Promise<string | undefined> {
  apiOrigin ??= readApiOrigin().then((origin) => {
    if (origin === undefined) apiOrigin = undefined;
    return origin;
  });
  return apiOrigin;
}

async function readApiOrigin(): Promise<string | undefined> {
  try {
    // Served with `Cache-Control: no-cache`: always the deployment's current settings.
    const response = await fetch(siteSettingsPath, { credentials: 'omit' });
    if (response.status === 404) return '';
    if (!response.ok) return undefined;
    const named = ((await response.json()) as { apiOrigin?: unknown } | null)?.apiOrigin;
    return typeof named === 'string' && webOrigin.test(named) ? named : '';
  } catch {
    return undefined;
  }
}

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown; read: (response: Response) => Promise<T> },
): Promise<Outcome<T>> {
  const headers: Record<string, string> = { 'accept-language': 'zh-CN' };
  if (options.token !== undefined) headers[queryTokenHeader] = options.token;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const origin = await apiOriginOfSite();
  if (origin === undefined) return networkFailure;
  let response: Response;
  try {
    response = await fetch(`${origin}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      credentials: 'omit',
    });
  } catch {
    return networkFailure;
  }
  if (!response.ok) return failureOf(response);
  return { kind: 'ok', value: await options.read(response) };
}

const json = <T>(response: Response): Promise<T> => response.json() as Promise<T>;
const complaintPath = (receiptNumber: string): string => `/v1/public/complaints/${encodeURIComponent(receiptNumber)}`;

export const fileComplaint = (body: FileComplaintBody): Promise<Outcome<FiledComplaint>> =>
  call('POST', '/v1/public/complaints', { body, read: json<FiledComplaint> });

export const readStatus = (receiptNumber: string, token: string): Promise<Outcome<ComplaintStatus>> =>
  call('GET', complaintPath(receiptNumber), { token, read: json<ComplaintStatus> });

export const rateComplaint = (receiptNumber: string, token: string, body: RatingBody): Promise<Outcome<unknown>> =>
  call('POST', `${complaintPath(receiptNumber)}/rating`, { token, body, read: json<unknown> });

export const reopenComplaint = (receiptNumber: string, token: string, content: string): Promise<Outcome<FiledComplaint>> =>
  call('POST', `${complaintPath(receiptNumber)}/reopening`, { token, body: { content }, read: json<FiledComplaint> });

/** The written notice as a PDF (the token travels in a header, so the page fetches it and hands the browser the file). */
export async function readNotice(receiptNumber: string, token: string, notice: NoticeKind): Promise<Outcome<Blob>> {
  const headers: Record<string, string> = { 'accept-language': 'zh-CN', accept: 'application/pdf', [queryTokenHeader]: token };
  const origin = await apiOriginOfSite();
  if (origin === undefined) return networkFailure;
  let response: Response;
  try {
    response = await fetch(`${origin}${complaintPath(receiptNumber)}/notices/${notice}`, { headers, credentials: 'omit' });
  } catch {
    return networkFailure;
  }
  return response.ok ? { kind: 'ok', value: await response.blob() } : failureOf(response);
}

/** Where an evaluation's published results are: whose (`city` or a district's code) and which period. */
export const publishedEvaluationPath = (owner: string, period: string): string =>
  `/v1/public/evaluations/${encodeURIComponent(owner)}/${encodeURIComponent(period)}`;

/** The published results of a period's evaluation (Art. 21); 404 until a supervisor approved them. */
export const readPublishedEvaluation = (owner: string, period: string): Promise<Outcome<PublishedEvaluation>> =>
  call('GET', publishedEvaluationPath(owner, period), { read: json<PublishedEvaluation> });

/** The address of the same results as CSV, on the API's origin (a link the citizen follows). */
export async function publishedEvaluationCsvUrl(owner: string, period: string): Promise<string | undefined> {
  const origin = await apiOriginOfSite();
  return origin === undefined ? undefined : `${origin}${publishedEvaluationPath(owner, period)}?format=csv`;
}
