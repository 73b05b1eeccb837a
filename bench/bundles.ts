/**
 * Function bundles: what each function ships and what it costs to start.
 *
 * Per function of the topology, built as `cdk synth` and the local runtime build it
 * (`functionBuildOptions`: esbuild, ESM, minified, SDK included, the bundling aliases):
 * - the bundle's size and its gzip size, against ≤ 500 KiB;
 * - its initialisation: importing the bundle in a fresh `node` process (the median of several),
 *   minus the median of a bare `node -e ""` start measured in the same loop, against ≤ 60 ms;
 * - where a target is missed, what bounds it: the packages that weigh most in the bundle
 *   (esbuild's metafile).
 *
 * Handlers read their environment at cold start, so each import runs with every variable a
 * function may read set to a dummy value that passes its checks (nothing is called: clients
 * connect on first use). `npx tsx bench/bundles.ts` runs it alone (`--quick`: 3 runs a function
 * instead of 7); `npm run bench` runs it after the pipeline figures.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { noticeFontSource, repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { bundleFileName } from '#infra/cdk/constructs/function-bundling.ts';
import { configDirectory, loadDeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { settingVariables } from '#infra/cdk/function-settings.ts';
import { functionBuildOptions } from '#infra/local/lambda/function-bundles.ts';
import { environmentNames, functions, handlerPath, type SettingGroup } from '#shared/topology.ts';

const execFileAsync = promisify(execFile);

export const bundleTargets = { maxBytes: 500 * 1024, maxInitialisationMs: 60 } as const;

export interface BundleFigures {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Median import of the bundle in a fresh process, minus the median bare start. */
  readonly initialisationMs: number;
  /** The packages (or source folders) that weigh most in the bundle, bytes of output each. */
  readonly heaviest: readonly { readonly source: string; readonly bytes: number }[];
}

export interface BundleBenchResults {
  readonly runs: number;
  readonly bareStartMs: number;
  readonly functions: readonly BundleFigures[];
  /** The notice renderer (pdfkit, fontkit and the adapter) bundled on its own: what a function of its own would carry. */
  readonly noticeRendererBytes: number;
}

const kmsKeyArn = 'arn:aws:kms:cn-north-1:111122223333:key/00000000-0000-4000-8000-000000000000';
const allSettingGroups: readonly SettingGroup[] = [
  'escalation',
  'feedStaleness',
  'complaintClocks',
  'supervisionClocks',
  'classifiedMarkers',
  'staffAccess',
  'personalDataKeys',
  'auditSealing',
];

/** Every variable a function may read at cold start, with values that pass the checks of `shared/config`. */
export function coldStartEnvironment(): Record<string, string> {
  const config = loadDeploymentConfig(join(configDirectory, 'global.json'));
  const settings = Object.assign({}, ...allSettingGroups.map((group) => settingVariables(group, config))) as Record<string, string>;
  return {
    PATH: process.env['PATH'] ?? '',
    ...settings,
    ...Object.fromEntries(Object.values(environmentNames.tables).map((name) => [name, `bench-${name.toLowerCase()}`])),
    [environmentNames.queues.records]: 'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/bench-records',
    [environmentNames.jwtIssuer]: config.identityProvider.issuer,
    [environmentNames.jwtAudience]: config.identityProvider.audience,
    [environmentNames.jwksUrl]: config.identityProvider.jwksUri,
    [environmentNames.departmentRolePrefix]: 'bench-department-',
    [environmentNames.integrityKeyId]: kmsKeyArn,
    [environmentNames.alertEventBus]: 'bench-alerts',
    [environmentNames.personalDataKey]: kmsKeyArn,
    [environmentNames.lookupHashKey]: kmsKeyArn,
    [environmentNames.personalDataPeriodKeys]: 'alias/bench-pd-',
    [environmentNames.personalDataPeriodKeyPolicy]: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
    [environmentNames.noticeFont]: join(repositoryRoot, noticeFontSource),
    [environmentNames.auditDigestBucket]: 'bench-audit-digests',
    [environmentNames.auditSigningKey]: kmsKeyArn,
    // What Lambda sets (the SDK and Powertools read them).
    AWS_REGION: 'cn-north-1',
    AWS_DEFAULT_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'AKIABENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LOG_LEVEL: 'ERROR',
  };
}

/** A package name (`@scope/name`) or the source folder (`shared/domain`) an input file belongs to. */
function sourceOf(input: string): string {
  const packages = input.match(/node_modules\/(@[^/]+\/[^/]+|[^/]+)/g);
  if (packages) return (packages.at(-1) as string).slice('node_modules/'.length);
  return input.split('/').slice(0, 2).join('/');
}

function bytesBySource(metafile: Metafile): Map<string, number> {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith(bundleFileName))?.[1];
  const bySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    bySource.set(sourceOf(input), (bySource.get(sourceOf(input)) ?? 0) + bytesInOutput);
  }
  return bySource;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function timedNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await execFileAsync(process.execPath, args, { env, cwd: tmpdir() });
  return performance.now() - started;
}

export async function runBundleBench(options: { readonly quick: boolean }): Promise<BundleBenchResults> {
  const runs = options.quick ? 3 : 7;
  const directory = await mkdtemp(join(tmpdir(), 'esup-bundles-'));
  try {
    const built = [];
    for (const spec of functions) {
      const outDirectory = join(directory, spec.name);
      const result = await build({ ...functionBuildOptions(handlerPath(spec.name), outDirectory), sourcemap: false, metafile: true });
      const code = await readFile(join(outDirectory, bundleFileName));
      built.push({
        name: spec.name,
        file: join(outDirectory, bundleFileName),
        bytes: code.byteLength,
        gzipBytes: gzipSync(code).byteLength,
        bySource: bytesBySource(result.metafile),
      });
    }
    const renderer = await build({
      ...functionBuildOptions('shared/adapters/pdf/pdfkit-notice-renderer.ts', join(directory, 'notice-renderer')),
      sourcemap: false,
      metafile: true,
    });
    const noticeRendererBytes = [...bytesBySource(renderer.metafile).values()].reduce((sum, bytes) => sum + bytes, 0);

    // Each import in a process of its own; a bare start in the same loop, so both see the same load.
    const env = coldStartEnvironment();
    const bare: number[] = [];
    const imports = new Map<string, number[]>(built.map((b) => [b.name, []]));
    await timedNode(['-e', ''], env);
    for (let run = 0; run < runs; run += 1) {
      for (const b of built) {
        bare.push(await timedNode(['-e', ''], env));
        const script = `await import(${JSON.stringify(pathToFileURL(b.file).href)});`;
        imports.get(b.name)?.push(await timedNode(['--input-type=module', '-e', script], env));
      }
    }
    const bareStartMs = median(bare);
    return {
      runs,
      bareStartMs,
      noticeRendererBytes,
      functions: built.map((b) => ({
        name: b.name,
        bytes: b.bytes,
        gzipBytes: b.gzipBytes,
        initialisationMs: median(imports.get(b.name) ?? []) - bareStartMs,
        heaviest: [...b.bySource.entries()]
          .sort((x, y) => y[1] - x[1])
          .slice(0, 4)
          .map(([source, bytes]) => ({ source, bytes })),
      })),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const mark = (met: boolean): string => (met ? '✓' : '✗');

export function printBundleBench(results: BundleBenchResults): void {
  const { maxBytes, maxInitialisationMs } = bundleTargets;
  console.log(
    `Function bundles (esbuild, ESM, minified, SDK included); initialisation = import in a fresh node process − bare node start (${results.bareStartMs.toFixed(0)} ms), medians of ${results.runs}:`,
  );
  console.log('');
  console.log(`| function | bundle (≤ ${kib(maxBytes)}) | gzip | initialisation (≤ ${maxInitialisationMs} ms) | heaviest in the bundle |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const f of results.functions) {
    const heaviest = f.heaviest.map((h) => `${h.source} ${kib(h.bytes)}`).join(', ');
    console.log(
      `| ${f.name} | ${kib(f.bytes)} ${mark(f.bytes <= maxBytes)} | ${kib(f.gzipBytes)} | ${f.initialisationMs.toFixed(0)} ms ${mark(f.initialisationMs <= maxInitialisationMs)} | ${heaviest} |`,
    );
  }
  const sizeMissed = results.functions.filter((f) => f.bytes > maxBytes).length;
  const initMissed = results.functions.filter((f) => f.initialisationMs > maxInitialisationMs).length;
  console.log('');
  console.log(
    `${results.functions.length - sizeMissed} of ${results.functions.length} bundles ≤ ${kib(maxBytes)}; ${results.functions.length - initMissed} of ${results.functions.length} initialise in ≤ ${maxInitialisationMs} ms.`,
  );
  console.log(`The notice renderer alone (pdfkit, fontkit, the adapter): ${kib(results.noticeRendererBytes)}.`);
}

const runDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runDirectly) {
  printBundleBench(await runBundleBench({ quick: process.argv.includes('--quick') }));
}
