import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi-document.ts';
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
});

describe('the OpenAPI document on classified content', () => {
  const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { description: string }> }>> };

  it('tells every operation with a body that classified content is refused with 422', () => {
    // Act
    const withBodies = Object.values(document.paths).flatMap((methods) => Object.values(methods).filter((operation) => operation.requestBody !== undefined));

    // Assess
    expect(withBodies.length).toBeGreaterThan(20);
    for (const operation of withBodies) expect(operation.responses['422']?.description).toMatch(/classified/i);
  });
});
