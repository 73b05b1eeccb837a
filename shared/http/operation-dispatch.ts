/**
 * An API function's dispatch: the route the request came in on names its operation, and the
 * function's table of operations answers it. The table's keys are exactly the operation ids of the
 * function's routes in `shared/topology.ts` (a missing or an extra one does not compile), so a
 * handler never writes a path.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { FunctionName, OperationOf, RouteOf, RouteSpec } from '../topology.ts';
import { routeOf } from './request-input.ts';

/** One operation's answer to a request that came in on its route. */
export type Operation = (event: APIGatewayProxyEvent, route: RouteSpec) => Promise<APIGatewayProxyResult>;

/** A function's operations, one for each of its routes. */
export type Operations<F extends string> = { readonly [Id in OperationOf<F>]: Operation };

/** Answers `event` with the operation of the route of `functionName` it came in on (404 when none). */
export async function dispatch<F extends FunctionName>(
  event: APIGatewayProxyEvent,
  functionName: F,
  operations: Operations<F>,
): Promise<APIGatewayProxyResult> {
  const route = routeOf(event, functionName) as RouteOf<F>;
  return operations[route.operation as OperationOf<F>](event, route);
}
