/** The efficiency evaluation's scoring models: versions kept by supervisors, read with their formula, tried on sample metrics (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbScoringModelStore } from '#shared/adapters/dynamodb/dynamodb-scoring-model-store.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import {
  evaluationLimits,
  ListScoringModelsQuery,
  PublishedScoringModelView,
  ScoringModelPath,
  ScoringModelVersionsView,
  ScoringTrialView,
  TrialBody,
} from '#shared/api/evaluation-contract.ts';
import { listScoringModels, proposeScoringModel, readScoringModel, tryScoringModel } from '#shared/application/evaluation/manage-scoring-models.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const EvaluationEnvironment = z.object({ ...tablesEnvironment.reference.shape, ...tablesEnvironment.audit.shape });

const observability = createObservability('evaluation-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(EvaluationEnvironment);
const documentClient = createDocumentClient();
const deps = {
  models: new DynamoDbScoringModelStore(documentClient, env[environmentNames.tables.reference]),
  audit: new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]),
  clock: () => new Date(),
};

export async function serveEvaluation(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'evaluation-api', {
    proposeScoringModel: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const body = parseJsonBody(event, evaluationLimits.maxBodyBytes, screening);
      return jsonResponse(201, PublishedScoringModelView.parse(await proposeScoringModel(principal, body, deps)));
    },
    listScoringModels: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, period } = parseInput(ListScoringModelsQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, ScoringModelVersionsView.parse(await listScoringModels(principal, owner, period, deps)));
    },
    readScoringModel: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, version } = parseInput(ScoringModelPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, PublishedScoringModelView.parse(await readScoringModel(principal, owner, version, deps)));
    },
    tryScoringModel: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, version } = parseInput(ScoringModelPath, event.pathParameters ?? {}, '/path');
      const { departments } = parseInput(TrialBody, parseJsonBody(event, evaluationLimits.maxBodyBytes, screening), '');
      return jsonResponse(200, ScoringTrialView.parse(await tryScoringModel(principal, owner, version, departments, deps)));
    },
  });
}

export const handler = middy(serveEvaluation, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
