import { describe, expect, it } from 'vitest';
import { findStaffRoute, isRoleAllowed, parseMethodArn } from '#shared/access/route-permissions.ts';
import { routes, type RouteSpec, type StaffRole } from '#shared/topology.ts';

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
    const reports: RouteSpec = {
      operation: 'listReports',
      method: 'GET',
      path: '/v1/reports/{period}',
      function: 'console-api',
      auth: 'staff',
      roles: ['auditor'],
    };

    // Act
    const route = findStaffRoute(arn('GET', '/v1/reports/2026-q1'), [reports]);

    // Assess
    expect(route).toBe(reports);
  });
});

describe('whether a staff role may call a route', () => {
  const auditorsOnly: RouteSpec = { operation: 'readAudit', method: 'GET', path: '/v1/audit', function: 'console-api', auth: 'staff', roles: ['auditor'] };

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

/**
 * Separation of duties (GB/T 22239-2019, level 3: 三权分立): the system administrator administers,
 * the security administrator watches the security events, the auditor reads the audit trail.
 * No role does two of these, and none reaches another's routes.
 */
describe('separation of duties over the topology', () => {
  const administrativeRoles = ['systemAdministrator', 'securityAdministrator', 'auditor'] as const satisfies readonly StaffRole[];
  const routesOf = (role: StaffRole): RouteSpec[] => routes.filter((route) => isRoleAllowed(route, role));
  const name = (route: RouteSpec): string => `${route.method} ${route.path}`;

  it('admits at most one of the system administrator, the security administrator and the auditor to any route', () => {
    // Act
    const shared = routes.filter((route) => administrativeRoles.filter((role) => isRoleAllowed(route, role)).length > 1).map(name);

    // Assess
    expect(shared).toEqual([]);
  });

  it('serves the routes of each of the three by functions that serve none of the other two', () => {
    // Act
    const functionsOf = (role: StaffRole): Set<string> => new Set(routesOf(role).map((route) => route.function));
    const overlaps = administrativeRoles.flatMap((role) =>
      administrativeRoles
        .filter((other) => other !== role)
        .flatMap((other) => [...functionsOf(role)].filter((fn) => functionsOf(other).has(fn)).map((fn) => `${role} and ${other}: ${fn}`)),
    );

    // Assess
    expect(overlaps).toEqual([]);
  });

  it('gives the security administrator its own view and nothing else', () => {
    // Act
    const routesOfSecurity = routesOf('securityAdministrator');

    // Assess
    expect(routesOfSecurity.map(name)).toEqual(['GET /v1/security-events']);
    expect(
      routes.filter((route) => route.function === 'security-api').every((route) => route.roles?.length === 1 && route.roles[0] === 'securityAdministrator'),
    ).toBe(true);
  });

  it('lets the system administrator change the city structure only, and read no business data', () => {
    // Act
    const functionsOfSystem = new Set(routesOf('systemAdministrator').map((route) => route.function));

    // Assess
    expect([...functionsOfSystem]).toEqual(['city-structure-api']);
  });

  it('lets neither the security administrator nor the auditor change anything', () => {
    // Act
    const writes = (['securityAdministrator', 'auditor'] as const).flatMap((role) =>
      routesOf(role)
        .filter((route) => route.method !== 'GET')
        .map((route) => `${role}: ${name(route)}`),
    );

    // Assess
    expect(writes).toEqual([]);
  });
});
