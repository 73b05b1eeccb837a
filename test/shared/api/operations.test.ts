/**
 * The operation table beside the topology: every route's operation has one entry and every entry
 * a route, so the document describes exactly what the API serves.
 */
import { describe, expect, it } from 'vitest';
import { operationPaths } from '#shared/api/openapi-document.ts';
import { operations } from '#shared/api/operations.ts';
import { routes, type RouteSpec } from '#shared/topology.ts';

describe('the operation table', () => {
  it('has an entry for the operation of every route, and no entry without a route', () => {
    // Act
    const routed = routes.map((route) => route.operation).sort();

    // Assess
    expect(Object.keys(operations).sort()).toEqual(routed);
  });

  it('gives every route its own operation id, in camelCase', () => {
    const ids = routes.map((route) => route.operation);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
  });

  it('says every summary in Chinese first, then in English', () => {
    for (const [id, entry] of Object.entries(operations)) expect(entry.summary, id).toMatch(/^[^a-zA-Z]*\p{Script=Han}.* \/ [A-Z'"]/u);
  });

  it('refuses to build the document for a route whose operation has no entry', () => {
    // Prepare: a route added to the topology without its entry
    const added: RouteSpec = { operation: 'listReports', method: 'GET', path: '/v1/reports', function: 'console-api', auth: 'staff', roles: ['auditor'] };

    // Act & Assess
    expect(() => operationPaths([...routes, added])).toThrow(/GET \/v1\/reports names the operation listReports/);
  });
});
