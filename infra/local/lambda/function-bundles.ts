/**
 * The functions' code as the local runtime runs it: one esbuild bundle per function, built from
 * the settings `cdk synth` uses (`infra/cdk/constructs/function-bundling.ts`), plus the worker
 * that hosts a bundle like a Lambda sandbox. Bundles are cached under `.cache/function-bundles/`
 * by a digest of every source they are built from, so a restart without changes builds nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { noticeFontSource, repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { bundleFileName, functionBundling } from '#infra/cdk/constructs/function-bundling.ts';
import { functions as topologyFunctions, handlerPath, type FunctionSpec } from '#shared/topology.ts';

/** Where the bundles of one build are. */
export interface FunctionBundles {
  /** The build's folder: `<function>/index.mjs` per function, and the sandbox worker. */
  readonly directory: string;
  /** The code folder of a function (Lambda's `/var/task`). */
  codeDirectory(functionName: string): string;
  /** The worker script that hosts a bundle. */
  readonly workerFile: string;
}

/** Name of the worker's folder among the bundles (not a topology function name: those have no underscore). */
const workerFolder = '_sandbox';
const workerEntry = 'infra/local/lambda/lambda-sandbox.ts';

/** Folders and files whose content decides the bundles. */
const sourceRoots = ['functions', 'shared', 'infra/local/lambda', 'package-lock.json', 'infra/cdk/constructs/function-bundling.ts', noticeFontSource];

async function listFiles(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch(() => undefined);
  if (entries === undefined) return [path];
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** A digest of every source the bundles are built from (and of the bundling settings). */
export async function sourceDigest(root: string = repositoryRoot): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(functionBundling));
  const files = (await Promise.all(sourceRoots.map((source) => listFiles(join(root, source))))).flat().sort();
  for (const file of files) {
    hash
      .update(relative(root, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The bundles of a build folder made by {@link buildFunctionBundles}. */
export const functionBundlesAt = (directory: string): FunctionBundles => ({
  directory,
  codeDirectory: (functionName) => join(directory, functionName),
  workerFile: join(directory, workerFolder, bundleFileName),
});

/** esbuild's options for one bundle, as `cdk synth` builds it (the bench measures the same build). */
export const functionBuildOptions = (entry: string, outDirectory: string) =>
  ({
    entryPoints: [join(repositoryRoot, entry)],
    outfile: join(outDirectory, bundleFileName),
    bundle: true,
    platform: 'node',
    format: functionBundling.format,
    target: functionBundling.target,
    minify: functionBundling.minify,
    sourcemap: functionBundling.sourceMap ? 'linked' : false,
    mainFields: [...functionBundling.mainFields],
    banner: { js: functionBundling.banner },
    external: [...functionBundling.externalModules],
    charset: functionBundling.charset,
    alias: { ...functionBundling.alias },
    absWorkingDir: repositoryRoot,
    logLevel: 'error',
  }) satisfies BuildOptions;

async function bundle(entry: string, outDirectory: string): Promise<void> {
  await build(functionBuildOptions(entry, outDirectory));
}

/**
 * Builds (or finds in the cache) the bundle of every topology function and the sandbox worker.
 * Concurrent callers with the same sources share one result: each builds into a folder of its
 * own and the first to finish publishes it by renaming.
 */
export async function buildFunctionBundles(
  options: { readonly cacheDirectory?: string; readonly specs?: readonly FunctionSpec[] } = {},
): Promise<FunctionBundles> {
  const cacheDirectory = options.cacheDirectory ?? join(repositoryRoot, '.cache', 'function-bundles');
  const specs: readonly FunctionSpec[] = options.specs ?? topologyFunctions;
  const digest = await sourceDigest();
  const target = join(cacheDirectory, digest);
  if (existsSync(join(target, workerFolder, bundleFileName))) return functionBundlesAt(target);

  const staging = join(cacheDirectory, `.building-${digest}-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  try {
    await Promise.all([
      ...specs.map(async (spec) => {
        const outDirectory = join(staging, spec.name);
        await bundle(handlerPath(spec.name), outDirectory);
        // As the CDK construct's hook does: the notice font beside the bundle.
        if (spec.rendersNotices) {
          await copyFile(join(repositoryRoot, noticeFontSource), join(outDirectory, noticeFontSource.slice(noticeFontSource.lastIndexOf('/') + 1)));
        }
      }),
      bundle(workerEntry, join(staging, workerFolder)),
    ]);
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another build of the same sources got there first: theirs is as good as ours.
      if (!existsSync(join(target, workerFolder, bundleFileName))) throw error;
      await rm(staging, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  // Older builds are dead weight once a newer one exists.
  for (const entry of await readdir(cacheDirectory)) {
    if (entry !== digest && !entry.startsWith('.building-')) await rm(join(cacheDirectory, entry), { recursive: true, force: true }).catch(() => undefined);
  }
  return functionBundlesAt(target);
}
