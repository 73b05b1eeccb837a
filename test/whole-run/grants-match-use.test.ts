/**
 * Over the whole test run: what each function's role holds (its synthesized IAM policy) against
 * what its code did under the end-to-end suite (recorded by the local runtime's enforcing
 * endpoints, and by Lambda's own uses checked at start), and the variables each function read
 * against those its stack resource sets. A grant no test used, a use no grant allowed, or a
 * variable read that the stack does not set fails the run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import { readLocalDeployment } from '#infra/local/deployment/local-deployment.ts';
import { synthesizeStage } from '#infra/local/deployment/synthesize-stage.ts';
import { deploymentIndependentName, localDeploymentConfig, operatorPrincipalName } from '#infra/local/runtime.ts';
import { partitionOf } from '#infra/cdk/deployment-config.ts';
import type { RecordedDecision } from '#infra/local/iam/iam-authorizer.ts';
import { usageFileSuffix, type RecordedUsage } from '../support/test-runtime.ts';
import { grantsOf, unusedGrants, type Grant } from './grants.ts';

const wholeRun = inject('wholeRun');
const usageDirectory = inject('usageDirectory');

/** Every usage file the run's local runtimes wrote. */
function recordedUsage(): RecordedUsage[] {
  return readdirSync(usageDirectory)
    .filter((file) => file.endsWith(usageFileSuffix))
    .map((file) => JSON.parse(readFileSync(join(usageDirectory, file), 'utf8')) as RecordedUsage);
}

/** The grants of every function of the deployment the local runtime runs, named deployment-independently. */
function deployedGrants(): Map<string, Grant[]> {
  const prefix = 'wholerun';
  const base = loadLocalDeploymentConfig();
  const config = localDeploymentConfig(base, { prefix, issuer: 'http://127.0.0.1:1/local-idp', jwksUri: 'http://127.0.0.1:1/local-idp/jwks' });
  const deployment = readLocalDeployment(
    synthesizeStage(config),
    { partition: partitionOf(base), region: base.region, account: '000000000000', sqsEndpoint: 'http://127.0.0.1:1' },
    prefix,
  );
  const rename = deploymentIndependentName(deployment, prefix);
  return new Map([...deployment.functions.values()].map((fn) => [fn.name, grantsOf(fn.identityPolicies, rename)]));
}

describe.runIf(wholeRun)('over the whole run', () => {
  const usage = recordedUsage();
  const decisions: RecordedDecision[] = usage
    .flatMap((recorded) => recorded.usage.decisions)
    .filter((decision) => decision.principal !== operatorPrincipalName);

  it('ran local runtimes that recorded what their functions did', () => {
    expect(usage.length).toBeGreaterThan(5);
  });

  it('used no action that a role does not hold', () => {
    const ungranted = [
      ...new Set(decisions.filter((decision) => !decision.allowed).map((decision) => `${decision.principal}: ${decision.action} on ${decision.resource}`)),
    ];
    expect(ungranted).toEqual([]);
  });

  it('used every action each role holds, on every resource it holds it on', () => {
    const grants = deployedGrants();
    const unused = [...grants].flatMap(([principal, held]) =>
      unusedGrants(
        held,
        decisions.filter((decision) => decision.principal === principal && decision.allowed),
      ).map((grant) => `${principal}: ${grant.action} on ${grant.resource}`),
    );
    expect(unused).toEqual([]);
  });

  it('read no variable that the stack does not set', () => {
    const unset: Record<string, string[]> = {};
    for (const recorded of usage) {
      for (const [fn, names] of Object.entries(recorded.usage.unsetEnvironmentReads)) {
        unset[fn] = [...new Set([...(unset[fn] ?? []), ...names])].sort();
      }
    }
    expect(unset).toEqual({});
  });
});
