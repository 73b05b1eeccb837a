import { DeploymentConfigError, parseDeploymentConfig, type DeploymentConfigInput } from '#infra/cdk/deployment-config.ts';

/** A valid configuration to break one field at a time. */
export const validConfig = (): DeploymentConfigInput => ({
  name: 'test-beijing',
  prefix: 'esup-test',
  account: '111122223333',
  region: 'cn-north-1',
  identityProvider: {
    issuer: 'https://idp.example.invalid/realms/city',
    audience: 'console',
    jwksUri: 'https://idp.example.invalid/realms/city/certs',
  },
  city: {
    name: '宁波市',
    issuingOrgan: '宁波市监察委员会',
    jurisdictions: [
      { id: 'haishu', name: '海曙区', kind: 'district', issuingOrgan: '宁波市海曙区监察委员会' },
      { id: 'ninghai', name: '宁海县', kind: 'county', issuingOrgan: '宁海县监察委员会' },
    ],
  },
  departments: [{ id: 'market-regulation', name: '宁波市市场监督管理局', jurisdiction: 'city', connectedKinds: ['licensing', 'penalty'] }],
  departmentCertificates: {
    // A bare id: valid whatever region or account a test moves the configuration to.
    trustAnchor: '0f1e2d3c-4b5a-4697-8877-665544332211',
    issuerCommonName: '宁波市电子政务部门证书 CA',
  },
  backup: { copyRegion: 'cn-northwest-1' },
  alarm: { email: 'ops@example.invalid' },
  api: {
    throttling: { rateLimit: 10, burstLimit: 20 },
    departmentThrottling: { rateLimit: 5, burstLimit: 10 },
    quota: { limit: 1000, period: 'DAY' },
    waf: { requestsPerCredentialPer5Minutes: 1000, requestsPerIpPer5Minutes: 2000 },
  },
  processing: { maxConcurrency: 5 },
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
