/** The security administrator's view: `GET /v1/security-events` (route in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbSecurityEventReader } from '#shared/adapters/dynamodb/dynamodb-security-events.ts';
import { ListSecurityEventsQuery, SecurityEventPageResponse } from '#shared/api/security-contract.ts';
import { listSecurityEvents } from '#shared/application/security/list-security-events.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames, staffCors } from '#shared/topology.ts';

const SecurityApiEnvironment = z.object({ ...tablesEnvironment.security.shape, ...tablesEnvironment.audit.shape });

const observability = createObservability('security-api');
const { middlewares } = observability;
const env = readEnvironment(SecurityApiEnvironment);
const documentClient = createDocumentClient();
const deps = {
  events: new DynamoDbSecurityEventReader(documentClient, env[environmentNames.tables.security]),
  audit: new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]),
};

export async function serveSecurityEvents(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'security-api', {
    listSecurityEvents: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseInput(ListSecurityEventsQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, SecurityEventPageResponse.parse(await listSecurityEvents(principal, query, deps)));
    },
  });
}

export const handler = middy(serveSecurityEvents, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
