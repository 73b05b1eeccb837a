/**
 * Synthesizes one deployment's stacks in-process, as `cdk synth` does (same stage, same cdk.json
 * context), without bundling the functions (the templates are all the local runtime reads) and
 * without the cdk-nag checks (CI runs those on every configuration).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import type { DeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { DeploymentStage } from '#infra/cdk/deployment-stage.ts';
import type { FunctionSpec } from '#shared/topology.ts';
import type { CloudFormationTemplate, SynthesizedStack } from './cloudformation-resolver.ts';

/** The `context` block of cdk.json: the same feature flags as `cdk synth`. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/**
 * The stacks of a deployment's own region (the stateful and the stateless stack), as deployed.
 * @param siteOrigin the origin of a site whose pages call the API directly (`--site-origin`)
 */
export function synthesizeStage(config: DeploymentConfig, functions?: readonly FunctionSpec[], siteOrigin?: string): SynthesizedStack[] {
  const outdir = mkdtempSync(join(tmpdir(), 'esup-synth-'));
  try {
    const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const stage = new DeploymentStage(app, { config, functions, siteOrigin });
    const assembly = stage.synth();
    return [stage.stateful, stage.stateless].map((stack) => ({
      stackName: stack.stackName,
      template: assembly.getStackByName(stack.stackName).template as CloudFormationTemplate,
    }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
