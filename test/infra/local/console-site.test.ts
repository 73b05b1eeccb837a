/**
 * The site as the local API serves it, mirroring CloudFront over S3: files with their content
 * types, `index.html` for the console's routes and `complaint/index.html` below `/complaint`, each
 * page's CSP on every answer (the complaint page framed only by the configured portals).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleConfigurationPath, createConsoleSite, type ConsoleSite } from '#infra/local/console-site.ts';

let directory: string;
let site: ConsoleSite;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'esup-console-site-'));
  await mkdir(join(directory, 'assets'));
  await writeFile(join(directory, 'index.html'), '<!doctype html><title>行政电子监察</title><script type="module" src="/assets/index-abc.js"></script>');
  await writeFile(join(directory, 'assets', 'index-abc.js'), 'console.log(1)');
  await mkdir(join(directory, 'complaint'));
  await writeFile(join(directory, 'complaint', 'index.html'), '<!doctype html><title>行政效能投诉</title>');
  await writeFile(join(directory, '.secret'), 'no');
  site = createConsoleSite({
    directory,
    configuration: () => ({ oidc: { authority: 'http://127.0.0.1:4600/local-idp', clientId: 'e-supervision-console', scope: 'openid' } }),
    portalOrigins: ['https://www.ningbo.gov.cn', 'https://zwfw.ningbo.gov.cn'],
  });
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('console site', () => {
  it('serves index.html for the application routes, with a strict CSP', async () => {
    // Act
    const root = await site.answer('GET', '/');
    const route = await site.answer('GET', '/alerts/haishu-housing');

    // Assess
    for (const answer of [root, route]) {
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.body.toString()).toContain('行政电子监察');
    }
    const policy = root.headers['content-security-policy']!;
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("connect-src 'self' http://127.0.0.1:4600");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(root.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves hashed assets with their content type, kept for a year', async () => {
    const script = await site.answer('GET', '/assets/index-abc.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
  });

  it('answers a missing file, a hidden file and a climb out of the build with 404, never index.html', async () => {
    for (const path of ['/assets/missing.js', '/.secret', '/../package.json', '/%2e%2e/package.json']) {
      const answer = await site.answer('GET', path);
      expect([answer.statusCode, path]).toEqual([404, path]);
    }
  });

  it("serves the console's sign-in settings, and refuses other methods", async () => {
    const settings = await site.answer('GET', consoleConfigurationPath);
    expect(JSON.parse(settings.body.toString())).toEqual({
      oidc: { authority: 'http://127.0.0.1:4600/local-idp', clientId: 'e-supervision-console', scope: 'openid' },
    });
    const post = await site.answer('POST', '/');
    expect(post.statusCode).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    expect(Number(post.headers['content-length'])).toBe(post.body.length);
  });

  it("serves the citizen's complaint page below /complaint, framed only by the configured portals, and the console elsewhere, never framed", async () => {
    // Act
    const pages = await Promise.all(['/complaint/', '/complaint', '/complaint/status/TS20261205ABCDEFGH'].map((path) => site.answer('GET', path)));
    const consolePages = await Promise.all(['/', '/complaints', '/complaint-searches'].map((path) => site.answer('GET', path)));

    // Assess
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.body.toString()).toContain('行政效能投诉');
      const policy = page.headers['content-security-policy']!;
      expect(policy).toContain('frame-ancestors https://www.ningbo.gov.cn https://zwfw.ningbo.gov.cn');
      expect(policy).toContain("script-src 'self';");
      // The page signs nobody in: it talks to its own origin only.
      expect(policy).toContain("connect-src 'self';");
    }
    for (const page of consolePages) {
      expect(page.body.toString()).toContain('行政电子监察</title>');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('lets no portal frame the complaint page when the deployment names none', async () => {
    const unframed = createConsoleSite({
      directory,
      configuration: () => ({ oidc: { authority: 'http://127.0.0.1:4600/local-idp', clientId: 'e-supervision-console', scope: 'openid' } }),
    });

    const page = await unframed.answer('GET', '/complaint/');

    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('console site whose pages call the API on its own origin (--site-origin)', () => {
  it("names the API's origin in the settings and lets both pages connect there", async () => {
    // Prepare
    const apiOrigin = 'http://127.0.0.1:4600';
    const separate = createConsoleSite({
      directory,
      configuration: () => ({ oidc: { authority: 'http://127.0.0.1:4600/local-idp', clientId: 'e-supervision-console', scope: 'openid' }, apiOrigin }),
    });

    // Act
    const settings = await separate.answer('GET', consoleConfigurationPath);
    const consolePage = await separate.answer('GET', '/alerts');
    const complaintPage = await separate.answer('GET', '/complaint/');

    // Assess
    expect(JSON.parse(settings.body.toString())).toMatchObject({ apiOrigin });
    expect(consolePage.headers['content-security-policy']).toContain(`connect-src 'self' ${apiOrigin} http://127.0.0.1:4600;`);
    expect(complaintPage.headers['content-security-policy']).toContain(`connect-src 'self' ${apiOrigin};`);
  });
});
