/**
 * What every API handler does first: find the topology route the request came in on, and parse
 * its parts with the wire schemas, turning a refusal into a 400 that names the field.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { routes, type RouteSpec } from '../topology.ts';
import { invalidRequest, InvalidInput } from '../domain/refusal.ts';
import { NoSuchEndpoint } from './errors.ts';
import { fieldErrorsFromZod, validationOptions } from './problem.ts';

/** The route of `functionName` that API Gateway (or the local runtime) matched for this request. */
export function routeOf(event: Pick<APIGatewayProxyEvent, 'resource' | 'httpMethod'>, functionName: string): RouteSpec {
  const route = routes.find((r) => r.path === event.resource && r.method === event.httpMethod && r.function === functionName);
  if (!route) throw new NoSuchEndpoint();
  return route;
}

/** Parses one part of a request (`/path`, `/query`, or the body at ``). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, pointer: string): z.infer<S> {
  const parsed = schema.safeParse(value, validationOptions);
  if (!parsed.success) throw new InvalidInput(invalidRequest, undefined, fieldErrorsFromZod(parsed.error, pointer));
  return parsed.data;
}
