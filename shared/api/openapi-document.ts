/**
 * The OpenAPI 3.1 document, generated from the zod wire schemas (never written by hand), so the
 * contract served is the contract enforced. OpenAPI 3.1 schemas are JSON Schema 2020-12, which
 * zod emits itself (`z.toJSONSchema`).
 */
import * as z from 'zod';
import { recordFamilies } from '../domain/records/record-families.ts';
import { KindDefinition } from '../domain/configured-kinds/kind-definition.ts';
import { AlertActionBody, AlertPageResponse, AlertView, CaseTimelineResponse } from './console-contract.ts';
import { OfficialStatisticsResponse, StatisticsResponse } from './statistics-contract.ts';
import { IngestBatchResponse, ingestLimits } from './ingest-contract.ts';
import { AuditEntryPageResponse, AuditVerificationResponse } from './audit-contract.ts';
import { CalendarYearBody, CalendarYearsResponse, CalendarYearView } from './calendar-contract.ts';
import { BackTestBody, BackTestResponse, CatalogueResponse, MatterVersionsResponse, MatterVersionView, RecordKindsResponse } from './catalogue-contract.ts';
import { MatterVersionFields } from '../domain/catalogue/matter-version.ts';
import {
  EvaluationVersionsView,
  EvaluationVersionView,
  PublishedEvaluationView,
  PublishedScoringModelView,
  RunEvaluationBody,
  ScoringModelBody,
  ScoringModelVersionsView,
  ScoringTrialView,
  TrialBody,
} from './evaluation-contract.ts';
import { RectificationPageView, RectificationStepBody, RectificationView } from './rectification-contract.ts';
import { IssueMeasureBody, MeasurePageView, MeasureStepBody, MeasureView } from './accountability-contract.ts';
import { EvaluationReportView } from './evaluation-report-contract.ts';
import { CreatedWebhookView, CreateWebhookBody, WebhookDetailView, WebhookListView, WebhookStepBody, WebhookStepView } from './webhook-contract.ts';
import { DraftSpecialReportBody, SpecialReportStepBody, SpecialReportsView, SpecialReportView } from './special-report-contract.ts';
import { DepartmentBody, DepartmentsResponse, DepartmentView, JurisdictionBody, JurisdictionsResponse, JurisdictionView } from './city-structure-contract.ts';
import { ConnectionHealthResponse } from './connection-health-contract.ts';
import { DataQualityResponse } from './data-quality-contract.ts';
import { BucketListingBody, ManifestBody, ReconciliationView } from './reconciliation-contract.ts';
import {
  ComplainantIdentityResponse,
  ComplaintChangedResponse,
  ComplaintDetailResponse,
  ComplaintQueuePageResponse,
  ComplaintSearchBody,
  ComplaintSearchResponse,
  DecisionBody,
  DeliveryBody,
  FiledComplaintResponse,
  FileComplaintBody,
  IdentityBody,
  PublicComplaintStatus,
  RatingBody,
  ReopeningBody,
  ResultBody,
  ReviewBody,
} from './complaint-contract.ts';
import {
  SupervisionCaseBody,
  SupervisionCaseDetailView,
  SupervisionCasePage,
  SupervisionCaseView,
  SupervisionClosureBody,
  SupervisionDecisionBody,
  SupervisionDecisionView,
  SupervisionExtensionBody,
  SupervisionProgressBody,
  SupervisionRequestBody,
  SupervisionRequestPage,
  SupervisionRequestView,
} from './supervision-contract.ts';
import { SecurityEventPageResponse } from './security-contract.ts';
import { gatewayRefusalContentType } from '../http/gateway-refusal.ts';
import { routes, type RouteAuth, type RouteSpec } from '../topology.ts';
import { operations, operationTags, type OperationEntry, type OperationSuccess, type RefusalStatus } from './operations.ts';

/** RFC 9457 problem details, as `shared/http/problem.ts` renders them. */
const Problem = z
  .object({
    type: z
      .url()
      .describe('问题类型：docs/problems.md 中说明它的章节 / The section of docs/problems.md that explains the problem, `…/docs/problems.md#<slug>`'),
    title: z.string().describe('简短说明，默认中文；Accept-Language 偏好英语时为英文 / Short statement, Chinese unless Accept-Language prefers English'),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z
      .string()
      .optional()
      .describe('请求编号（requestContext.requestId，同 x-amzn-RequestId） / The request id (requestContext.requestId, as x-amzn-RequestId)'),
    errors: z.array(z.object({ pointer: z.string().describe('JSON pointer into the request'), detail: z.string() })).optional(),
  })
  .describe('问题详情 / Problem details (RFC 9457); the language follows Accept-Language (zh-CN by default, en on request)');

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `licensing` → `LicensingRecord`: one schema per record family, each strict. */
const recordSchemaName = (kind: string) => `${kind.charAt(0).toUpperCase()}${kind.slice(1)}Record`;
const recordSchemas = () => Object.fromEntries(recordFamilies.map((family) => [recordSchemaName(family.kind), jsonSchema(family.eventSchema, 'input')]));

/**
 * A matter version of each family: the family's matter schema with the version fields added
 * (merged as properties, since strict matter schemas forbid additional ones); `department` and
 * `matterCode` may be omitted, the path names them.
 */
const matterVersionSchemaName = (kind: string) => `${kind.charAt(0).toUpperCase()}${kind.slice(1)}MatterVersion`;
function matterVersionSchemas(): Record<string, JsonSchema> {
  const fields = jsonSchema(MatterVersionFields, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.fromEntries(
    recordFamilies.map((family) => {
      const matter = jsonSchema(family.matterSchema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      const required = [...(matter.required ?? []).filter((name) => name !== 'department' && name !== 'matterCode'), ...(fields.required ?? [])];
      return [matterVersionSchemaName(family.kind), { ...matter, properties: { ...matter.properties, ...fields.properties }, required }];
    }),
  );
}

/** Parameters of an object schema, one per property. */
function parametersOf(schema: z.ZodObject, location: 'query' | 'path'): JsonSchema[] {
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/**
 * API Gateway's refusal body (`shared/http/gateway-refusal.ts`): answered before any function
 * runs, by API Gateway itself or after its authorizer or signature check refused the request.
 */
const GatewayRefusal = {
  type: 'object',
  description: '网关拒绝：请求未到达任何函数 / A refusal by API Gateway before any function ran',
  additionalProperties: false,
  required: ['type', 'title', 'code', 'instance', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri', description: '问题类型：docs/problems.md 中说明它的章节 / The section of docs/problems.md that explains it' },
    title: { type: ['string', 'null'], description: "API 网关的英文说明，无则为 null / API Gateway's own English message; null where it has none" },
    code: {
      type: 'string',
      description:
        "API 网关的响应类型 / API Gateway's response type, e.g. `UNAUTHORIZED`, `ACCESS_DENIED`, `INVALID_SIGNATURE`, `THROTTLED`, `INTEGRATION_TIMEOUT`",
    },
    instance: { type: 'string', description: '请求编号 / The request id' },
    requestId: { type: 'string', description: '请求编号（同 x-amzn-RequestId） / The request id (as x-amzn-RequestId)' },
  },
};

/** A gateway refusal; where the function may refuse with the same status, its problem body too. */
const gatewayRefusal = (description: string, orProblem = false) => ({
  description,
  content: { [gatewayRefusalContentType]: { schema: orProblem ? { anyOf: [ref('GatewayRefusal'), ref('Problem')] } : ref('GatewayRefusal') } },
});

/** The firewall's fixed answer to a request naming a viewer (`x-viewer-address`) without coming through the site: any route. */
const viewerAddressRefusal =
  '；或防火墙拒绝了自称经由网站而来的请求（`viewer-address-not-verified`，`application/json`） / or the firewall refused a request naming a viewer without coming through the site (`viewer-address-not-verified`, as `application/json`)';
const withFirewallRefusal = <T extends { description: string; content: Record<string, unknown> }>(response: T) => ({
  description: `${response.description}${viewerAddressRefusal}`,
  content: { ...response.content, 'application/json': { schema: ref('Problem') } },
});

/** API Gateway's own refusals, described once (`components.responses`) and referred to by each operation. */
const gatewayResponses = {
  StaffTokenRefused: gatewayRefusal('未提供有效令牌，授权方拒绝 / No valid token: the authorizer refused the request (missing, invalid or expired token)'),
  StaffRoleRefused: withFirewallRefusal(
    gatewayRefusal(
      '角色无权调用此操作或缺少第二因素（授权方拒绝，网关拒绝体）；或函数拒绝（问题详情） / The role may not call this operation, or the second factor is missing (the authorizer refused: a gateway refusal); or the function refused it (problem details)',
      true,
    ),
  ),
  SignatureRefused: withFirewallRefusal(
    gatewayRefusal(
      'SigV4 签名缺失或被拒绝，或缺少 API 密钥（网关拒绝体）；或函数拒绝（问题详情） / The SigV4 signature is missing or refused, or the API key is missing (a gateway refusal); or the function refused the request (problem details)',
      true,
    ),
  ),
  ViewerAddressRefused: {
    description:
      '防火墙拒绝了自称经由网站而来的请求（`viewer-address-not-verified`） / The firewall refused a request naming a viewer without coming through the site (`viewer-address-not-verified`)',
    content: { 'application/json': { schema: ref('Problem') } },
  },
  TooManyRequests: {
    description:
      "请求过于频繁，请稍后再试 / Too many requests: API Gateway's throttling (the stage's, or a department's usage plan: a gateway refusal), or the firewall's rate limit per token or address, lower on the public routes (problem details as `application/json`)",
    content: { [gatewayRefusalContentType]: { schema: ref('GatewayRefusal') }, 'application/json': { schema: ref('Problem') } },
  },
  IntegrationFailure: gatewayRefusal('函数未给出有效应答 / The function failed to answer (API Gateway integration failure)'),
  IntegrationTimeout: gatewayRefusal("函数未在网关时限内应答 / The function did not answer within API Gateway's integration timeout"),
} as const;

type GatewayResponseName = keyof typeof gatewayResponses;

/** API Gateway's refusals of an operation, by who may call its route. */
const gatewayRefusalsOf = (auth: RouteAuth): Readonly<Partial<Record<number, GatewayResponseName>>> => ({
  ...(auth === 'staff' ? { 401: 'StaffTokenRefused', 403: 'StaffRoleRefused' } : {}),
  ...(auth === 'department' ? { 403: 'SignatureRefused' } : {}),
  ...(auth === 'public' ? { 403: 'ViewerAddressRefused' } : {}),
  429: 'TooManyRequests',
  502: 'IntegrationFailure',
  504: 'IntegrationTimeout',
});

const securityOf: Readonly<Record<RouteAuth, JsonSchema[] | undefined>> = {
  department: [{ departmentSigV4: [] }],
  staff: [{ staffJwt: [] }],
  public: undefined,
};

function successResponse(success: OperationSuccess): JsonSchema {
  if (success.contentType === 'application/pdf')
    return { description: success.description, content: { 'application/pdf': { schema: { type: 'string', contentEncoding: 'binary' } } } };
  const json = { 'application/json': success.schema === undefined ? {} : { schema: ref(success.schema) } };
  const files = Object.fromEntries(
    (success.files ?? []).map((mediaType) => [
      mediaType,
      { schema: mediaType === 'text/csv' ? { type: 'string' } : { type: 'string', contentEncoding: 'binary' } },
    ]),
  );
  return { description: success.description, content: success.csv === true ? { ...json, 'text/csv': { schema: { type: 'string' } } } : { ...json, ...files } };
}

function responsesOf(route: RouteSpec, entry: OperationEntry): Record<string, unknown> {
  const responses: Record<string, unknown> = { [entry.success.status]: successResponse(entry.success) };
  // Every staff operation parses what it is given before anything else.
  if (route.auth === 'staff') responses['400'] = problem('Invalid request; `errors` names the parameter');
  for (const [status, description] of Object.entries(entry.refusals ?? {})) responses[status] = problem(description);
  for (const [status, name] of Object.entries(gatewayRefusalsOf(route.auth)) as [string, GatewayResponseName][]) {
    const own = entry.refusals?.[Number(status) as RefusalStatus];
    // A status the function answers too keeps its own words beside the gateway's.
    responses[status] =
      own === undefined ? responseRef(name) : { ...responseRef(name), description: `${gatewayResponses[name].description}. 本操作 / This operation: ${own}` };
  }
  return responses;
}

const responseRef = (name: GatewayResponseName) => ({ $ref: `#/components/responses/${name}` });

/** The roles that may call a staff route, said in the description (and as `x-roles`). */
const rolesLine = (roles: readonly string[]): string => `角色 / Roles: ${roles.map((role) => `\`${role}\``).join(', ')}`;

/** One operation: the route's method, path and callers joined with its entry in the operation table. */
function operationObject(route: RouteSpec, entry: OperationEntry): JsonSchema {
  const security = securityOf[route.auth];
  const description = [entry.description, route.roles === undefined ? undefined : rolesLine(route.roles)].filter((part) => part !== undefined).join('\n\n');
  const parameters = [
    ...(entry.path === undefined ? [] : parametersOf(entry.path, 'path')),
    ...(entry.query === undefined ? [] : parametersOf(entry.query, 'query')),
    ...(entry.headers ?? []).map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } })),
  ];
  return {
    operationId: route.operation,
    tags: entry.tags,
    summary: entry.summary,
    ...(description === '' ? {} : { description }),
    ...(security === undefined ? {} : { security }),
    ...(route.roles === undefined ? {} : { 'x-roles': route.roles }),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(entry.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: ref(entry.body) } } } }),
    responses: responsesOf(route, entry),
  };
}

/** The document's paths: every route of the topology with its operation's entry; a route without one is a defect. */
export function operationPaths(
  declared: readonly RouteSpec[] = routes,
  table: Readonly<Record<string, OperationEntry>> = operations,
): Record<string, Record<string, JsonSchema>> {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of declared) {
    const entry = table[route.operation];
    if (entry === undefined)
      throw new Error(`The route ${route.method} ${route.path} names the operation ${route.operation}, which has no entry in the operation table`);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationObject(route, entry);
  }
  return paths;
}

export function buildOpenApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'e-supervision API',
      version: '1.0.0',
      description:
        '行政电子监察：各部门行政行为记录的接入，以及监察人员和部门联络员的工作台。答复中的时刻一律以上海时间书写并带偏移 +08:00（如 2026-11-03T23:59:59.999+08:00）；请求中的时刻可带任何 RFC 3339 偏移（docs/api.md）。 ' +
        "Administrative electronic supervision: ingest of departments' records of administrative acts, and the console for supervisors and department liaisons. " +
        'Every instant an answer carries is written in Shanghai time with its offset +08:00 (e.g. 2026-11-03T23:59:59.999+08:00); instants in requests may carry any RFC 3339 offset (docs/api.md).',
    },
    tags: Object.entries(operationTags).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        departmentSigV4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: "AWS Signature Version 4 (service execute-api) with the department's own IAM role credentials.",
        },
        staffJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'OIDC token of the city identity provider; privileged roles need a second factor (amr).',
        },
      },
      responses: gatewayResponses,
      schemas: {
        Problem: jsonSchema(Problem, 'output'),
        GatewayRefusal,
        ...recordSchemas(),
        IngestBatch: {
          type: 'object',
          additionalProperties: false,
          required: ['records'],
          properties: {
            records: {
              type: 'array',
              minItems: 1,
              maxItems: ingestLimits.maxRecords,
              items: { oneOf: recordFamilies.map((f) => ref(recordSchemaName(f.kind))) },
            },
          },
        },
        IngestBatchResponse: jsonSchema(IngestBatchResponse, 'output'),
        AlertPage: jsonSchema(AlertPageResponse, 'output'),
        Statistics: jsonSchema(StatisticsResponse, 'output'),
        OfficialStatistics: jsonSchema(OfficialStatisticsResponse, 'output'),
        SecurityEventPage: jsonSchema(SecurityEventPageResponse, 'output'),
        CaseTimeline: jsonSchema(CaseTimelineResponse, 'output'),
        Alert: jsonSchema(AlertView, 'output'),
        KindDefinition: jsonSchema(KindDefinition, 'input'),
        RecordKinds: jsonSchema(RecordKindsResponse, 'output'),
        AlertAction: jsonSchema(AlertActionBody, 'input'),
        AuditEntryPage: jsonSchema(AuditEntryPageResponse, 'output'),
        AuditVerification: jsonSchema(AuditVerificationResponse, 'output'),
        CalendarYears: jsonSchema(CalendarYearsResponse, 'output'),
        CalendarYear: jsonSchema(CalendarYearView, 'output'),
        CalendarYearArrangement: jsonSchema(CalendarYearBody, 'input'),
        ...matterVersionSchemas(),
        MatterVersionProposal: { oneOf: recordFamilies.map((family) => ref(matterVersionSchemaName(family.kind))) },
        Catalogue: jsonSchema(CatalogueResponse, 'output'),
        MatterVersions: jsonSchema(MatterVersionsResponse, 'output'),
        MatterVersion: jsonSchema(MatterVersionView, 'output'),
        BackTestRequest: {
          ...jsonSchema(BackTestBody, 'input'),
          properties: {
            proposal: ref('MatterVersionProposal'),
            cases: (jsonSchema(BackTestBody, 'input') as { properties: Record<string, JsonSchema> }).properties['cases'],
          },
        },
        BackTestReport: jsonSchema(BackTestResponse, 'output'),
        // The city's structure.
        Jurisdictions: jsonSchema(JurisdictionsResponse, 'output'),
        Jurisdiction: jsonSchema(JurisdictionView, 'output'),
        JurisdictionChange: jsonSchema(JurisdictionBody, 'input'),
        Departments: jsonSchema(DepartmentsResponse, 'output'),
        Department: jsonSchema(DepartmentView, 'output'),
        ConnectionHealth: jsonSchema(ConnectionHealthResponse, 'output'),
        DataQuality: jsonSchema(DataQualityResponse, 'output'),
        Manifest: jsonSchema(ManifestBody, 'input'),
        ManifestBucketListing: jsonSchema(BucketListingBody, 'input'),
        Reconciliation: jsonSchema(ReconciliationView, 'output'),
        DepartmentChange: jsonSchema(DepartmentBody, 'input'),
        // The efficiency evaluation's scoring models (Art. 20-22, 25).
        ScoringModelProposal: jsonSchema(ScoringModelBody, 'input'),
        PublishedScoringModel: jsonSchema(PublishedScoringModelView, 'output'),
        ScoringModelVersions: jsonSchema(ScoringModelVersionsView, 'output'),
        ScoringTrialRequest: jsonSchema(TrialBody, 'input'),
        ScoringTrial: jsonSchema(ScoringTrialView, 'output'),
        EvaluationRunRequest: jsonSchema(RunEvaluationBody, 'input'),
        EvaluationVersion: jsonSchema(EvaluationVersionView, 'output'),
        EvaluationVersions: jsonSchema(EvaluationVersionsView, 'output'),
        PublishedEvaluation: jsonSchema(PublishedEvaluationView, 'output'),
        // Rectification suggestions (Art. 21, 23).
        RectificationStep: jsonSchema(RectificationStepBody, 'input'),
        Rectification: jsonSchema(RectificationView, 'output'),
        RectificationPage: jsonSchema(RectificationPageView, 'output'),
        // Accountability measures (Art. 23, 24).
        AccountabilityMeasureRequest: jsonSchema(IssueMeasureBody, 'input'),
        AccountabilityStep: jsonSchema(MeasureStepBody, 'input'),
        AccountabilityMeasure: jsonSchema(MeasureView, 'output'),
        AccountabilityMeasurePage: jsonSchema(MeasurePageView, 'output'),
        EvaluationReport: jsonSchema(EvaluationReportView, 'output'),
        // Webhook subscriptions (Art. 18: the system sends signals).
        WebhookSubscriptionRequest: jsonSchema(CreateWebhookBody, 'input'),
        WebhookSubscriptionStep: jsonSchema(WebhookStepBody, 'input'),
        CreatedWebhookSubscription: jsonSchema(CreatedWebhookView, 'output'),
        WebhookSubscriptions: jsonSchema(WebhookListView, 'output'),
        WebhookSubscriptionDetail: jsonSchema(WebhookDetailView, 'output'),
        WebhookSubscriptionStepResult: jsonSchema(WebhookStepView, 'output'),
        // Special reports (Art. 21 ¶2).
        SpecialReportDraftRequest: jsonSchema(DraftSpecialReportBody, 'input'),
        SpecialReportStep: jsonSchema(SpecialReportStepBody, 'input'),
        SpecialReport: jsonSchema(SpecialReportView, 'output'),
        SpecialReports: jsonSchema(SpecialReportsView, 'output'),
        // Complaints (Art. 19).
        FileComplaint: jsonSchema(FileComplaintBody, 'input'),
        FiledComplaint: jsonSchema(FiledComplaintResponse, 'output'),
        ComplaintStatus: jsonSchema(PublicComplaintStatus, 'output'),
        ComplaintRating: jsonSchema(RatingBody, 'input'),
        ComplaintReopening: jsonSchema(ReopeningBody, 'input'),
        ComplaintQueuePage: jsonSchema(ComplaintQueuePageResponse, 'output'),
        ComplaintDetail: jsonSchema(ComplaintDetailResponse, 'output'),
        ComplaintDecision: jsonSchema(DecisionBody, 'input'),
        ComplaintResult: jsonSchema(ResultBody, 'input'),
        ComplaintReview: jsonSchema(ReviewBody, 'input'),
        ComplaintChanged: jsonSchema(ComplaintChangedResponse, 'output'),
        ComplainantIdentityRequest: jsonSchema(IdentityBody, 'input'),
        ComplainantIdentity: jsonSchema(ComplainantIdentityResponse, 'output'),
        NoticeDelivery: jsonSchema(DeliveryBody, 'input'),
        ComplaintSearch: jsonSchema(ComplaintSearchBody, 'input'),
        ComplaintSearchResult: jsonSchema(ComplaintSearchResponse, 'output'),
        // Supervision cases (督办).
        SupervisionRequestBody: jsonSchema(SupervisionRequestBody, 'input'),
        SupervisionRequest: jsonSchema(SupervisionRequestView, 'output'),
        SupervisionRequestPage: jsonSchema(SupervisionRequestPage, 'output'),
        SupervisionDecisionBody: jsonSchema(SupervisionDecisionBody, 'input'),
        SupervisionDecision: jsonSchema(SupervisionDecisionView, 'output'),
        SupervisionCaseBody: jsonSchema(SupervisionCaseBody, 'input'),
        SupervisionCase: jsonSchema(SupervisionCaseView, 'output'),
        SupervisionCasePage: jsonSchema(SupervisionCasePage, 'output'),
        SupervisionCaseDetail: jsonSchema(SupervisionCaseDetailView, 'output'),
        SupervisionProgressBody: jsonSchema(SupervisionProgressBody, 'input'),
        SupervisionExtensionBody: jsonSchema(SupervisionExtensionBody, 'input'),
        SupervisionClosureBody: jsonSchema(SupervisionClosureBody, 'input'),
      },
    },
    paths: withServerProblems(withClassifiedContentRefusals(operationPaths())),
  };
}

const classifiedRefusal =
  'classified content, carrying a marking of state secrets (国家秘密标志, Art. 14): refused, nothing stored; `errors` names the field, never its content';

/**
 * What any function may answer besides its own statuses: 413 and 415 for a body too large or not
 * JSON (where the operation takes one), 503 with `Retry-After` when a dependency
 * is throttled or unavailable or the request ran out of time (safe to send again), and 500 for a
 * defect (the body names nothing internal).
 */
function withServerProblems(paths: Record<string, Record<string, JsonSchema>>): Record<string, Record<string, JsonSchema>> {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations) as { responses?: Record<string, unknown> }[]) {
      if (operation.responses === undefined) continue;
      if ((operation as { requestBody?: unknown }).requestBody !== undefined) {
        operation.responses['413'] ??= problem('The body is larger than the operation accepts');
        operation.responses['415'] ??= problem('The body is not `application/json`');
      }
      operation.responses['500'] ??= problem('Internal error; nothing about it is disclosed');
      operation.responses['503'] ??= {
        ...problem('Busy: a dependency is throttled or unavailable, or the request ran out of time; send the same request again after `Retry-After` seconds'),
        headers: { 'Retry-After': { description: 'Seconds to wait before sending the same request again', schema: { type: 'integer' } } },
      };
    }
  }
  return paths;
}

/** Every operation with a body may be refused for classified content (the body parser screens each one): its 422 says so. */
function withClassifiedContentRefusals(paths: Record<string, Record<string, JsonSchema>>): Record<string, Record<string, JsonSchema>> {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations) as { requestBody?: unknown; responses?: Record<string, { description: string }> }[]) {
      if (operation.requestBody === undefined || operation.responses === undefined) continue;
      const existing = operation.responses['422'];
      if (existing === undefined) operation.responses['422'] = problem(`Refused: ${classifiedRefusal}`);
      else if (!/classified/i.test(existing.description))
        operation.responses['422'] = { ...existing, description: `${existing.description}; or ${classifiedRefusal}` };
    }
  }
  return paths;
}
