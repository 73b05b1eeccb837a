/**
 * Test helper: synthesizes every configured deployment the way `npm run synth` does (same
 * cdk.json context, same security checks), but without esbuild bundling, so a test run takes
 * seconds. Synthesis runs once per test file and is shared by its tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { DeploymentStage } from '#infra/cdk/deployment-stage.ts';
import { loadDeploymentConfigs, type DeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { applySecurityChecks } from '#infra/cdk/security-checks.ts';

/** One synthesized deployment and the templates of its stacks. */
export interface SynthesizedDeployment {
  readonly config: DeploymentConfig;
  readonly stage: DeploymentStage;
  readonly stateful: Template;
  readonly stateless: Template;
  /** Alarms, metric filters and the operations dashboard. */
  readonly monitoring: Template;
  readonly backupCopyVault: Template;
  /** The site stack's template, for a configuration with a `site`. */
  readonly site: Template | undefined;
  /** Every template of the deployment as JSON text. */
  readonly templateTexts: readonly string[];
}

/** The whole synthesized app. */
export interface SynthesizedApp {
  readonly app: App;
  readonly assembly: CloudAssembly;
  readonly deployments: readonly SynthesizedDeployment[];
  /** Removes the temporary cloud assembly. */
  readonly dispose: () => void;
}

/** The `context` block of cdk.json, so tests synthesize with the project's feature flags. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/**
 * A stand-in for the console's build (what the site uploads): the files a Vite build writes, so a
 * test synthesizes without building the console. The templates do not depend on the files' content.
 */
export const standInConsoleBuild = (directory: string): string => {
  const build = join(directory, 'console-build');
  for (const [file, content] of Object.entries({
    'index.html': '<!doctype html><title>控制台</title><script type="module" src="/assets/index-0a1b2c3d.js"></script>',
    'complaint/index.html': '<!doctype html><title>投诉</title><script type="module" src="/assets/complaint-4e5f6a7b.js"></script>',
    'assets/index-0a1b2c3d.js': 'export {};',
    'assets/complaint-4e5f6a7b.js': 'export {};',
  })) {
    mkdirSync(join(build, file, '..'), { recursive: true });
    writeFileSync(join(build, file), content);
  }
  return build;
};

/**
 * Synthesizes the given configurations (default: every file in infra/cdk/config).
 * @param options.securityChecks register the cdk-nag packs as `app.ts` does (default true);
 *        synthesis then throws on any unacknowledged finding.
 */
export const synthesizeDeployments = (options: { readonly configs?: readonly DeploymentConfig[]; readonly securityChecks?: boolean } = {}): SynthesizedApp => {
  const directory = mkdtempSync(join(tmpdir(), 'cdk-test-'));
  const outdir = join(directory, 'cdk.out');
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
  });
  const consoleBuild = standInConsoleBuild(directory);
  const stages = (options.configs ?? loadDeploymentConfigs()).map((config) => new DeploymentStage(app, { config, consoleBuild }));
  if (options.securityChecks ?? true) {
    applySecurityChecks(app);
  }
  const assembly = app.synth();
  const texts = (stack: Stack): string => JSON.stringify(Template.fromStack(stack).toJSON());
  return {
    app,
    assembly,
    dispose: () => rmSync(directory, { recursive: true, force: true }),
    deployments: stages.map((stage) => ({
      config: stage.config,
      stage,
      stateful: Template.fromStack(stage.stateful),
      stateless: Template.fromStack(stage.stateless),
      monitoring: Template.fromStack(stage.monitoring),
      backupCopyVault: Template.fromStack(stage.backupCopyVault),
      site: stage.site && Template.fromStack(stage.site),
      templateTexts: [stage.stateful, stage.stateless, stage.monitoring, stage.backupCopyVault, ...(stage.site ? [stage.site] : [])].map(texts),
    })),
  };
};
