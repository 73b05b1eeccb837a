/**
 * Public complaint intake (Art. 19, routes in `shared/topology.ts`): filing, the status and the
 * notices for the holder of the query token, rating and re-opening. No login: the query token
 * (header `X-Query-Token`, never in the URL) is the only key to a complaint. Rate limits are the
 * API's (usage plan / local throttle), before this function runs.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { personalDataProtectorFrom } from '#shared/adapters/crypto/personal-data-protector-from-environment.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbComplaintRepository } from '#shared/adapters/dynamodb/dynamodb-complaint-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { PdfKitNoticeRenderer } from '#shared/adapters/pdf/pdfkit-notice-renderer.ts';
import { complaintLimits, FileComplaintBody, PublicComplaintPath, PublicNoticePath, queryTokenHeader, RatingBody, ReopeningBody } from '#shared/api/complaint-contract.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import type { ComplaintDependencies } from '#shared/application/complaints/complaint-dependencies.ts';
import { fileComplaint } from '#shared/application/complaints/file-complaint.ts';
import { rateComplaint } from '#shared/application/complaints/rate-complaint.ts';
import { readComplainantNotice } from '#shared/application/complaints/read-complainant-notice.ts';
import { readComplaintStatus } from '#shared/application/complaints/read-complaint-status.ts';
import { reopenComplaint } from '#shared/application/complaints/reopen-complaint.ts';
import type { PersonalDataProtector } from '#shared/application/ports.ts';
import { ComplaintEnvironment, complaintSettingsFrom } from '#shared/config/complaint-environment.ts';
import { OversightEnvironment, PersonalDataEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { parseInput, routeOf } from '#shared/http/request-input.ts';
import { createLogger } from '#shared/observability/logger.ts';

const logger = createLogger('complaint-intake');
const env = readEnvironment(OversightEnvironment);
const keys = readEnvironment(PersonalDataEnvironment);
const settings = complaintSettingsFrom(readEnvironment(ComplaintEnvironment));
const documentClient = createDocumentClient();
const calendars = new CalendarProvider(new DynamoDbCalendarStore(documentClient, env.REFERENCE_TABLE));
const base = {
  complaints: new DynamoDbComplaintRepository(documentClient, env.OVERSIGHT_TABLE),
  renderer: new PdfKitNoticeRenderer(keys.NOTICE_FONT_FILE === undefined ? {} : { fontFile: keys.NOTICE_FONT_FILE }),
  reference: new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE),
  audit: new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE),
  calendar: () => calendars.calendar(),
  clock: () => new Date(),
  settings,
};

// The protector reads its keys once (local files or KMS); a failed start is retried on the next request.
let protector: Promise<PersonalDataProtector> | undefined;
async function dependencies(): Promise<ComplaintDependencies> {
  protector ??= personalDataProtectorFrom(keys).catch((error: unknown) => {
    protector = undefined;
    throw error;
  });
  return { ...base, protector: await protector };
}

const tokenOf = (event: APIGatewayProxyEvent): string | undefined =>
  Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === queryTokenHeader)?.[1] ?? undefined;

/** A PDF as API Gateway returns binary: base64 with `isBase64Encoded` (the API lists application/pdf as binary). */
function pdfResponse(pdf: Uint8Array, fileName: string): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    },
    body: Buffer.from(pdf).toString('base64'),
    isBase64Encoded: true,
  };
}

export async function serveComplaintIntake(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = routeOf(event, 'complaint-intake');
  const deps = await dependencies();
  if (route.path === '/v1/public/complaints') {
    const body = parseInput(FileComplaintBody, parseJsonBody(event, complaintLimits.maxBodyBytes), '');
    const filed = await fileComplaint(body, deps);
    return jsonResponse(201, filed, { location: `/v1/public/complaints/${filed.receiptNumber}` });
  }
  if (route.path === '/v1/public/complaints/{receiptNumber}/notices/{notice}') {
    const { receiptNumber, notice } = parseInput(PublicNoticePath, event.pathParameters ?? {}, '/path');
    return pdfResponse(await readComplainantNotice(receiptNumber, tokenOf(event), notice, deps), `${receiptNumber}-${notice}.pdf`);
  }
  const { receiptNumber } = parseInput(PublicComplaintPath, event.pathParameters ?? {}, '/path');
  if (route.path === '/v1/public/complaints/{receiptNumber}/rating') {
    const body = parseInput(RatingBody, parseJsonBody(event, complaintLimits.maxBodyBytes), '');
    return jsonResponse(201, await rateComplaint(receiptNumber, tokenOf(event), body, deps));
  }
  if (route.path === '/v1/public/complaints/{receiptNumber}/reopening') {
    const { content } = parseInput(ReopeningBody, parseJsonBody(event, complaintLimits.maxBodyBytes), '');
    const reopened = await reopenComplaint(receiptNumber, tokenOf(event), content, deps);
    return jsonResponse(201, reopened, { location: `/v1/public/complaints/${reopened.receiptNumber}` });
  }
  return jsonResponse(200, await readComplaintStatus(receiptNumber, tokenOf(event), deps));
}

export const handler = middy(serveComplaintIntake).use(httpErrorMapper(logger));
