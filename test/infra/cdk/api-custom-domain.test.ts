import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { problemsOf, validConfig } from './deployment-config-mother.ts';
import { synthesizeDeployments, type SynthesizedApp } from './synthesize-deployments.ts';

type Resources = Record<string, { Properties: Record<string, any> }>;

const certificateArn = 'arn:aws-cn:acm:cn-north-1:111122223333:certificate/0b3f6a7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

/** A valid configuration with the given custom domain (or none). */
const configWith = (customDomain: unknown): Record<string, unknown> => {
  const valid = validConfig();
  return { ...valid, api: { ...valid.api, ...(customDomain === undefined ? {} : { customDomain }) } };
};

let synthesized: SynthesizedApp;

beforeAll(() => {
  synthesized = synthesizeDeployments({
    configs: [
      parseDeploymentConfig(configWith({ domainName: 'api.jianc.ningbo.gov.cn', certificateArn }), 'with-domain.json'),
      parseDeploymentConfig({ ...configWith(undefined), name: 'test-plain', prefix: 'esup-plain' }, 'without-domain.json'),
    ],
  });
}, 120_000);

afterAll(() => synthesized?.dispose());

describe('API custom domain', () => {
  it('serves the API on its own domain only, TLS 1.2 at least, with the default execute-api endpoint disabled', () => {
    // Prepare
    const [withDomain] = synthesized.deployments;
    const template = withDomain!.stateless;

    // Act
    const [api] = Object.values(template.findResources('AWS::ApiGateway::RestApi') as Resources);
    const domains = Object.values(template.findResources('AWS::ApiGateway::DomainName') as Resources);
    const mappings = Object.values(template.findResources('AWS::ApiGateway::BasePathMapping') as Resources);

    // Assess
    expect(api!.Properties.DisableExecuteApiEndpoint).toBe(true);
    expect(domains).toHaveLength(1);
    expect(domains[0]!.Properties).toMatchObject({
      DomainName: 'api.jianc.ningbo.gov.cn',
      RegionalCertificateArn: certificateArn,
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
    expect(mappings).toHaveLength(1);
    expect(template.findOutputs('ApiUrl')['ApiUrl']?.Value).toBe('https://api.jianc.ningbo.gov.cn/');
  });

  it('keeps the default endpoint when no domain is configured (cdk-nag stays clean either way)', () => {
    // Prepare
    const [, withoutDomain] = synthesized.deployments;

    // Act
    const [api] = Object.values(withoutDomain!.stateless.findResources('AWS::ApiGateway::RestApi') as Resources);

    // Assess
    expect(api!.Properties.DisableExecuteApiEndpoint).toBeUndefined();
    expect(withoutDomain!.stateless.findResources('AWS::ApiGateway::DomainName')).toEqual({});
  });

  it.each([
    [{ domainName: 'API.Example.gov.cn', certificateArn }, 'api.customDomain.domainName'],
    [{ domainName: 'api.jianc.ningbo.gov.cn', certificateArn: 'arn:aws-cn:iam::111122223333:server-certificate/x' }, 'api.customDomain.certificateArn'],
  ])('refuses a malformed domain setting, naming the field', (customDomain, field) => {
    // Act
    const problems = problemsOf(configWith(customDomain));

    // Assess
    expect(problems.map((problem) => problem.field)).toEqual([field]);
  });
});
