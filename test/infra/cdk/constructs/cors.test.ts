/**
 * CORS in the synthesized API: preflight methods on the public complaint resources only, with the
 * deployment's origins, and those origins on the functions serving the routes. The shipped Beijing
 * configuration lists a portal origin; the global one lists none (CORS off). A Beijing deployment
 * with a site, whose pages call the API on its own domain, also allows the site's origin on the
 * staff routes and in the gateway's refusals.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { corsFunctionNames, corsResources } from '#shared/http/cors.ts';
import { publicCors, routes, staffCors } from '#shared/topology.ts';
import { validConfig } from '../deployment-config-mother.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from '../synthesize-deployments.ts';

type Properties = Record<string, any>;

const portal = 'https://ts.ningbo.gov.cn';
const site = 'https://jianc.ningbo.gov.cn';

/** Beijing with a site: the pages on jianc.ningbo.gov.cn call the API on api.jianc.ningbo.gov.cn. */
const chinaSiteConfig = () => {
  const valid = validConfig();
  return parseDeploymentConfig(
    {
      ...valid,
      api: {
        ...valid.api,
        publicCorsOrigins: [portal],
        customDomain: {
          domainName: 'api.jianc.ningbo.gov.cn',
          certificateArn: 'arn:aws-cn:acm:cn-north-1:111122223333:certificate/0b3f6a7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        },
      },
      site: { customDomain: { domainName: 'jianc.ningbo.gov.cn', iamCertificateId: 'ASCAEXAMPLE1234567890' } },
    },
    'china-site.json',
  );
};

let deployments: readonly SynthesizedDeployment[];
let chinaSite: SynthesizedDeployment;
let dispose = (): void => {};
let disposeChinaSite = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments({ securityChecks: false }));
  // With the security checks: each staff preflight's finding must be acknowledged.
  const synthesized = synthesizeDeployments({ configs: [chinaSiteConfig()] });
  chinaSite = synthesized.deployments[0]!;
  disposeChinaSite = synthesized.dispose;
}, 240_000);

afterAll(() => {
  dispose();
  disposeChinaSite();
});

const withOrigins = (): SynthesizedDeployment => {
  const found = deployments.find((deployment) => (deployment.config.api.publicCorsOrigins ?? []).length > 0);
  if (!found) throw new Error('no shipped deployment lists CORS origins');
  return found;
};

const withoutOrigins = (): SynthesizedDeployment => {
  const found = deployments.find((deployment) => (deployment.config.api.publicCorsOrigins ?? []).length === 0);
  if (!found) throw new Error('every shipped deployment lists CORS origins');
  return found;
};

const propertiesOf = (template: Template, type: string): Record<string, Properties> =>
  Object.fromEntries(Object.entries(template.findResources(type)).map(([id, resource]) => [id, (resource as { Properties: Properties }).Properties]));

/** Every method as `METHOD /path`, with its properties. */
const methodsByPath = (template: Template): Map<string, Properties> => {
  const resources = propertiesOf(template, 'AWS::ApiGateway::Resource');
  const pathOf = (id: string | undefined): string => {
    const resource = id === undefined ? undefined : resources[id];
    return resource === undefined ? '' : `${pathOf(resource.ParentId.Ref)}/${resource.PathPart}`;
  };
  return new Map(
    Object.values(propertiesOf(template, 'AWS::ApiGateway::Method')).map((method) => [`${method.HttpMethod} ${pathOf(method.ResourceId.Ref) || '/'}`, method]),
  );
};

const preflightPaths = (template: Template): string[] =>
  [...methodsByPath(template).keys()]
    .filter((key) => key.startsWith('OPTIONS '))
    .map((key) => key.slice('OPTIONS '.length))
    .sort();

const functionVariables = (template: Template): Map<string, Record<string, unknown>> =>
  new Map(Object.values(propertiesOf(template, 'AWS::Lambda::Function')).map((fn) => [String(fn.FunctionName), fn.Environment?.Variables ?? {}]));

describe('CORS of the public complaint routes in the API', () => {
  it('answers preflights on exactly the public complaint resources', () => {
    // Prepare
    const { stateless } = withOrigins();

    // Act
    const paths = preflightPaths(stateless);

    // Assess
    expect(paths).toEqual(
      corsResources(publicCors)
        .map((resource) => resource.path)
        .sort(),
    );
  });

  it('gives no staff or department resource a preflight method without a site whose pages call the API directly', () => {
    // Prepare
    const methods = methodsByPath(withOrigins().stateless);
    const otherPaths = [...new Set(routes.filter((route) => route.auth !== 'public').map((route) => route.path))];

    // Act
    const preflighted = otherPaths.filter((path) => methods.has(`OPTIONS ${path}`));

    // Assess
    expect(otherPaths.length).toBeGreaterThan(10);
    expect(preflighted).toEqual([]);
  });

  it("answers a preflight without Lambda: 204 with the resource's own methods for the configured origins, 403 for any other", () => {
    // Prepare
    const deployment = withOrigins();
    const origins = deployment.config.api.publicCorsOrigins ?? [];
    const methods = methodsByPath(deployment.stateless);

    for (const resource of corsResources(publicCors)) {
      // Act
      const preflight = methods.get(`OPTIONS ${resource.path}`)!;
      const [allowed, refused] = preflight.Integration.IntegrationResponses as Properties[];

      // Assess
      expect(preflight.AuthorizationType).toBe('NONE');
      expect(preflight.Integration.Type).toBe('MOCK');
      const decision = preflight.Integration.RequestTemplates['application/json'] as string;
      for (const origin of origins) expect(decision).toContain(`$origin == "${origin}"`);
      expect(decision).toMatch(/#if\(.*\)\n\{"statusCode": 204\}\n#else\n\{"statusCode": 403\}\n#end$/);
      expect(allowed).toMatchObject({
        StatusCode: '204',
        ResponseParameters: {
          'method.response.header.Access-Control-Allow-Methods': `'${resource.methods.join(',')}'`,
          'method.response.header.Access-Control-Allow-Headers': `'${publicCors.allowedHeaders.join(',')}'`,
          'method.response.header.Access-Control-Max-Age': `'${publicCors.maxAgeSeconds}'`,
          'method.response.header.Vary': "'Origin'",
        },
      });
      expect(allowed?.ResponseTemplates['application/json']).toContain('#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)');
      expect(refused).toMatchObject({ StatusCode: '403', SelectionPattern: '403', ResponseParameters: { 'method.response.header.Vary': "'Origin'" } });
      expect(Object.keys(refused?.ResponseParameters ?? {}).filter((name) => name.includes('Access-Control-'))).toEqual([]);
    }
  });

  it('never allows credentials and never sends CORS headers from the API-wide gateway responses without such a site', () => {
    // Prepare
    const { stateless } = withOrigins();

    // Act
    const text = JSON.stringify(stateless.toJSON());
    const gatewayResponses = Object.values(propertiesOf(stateless, 'AWS::ApiGateway::GatewayResponse'));

    // Assess
    expect(text).not.toContain('Access-Control-Allow-Credentials');
    expect(gatewayResponses.length).toBeGreaterThan(0);
    expect(JSON.stringify(gatewayResponses)).not.toContain('Access-Control-');
  });

  it('tells the origins to the complaint filing and follow-up and to the public endpoints, and to no other function', () => {
    // Prepare
    const deployment = withOrigins();
    const variables = functionVariables(deployment.stateless);

    // Act
    const told = [...variables].filter(([, environment]) => publicCors.environmentName in environment);

    // Assess
    const origins = expect.objectContaining({ [publicCors.environmentName]: (deployment.config.api.publicCorsOrigins ?? []).join(',') });
    expect(told.sort(([a], [b]) => a.localeCompare(b))).toEqual([
      [`${deployment.config.prefix}-complaint-filing`, origins],
      [`${deployment.config.prefix}-complaint-follow-up`, origins],
      [`${deployment.config.prefix}-public-api`, origins],
    ]);
  });

  it('builds no preflight and tells the functions an empty list while a deployment lists no origin', () => {
    // Prepare
    const { stateless } = withoutOrigins();

    // Act
    const paths = preflightPaths(stateless);
    const told = [...functionVariables(stateless).values()].filter((environment) => publicCors.environmentName in environment);

    // Assess
    expect(paths).toEqual([]);
    expect(told.map((environment) => environment[publicCors.environmentName])).toEqual(['', '', '']);
  });

  it('tells every staff function an empty site list and answers no staff preflight outside AWS China', () => {
    // Prepare
    const deployment = deployments.find((candidate) => candidate.config.region === 'ap-southeast-1');
    if (!deployment) throw new Error('no shipped deployment outside AWS China');

    // Act
    const told = [...functionVariables(deployment.stateless)].filter(([, environment]) => staffCors.environmentName in environment);

    // Assess
    expect(told.map(([name]) => name).sort()).toEqual(
      corsFunctionNames(staffCors)
        .map((name) => `${deployment.config.prefix}-${name}`)
        .sort(),
    );
    expect(told.every(([, environment]) => environment[staffCors.environmentName] === '')).toBe(true);
    expect(preflightPaths(deployment.stateless)).toEqual([]);
  });
});

describe('CORS of the staff routes in AWS China, where the pages call the API on its own domain', () => {
  it('answers preflights on exactly the resources of the staff routes and the public complaint routes', () => {
    // Act
    const paths = preflightPaths(chinaSite.stateless);

    // Assess
    expect(paths).toEqual([...corsResources(staffCors), ...corsResources(publicCors)].map((resource) => resource.path).sort());
    expect(paths).not.toContain('/v1/records');
  });

  it("answers a staff preflight without Lambda: 204 with the staff methods for the site's origin only, 403 for any other", () => {
    // Prepare
    const methods = methodsByPath(chinaSite.stateless);

    for (const resource of corsResources(staffCors)) {
      // Act
      const preflight = methods.get(`OPTIONS ${resource.path}`)!;
      const [allowed, refused] = preflight.Integration.IntegrationResponses as Properties[];

      // Assess
      expect(preflight.AuthorizationType).toBe('NONE');
      expect(preflight.Integration.Type).toBe('MOCK');
      const decision = preflight.Integration.RequestTemplates['application/json'] as string;
      expect(decision).toContain(`#if($origin == "${site}")`);
      expect(decision).not.toContain(portal);
      expect(allowed).toMatchObject({
        StatusCode: '204',
        ResponseParameters: {
          'method.response.header.Access-Control-Allow-Origin': `'${site}'`,
          'method.response.header.Access-Control-Allow-Methods': `'${resource.methods.join(',')}'`,
          'method.response.header.Access-Control-Allow-Headers': "'authorization,content-type,accept-language'",
          'method.response.header.Vary': "'Origin'",
        },
      });
      expect(Object.keys(refused?.ResponseParameters ?? {}).filter((name) => name.includes('Access-Control-'))).toEqual([]);
      expect(refused?.ResponseTemplates['application/json']).toContain('工作人员接口');
    }
  });

  it("lets the site's complaint page call the public routes beside the listed portals", () => {
    // Prepare
    const preflight = methodsByPath(chinaSite.stateless).get('OPTIONS /v1/public/complaints')!;

    // Act
    const decision = preflight.Integration.RequestTemplates['application/json'] as string;
    const filing = functionVariables(chinaSite.stateless).get(`${chinaSite.config.prefix}-complaint-filing`)!;

    // Assess
    expect(decision).toContain(`$origin == "${portal}" || $origin == "${site}"`);
    expect(filing[publicCors.environmentName]).toBe(`${portal},${site}`);
  });

  it("tells the site's origin to every staff function and to no other", () => {
    // Act
    const told = [...functionVariables(chinaSite.stateless)].filter(([, environment]) => environment[staffCors.environmentName] === site);

    // Assess
    expect(told.map(([name]) => name).sort()).toEqual(
      corsFunctionNames(staffCors)
        .map((name) => `${chinaSite.config.prefix}-${name}`)
        .sort(),
    );
    expect(told.map(([name]) => name)).not.toContain(`${chinaSite.config.prefix}-ingest-records`);
  });

  it("puts the site's origin on every gateway refusal and the firewall's 429s, never credentials", () => {
    // Act
    const gatewayResponses = Object.values(propertiesOf(chinaSite.stateless, 'AWS::ApiGateway::GatewayResponse'));
    const [webAcl] = Object.values(propertiesOf(chinaSite.stateless, 'AWS::WAFv2::WebACL'));
    const blocks = (webAcl!.Rules as Properties[]).filter((rule) => rule.Action?.Block !== undefined);

    // Assess
    expect(gatewayResponses.map((response) => response.ResponseType).sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    for (const response of gatewayResponses) {
      expect(response.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': `'${site}'`,
        'gatewayresponse.header.Vary': "'Origin'",
      });
    }
    expect(blocks.length).toBeGreaterThan(0);
    for (const rule of blocks) {
      expect(rule.Action.Block.CustomResponse.ResponseHeaders).toEqual([
        { Name: 'Access-Control-Allow-Origin', Value: site },
        { Name: 'Vary', Value: 'Origin' },
      ]);
    }
    expect(JSON.stringify(chinaSite.stateless.toJSON())).not.toContain('Access-Control-Allow-Credentials');
  });
});
