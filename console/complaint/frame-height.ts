/**
 * When a city portal frames the page, it tells the portal its height so the portal can size the
 * iframe to fit (no scroll bar inside a phone's page). Sent only to the framing page's origin, as
 * the browser reports it (`location.ancestorOrigins`, else the referrer): never to `*`. The
 * message is `{ type: 'e-supervision/complaint-page-height', height }`; the snippet in
 * `docs/complaint-page.md` receives it and checks where it came from.
 */
export const frameHeightMessageType = 'e-supervision/complaint-page-height';

function framingOrigin(): string | undefined {
  const ancestors = window.location.ancestorOrigins;
  if (ancestors !== undefined && ancestors.length > 0) return ancestors[0];
  try {
    return document.referrer === '' ? undefined : new URL(document.referrer).origin;
  } catch {
    return undefined;
  }
}

export function reportHeightToFramingPage(): void {
  if (window.parent === window) return;
  const origin = framingOrigin();
  if (origin === undefined || origin === 'null') return;
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: frameHeightMessageType, height }, origin);
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
}
