/**
 * Supervision requests and cases (督办, Art. 18 ¶2) for supervisors and liaisons, and accountability
 * measures (问责, Art. 23, 24) for supervisors, liaisons and the departments' business systems
 * (routes in `shared/topology.ts`).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { departmentFromCallerArn } from '#shared/access/department-identity.ts';
import type { DepartmentPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAccountabilityStore } from '#shared/adapters/dynamodb/dynamodb-accountability-store.ts';
import { DynamoDbAlertStore } from '#shared/adapters/dynamodb/dynamodb-alert-store.ts';
import { PdfKitNoticeRenderer } from '#shared/adapters/pdf/pdfkit-notice-renderer.ts';
import {
  accountabilityLimits,
  DepartmentMeasurePath,
  IssueMeasureBody,
  ListDepartmentMeasuresQuery,
  ListMeasuresQuery,
  MeasurePath,
  MeasureStepBody,
  measureView,
} from '#shared/api/accountability-contract.ts';
import { DepartmentPath } from '#shared/api/city-structure-contract.ts';
import {
  accountabilityDocument,
  issueAccountabilityMeasure,
  listAccountabilityMeasures,
  readAccountabilityMeasure,
  takeMeasureStep,
  type AccountabilityDependencies,
} from '#shared/application/accountability/manage-accountability-measures.ts';
import type { MeasurePage } from '#shared/application/accountability/accountability-store.ts';
import { NotYourDepartment } from '#shared/domain/access-refusals.ts';
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
import { DepartmentRoleEnvironment, NoticeRenderingEnvironment, OversightEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { EventBusEnvironment } from '#shared/config/function-environment.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { EventBridgeSignalEventPublisher } from '#shared/adapters/eventbridge/eventbridge-signal-event-publisher.ts';
import { SupervisionEnvironment, supervisionPolicyFrom } from '#shared/config/supervision-environment.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse, pdfResponse } from '#shared/http/http-response.ts';
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

const fonts = readEnvironment(NoticeRenderingEnvironment);
const departmentRolePrefix = readEnvironment(DepartmentRoleEnvironment).DEPARTMENT_ROLE_PREFIX;
const accountability: AccountabilityDependencies = {
  // Events go to the cases table's outbox with the measure; the deadline sweep relays any left there.
  measures: new DynamoDbAccountabilityStore(documentClient, env.REFERENCE_TABLE, env.CASES_TABLE),
  events: {
    outbox: new DynamoDbSignalEventOutbox(documentClient, env.CASES_TABLE),
    publisher: new EventBridgeSignalEventPublisher(readEnvironment(EventBusEnvironment).ALERT_EVENT_BUS),
  },
  onPublicationFailed: (error: unknown) =>
    observability.logger.warn('accountability measure events left in the outbox for the sweep', {
      reason: error instanceof Error ? error.message : String(error),
    }),
  alerts: new DynamoDbAlertStore(documentClient, env.CASES_TABLE),
  reference: deps.reference,
  audit: deps.audit,
  calendar: deps.calendar,
  clock: deps.clock,
  renderer: new PdfKitNoticeRenderer(fonts.NOTICE_FONT_FILE === undefined ? {} : { fontFile: fonts.NOTICE_FONT_FILE }),
};

/** The department behind a SigV4-signed request, which must be the one its path names. */
function signingDepartmentOf(event: APIGatewayProxyEvent, pathDepartment: string): DepartmentPrincipal {
  const principal = departmentFromCallerArn(event.requestContext?.identity?.userArn, departmentRolePrefix);
  if (principal.department !== pathDepartment) {
    throw new NotYourDepartment(
      { zh: '只能读取本部门的问责措施', en: "Only the department's own measures" },
      { zh: `签名身份为部门 ${principal.department}，路径为部门 ${pathDepartment}。`, en: `Signed as ${principal.department}, path names ${pathDepartment}.` },
    );
  }
  return principal;
}

const measurePage = (page: MeasurePage) => {
  const now = new Date();
  return { ...page, items: page.items.map((measure) => measureView(measure, now)) };
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
    issueAccountabilityMeasure: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const request = parseInput(IssueMeasureBody, parseJsonBody(event, accountabilityLimits.maxBodyBytes, screening), '');
      const measure = await issueAccountabilityMeasure(principal, request as Parameters<typeof issueAccountabilityMeasure>[1], accountability);
      return jsonResponse(201, measureView(measure, new Date()));
    },
    listAccountabilityMeasures: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseInput(ListMeasuresQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, measurePage(await listAccountabilityMeasures(principal, query, accountability)));
    },
    readAccountabilityMeasure: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { measureNumber } = parseInput(MeasurePath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, measureView(await readAccountabilityMeasure(principal, measureNumber, accountability), new Date()));
    },
    takeAccountabilityStep: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { measureNumber } = parseInput(MeasurePath, event.pathParameters ?? {}, '/path');
      const step = parseInput(MeasureStepBody, parseJsonBody(event, accountabilityLimits.maxBodyBytes, screening), '');
      return jsonResponse(
        200,
        measureView(await takeMeasureStep(principal, measureNumber, step as Parameters<typeof takeMeasureStep>[2], accountability), new Date()),
      );
    },
    readAccountabilityDocument: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { measureNumber } = parseInput(MeasurePath, event.pathParameters ?? {}, '/path');
      return pdfResponse(await accountabilityDocument(principal, measureNumber, accountability), `${measureNumber}.pdf`);
    },
    listDepartmentAccountabilityMeasures: async (event) => {
      const { department } = parseInput(DepartmentPath, event.pathParameters ?? {}, '/path');
      const principal = signingDepartmentOf(event, department);
      const query = parseInput(ListDepartmentMeasuresQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, measurePage(await listAccountabilityMeasures(principal, query, accountability)));
    },
    readDepartmentAccountabilityDocument: async (event) => {
      const { department, measureNumber } = parseInput(DepartmentMeasurePath, event.pathParameters ?? {}, '/path');
      const principal = signingDepartmentOf(event, department);
      return pdfResponse(await accountabilityDocument(principal, measureNumber, accountability), `${measureNumber}.pdf`);
    },
  });
}

export const handler = middy(serveSupervision, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
