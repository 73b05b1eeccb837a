import { describe, expect, it } from 'vitest';
import { findStaffRoute, isRoleAllowed, parseMethodArn } from '#shared/access/route-permissions.ts';
import type { RouteSpec } from '#shared/topology.ts';

const arn = (method: string, path: string, partition = 'aws'): string =>
  `arn:${partition}:execute-api:cn-north-1:123456789012:a1b2c3d4e5/prod/${method}${path}`;

describe('finding the staff route a request targets', () => {
  it('matches path parameters of the case timeline, one segment each', () => {
    // Act
    const route = findStaffRoute(arn('GET', '/v1/cases/market-regulation/licensing/LIC-2026-0001/timeline', 'aws-cn'));

    // Assess
    expect(route).toMatchObject({ method: 'GET', path: '/v1/cases/{department}/{kind}/{caseId}/timeline', auth: 'staff' });
  });

  it('matches a literal path in the local runtime ARN', () => {
    // Act
    const route = findStaffRoute('arn:aws:execute-api:local:000000000000:local/local/GET/v1/alerts');

    // Assess
    expect(route?.path).toBe('/v1/alerts');
  });

  it.each([
    ['another method', arn('POST', '/v1/alerts')],
    ['a missing path parameter', arn('GET', '/v1/cases/market-regulation/LIC-1/timeline')],
    ['an extra segment', arn('GET', '/v1/cases/market-regulation/licensing/LIC-1/timeline/extra')],
    ['an empty path parameter', arn('GET', '/v1/cases//licensing/LIC-1/timeline')],
    ['a prefix of a route', arn('GET', '/v1')],
    ['a trailing slash', arn('GET', '/v1/alerts/')],
    ['a department route', arn('POST', '/v1/records')],
    ['a public route', arn('GET', '/v1/openapi.json')],
    ['an unknown path', arn('GET', '/v1/admin')],
    ['an ARN of another service', 'arn:aws:lambda:cn-north-1:123456789012:function:x/prod/GET/v1/alerts'],
    ['no ARN at all', 'GET /v1/alerts'],
  ])('finds no staff route for %s', (_case, methodArn) => {
    // Act
    const route = findStaffRoute(methodArn);

    // Assess
    expect(route).toBeUndefined();
  });

  it('reads the root resource as no path segments', () => {
    // Act
    const request = parseMethodArn(arn('GET', '/'));

    // Assess
    expect(request).toEqual({ method: 'GET', pathSegments: [] });
  });

  it('matches among the routes it is given', () => {
    // Prepare
    const reports: RouteSpec = { method: 'GET', path: '/v1/reports/{period}', function: 'console-api', auth: 'staff', roles: ['auditor'] };

    // Act
    const route = findStaffRoute(arn('GET', '/v1/reports/2026-q1'), [reports]);

    // Assess
    expect(route).toBe(reports);
  });
});

describe('whether a staff role may call a route', () => {
  const auditorsOnly: RouteSpec = { method: 'GET', path: '/v1/audit', function: 'console-api', auth: 'staff', roles: ['auditor'] };

  it('allows a role the route names', () => {
    expect(isRoleAllowed(auditorsOnly, 'auditor')).toBe(true);
  });

  it('refuses a department liaison on a route that does not name liaisons', () => {
    expect(isRoleAllowed(auditorsOnly, 'departmentLiaison')).toBe(false);
  });

  it('admits nobody to a staff route that names no roles', () => {
    // Prepare
    const { roles: _roles, ...withoutRoles } = auditorsOnly;

    // Assess
    expect(isRoleAllowed(withoutRoles, 'citySupervisor')).toBe(false);
  });

  it('admits no staff role to a route that is not a staff route', () => {
    // Prepare
    const departmentRoute: RouteSpec = { ...auditorsOnly, auth: 'department' };

    // Assess
    expect(isRoleAllowed(departmentRoute, 'auditor')).toBe(false);
  });
});
