import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi-document.ts';
import { gatewayRefusalBody } from '#shared/http/gateway-refusal.ts';
import { renderProblem } from '#shared/http/problem.ts';
import { routes } from '#shared/topology.ts';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { security?: unknown[] }>>; components: { schemas: Record<string, any> } };

  it('documents exactly the routes of the topology', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('states the security of each route as the topology declares it', () => {
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      const expected = route.auth === 'department' ? [{ departmentSigV4: [] }] : route.auth === 'staff' ? [{ staffJwt: [] }] : undefined;
      expect(operation?.security).toEqual(expected);
    }
  });

  it("names each route's operation, with its tags and the roles a staff route admits", () => {
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()] as Record<string, unknown>;
      expect(operation['operationId']).toBe(route.operation);
      expect((operation['tags'] as string[]).length).toBeGreaterThan(0);
      expect(operation['x-roles']).toEqual(route.roles);
      if (route.roles) for (const role of route.roles) expect(operation['description']).toContain(role);
    }
  });

  it('derives the record schema from the zod contract, refusing unknown fields', () => {
    const licensing = document.components.schemas['LicensingRecord'];
    const variants = licensing.oneOf ?? licensing.anyOf;
    expect(variants.length).toBeGreaterThanOrEqual(9);
    expect(variants.every((v: { additionalProperties?: boolean }) => v.additionalProperties === false)).toBe(true);
  });

  it('describes the problem body as the error mapper writes it: type, title, status, detail, instance, errors', () => {
    // Prepare: a body with every field, as a caller gets it
    const rendered = renderProblem(
      {
        slug: 'invalid-request',
        status: 400,
        title: { zh: '请求无效', en: 'Invalid request' },
        detail: { zh: '说明', en: 'why' },
        errors: [{ pointer: '/x', detail: { zh: '必填', en: 'required' } }],
      },
      'zh-CN',
      'request-1',
    );

    // Assess
    const schema = document.components.schemas['Problem'];
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(rendered).sort());
    expect(schema.required.sort()).toEqual(['status', 'title', 'type']);
    expect(schema.properties.type.format).toBe('uri');
    expect(schema.properties.type.description).toContain('docs/problems.md');
    expect(Object.keys(schema.properties.errors.items.properties).sort()).toEqual(Object.keys(rendered.errors![0]!).sort());
  });

  it("gives a refused record's problem its type in the batch verdicts", () => {
    const problem = document.components.schemas['IngestBatchResponse'].properties.results.items.properties.problem;
    expect(problem.required).toContain('type');
    expect(Object.keys(problem.properties)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'errors']));
  });
});

describe('the OpenAPI document on classified content', () => {
  const document = buildOpenApiDocument() as {
    paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { description: string }> }>>;
  };

  it('tells every operation with a body that classified content is refused with 422', () => {
    // Act
    const withBodies = Object.values(document.paths).flatMap((methods) => Object.values(methods).filter((operation) => operation.requestBody !== undefined));

    // Assess
    expect(withBodies.length).toBeGreaterThan(20);
    for (const operation of withBodies) expect(operation.responses['422']?.description).toMatch(/classified/i);
  });
});

describe("the OpenAPI document on API Gateway's own refusals", () => {
  type Response = { $ref?: string; description?: string; content?: Record<string, { schema: unknown }> };
  const document = buildOpenApiDocument() as {
    paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
    components: { responses: Record<string, Response>; schemas: Record<string, any> };
  };
  const responsesOf = (method: string, path: string) => document.paths[path]![method.toLowerCase()]!.responses;
  const refOf = (response: Response | undefined) => response?.$ref?.replace('#/components/responses/', '');

  it('refers each operation to the refusals of its kind of caller: 401 and 403 for staff, 403 for departments and the public, 429, 502 and 504 for all', () => {
    for (const route of routes) {
      const responses = responsesOf(route.method, route.path);
      const expected: Record<string, string | undefined> = {
        401: route.auth === 'staff' ? 'StaffTokenRefused' : undefined,
        // The public's 403 is the firewall's alone: a request naming a viewer without coming through the site.
        403: route.auth === 'staff' ? 'StaffRoleRefused' : route.auth === 'department' ? 'SignatureRefused' : 'ViewerAddressRefused',
        429: 'TooManyRequests',
        502: 'IntegrationFailure',
        504: 'IntegrationTimeout',
      };
      for (const [status, name] of Object.entries(expected)) expect(refOf(responses[status]), `${route.method} ${route.path} ${status}`).toBe(name);
    }
  });

  it("keeps an operation's own words beside the gateway's where its function refuses with the same status", () => {
    expect(responsesOf('POST', '/v1/records')['403']?.description).toMatch(/names another department/);
  });

  it('describes the body API Gateway sends as the gateway refusal schema, and the firewall body as a problem', () => {
    // Prepare: the bodies as the gateway responses and the firewall send them
    const refusal = JSON.parse(gatewayRefusalBody({ message: null, responseType: 'INTEGRATION_TIMEOUT', requestId: 'r-1' })) as Record<string, unknown>;
    const schema = document.components.schemas['GatewayRefusal'];

    // Assess
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(refusal).sort());
    expect(schema.required.sort()).toEqual(Object.keys(refusal).sort());
    expect(document.components.responses['IntegrationTimeout']?.content?.['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/GatewayRefusal',
    });
    expect(document.components.responses['TooManyRequests']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    for (const name of ['StaffRoleRefused', 'SignatureRefused', 'ViewerAddressRefused']) {
      expect(document.components.responses[name]?.content?.['application/json']?.schema, name).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });

  it('refers only to schemas and responses it describes', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(100);
    for (const [, kind, name] of refs) expect((document.components as Record<string, Record<string, unknown>>)[kind!]![name!], `${kind}/${name}`).toBeDefined();
  });
});
