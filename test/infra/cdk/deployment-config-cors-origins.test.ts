import { describe, expect, it } from 'vitest';
import { DeploymentConfigError, parseDeploymentConfig } from '#infra/cdk/deployment-config.ts';

/** A valid configuration with the given CORS origins. */
const configWith = (publicCorsOrigins: unknown): Record<string, unknown> => ({
  name: 'test-beijing',
  prefix: 'esup-test',
  account: '111122223333',
  region: 'cn-north-1',
  identityProvider: {
    issuer: 'https://idp.example.invalid/realms/city',
    audience: 'console',
    jwksUri: 'https://idp.example.invalid/realms/city/certs',
  },
  departments: [{ id: 'market-regulation', jurisdiction: 'city' }],
  backup: { copyRegion: 'cn-northwest-1' },
  alarm: { email: 'ops@example.invalid' },
  api: {
    throttling: { rateLimit: 10, burstLimit: 20 },
    quota: { limit: 1000, period: 'DAY' },
    waf: { requestsPerCredentialPer5Minutes: 1000, requestsPerIpPer5Minutes: 2000 },
    ...(publicCorsOrigins === undefined ? {} : { publicCorsOrigins }),
  },
  retention: { logDays: 365, dailyBackupDays: 35, monthlyBackupDays: 365 },
});

const problemsOf = (raw: unknown): readonly { field: string; message: string }[] => {
  try {
    parseDeploymentConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
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
