/** Supervision requests and cases (督办, Art. 18 ¶2) for supervisors and liaisons (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalFrom } from '#shared/access/staff-principal.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbSupervisionRepository } from '#shared/adapters/dynamodb/dynamodb-supervision-repository.ts';
import {
  CaseNumberPath,
  RequestNumberPath,
  SupervisionCaseBody,
  SupervisionCaseListQuery,
  SupervisionClosureBody,
  SupervisionDecisionBody,
  SupervisionExtensionBody,
  SupervisionListQuery,
  SupervisionProgressBody,
  SupervisionRequestBody,
  supervisionCaseView,
  supervisionLimits,
  supervisionRequestView,
  timelineStepView,
} from '#shared/api/supervision-contract.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import { closeSupervisionCase } from '#shared/application/supervision/close-supervision-case.ts';
import { decideSupervisionRequest } from '#shared/application/supervision/decide-supervision-request.ts';
import { extendSupervisionCase } from '#shared/application/supervision/extend-supervision-case.ts';
import { listSupervisionCases } from '#shared/application/supervision/list-supervision-cases.ts';
import { listSupervisionRequests } from '#shared/application/supervision/list-supervision-requests.ts';
import { openSupervisionCase } from '#shared/application/supervision/open-supervision-case.ts';
import { readSupervisionCase } from '#shared/application/supervision/read-supervision-case.ts';
import { reportSupervisionProgress } from '#shared/application/supervision/report-supervision-progress.ts';
import { requestSupervision } from '#shared/application/supervision/request-supervision.ts';
import type { SupervisionDependencies } from '#shared/application/supervision/supervision-dependencies.ts';
import { OversightEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { SupervisionEnvironment, supervisionPolicyFrom } from '#shared/config/supervision-environment.ts';
import { NoSuchEndpoint } from '#shared/http/errors.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { parseInput, routeOf } from '#shared/http/request-input.ts';
import { createObservability } from '#shared/observability/function-observability.ts';

const observability = createObservability('supervision-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(OversightEnvironment);
const documentClient = createDocumentClient();
const deps: SupervisionDependencies = {
  supervision: new DynamoDbSupervisionRepository(documentClient, env.OVERSIGHT_TABLE),
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  calendar: new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE)),
  clock: () => new Date(),
  policy: supervisionPolicyFrom(readEnvironment(SupervisionEnvironment)),
};

const body = <S extends Parameters<typeof parseInput>[0]>(schema: S, event: APIGatewayProxyEvent) =>
  parseInput(schema, parseJsonBody(event, supervisionLimits.maxBodyBytes, screening), '');

export async function serveSupervision(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = routeOf(event, 'supervision-api');
  const principal = staffPrincipalFrom(event.requestContext?.authorizer, route.roles);
  const query = event.queryStringParameters ?? {};
  const path = event.pathParameters ?? {};
  switch (`${route.method} ${route.path}`) {
    case 'POST /v1/supervision-requests': {
      const request = await requestSupervision(principal, body(SupervisionRequestBody, event), deps);
      return jsonResponse(201, supervisionRequestView(request));
    }
    case 'GET /v1/supervision-requests': {
      const page = await listSupervisionRequests(principal, parseInput(SupervisionListQuery, query, '/query'), deps);
      return jsonResponse(200, { ...page, items: page.items.map(supervisionRequestView) });
    }
    case 'POST /v1/supervision-requests/{requestNumber}/decision': {
      const { requestNumber } = parseInput(RequestNumberPath, path, '/path');
      const outcome = await decideSupervisionRequest(principal, requestNumber, body(SupervisionDecisionBody, event), deps);
      return jsonResponse(200, { request: supervisionRequestView(outcome.request), ...(outcome.case ? { case: supervisionCaseView(outcome.case) } : {}) });
    }
    case 'POST /v1/supervision-cases': {
      const opened = await openSupervisionCase(principal, body(SupervisionCaseBody, event), deps);
      return jsonResponse(201, supervisionCaseView(opened));
    }
    case 'GET /v1/supervision-cases': {
      const page = await listSupervisionCases(principal, parseInput(SupervisionCaseListQuery, query, '/query'), deps);
      return jsonResponse(200, { ...page, items: page.items.map(supervisionCaseView) });
    }
    case 'GET /v1/supervision-cases/{caseNumber}': {
      const { caseNumber } = parseInput(CaseNumberPath, path, '/path');
      const detail = await readSupervisionCase(principal, caseNumber, deps);
      return jsonResponse(200, { case: supervisionCaseView(detail.case), timeline: detail.timeline.map(timelineStepView) });
    }
    case 'POST /v1/supervision-cases/{caseNumber}/progress': {
      const { caseNumber } = parseInput(CaseNumberPath, path, '/path');
      return jsonResponse(200, supervisionCaseView(await reportSupervisionProgress(principal, caseNumber, body(SupervisionProgressBody, event), deps)));
    }
    case 'POST /v1/supervision-cases/{caseNumber}/extension': {
      const { caseNumber } = parseInput(CaseNumberPath, path, '/path');
      return jsonResponse(200, supervisionCaseView(await extendSupervisionCase(principal, caseNumber, body(SupervisionExtensionBody, event), deps)));
    }
    case 'POST /v1/supervision-cases/{caseNumber}/closure': {
      const { caseNumber } = parseInput(CaseNumberPath, path, '/path');
      return jsonResponse(200, supervisionCaseView(await closeSupervisionCase(principal, caseNumber, body(SupervisionClosureBody, event), deps)));
    }
    default:
      throw new NoSuchEndpoint();
  }
}

export const handler = middy(serveSupervision, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
