/**
 * Requests as a browser page on another origin makes them to the local API: with its `Origin`
 * header, and preflights with the method and headers it will send. For the CORS tests.
 */

/** A fetch as a browser page on `origin` makes it. */
export const fromPage = (
  apiUrl: string,
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Response> =>
  fetch(new URL(path, apiUrl), {
    method,
    headers: { origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** The preflight a browser sends before a request with `method` and `requestHeaders`. */
export const preflight = (apiUrl: string, origin: string, path: string, method: string, requestHeaders: string): Promise<Response> =>
  fromPage(apiUrl, origin, 'OPTIONS', path, { 'access-control-request-method': method, 'access-control-request-headers': requestHeaders });

/** The `Access-Control-*` headers of an answer. */
export const corsHeaders = (response: Response): Record<string, string> =>
  Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
