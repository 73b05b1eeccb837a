import { describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { problemsOf, validConfig } from './deployment-config-mother.ts';

/** A valid configuration with the given CORS origins. */
const configWith = (publicCorsOrigins: unknown): Record<string, unknown> => {
  const valid = validConfig();
  return { ...valid, api: { ...valid.api, ...(publicCorsOrigins === undefined ? {} : { publicCorsOrigins }) } };
};

describe('deployment configuration: CORS origins of the public complaint routes', () => {
  it('keeps CORS off when a deployment lists no origin', () => {
    // Act
    const config = parseDeploymentConfig(configWith(undefined), 'test.json');

    // Assess
    expect(config.api.publicCorsOrigins).toBeUndefined();
  });

  it('normalises each listed portal origin to the form browsers send', () => {
    // Act
    const config = parseDeploymentConfig(configWith(['HTTPS://TS.Ningbo.gov.cn:443/', 'https://www.ningbo.gov.cn']), 'test.json');

    // Assess
    expect(config.api.publicCorsOrigins).toEqual(['https://ts.ningbo.gov.cn', 'https://www.ningbo.gov.cn']);
  });

  it.each([
    ['*', /wildcard/],
    ['http://ts.ningbo.gov.cn', /https/],
    ['https://ts.ningbo.gov.cn/complaint-form', /no path/],
    ['null', /opaque/],
  ])('refuses %s, naming the entry', (origin, message) => {
    // Act
    const problems = problemsOf(configWith(['https://ts.ningbo.gov.cn', origin]));

    // Assess
    expect(problems).toEqual([{ field: 'api.publicCorsOrigins[1]', message: expect.stringMatching(message) }]);
  });
});
