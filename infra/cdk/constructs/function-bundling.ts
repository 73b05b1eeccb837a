/**
 * How a function's code is bundled, declared once: the CDK construct hands it to `NodejsFunction`
 * (esbuild at synth time) and the local runtime bundles with esbuild from the same settings, so
 * the code a function runs locally is built as the code it runs in AWS.
 */

/** esbuild settings shared by `cdk synth` and the local runtime. */
export const functionBundling = {
  format: 'esm',
  /** The Lambda runtime's Node.js (nodejs22.x); the local runtime runs the same output on Node 20 or 22. */
  target: 'node22',
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  /** Some CommonJS dependencies call `require`; ESM output has none unless we make one. */
  banner: "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
  /** Bundle the SDK too: the versions in package-lock.json are the ones tested. */
  externalModules: [] as string[],
  /** Text outside ASCII (the domain's Chinese) as UTF-8, not as `\u` escapes of twice the size. */
  charset: 'utf8',
  /**
   * Modules put in the place of others in every bundle, resolved from the repository root (where
   * `cdk synth` and the local runtime run esbuild). Each keeps its original's contract and drops
   * code a function never runs; each module says why.
   */
  alias: {
    '@aws-sdk/credential-provider-node': './shared/adapters/aws/lambda-credential-chain.ts',
    'brotli/decompress.js': './shared/adapters/pdf/brotli-decompress.ts',
  },
} as const;

/** The same settings as `NodejsFunction` passes them on to esbuild beside its own options. */
export const functionBundlingEsbuildArgs: Record<string, string | string[]> = {
  '--charset': functionBundling.charset,
  '--alias': Object.entries(functionBundling.alias).map(([module, substitute]) => `${module}=${substitute}`),
};

/** The bundle's file name inside a function's code folder (what `NodejsFunction` writes for ESM). */
export const bundleFileName = 'index.mjs';
