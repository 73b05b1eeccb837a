/**
 * The site's initial JavaScript per page: what a browser must fetch and run before the first
 * screen — the scripts the page's HTML loads and, transitively, what they import statically — as
 * gzip bytes, against a budget: ≤ 250 KiB for the console (`index.html`), ≤ 100 KiB for the
 * citizen's complaint page (`complaint/index.html`, opened on phones, often inside a portal's
 * frame). Chunks loaded with `import()` (each route's page, and the libraries a page loads on use)
 * are listed apart: they come when a page is first shown or a library first used. Builds the site
 * into a folder of its own first.
 *
 *   npm run bench:console
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole } from '#infra/console/console-build.ts';

export const consoleBundleTargets = { maxInitialGzipBytes: 250 * 1024 } as const;
export const complaintPageBundleTargets = { maxInitialGzipBytes: 100 * 1024 } as const;

/** The pages of the build, each with the HTML file that loads it and its budget. */
export const sitePages = [
  { name: 'Console', html: 'index.html', targets: consoleBundleTargets },
  { name: "Citizen's complaint page", html: 'complaint/index.html', targets: complaintPageBundleTargets },
] as const;

export interface ConsoleChunk {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface ConsoleBundleFigures {
  readonly initial: readonly ConsoleChunk[];
  readonly lazy: readonly ConsoleChunk[];
  readonly initialGzipBytes: number;
}

/** Scripts and module preloads of the page: the entry points. */
const entryScripts = (html: string): string[] =>
  [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (match) => match[1]!,
  );

/** Static imports of a minified ES module (`import{a}from"./x.js"`, `import"./x.js"`), not `import("./x.js")`. */
const staticImports = (code: string): string[] => [...code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)].map((match) => match[1]!);
/** Chunks a module loads later: the preload map's `assets/x.js` and `import("./x.js")` (relative to `file`), e.g. a library a page loads on use. */
const dynamicImports = (file: string, code: string): string[] => [
  ...[...code.matchAll(/["'](assets\/[^"']+\.js)["']/g)].map((match) => `/${match[1]!}`),
  ...[...code.matchAll(/\bimport\(\s*[`"'](\.{1,2}\/[^`"']+\.js)[`"']\s*\)/g)].map((match) => posix.join(posix.dirname(file), match[1]!)),
];

/** The initial and lazy chunks of the page `html` (a path inside the build) of the build in `directory`. */
export async function measureConsoleBundle(directory: string, html = 'index.html'): Promise<ConsoleBundleFigures> {
  const chunk = async (file: string): Promise<ConsoleChunk & { code: string }> => {
    const bytes = await readFile(join(directory, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, code: bytes.toString('utf8') };
  };
  const initial = new Map<string, ConsoleChunk & { code: string }>();
  const pending = entryScripts(await readFile(join(directory, html), 'utf8'));
  const referenced = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (initial.has(file)) continue;
    const read = await chunk(file);
    initial.set(file, read);
    for (const imported of staticImports(read.code)) pending.push(posix.join(posix.dirname(file), imported));
    for (const lazy of dynamicImports(file, read.code)) referenced.add(lazy);
  }
  // Lazy chunks and what they load in turn (a page's chunk loading a library when it is used).
  const lazy: (ConsoleChunk & { code: string })[] = [];
  const lazyPending = [...referenced].filter((file) => !initial.has(file));
  const seen = new Set([...initial.keys(), ...lazyPending]);
  while (lazyPending.length > 0) {
    const read = await chunk(lazyPending.shift()!);
    lazy.push(read);
    for (const next of dynamicImports(read.file, read.code)) {
      if (seen.has(next)) continue;
      seen.add(next);
      lazyPending.push(next);
    }
  }
  const strip = ({ file, bytes, gzipBytes }: ConsoleChunk): ConsoleChunk => ({ file, bytes, gzipBytes });
  return {
    initial: [...initial.values()].map(strip),
    lazy: lazy.map(strip),
    initialGzipBytes: [...initial.values()].reduce((sum, { gzipBytes }) => sum + gzipBytes, 0),
  };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** Builds the site and prints each page's initial JavaScript beside its target (also part of `npm run bench`). */
export async function runConsoleBundleBench(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'esup-console-bench-'));
  try {
    await buildConsole(directory);
    for (const { name, html, targets } of sitePages) {
      const figures = await measureConsoleBundle(directory, html);
      const lines = [
        `${name}: initial JavaScript (loaded by ${html} before any page chunk)`,
        ...figures.initial.map(({ file, bytes, gzipBytes }) => `  ${file.padEnd(48)} ${kb(bytes).padStart(10)} raw ${kb(gzipBytes).padStart(10)} gzip`),
        `  ${'total'.padEnd(48)} ${kb(figures.initialGzipBytes).padStart(25)} gzip (target ≤ ${kb(targets.maxInitialGzipBytes)}: ${
          figures.initialGzipBytes <= targets.maxInitialGzipBytes ? 'met' : `missed by ${kb(figures.initialGzipBytes - targets.maxInitialGzipBytes)}`
        })`,
        ...(figures.lazy.length === 0
          ? []
          : [
              'Loaded later (a page when first shown, a library such as ExcelJS or ECharts when first used):',
              ...figures.lazy.map(({ file, bytes, gzipBytes }) => `  ${file.padEnd(48)} ${kb(bytes).padStart(10)} raw ${kb(gzipBytes).padStart(10)} gzip`),
            ]),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runConsoleBundleBench().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
