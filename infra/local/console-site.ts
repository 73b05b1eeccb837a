/**
 * The site, as CloudFront in front of an S3 bucket will serve it beside the API: every path
 * outside `/v1/` is a file of the build, and a path that names no file is a page
 * (`infra/site/site-pages.ts`): below `/complaint` the citizen's complaint page
 * (`complaint/index.html`), anywhere else the console (`index.html`, a route of its single-page
 * application such as `/auth/callback`). Each answer carries its page's Content-Security-Policy:
 * the complaint page may be framed by the city portals the deployment allows, the console never.
 * `/console-config.json` is the deployment's settings for the pages (the identity provider to
 * sign in with, the API's origin when they call it on its own), written beside the build in a
 * deployment.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicyOf, sitePageFiles, sitePageOf } from '../site/site-pages.ts';

/** What the console (and the complaint page) read at start: where to sign in, as which client, and where the API is. */
export interface ConsoleConfiguration {
  readonly oidc: {
    /** The OIDC issuer (authority). */
    readonly authority: string;
    readonly clientId: string;
    readonly scope: string;
  };
  /**
   * The API's own origin (`https://api.…`) when the pages call it there rather than on the site
   * (AWS China, `npm start -- --site-origin`); absent: the site's own origin, `/v1/…`.
   */
  readonly apiOrigin?: string;
}

export interface ConsoleSiteOptions {
  /** The console's build output (`console/dist`). */
  readonly directory: string;
  readonly configuration: () => ConsoleConfiguration;
  /** The city portals that may frame the complaint page: the origins the API allows for CORS (none: not framed). */
  readonly portalOrigins?: readonly string[];
}

export interface StaticAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface ConsoleSite {
  /** Answers a GET or HEAD below the site's root (any other method: 405). */
  answer(method: string, rawPath: string): Promise<StaticAnswer>;
}

/** Path of the console's settings on the site. */
export const consoleConfigurationPath = '/console-config.json';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function createConsoleSite(options: ConsoleSiteOptions): ConsoleSite {
  const root = normalize(options.directory);

  const portalOrigins = options.portalOrigins ?? [];
  const securityHeaders = (path: string): Record<string, string> => {
    const configuration = options.configuration();
    return {
      'content-security-policy': contentSecurityPolicyOf(path, {
        identityProviderOrigin: new URL(configuration.oidc.authority).origin,
        portalOrigins,
        ...(configuration.apiOrigin === undefined ? {} : { apiOrigin: configuration.apiOrigin }),
      }),
      'x-content-type-options': 'nosniff',
      // The sign-in callback's address carries the authorization code: never send it on.
      'referrer-policy': 'no-referrer',
    };
  };

  const answerFor =
    (path: string) =>
    (statusCode: number, contentType: string, body: Buffer, cacheControl: string, extra: Record<string, string> = {}): StaticAnswer => ({
      statusCode,
      headers: { 'content-type': contentType, 'cache-control': cacheControl, 'content-length': String(body.length), ...securityHeaders(path), ...extra },
      body,
    });

  const textFor =
    (path: string) =>
    (statusCode: number, message: string, extra: Record<string, string> = {}): StaticAnswer =>
      answerFor(path)(statusCode, 'text/plain; charset=utf-8', Buffer.from(`${message}\n`), 'no-store', extra);

  async function file(relativePath: string): Promise<Buffer | undefined> {
    const path = normalize(join(root, relativePath));
    if (path !== root && !path.startsWith(`${root}${sep}`)) return undefined;
    try {
      if (!(await stat(path)).isFile()) return undefined;
      return await readFile(path);
    } catch {
      return undefined;
    }
  }

  return {
    async answer(method, rawPath) {
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        return textFor(rawPath)(400, '地址无效 / Bad path');
      }
      const answerWith = answerFor(path);
      const text = textFor(path);
      if (method !== 'GET' && method !== 'HEAD') return text(405, '只支持 GET / Method not allowed', { allow: 'GET, HEAD' });
      if (rawPath === consoleConfigurationPath) {
        return answerWith(200, contentTypes['.json']!, Buffer.from(JSON.stringify(options.configuration())), 'no-cache');
      }
      const segments = path.split('/').filter((segment) => segment !== '');
      // Hidden files and climbing out of the build are nobody's business.
      if (segments.some((segment) => segment.startsWith('.'))) return text(404, '未找到 / Not found');
      const requested = segments.length === 0 ? undefined : await file(segments.join('/'));
      if (requested) {
        // Vite names its assets by content hash: they never change, so browsers may keep them.
        const immutable = segments[0] === 'assets';
        return answerWith(
          200,
          contentTypes[extname(path)] ?? 'application/octet-stream',
          requested,
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      }
      // A missing file (a path with an extension) is a 404; any other path is a route of its page.
      if (segments.length > 0 && extname(segments.at(-1)!) !== '') return text(404, '未找到 / Not found');
      const page = await file(sitePageFiles[sitePageOf(path)]);
      if (!page) return text(503, '控制台尚未构建：运行 npm run console:build / The console is not built: npm run console:build');
      return answerWith(200, contentTypes['.html']!, page, 'no-cache');
    },
  };
}
