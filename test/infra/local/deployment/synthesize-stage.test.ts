/**
 * A local runtime's stacks, synthesized once per process with stand-ins and then given the
 * runtime's own prefix, issuer and key set address, are what synthesizing with those values gives:
 * the shortcut changes no name, policy or setting a runtime reads. One thing differs, and no
 * runtime reads it: the logical id of the API's deployment, a hash of the API's whole content by
 * which CloudFormation knows to deploy the API again.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeLocalStage, synthesizeStage } from '#infra/local/deployment/synthesize-stage.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import { localDeploymentConfig } from '#infra/local/runtime.ts';

/** The stacks with the API deployment's content hash left out of its logical id. */
const withoutDeploymentHash = (stacks: unknown): unknown => JSON.parse(JSON.stringify(stacks).replaceAll(/(ApiDeployment[0-9A-F]{8})[0-9a-f]{32}/g, '$1'));

const runtimeConfig = (prefix: string, port: number) =>
  localDeploymentConfig(loadLocalDeploymentConfig(), {
    prefix,
    issuer: `http://127.0.0.1:${port}/local-idp`,
    jwksUri: `http://127.0.0.1:${port}/local-idp/jwks.json`,
  });

describe("a local runtime's synthesized stacks", () => {
  it('are those of its own prefix and provider, for each of two runtimes sharing one synthesis', { timeout: 180_000 }, () => {
    // Prepare
    const first = runtimeConfig('alerts1k2j3', 40_101);
    const second = runtimeConfig('webhookscreens9z', 40_202);

    // Act
    const firstStacks = synthesizeLocalStage(first);
    const secondStacks = synthesizeLocalStage(second);

    // Assess
    expect(withoutDeploymentHash(firstStacks)).toEqual(withoutDeploymentHash(synthesizeStage(first)));
    expect(withoutDeploymentHash(secondStacks)).toEqual(withoutDeploymentHash(synthesizeStage(second)));
    expect(JSON.stringify(secondStacks)).toContain('webhookscreens9z-');
    expect(JSON.stringify(secondStacks)).not.toContain('alerts1k2j3');
  });

  it('keep a staff site apart from the API: a site origin gives its own synthesis', { timeout: 180_000 }, () => {
    // Prepare
    const config = runtimeConfig('siteorigin4q', 40_303);

    // Act
    const withSite = synthesizeLocalStage(config, undefined, 'http://localhost:40404');

    // Assess
    expect(withoutDeploymentHash(withSite)).toEqual(withoutDeploymentHash(synthesizeStage(config, undefined, 'http://localhost:40404')));
    expect(withoutDeploymentHash(withSite)).not.toEqual(withoutDeploymentHash(synthesizeLocalStage(config)));
  });
});
