/** Working-day calendar: supervisors read and load the State Council holiday arrangements (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { CalendarYearBody, CalendarYearPath, CalendarYearsResponse, CalendarYearView, calendarLimits } from '#shared/api/calendar-contract.ts';
import { arrangeCalendarYear } from '#shared/application/arrange-calendar-year.ts';
import { listCalendarYears, readCalendarYear } from '#shared/application/read-calendar-years.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames, staffCors } from '#shared/topology.ts';

const CalendarEnvironment = z.object({ ...tablesEnvironment.reference.shape, ...tablesEnvironment.audit.shape });

const observability = createObservability('calendar-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(CalendarEnvironment);
const documentClient = createDocumentClient();
const calendar = new DynamoDbCalendarStore(documentClient, env[environmentNames.tables.reference]);
const audit = new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]);

export async function serveCalendar(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'calendar-api', {
    listCalendarYears: async (event, route) => {
      staffPrincipalOf(event, route); // Refuses a caller the route does not admit, though the read needs no scope.
      return jsonResponse(200, CalendarYearsResponse.parse(await listCalendarYears(calendar)));
    },
    readCalendarYear: async (event, route) => {
      staffPrincipalOf(event, route); // Refuses a caller the route does not admit, though the read needs no scope.
      const { year } = parseInput(CalendarYearPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, CalendarYearView.parse(await readCalendarYear(calendar, year)));
    },
    arrangeCalendarYear: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { year } = parseInput(CalendarYearPath, event.pathParameters ?? {}, '/path');
      const body = parseInput(CalendarYearBody, parseJsonBody(event, calendarLimits.maxBodyBytes, screening), '');
      return jsonResponse(200, CalendarYearView.parse(await arrangeCalendarYear(principal, year, body, { calendar, audit, clock: () => new Date() })));
    },
  });
}

export const handler = middy(serveCalendar, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
