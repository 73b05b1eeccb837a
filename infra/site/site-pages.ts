/**
 * The static site's two pages and which addresses each serves, defined once for the local site
 * (`infra/local/console-site.ts`) and the deployed one (CloudFront):
 * - the citizen's complaint page, `complaint/index.html`, at `/complaint` and every path below
 *   `/complaint/` that names no file, with {@link complaintPageContentSecurityPolicy} (framed by
 *   the city portals the deployment allows);
 * - the staff console, `index.html`, at every other path outside `/v1/` that names no file, with
 *   {@link consoleContentSecurityPolicy} (never framed).
 * Files of the build (`/assets/...`) are shared by both and carry the console's policy (a policy
 * on a script or a style sheet governs nothing).
 */
import { complaintPageContentSecurityPolicy, consoleContentSecurityPolicy } from './content-security-policy.ts';

export type SitePage = 'console' | 'complaintPage';

/** The path prefix of the complaint page: `/complaint` itself and everything below `/complaint/`. */
export const complaintPagePath = '/complaint';

/** The HTML file of each page, relative to the build's root. */
export const sitePageFiles: Readonly<Record<SitePage, string>> = {
  console: 'index.html',
  complaintPage: 'complaint/index.html',
};

/** Which page a request path (decoded, without its query) belongs to. */
export const sitePageOf = (path: string): SitePage => (path === complaintPagePath || path.startsWith(`${complaintPagePath}/`) ? 'complaintPage' : 'console');

/** What a policy needs from the deployment. */
export interface SitePolicyInputs {
  /** The OIDC issuer's origin, which the console signs in at. */
  readonly identityProviderOrigin: string;
  /** The city portals allowed to frame the complaint page: the deployment's public CORS origins. */
  readonly portalOrigins: readonly string[];
  /** The API's own origin when the pages call it there (AWS China); absent: the site's own. */
  readonly apiOrigin?: string;
}

/** The Content-Security-Policy of a request path. */
export const contentSecurityPolicyOf = (path: string, inputs: SitePolicyInputs): string =>
  sitePageOf(path) === 'complaintPage'
    ? complaintPageContentSecurityPolicy(inputs.portalOrigins, inputs.apiOrigin)
    : consoleContentSecurityPolicy(inputs.identityProviderOrigin, inputs.apiOrigin);
