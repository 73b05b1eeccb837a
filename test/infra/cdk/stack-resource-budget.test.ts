/**
 * CloudFormation takes at most 500 resources a stack, and CDK refuses to synthesize more: a
 * deployment that crosses it cannot be updated at all. Each stack keeps room for growth, measured
 * on the largest shape a deployment takes: a site in AWS China, where the staff routes answer
 * CORS preflights (a method per resource).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { DeploymentStage } from '#infra/cdk/deployment-stage.ts';
import { loadDeploymentConfigs } from '#infra/cdk/deployment-config.ts';
import { cdkJsonContext } from './synthesize-deployments.ts';

/** What a stack may hold: CloudFormation's limit less room for a few functions with their routes and alarms. */
const resourceBudget = 450;

const directory = mkdtempSync(join(tmpdir(), 'cdk-budget-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const resourceCounts = (siteOrigin: string | undefined): { stack: string; resources: number }[] => {
  const app = new App({ outdir: join(directory, String(siteOrigin !== undefined)), context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  return loadDeploymentConfigs().flatMap((config) => {
    const stage = new DeploymentStage(app, { config, siteOrigin });
    const assembly = stage.synth();
    return assembly.stacks.map((stack) => ({ stack: stack.stackName, resources: Object.keys(stack.template.Resources ?? {}).length }));
  });
};

describe('stack sizes', () => {
  it.each([
    ['without a site of their own', undefined],
    ['with staff CORS for a site on its own origin', 'https://console.example.cn'],
  ])('keeps every stack of every deployment %s within the budget', (_shape, siteOrigin) => {
    // Act
    const counts = resourceCounts(siteOrigin);

    // Assess
    expect(counts.length).toBeGreaterThanOrEqual(8);
    expect(counts.filter((count) => count.resources > resourceBudget)).toEqual([]);
    // The split is real: the monitoring holds its share, not an empty stack.
    expect(counts.find((count) => count.stack.endsWith('-monitoring'))?.resources).toBeGreaterThan(50);
  });
});
