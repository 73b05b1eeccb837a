/**
 * The console's API client: openapi-fetch typed by the generated `schema.d.ts`, so a path, a
 * parameter or a response the API does not have is a type error. The bearer is the access token
 * of the signed-in person; a 401 means it is no longer good, and the person signs in again.
 */
import createClient, { type Client } from 'openapi-fetch';
import { acceptLanguageOf } from '../language/language';
import type { Language } from '../language/strings';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  readonly accessToken: () => string | undefined;
  readonly onUnauthorized: () => void;
  /** The language chosen in the console; Chinese when not given. */
  readonly language?: Language;
  /** The API's own origin (deployment settings, `apiOrigin`); the console's own origin when not given. */
  readonly apiOrigin?: string;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  // The API is on the console's own origin (`/v1/...`, CloudFront routes it to API Gateway), or in
  // AWS China on its own domain, called directly so its firewall and sign-in lockout see this browser's address.
  const client = createClient<paths>({ baseUrl: options.apiOrigin ?? window.location.origin });
  client.use({
    onRequest({ request }) {
      const token = options.accessToken();
      if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`);
      // Summaries in the console's language (Chinese unless English was chosen), whatever the browser prefers.
      request.headers.set('accept-language', acceptLanguageOf(options.language ?? 'zh'));
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
  /** Which inputs were refused (JSON pointers into the request, `/note`, `/evidence/0`) and why. */
  readonly errors?: readonly { readonly pointer: string; readonly detail: string }[];
}
