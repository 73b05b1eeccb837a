/**
 * The static site's Content-Security-Policies, defined once: the local runtime's site
 * (`infra/local/console-site.ts`) and the deployed one (CloudFront's response headers) send these.
 */

/** `connect-src`: the site itself, and the API's own origin where the pages call it there (AWS China). */
const connectSources = (apiOrigin: string | undefined, ...others: string[]): string =>
  ["connect-src 'self'", ...(apiOrigin === undefined ? [] : [apiOrigin]), ...others].join(' ');

/**
 * The console's policy: scripts only from the site itself, never inline; the browser talks only to
 * the site (the API is on it, or on `apiOrigin`) and the identity provider. Styles allow `'unsafe-inline'` because
 * Ant Design writes its component styles into `<style>` elements at run time, and a static site
 * cannot hand each response a nonce; scripts, the dangerous half, stay strict. Never framed.
 */
export function consoleContentSecurityPolicy(identityProviderOrigin: string, apiOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    connectSources(apiOrigin, identityProviderOrigin),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The citizen's complaint page: the same strictness, no identity provider, the API on the site or
 * on `apiOrigin`, and framed only by the city portals the deployment names (the origins it allows
 * for CORS); none named, not framed.
 */
export function complaintPageContentSecurityPolicy(portalOrigins: readonly string[], apiOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    connectSources(apiOrigin),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${portalOrigins.length > 0 ? portalOrigins.join(' ') : "'none'"}`,
  ].join('; ');
}
