/**
 * The public complaint filing — the one route anyone may call with any body — takes personal
 * data in and cannot read any back. Through the local runtime: a real-name complaint is filed and
 * followed up as before, the filing function's calls are only writes to the oversight table, and
 * with the filing function's own credentials nothing stored about a complainant can be read (the
 * sealed fields with their wrapped key, the sealed notices, the lookup hashes), where the
 * follow-up's credentials read it. Its key grants (no unwrapping) are asserted on the templates in
 * `test/infra/cdk/complaint-filing-privilege.test.ts`.
 */
import { BatchGetItemCommand, DeleteItemCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { oversightPk, oversightStateSk } from '#shared/adapters/dynamodb/oversight-items.ts';
import { callComplaintApi, daysAhead } from '../support/complaint-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { e2eComplainants } from '../support/e2e-complainants.ts';

let started: TestRuntime;
let runtime: LocalRuntime;

const person = e2eComplainants.filingPrivilege;
const realName = { department: 'haishu-housing', category: 'delay', content: '施工许可逾期未办结，权限测试。', realName: true, complainant: person };

beforeAll(async () => {
  // This file calls AWS with the filing function's own credentials: what it does is not the function's use.
  started = await startTestRuntime('filingprivilege', { recordUsage: false });
  runtime = started.runtime;
});

afterAll(async () => {
  await started?.dispose();
});

/** A DynamoDB client calling as a function of the runtime, with its sandbox's credentials. */
const dynamoAs = (functionName: string): DynamoDBClient => {
  const environment = runtime.functionEnvironment(functionName);
  return new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: runtime.region,
    maxAttempts: 1,
    credentials: {
      accessKeyId: environment['AWS_ACCESS_KEY_ID']!,
      secretAccessKey: environment['AWS_SECRET_ACCESS_KEY']!,
      sessionToken: environment['AWS_SESSION_TOKEN']!,
    },
  });
};

const errorName = (outcome: PromiseSettledResult<unknown>): string => (outcome.status === 'rejected' ? (outcome.reason as Error).name : 'fulfilled');

/** Files the real-name complaint, decides on it (so a sealed decision notice is stored) and answers its receipt and token. */
async function fileAndDecide(): Promise<{ receiptNumber: string; queryToken: string }> {
  const filed = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', { body: realName });
  expect(filed.status, JSON.stringify(filed.json)).toBe(201);
  const supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
  const decision = { expectedVersion: 1, accepted: true, handling: { by: 'supervisor', deadline: daysAhead(14) } };
  const decided = await callComplaintApi(runtime.apiUrl, 'POST', `/v1/complaints/${filed.json.receiptNumber}/decision`, { bearer: supervisor, body: decision });
  expect(decided.status, JSON.stringify(decided.json)).toBe(200);
  return filed.json;
}

describe('the public complaint filing', () => {
  it('files a real-name complaint the token holder then follows up, with nothing but allowed writes to the oversight table', async () => {
    // Prepare
    const before = runtime.iamDecisions().length;

    // Act
    const filed = await callComplaintApi(runtime.apiUrl, 'POST', '/v1/public/complaints', { body: realName });
    const status = await callComplaintApi(runtime.apiUrl, 'GET', `/v1/public/complaints/${filed.json?.receiptNumber}`, { queryToken: filed.json?.queryToken });

    // Assess
    expect(filed.status, JSON.stringify(filed.json)).toBe(201);
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ receiptNumber: filed.json.receiptNumber, stage: 'awaitingDecision' });
    const byFiling = runtime
      .iamDecisions()
      .slice(before)
      .filter((decision) => decision.principal === 'complaint-filing');
    const onOversight = byFiling.filter(
      (decision) => decision.action.startsWith('dynamodb:') && decision.resource.endsWith(`:table/${runtime.tables.oversight}`),
    );
    expect(byFiling.filter((decision) => !decision.allowed)).toEqual([]);
    expect(onOversight.length).toBeGreaterThan(0);
    expect([...new Set(onOversight.map((decision) => decision.action))]).toEqual(['dynamodb:PutItem']);
    expect(byFiling.filter((decision) => decision.resource.includes(`:table/${runtime.tables.oversight}/index/`))).toEqual([]);
  });

  it("cannot read a stored complaint with the filing function's own credentials: not its sealed fields and wrapped key, its sealed notice or its lookup hashes, nor delete them", async () => {
    // Prepare
    const { receiptNumber } = await fileAndDecide();
    const pk = { S: oversightPk('complaint', receiptNumber) };
    const table = runtime.tables.oversight;
    const asFiling = dynamoAs('complaint-filing');
    const asFollowUp = dynamoAs('complaint-follow-up');

    // Act
    const attempts = await Promise.allSettled([
      asFiling.send(new GetItemCommand({ TableName: table, Key: { pk, sk: { S: oversightStateSk } } })),
      asFiling.send(new GetItemCommand({ TableName: table, Key: { pk, sk: { S: 'NOTICE#decision' } } })),
      asFiling.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } })),
      asFiling.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'complainantLookup',
          KeyConditionExpression: 'lookupHash = :hash',
          ExpressionAttributeValues: { ':hash': { S: '0'.repeat(64) } },
        }),
      ),
      asFiling.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: [{ pk, sk: { S: oversightStateSk } }] } } })),
      asFiling.send(new DeleteItemCommand({ TableName: table, Key: { pk, sk: { S: 'LOOKUP#1' } } })),
    ]);
    const readByFollowUp = await asFollowUp.send(new GetItemCommand({ TableName: table, Key: { pk, sk: { S: oversightStateSk } } }));
    const noticeByFollowUp = await asFollowUp.send(new GetItemCommand({ TableName: table, Key: { pk, sk: { S: 'NOTICE#decision' } } }));

    // Assess
    expect(attempts.map(errorName)).toEqual(Array(attempts.length).fill('AccessDeniedException'));
    expect(String((attempts[0] as PromiseRejectedResult).reason.message)).toMatch(
      new RegExp(
        `assumed-role/[^/]+-pd-seal-complaint-filing/[^ ]+ is not authorized to perform: dynamodb:GetItem on resource: arn:aws-cn:dynamodb:[^:]+:\\d+:table/${table} because no identity-based policy allows`,
      ),
    );
    expect(readByFollowUp.Item?.['complaint']?.M?.['sealed']?.M?.['wrappedKey']?.S).toEqual(expect.any(String));
    expect(noticeByFollowUp.Item?.['wrappedKey']?.S).toEqual(expect.any(String));
    asFiling.destroy();
    asFollowUp.destroy();
  });
});
