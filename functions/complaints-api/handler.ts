/**
 * Complaint handling for supervisors and department liaisons (Art. 19, routes in
 * `shared/topology.ts`): queues, detail and timeline, the decision, results, reviews, the
 * complainant's identity, written notices and their delivery, searches by ID number or phone.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalFrom } from '#shared/access/staff-principal.ts';
import { complaintDependenciesFromEnvironment } from '#shared/adapters/complaint-dependencies-from-environment.ts';
import {
  ComplaintDetailResponse,
  ComplaintNoticePath,
  ComplaintPath,
  ComplaintQueuePageResponse,
  ComplaintSearchBody,
  complaintLimits,
  DecisionBody,
  DeliveryBody,
  IdentityBody,
  ListComplaintsQuery,
  ResultBody,
  ReviewBody,
} from '#shared/api/complaint-contract.ts';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { listComplaints } from '#shared/application/complaints/list-complaints.ts';
import { readComplaint } from '#shared/application/complaints/read-complaint.ts';
import { readComplaintNotice } from '#shared/application/complaints/read-complaint-notice.ts';
import { recordNoticeDelivery } from '#shared/application/complaints/record-notice-delivery.ts';
import { reportComplaintResult } from '#shared/application/complaints/report-complaint-result.ts';
import { revealComplainantIdentity } from '#shared/application/complaints/reveal-complainant-identity.ts';
import { reviewComplaintResult } from '#shared/application/complaints/review-complaint-result.ts';
import { searchComplaints } from '#shared/application/complaints/search-complaints.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse, pdfResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { parseInput, routeOf } from '#shared/http/request-input.ts';
import { createObservability } from '#shared/observability/function-observability.ts';

const observability = createObservability('complaints-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const dependencies = complaintDependenciesFromEnvironment();

const body = (event: APIGatewayProxyEvent): unknown => parseJsonBody(event, complaintLimits.maxBodyBytes, screening);

export async function serveComplaints(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = routeOf(event, 'complaints-api');
  const principal = staffPrincipalFrom(event.requestContext?.authorizer, route.roles);
  const deps = await dependencies();
  if (route.path === '/v1/complaints') {
    const query = parseInput(ListComplaintsQuery, event.queryStringParameters ?? {}, '/query');
    return jsonResponse(200, ComplaintQueuePageResponse.parse(await listComplaints(principal, query, deps)));
  }
  if (route.path === '/v1/complaint-searches') {
    return jsonResponse(200, await searchComplaints(principal, parseInput(ComplaintSearchBody, body(event), ''), deps));
  }
  if (route.path.startsWith('/v1/complaints/{receiptNumber}/notices/{notice}')) {
    const { receiptNumber, notice } = parseInput(ComplaintNoticePath, event.pathParameters ?? {}, '/path');
    if (route.method === 'GET') return pdfResponse(await readComplaintNotice(principal, receiptNumber, notice, deps), `${receiptNumber}-${notice}.pdf`);
    return jsonResponse(200, await recordNoticeDelivery(principal, receiptNumber, notice, parseInput(DeliveryBody, body(event), ''), deps));
  }
  const { receiptNumber } = parseInput(ComplaintPath, event.pathParameters ?? {}, '/path');
  switch (route.path) {
    case '/v1/complaints/{receiptNumber}/decision':
      return jsonResponse(200, await decideOnComplaint(principal, receiptNumber, parseInput(DecisionBody, body(event), ''), deps));
    case '/v1/complaints/{receiptNumber}/result':
      return jsonResponse(200, await reportComplaintResult(principal, receiptNumber, parseInput(ResultBody, body(event), ''), deps));
    case '/v1/complaints/{receiptNumber}/review':
      return jsonResponse(200, await reviewComplaintResult(principal, receiptNumber, parseInput(ReviewBody, body(event), ''), deps));
    case '/v1/complaints/{receiptNumber}/identity': {
      const { purpose } = parseInput(IdentityBody, body(event), '');
      return jsonResponse(200, await revealComplainantIdentity(principal, receiptNumber, purpose, deps));
    }
    default:
      return jsonResponse(200, ComplaintDetailResponse.parse(await readComplaint(principal, receiptNumber, deps)));
  }
}

export const handler = middy(serveComplaints, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
