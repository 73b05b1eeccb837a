/**
 * The console's API client: openapi-fetch typed by the generated `schema.d.ts`, so a path, a
 * parameter or a response the API does not have is a type error. The bearer is the access token
 * of the signed-in person; a 401 means it is no longer good, and the person signs in again.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  readonly accessToken: () => string | undefined;
  readonly onUnauthorized: () => void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  // The API is on the console's own origin: `/v1/...` (CloudFront routes it to API Gateway).
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      const token = options.accessToken();
      if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
      // The console is in Chinese: alert summaries too, whatever languages the browser prefers.
      request.headers.set('accept-language', 'zh-CN');
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized();
      return response;
    },
  });
  return client;
}

/** A problem body (RFC 9457) as the API sends it. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly status?: number;
}
