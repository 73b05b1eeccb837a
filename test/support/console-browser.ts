/**
 * The console in a browser for the tests of `test/console/`: the console built into a temporary
 * directory, the whole local runtime serving it, the system's Chromium (playwright-core), and a
 * staff member signed in through the local identity provider's page. Errors in a page, CSP
 * refusals among them, are collected so a scenario can fail on them.
 */
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildConsole } from '#infra/console/console-build.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { startTestRuntime, type TestRuntimeOptions } from './test-runtime.ts';

/** Where the tests write screenshots of the main screens for review (not committed). */
export const screenshots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface ConsoleInBrowser {
  readonly runtime: LocalRuntime;
  /** The fork's Chromium (see {@link chromiumOfTheFork}); a file's own contexts are closed by `dispose`. */
  readonly browser: Browser;
  /** Closes every browser context opened on the file's behalf and stops the runtime. */
  dispose(): Promise<void>;
}

/**
 * One Chromium for every browser test file of a fork: the browser project runs its files one
 * after the other in a single fork that keeps its modules (`isolate: false`), so this survives from
 * file to file and each file saves a launch and a close. What a file does stays its own: a
 * fresh context per session (cookies, storage, cache), every context closed when the file ends.
 * Launched again if it ever disconnects; Playwright closes it when the fork exits.
 */
let chromiumOfTheFork: Promise<Browser> | undefined;

function sharedChromium(): Promise<Browser> {
  if (chromiumOfTheFork) return chromiumOfTheFork;
  const launched = chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  chromiumOfTheFork = launched;
  launched.then(
    (browser) =>
      browser.on('disconnected', () => {
        if (chromiumOfTheFork === launched) chromiumOfTheFork = undefined;
      }),
    () => {
      if (chromiumOfTheFork === launched) chromiumOfTheFork = undefined;
    },
  );
  return launched;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * The console built once for the whole test run: the run's folder (`ESUP_TEST_RUN_DIRECTORY`, shared
 * by every fork) holds one build, made by the first file that asks (a directory made atomically is
 * the lock) and awaited by the others. A run without that folder builds per file.
 */
async function consoleBuildOfTheRun(): Promise<{ readonly directory: string; readonly owned: boolean }> {
  const run = process.env['ESUP_TEST_RUN_DIRECTORY'];
  if (!run) return { directory: await buildConsole(await mkdtemp(join(tmpdir(), 'esup-console-build-'))), owned: true };
  const directory = join(run, 'console-build');
  const done = join(run, 'console-build.done');
  const failed = join(run, 'console-build.failed');
  try {
    await mkdir(`${directory}.lock`);
  } catch {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (await exists(done)) return { directory, owned: false };
      if (await exists(failed)) throw new Error('the console build of this test run failed (see the first browser test file)');
      if (Date.now() > deadline) throw new Error('the console build of this test run did not finish within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await buildConsole(directory);
  } catch (error) {
    await writeFile(failed, '');
    throw error;
  }
  await writeFile(done, '');
  return { directory, owned: false };
}

/** Closes every context of `browser`: those a file opened, the fork's files running one at a time. */
const closeContexts = (browser: Browser): Promise<unknown> => Promise.all(browser.contexts().map((context) => context.close()));

/**
 * Starts a runtime of its own for the file (tables prefixed by `name`, with `runtimeOptions` such as
 * the portal origins or the public rate limit) serving the console built for the run, and gets the
 * fork's browser, in parallel.
 */
export async function openConsoleInBrowser(name: string, runtimeOptions: TestRuntimeOptions = {}): Promise<ConsoleInBrowser> {
  await mkdir(screenshots, { recursive: true });
  const [build, browser] = await Promise.all([consoleBuildOfTheRun(), sharedChromium()]);
  // A file that failed before its own `dispose` may have left contexts behind: none is carried over.
  await closeContexts(browser);
  const started = await startTestRuntime(name, { ...runtimeOptions, consoleDirectory: build.directory });
  const runtime = started.runtime;
  return {
    runtime,
    browser,
    async dispose() {
      await closeContexts(browser);
      await started.dispose();
      if (build.owned) await rm(build.directory, { recursive: true, force: true });
    },
  };
}

export interface PageUnderTest {
  readonly page: Page;
  /** Page errors and console errors (CSP refusals among them) seen so far; 4xx answers are expected in some scenarios. */
  readonly problems: string[];
}

export interface BrowserSessionOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The browser's own zone: deliberately not Shanghai, so dates shown prove they are converted. */
  readonly timezoneId?: string;
  readonly locale?: string;
  /** Lets a test inject its own tooling (axe-core) past the console's Content-Security-Policy. */
  readonly bypassCSP?: boolean;
  /** Where the pages are opened (`http://localhost:<port>` for a site apart from the API); the runtime's API URL by default. */
  readonly siteUrl?: string;
}

/** A browser context as the options ask: a wide screen, Chinese, a zone other than Shanghai by default. */
const newSessionContext = (session: ConsoleInBrowser, options: BrowserSessionOptions): Promise<BrowserContext> =>
  session.browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: options.locale ?? 'zh-CN',
    timezoneId: options.timezoneId ?? 'America/New_York',
    bypassCSP: options.bypassCSP ?? false,
  });

/** A fresh browser session on `path` of the site, with its problems collected. */
export async function openPage(session: ConsoleInBrowser, path: string, options: BrowserSessionOptions = {}): Promise<PageUnderTest> {
  const context = await newSessionContext(session, options);
  return openInContext(context, `${options.siteUrl ?? session.runtime.apiUrl}${path}`);
}

/** A page of `context` opened on `url`, its errors collected. */
async function openInContext(context: BrowserContext, url: string): Promise<PageUnderTest> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (entry) => {
    if (entry.type() === 'error' && !/status of 4\d\d/.test(entry.text())) problems.push(entry.text());
  });
  await page.goto(url);
  return { page, problems };
}

/**
 * The session storage a sign-in left, per runtime and per person and site: a later session of the
 * same person starts from it, as a second tab opened from the first would, instead of going
 * through the provider's page again (each pass loads the console twice). The first sign-in of each
 * person in a file, and every one asked for a screenshot of the provider's page, goes the whole way.
 */
const signedInSessions = new WeakMap<ConsoleInBrowser, Map<string, Record<string, string>>>();

/** A fresh browser session that signs in as the named demo staff member on the provider's page. */
export async function signInAs(
  session: ConsoleInBrowser,
  person: string,
  options: BrowserSessionOptions & { readonly screenshotOfSignIn?: string } = {},
): Promise<PageUnderTest> {
  const siteUrl = options.siteUrl ?? session.runtime.apiUrl;
  const sessions = signedInSessions.get(session) ?? new Map<string, Record<string, string>>();
  signedInSessions.set(session, sessions);
  const key = `${person} ${siteUrl}`;
  const earlier = options.screenshotOfSignIn ? undefined : sessions.get(key);
  if (earlier) return openSignedIn(session, earlier, options);

  const opened = await openPage(session, '/', options);
  const { page } = opened;
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/local-idp\/authorize/);
  if (options.screenshotOfSignIn) await page.screenshot({ path: join(screenshots, options.screenshotOfSignIn), fullPage: true });
  await page.getByRole('button', { name: new RegExp(person) }).click();
  await page.waitForURL(`${siteUrl}/`);
  sessions.set(key, (await page.evaluate('Object.fromEntries(Object.entries(sessionStorage))')) as Record<string, string>);
  return opened;
}

/** A fresh browser session holding a signed-in person's session storage before the console's first script runs. */
async function openSignedIn(session: ConsoleInBrowser, storage: Record<string, string>, options: BrowserSessionOptions): Promise<PageUnderTest> {
  const context = await newSessionContext(session, options);
  // Once per tab: a sign-out later in the test must stay signed out.
  await context.addInitScript(
    `if (sessionStorage.getItem('test.restored') === null) {
      for (const [name, value] of Object.entries(${JSON.stringify(storage)})) sessionStorage.setItem(name, value);
      sessionStorage.setItem('test.restored', '1');
    }`,
  );
  return openInContext(context, `${options.siteUrl ?? session.runtime.apiUrl}/`);
}
