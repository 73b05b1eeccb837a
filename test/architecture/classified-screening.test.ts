/**
 * Every body of every route is screened for classified content in one place (Art. 14): each
 * function that serves a route with a body reads it through `parseJsonBody` (which screens it),
 * with the deployment's markers in its environment, and maps errors through the mapper that
 * raises the security event; no handler reads a request body any other way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions, handlerPath, routes, type FunctionSpec } from '#shared/topology.ts';

const root = join(import.meta.dirname, '..', '..');
const sourceOf = (name: string): string => readFileSync(join(root, handlerPath(name)), 'utf8');

const withBodies = [...new Set(routes.filter((route) => route.method !== 'GET' && route.method !== 'DELETE').map((route) => route.function))].sort();
const serving = [...new Set(routes.map((route) => route.function))].sort();

describe('screening of request bodies for classified content', () => {
  it('knows the functions that take bodies', () => {
    expect(withBodies).toEqual(
      expect.arrayContaining([
        'ingest-records',
        'complaint-filing',
        'complaint-follow-up',
        'complaints-api',
        'supervision-api',
        'console-api',
        'catalogue-api',
        'calendar-api',
        'city-structure-api',
      ]),
    );
  });

  it.each(withBodies)("%s reads its bodies through the screening parser and is given the deployment's markers", (name) => {
    // Prepare
    const spec = (functions as readonly FunctionSpec[]).find((candidate) => candidate.name === name);

    // Act
    const source = sourceOf(name);

    // Assess
    expect(source).toMatch(/parseJsonBody\(event, [\w.]+, screening\)/);
    expect(source).not.toMatch(/parseJsonBody\(event, [\w.]+\)/);
    expect(spec?.settings).toContain('classifiedMarkers');
  });

  it.each(serving)('%s reads no request body itself and maps errors through the mapper that raises security events', (name) => {
    // Act
    const source = sourceOf(name);

    // Assess
    expect(source).not.toMatch(/event\??\.body\b/);
    expect(source).toMatch(/\.use\(httpErrorMapper\(observability\)\)/);
  });
});
