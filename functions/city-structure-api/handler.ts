/**
 * The city's structure: jurisdictions and departments, read by supervisors, changed by the system
 * administrator; the departments' connection health and reconciliation manifests (routes in `shared/topology.ts`).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import {
  DepartmentsResponse,
  DepartmentView,
  JurisdictionsResponse,
  JurisdictionView,
  cityStructureLimits,
  DepartmentBody,
  DepartmentPath,
  JurisdictionBody,
  JurisdictionPath,
  ListDepartmentsQuery,
  parseStructureInput,
} from '#shared/api/city-structure-contract.ts';
import {
  listDepartments,
  listJurisdictions,
  readDepartment,
  readJurisdiction,
  saveDepartment,
  saveJurisdiction,
} from '#shared/application/city-structure/manage-city-structure.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { connectionHealthLimits, ConnectionHealthResponse, ListConnectionHealthQuery } from '#shared/api/connection-health-contract.ts';
import { listConnectionHealth, readConnectionHealth } from '#shared/application/connection-health/read-connection-health.ts';
import { DynamoDbPeriodAlertReader } from '#shared/adapters/dynamodb/dynamodb-period-alert-reader.ts';
import { DataQualityQuery, DataQualityResponse } from '#shared/api/data-quality-contract.ts';
import { readDataQuality } from '#shared/application/data-quality/read-data-quality.ts';
import { departmentFromCallerArn } from '#shared/access/department-identity.ts';
import type { DepartmentPrincipal } from '#shared/access/principal.ts';
import { DynamoDbReconciliationStore } from '#shared/adapters/dynamodb/dynamodb-reconciliation-store.ts';
import { BucketListingBody, ManifestBody, ManifestPath, reconciliationLimits, ReconciliationView } from '#shared/api/reconciliation-contract.ts';
import { listBuckets, readReconciliation, submitManifest } from '#shared/application/reconciliation/reconcile-manifest.ts';
import { NotYourDepartment } from '#shared/domain/access-refusals.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames, staffCors } from '#shared/topology.ts';

const StructureEnvironment = z.object({
  ...tablesEnvironment.reference.shape,
  ...tablesEnvironment.audit.shape,
  ...tablesEnvironment.cases.shape,
  // Departments' business systems submit their reconciliation manifests through the same function.
  [environmentNames.departmentRolePrefix]: z.string().min(1).max(64),
});

const observability = createObservability('city-structure-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(StructureEnvironment);
const documentClient = createDocumentClient();
const deps = {
  structure: new DynamoDbCityStructureRepository(documentClient, env[environmentNames.tables.reference]),
  audit: new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]),
  clock: () => new Date(),
};
// The feeds' status and health counters only: no stale-feed decision is made here.
const reconciliationStore = new DynamoDbReconciliationStore(documentClient, env[environmentNames.tables.cases]);
const health = {
  ...deps,
  feeds: new DynamoDbFeedStatus(documentClient, env[environmentNames.tables.cases], Number.POSITIVE_INFINITY),
  reconciliations: reconciliationStore,
};
// The departments' signals of a range, for the data-quality scorecard.
const quality = { ...health, alerts: new DynamoDbPeriodAlertReader(documentClient, env[environmentNames.tables.cases]) };
const reconciling = { held: reconciliationStore, reconciliations: reconciliationStore, clock: deps.clock };
const familyProvider = new RecordFamilyProvider(new DynamoDbRecordKindStore(documentClient, env[environmentNames.tables.reference]));

const body = (event: APIGatewayProxyEvent): unknown => parseJsonBody(event, cityStructureLimits.maxBodyBytes, screening);

/** The signing department, which must be the one the path names (its role may call no other's path; checked again here). */
function signingDepartmentOf(event: APIGatewayProxyEvent, pathDepartment: string): DepartmentPrincipal {
  const principal = departmentFromCallerArn(event.requestContext?.identity?.userArn, env[environmentNames.departmentRolePrefix]);
  if (principal.department !== pathDepartment) {
    throw new NotYourDepartment(
      { zh: '只能报送本部门的清单', en: "Only the department's own manifests" },
      { zh: `签名身份为部门 ${principal.department}，路径为部门 ${pathDepartment}。`, en: `Signed as ${principal.department}, path names ${pathDepartment}.` },
    );
  }
  return principal;
}

const manifestBody = (event: APIGatewayProxyEvent): unknown => parseJsonBody(event, reconciliationLimits.maxBodyBytes, screening);

export async function serveCityStructure(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'city-structure-api', {
    listJurisdictions: async (event, route) => jsonResponse(200, JurisdictionsResponse.parse(await listJurisdictions(staffPrincipalOf(event, route), deps))),
    readJurisdiction: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { jurisdiction } = parseStructureInput(JurisdictionPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, JurisdictionView.parse(await readJurisdiction(principal, jurisdiction, deps)));
    },
    saveJurisdiction: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { jurisdiction } = parseStructureInput(JurisdictionPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(
        200,
        JurisdictionView.parse(await saveJurisdiction(principal, jurisdiction, parseStructureInput(JurisdictionBody, body(event), ''), deps)),
      );
    },
    listDepartments: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseStructureInput(ListDepartmentsQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, DepartmentsResponse.parse(await listDepartments(principal, query, deps)));
    },
    readDepartment: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { department } = parseStructureInput(DepartmentPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, DepartmentView.parse(await readDepartment(principal, department, deps)));
    },
    listConnectionHealth: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { department, ...query } = parseStructureInput(ListConnectionHealthQuery, event.queryStringParameters ?? {}, '/query');
      const answer =
        department === undefined
          ? await listConnectionHealth(principal, query, health, connectionHealthLimits.defaultRangeDays)
          : await readConnectionHealth(principal, department, query, health, connectionHealthLimits.defaultRangeDays);
      return jsonResponse(200, ConnectionHealthResponse.parse(answer));
    },
    readDataQuality: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseStructureInput(DataQualityQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, DataQualityResponse.parse(await readDataQuality(principal, query, quality, connectionHealthLimits.defaultRangeDays)));
    },
    submitManifest: async (event) => {
      const { department, day } = parseStructureInput(ManifestPath, event.pathParameters ?? {}, '/path');
      const principal = signingDepartmentOf(event, department);
      const { matters } = parseStructureInput(ManifestBody, manifestBody(event), '');
      return jsonResponse(200, ReconciliationView.parse(await submitManifest(principal, day, matters, reconciling)));
    },
    listManifestBuckets: async (event) => {
      const { department, day } = parseStructureInput(ManifestPath, event.pathParameters ?? {}, '/path');
      const principal = signingDepartmentOf(event, department);
      const { buckets } = parseStructureInput(BucketListingBody, manifestBody(event), '');
      return jsonResponse(200, ReconciliationView.parse(await listBuckets(principal, day, buckets, reconciling)));
    },
    readReconciliation: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { department, day } = parseStructureInput(ManifestPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, ReconciliationView.parse(await readReconciliation(principal, department, day, { ...deps, ...reconciling })));
    },
    saveDepartment: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { department } = parseStructureInput(DepartmentPath, event.pathParameters ?? {}, '/path');
      const change = parseStructureInput(DepartmentBody, body(event), '');
      return jsonResponse(
        200,
        DepartmentView.parse(await saveDepartment(principal, department, change, { ...deps, families: await familyProvider.registry() })),
      );
    },
  });
}

export const handler = middy(serveCityStructure, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
