/**
 * Function-level authorization for staff routes: which topology route a request targets, and
 * whether a staff role may call it. The roles live on the routes in `shared/topology.ts`.
 */
import { routes } from '../topology.ts';
import type { RouteSpec, StaffRole } from '../topology.ts';

/** The method and concrete path an API Gateway `methodArn` names. */
export interface MethodArnRequest {
  readonly method: string;
  /** Path segments after the method, e.g. `['v1', 'alerts']`; `[]` for the root. */
  readonly pathSegments: readonly string[];
}

/**
 * Parses `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path...>`.
 * Returns `undefined` for anything else.
 */
export const parseMethodArn = (methodArn: string): MethodArnRequest | undefined => {
  const fields = methodArn.split(':');
  if (fields.length < 6 || fields[0] !== 'arn' || fields[2] !== 'execute-api') return undefined;
  // The resource part may itself contain ':' (a path segment can), so rejoin it.
  const [apiId, stage, method, ...pathSegments] = fields.slice(5).join(':').split('/');
  if (!apiId || !stage || !method) return undefined;
  // `.../GET/` names the root resource.
  const segments = pathSegments.length === 1 && pathSegments[0] === '' ? [] : pathSegments;
  return { method, pathSegments: segments };
};

/**
 * The `staff` route whose method and path template match the `methodArn`; a `{param}` template
 * segment matches exactly one non-empty segment. `undefined` when no staff route matches.
 */
export const findStaffRoute = (methodArn: string, candidates: readonly RouteSpec[] = routes): RouteSpec | undefined => {
  const request = parseMethodArn(methodArn);
  if (request === undefined) return undefined;
  return candidates.find(
    (route) => route.auth === 'staff' && route.method === request.method && templateMatches(templateSegments(route.path), request.pathSegments),
  );
};

/** Whether `role` may call `route`. A staff route that names no roles admits nobody. */
export const isRoleAllowed = (route: RouteSpec, role: StaffRole): boolean => route.auth === 'staff' && (route.roles ?? []).includes(role);

const templateSegments = (path: string): readonly string[] => path.split('/').filter((segment) => segment !== '');

const isPathParameter = (segment: string): boolean => /^\{[^{}/]+\}$/.test(segment);

const templateMatches = (template: readonly string[], actual: readonly string[]): boolean =>
  template.length === actual.length &&
  template.every((segment, index) => {
    const value = actual[index] ?? '';
    return isPathParameter(segment) ? value !== '' : segment === value;
  });
