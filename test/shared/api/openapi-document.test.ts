import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi-document.ts';
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
