/**
 * What the local runtime reads from the synthesized templates about the queue's consumer: its
 * batches in flight come from the event source mapping's maximum concurrency, which the stack
 * takes from the configuration.
 */
import { describe, expect, it } from 'vitest';
import { eventSourceConcurrencyOf, readLocalDeployment, UnsupportedDeploymentError } from '#infra/local/deployment/local-deployment.ts';
import { synthesizeStage } from '#infra/local/deployment/synthesize-stage.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';

const environment = { partition: 'aws-cn', region: 'cn-north-1', account: '000000000000', sqsEndpoint: 'http://127.0.0.1:9999' };

describe('the event source of the records queue, as the local runtime reads it', () => {
  it('takes the maximum concurrency the configuration gives the stack', { timeout: 60_000 }, () => {
    // Prepare
    const base = loadLocalDeploymentConfig();
    const config = { ...base, prefix: 'esup-local', processing: { maxConcurrency: 7 } };

    // Act
    const deployment = readLocalDeployment(synthesizeStage(config), environment, config.prefix);

    // Assess
    expect(eventSourceConcurrencyOf(deployment, 'esup-local-process-records')).toBe(7);
  });

  it('refuses a function without a queue, or a mapping without a limit, naming the function', () => {
    // Prepare
    const deployment = { eventSources: [{ functionName: 'esup-local-process-records', queueArn: 'arn', batchSize: 10 }] };

    // Act / Assess
    expect(() => eventSourceConcurrencyOf(deployment, 'esup-local-process-records')).toThrow(UnsupportedDeploymentError);
    expect(() => eventSourceConcurrencyOf(deployment, 'esup-local-ingest-records')).toThrow(/esup-local-ingest-records/);
  });
});
