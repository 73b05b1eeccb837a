/**
 * What the local runtime cannot imitate of the webhook deliveries' wiring, asserted on the
 * templates: the bus rule takes the signal sources and the accountability measures' (never the deliveries' own news) to the webhook
 * queue, with the queue's dead-letter queue for what it cannot deliver; both queues let exactly
 * that rule send, by its name; the delivery function and the console API are told `refused` for
 * loopback endpoints whatever the configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEventBus, environmentNames } from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

type Resources = Record<string, { Properties: Record<string, any> }>;

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments({ securityChecks: false }));
}, 120_000);

afterAll(() => dispose());

const subscribableSources = ['e-supervision.alerts', 'e-supervision.complaints', 'e-supervision.supervision', 'e-supervision.accountability'];

describe('webhook delivery wiring', () => {
  it("feeds the webhook queue from the alert bus with the signal sources and the accountability measures' only, dead-lettering what it cannot deliver", () => {
    for (const deployment of deployments) {
      // Prepare
      const prefix = deployment.config.prefix;

      // Act
      const rules = Object.values(deployment.stateless.findResources('AWS::Events::Rule') as Resources).filter(
        (rule) => rule.Properties.Name === `${prefix}-webhook-deliveries`,
      );

      // Assess
      expect(rules).toHaveLength(1);
      const rule = rules[0]!.Properties;
      expect(rule.EventPattern).toEqual({ source: subscribableSources });
      expect(rule.EventPattern.source).not.toContain(alertEventBus.webhookSource);
      expect(JSON.stringify(rule.EventBusName)).toContain('AlertEventBus');
      expect(rule.Targets).toHaveLength(1);
      expect(JSON.stringify(rule.Targets[0].Arn)).toContain('WebhooksQueue');
      expect(JSON.stringify(rule.Targets[0].DeadLetterConfig.Arn)).toContain('WebhooksDeadLetterQueue');
      expect(rule.Targets[0].RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 });
    }
  });

  it('lets that rule, named, send to the webhook queue and its dead-letter queue, and nothing else of EventBridge', () => {
    for (const deployment of deployments) {
      // Prepare
      const prefix = deployment.config.prefix;
      const policies = Object.values(deployment.stateful.findResources('AWS::SQS::QueuePolicy') as Resources);

      // Act
      const eventStatements = policies.flatMap((policy) =>
        (policy.Properties.PolicyDocument.Statement as Record<string, any>[])
          .filter((statement) => JSON.stringify(statement.Principal ?? {}).includes('events.amazonaws.com'))
          .map((statement) => ({ statement, queues: JSON.stringify(policy.Properties.Queues) })),
      );

      // Assess
      expect(eventStatements.map((found) => found.statement.Sid).sort()).toEqual(['TheBusRuleDeadLettersHere', 'TheBusRuleFillsTheQueue']);
      for (const { statement, queues } of eventStatements) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Action).toBe('sqs:SendMessage');
        expect(queues).toMatch(/Webhooks(DeadLetter)?Queue/);
        expect(JSON.stringify(statement.Condition.ArnEquals['aws:SourceArn'])).toContain(`:rule/${prefix}-alerts/${prefix}-webhook-deliveries`);
      }
    }
  });

  it('seals the secrets under a key of their own: the console API may only encrypt, the deliveries only decrypt, nobody else either', () => {
    for (const deployment of deployments) {
      // Prepare
      const prefix = deployment.config.prefix;
      const keys = Object.values(deployment.stateful.findResources('AWS::KMS::Key') as Resources).filter((key) =>
        String(key.Properties.Description).startsWith('Seals the signing secrets of webhook subscriptions'),
      );
      const policies = Object.values(deployment.stateless.findResources('AWS::IAM::Policy') as Resources);
      const roles = deployment.stateless.findResources('AWS::IAM::Role') as Resources;

      // Act
      const denials = (keys[0]?.Properties.KeyPolicy.Statement as Record<string, any>[]).filter((statement) => statement.Effect === 'Deny');
      const kmsUses = policies.flatMap((policy) =>
        (policy.Properties.PolicyDocument.Statement as Record<string, any>[])
          .filter((statement) => JSON.stringify(statement.Resource).includes('WebhookSecretKey'))
          .map((statement) => ({ role: roles[policy.Properties.Roles[0].Ref]!.Properties.RoleName, action: statement.Action, condition: statement.Condition })),
      );

      // Assess
      expect(keys).toHaveLength(1);
      expect(keys[0]!.Properties.EnableKeyRotation).toBe(true);
      expect(denials.map((statement) => [statement.Action, JSON.stringify(statement.Condition)])).toEqual([
        ['kms:Encrypt', expect.stringContaining(`:role/${prefix}-whs-seal-*`)],
        ['kms:Decrypt', expect.stringContaining(`:role/${prefix}-whs-open-*`)],
      ]);
      expect(kmsUses).toEqual([
        { role: `${prefix}-whs-seal-console-api`, action: 'kms:Encrypt', condition: { StringEquals: { 'kms:EncryptionContext:purpose': 'webhook-secret' } } },
        {
          role: `${prefix}-whs-open-deliver-webhooks`,
          action: 'kms:Decrypt',
          condition: { StringEquals: { 'kms:EncryptionContext:purpose': 'webhook-secret' } },
        },
      ]);
    }
  });

  it('tells the functions that check or call endpoints that loopback is refused, whatever the configuration', () => {
    for (const deployment of deployments) {
      // Act
      const functions = Object.values(deployment.stateless.findResources('AWS::Lambda::Function') as Resources);
      const told = functions
        .filter((fn) => environmentNames.webhookLoopbackTargets in (fn.Properties.Environment?.Variables ?? {}))
        .map((fn) => [
          String(fn.Properties.FunctionName).replace(`${deployment.config.prefix}-`, ''),
          fn.Properties.Environment.Variables[environmentNames.webhookLoopbackTargets],
        ]);

      // Assess
      expect(told.sort()).toEqual([
        ['console-api', 'refused'],
        ['deliver-webhooks', 'refused'],
      ]);
    }
  });

  it('tells the delivery function, and it alone, that no SMS provider is configured', () => {
    for (const deployment of deployments) {
      // Act
      const functions = Object.values(deployment.stateless.findResources('AWS::Lambda::Function') as Resources);
      const told = functions
        .filter((fn) => environmentNames.smsSink in (fn.Properties.Environment?.Variables ?? {}))
        .map((fn) => [
          String(fn.Properties.FunctionName).replace(`${deployment.config.prefix}-`, ''),
          fn.Properties.Environment.Variables[environmentNames.smsSink],
        ]);

      // Assess
      expect(told).toEqual([['deliver-webhooks', 'unavailable']]);
    }
  });
});
