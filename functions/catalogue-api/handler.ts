/** Catalogue management: a department's matters, their versions, new versions and back-tests (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import {
  BackTestBody,
  BackTestResponse,
  catalogueLimits,
  CataloguePath,
  CatalogueResponse,
  MatterPath,
  MatterVersionsResponse,
  MatterVersionView,
  RecordKindPath,
  RecordKindsResponse,
} from '#shared/api/catalogue-contract.ts';
import { backTestMatter } from '#shared/application/back-test-matter.ts';
import { listCatalogue, listMatterVersions, proposeMatterVersion } from '#shared/application/manage-catalogue.ts';
import { CatalogueEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { defineRecordKind, listRecordKinds } from '#shared/application/define-record-kind.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';
import { staffCors } from '#shared/topology.ts';

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
  return dispatch(event, 'catalogue-api', {
    listRecordKinds: async (event, route) => {
      staffPrincipalOf(event, route); // Refuses a caller the route does not admit, though the read needs no scope.
      return jsonResponse(200, RecordKindsResponse.parse(await listRecordKinds({ kinds })));
    },
    defineRecordKind: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { kind } = parseInput(RecordKindPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, await defineRecordKind(principal, kind, parseJsonBody(event, catalogueLimits.maxBodyBytes, screening), { kinds, audit, clock }));
    },
    listCatalogue: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { department } = parseInput(CataloguePath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, CatalogueResponse.parse(await listCatalogue(principal, department, { ...deps, families: await familyProvider.registry() })));
    },
    backTestMatter: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const matter = parseInput(MatterPath, event.pathParameters ?? {}, '/path');
      const body = parseInput(BackTestBody, parseJsonBody(event, catalogueLimits.maxBodyBytes, screening), '');
      return jsonResponse(
        200,
        BackTestResponse.parse(
          await backTestMatter(principal, matter, body, { ...deps, families: await familyProvider.registryKnowing(body.proposal['kind']) }),
        ),
      );
    },
    proposeMatterVersion: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const matter = parseInput(MatterPath, event.pathParameters ?? {}, '/path');
      // The version's matter is validated by its family's schema inside the use case; a kind defined
      // a moment ago is looked up before it is called unknown.
      const body = parseJsonBody(event, catalogueLimits.maxBodyBytes, screening);
      const families = await familyProvider.registryKnowing(body !== null && typeof body === 'object' ? (body as { kind?: unknown }).kind : undefined);
      return jsonResponse(201, MatterVersionView.parse(await proposeMatterVersion(principal, matter, body, { ...deps, families })));
    },
    listMatterVersions: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const matter = parseInput(MatterPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, MatterVersionsResponse.parse(await listMatterVersions(principal, matter, deps)));
    },
  });
}

export const handler = middy(serveCatalogue, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
