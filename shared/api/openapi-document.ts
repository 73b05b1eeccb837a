/**
 * The OpenAPI 3.1 document, generated from the zod wire schemas (never written by hand), so the
 * contract served is the contract enforced. OpenAPI 3.1 schemas are JSON Schema 2020-12, which
 * zod emits itself (`z.toJSONSchema`).
 */
import * as z from 'zod';
import { recordFamilies } from '../domain/records/record-families.ts';
import { KindDefinition } from '../domain/configured-kinds/kind-definition.ts';
import {
  AlertActionBody,
  AlertActionPath,
  AlertPageResponse,
  AlertPath,
  AlertView,
  CaseTimelinePath,
  CaseTimelineResponse,
  ListAlertsQuery,
} from './console-contract.ts';
import { IngestBatchResponse, ingestLimits } from './ingest-contract.ts';
import { AuditEntryPageResponse, auditPageLimits, AuditVerificationQuery, AuditVerificationResponse, ListAuditEntriesQuery } from './audit-contract.ts';
import { CalendarYearBody, CalendarYearPath, CalendarYearsResponse, CalendarYearView } from './calendar-contract.ts';
import {
  BackTestBody,
  BackTestResponse,
  CataloguePath,
  CatalogueResponse,
  catalogueLimits,
  MatterPath,
  MatterVersionsResponse,
  MatterVersionView,
  RecordKindPath,
} from './catalogue-contract.ts';
import { MatterVersionFields } from '../domain/catalogue/matter-version.ts';
import {
  DepartmentBody,
  DepartmentPath,
  DepartmentsResponse,
  DepartmentView,
  JurisdictionBody,
  JurisdictionPath,
  JurisdictionsResponse,
  JurisdictionView,
  ListDepartmentsQuery,
} from './city-structure-contract.ts';
import {
  ComplainantIdentityResponse,
  ComplaintChangedResponse,
  ComplaintDetailResponse,
  complaintLimits,
  ComplaintNoticePath,
  ComplaintPath,
  ComplaintQueuePageResponse,
  ComplaintSearchBody,
  ComplaintSearchResponse,
  DecisionBody,
  DeliveryBody,
  FiledComplaintResponse,
  FileComplaintBody,
  IdentityBody,
  ListComplaintsQuery,
  PublicComplaintPath,
  PublicComplaintStatus,
  PublicNoticePath,
  RatingBody,
  ReopeningBody,
  ResultBody,
  ReviewBody,
} from './complaint-contract.ts';
import {
  CaseNumberPath,
  RequestNumberPath,
  SupervisionCaseBody,
  SupervisionCaseDetailView,
  SupervisionCaseListQuery,
  SupervisionCasePage,
  SupervisionCaseView,
  SupervisionClosureBody,
  SupervisionDecisionBody,
  SupervisionDecisionView,
  SupervisionExtensionBody,
  SupervisionListQuery,
  SupervisionProgressBody,
  SupervisionRequestBody,
  SupervisionRequestPage,
  SupervisionRequestView,
  supervisionLimits,
} from './supervision-contract.ts';
import { ListSecurityEventsQuery, SecurityEventPageResponse, securityEventPageLimits } from './security-contract.ts';

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
function parameters(schema: z.ZodObject, location: 'query' | 'path'): JsonSchema[] {
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const json = (description: string, schemaName: string) => ({ description, content: { 'application/json': { schema: ref(schemaName) } } });
const staffErrors = {
  400: problem('Invalid request; `errors` names the parameter'),
  401: problem('No valid token'),
  403: problem('Role not allowed on this route, or second factor missing'),
};

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
      schemas: {
        Problem: jsonSchema(Problem, 'output'),
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
        SecurityEventPage: jsonSchema(SecurityEventPageResponse, 'output'),
        CaseTimeline: jsonSchema(CaseTimelineResponse, 'output'),
        Alert: jsonSchema(AlertView, 'output'),
        KindDefinition: jsonSchema(KindDefinition, 'input'),
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
        DepartmentChange: jsonSchema(DepartmentBody, 'input'),
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
    paths: withServerProblems(
      withClassifiedContentRefusals({
        '/v1/records': {
          post: {
            summary: 'Push a batch of records of administrative acts',
            description: `At most ${ingestLimits.maxRecords} records and ${ingestLimits.maxBodyBytes} bytes. The department is the signing identity's; a record naming another department refuses the whole batch (403). Classified records are refused (422) and never stored. Re-sending a record is harmless (verdict \`duplicate\`).`,
            security: [{ departmentSigV4: [] }],
            requestBody: { required: true, content: { 'application/json': { schema: ref('IngestBatch') } } },
            responses: {
              202: json('A verdict per record; accepted and duplicate records are queued for processing', 'IngestBatchResponse'),
              400: problem('Malformed batch, or every record invalid'),
              403: problem('Not a department identity, or a record names another department'),
              413: problem('Body too large'),
              415: problem('Not application/json'),
              422: problem('No record accepted (unknown matter code, classified content, reused sequence)'),
              429: problem("Rate above the department's plan"),
              503: problem('Temporarily unavailable; retry the same batch'),
            },
          },
        },
        '/v1/alerts': {
          get: {
            summary: "Alerts in the caller's jurisdiction, newest first",
            description:
              'City supervisors see every district, district supervisors their district, liaisons their department. `limit` is clamped to 1..100; `cursor` comes from the previous page.',
            security: [{ staffJwt: [] }],
            parameters: parameters(ListAlertsQuery, 'query'),
            responses: { 200: json('A page of alerts', 'AlertPage'), ...staffErrors, 404: problem("Department not in the caller's jurisdiction") },
          },
        },
        '/v1/cases/{department}/{kind}/{caseId}/timeline': {
          get: {
            summary: "A case's events, state, deadlines and alerts",
            security: [{ staffJwt: [] }],
            parameters: parameters(CaseTimelinePath, 'path'),
            responses: { 200: json('The timeline', 'CaseTimeline'), ...staffErrors, 404: problem("No such case in the caller's jurisdiction") },
          },
        },
        '/v1/cases/{department}/{kind}/{caseId}/alerts/{ruleId}': {
          get: {
            summary: '读取一条预警（含处置时须提交的版本号） / Read one alert, with the version an action must send',
            description: "An alert outside the caller's jurisdiction answers 404, as one that does not exist (the attempt is audited).",
            security: [{ staffJwt: [] }],
            parameters: parameters(AlertPath, 'path'),
            responses: { 200: json('The alert', 'Alert'), ...staffErrors, 404: problem("No such alert in the caller's jurisdiction") },
          },
        },
        '/v1/cases/{department}/{kind}/{caseId}/alerts/{ruleId}/actions': {
          post: {
            summary: 'Act on an alert: acknowledge, respond or dispute (liaison); close or rule on a dispute (supervisor)',
            description:
              "`expectedVersion` is the version the caller read; if the alert changed since, the answer is 409 and nothing is written. An action the alert's status does not allow is also 409.",
            security: [{ staffJwt: [] }],
            parameters: parameters(AlertActionPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('AlertAction') } } },
            responses: {
              200: json('The alert after the action', 'Alert'),
              ...staffErrors,
              404: problem("No such alert in the caller's jurisdiction"),
              409: problem("Stale version, or the action is not possible in the alert's status"),
            },
          },
        },
        '/v1/audit/entries': {
          get: {
            summary:
              "审计记录：某日的条目，可按操作者、操作、对象筛选（仅审计员） / Audit trail: one UTC day's entries, filtered by actor, action (or its start) and object (auditors only)",
            description: `Oldest first; \`limit\` is clamped to 1..${auditPageLimits.max}. A filter is applied to the day's entries as they are read (at most 2,000 per request): a rare filter may answer a short or empty page with \`nextCursor\`; follow it. Every read is itself audited (\`audit.entries.read\`). Any other role: 403.`,
            security: [{ staffJwt: [] }],
            parameters: parameters(ListAuditEntriesQuery, 'query'),
            responses: { 200: json('A page of entries', 'AuditEntryPage'), ...staffErrors },
          },
        },
        '/v1/audit/verifications': {
          get: {
            summary:
              "审计记录核验：某日条目与封存摘要、摘要链和签名比对（仅审计员） / Audit trail verification: one UTC day's entries against the sealed digests, the chain and the signatures (auditors only)",
            description:
              'Names the first missing, altered or inserted entry, and any missing or broken digest or broken link, in time order (the first 100 listed, all counted). Entries after `sealedUntil` await the next seal (`unsealed.pending`). A break found is an integrity-break security event. The read is itself audited (`audit.verify`). Any other role: 403.',
            security: [{ staffJwt: [] }],
            parameters: parameters(AuditVerificationQuery, 'query'),
            responses: { 200: json("The day's verification", 'AuditVerification'), ...staffErrors },
          },
        },
        '/v1/calendar/years': {
          get: {
            summary: 'Holiday arrangements loaded by supervisors, and the years the packaged State Council data covers',
            description: 'A loaded year replaces the packaged data for that year. Deadlines counted across a year covered by neither are provisional.',
            security: [{ staffJwt: [] }],
            responses: { 200: json('The loaded years, ascending', 'CalendarYears'), ...staffErrors },
          },
        },
        '/v1/calendar/years/{year}': {
          get: {
            summary: 'One loaded holiday arrangement',
            security: [{ staffJwt: [] }],
            parameters: parameters(CalendarYearPath, 'path'),
            responses: {
              200: json('The arrangement with its version', 'CalendarYear'),
              ...staffErrors,
              404: problem('No arrangement loaded for that year (the packaged data applies, if any)'),
            },
          },
          put: {
            summary: "Load or correct a year's holiday arrangement (city supervisors)",
            description:
              "`year` must be the path's; every date must lie in it; make-up working days must be weekend days and not holidays. `expectedVersion` is the version read (0 for a year not loaded yet); if the year changed since, the answer is 409 and nothing is written. Processing uses the year within a minute.",
            security: [{ staffJwt: [] }],
            parameters: parameters(CalendarYearPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('CalendarYearArrangement') } } },
            responses: { 200: json('The stored arrangement with its new version', 'CalendarYear'), ...staffErrors, 409: problem('Stale version') },
          },
        },
        '/v1/jurisdictions': {
          get: {
            summary:
              "辖区：市本级及其区、县（市） / The city's jurisdictions: the city, its districts, counties and county-level cities, each with the organ that issues its written notices",
            description:
              'The city system administrator and city supervisors see every jurisdiction, a district supervisor its own. The deployment configuration (`city`) seeds and updates them at each deployment; a change made here survives every redeploy that does not change that field in the configuration.',
            security: [{ staffJwt: [] }],
            responses: { 200: json('The jurisdictions, the city first', 'Jurisdictions'), ...staffErrors },
          },
        },
        '/v1/jurisdictions/{jurisdiction}': {
          get: {
            summary: '一个辖区 / One jurisdiction with its version',
            security: [{ staffJwt: [] }],
            parameters: parameters(JurisdictionPath, 'path'),
            responses: { 200: json('The jurisdiction', 'Jurisdiction'), ...staffErrors, 404: problem("No such jurisdiction in the caller's scope") },
          },
          put: {
            summary: '新建或修改辖区（市系统管理员） / Create or change a jurisdiction (the city system administrator)',
            description:
              "`expectedVersion` is the version read (0 to create); if the jurisdiction changed since, the answer is 409 and nothing is written. `version`, `updatedAt`, `updatedBy` and unknown fields are refused (400 naming the field). Only `city` is of kind `city`. Complaints may name the jurisdiction, and its written notices are issued in `issuingOrgan`'s name, within a minute. Audited.",
            security: [{ staffJwt: [] }],
            parameters: parameters(JurisdictionPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('JurisdictionChange') } } },
            responses: {
              200: json('The stored jurisdiction with its new version', 'Jurisdiction'),
              ...staffErrors,
              409: problem('Stale version, or it exists already (expectedVersion 0)'),
              413: problem('Body too large'),
              415: problem('Not application/json'),
            },
          },
        },
        '/v1/departments': {
          get: {
            summary: '部门 / Departments: their jurisdiction and the record kinds their business systems are connected for',
            description:
              "The city system administrator and city supervisors see every department, a district supervisor its district's, a liaison its own. `jurisdiction` narrows the list; a jurisdiction outside the caller's scope is 404.",
            security: [{ staffJwt: [] }],
            parameters: parameters(ListDepartmentsQuery, 'query'),
            responses: {
              200: json('The departments, by jurisdiction', 'Departments'),
              ...staffErrors,
              404: problem("Jurisdiction outside the caller's scope"),
            },
          },
        },
        '/v1/departments/{department}': {
          get: {
            summary: '一个部门 / One department with its version',
            security: [{ staffJwt: [] }],
            parameters: parameters(DepartmentPath, 'path'),
            responses: { 200: json('The department', 'Department'), ...staffErrors, 404: problem("No such department in the caller's scope") },
          },
          put: {
            summary: '新建或修改部门（市系统管理员） / Create or change a department (the city system administrator)',
            description:
              '`expectedVersion` is the version read (0 to create); 409 on a stale one, nothing written. The jurisdiction must exist; each connected kind must be a record kind of the system (built-in or configured). Supervisors, catalogues and complaints see the change within a minute. Audited. **A department added here cannot push records yet**: its IAM role (and the Roles Anywhere profile for its certificate) comes only from the deployment configuration\'s `departments` at the next deployment (docs/deploy.md, "Onboarding a city and its departments").',
            security: [{ staffJwt: [] }],
            parameters: parameters(DepartmentPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('DepartmentChange') } } },
            responses: {
              200: json('The stored department with its new version', 'Department'),
              ...staffErrors,
              409: problem('Stale version, or it exists already (expectedVersion 0)'),
              413: problem('Body too large'),
              415: problem('Not application/json'),
            },
          },
        },
        '/v1/departments/{department}/catalogue': {
          get: {
            summary: "A department's catalogue of matters (事项目录): each matter's current item and latest version",
            description: "City supervisors read every department, district supervisors their district's, liaisons their own.",
            security: [{ staffJwt: [] }],
            parameters: parameters(CataloguePath, 'path'),
            responses: { 200: json('The catalogue', 'Catalogue'), ...staffErrors, 404: problem("No such department in the caller's jurisdiction") },
          },
        },
        '/v1/departments/{department}/catalogue/{matterCode}/versions': {
          get: {
            summary: "A matter's versions, oldest first, and the one in force today",
            security: [{ staffJwt: [] }],
            parameters: parameters(MatterPath, 'path'),
            responses: { 200: json('The versions', 'MatterVersions'), ...staffErrors, 404: problem("No such matter in the caller's jurisdiction") },
          },
          post: {
            summary: 'Add a version of a matter, in force from `effectiveFrom` (Asia/Shanghai) until `effectiveUntil` or the next version',
            description:
              "`version` must be the latest stored version plus one (1 for a new matter); otherwise 409 `stale-version`. Dates that overlap a stored version are refused with 409 `overlapping-effective-dates`. The matter is checked by its family's schema (400 naming the field). A refused version stores nothing.",
            security: [{ staffJwt: [] }],
            parameters: parameters(MatterPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('MatterVersionProposal') } } },
            responses: {
              201: json('The stored version', 'MatterVersion'),
              ...staffErrors,
              404: problem("No such department in the caller's jurisdiction"),
              409: problem('Stale version, or effective dates overlapping a stored version'),
              413: problem('Body too large'),
              415: problem('Not application/json'),
            },
          },
        },
        '/v1/departments/{department}/catalogue/{matterCode}/back-test': {
          post: {
            summary: 'Try a proposed version on stored cases: the alerts it would raise, clear, escalate or lower',
            description: `Writes nothing. At most ${catalogueLimits.maxBackTestCases} case ids of the department's cases of this matter; each is evaluated as of now with the version in force on the day it started and with the proposal.`,
            security: [{ staffJwt: [] }],
            parameters: parameters(MatterPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('BackTestRequest') } } },
            responses: {
              200: json('A diff of findings per case', 'BackTestReport'),
              ...staffErrors,
              404: problem("No such department in the caller's jurisdiction"),
            },
          },
        },
        '/v1/record-kinds': {
          get: {
            summary: 'Record kinds: the built-in families and those defined by configuration',
            security: [{ staffJwt: [] }],
            responses: { 200: { description: 'Built-in kinds and configured definitions', content: { 'application/json': {} } }, ...staffErrors },
          },
        },
        '/v1/record-kinds/{kind}': {
          put: {
            summary: 'Define (or give a new version of) a record kind by configuration (Art. 17(6)); city supervisor only',
            description:
              'Events with their fields, and rules of two shapes: a clock between two events, or a value outside a band. `version` is 1 for a new kind, else the stored version + 1 (409 otherwise). Every problem is reported with its path; nothing is stored unless the whole definition is valid. Departments can push records of the kind once a catalogue matter of that kind exists.',
            security: [{ staffJwt: [] }],
            parameters: parameters(RecordKindPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('KindDefinition') } } },
            responses: {
              200: { description: 'The stored definition', content: { 'application/json': { schema: ref('KindDefinition') } } },
              ...staffErrors,
              409: problem('Stale version'),
            },
          },
        },
        // Supervision cases (督办, Art. 18 ¶2).
        '/v1/supervision-requests': {
          post: {
            summary: "A department's written report requesting supervision of a major, complex or specific matter (liaisons)",
            description: `The requester is the liaison's own department; a body naming another one is refused (403, audited). The supervisor's decision is due within the configured working days after the day of filing (Asia/Shanghai; default 3). At most ${supervisionLimits.maxBodyBytes} bytes.`,
            security: [{ staffJwt: [] }],
            requestBody: { required: true, content: { 'application/json': { schema: ref('SupervisionRequestBody') } } },
            responses: {
              201: json('The filed request with its decision deadline', 'SupervisionRequest'),
              ...staffErrors,
              413: problem('Body too large'),
              415: problem('Not application/json'),
            },
          },
          get: {
            summary: "Supervisors: their jurisdiction's requests awaiting a decision, soonest decision deadline first; liaisons: their department's requests",
            security: [{ staffJwt: [] }],
            parameters: parameters(SupervisionListQuery, 'query'),
            responses: { 200: json('A page of requests', 'SupervisionRequestPage'), ...staffErrors, 404: problem("Jurisdiction outside the caller's scope") },
          },
        },
        '/v1/supervision-requests/{requestNumber}/decision': {
          post: {
            summary: 'Open a case on a request (responsible department, what must be done, deadline) or decline it with reasons',
            description:
              "The responsible department defaults to the requester and must be of the supervisor's jurisdiction (403 otherwise). The deadline is a Shanghai date, not in the past. `expectedVersion` is the version read: 409 `stale-version` if the request changed, 409 `action-not-allowed` once it is decided.",
            security: [{ staffJwt: [] }],
            parameters: parameters(RequestNumberPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('SupervisionDecisionBody') } } },
            responses: {
              200: json('The decided request, and the case opened', 'SupervisionDecision'),
              ...staffErrors,
              404: problem("No such request in the caller's jurisdiction"),
              409: problem('Stale version, or already decided'),
            },
          },
        },
        '/v1/supervision-cases': {
          post: {
            summary: "Open a case on the supervisor's own initiative: from an alert, a complaint, or nothing",
            description:
              "A case opened from an alert makes the alert's department responsible unless another is named. Departments outside the supervisor's jurisdiction are refused (403, audited).",
            security: [{ staffJwt: [] }],
            requestBody: { required: true, content: { 'application/json': { schema: ref('SupervisionCaseBody') } } },
            responses: {
              201: json('The opened case', 'SupervisionCase'),
              ...staffErrors,
              413: problem('Body too large'),
              415: problem('Not application/json'),
            },
          },
          get: {
            summary: "Cases by deadline: supervisors their jurisdiction's, liaisons those assigned to their department; `state=closed` for closed ones",
            security: [{ staffJwt: [] }],
            parameters: parameters(SupervisionCaseListQuery, 'query'),
            responses: {
              200: json('A page of cases with their signals', 'SupervisionCasePage'),
              ...staffErrors,
              404: problem("Jurisdiction outside the caller's scope"),
            },
          },
        },
        '/v1/supervision-cases/{caseNumber}': {
          get: {
            summary: 'A case with its signals, overdue facts and timeline',
            security: [{ staffJwt: [] }],
            parameters: parameters(CaseNumberPath, 'path'),
            responses: { 200: json('The case and its timeline', 'SupervisionCaseDetail'), ...staffErrors, 404: problem("No such case in the caller's scope") },
          },
        },
        '/v1/supervision-cases/{caseNumber}/progress': {
          post: {
            summary: "The responsible department's progress report, or its completion report with evidence (liaisons)",
            description: 'A completion report cancels the deadline timers and awaits the supervisor. 409 on a stale version or once completion was reported.',
            security: [{ staffJwt: [] }],
            parameters: parameters(CaseNumberPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('SupervisionProgressBody') } } },
            responses: {
              200: json('The case after the report', 'SupervisionCase'),
              ...staffErrors,
              404: problem("No such case assigned to the caller's department"),
              409: problem('Stale version, or not open'),
            },
          },
        },
        '/v1/supervision-cases/{caseNumber}/extension': {
          post: {
            summary: 'Extend an open case to a later deadline, with reasons; its timers move with it',
            security: [{ staffJwt: [] }],
            parameters: parameters(CaseNumberPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('SupervisionExtensionBody') } } },
            responses: {
              200: json('The extended case', 'SupervisionCase'),
              ...staffErrors,
              404: problem("No such case in the caller's jurisdiction"),
              409: problem('Stale version, or not open'),
            },
          },
        },
        '/v1/supervision-cases/{caseNumber}/closure': {
          post: {
            summary: 'Close a case (after a completion report; before one only with reasons), or send a completion report back with reasons',
            security: [{ staffJwt: [] }],
            parameters: parameters(CaseNumberPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('SupervisionClosureBody') } } },
            responses: {
              200: json('The case after the step', 'SupervisionCase'),
              ...staffErrors,
              404: problem("No such case in the caller's jurisdiction"),
              409: problem('Stale version, or not allowed in the stage'),
            },
          },
        },
        // Complaints (Art. 19): the public side. No login; the query token travels in a header.
        '/v1/public/complaints': {
          post: {
            summary: 'File a complaint about a department (optionally one of its cases) or, naming no department, a jurisdiction',
            description: `Real-name complaints carry the complainant (name and phone required; ID number checked against its check character; phone a mainland mobile or landline); anonymous ones carry none. \`identityDisclosureConsent\`: the department complained about may see who the complainant is. Content at most ${complaintLimits.maxContentCharacters} characters, body at most ${complaintLimits.maxBodyBytes} bytes. Personal data and content are encrypted per field before storage. The answer carries the query token once: it is stored only as a hash.`,
            requestBody: { required: true, content: { 'application/json': { schema: ref('FileComplaint') } } },
            responses: {
              201: json('The receipt number, the query token (shown once) and the acceptance deadline (5 working days)', 'FiledComplaint'),
              400: problem('Invalid complaint; `errors` names the field'),
              413: problem('Body too large'),
              415: problem('Not application/json'),
              429: problem('Too many requests'),
            },
          },
        },
        '/v1/public/complaints/{receiptNumber}': {
          get: {
            summary: "A complaint's stage, dates, deadlines, decision and result, for the holder of its query token",
            description:
              'Header `X-Query-Token`. No personal data, no internal notes. A wrong or missing token and an unknown receipt number answer the same 404.',
            parameters: [...parameters(PublicComplaintPath, 'path'), { name: 'X-Query-Token', in: 'header', required: true, schema: { type: 'string' } }],
            responses: {
              200: json('The status', 'ComplaintStatus'),
              404: problem('No complaint matches this receipt number and token'),
              429: problem('Too many requests'),
            },
          },
        },
        '/v1/public/complaints/{receiptNumber}/notices/{notice}': {
          get: {
            summary: "The complainant's written notice of the decision or the result (real-name complaints)",
            parameters: [...parameters(PublicNoticePath, 'path'), { name: 'X-Query-Token', in: 'header', required: true, schema: { type: 'string' } }],
            responses: {
              200: { description: 'The notice', content: { 'application/pdf': { schema: { type: 'string', contentEncoding: 'binary' } } } },
              400: problem('No such kind of notice'),
              404: problem('No such complaint for this token, or no such notice'),
              410: problem('The notice went with the personal data when its retention ended'),
              429: problem('Too many requests'),
            },
          },
        },
        '/v1/public/complaints/{receiptNumber}/rating': {
          post: {
            summary: 'Rate the handling (1–5, optional comment) once the complaint is finished; once only',
            parameters: [...parameters(PublicComplaintPath, 'path'), { name: 'X-Query-Token', in: 'header', required: true, schema: { type: 'string' } }],
            requestBody: { required: true, content: { 'application/json': { schema: ref('ComplaintRating') } } },
            responses: {
              201: { description: 'Rated', content: { 'application/json': {} } },
              400: problem('Invalid rating'),
              404: problem('No complaint matches this receipt number and token'),
              409: problem('Not finished yet, past the window, or already rated'),
              429: problem('Too many requests'),
            },
          },
        },
        '/v1/public/complaints/{receiptNumber}/reopening': {
          post: {
            summary: 'Re-open a finished complaint within 30 days (configurable): a new complaint linked to the original, with a new receipt number and token',
            parameters: [...parameters(PublicComplaintPath, 'path'), { name: 'X-Query-Token', in: 'header', required: true, schema: { type: 'string' } }],
            requestBody: { required: true, content: { 'application/json': { schema: ref('ComplaintReopening') } } },
            responses: {
              201: json('The new complaint', 'FiledComplaint'),
              400: problem('Invalid content'),
              404: problem('No complaint matches this receipt number and token'),
              409: problem('Not finished, past the window, or already re-opened'),
              429: problem('Too many requests'),
            },
          },
        },
        // Complaints: the console side.
        '/v1/complaints': {
          get: {
            summary:
              'Complaint queues, soonest deadline first: awaitingDecision, inHandling, forwarded, awaitingReview (supervisors); forwarded to their department (liaisons)',
            description: 'Rows carry no personal data; each shows the signal of its running clock. `limit` is clamped to 1..100.',
            security: [{ staffJwt: [] }],
            parameters: parameters(ListComplaintsQuery, 'query'),
            responses: { 200: json('A page of the queue', 'ComplaintQueuePage'), ...staffErrors },
          },
        },
        '/v1/complaints/{receiptNumber}': {
          get: {
            summary: 'A complaint with its content, signals and timeline',
            description:
              'Supervisors see the complainant masked; the liaison of the department it was forwarded to sees the identity only when the complaint is not about that department or its staff, or the complainant agreed (otherwise `identityWithheld: true`).',
            security: [{ staffJwt: [] }],
            parameters: parameters(ComplaintPath, 'path'),
            responses: { 200: json('The complaint', 'ComplaintDetail'), ...staffErrors, 404: problem("No such complaint in the caller's scope") },
          },
        },
        '/v1/complaints/{receiptNumber}/decision': {
          post: {
            summary:
              'Accept (handled by the supervisor, or forwarded to a department, with a deadline) or not accept (with reasons); writes the decision notice of a real-name complaint',
            security: [{ staffJwt: [] }],
            parameters: parameters(ComplaintPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('ComplaintDecision') } } },
            responses: {
              200: json('The complaint after the decision', 'ComplaintChanged'),
              ...staffErrors,
              404: problem("No such complaint in the caller's jurisdiction"),
              409: problem('Stale version, or already decided'),
              422: problem('Reasons the notice font cannot print'),
            },
          },
        },
        '/v1/complaints/{receiptNumber}/result': {
          post: {
            summary: "The result of handling with evidence: the supervisor's own concludes the complaint; the forwarded department's awaits review",
            security: [{ staffJwt: [] }],
            parameters: parameters(ComplaintPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('ComplaintResult') } } },
            responses: {
              200: json('The complaint after the result', 'ComplaintChanged'),
              ...staffErrors,
              404: problem("No such complaint in the caller's scope"),
              409: problem('Stale version, or not in handling'),
              422: problem('A summary the notice font cannot print'),
            },
          },
        },
        '/v1/complaints/{receiptNumber}/review': {
          post: {
            summary: "Accept the department's result (concluded; result notice) or send it back with reasons and a new deadline",
            security: [{ staffJwt: [] }],
            parameters: parameters(ComplaintPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('ComplaintReview') } } },
            responses: {
              200: json('The complaint after the review', 'ComplaintChanged'),
              ...staffErrors,
              404: problem("No such complaint in the caller's jurisdiction"),
              409: problem('Stale version, or no result awaiting review'),
              422: problem('A summary the notice font cannot print'),
            },
          },
        },
        '/v1/complaints/{receiptNumber}/identity': {
          post: {
            summary: "Reveal a real-name complainant's identity for a stated purpose (audited as a read of personal data)",
            security: [{ staffJwt: [] }],
            parameters: parameters(ComplaintPath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('ComplainantIdentityRequest') } } },
            responses: {
              200: json('The complainant', 'ComplainantIdentity'),
              ...staffErrors,
              404: problem("No such complaint in the caller's jurisdiction"),
              409: problem('An anonymous complaint'),
              410: problem('The personal data was erased when its retention ended'),
            },
          },
        },
        '/v1/complaints/{receiptNumber}/notices/{notice}': {
          get: {
            summary: 'A written notice (PDF) of a complaint',
            security: [{ staffJwt: [] }],
            parameters: parameters(ComplaintNoticePath, 'path'),
            responses: {
              200: { description: 'The notice', content: { 'application/pdf': { schema: { type: 'string', contentEncoding: 'binary' } } } },
              ...staffErrors,
              404: problem('No such complaint or notice'),
              410: problem('The notice went with the personal data when its retention ended'),
            },
          },
        },
        '/v1/complaints/{receiptNumber}/notices/{notice}/deliveries': {
          post: {
            summary: 'Record a delivery of a written notice (post, SMS, e-mail, in person, online); several may be recorded',
            security: [{ staffJwt: [] }],
            parameters: parameters(ComplaintNoticePath, 'path'),
            requestBody: { required: true, content: { 'application/json': { schema: ref('NoticeDelivery') } } },
            responses: {
              200: json('The complaint after the delivery', 'ComplaintChanged'),
              ...staffErrors,
              404: problem('No such complaint or notice'),
              409: problem('Stale version, or delivered before produced'),
            },
          },
        },
        '/v1/complaint-searches': {
          post: {
            summary: "Find a person's complaints by ID number or phone (through the keyed hash); receipt numbers and stages only; audited",
            security: [{ staffJwt: [] }],
            requestBody: { required: true, content: { 'application/json': { schema: ref('ComplaintSearch') } } },
            responses: { 200: json("Complaints in the caller's jurisdiction", 'ComplaintSearchResult'), ...staffErrors },
          },
        },
        '/v1/security-events': {
          get: {
            summary: "安全事件（安全管理员） / The security administrator's view: a day's security events (Asia/Shanghai), oldest first",
            description: `Classified content refused, lockouts after repeated failed authentication, integrity breaks, scope refusals. Security administrator only; every read is audited. \`kind\` narrows to one kind; \`limit\` is clamped to 1..${securityEventPageLimits.max}; \`cursor\` comes from the previous page.`,
            security: [{ staffJwt: [] }],
            parameters: parameters(ListSecurityEventsQuery, 'query'),
            responses: { 200: json('A page of security events', 'SecurityEventPage'), ...staffErrors },
          },
        },
        '/v1/openapi.json': {
          get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } } },
        },
      }),
    ),
  };
}

const classifiedRefusal =
  'classified content, carrying a marking of state secrets (国家秘密标志, Art. 14): refused, nothing stored; `errors` names the field, never its content';

/** Every operation with a body may be refused for classified content (the body parser screens each one): its 422 says so. */
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
