/** Supervision requests and cases (督办, Art. 18 ¶2) for supervisors and liaisons (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
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
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { staffCors } from '#shared/topology.ts';

const observability = createObservability('supervision-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(OversightEnvironment);
const documentClient = createDocumentClient();
const deps: SupervisionDependencies = {
  supervision: new DynamoDbSupervisionRepository(documentClient, env.OVERSIGHT_TABLE, env.CASES_TABLE),
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  calendar: new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE)),
  clock: () => new Date(),
  policy: supervisionPolicyFrom(readEnvironment(SupervisionEnvironment)),
};

const body = <S extends Parameters<typeof parseInput>[0]>(schema: S, event: APIGatewayProxyEvent) =>
  parseInput(schema, parseJsonBody(event, supervisionLimits.maxBodyBytes, screening), '');

const caseNumberOf = (event: APIGatewayProxyEvent): string => parseInput(CaseNumberPath, event.pathParameters ?? {}, '/path').caseNumber;

export async function serveSupervision(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'supervision-api', {
    requestSupervision: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const request = await requestSupervision(principal, body(SupervisionRequestBody, event), deps);
      return jsonResponse(201, supervisionRequestView(request));
    },
    listSupervisionRequests: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const page = await listSupervisionRequests(principal, parseInput(SupervisionListQuery, event.queryStringParameters ?? {}, '/query'), deps);
      return jsonResponse(200, { ...page, items: page.items.map(supervisionRequestView) });
    },
    decideSupervisionRequest: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { requestNumber } = parseInput(RequestNumberPath, event.pathParameters ?? {}, '/path');
      const outcome = await decideSupervisionRequest(principal, requestNumber, body(SupervisionDecisionBody, event), deps);
      return jsonResponse(200, { request: supervisionRequestView(outcome.request), ...(outcome.case ? { case: supervisionCaseView(outcome.case) } : {}) });
    },
    openSupervisionCase: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const opened = await openSupervisionCase(principal, body(SupervisionCaseBody, event), deps);
      return jsonResponse(201, supervisionCaseView(opened));
    },
    listSupervisionCases: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const page = await listSupervisionCases(principal, parseInput(SupervisionCaseListQuery, event.queryStringParameters ?? {}, '/query'), deps);
      return jsonResponse(200, { ...page, items: page.items.map(supervisionCaseView) });
    },
    readSupervisionCase: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const detail = await readSupervisionCase(principal, caseNumberOf(event), deps);
      return jsonResponse(200, { case: supervisionCaseView(detail.case), timeline: detail.timeline.map(timelineStepView) });
    },
    reportSupervisionProgress: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const caseNumber = caseNumberOf(event);
      return jsonResponse(200, supervisionCaseView(await reportSupervisionProgress(principal, caseNumber, body(SupervisionProgressBody, event), deps)));
    },
    extendSupervisionCase: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const caseNumber = caseNumberOf(event);
      return jsonResponse(200, supervisionCaseView(await extendSupervisionCase(principal, caseNumber, body(SupervisionExtensionBody, event), deps)));
    },
    closeSupervisionCase: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const caseNumber = caseNumberOf(event);
      return jsonResponse(200, supervisionCaseView(await closeSupervisionCase(principal, caseNumber, body(SupervisionClosureBody, event), deps)));
    },
  });
}

export const handler = middy(serveSupervision, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
