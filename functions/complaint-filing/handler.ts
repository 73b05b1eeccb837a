/**
 * Public complaint filing (Art. 19, `POST /v1/public/complaints` in `shared/topology.ts`): the one
 * route anyone may call with any body, so its function may only take personal data in. It seals
 * the complainant's fields under a new data key, hashes the ID number and phone, and stores the new
 * complaint; its role can neither read a stored complaint nor unwrap any data key
 * (`docs/deploy.md` §9). Rate limits are the API's (WAF, stage throttling), before this function
 * runs. A city's browser form on an origin listed in `PUBLIC_CORS_ORIGINS` may read every
 * answer, problems included (CORS).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { complaintFilingDependenciesFromEnvironment } from '#shared/adapters/public-complaint-dependencies-from-environment.ts';
import { complaintLimits, FileComplaintBody, FiledComplaintResponse } from '#shared/api/complaint-contract.ts';
import { fileComplaint } from '#shared/application/complaints/file-complaint.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { publicCors } from '#shared/topology.ts';

const observability = createObservability('complaint-filing');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const dependencies = complaintFilingDependenciesFromEnvironment();

export async function serveComplaintFiling(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'complaint-filing', {
    fileComplaint: async (event) => {
      const body = parseInput(FileComplaintBody, parseJsonBody(event, complaintLimits.maxBodyBytes, screening), '');
      const filed = await fileComplaint(body, await dependencies());
      return jsonResponse(201, FiledComplaintResponse.parse(filed), { location: `/v1/public/complaints/${filed.receiptNumber}` });
    },
  });
}

export const handler = middy(serveComplaintFiling, answerBeforeTimeout).use(middlewares).use(corsHeaders(publicCors)).use(httpErrorMapper(observability));
