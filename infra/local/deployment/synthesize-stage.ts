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

/** Stand-ins for what differs from one local runtime to the next: unlike anything a template holds otherwise. */
const standIns = {
  prefix: 'zzlocalprefixzz',
  issuer: 'https://issuer.stand-in.invalid/zz',
  jwksUri: 'https://jwks.stand-in.invalid/zz',
} as const;

/** Templates synthesized in this process, as JSON text with the stand-ins, by everything else they depend on. */
const synthesizedWithStandIns = new Map<string, string>();

/**
 * `synthesizeStage` for a local runtime, synthesizing once per process what runtimes share: a test
 * run starts a runtime per test file, each with its own table prefix and its provider on its own
 * port, and synthesizing the whole stage each time cost more than the rest of the start. The
 * stacks are synthesized with stand-ins for the prefix, the issuer and the key set's address, and
 * each runtime gets them with its own values written in; a test checks the result is what
 * synthesizing with those values gives.
 */
export function synthesizeLocalStage(config: DeploymentConfig, functions?: readonly FunctionSpec[], siteOrigin?: string): SynthesizedStack[] {
  const withStandIns: DeploymentConfig = {
    ...config,
    prefix: standIns.prefix,
    identityProvider: { ...config.identityProvider, issuer: standIns.issuer, jwksUri: standIns.jwksUri },
  };
  const key = JSON.stringify([withStandIns, functions ?? null, siteOrigin ?? null]);
  let text = synthesizedWithStandIns.get(key);
  if (text === undefined) {
    text = JSON.stringify(synthesizeStage(withStandIns, functions, siteOrigin));
    synthesizedWithStandIns.set(key, text);
  }
  const written = text
    .replaceAll(standIns.prefix, () => config.prefix)
    .replaceAll(standIns.issuer, () => config.identityProvider.issuer)
    .replaceAll(standIns.jwksUri, () => config.identityProvider.jwksUri);
  return JSON.parse(written) as SynthesizedStack[];
}
