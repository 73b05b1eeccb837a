/**
 * The configuration of overload: how many batches the queue's consumer works on at once (the SQS
 * event source's maximum concurrency, 2–1000) and each department's own throttle, which may not
 * exceed the whole API's.
 */
import { describe, expect, it } from 'vitest';
import { loadDeploymentConfigs, parseDeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { problemsOf, validConfig } from './deployment-config-mother.ts';

describe('processing.maxConcurrency', () => {
  it.each([2, 5, 1000])('accepts %i batches at once', (maxConcurrency) => {
    // Act
    const config = parseDeploymentConfig({ ...validConfig(), processing: { maxConcurrency } }, 'test.json');

    // Assess
    expect(config.processing.maxConcurrency).toBe(maxConcurrency);
  });

  it.each([
    [1, /at least 2/],
    [1001, /at most 1000/],
    [2.5, /expected int/],
  ])('refuses %s, which an SQS event source does not accept', (maxConcurrency, message) => {
    // Act
    const problems = problemsOf({ ...validConfig(), processing: { maxConcurrency } });

    // Assess
    expect(problems).toEqual([{ field: 'processing.maxConcurrency', message: expect.stringMatching(message) }]);
  });

  it('refuses a configuration without it, naming the field', () => {
    // Prepare
    const { processing: _processing, ...withoutProcessing } = validConfig();

    // Act
    const problems = problemsOf(withoutProcessing);

    // Assess
    expect(problems.map((problem) => problem.field)).toEqual(['processing']);
  });
});

describe('api.departmentThrottling', () => {
  it('accepts a department limit up to the whole API’s', () => {
    // Prepare
    const base = validConfig();

    // Act
    const config = parseDeploymentConfig({ ...base, api: { ...base.api, departmentThrottling: { ...base.api.throttling } } }, 'test.json');

    // Assess
    expect(config.api.departmentThrottling).toEqual(base.api.throttling);
  });

  it('refuses a department rate or burst above the whole API’s, naming each field', () => {
    // Prepare
    const base = validConfig();
    const departmentThrottling = { rateLimit: base.api.throttling.rateLimit + 1, burstLimit: base.api.throttling.burstLimit + 1 };

    // Act
    const problems = problemsOf({ ...base, api: { ...base.api, departmentThrottling } });

    // Assess
    expect(problems.map((problem) => problem.field)).toEqual(['api.departmentThrottling.rateLimit', 'api.departmentThrottling.burstLimit']);
    expect(problems[0]?.message).toMatch(/at most api\.throttling\.rateLimit \(10\)/);
  });

  it('keeps every shipped department below the whole API', () => {
    for (const config of loadDeploymentConfigs()) {
      expect(config.api.departmentThrottling.rateLimit).toBeLessThan(config.api.throttling.rateLimit);
      expect(config.api.departmentThrottling.burstLimit).toBeLessThan(config.api.throttling.burstLimit);
    }
  });
});
