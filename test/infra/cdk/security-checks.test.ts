import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { partitionOf } from '#infra/cdk/deployment-config.ts';
import { securityAcknowledgments } from '#infra/cdk/security-acknowledgments.ts';
import { applySecurityChecks, securityRulePacks } from '#infra/cdk/security-checks.ts';
import { functions } from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedApp } from './synthesize-deployments.ts';

let synthesized: SynthesizedApp;

beforeAll(() => {
  // Synthesis itself fails on any unacknowledged finding, as `npm run synth` does.
  synthesized = synthesizeDeployments({ securityChecks: true });
}, 120_000);

afterAll(() => synthesized.dispose());

interface AppliedAcknowledgment {
  readonly id: string;
  readonly reason: string;
  readonly partitions: readonly string[];
}

/** Every acknowledgment recorded anywhere in the construct tree, with the partitions it applies in. */
const appliedAcknowledgments = (): AppliedAcknowledgment[] => {
  const found = new Map<string, { id: string; reason: string; partitions: Set<string> }>();
  for (const deployment of synthesized.deployments) {
    for (const construct of deployment.stage.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [qualifiedId, reason] of Object.entries(entry.data as Record<string, string>)) {
          const id = qualifiedId.replace(/^annotation::/i, '');
          const key = `${id}\n${reason}`;
          const current = found.get(key) ?? { id, reason, partitions: new Set<string>() };
          current.partitions.add(partitionOf(deployment.config));
          found.set(key, current);
        }
      }
    }
  }
  return [...found.values()].map(({ id, reason, partitions }) => ({ id, reason, partitions: [...partitions].sort() })).sort((a, b) => a.id.localeCompare(b.id));
};

describe('security checks', () => {
  it('finds nothing unacknowledged in either deployment, warnings included', () => {
    for (const deployment of synthesized.deployments) {
      // Act
      const findings = securityRulePacks().flatMap((pack) =>
        pack.validateScope(deployment.stage).violations.map((violation) => ({
          rule: violation.ruleName,
          severity: violation.severity,
          where: violation.violatingResources.map((resource) => resource.constructPath),
        })),
      );

      // Assess
      expect(findings, deployment.config.name).toEqual([]);
    }
  });

  it('stops synthesis on an unencrypted queue and a log group kept forever', () => {
    // Prepare
    const app = new App();
    const stack = new Stack(app, 'Careless', { env: { account: '111122223333', region: 'cn-north-1' } });
    new Queue(stack, 'PlainQueue');
    new LogGroup(stack, 'ForeverLogs', { retention: undefined });
    applySecurityChecks(app);

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).toThrow(
      /AwsSolutions-SQS4[\s\S]*NIST\.800\.53\.R5-CloudWatchLogGroupEncrypted|NIST\.800\.53\.R5-CloudWatchLogGroupEncrypted[\s\S]*AwsSolutions-SQS4/,
    );
  });

  it('takes every applied acknowledgment from the catalogue in security-acknowledgments.ts', () => {
    // Prepare
    // An entry's id may name the deployment's prefix or bucket as `<prefix>` or `<bucket>`: any of this deployment's;
    // `<route>`: a department's own route of the API with path parameters (an alert's, a measure's document), its department segment named.
    const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const departmentRoute = String.raw`arn:<AWS::Partition>:execute-api:[a-z0-9-]+:\d{12}:<Api[A-F0-9]{8}>/prod/(GET|POST|PUT)/v1/departments/[a-z0-9-]+/(alerts/\*/\*/\*(/actions)?|accountability-measures/\*/document|manifests/\*(/buckets)?)`;
    const catalogue = Object.values(securityAcknowledgments).map(
      // An acknowledged CDK annotation (`Annotation::<id>`) is applied under its bare id, as the listing above reads it.
      ({ id, reason }) =>
        new RegExp(
          `^${escaped(id.replace(/^annotation::/i, ''))
            .replace(/<prefix>|<bucket>/g, '[a-z0-9.-]+')
            .replace('<route>', departmentRoute)}\n${escaped(reason)}$`,
        ),
    );

    // Act
    const outside = appliedAcknowledgments().filter(({ id, reason }) => !catalogue.some((entry) => entry.test(`${id}\n${reason}`)));

    // Assess
    expect(outside).toEqual([]);
  });

  it("names only commands and documents that exist in an acknowledgment's reason", () => {
    // Prepare
    const scripts = Object.keys((JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const reasons = Object.values(securityAcknowledgments).map(({ reason }) => reason);

    // Act
    const commands = reasons.flatMap((reason) => [...reason.matchAll(/npm run ([a-z:-]+)/g)].map((match) => match[1]!));
    const documents = reasons.flatMap((reason) => [...reason.matchAll(/\b(docs\/[a-z-]+\.md)/g)].map((match) => match[1]!));

    // Assess
    expect(commands).toEqual(expect.arrayContaining(['redrive', 'restore-drill']));
    expect(commands.filter((command) => !scripts.includes(command))).toEqual([]);
    expect(documents.filter((document) => !existsSync(join(repositoryRoot, document)))).toEqual([]);
  });

  it("acknowledges the tracing findings of the project's functions and API in aws-cn only", () => {
    // Act
    const tracing = appliedAcknowledgments().filter(({ id }) => /Tracing|Xray/.test(id));
    const [siteUpload, others] = [
      tracing.filter(({ reason }) => reason === securityAcknowledgments.siteUploadTracing.reason),
      tracing.filter(({ reason }) => reason !== securityAcknowledgments.siteUploadTracing.reason),
    ];

    // Assess
    expect(others.map(({ id, partitions }) => [id, partitions])).toEqual([
      ['Serverless-APIGWXrayEnabled', ['aws-cn']],
      ['Serverless-LambdaTracing', ['aws-cn']],
    ]);
    // CDK's upload function of the site offers no tracing setting in any partition.
    expect(siteUpload.map(({ id }) => id)).toEqual(['Serverless-LambdaTracing']);
  });

  it('keeps the reasons in the templates as cdk_nag metadata', () => {
    for (const deployment of synthesized.deployments) {
      // Prepare: the functions of the topology (the provider framework's runtime is aws-cdk-lib's choice).
      const names = new Set(functions.map((spec) => `${deployment.config.prefix}-${spec.name}`));
      const all = deployment.stateless.findResources('AWS::Lambda::Function') as Record<string, { Metadata?: any; Properties: { FunctionName?: string } }>;
      const topologyFunctions = Object.values(all).filter((fn) => names.has(fn.Properties.FunctionName ?? ''));

      // Act
      const suppressed = topologyFunctions.map((fn) => (fn.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((rule: { id: string }) => rule.id));

      // Assess
      expect(suppressed).toHaveLength(functions.length);
      for (const ids of suppressed) {
        expect(ids).toContain(securityAcknowledgments.nodeRuntimePinned.id);
      }
    }
  });

  it('lists every acknowledged rule with its reason (review any change to this snapshot)', () => {
    // Act
    const applied = appliedAcknowledgments();

    // Assess
    expect(applied).toMatchSnapshot();
  });
});
