/** The city's structure: jurisdictions and departments, read by supervisors, changed by the system administrator (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { staffPrincipalFrom } from '#shared/access/staff-principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import {
  cityStructureLimits,
  DepartmentBody,
  DepartmentsResponse,
  DepartmentView,
  DepartmentPath,
  JurisdictionBody,
  JurisdictionPath,
  JurisdictionsResponse,
  JurisdictionView,
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
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { routeOf } from '#shared/http/request-input.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const StructureEnvironment = z.object({ ...tablesEnvironment.reference.shape, ...tablesEnvironment.audit.shape });

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
const familyProvider = new RecordFamilyProvider(new DynamoDbRecordKindStore(documentClient, env[environmentNames.tables.reference]));

export async function serveCityStructure(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = routeOf(event, 'city-structure-api');
  const principal = staffPrincipalFrom(event.requestContext?.authorizer, route.roles);
  const pathParameters = event.pathParameters ?? {};
  const body = () => parseJsonBody(event, cityStructureLimits.maxBodyBytes, screening);
  switch (`${route.method} ${route.path}`) {
    case 'GET /v1/jurisdictions':
      return jsonResponse(200, JurisdictionsResponse.parse(await listJurisdictions(principal, deps)));
    case 'GET /v1/jurisdictions/{jurisdiction}':
      return jsonResponse(
        200,
        JurisdictionView.parse(await readJurisdiction(principal, parseStructureInput(JurisdictionPath, pathParameters, '/path').jurisdiction, deps)),
      );
    case 'PUT /v1/jurisdictions/{jurisdiction}': {
      const { jurisdiction } = parseStructureInput(JurisdictionPath, pathParameters, '/path');
      return jsonResponse(
        200,
        JurisdictionView.parse(await saveJurisdiction(principal, jurisdiction, parseStructureInput(JurisdictionBody, body(), ''), deps)),
      );
    }
    case 'GET /v1/departments':
      return jsonResponse(
        200,
        DepartmentsResponse.parse(
          await listDepartments(principal, parseStructureInput(ListDepartmentsQuery, event.queryStringParameters ?? {}, '/query'), deps),
        ),
      );
    case 'GET /v1/departments/{department}':
      return jsonResponse(
        200,
        DepartmentView.parse(await readDepartment(principal, parseStructureInput(DepartmentPath, pathParameters, '/path').department, deps)),
      );
    default: {
      const { department } = parseStructureInput(DepartmentPath, pathParameters, '/path');
      const change = parseStructureInput(DepartmentBody, body(), '');
      return jsonResponse(
        200,
        DepartmentView.parse(await saveDepartment(principal, department, change, { ...deps, families: await familyProvider.registry() })),
      );
    }
  }
}

export const handler = middy(serveCityStructure, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
