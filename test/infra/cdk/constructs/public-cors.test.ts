/**
 * CORS in the synthesized API: preflight methods on the public complaint resources only, with the
 * deployment's origins, and those origins on the functions serving the routes. The shipped Beijing
 * configuration lists a portal origin; the global one lists none (CORS off).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsResources } from '#shared/http/public-cors.ts';
import { publicCors, routes } from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from '../synthesize-deployments.ts';

type Properties = Record<string, any>;

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments({ securityChecks: false }));
}, 120_000);

afterAll(() => dispose());

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
      corsResources()
        .map((resource) => resource.path)
        .sort(),
    );
  });

  it('gives no staff or department resource a preflight method', () => {
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

    for (const resource of corsResources()) {
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

  it('never allows credentials and never sends CORS headers from the API-wide gateway responses', () => {
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

  it('tells the origins to the complaint filing and follow-up, and to no other function', () => {
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
    ]);
  });

  it('builds no preflight and tells no function while a deployment lists no origin', () => {
    // Prepare
    const { stateless } = withoutOrigins();

    // Act
    const paths = preflightPaths(stateless);
    const told = [...functionVariables(stateless).values()].filter((environment) => publicCors.environmentName in environment);

    // Assess
    expect(paths).toEqual([]);
    expect(told).toEqual([]);
  });
});
