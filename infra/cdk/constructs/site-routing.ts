/**
 * The site's routing at the edge: a CloudFront Function (viewer request) that does what the local
 * runtime's site does for a path naming no file (`infra/local/console-site.ts`). A path whose last
 * segment has an extension is a file of the build and goes to the bucket as it is; any other path is
 * a route of a single-page application: under `/complaint/` the complaint page's
 * `/complaint/index.html`, elsewhere the console's `/index.html`. `/complaint` itself is redirected
 * to `/complaint/`, so the page's relative addresses resolve under its folder. `/v1/*` never reaches
 * the function: that behaviour goes to the API.
 */

import { viewerAddressHeader } from '#shared/access/viewer-address.ts';

/** Where the citizen's complaint page lives on the site (`console/complaint/index.html` in the build). */
export const complaintPagePath = '/complaint/';

/**
 * The function's source (`cloudfront-js-2.0`). Kept to plain ES5 statements so that the tests can
 * run this very text on Node with a sample event.
 */
export const siteRoutingFunctionCode: string = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '${complaintPagePath.slice(0, -1)}') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '${complaintPagePath}' }, 'cache-control': { value: 'no-cache' } } };
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') !== -1) return request;
  request.uri = uri.indexOf('${complaintPagePath}') === 0 ? '${complaintPagePath}index.html' : '/index.html';
  return request;
}
`;

/**
 * The function of the API behaviour (`/v1/*`, viewer request): names the viewer to the API in
 * `x-viewer-address`, written over whatever the viewer sent, because API Gateway sees only the
 * edge's address (`shared/access/viewer-address.ts`). Plain ES5 like the routing function.
 */
export const viewerAddressFunctionCode: string = `function handler(event) {
  var request = event.request;
  request.headers['${viewerAddressHeader}'] = { value: event.viewer.ip };
  return request;
}
`;
