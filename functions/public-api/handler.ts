/** Public endpoints: the OpenAPI document (published results come with their issue). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { buildOpenApiDocument } from '#shared/api/openapi-document.ts';
import { NoSuchEndpoint } from '#shared/http/errors.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { createObservability } from '#shared/observability/function-observability.ts';

const observability = createObservability('public-api');
const { middlewares } = observability;
const openApiDocument = buildOpenApiDocument();

export async function servePublic(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (event.resource === '/v1/openapi.json' && event.httpMethod === 'GET')
    return jsonResponse(200, openApiDocument, { 'cache-control': 'public, max-age=300' });
  throw new NoSuchEndpoint();
}

export const handler = middy(servePublic, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
