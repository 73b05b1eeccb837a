/**
 * The ingest function as Lambda runs it (middy chain, environment read at cold start), against
 * DynamoDB Local: a classified record is refused with the security event the stack's metric
 * filters count, in the shape it matches, and the refusal is counted by reason and department,
 * without the record ever reaching the log.
 */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricsNamespace, securityEventLogFields } from '#shared/observability/operational-metrics.ts';
import { environmentNames } from '#shared/topology.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { createTestTables, testClientConfig, type TestTables } from '../../support/dynamodb.ts';

type IngestModule = typeof import('#functions/ingest-records/handler.ts');

const rolePrefix = 'esup-test-department-';
const department = 'haishu-housing';
let ingest: IngestModule;
let written: string;
let db: TestTables;

beforeAll(async () => {
  db = await createTestTables();
  const { endpoint, tables } = db;
  // The handler reads its configuration at import, as at a Lambda cold start; the stack sets the namespace.
  vi.stubEnv('AWS_REGION', testClientConfig.region);
  vi.stubEnv('AWS_ACCESS_KEY_ID', testClientConfig.credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', testClientConfig.credentials.secretAccessKey);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
  vi.stubEnv(environmentNames.tables.cases, tables.cases);
  vi.stubEnv(environmentNames.tables.reference, tables.reference);
  vi.stubEnv(environmentNames.tables.audit, tables.audit);
  vi.stubEnv(environmentNames.tables.security, tables.security);
  vi.stubEnv(environmentNames.queues.records, 'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/esup-test-records');
  vi.stubEnv(environmentNames.departmentRolePrefix, rolePrefix);
  vi.stubEnv(environmentNames.metricsNamespace, metricsNamespace);
  vi.stubEnv(environmentNames.settings.feedStaleAfterHours, '72');
  vi.stubEnv(environmentNames.settings.classifiedMarkers, '');
  ingest = await import('#functions/ingest-records/handler.ts');
});

// The SDK reads region and endpoint when it first sends, so the environment stays until the end.
afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  written = '';
  const capture = (chunk: string | Uint8Array): boolean => {
    written += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const jsonLines = (): Record<string, any>[] =>
  written
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line));

const batchEvent = (records: unknown[]): APIGatewayProxyEvent =>
  ({
    httpMethod: 'POST',
    resource: '/v1/records',
    path: '/v1/records',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ records }),
    isBase64Encoded: false,
    requestContext: { identity: { userArn: `arn:aws-cn:sts::111122223333:assumed-role/${rolePrefix}${department}/session` } },
  }) as unknown as APIGatewayProxyEvent;

const context = { awsRequestId: 'req-classified', functionName: 'esup-test-ingest-records' } as Context;

describe('ingest function: classified records', () => {
  it('logs the security event the metric filter matches, stores it for the security administrator, counts the refusal, and logs nothing of the record', async () => {
    // Prepare
    const secretCase = 'JS-SECRET-0001';
    const classified = {
      kind: 'licensing',
      department,
      matterCode: 'construction-permit',
      caseId: secretCase,
      sequence: 1,
      event: 'received',
      occurredAt: '2026-03-02T09:30:00+08:00',
      classification: '机密',
    };

    // Act
    const response = await ingest.handler(batchEvent([classified]), context);

    // Assess
    expect(response.statusCode).toBe(422);
    const lines = jsonLines();
    const securityEvents = lines.filter((line) => line[securityEventLogFields.field] === 'classifiedRefused');
    expect(securityEvents).toEqual([
      expect.objectContaining({
        level: 'WARN',
        source: 'ingest-records',
        subject: `department:${department}`,
        [securityEventLogFields.countField]: 1,
        function_request_id: 'req-classified',
      }),
    ]);
    expect(typeof securityEvents[0]?.[securityEventLogFields.countField]).toBe('number');
    const stored = await db.documentClient.send(
      new QueryCommand({
        TableName: db.tables.security,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `EVENTS#${shanghaiDate(new Date())}` },
        ConsistentRead: true,
      }),
    );
    expect(stored.Items).toEqual([
      expect.objectContaining({
        kind: 'classifiedRefused',
        source: 'ingest-records',
        subject: `department:${department}`,
        detail: { count: 1, route: 'POST /v1/records' },
      }),
    ]);
    expect(JSON.stringify(stored.Items)).not.toContain(secretCase);
    const byReason = lines.find((line) => line['_aws'] !== undefined && line['reason'] === 'classified');
    expect(byReason).toMatchObject({ service: 'ingest-records', RecordsRefused: 1 });
    expect(byReason?.['_aws'].CloudWatchMetrics[0]).toMatchObject({ Namespace: 'ESupervision', Dimensions: [['service', 'reason']] });
    expect(lines.find((line) => line['_aws'] !== undefined && line['department'] === department && line['RecordsRefused'] !== undefined)).toMatchObject({
      RecordsRefused: 1,
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'batch ingested', department, accepted: 0, refused: 1, refusedByReason: { classified: 1 } }),
    );
    expect(written).not.toContain(secretCase);
    expect(written).not.toContain('机密');
  });
});
