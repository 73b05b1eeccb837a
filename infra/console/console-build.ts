/**
 * The site's build with Vite (the console and the citizen's complaint page), for `npm start` and the browser tests. `npm start` builds only
 * when `console/dist` is missing or older than any source (a check of file times; the build
 * itself takes a few seconds), so a clean clone works without install or pre-start hooks and an
 * edit is never served stale. The browser tests build into a folder of their own, so they always
 * test the sources as they are and never disturb a running `npm start`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's sources: `console/`. */
export const consoleRoot: string = fileURLToPath(new URL('../../console/', import.meta.url));
/** Where `npm start` serves the console from. */
export const consoleBuildDirectory: string = join(consoleRoot, 'dist');
const viteConfigFile = join(consoleRoot, 'vite.config.ts');
/** A new lockfile may mean new library code in the bundle. */
const lockFile = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

async function modifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestSource(directory: string): Promise<number> {
  const entries = await readdir(directory, { withFileTypes: true });
  const times = await Promise.all(
    entries.map(async (entry) => {
      const path = join(directory, entry.name);
      return entry.isDirectory() ? newestSource(path) : ((await modifiedAt(path)) ?? 0);
    }),
  );
  return Math.max(0, ...times);
}

/** Whether `console/dist` holds a build of the current sources. */
export async function isConsoleBuildCurrent(): Promise<boolean> {
  const built = await modifiedAt(join(consoleBuildDirectory, 'index.html'));
  if (built === undefined) return false;
  const sources = Math.max(
    await newestSource(join(consoleRoot, 'src')),
    await newestSource(join(consoleRoot, 'complaint')),
    ...(await Promise.all([join(consoleRoot, 'index.html'), viteConfigFile, lockFile].map(async (path) => (await modifiedAt(path)) ?? 0))),
  );
  return built >= sources;
}

/** Builds the console into `outDir` (default `console/dist`); resolves with the folder. */
export async function buildConsole(outDir: string = consoleBuildDirectory): Promise<string> {
  // Loaded only when building: Vite is a build tool, not part of the runtime.
  const { build } = await import('vite');
  await build({ configFile: viteConfigFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** `console/dist`, built first when missing or stale. */
export async function ensureConsoleBuilt(progress: (line: string) => void = () => undefined): Promise<string> {
  if (await isConsoleBuildCurrent()) return consoleBuildDirectory;
  progress('building the console (Vite)…');
  const started = Date.now();
  await buildConsole();
  progress(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return consoleBuildDirectory;
}
