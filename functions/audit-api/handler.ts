/** The auditor's reads of the audit trail (routes in `shared/topology.ts`: role `auditor` only). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { DynamoDbAuditEntries } from '#shared/adapters/dynamodb/dynamodb-audit-entries.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { createKmsClient, KmsDigestVerifier } from '#shared/adapters/kms/kms-digest-keys.ts';
import { createS3Client, S3DigestStore } from '#shared/adapters/s3/s3-digest-store.ts';
import { AuditEntryPageResponse, AuditVerificationQuery, AuditVerificationResponse, ListAuditEntriesQuery } from '#shared/api/audit-contract.ts';
import { listAuditEntries, verifyAuditDayForAuditor } from '#shared/application/audit/read-audit-trail.ts';
import { AuditTrailEnvironment } from '#shared/config/audit-environment.ts';
import { readEnvironment } from '#shared/config/function-environment.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames, staffCors } from '#shared/topology.ts';

const observability = createObservability('audit-api');
const { middlewares, securityEvents } = observability;
const env = readEnvironment(AuditTrailEnvironment);
const documentClient = createDocumentClient();
const dependencies = {
  entries: new DynamoDbAuditEntries(documentClient, env[environmentNames.tables.audit]),
  digests: new S3DigestStore(createS3Client(), env[environmentNames.auditDigestBucket]),
  verifier: new KmsDigestVerifier(createKmsClient(), env[environmentNames.auditSigningKey]),
  audit: new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]),
  // The log line (counted) and the security administrator's store.
  securityEvents,
  clock: () => new Date(),
};

export async function serveAuditTrail(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'audit-api', {
    listAuditEntries: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseInput(ListAuditEntriesQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, AuditEntryPageResponse.parse(await listAuditEntries(principal, query, dependencies)));
    },
    verifyAuditDay: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { day } = parseInput(AuditVerificationQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, AuditVerificationResponse.parse(await verifyAuditDayForAuditor(principal, day, dependencies)));
    },
  });
}

export const handler = middy(serveAuditTrail, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
