/**
 * Complaint handling for supervisors and department liaisons (Art. 19, routes in
 * `shared/topology.ts`): queues, detail and timeline, the decision, results, reviews, the
 * complainant's identity, written notices and their delivery, searches by ID number or phone.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { complaintDependenciesFromEnvironment } from '#shared/adapters/complaint-dependencies-from-environment.ts';
import {
  ComplaintSearchResponse,
  ComplaintChangedResponse,
  ComplainantIdentityResponse,
  ComplaintDetailResponse,
  ComplaintQueuePageResponse,
  ComplaintNoticePath,
  ComplaintPath,
  ComplaintSearchBody,
  complaintLimits,
  DecisionBody,
  DeliveryBody,
  IdentityBody,
  ListComplaintsQuery,
  ResultBody,
  ReviewBody,
} from '#shared/api/complaint-contract.ts';
import type { ComplaintDependencies } from '#shared/application/complaints/complaint-dependencies.ts';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { listComplaints } from '#shared/application/complaints/list-complaints.ts';
import { readComplaint } from '#shared/application/complaints/read-complaint.ts';
import { readComplaintNotice } from '#shared/application/complaints/read-complaint-notice.ts';
import { recordNoticeDelivery } from '#shared/application/complaints/record-notice-delivery.ts';
import { reportComplaintResult } from '#shared/application/complaints/report-complaint-result.ts';
import { revealComplainantIdentity } from '#shared/application/complaints/reveal-complainant-identity.ts';
import { reviewComplaintResult } from '#shared/application/complaints/review-complaint-result.ts';
import { searchComplaints } from '#shared/application/complaints/search-complaints.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse, pdfResponse } from '#shared/http/http-response.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch, type Operation } from '#shared/http/operation-dispatch.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { staffCors } from '#shared/topology.ts';

const observability = createObservability('complaints-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const dependencies = complaintDependenciesFromEnvironment();

const body = (event: APIGatewayProxyEvent): unknown => parseJsonBody(event, complaintLimits.maxBodyBytes, screening);

/** A staff operation of this function: the caller held to the route's roles, the dependencies ready. */
const staffOperation =
  (answer: (event: APIGatewayProxyEvent, principal: StaffPrincipal, deps: ComplaintDependencies) => Promise<APIGatewayProxyResult>): Operation =>
  async (event, route) => {
    const principal = staffPrincipalOf(event, route);
    return answer(event, principal, await dependencies());
  };

const receiptNumberOf = (event: APIGatewayProxyEvent): string => parseInput(ComplaintPath, event.pathParameters ?? {}, '/path').receiptNumber;
const noticeOf = (event: APIGatewayProxyEvent) => parseInput(ComplaintNoticePath, event.pathParameters ?? {}, '/path');

export async function serveComplaints(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'complaints-api', {
    listComplaints: staffOperation(async (event, principal, deps) => {
      const query = parseInput(ListComplaintsQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, ComplaintQueuePageResponse.parse(await listComplaints(principal, query, deps)));
    }),
    searchComplaints: staffOperation(async (event, principal, deps) =>
      jsonResponse(200, ComplaintSearchResponse.parse(await searchComplaints(principal, parseInput(ComplaintSearchBody, body(event), ''), deps))),
    ),
    readComplaintNotice: staffOperation(async (event, principal, deps) => {
      const { receiptNumber, notice } = noticeOf(event);
      return pdfResponse(await readComplaintNotice(principal, receiptNumber, notice, deps), `${receiptNumber}-${notice}.pdf`);
    }),
    recordNoticeDelivery: staffOperation(async (event, principal, deps) => {
      const { receiptNumber, notice } = noticeOf(event);
      return jsonResponse(
        200,
        ComplaintChangedResponse.parse(await recordNoticeDelivery(principal, receiptNumber, notice, parseInput(DeliveryBody, body(event), ''), deps)),
      );
    }),
    readComplaint: staffOperation(async (event, principal, deps) =>
      jsonResponse(200, ComplaintDetailResponse.parse(await readComplaint(principal, receiptNumberOf(event), deps))),
    ),
    decideOnComplaint: staffOperation(async (event, principal, deps) => {
      const receiptNumber = receiptNumberOf(event);
      return jsonResponse(
        200,
        ComplaintChangedResponse.parse(await decideOnComplaint(principal, receiptNumber, parseInput(DecisionBody, body(event), ''), deps)),
      );
    }),
    reportComplaintResult: staffOperation(async (event, principal, deps) => {
      const receiptNumber = receiptNumberOf(event);
      return jsonResponse(
        200,
        ComplaintChangedResponse.parse(await reportComplaintResult(principal, receiptNumber, parseInput(ResultBody, body(event), ''), deps)),
      );
    }),
    reviewComplaintResult: staffOperation(async (event, principal, deps) => {
      const receiptNumber = receiptNumberOf(event);
      return jsonResponse(
        200,
        ComplaintChangedResponse.parse(await reviewComplaintResult(principal, receiptNumber, parseInput(ReviewBody, body(event), ''), deps)),
      );
    }),
    revealComplainantIdentity: staffOperation(async (event, principal, deps) => {
      const receiptNumber = receiptNumberOf(event);
      const { purpose } = parseInput(IdentityBody, body(event), '');
      return jsonResponse(200, ComplainantIdentityResponse.parse(await revealComplainantIdentity(principal, receiptNumber, purpose, deps)));
    }),
  });
}

export const handler = middy(serveComplaints, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
