/** Working-day calendar: supervisors read and load the State Council holiday arrangements (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { staffPrincipalFrom } from '#shared/access/staff-principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { CalendarYearBody, CalendarYearPath, calendarLimits } from '#shared/api/calendar-contract.ts';
import { arrangeCalendarYear } from '#shared/application/arrange-calendar-year.ts';
import { listCalendarYears, readCalendarYear } from '#shared/application/read-calendar-years.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { InvalidRequestError, NotFoundError } from '#shared/http/errors.ts';
import { httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { fieldErrorsFromZod } from '#shared/http/problem.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { environmentNames, routes } from '#shared/topology.ts';

const CalendarEnvironment = z.object({ ...tablesEnvironment.reference.shape, ...tablesEnvironment.audit.shape });

const logger = createLogger('calendar-api');
const env = readEnvironment(CalendarEnvironment);
const documentClient = createDocumentClient();
const calendar = new DynamoDbCalendarStore(documentClient, env[environmentNames.tables.reference]);
const audit = new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]);

function parse<S extends z.ZodType>(schema: S, value: unknown, pointer: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidRequestError('Invalid request', undefined, fieldErrorsFromZod(parsed.error, pointer));
  return parsed.data;
}

export async function serveCalendar(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = routes.find((r) => r.path === event.resource && r.method === event.httpMethod && r.function === 'calendar-api');
  if (!route) throw new NotFoundError('No such endpoint');
  const principal = staffPrincipalFrom(event.requestContext?.authorizer, route.roles);
  if (route.path === '/v1/calendar/years') return jsonResponse(200, await listCalendarYears(calendar));
  const { year } = parse(CalendarYearPath, event.pathParameters ?? {}, '/path');
  if (route.method === 'GET') return jsonResponse(200, await readCalendarYear(calendar, year));
  const body = parse(CalendarYearBody, parseJsonBody(event, calendarLimits.maxBodyBytes), '');
  return jsonResponse(200, await arrangeCalendarYear(principal, year, body, { calendar, audit, clock: () => new Date() }));
}

export const handler = middy(serveCalendar).use(httpErrorMapper(logger));
