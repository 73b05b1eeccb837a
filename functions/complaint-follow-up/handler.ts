/**
 * The complainant's follow-up of a filed complaint (Art. 19, routes in `shared/topology.ts`): the
 * status and the written notices for the holder of the query token, rating and re-opening. No
 * login: the query token (header `X-Query-Token`, never in the URL) is the only key to a
 * complaint. Filing is another function's (`complaint-filing`), which cannot open personal data;
 * this one can, because a notice is a sealed PDF and a re-opening copies the complainant's fields
 * to the new complaint. Rate limits are the API's (WAF), before this function runs. A city's
 * browser form on an origin listed in `PUBLIC_CORS_ORIGINS` may read every answer, problems
 * included (CORS).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { complaintFollowUpDependenciesFromEnvironment } from '#shared/adapters/public-complaint-dependencies-from-environment.ts';
import {
  PublicComplaintStatus,
  complaintLimits,
  FiledComplaintResponse,
  PublicComplaintPath,
  PublicNoticePath,
  queryTokenHeader,
  RatingBody,
  ReopeningBody,
} from '#shared/api/complaint-contract.ts';
import { rateComplaint } from '#shared/application/complaints/rate-complaint.ts';
import { readComplainantNotice } from '#shared/application/complaints/read-complainant-notice.ts';
import { readComplaintStatus } from '#shared/application/complaints/read-complaint-status.ts';
import { reopenComplaint } from '#shared/application/complaints/reopen-complaint.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse, pdfResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { headerValue } from '#shared/http/header-value.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { publicCors } from '#shared/topology.ts';

const observability = createObservability('complaint-follow-up');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const dependencies = complaintFollowUpDependenciesFromEnvironment();

const tokenOf = (event: APIGatewayProxyEvent): string | undefined => headerValue(event.headers, queryTokenHeader);

export async function serveComplaintFollowUp(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'complaint-follow-up', {
    readComplaintStatus: async (event) => {
      const deps = await dependencies();
      const { receiptNumber } = parseInput(PublicComplaintPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, PublicComplaintStatus.parse(await readComplaintStatus(receiptNumber, tokenOf(event), deps)));
    },
    readComplainantNotice: async (event) => {
      const deps = await dependencies();
      const { receiptNumber, notice } = parseInput(PublicNoticePath, event.pathParameters ?? {}, '/path');
      return pdfResponse(await readComplainantNotice(receiptNumber, tokenOf(event), notice, deps), `${receiptNumber}-${notice}.pdf`);
    },
    rateComplaint: async (event) => {
      const deps = await dependencies();
      const { receiptNumber } = parseInput(PublicComplaintPath, event.pathParameters ?? {}, '/path');
      const body = parseInput(RatingBody, parseJsonBody(event, complaintLimits.maxBodyBytes, screening), '');
      return jsonResponse(201, await rateComplaint(receiptNumber, tokenOf(event), body, deps));
    },
    reopenComplaint: async (event) => {
      const deps = await dependencies();
      const { receiptNumber } = parseInput(PublicComplaintPath, event.pathParameters ?? {}, '/path');
      const { content } = parseInput(ReopeningBody, parseJsonBody(event, complaintLimits.maxBodyBytes, screening), '');
      const reopened = await reopenComplaint(receiptNumber, tokenOf(event), content, deps);
      return jsonResponse(201, FiledComplaintResponse.parse(reopened), { location: `/v1/public/complaints/${reopened.receiptNumber}` });
    },
  });
}

export const handler = middy(serveComplaintFollowUp, answerBeforeTimeout).use(middlewares).use(corsHeaders(publicCors)).use(httpErrorMapper(observability));
