/** Public endpoints: the OpenAPI document, and the evaluations approved for publication (Art. 21), as JSON or CSV. */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { DynamoDbPeriodEvaluationStore } from '#shared/adapters/dynamodb/dynamodb-period-evaluation-store.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { EvaluationPeriodPath, PublishedEvaluationQuery, PublishedEvaluationView } from '#shared/api/evaluation-contract.ts';
import { buildOpenApiDocument } from '#shared/api/openapi-document.ts';
import { publishedEvaluationCsv } from '#shared/api/published-evaluation-csv.ts';
import { readPublishedEvaluation, type PublicEvaluation } from '#shared/application/evaluation/evaluate-periods.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { headerValue } from '#shared/http/header-value.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { csvResponse, jsonResponse } from '#shared/http/http-response.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames, publicCors } from '#shared/topology.ts';

const observability = createObservability('public-api');
const { middlewares } = observability;
const openApiDocument = buildOpenApiDocument();
const env = readEnvironment(z.object({ ...tablesEnvironment.reference.shape }));
const evaluations = new DynamoDbPeriodEvaluationStore(createDocumentClient(), env[environmentNames.tables.reference]);

/** The published results as answered: the version, its formula in words and as data, and what it corrects. */
const publishedView = ({ published: { stored, approval }, superseded }: PublicEvaluation) =>
  PublishedEvaluationView.parse({
    owner: stored.evaluation.owner,
    period: stored.evaluation.period,
    version: stored.version,
    approvedAt: approval.approvedAt,
    evaluatedAt: stored.evaluatedAt,
    formula: { words: stored.evaluation.formula, data: stored.evaluation.model },
    inputsDigest: stored.evaluation.inputsDigest,
    inputs: stored.evaluation.inputs,
    unmeasuredInputs: stored.unmeasuredInputs,
    results: stored.evaluation.results,
    ...(superseded[0] === undefined ? {} : { corrects: superseded[0].version }),
    superseded: superseded.map(({ version, approvedAt }) => ({ version, approvedAt })),
  });

const wantsCsv = (event: APIGatewayProxyEvent, format: 'json' | 'csv' | undefined): boolean =>
  format === 'csv' || (format === undefined && /^\s*text\/csv\b/i.test(headerValue(event.headers, 'accept') ?? ''));

export async function servePublic(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'public-api', {
    readOpenApiDocument: async () => jsonResponse(200, openApiDocument, { 'cache-control': 'public, max-age=300' }),
    readPublishedEvaluation: async (event) => {
      const { owner, period } = parseInput(EvaluationPeriodPath, event.pathParameters ?? {}, '/path');
      const { format } = parseInput(PublishedEvaluationQuery, event.queryStringParameters ?? {}, '/query');
      const view = publishedView(await readPublishedEvaluation(owner, period, { evaluations }));
      if (!wantsCsv(event, format)) return jsonResponse(200, view);
      const csv = publishedEvaluationCsv({ ...view, ...(view.corrects === undefined ? {} : { corrects: view.corrects }) });
      return csvResponse(csv, `evaluation-${owner}-${period}-v${view.version}.csv`);
    },
  });
}

export const handler = middy(servePublic, answerBeforeTimeout).use(middlewares).use(corsHeaders(publicCors)).use(httpErrorMapper(observability));
