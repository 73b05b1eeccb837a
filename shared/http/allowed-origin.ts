/**
 * The origin check of CORS, one pure function for the Lambda functions, the local runtime and
 * CDK synthesis: which web origins a deployment lists, and whether a request's `Origin` is one.
 */

/** A listed origin that is not a web origin (`*`, `null`, a path, another scheme, ...). */
export class InvalidOriginError extends Error {
  constructor(
    readonly origin: string,
    reason: string,
  ) {
    super(`'${origin}' is not an allowed origin: ${reason}`);
    this.name = 'InvalidOriginError';
  }
}

/**
 * What a serialized origin may look like once normalised. Narrower than the URL standard on
 * purpose: origins are also written into API Gateway's VTL templates, so no quote, `$` or `#`.
 */
const serializedOrigin = /^https?:\/\/[a-z0-9.\-[\]:]+$/;

/**
 * Normalises one listed origin to the form a browser sends in `Origin` (RFC 6454 serialization):
 * scheme and host in lower case, the scheme's default port dropped, no trailing slash.
 * `HTTPS://TS.Ningbo.gov.cn:443/` becomes `https://ts.ningbo.gov.cn`.
 * @throws InvalidOriginError for `*`, `null`, credentials, a path, query or fragment, or a scheme other than http(s)
 */
export function normalizeOrigin(listed: string): string {
  const text = listed.trim();
  if (text === '*') throw new InvalidOriginError(listed, 'list each origin; a wildcard would let any site call the API');
  if (text.toLowerCase() === 'null') throw new InvalidOriginError(listed, 'opaque origins (sandboxed frames, files) cannot be told apart');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidOriginError(listed, 'not a URL such as https://ts.example.gov.cn');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidOriginError(listed, 'the scheme must be https (or http for a local form)');
  if (url.username !== '' || url.password !== '') throw new InvalidOriginError(listed, 'an origin carries no credentials');
  if (url.pathname !== '/' || text.includes('?') || text.includes('#'))
    throw new InvalidOriginError(listed, 'an origin is scheme, host and port only: no path, query or fragment');
  if (!serializedOrigin.test(url.origin)) throw new InvalidOriginError(listed, 'unexpected characters in the host');
  return url.origin;
}

/**
 * Reads a list of origins: an array, or one string separated by commas or spaces (an environment
 * variable). Each is normalised ({@link normalizeOrigin}); duplicates are dropped. Nothing listed
 * means no origin is allowed: CORS stays off.
 * @throws InvalidOriginError naming the first entry that is not an origin
 */
export function parseAllowedOrigins(listed: string | readonly string[] | undefined): readonly string[] {
  const entries = typeof listed === 'string' ? listed.split(/[\s,]+/) : (listed ?? []);
  const origins = entries.filter((entry) => entry.trim() !== '').map(normalizeOrigin);
  return Object.freeze([...new Set(origins)]);
}

/**
 * The origin to answer in `Access-Control-Allow-Origin`, or undefined when the request's `Origin`
 * is not listed. The comparison is exact against the normalised list: a browser always sends the
 * serialized form and compares our answer with it byte for byte, so another spelling
 * (`HTTPS://...`, a trailing slash, `:443`) never comes from a browser. API Gateway's preflight
 * template compares the same way. `null` (sandboxed frames, `file:`) is never allowed.
 * @param requestOrigin the request's `Origin` header, if any
 * @param allowedOrigins a list from {@link parseAllowedOrigins}
 */
export function allowedOrigin(requestOrigin: string | undefined, allowedOrigins: readonly string[]): string | undefined {
  if (requestOrigin === undefined || requestOrigin === 'null') return undefined;
  return allowedOrigins.includes(requestOrigin) ? requestOrigin : undefined;
}
