/**
 * Test helper: synthesizes every configured deployment the way `npm run synth` does (same
 * cdk.json context, same security checks), but without esbuild bundling, so a test run takes
 * seconds. Synthesis runs once per test file and is shared by its tests.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  readonly backupCopyVault: Template;
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
 * Synthesizes the given configurations (default: every file in infra/cdk/config).
 * @param options.securityChecks register the cdk-nag packs as `app.ts` does (default true);
 *        synthesis then throws on any unacknowledged finding.
 */
export const synthesizeDeployments = (options: { readonly configs?: readonly DeploymentConfig[]; readonly securityChecks?: boolean } = {}): SynthesizedApp => {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
  });
  const stages = (options.configs ?? loadDeploymentConfigs()).map((config) => new DeploymentStage(app, { config }));
  if (options.securityChecks ?? true) {
    applySecurityChecks(app);
  }
  const assembly = app.synth();
  const texts = (stack: Stack): string => JSON.stringify(Template.fromStack(stack).toJSON());
  return {
    app,
    assembly,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
    deployments: stages.map((stage) => ({
      config: stage.config,
      stage,
      stateful: Template.fromStack(stage.stateful),
      stateless: Template.fromStack(stage.stateless),
      backupCopyVault: Template.fromStack(stage.backupCopyVault),
      templateTexts: [stage.stateful, stage.stateless, stage.backupCopyVault].map(texts),
    })),
  };
};
