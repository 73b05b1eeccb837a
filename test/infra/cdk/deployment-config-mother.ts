import { DeploymentConfigError, parseDeploymentConfig, type DeploymentConfig } from '#infra/cdk/deployment-config.ts';

/** A valid configuration to break one field at a time. */
export const validConfig = (): DeploymentConfig => ({
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
  },
  retention: { logDays: 365, dailyBackupDays: 35, monthlyBackupDays: 365 },
});

/** The problems a configuration is refused with (fails the test when it is accepted). */
export const problemsOf = (raw: unknown): readonly { field: string; message: string }[] => {
  try {
    parseDeploymentConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
};
