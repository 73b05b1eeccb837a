/**
 * Who is calling, when a request comes through the site's CloudFront distribution: API Gateway
 * sees CloudFront's edge as the source, so every viewer behind one edge would share the
 * firewall's per-address counts and the sign-in lockout. The distribution therefore sends two
 * headers on each `/v1/*` request: the viewer's address, written by its viewer-request function
 * over anything the viewer sent, and a value only the distribution and the API's firewall know.
 * The firewall refuses a request that carries a viewer address without that value
 * (`ForgedViewerAddress` in `infra/cdk/constructs/api-firewall.ts`; the local runtime refuses every
 * such request, having no distribution), so a viewer address that reaches a function is the
 * distribution's own.
 */
import { isIP } from 'node:net';

/** The viewer's address as CloudFront saw the connection (`event.viewer.ip`), set by the site's function. */
export const viewerAddressHeader = 'x-viewer-address';

/** The distribution's origin custom header; its value is a secret shared with the firewall. */
export const siteOriginVerificationHeader = 'x-site-origin-verification';

/**
 * The address that names the caller: the viewer's, when the request came through the site (and
 * the header holds an address), else the source API Gateway saw.
 */
export function callerAddress(headers: Readonly<Record<string, string | undefined>> | null | undefined, sourceIp: string): string {
  const viewer = Object.entries(headers ?? {})
    .find(([name]) => name.toLowerCase() === viewerAddressHeader)?.[1]
    ?.trim();
  return viewer !== undefined && isIP(viewer) !== 0 ? viewer : sourceIp;
}
