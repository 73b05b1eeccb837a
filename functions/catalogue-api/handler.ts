/** Catalogue management: a department's matters, their versions, new versions and back-tests (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalFrom } from '#shared/access/staff-principal.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import {
  BackTestBody,
  BackTestResponse,
  CataloguePath,
  catalogueLimits,
  MatterPath,
  MatterVersionsResponse,
  MatterVersionView,
  RecordKindPath,
} from '#shared/api/catalogue-contract.ts';
import { backTestMatter } from '#shared/application/back-test-matter.ts';
import { listCatalogue, listMatterVersions, proposeMatterVersion } from '#shared/application/manage-catalogue.ts';
import { CatalogueEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { parseInput, routeOf } from '#shared/http/request-input.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { defineRecordKind, listRecordKinds } from '#shared/application/define-record-kind.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';

const observability = createObservability('catalogue-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(CatalogueEnvironment);
const documentClient = createDocumentClient();
const reference = new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE);
const catalogue = new DynamoDbCatalogueRepository(documentClient, env.REFERENCE_TABLE);
const cases = new DynamoDbCaseRepository(documentClient, env.CASES_TABLE);
const audit = new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE);
const clock = () => new Date();
const kinds = new DynamoDbRecordKindStore(documentClient, env.REFERENCE_TABLE);
const familyProvider = new RecordFamilyProvider(kinds);
const deps = { catalogue, reference, audit, clock, cases, calendar: stateCouncilCalendar };

export async function serveCatalogue(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = routeOf(event, 'catalogue-api');
  const principal = staffPrincipalFrom(event.requestContext?.authorizer, route.roles);
  const pathParameters = event.pathParameters ?? {};
  if (route.path.startsWith('/v1/record-kinds')) {
    if (route.method === 'GET') return jsonResponse(200, await listRecordKinds({ kinds }));
    const { kind } = parseInput(RecordKindPath, pathParameters, '/path');
    return jsonResponse(200, await defineRecordKind(principal, kind, parseJsonBody(event, catalogueLimits.maxBodyBytes, screening), { kinds, audit, clock }));
  }
  if (route.path.endsWith('/catalogue')) {
    const { department } = parseInput(CataloguePath, pathParameters, '/path');
    return jsonResponse(200, await listCatalogue(principal, department, { ...deps, families: await familyProvider.registry() }));
  }
  const matter = parseInput(MatterPath, pathParameters, '/path');
  if (route.path.endsWith('/back-test')) {
    const body = parseInput(BackTestBody, parseJsonBody(event, catalogueLimits.maxBodyBytes, screening), '');
    return jsonResponse(
      200,
      BackTestResponse.parse(await backTestMatter(principal, matter, body, { ...deps, families: await familyProvider.registryKnowing(body.proposal['kind']) })),
    );
  }
  if (route.method === 'POST') {
    // The version's matter is validated by its family's schema inside the use case; a kind defined
    // a moment ago is looked up before it is called unknown.
    const body = parseJsonBody(event, catalogueLimits.maxBodyBytes, screening);
    const families = await familyProvider.registryKnowing(body !== null && typeof body === 'object' ? (body as { kind?: unknown }).kind : undefined);
    return jsonResponse(201, MatterVersionView.parse(await proposeMatterVersion(principal, matter, body, { ...deps, families })));
  }
  return jsonResponse(200, MatterVersionsResponse.parse(await listMatterVersions(principal, matter, deps)));
}

export const handler = middy(serveCatalogue, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
